/* dynlib.c - a shared library opened when first needed (see dynlib.h). */
#include "bcreport/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

const char *bc_dynlib_open(bc_dynlib *lib, const bc_dynlib_symbol *symbols,
                           size_t count)
{
    if (lib->handle)
        return NULL;
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return dlerror();
    for (size_t i = 0; i < count; i++) {
        void *sym = dlsym(handle, symbols[i].name);
        if (!sym) {
            /* Kept before dlclose, which may reuse dlerror's text. */
            static char why[512];
            const char *e = dlerror();
            snprintf(why, sizeof why, "%s", e ? e : symbols[i].name);
            dlclose(handle);
            return why;
        }
        /* POSIX lets a dlsym result stand for a function. */
        memcpy(symbols[i].slot, &sym, sizeof sym);
    }
    lib->handle = handle;
    return NULL;
}

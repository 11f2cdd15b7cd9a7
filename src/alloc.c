/* alloc.c - allocation wrappers that exit on failure (see alloc.h). */
#include "bcreport/alloc.h"
#include "bcreport/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/diag.h"

_Noreturn void bc_out_of_memory(void)
{
    fputs(_("bcreport: error: out of memory\n"), stderr);
    exit(BC_EX_OSERR);
}

void *bc_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

void *bc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

void *bc_xreallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        bc_out_of_memory();
    size_t bytes = count * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

char *bc_xstrndup(const char *s, size_t n)
{
    if (n == SIZE_MAX)
        bc_out_of_memory();
    char *p = bc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_xstrdup(const char *s)
{
    return bc_xstrndup(s, strlen(s));
}

/* paths.c - where bcreport's own files are (see paths.h). */
#include "bcreport/paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BC_BINDIR
#define BC_BINDIR "/usr/local/bin"
#endif
#ifndef BC_TEMPLATEDIR
#define BC_TEMPLATEDIR "/usr/local/share/bcreport/templates"
#endif

bool bc_program_folder(const char *argv0, bc_buf *out)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *path = argv0;
    if (n > 0) {
        exe[n] = '\0';
        path = exe;
    }
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return false;
    bc_buf_append(out, path, slash == path ? 1 : (size_t)(slash - path));
    return true;
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether two paths name the same existing folder. */
static bool same_folder(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && S_ISDIR(sa.st_mode) &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool bc_installed_template_dir(bc_buf *out)
{
    bc_buf here = BC_BUF_INIT, beside = BC_BUF_INIT;
    const char *found = NULL;
    if (bc_program_folder(NULL, &here)) {
        bc_buf_printf(&beside, "%s/../share/bcreport/templates", here.ptr);
        if (is_folder(beside.ptr))
            found = beside.ptr;
        else if (same_folder(here.ptr, BC_BINDIR) && is_folder(BC_TEMPLATEDIR))
            found = BC_TEMPLATEDIR;
    }
    /* without "bin/..": diagnostics name the template's real path */
    char *real = found ? realpath(found, NULL) : NULL;
    if (found)
        bc_buf_puts(out, real ? real : found);
    free(real);
    bc_buf_fini(&here);
    bc_buf_fini(&beside);
    return found != NULL;
}

/* io.c - reading input files (see io.h). */
#include "bcreport/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/buf.h"

const char *bc_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

char *bc_read_file(const char *path, size_t max_size, size_t *len,
                   bc_diags *diags)
{
    const char *name = bc_display_name(path);
    bc_pos pos = {name, 0, 0};
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, pos, "cannot open: %s",
                    strerror(errno));
        return NULL;
    }
    bc_buf b = BC_BUF_INIT;
    char chunk[65536];
    size_t n;
    bool too_large = false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > max_size - b.len) {
            too_large = true;
            break;
        }
        bc_buf_append(&b, chunk, n);
    }
    /* A directory opens fine but fails to read with EISDIR. */
    int read_error = ferror(f) ? errno : 0;
    if (!is_stdin)
        fclose(f);
    if (too_large) {
        bc_diag_error(diags, pos,
                      "file is larger than the limit of %zu bytes", max_size);
    } else if (read_error) {
        bc_diag_add(diags, BC_ERROR,
                    read_error == EISDIR ? BC_EX_NOINPUT : BC_EX_IOERR, pos,
                    "cannot read: %s", strerror(read_error));
    } else {
        return bc_buf_detach(&b, len);
    }
    bc_buf_fini(&b);
    return NULL;
}

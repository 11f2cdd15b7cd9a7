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

bc_read_result bc_read_into(const char *path, size_t max_size, bc_buf *out,
                            int *error_number)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    *error_number = 0;
    if (!f) {
        *error_number = errno;
        return errno == ENOENT || errno == ENOTDIR ? BC_READ_MISSING
                                                   : BC_READ_CANNOT_OPEN;
    }
    size_t start = out->len;
    char chunk[65536];
    size_t n;
    bc_read_result result = BC_READ_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > max_size - (out->len - start)) {
            result = BC_READ_TOO_LARGE;
            break;
        }
        bc_buf_append(out, chunk, n);
    }
    if (result == BC_READ_OK && ferror(f)) {
        *error_number = errno;
        /* A folder opens fine, then fails to read with EISDIR. */
        result = errno == EISDIR ? BC_READ_CANNOT_OPEN : BC_READ_FAILED;
    }
    if (!is_stdin)
        fclose(f);
    return result;
}

char *bc_read_file(const char *path, size_t max_size, size_t *len,
                   bc_diags *diags)
{
    bc_pos pos = {bc_display_name(path), 0, 0};
    bc_buf b = BC_BUF_INIT;
    int error_number;
    switch (bc_read_into(path, max_size, &b, &error_number)) {
    case BC_READ_OK:
        return bc_buf_detach(&b, len);
    case BC_READ_MISSING:
    case BC_READ_CANNOT_OPEN:
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, pos, "cannot open: %s",
                    strerror(error_number));
        break;
    case BC_READ_TOO_LARGE:
        bc_diag_error(diags, pos, "file is larger than the limit of %zu bytes",
                      max_size);
        break;
    case BC_READ_FAILED:
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos, "cannot read: %s",
                    strerror(error_number));
        break;
    }
    bc_buf_fini(&b);
    return NULL;
}

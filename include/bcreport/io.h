/*
 * io.h - reading input files.
 *
 * bc_read_file reads a whole file, or standard input for "-", into a
 * malloc'd buffer the caller frees.  It stops with an error (and frees what
 * it read) when the file is larger than max_size bytes, so a huge or endless
 * input cannot exhaust memory.  Errors go to diags: cannot open (status 66),
 * read error (74), too large (65).
 */
#ifndef BC_IO_H
#define BC_IO_H

#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

typedef enum bc_read_result {
    BC_READ_OK,
    BC_READ_MISSING,     /* no such file (ENOENT, ENOTDIR) */
    BC_READ_CANNOT_OPEN, /* no permission, a folder, ...: *error_number */
    BC_READ_TOO_LARGE,   /* more than max_size bytes */
    BC_READ_FAILED       /* opened, but reading failed: *error_number */
} bc_read_result;

/* The layer under bc_read_file: appends the contents of path ("-" for
 * standard input) to out and reports what happened, without diagnostics.
 * On failure out may hold part of the file. */
bc_read_result bc_read_into(const char *path, size_t max_size, bc_buf *out,
                            int *error_number);

/* Returns the contents (NUL-terminated; *len excludes the NUL), or NULL
 * after adding an error to diags. */
char *bc_read_file(const char *path, size_t max_size, size_t *len,
                   bc_diags *diags);

/* The name to show for path in diagnostics: "<stdin>" for "-". */
const char *bc_display_name(const char *path);

#endif

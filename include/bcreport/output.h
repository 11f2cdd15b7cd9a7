/*
 * output.h - writing output files safely.
 *
 * bc_write_file_atomic writes data to path through a temporary file in the
 * same folder, flushed to disk and then renamed over path, so a failed or
 * interrupted build never leaves a half-written or emptied file: the old
 * file stays until the new one is complete.  It refuses to write onto the
 * input file (the same file by device and inode, whatever the path), and
 * onto anything that is not a regular file (a device such as /dev/null, a
 * pipe, a folder), which the rename would destroy; a symbolic link is
 * followed and the file it points to replaced.  A new
 * file gets the permissions of a file created normally (0666 less the
 * umask); an existing file keeps its own.
 *
 * Errors go to diags: cannot create (status 73), write failure (74), the
 * output is the input (64).
 */
#ifndef BC_OUTPUT_H
#define BC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/diag.h"

/* input_path may be NULL or "-" (nothing to protect). */
bool bc_write_file_atomic(const char *path, const char *data, size_t len,
                          const char *input_path, bc_diags *diags);

#endif

/*
 * output.h - writing output files safely.
 *
 * bc_write_file_atomic writes data to path through a temporary file in the
 * same folder, flushed to disk and then renamed over path, so a failed or
 * interrupted build never leaves a half-written or emptied file: the old
 * file stays until the new one is complete.  SIGINT, SIGTERM and SIGHUP
 * during the write remove the temporary file before the program dies of
 * them.  A caller that has blocked those signals keeps them blocked (the
 * mask is put back, not cleared): they wait until the write is over,
 * which is how build --watch (watch.h) ends cleanly when one comes
 * during a write.
 *
 * It refuses to replace:
 *  - a file this program has read (io.h: the data file, standard input,
 *    templates; the same file by device and inode, whatever the path);
 *  - anything that is not a regular file (a device such as /dev/null, a
 *    pipe, a folder), which the rename would destroy;
 *  - a file the user may not write (read-only), as writing it in place
 *    would have failed.
 * A symbolic link is followed and the file it points to replaced.  A new
 * file gets the permissions of a file created normally (0666 less the
 * umask); a replaced file keeps its permissions, and its owner and group
 * where the system allows.
 *
 * Errors go to diags: the output is an input (status 64), cannot create
 * (73), write failure (74); out of memory exits with 71.
 */
#ifndef BC_OUTPUT_H
#define BC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/diag.h"

bool bc_write_file_atomic(const char *path, const char *data, size_t len,
                          bc_diags *diags);

#endif

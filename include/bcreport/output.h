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

/* The same in pieces, as a document is rendered, so that it is never
 * held whole: bc_output_open makes nothing; the pieces are held up to 64
 * KiB, past which the temporary file is made (or an error says why it
 * cannot be) and written; bc_output_commit writes it (an empty file when
 * nothing was written), flushes it and renames it over path,
 * bc_output_abort removes it, and either frees the bc_output.  A
 * document of 64 KiB or less is written whole at commit, as
 * bc_write_file_atomic writes it: the caller allocates nothing while its
 * temporary file exists.
 * After an error (reported once) every later call does nothing and
 * commit returns false.  Until commit or abort, a fatal signal or exit()
 * removes the temporary file.  One output at a time. */
typedef struct bc_output bc_output;
bc_output *bc_output_open(const char *path, bc_diags *diags);
bool bc_output_write(bc_output *o, const char *data, size_t len);
/* bc_output_write as a bc_render_sink (template.h), output a bc_output. */
bool bc_output_sink(void *output, const char *data, size_t len);
bool bc_output_commit(bc_output *o);
void bc_output_abort(bc_output *o);
/* Whether writing o has failed (its error reported). */
bool bc_output_failed(const bc_output *o);

#endif

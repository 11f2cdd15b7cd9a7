/*
 * io.h - reading input files, and writing all of a buffer.
 *
 * bc_read_file reads a whole file, or standard input for "-", into a
 * malloc'd buffer the caller frees.  It stops with an error (and frees what
 * it read) when the file is larger than max_size bytes, so a huge or endless
 * input cannot exhaust memory.  Errors go to diags: cannot open (status 66),
 * read error (74), too large (65); out of memory exits with 71 (alloc.h).
 *
 * Every regular file read, standard input included, is remembered by its
 * identity (device and inode) until bc_io_forget_inputs, so that an output
 * can never replace a file the program has read (output.c asks
 * bc_io_input_named before it renames its temporary file).
 *
 * An observer set with bc_io_observe is told the path of every file
 * bc_read_into is asked for, found or not: bcreport build --watch
 * (watch.h) watches exactly the files a build read or looked for.
 */
#ifndef BC_IO_H
#define BC_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

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

/* The display name of the file read earlier that st identifies (the same
 * device and inode, whatever the path), or NULL when none was read. */
const char *bc_io_input_named(const struct stat *st);

/* Calls fn(path, ctx) for every path given to bc_read_into from now on,
 * before it is opened (standard input's "-" included); NULL stops. */
typedef void (*bc_io_observer)(const char *path, void *ctx);
void bc_io_observe(bc_io_observer fn, void *ctx);

/* Forgets the files read so far and frees what remembering them took. */
void bc_io_forget_inputs(void);

/* The name to show for path in diagnostics: "<stdin>" for "-". */
const char *bc_display_name(const char *path);

/* Writes all len bytes of data to fd, again after a short write or an
 * interrupted one (EINTR); false with errno set when writing fails. */
bool bc_write_all(int fd, const char *data, size_t len);

#endif

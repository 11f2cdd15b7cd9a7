/*
 * zip.h - a ZIP archive made in memory, the same bytes on every run.
 *
 * The only module that sees libzip.  Entries are stored in the order they
 * are added, deflated at level 9, each dated 1980-01-01 00:00 (a DOS date,
 * set directly: libzip's mtime setter goes through the local time zone),
 * made by Unix with mode 0644, without extra fields, comment or folder
 * entries.  The archive is handed back as bytes, for output.c to write
 * atomically: libzip writing the file itself would bypass -o's promises.
 *
 * Memory: bc_zip_add copies the data; the archive and every copy are
 * freed by bc_zip_finish (which appends the archive to out) or
 * bc_zip_free.  libzip reports out of memory as an error (EX_OSERR).
 */
#ifndef BC_ZIP_H
#define BC_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

typedef struct bc_zip bc_zip;

/* A new, empty archive; NULL after a diagnostic. */
bc_zip *bc_zip_new(bc_diags *diags);

/* Adds an entry called name (ASCII, '/' between folders) holding len
 * bytes of data; false after a diagnostic. */
bool bc_zip_add(bc_zip *z, const char *name, const void *data, size_t len,
                bc_diags *diags);

/* Closes the archive, appends its bytes to out and frees z; false after
 * a diagnostic (z is freed either way). */
bool bc_zip_finish(bc_zip *z, bc_buf *out, bc_diags *diags);

/* Frees an archive not finished; NULL is a no-op. */
void bc_zip_free(bc_zip *z);

#endif

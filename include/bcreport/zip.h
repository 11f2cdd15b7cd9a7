/*
 * zip.h - a ZIP archive made in memory, the same bytes on every run;
 * and one read back, each entry checked (bc_zip_read).
 *
 * The only module that sees zlib.  Entries are stored in the order they
 * are added, deflated (zlib's default level, 6), each dated 1980-01-01
 * 00:00 (a DOS date), made by Unix with mode 0644, without extra fields,
 * comment, folder entries or data descriptors.  The archive is handed
 * back as bytes, for output.c to write atomically.  An entry or an
 * archive past 2 GiB, or past 65 535 entries, is refused (no ZIP64).
 *
 * An entry is added whole (bc_zip_add) or written in pieces as it is
 * made (bc_zip_begin, bc_zip_write..., bc_zip_end): a DOCX's document is
 * deflated while its template renders, never held in full.  The bytes do
 * not depend on how an entry is cut into pieces: zlib's deflate waits
 * for input to look ahead into until it is told to finish (a property of
 * zlib, not of the ZIP format; test_docx checks it against one deflate
 * call).
 *
 * Memory: the archive grows in z until bc_zip_finish (which appends it to
 * out) or bc_zip_free; zlib allocates through alloc.h, so running out of
 * memory exits with 71 as everywhere else.
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

/* An entry written in pieces: begin it (name, ASCII, is the caller's and
 * must live until bc_zip_end), write its bytes in any number of pieces,
 * end it.  One entry at a time; false after a diagnostic, after which z
 * is only to be freed. */
bool bc_zip_begin(bc_zip *z, const char *name, bc_diags *diags);
bool bc_zip_write(bc_zip *z, const void *data, size_t len, bc_diags *diags);
bool bc_zip_end(bc_zip *z, bc_diags *diags);

/* Closes the archive, appends its bytes to out and frees z; false after
 * a diagnostic (z is freed either way). */
bool bc_zip_finish(bc_zip *z, bc_buf *out, bc_diags *diags);

/* Frees an archive not finished; NULL is a no-op. */
void bc_zip_free(bc_zip *z);

/* Reading an archive back (a workbook that libxlsxwriter made, checked
 * before it replaces a file, xlsx.c): fn gets each entry of the central
 * directory in its order, its name (name_len bytes, not NUL-terminated)
 * and its bytes, inflated or stored, checked against the directory's
 * size and CRC-32; fn returns false for an entry it finds incomplete.
 * NULL when every entry is whole, else a phrase (English, to translate
 * with _()) saying what is not.  ZIP64 and encrypted archives are not
 * read.  Running out of memory exits with 71. */
typedef bool (*bc_zip_entry_fn)(void *ctx, const char *name,
                                size_t name_len, const char *data,
                                size_t len);
const char *bc_zip_read(const void *archive, size_t len, bc_zip_entry_fn fn,
                        void *ctx);

#endif

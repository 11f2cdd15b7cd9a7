/* zip.c - a reproducible ZIP archive in memory, with libzip (see
 * zip.h). */
#include "bcreport/zip.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "bcreport/alloc.h"
#include "bcreport/chars.h"
#include "bcreport/dynlib.h"

/*
 * libzip is opened when the first archive is made, not when bcreport
 * starts: it brings libcrypto, whose 21 000 relocations, bound at load
 * (BIND_NOW), cost more than reading and building a whole report to
 * Markdown (measured: 3.5 million instructions of the dynamic linker, 40 %
 * of building the example).  Only a DOCX pays for them now.  The name is
 * the one the library gives itself (its SONAME, from the Makefile).
 */
#ifndef BC_LIBZIP_SONAME
#define BC_LIBZIP_SONAME "libzip.so.4"
#endif

static struct {
    zip_t *(*open_from_source)(zip_source_t *, int, zip_error_t *);
    int (*close)(zip_t *);
    void (*discard)(zip_t *);
    zip_error_t *(*get_error)(zip_t *);
    int (*error_code_zip)(const zip_error_t *);
    void (*error_init)(zip_error_t *);
    void (*error_fini)(zip_error_t *);
    const char *(*error_strerror)(zip_error_t *);
    zip_int64_t (*file_add)(zip_t *, const char *, zip_source_t *,
                            zip_flags_t);
    int (*file_set_dostime)(zip_t *, zip_uint64_t, zip_uint16_t,
                            zip_uint16_t, zip_flags_t);
    int (*file_set_external_attributes)(zip_t *, zip_uint64_t, zip_flags_t,
                                        zip_uint8_t, zip_uint32_t);
    int (*set_file_compression)(zip_t *, zip_uint64_t, zip_int32_t,
                                zip_uint32_t);
    zip_source_t *(*source_buffer)(zip_t *, const void *, zip_uint64_t, int);
    zip_source_t *(*source_buffer_create)(const void *, zip_uint64_t, int,
                                          zip_error_t *);
    int (*source_close)(zip_source_t *);
    zip_error_t *(*source_error)(zip_source_t *);
    void (*source_free)(zip_source_t *);
    void (*source_keep)(zip_source_t *);
    int (*source_open)(zip_source_t *);
    zip_int64_t (*source_read)(zip_source_t *, void *, zip_uint64_t);
    int (*source_stat)(zip_source_t *, zip_stat_t *);
    void (*stat_init)(zip_stat_t *);
} lib;

#define SYMBOL(f) {"zip_" #f, &lib.f}
static const bc_dynlib_symbol symbols[] = {
    SYMBOL(open_from_source), SYMBOL(close), SYMBOL(discard),
    SYMBOL(get_error), SYMBOL(error_code_zip), SYMBOL(error_init),
    SYMBOL(error_fini), SYMBOL(error_strerror), SYMBOL(file_add),
    SYMBOL(file_set_dostime), SYMBOL(file_set_external_attributes),
    SYMBOL(set_file_compression), SYMBOL(source_buffer),
    SYMBOL(source_buffer_create), SYMBOL(source_close), SYMBOL(source_error),
    SYMBOL(source_free), SYMBOL(source_keep), SYMBOL(source_open),
    SYMBOL(source_read), SYMBOL(source_stat), SYMBOL(stat_init),
};
#undef SYMBOL

static bc_dynlib libzip = {BC_LIBZIP_SONAME, NULL};

/* Opens libzip once; false after a diagnostic (status 69, as for a missing
 * PDF engine: a program bcreport needs is not there). */
static bool load_libzip(bc_diags *diags)
{
    const char *why = bc_dynlib_open(&libzip, symbols, BC_COUNT(symbols));
    if (!why)
        return true;
    bc_pos nowhere = {NULL, 0, 0};
    bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, nowhere,
                _("cannot load %s to make the DOCX (%s); install the Debian "
                  "package libzip4"),
                BC_LIBZIP_SONAME, why);
    return false;
}

/* The code below calls libzip by its own names, through the table. */
#define zip_open_from_source lib.open_from_source
#define zip_close lib.close
#define zip_discard lib.discard
#define zip_get_error lib.get_error
#define zip_error_code_zip lib.error_code_zip
#define zip_error_init lib.error_init
#define zip_error_fini lib.error_fini
#define zip_error_strerror lib.error_strerror
#define zip_file_add lib.file_add
#define zip_file_set_dostime lib.file_set_dostime
#define zip_file_set_external_attributes lib.file_set_external_attributes
#define zip_set_file_compression lib.set_file_compression
#define zip_source_buffer lib.source_buffer
#define zip_source_buffer_create lib.source_buffer_create
#define zip_source_close lib.source_close
#define zip_source_error lib.source_error
#define zip_source_free lib.source_free
#define zip_source_keep lib.source_keep
#define zip_source_open lib.source_open
#define zip_source_read lib.source_read
#define zip_source_stat lib.source_stat
#define zip_stat_init lib.stat_init

struct bc_zip {
    zip_source_t *memory; /* the archive's bytes, kept after zip_close */
    zip_t *archive;
};

/* 1980-01-01 00:00:00, the earliest DOS date: (year - 1980) << 9 | month
 * << 5 | day, and time 0.  Word writes it too. */
#define DOS_DATE ((0u << 9) | (1u << 5) | 1u)
#define DOS_TIME 0u

static void zip_failed(bc_diags *diags, const char *what, zip_error_t *e)
{
    bool memory = zip_error_code_zip(e) == ZIP_ER_MEMORY;
    bc_pos nowhere = {NULL, 0, 0};
    bc_diag_add(diags, BC_ERROR, memory ? BC_EX_OSERR : BC_EX_SOFTWARE,
                nowhere, _("cannot make the ZIP archive (%s): %s"), what,
                zip_error_strerror(e));
}

bc_zip *bc_zip_new(bc_diags *diags)
{
    if (!load_libzip(diags))
        return NULL;
    zip_error_t error;
    zip_error_init(&error);
    bc_zip *z = bc_xcalloc(1, sizeof *z);
    z->memory = zip_source_buffer_create(NULL, 0, 0, &error);
    if (z->memory)
        z->archive = zip_open_from_source(z->memory, ZIP_TRUNCATE, &error);
    if (!z->archive) {
        zip_failed(diags, "opening", &error);
        zip_source_free(z->memory);
        zip_error_fini(&error);
        free(z);
        return NULL;
    }
    zip_source_keep(z->memory); /* zip_close would free it */
    zip_error_fini(&error);
    return z;
}

bool bc_zip_add(bc_zip *z, const char *name, const void *data, size_t len,
                bc_diags *diags)
{
    void *copy = bc_xmalloc(len ? len : 1);
    memcpy(copy, data, len);
    zip_source_t *src = zip_source_buffer(z->archive, copy, len, 1);
    if (!src) {
        free(copy);
        zip_failed(diags, name, zip_get_error(z->archive));
        return false;
    }
    zip_int64_t i = zip_file_add(z->archive, name, src, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(src); /* frees copy */
        zip_failed(diags, name, zip_get_error(z->archive));
        return false;
    }
    zip_uint64_t at = (zip_uint64_t)i;
    if (zip_file_set_dostime(z->archive, at, DOS_TIME, DOS_DATE, 0) < 0 ||
        zip_set_file_compression(z->archive, at, ZIP_CM_DEFLATE, 9) < 0 ||
        zip_file_set_external_attributes(z->archive, at, 0, ZIP_OPSYS_UNIX,
                                         0100644u << 16) < 0) {
        zip_failed(diags, name, zip_get_error(z->archive));
        return false;
    }
    return true;
}

/* Appends the bytes of the closed archive in memory to out. */
static bool read_back(zip_source_t *memory, bc_buf *out, bc_diags *diags)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(memory, &st) < 0 || zip_source_open(memory) < 0) {
        zip_failed(diags, "reading back", zip_source_error(memory));
        return false;
    }
    bc_buf_reserve(out, st.size);
    zip_int64_t n = zip_source_read(memory, out->ptr + out->len, st.size);
    bool ok = n >= 0 && (zip_uint64_t)n == st.size;
    if (ok) {
        out->len += st.size;
        out->ptr[out->len] = '\0';
    } else {
        zip_failed(diags, "reading back", zip_source_error(memory));
    }
    zip_source_close(memory);
    return ok;
}

bool bc_zip_finish(bc_zip *z, bc_buf *out, bc_diags *diags)
{
    bool ok = zip_close(z->archive) == 0;
    if (!ok) {
        zip_failed(diags, "closing", zip_get_error(z->archive));
        zip_discard(z->archive);
    }
    z->archive = NULL;
    ok = ok && read_back(z->memory, out, diags);
    zip_source_free(z->memory);
    free(z);
    return ok;
}

void bc_zip_free(bc_zip *z)
{
    if (!z)
        return;
    if (z->archive)
        zip_discard(z->archive);
    zip_source_free(z->memory);
    free(z);
}

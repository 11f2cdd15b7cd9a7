/* zip.c - a reproducible ZIP archive in memory, with libzip (see
 * zip.h). */
#include "bcreport/zip.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "bcreport/alloc.h"

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

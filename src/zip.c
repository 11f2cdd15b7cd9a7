/* zip.c - a reproducible ZIP archive in memory, deflated with zlib (see
 * zip.h). */
#include "bcreport/zip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "bcreport/alloc.h"
#include "bcreport/i18n.h"

/*
 * The container is a few fixed records around zlib's deflate stream
 * (APPNOTE.TXT 4.3: a local header before each entry's data, a central
 * directory after them, its end record last).  Writing them here rather
 * than through libzip keeps a DOCX from loading libzip and the libcrypto
 * it brings (4 million instructions of the dynamic linker, a fifth of
 * building the example to DOCX), lets one deflate stream serve every
 * entry, and puts zlib's allocations through ours (alloc.h).  Archives
 * stay far below ZIP64's limits: an entry or the archive past 4 GiB, or
 * past 65 535 entries, is refused.
 */

#define LOCAL_HEADER 0x04034b50u
#define CENTRAL_HEADER 0x02014b50u
#define END_OF_CENTRAL 0x06054b50u
#define VERSION_NEEDED 20u            /* 2.0: deflate */
#define MADE_BY ((3u << 8) | 63u)     /* Unix (the mode counts), 6.3 */
#define METHOD_DEFLATE 8u
#define MODE_0644 (0100644u << 16)    /* a regular file, rw-r--r-- */

/* 1980-01-01 00:00:00, the earliest DOS date: (year - 1980) << 9 | month
 * << 5 | day, and time 0.  Word writes it too. */
#define DOS_DATE ((0u << 9) | (1u << 5) | 1u)
#define DOS_TIME 0u

#ifndef BC_ZIP_LEVEL
#define BC_ZIP_LEVEL 6
#endif

struct bc_zip {
    bc_buf data;    /* local headers and entries, in order */
    bc_buf central; /* the central directory's records */
    uint32_t count;
    z_stream deflater;
};

static voidpf zlib_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return bc_xcalloc(items, size);
}

static void zlib_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    free(p);
}

static void put16(bc_buf *b, uint32_t v)
{
    unsigned char le[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    bc_buf_append(b, (const char *)le, 2);
}

static void put32(bc_buf *b, uint32_t v)
{
    unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                           (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24)};
    bc_buf_append(b, (const char *)le, 4);
}

static void set32(bc_buf *b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b->ptr[at + (size_t)i] = (char)(unsigned char)(v >> (8 * i));
}

static void zip_failed(bc_diags *diags, const char *what, const char *why)
{
    bc_pos nowhere = {NULL, 0, 0};
    bc_diag_add(diags, BC_ERROR, BC_EX_SOFTWARE, nowhere,
                _("cannot make the ZIP archive (%s): %s"), what, why);
}

bc_zip *bc_zip_new(bc_diags *diags)
{
    bc_zip *z = bc_xcalloc(1, sizeof *z);
    bc_buf_init(&z->data);
    bc_buf_init(&z->central);
    z->deflater.zalloc = zlib_alloc;
    z->deflater.zfree = zlib_free;
    /* Raw deflate (negative window bits): ZIP has its own headers. */
    int e = deflateInit2(&z->deflater, BC_ZIP_LEVEL, Z_DEFLATED, -MAX_WBITS,
                         8, Z_DEFAULT_STRATEGY);
    if (e != Z_OK) {
        zip_failed(diags, "opening", zError(e));
        bc_buf_fini(&z->data);
        bc_buf_fini(&z->central);
        free(z);
        return NULL;
    }
    return z;
}

/* The fields local and central records share, from "version needed"
 * to the extra field's length. */
static void put_common(bc_buf *b, uint32_t crc, uint32_t packed,
                       uint32_t len, size_t name_len)
{
    put16(b, VERSION_NEEDED);
    /* Flags: names are ASCII, sizes known beforehand; bits 1-2 say how
     * hard deflate tried (APPNOTE 4.4.4: 01 maximum, 00 normal). */
    put16(b, BC_ZIP_LEVEL >= 8 ? 2u : 0u);
    put16(b, METHOD_DEFLATE);
    put16(b, DOS_TIME);
    put16(b, DOS_DATE);
    put32(b, crc);
    put32(b, packed);
    put32(b, len);
    put16(b, (uint32_t)name_len);
    put16(b, 0); /* no extra field */
}

/* Deflates len bytes of data onto the end of z->data; its size, or
 * -1 after zlib failed (its message in *why). */
static long long deflate_onto(bc_zip *z, const void *data, size_t len,
                              const char **why)
{
    z_stream *s = &z->deflater;
    uLong bound = deflateBound(s, (uLong)len);
    bc_buf_reserve(&z->data, bound);
    s->next_in = (Bytef *)(uintptr_t)data;
    s->avail_in = (uInt)len;
    s->next_out = (Bytef *)z->data.ptr + z->data.len;
    s->avail_out = (uInt)bound;
    int e = deflate(s, Z_FINISH);
    long long packed = (long long)(bound - s->avail_out);
    if (e != Z_STREAM_END) {
        *why = s->msg ? s->msg : zError(e);
        return -1;
    }
    z->data.len += (size_t)packed;
    z->data.ptr[z->data.len] = '\0';
    deflateReset(s);
    return packed;
}

bool bc_zip_add(bc_zip *z, const char *name, const void *data, size_t len,
                bc_diags *diags)
{
    size_t name_len = strlen(name);
    /* deflateBound and avail_in are 32 bits; a DOCX part is far smaller. */
    if (len > UINT32_MAX / 2 || z->count == UINT16_MAX || name_len > 1024 ||
        z->data.len > UINT32_MAX / 2) {
        zip_failed(diags, name, _("too large for a ZIP archive"));
        return false;
    }
    uint32_t crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), data, (uInt)len);
    size_t offset = z->data.len;
    put32(&z->data, LOCAL_HEADER);
    size_t sizes = z->data.len + 10; /* where crc and sizes go */
    put_common(&z->data, crc, 0, (uint32_t)len, name_len);
    bc_buf_append(&z->data, name, name_len);
    const char *why = NULL;
    long long packed = deflate_onto(z, data, len, &why);
    if (packed < 0) {
        zip_failed(diags, name, why);
        return false;
    }
    set32(&z->data, sizes + 4, (uint32_t)packed);

    put32(&z->central, CENTRAL_HEADER);
    put16(&z->central, MADE_BY);
    put_common(&z->central, crc, (uint32_t)packed, (uint32_t)len, name_len);
    put16(&z->central, 0); /* comment's length */
    put16(&z->central, 0); /* disk */
    put16(&z->central, 0); /* internal attributes */
    put32(&z->central, MODE_0644);
    put32(&z->central, (uint32_t)offset);
    bc_buf_append(&z->central, name, name_len);
    z->count++;
    return true;
}

bool bc_zip_finish(bc_zip *z, bc_buf *out, bc_diags *diags)
{
    bool ok = z->data.len + z->central.len <= UINT32_MAX / 2;
    if (ok) {
        bc_buf *b = &z->data;
        uint32_t at = (uint32_t)b->len;
        bc_buf_append(b, z->central.ptr, z->central.len);
        put32(b, END_OF_CENTRAL);
        put16(b, 0); /* this disk */
        put16(b, 0); /* the disk of the central directory */
        put16(b, z->count);
        put16(b, z->count);
        put32(b, (uint32_t)z->central.len);
        put32(b, at);
        put16(b, 0); /* no comment */
        bc_buf_append(out, b->ptr, b->len);
    } else {
        zip_failed(diags, "closing", _("too large for a ZIP archive"));
    }
    bc_zip_free(z);
    return ok;
}

void bc_zip_free(bc_zip *z)
{
    if (!z)
        return;
    deflateEnd(&z->deflater);
    bc_buf_fini(&z->data);
    bc_buf_fini(&z->central);
    free(z);
}

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
    /* The entry being written (bc_zip_begin to bc_zip_end). */
    const char *name;   /* the caller's, until bc_zip_end */
    size_t offset;      /* of its local header in data */
    size_t packed_from; /* where its deflated bytes start in data */
    uint32_t crc;
    size_t len;         /* bytes written so far */
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

/* Deflates the len bytes at data onto the end of z->data, with flush
 * (Z_NO_FLUSH while the entry goes on, Z_FINISH at its end); false after
 * zlib failed (its message in *why).  The output does not depend on how
 * the entry is cut into pieces: deflate waits for input it can look ahead
 * into until told to finish. */
static bool deflate_onto(bc_zip *z, const void *data, size_t len, int flush,
                         const char **why)
{
    z_stream *s = &z->deflater;
    s->next_in = (Bytef *)(uintptr_t)data;
    s->avail_in = (uInt)len;
    for (;;) {
        /* Room for about what this piece deflates to (deflateBound
         * counts it as a stream of its own, not what earlier pieces left
         * pending): when it is not enough, avail_out runs out and the
         * loop goes round again. */
        uLong room = deflateBound(s, (uLong)len);
        if (room < 4096)
            room = 4096;
        bc_buf_reserve(&z->data, room);
        s->next_out = (Bytef *)z->data.ptr + z->data.len;
        s->avail_out = (uInt)room;
        int e = deflate(s, flush);
        z->data.len += room - s->avail_out;
        z->data.ptr[z->data.len] = '\0';
        if (e == Z_STREAM_END)
            return true;
        if (e != Z_OK && e != Z_BUF_ERROR) {
            *why = s->msg ? s->msg : zError(e);
            return false;
        }
        if (flush == Z_NO_FLUSH && s->avail_in == 0 && s->avail_out != 0)
            return true;
    }
}

static bool too_large(bc_zip *z, bc_diags *diags)
{
    zip_failed(diags, z->name, _("too large for a ZIP archive"));
    return false;
}

bool bc_zip_begin(bc_zip *z, const char *name, bc_diags *diags)
{
    size_t name_len = strlen(name);
    z->name = name;
    if (z->count == UINT16_MAX || name_len > 1024 ||
        z->data.len > UINT32_MAX / 2)
        return too_large(z, diags);
    z->offset = z->data.len;
    z->crc = (uint32_t)crc32(0, Z_NULL, 0);
    z->len = 0;
    put32(&z->data, LOCAL_HEADER);
    /* The CRC and sizes are set once the entry ends: the archive is in
     * memory, so no data descriptor is needed after it. */
    put_common(&z->data, 0, 0, 0, name_len);
    bc_buf_append(&z->data, name, name_len);
    z->packed_from = z->data.len;
    return true;
}

bool bc_zip_write(bc_zip *z, const void *data, size_t len, bc_diags *diags)
{
    /* deflateBound and avail_in are 32 bits; a DOCX part is far smaller. */
    if (len > UINT32_MAX / 2 || z->len > UINT32_MAX / 2 - len ||
        z->data.len > UINT32_MAX / 2)
        return too_large(z, diags);
    if (len == 0)
        return true;
    z->crc = (uint32_t)crc32(z->crc, data, (uInt)len);
    z->len += len;
    const char *why = NULL;
    if (!deflate_onto(z, data, len, Z_NO_FLUSH, &why)) {
        zip_failed(diags, z->name, why);
        return false;
    }
    return true;
}

bool bc_zip_end(bc_zip *z, bc_diags *diags)
{
    const char *why = NULL;
    if (!deflate_onto(z, "", 0, Z_FINISH, &why)) {
        zip_failed(diags, z->name, why);
        return false;
    }
    deflateReset(&z->deflater);
    if (z->data.len > UINT32_MAX / 2)
        return too_large(z, diags);
    uint32_t packed = (uint32_t)(z->data.len - z->packed_from);
    size_t sizes = z->offset + 14; /* signature, version, flags, method,
                                      time, date: then the CRC and sizes */
    set32(&z->data, sizes, z->crc);
    set32(&z->data, sizes + 4, packed);
    set32(&z->data, sizes + 8, (uint32_t)z->len);
    size_t name_len = strlen(z->name);
    put32(&z->central, CENTRAL_HEADER);
    put16(&z->central, MADE_BY);
    put_common(&z->central, z->crc, packed, (uint32_t)z->len, name_len);
    put16(&z->central, 0); /* comment's length */
    put16(&z->central, 0); /* disk */
    put16(&z->central, 0); /* internal attributes */
    put32(&z->central, MODE_0644);
    put32(&z->central, (uint32_t)z->offset);
    bc_buf_append(&z->central, z->name, name_len);
    z->count++;
    return true;
}

bool bc_zip_add(bc_zip *z, const char *name, const void *data, size_t len,
                bc_diags *diags)
{
    return bc_zip_begin(z, name, diags) && bc_zip_write(z, data, len, diags) &&
           bc_zip_end(z, diags);
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

/* ---- reading an archive back ---- */

static uint32_t get16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
    return get16(p) | get16(p + 2) << 16;
}

/* The end record: the last signature within the record's size and its
 * longest comment from the end. */
static const unsigned char *end_record(const unsigned char *a, size_t len)
{
    if (len < 22)
        return NULL;
    size_t lowest = len - 22 > 65535 ? len - 22 - 65535 : 0;
    for (size_t at = len - 22 + 1; at-- > lowest;)
        if (get32(a + at) == END_OF_CENTRAL)
            return a + at;
    return NULL;
}

/* Inflates (method 8) or copies (method 0) packed into out, which must
 * then hold exactly size bytes; the phrase of what is wrong, or NULL. */
static const char *unpack(const unsigned char *packed, uint32_t packed_len,
                          uint32_t method, uint32_t size, bc_buf *out)
{
    bc_buf_clear(out);
    /* Deflate packs at most 1032 to 1: a bigger size is a damaged
     * directory, not a reason to allocate gigabytes. */
    if (size > INT32_MAX || size / 1032 > (uint64_t)packed_len + 1)
        return N_("an entry's size cannot be right");
    bc_buf_reserve(out, size);
    if (method == 0) {
        if (packed_len != size)
            return N_("a stored entry's sizes differ");
        bc_buf_append(out, packed, size);
        return NULL;
    }
    if (method != METHOD_DEFLATE)
        return N_("an entry is packed in an unknown way");
    z_stream s;
    memset(&s, 0, sizeof s);
    s.zalloc = zlib_alloc;
    s.zfree = zlib_free;
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
        bc_out_of_memory();
    s.next_in = (Bytef *)packed;
    s.avail_in = packed_len;
    s.next_out = (Bytef *)out->ptr;
    s.avail_out = size + 1; /* one more: a longer entry is seen */
    int z = inflate(&s, Z_FINISH);
    size_t made = (size_t)(s.next_out - (Bytef *)out->ptr);
    uInt left = s.avail_in;
    inflateEnd(&s);
    if (z == Z_MEM_ERROR)
        bc_out_of_memory();
    out->len = made;
    out->ptr[made < size ? made : size] = '\0';
    if (z != Z_STREAM_END)
        return N_("an entry's data is cut short or damaged");
    if (made != size)
        return N_("an entry's size differs from the directory's");
    if (left)
        return N_("an entry's packed size differs from the directory's");
    return NULL;
}

/* Entry at, the central record c of an archive of len bytes, unpacked
 * into out and checked; the phrase of what is wrong, or NULL. */
static const char *read_entry(const unsigned char *a, size_t len,
                              const unsigned char *c, bc_buf *out)
{
    uint32_t method = get16(c + 10), crc = get32(c + 16);
    uint32_t packed = get32(c + 20), size = get32(c + 24);
    uint32_t local = get32(c + 42);
    if ((size_t)local > len || len - local < 30 ||
        get32(a + local) != LOCAL_HEADER)
        return N_("an entry's local header is missing");
    size_t data = (size_t)local + 30 + get16(a + local + 26) +
                  get16(a + local + 28);
    if (data > len || len - data < packed)
        return N_("an entry runs past the archive's end");
    const char *why = unpack(a + data, packed, method, size, out);
    if (!why && (uint32_t)crc32(0, (const Bytef *)out->ptr, (uInt)out->len) !=
                    crc)
        why = N_("an entry's CRC-32 differs from the directory's");
    return why;
}

const char *bc_zip_read(const void *archive, size_t len, bc_zip_entry_fn fn,
                        void *ctx)
{
    const unsigned char *a = archive;
    const unsigned char *end = end_record(a, len);
    if (!end)
        return N_("no end of the central directory");
    uint32_t count = get16(end + 10), dir_len = get32(end + 12);
    uint32_t dir = get32(end + 16);
    if ((size_t)dir > (size_t)(end - a) || (size_t)(end - a) - dir < dir_len)
        return N_("the central directory is out of the archive");
    const unsigned char *c = a + dir, *stop = c + dir_len;
    bc_buf data = BC_BUF_INIT;
    const char *why = NULL;
    for (uint32_t i = 0; i < count && !why; i++) {
        if (stop - c < 46 || get32(c) != CENTRAL_HEADER) {
            why = N_("the central directory is cut short");
            break;
        }
        size_t name_len = get16(c + 28);
        size_t record = 46 + name_len + get16(c + 30) + get16(c + 32);
        if ((size_t)(stop - c) < record) {
            why = N_("the central directory is cut short");
            break;
        }
        why = read_entry(a, len, c, &data);
        if (!why && !fn(ctx, (const char *)c + 46, name_len, data.ptr,
                        data.len))
            why = N_("an entry's contents are incomplete");
        c += record;
    }
    bc_buf_fini(&data);
    return why;
}

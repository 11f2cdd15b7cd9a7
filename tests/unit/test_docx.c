/* test_docx.c - the Word document as a package: its parts in Word's
 * order, each well-formed XML, every content type, relationship and r:id
 * resolved, the same bytes on every run and in every time zone, the
 * document's properties filled from the data. */
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "bcreport/buf.h"
#include "bcreport/docx.h"
#include "bcreport/zip.h"
#include "bcreport/textwidth.h"

static const char *const examples[] = {"data/2023.yaml", "data/2025-xa.yaml",
                                       "data/2026-xa.yaml"};
#define N_EXAMPLES (sizeof examples / sizeof examples[0])

/* Builds data as DOCX; the package's bytes in r.out. */
static void build_docx(const char *data, tu_result *r)
{
    const char *args[] = {"build", "-f", "docx", data, NULL};
    tu_run(r, NULL, 0, args);
    if (r->status != 0)
        fail_msg("%s: status %d: %s", data, r->status, r->err);
}

/* The package opened from bytes, read-only. */
static zip_t *open_package(const tu_result *r)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = zip_source_buffer_create(r->out, r->out_len, 0,
                                                 &error);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : NULL;
    if (!za)
        fail_msg("not a ZIP archive: %s", zip_error_strerror(&error));
    zip_error_fini(&error);
    return za;
}

/* The whole of entry name, NUL-terminated; NULL when there is none. */
static char *read_entry(zip_t *za, const char *name)
{
    zip_stat_t st;
    if (zip_stat(za, name, 0, &st) != 0)
        return NULL;
    zip_file_t *f = zip_fopen(za, name, 0);
    assert_non_null(f);
    char *text = malloc(st.size + 1);
    assert_non_null(text);
    assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
    text[st.size] = '\0';
    zip_fclose(f);
    return text;
}

/* bc_zip's archive read back by libzip, an independent reader that checks
 * each entry's CRC and sizes: an empty entry, a short one, 3 MB of text
 * that compresses and 256 KB of bytes that do not, in order. */
static void test_zip_round_trip(void **state)
{
    (void)state;
    size_t big = 3u << 20, noise = 256u << 10;
    char *text = malloc(big);
    unsigned char *bytes = malloc(noise);
    assert_non_null(text);
    assert_non_null(bytes);
    for (size_t i = 0; i < big; i++)
        text[i] = "Báo cáo năm 2026, "[i % 19];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < noise; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes[i] = (unsigned char)x;
    }
    struct {
        const char *name;
        const void *data;
        size_t len;
    } parts[] = {{"empty", "", 0},
                 {"a/short.xml", "<a/>", 4},
                 {"big.txt", text, big},
                 {"noise.bin", bytes, noise}};
    bc_diags diags;
    bc_diags_init(&diags);
    bc_zip *z = bc_zip_new(&diags);
    assert_non_null(z);
    for (size_t i = 0; i < 4; i++)
        assert_true(bc_zip_add(z, parts[i].name, parts[i].data, parts[i].len,
                               &diags));
    bc_buf out = BC_BUF_INIT;
    assert_true(bc_zip_finish(z, &out, &diags));
    assert_int_equal(diags.count, 0);
    assert_true(out.len < big / 50 + noise + 1024); /* the text deflated */
    tu_result r = {0};
    r.out = out.ptr;
    r.out_len = out.len;
    zip_t *za = open_package(&r);
    assert_int_equal(zip_get_num_entries(za, 0), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(zip_get_name(za, i, 0), parts[i].name);
        zip_stat_t st;
        assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
        assert_int_equal(st.size, parts[i].len);
        assert_int_equal(st.crc, crc32(0, parts[i].data, (uInt)parts[i].len));
        char *back = read_entry(za, parts[i].name);
        assert_non_null(back);
        assert_memory_equal(back, parts[i].data, parts[i].len ? parts[i].len : 1);
        free(back);
    }
    zip_close(za);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    free(text);
    free(bytes);
}

/* Where entry i's deflated bytes stand in a ZIP archive, and how many
 * (the local headers read one after another: APPNOTE 4.3.7). */
static const unsigned char *entry_data(const bc_buf *zip, int i, size_t *len)
{
    const unsigned char *p = (const unsigned char *)zip->ptr;
    for (;;) {
        size_t packed = p[18] | p[19] << 8 | (size_t)p[20] << 16 |
                        (size_t)p[21] << 24;
        size_t skip = 30u + (p[26] | p[27] << 8) + (p[28] | p[29] << 8);
        if (i-- == 0) {
            *len = packed;
            return p + skip;
        }
        p += skip + packed;
    }
}

/* bc_zip_read gives back what bc_zip wrote, entry by entry in order;
 * what it reads is checked (see the next test). */
typedef struct read_entries {
    int count;
    bool refuse; /* the callback finds the second entry incomplete */
    char names[4][16];
    size_t lens[4];
    uint32_t crcs[4];
} read_entries;

static bool note_entry(void *ctx, const char *name, size_t name_len,
                       const char *data, size_t len)
{
    read_entries *r = ctx;
    assert_true(r->count < 4 && name_len < 16);
    int i = r->count++;
    memcpy(r->names[i], name, name_len);
    r->names[i][name_len] = '\0';
    r->lens[i] = len;
    r->crcs[i] = (uint32_t)crc32(0, (const Bytef *)data, (uInt)len);
    return !(r->refuse && i == 1);
}

/* Three entries made by bc_zip (one empty), in bytes. */
static void three_entries(bc_buf *out)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_zip *z = bc_zip_new(&diags);
    assert_true(bc_zip_add(z, "[x].xml", "<x>Báo cáo</x>",
                           strlen("<x>Báo cáo</x>"), &diags));
    assert_true(bc_zip_add(z, "empty", "", 0, &diags));
    assert_true(bc_zip_add(z, "b/c.rels", "<r><s/></r>\n", 12, &diags));
    assert_true(bc_zip_finish(z, out, &diags));
    bc_diags_fini(&diags);
}

static void test_zip_read_back(void **state)
{
    (void)state;
    bc_buf zip = BC_BUF_INIT;
    three_entries(&zip);
    read_entries all = {.refuse = false};
    assert_null(bc_zip_read(zip.ptr, zip.len, note_entry, &all));
    assert_int_equal(all.count, 3);
    assert_string_equal(all.names[0], "[x].xml");
    assert_string_equal(all.names[2], "b/c.rels");
    assert_int_equal(all.lens[0], 16);
    assert_int_equal(all.crcs[0],
                     crc32(0, (const Bytef *)"<x>Báo cáo</x>", 16));
    assert_int_equal(all.lens[1], 0);
    assert_int_equal(all.crcs[2], crc32(0, (const Bytef *)"<r><s/></r>\n", 12));
    read_entries refusing = {.refuse = true};
    assert_string_equal(bc_zip_read(zip.ptr, zip.len, note_entry, &refusing),
                        "an entry's contents are incomplete");
    assert_int_equal(refusing.count, 2);
    bc_buf_fini(&zip);
}

static bool accept_entry(void *ctx, const char *name, size_t name_len,
                         const char *data, size_t len)
{
    (void)ctx, (void)name, (void)name_len, (void)data, (void)len;
    return true;
}

/* An archive cut short at any length, or with any byte of an entry's
 * data, its CRC or its sizes changed, is not whole: each is refused
 * with what is wrong, never read past its end (ASan, valgrind). */
static void test_zip_read_refuses_damage(void **state)
{
    (void)state;
    bc_buf zip = BC_BUF_INIT;
    three_entries(&zip);
    for (size_t cut = 0; cut < zip.len; cut++) {
        char *copy = malloc(cut + 1);
        memcpy(copy, zip.ptr, cut);
        assert_non_null(bc_zip_read(copy, cut, accept_entry, NULL));
        free(copy);
    }
    /* The first entry's packed bytes, then its CRC, packed and full
     * sizes in its central record. */
    size_t packed;
    const unsigned char *data = entry_data(&zip, 0, &packed);
    size_t first = (size_t)(data - (const unsigned char *)zip.ptr);
    size_t central = 0;
    for (size_t i = 0; i + 4 <= zip.len; i++)
        if (!memcmp(zip.ptr + i, "PK\1\2", 4)) {
            central = i;
            break;
        }
    assert_true(central > 0);
    size_t spots[] = {first, first + 1, first + packed / 2,
                      central + 16, central + 20, central + 24};
    static const char *const why[] = {
        NULL, NULL, NULL, "an entry's CRC-32 differs from the directory's",
        "an entry's packed size differs from the directory's",
        "an entry's size differs from the directory's"};
    for (size_t i = 0; i < sizeof spots / sizeof *spots; i++) {
        zip.ptr[spots[i]] ^= 0x5a;
        const char *got = bc_zip_read(zip.ptr, zip.len, accept_entry, NULL);
        if (!got)
            fail_msg("byte %zu (spot %zu) changed, still read", spots[i], i);
        if (why[i])
            assert_string_equal(got, why[i]);
        zip.ptr[spots[i]] ^= 0x5a;
    }
    assert_null(bc_zip_read(zip.ptr, zip.len, accept_entry, NULL));
    bc_buf_fini(&zip);
}

/* An entry written in pieces of any size (none, one byte, 100 KB) is
 * the same bytes as the entry added whole, and as one call of zlib's
 * deflate on all of it (as zip.c wrote entries before it streamed them):
 * a DOCX streamed while its template renders is the DOCX of before. */
static void test_zip_in_pieces_same_bytes(void **state)
{
    (void)state;
    size_t big = 3u << 20;
    char *text = malloc(big);
    assert_non_null(text);
    uint32_t x = 88172645u;
    for (size_t i = 0; i < big; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        /* words of a few letters, some bytes that do not repeat */
        text[i] = (x & 7) ? "Báo cáo năm 2026, "[i % 19] : (char)(x >> 8);
    }
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf whole = BC_BUF_INIT, pieces = BC_BUF_INIT;
    bc_zip *z = bc_zip_new(&diags);
    assert_true(bc_zip_add(z, "a.xml", "<a/>", 4, &diags));
    assert_true(bc_zip_add(z, "big.txt", text, big, &diags));
    assert_true(bc_zip_finish(z, &whole, &diags));
    z = bc_zip_new(&diags);
    assert_true(bc_zip_begin(z, "a.xml", &diags));
    assert_true(bc_zip_write(z, "<a", 2, &diags));
    assert_true(bc_zip_write(z, "", 0, &diags));
    assert_true(bc_zip_write(z, "/>", 2, &diags));
    assert_true(bc_zip_end(z, &diags));
    assert_true(bc_zip_begin(z, "big.txt", &diags));
    for (size_t at = 0, n = 0; at < big; at += n) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        n = (size_t[]){0, 1, 7, 4096, 65536, 100000}[x % 6];
        if (n > big - at)
            n = big - at;
        assert_true(bc_zip_write(z, text + at, n, &diags));
    }
    assert_true(bc_zip_end(z, &diags));
    assert_true(bc_zip_finish(z, &pieces, &diags));
    assert_int_equal(diags.count, 0);
    assert_int_equal(pieces.len, whole.len);
    assert_memory_equal(pieces.ptr, whole.ptr, whole.len);
    /* one raw deflate of the whole text, at zlib's default level */
    z_stream s = {0};
    assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, -MAX_WBITS, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    uLong bound = deflateBound(&s, (uLong)big);
    unsigned char *once = malloc(bound);
    assert_non_null(once);
    s.next_in = (Bytef *)text;
    s.avail_in = (uInt)big;
    s.next_out = once;
    s.avail_out = (uInt)bound;
    assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
    size_t len;
    const unsigned char *entry = entry_data(&pieces, 1, &len);
    assert_int_equal(len, s.total_out);
    assert_memory_equal(entry, once, len);
    deflateEnd(&s);
    free(once);
    bc_buf_fini(&whole);
    bc_buf_fini(&pieces);
    bc_diags_fini(&diags);
    free(text);
}

/* The entries, in the order of bc_docx_parts (Word's: the content types
 * first, as file sniffers expect), and nothing else: no folder entries. */
static void test_parts_in_order(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2023.yaml", &r);
    zip_t *za = open_package(&r);
    assert_int_equal(zip_get_num_entries(za, 0), (zip_int64_t)bc_docx_part_count);
    for (size_t i = 0; i < bc_docx_part_count; i++)
        assert_string_equal(zip_get_name(za, i, 0), bc_docx_parts[i].path);
    assert_string_equal(bc_docx_parts[0].path, "[Content_Types].xml");
    zip_close(za);
    tu_result_fini(&r);
}

/* Each entry: deflated, dated 1980-01-01 00:00 in DOS terms (read from
 * the central directory with unzip -Z, which prints it as stored), Unix
 * mode 0644, no extra fields; the archive has no comment. */
static void test_entries_are_plain(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2025-xa.yaml", &r);
    zip_t *za = open_package(&r);
    for (zip_uint64_t i = 0; i < bc_docx_part_count; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
        assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
        zip_uint8_t opsys;
        zip_uint32_t attributes;
        assert_int_equal(zip_file_get_external_attributes(za, i, 0, &opsys,
                                                          &attributes),
                         0);
        assert_int_equal(opsys, ZIP_OPSYS_UNIX);
        assert_int_equal(attributes >> 16, 0100644);
        assert_int_equal(zip_file_extra_fields_count(za, i, ZIP_FL_LOCAL), 0);
        assert_int_equal(zip_file_extra_fields_count(za, i, ZIP_FL_CENTRAL),
                         0);
    }
    int comment_len = -1;
    zip_get_archive_comment(za, &comment_len, 0);
    assert_int_equal(comment_len, 0);
    zip_close(za);
    char *path = tu_temp_file(r.out, r.out_len, ".docx");
    tu_result z;
    tu_shell(&z, "unzip -Z -l '%s' | grep -c ' 80-Jan-01 00:00 '", path);
    assert_int_equal(atoi(z.out), (int)bc_docx_part_count);
    tu_result_fini(&z);
    remove(path);
    free(path);
    tu_result_fini(&r);
}

/* Two builds, at different times and in different time zones, give the
 * same bytes: no clock reaches the package. */
static void test_same_bytes_every_run(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_EXAMPLES; i++) {
        tu_result a, b;
        build_docx(examples[i], &a);
        sleep(1); /* a second later: a timestamp would differ */
        tu_shell(&b, "TZ=Asia/Ho_Chi_Minh \"$BCREPORT\" build -f docx %s",
                 examples[i]);
        assert_int_equal(b.status, 0);
        if (a.out_len != b.out_len || memcmp(a.out, b.out, a.out_len) != 0)
            fail_msg("%s: two builds differ", examples[i]);
        tu_result_fini(&a);
        tu_result_fini(&b);
    }
}

/* Every part is well-formed XML (xmllint reads it). */
static void test_parts_are_xml(void **state)
{
    (void)state;
    if (system("command -v xmllint >/dev/null 2>&1") != 0) {
        fprintf(stderr, "\n*** SKIPPED: xmllint not found; apt-get install "
                        "libxml2-utils ***\n\n");
        if (tu_in_ci())
            fail_msg("CI=true: xmllint (libxml2-utils) is required");
        skip();
    }
    for (size_t e = 0; e < N_EXAMPLES; e++) {
        tu_result r;
        build_docx(examples[e], &r);
        zip_t *za = open_package(&r);
        for (size_t i = 0; i < bc_docx_part_count; i++) {
            char *xml = read_entry(za, bc_docx_parts[i].path);
            char *path = tu_temp_file(xml, strlen(xml), ".xml");
            tu_result x;
            tu_shell(&x, "xmllint --noout --nonet '%s'", path);
            if (x.status != 0)
                fail_msg("%s: %s is not well-formed:\n%s", examples[e],
                         bc_docx_parts[i].path, x.err);
            tu_result_fini(&x);
            remove(path);
            free(path);
            free(xml);
        }
        zip_close(za);
        tu_result_fini(&r);
    }
}

/* The values of attribute attr (as attr="...") in xml, in order. */
static size_t attributes(const char *xml, const char *attr, char **out,
                         size_t max)
{
    size_t n = 0;
    char pattern[64];
    snprintf(pattern, sizeof pattern, " %s=\"", attr);
    for (const char *p = xml; (p = strstr(p, pattern)) && n < max;) {
        p += strlen(pattern);
        const char *end = strchr(p, '"');
        assert_non_null(end);
        out[n++] = strndup(p, (size_t)(end - p));
        p = end;
    }
    return n;
}

static void free_all(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

static bool listed(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], s))
            return true;
    return false;
}

/* Every part has a content type (an Override, or the Default of its
 * extension); every Override and relationship names a part that exists;
 * every r:id the document uses is one of its relationships. */
static void test_references_resolve(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2026-xa.yaml", &r);
    zip_t *za = open_package(&r);
    char *types = read_entry(za, "[Content_Types].xml");
    char *names[64], *defaults[8];
    size_t n = attributes(types, "PartName", names, 64);
    size_t nd = attributes(types, "Extension", defaults, 8);
    for (size_t i = 1; i < bc_docx_part_count; i++) { /* not itself */
        const char *part = bc_docx_parts[i].path;
        char slash[256];
        snprintf(slash, sizeof slash, "/%s", part);
        const char *ext = strrchr(part, '.') + 1;
        if (!listed(names, n, slash) && !listed(defaults, nd, ext))
            fail_msg("%s has no content type", part);
    }
    for (size_t i = 0; i < n; i++)
        if (zip_name_locate(za, names[i] + 1, 0) < 0)
            fail_msg("content type for a part not there: %s", names[i]);
    char *package = read_entry(za, "_rels/.rels");
    char *targets[16];
    size_t nt = attributes(package, "Target", targets, 16);
    for (size_t i = 0; i < nt; i++)
        if (zip_name_locate(za, targets[i], 0) < 0)
            fail_msg("_rels/.rels points to %s, not there", targets[i]);
    char *rels = read_entry(za, "word/_rels/document.xml.rels");
    char *ids[16], *word_targets[16], *used[64];
    size_t ni = attributes(rels, "Id", ids, 16);
    size_t nw = attributes(rels, "Target", word_targets, 16);
    for (size_t i = 0; i < nw; i++) {
        char path[256];
        snprintf(path, sizeof path, "word/%s", word_targets[i]);
        if (zip_name_locate(za, path, 0) < 0)
            fail_msg("document.xml.rels points to %s, not there", path);
    }
    char *document = read_entry(za, "word/document.xml");
    size_t nu = attributes(document, "r:id", used, 64);
    assert_true(nu >= 4); /* two headers, in two sections at least */
    for (size_t i = 0; i < nu; i++)
        if (!listed(ids, ni, used[i]))
            fail_msg("document.xml uses r:id %s, not a relationship",
                     used[i]);
    free_all(names, n);
    free_all(defaults, nd);
    free_all(targets, nt);
    free_all(ids, ni);
    free_all(word_targets, nw);
    free_all(used, nu);
    free(types);
    free(package);
    free(rels);
    free(document);
    zip_close(za);
    tu_result_fini(&r);
}

/* The title (type and subject) and the author (the agency) are in the
 * document's properties, with the signing date when there is one and no
 * date at all for a draft. */
static void test_properties(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2025-xa.yaml", &r);
    zip_t *za = open_package(&r);
    char *core = read_entry(za, "docProps/core.xml");
    assert_non_null(strstr(core, "<dc:title>BÁO CÁO: Kết quả công tác đối "
                                 "ngoại nhân dân năm 2025</dc:title>"));
    assert_non_null(strstr(core, "<dc:creator>UBND xã Tịnh Khê</dc:creator>"));
    assert_non_null(strstr(core, ">2025-12-05T00:00:00Z</dcterms:created>"));
    free(core);
    zip_close(za);
    tu_result_fini(&r);
    build_docx("data/2026-xa.yaml", &r);
    za = open_package(&r);
    core = read_entry(za, "docProps/core.xml");
    assert_null(strstr(core, "dcterms:created"));
    free(core);
    zip_close(za);
    tu_result_fini(&r);
}

/* Text that is markup in XML (& < > " ') and the clerk's **bold** and
 * *italic* in a paragraph: the part stays well-formed, the characters are
 * text, bold and italic are run properties, and nothing else from the
 * data becomes markup. */
static void test_text_stays_text(void **state)
{
    (void)state;
    static const char yaml[] =
        TU_YAML_DOCUMENT
        "preamble:\n"
        "  - \"A & B <w:p/> \\\"C\\\" 'D' **đậm** và *nghiêng* <b>x</b>\"\n"
        "  - table: {columns: [{title: \"<T&>\"}], rows: [[\"</w:t>\"]]}\n"
        "results:\n  title: KẾT QUẢ\n"
        "  dissemination: {title: T, body: [x]}\n"
        TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE;
    const char *args[] = {"build", "-f", "docx", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 0);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    assert_non_null(strstr(doc, "A &amp; B &lt;w:p/&gt; &quot;C&quot; "
                                "&#39;D&#39; </w:t></w:r>"));
    assert_non_null(strstr(doc, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t "
                                "xml:space=\"preserve\">đậm</w:t></w:r>"));
    assert_non_null(strstr(doc, "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t "
                                "xml:space=\"preserve\">nghiêng</w:t></w:r>"));
    assert_non_null(strstr(doc, "&lt;b&gt;x&lt;/b&gt;"));
    assert_non_null(strstr(doc, "&lt;T&amp;&gt;"));
    assert_non_null(strstr(doc, "&lt;/w:t&gt;"));
    char *path = tu_temp_file(doc, strlen(doc), ".xml");
    tu_result x;
    tu_shell(&x, "xmllint --noout --nonet '%s'", path);
    assert_int_equal(x.status, 0);
    tu_result_fini(&x);
    remove(path);
    free(path);
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}

/* A document number never breaks: its hyphens are Word's non-breaking
 * ones. */
static void test_numbers_do_not_break(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2023.yaml", &r);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    assert_non_null(strstr(doc, "92/KH</w:t><w:noBreakHyphen/><w:t "
                                "xml:space=\"preserve\">UBND"));
    assert_null(strstr(doc, "92/KH-UBND"));
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}

/* -T: the parts come from the folder, like the other formats' templates;
 * a part missing there is an error naming it. */
static void test_template_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/bctest-docx-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(tu_sh("cp templates/docx-*.mustache '%s' && sed -i "
                           "'s/w:val=\"28\"/w:val=\"26\"/g' "
                           "'%s/docx-styles.xml.mustache'", dir, dir),
                     0);
    const char *args[] = {"build", "-f", "docx", "-T", dir,
                          "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    zip_t *za = open_package(&r);
    char *styles = read_entry(za, "word/styles.xml");
    assert_non_null(strstr(styles, "<w:sz w:val=\"26\"/><w:szCs "
                                   "w:val=\"26\"/><w:lang"));
    free(styles);
    zip_close(za);
    tu_result_fini(&r);
    assert_int_equal(tu_sh("rm '%s/docx-app.xml.mustache'", dir), 0);
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 66);
    assert_non_null(strstr(r.err, "no template \"docx-app.xml\" "
                                  "(docx-app.xml.mustache) in the template "
                                  "folder"));
    tu_result_fini(&r);
    tu_sh("rm -rf '%s'", dir);
}

/* bcreport writes the ZIP itself over zlib (zip.c) and opens
 * libxlsxwriter only to make a workbook (xlsx.c, dynlib.h): the program
 * starts without libzip, libxlsxwriter and the libcrypto they would bring,
 * and still makes a DOCX (test_summary.c makes workbooks). */
static void test_no_libzip_nor_libcrypto(void **state)
{
    (void)state;
    tu_result r;
    /* the program itself, not valgrind's wrapper (check-valgrind) */
    tu_shell(&r, "ldd \"${BCREPORT_REAL_BIN:-$BCREPORT}\"");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "libzip"));
    assert_null(strstr(r.out, "libxlsxwriter"));
    assert_null(strstr(r.out, "libcrypto"));
    tu_result_fini(&r);
    tu_shell(&r, "t=$(mktemp --suffix=.docx) && "
                 "\"$BCREPORT\" build data/2026-xa.yaml -o \"$t\" && "
                 "unzip -l \"$t\" | grep -c word/document.xml; "
                 "s=$?; rm -f \"$t\"; exit $s");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "1\n");
    tu_result_fini(&r);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* A table whose words alone are wider than the page: each column gets
 * its least width scaled down to fit the text width (9355 twips), in
 * proportion, the grid and the cells alike. */
static void test_table_wider_than_the_page(void **state)
{
    (void)state;
    static const char word[] = "Mộtchữdàikhôngngắtđượcởđâucảvàcònrấtdàinữa";
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_printf(&yaml,
                  TU_YAML_DOCUMENT
                  "preamble:\n"
                  "  - table: {columns: [{title: A}, {title: B}, {title: C}],"
                  " rows: [[\"%s\", \"%s%s\", \"%s\"]]}\n"
                  "results:\n  title: KẾT QUẢ\n"
                  "  dissemination: {title: T, body: [x]}\n"
                  TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE,
                  word, word, word, word);
    const char *args[] = {"build", "-f", "docx", "-", NULL};
    tu_result r;
    tu_run(&r, yaml.ptr, yaml.len, args);
    bc_buf_fini(&yaml);
    assert_int_equal(r.status, 0);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    /* the grid of the table with four columns (STT, A, B, C) */
    long w[4] = {0};
    const char *grid = doc;
    for (;;) {
        grid = strstr(grid, "<w:tblGrid>");
        assert_non_null(grid);
        const char *end = strstr(grid, "</w:tblGrid>");
        size_t n = 0;
        for (const char *c = strstr(grid, "<w:gridCol w:w=\"");
             c && c < end; c = strstr(c + 1, "<w:gridCol w:w=\""))
            if (n < 4)
                w[n++] = atol(c + 16);
            else
                n++;
        if (n == 4)
            break;
        grid = end;
    }
    long sum = w[0] + w[1] + w[2] + w[3];
    if (sum > 9355 || sum < 9355 - 4)
        fail_msg("the columns take %ld twips, not the text width", sum);
    assert_int_equal(w[1], w[3]); /* the same word: the same width */
    /* twice the word: nearly twice as wide (the cells' margins are not
     * doubled) */
    if (w[2] <= 3 * w[1] / 2 || w[2] >= 2 * w[1])
        fail_msg("twice the word takes %ld twips, the word %ld", w[2], w[1]);
    /* each cell of the row as wide as its column */
    char cell[64];
    snprintf(cell, sizeof cell, "<w:tcW w:w=\"%ld\" w:type=\"dxa\"/>", w[2]);
    assert_non_null(strstr(grid, cell));
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}

/* The number after attr=" from at, or -1. */
static long number_after(const char *at, const char *attr)
{
    const char *p = at ? strstr(at, attr) : NULL;
    return p ? strtol(p + strlen(attr), NULL, 10) : -1;
}

/* "Kính gửi:" with several recipients stands centred on the text width
 * (165 mm: 9355 twips): as far from the left margin as its widest line
 * (a dash, the recipient and its ";" or ".") ends from the right one. */
static void test_recipients_block_is_centred(void **state)
{
    (void)state;
    tu_result r;
    build_docx("data/2025-xa.yaml", &r);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    assert_non_null(doc);
    const char *to = strstr(doc, "<w:spacing w:before=\"240\"/><w:ind "
                                 "w:left=\"");
    assert_non_null(to);
    long left = number_after(to, "w:left=\"");
    const char *list = strstr(to, "</w:p>");
    long list_indent = number_after(list, "w:left=\"");
    long hanging = number_after(list, "w:hanging=\"");
    static const char *const lines[] = {"Sở Ngoại vụ tỉnh Quảng Ngãi;",
                                        "Đảng ủy xã Tịnh Khê."};
    long widest = 0;
    for (size_t i = 0; i < 2; i++) {
        long w = (long)bc_text_twips(lines[i], strlen(lines[i]),
                                     BC_FACE_REGULAR, 28);
        widest = w > widest ? w : widest;
    }
    long label = (long)bc_text_twips("Kính gửi", strlen("Kính gửi"),
                                     BC_FACE_REGULAR, 28);
    assert_int_equal(hanging, (long)bc_text_twips("- ", 2, BC_FACE_REGULAR,
                                                  28));
    assert_int_equal(list_indent, left + label + hanging);
    long right = 9355 - (list_indent + widest);
    if (labs(right - left) > 1)
        fail_msg("Kính gửi at %ld twips from the left, its widest line "
                 "%ld from the right", left, right);
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}



/* The column widths of the first table of the DOCX built from yaml that
 * has n columns (STT, then the data's), in twips. */
static void table_columns(const char *yaml, size_t n, long *widths)
{
    const char *args[] = {"build", "-f", "docx", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 0);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    assert_non_null(doc);
    const char *grid = strstr(doc, "<w:tblGrid>");
    while (grid) {
        const char *end = strstr(grid, "</w:tblGrid>");
        assert_non_null(end);
        size_t k = 0;
        for (const char *g = strstr(grid, "w:gridCol w:w=\""); g && g < end;
             g = strstr(g + 1, "w:gridCol w:w=\""))
            if (k++ < n)
                widths[k - 1] = strtol(g + 15, NULL, 10);
        if (k == n)
            break;
        grid = strstr(end, "<w:tblGrid>");
    }
    assert_non_null(grid);
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}

#define LONG_TEXT_ROW                                                         \
    "        - [\"Hỗ trợ xây dựng giếng nước sạch cho các hộ gia đình "      \
    "khó khăn ở thôn An Hòa và thôn Phú Mỹ, bàn giao đưa vào sử dụng "     \
    "trong quý IV năm 2026 theo kế hoạch của Ủy ban nhân dân xã\", "
#define SMALL_TABLE_END                                                       \
    "distribution: [\"Lưu: VT, VP\"]\n"                                       \
    "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n"

/* A long text column wraps between its words, so that a column of
 * figures beside it keeps the width of its widest figure (a figure
 * never wraps). */
static void test_figures_keep_their_width_beside_long_text(void **state)
{
    (void)state;
    static const char yaml[] =
        TU_YAML_DOCUMENT
        "preamble:\n"
        "  - table:\n"
        "      columns: [{title: Nội dung}, {title: Kinh phí, type: "
        "amount}]\n"
        "      rows:\n" LONG_TEXT_ROW "250000000000]\n" SMALL_TABLE_END;
    long widths[3] = {0};
    table_columns(yaml, 3, widths);
    long figure = (long)bc_text_twips("250.000.000.000", 15, BC_FACE_REGULAR,
                                      24) + 132; /* 12 pt, cell margins */
    if (widths[2] < figure)
        fail_msg("the figures' column is %ld twips, its figure needs %ld",
                 widths[2], figure);
    assert_true(widths[1] > widths[2]);
}

/* A column of small counts beside long text is still 3.6 em wide (864
 * twips and the cell's margins), as in the HTML, so that its header
 * wraps at two or three words a line, not one. */
static void test_small_counts_leave_room_for_their_header(void **state)
{
    (void)state;
    static const char yaml[] =
        TU_YAML_DOCUMENT
        "preamble:\n"
        "  - table:\n"
        "      columns: [{title: Nội dung}, {title: Số đoàn đã đón tiếp, "
        "type: integer}]\n"
        "      rows:\n" LONG_TEXT_ROW "5]\n" SMALL_TABLE_END;
    long widths[3] = {0};
    table_columns(yaml, 3, widths);
    if (widths[2] < 864 + 132)
        fail_msg("the counts' column is %ld twips, not 3.6 em", widths[2]);
    assert_true(widths[1] > widths[2]);
}

/* Twelve columns of counts are too many to be roomy (view.h): each is as
 * narrow as its figure and header words, and the unit's column keeps
 * its longest word, where 3.6 em each squeezed it to 408 twips. */
static void test_many_counts_leave_the_text_its_words(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n");
    tu_yaml_count_table(&yaml, 12);
    bc_buf_puts(&yaml, SMALL_TABLE_END);
    long widths[14] = {0};
    table_columns(yaml.ptr, 14, widths);
    bc_buf_fini(&yaml);
    long word = (long)bc_text_twips("UBND", 4, BC_FACE_REGULAR, 24) + 132;
    if (widths[1] < word)
        fail_msg("the unit's column is %ld twips, narrower than \"UBND\" "
                 "(%ld)", widths[1], word);
    long sum = 0;
    for (size_t c = 0; c < 14; c++)
        sum += widths[c];
    if (sum > 9355)
        fail_msg("the columns take %ld twips, past the text width", sum);
}

/* A space inside a document number is a no-break space, as its hyphens
 * are non-breaking ones: "92 KH/UBND" stays on one line. */
static void test_space_in_a_number_does_not_break(void **state)
{
    (void)state;
    static const char yaml[] =
        TU_YAML_DOCUMENT
        "citations:\n"
        "  - {id: kh, type: \"Kế hoạch\", number: \"92 KH/UBND\", date: "
        "2026-01-05, issuer: \"UBND xã A\"}\n"
        "preamble: [\"Thực hiện [@kh].\"]\n"
        "distribution: [\"Lưu: VT, VP\"]\n"
        "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n";
    const char *args[] = {"build", "-f", "docx", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 0);
    zip_t *za = open_package(&r);
    char *doc = read_entry(za, "word/document.xml");
    assert_non_null(doc);
    assert_non_null(strstr(doc, ">92\u00a0KH/UBND<"));
    assert_null(strstr(doc, "92 KH/UBND"));
    free(doc);
    zip_close(za);
    tu_result_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_in_order),
        cmocka_unit_test(test_zip_round_trip),
        cmocka_unit_test(test_zip_in_pieces_same_bytes),
        cmocka_unit_test(test_zip_read_back),
        cmocka_unit_test(test_zip_read_refuses_damage),
        cmocka_unit_test(test_entries_are_plain),
        cmocka_unit_test(test_same_bytes_every_run),
        cmocka_unit_test(test_parts_are_xml),
        cmocka_unit_test(test_references_resolve),
        cmocka_unit_test(test_properties),
        cmocka_unit_test(test_text_stays_text),
        cmocka_unit_test(test_numbers_do_not_break),
        cmocka_unit_test(test_template_folder),
        cmocka_unit_test(test_no_libzip_nor_libcrypto),
        cmocka_unit_test(test_table_wider_than_the_page),
        cmocka_unit_test(test_recipients_block_is_centred),
        cmocka_unit_test(test_figures_keep_their_width_beside_long_text),
        cmocka_unit_test(test_small_counts_leave_room_for_their_header),
        cmocka_unit_test(test_many_counts_leave_the_text_its_words),
        cmocka_unit_test(test_space_in_a_number_does_not_break),
    };
    return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}

/* test_text.c - NFC and legacy Vietnamese encodings (TCVN3, VNI). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bcreport/buf.h"
#include "bcreport/text.h"

/* ---- NFC ---------------------------------------------------------------- */

static void test_to_nfc(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Vie\u0323\u0302t", "Việt"},       /* NFD, canonical order */
        {"Vie\u0302\u0323t", "Việt"},       /* marks the other way round */
        {"Ho\u0300a Bi\u0300nh", "Hòa Bình"},
        {"Đo\u031B\u0300n", "Đờn"},
        {"Việt Nam", "Việt Nam"},           /* already NFC */
        {"Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"},
        {"plain ASCII", "plain ASCII"},
        {"", ""},
    };
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf_clear(&b);
        assert_true(bc_to_nfc(cases[i].in, strlen(cases[i].in), &b));
        assert_string_equal(b.ptr, cases[i].out);
        assert_true(bc_is_nfc(b.ptr, b.len));
    }
    /* Appends, keeping what is there. */
    bc_buf_clear(&b);
    bc_buf_puts(&b, "> ");
    assert_true(bc_to_nfc("a\u0301", 3, &b));
    assert_string_equal(b.ptr, "> á");
    /* Invalid UTF-8 is refused and nothing is appended. */
    bc_buf_clear(&b);
    assert_false(bc_to_nfc("ab\xC3", 3, &b));
    assert_int_equal(b.len, 0);
    bc_buf_fini(&b);
}

static void test_is_nfc(void **state)
{
    (void)state;
    assert_true(bc_is_nfc("Việt", strlen("Việt")));
    assert_true(bc_is_nfc("ASCII only", 10));
    assert_true(bc_is_nfc("", 0));
    assert_false(bc_is_nfc("Vie\u0323\u0302t", strlen("Vie\u0323\u0302t")));
    assert_false(bc_is_nfc("a\u0301", 3));
    assert_false(bc_is_nfc("\xFF", 1));
    /* The length counts, not a terminator: "á" cut after the 'a'. */
    assert_true(bc_is_nfc("a\u0301", 1));
}

/* ---- NFC: the quick check against utf8proc ------------------------------- */

static bool quick(const char *s)
{
    return bc_is_nfc_quick(s, strlen(s));
}

/* ASCII, precomposed letters and whole scripts that compose nothing are
 * answered without utf8proc_map. */
static void test_nfc_quick_path(void **state)
{
    (void)state;
    static const char *const fast[] = {
        "", "plain ASCII, digits 0123 and <=> signs",
        "Cộng hòa xã hội chủ nghĩa Việt Nam", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
        "“Nơi nhận” – Lưu: VT… ½ € ©", "Ærø, Straße, Łódź, Ωμέγα, Москва",
        "漢字かなカナ", "한국어 (Hangul syllables)", "\U0001F600 emoji",
        "\u00C5ngstr\u00F6m with the letter, not the sign",
    };
    for (size_t i = 0; i < sizeof fast / sizeof fast[0]; i++) {
        if (!quick(fast[i]))
            fail_msg("\"%s\" fell to utf8proc", fast[i]);
        assert_true(bc_is_nfc(fast[i], strlen(fast[i])));
    }
}

/* A combining mark, a composition exclusion, a singleton, a
 * decomposition that starts with a mark, a vowel sign that composes with
 * what precedes it, a Hangul jamo, invalid UTF-8: each is utf8proc's to
 * answer, and the answer is utf8proc's. */
static void test_nfc_slow_path(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool nfc;
    } slow[] = {
        {"Vie\u0323\u0302t", false},   /* NFD */
        {"a\u0301", false},            /* composes to á */
        {"\u0301 alone first", true},  /* a mark with nothing to join */
        {"q\u0301", true},             /* no q with acute in Unicode */
        {"\u0958", false},             /* composition exclusion */
        {"\u2126 ohm sign", false},    /* singleton to Ω */
        {"\u212B angstrom sign", false},
        {"\u1F71", false},             /* singleton to U+03AC */
        {"\u0F73", false},             /* decomposes to two marks */
        {"\u09C7\u09BE", false},       /* composes to U+09CB */
        {"\u09BE alone", true},
        {"\u1100\u1161", false},       /* jamo L V: a syllable */
        {"\uAC00\u11A8", false},       /* syllable LV + T */
        {"\u1161 alone", true},
        {"ab\xC3", false},             /* cut short */
        {"\xED\xA0\x80", false},       /* a surrogate */
        {"\xC0\xAF", false},           /* overlong */
        {"\xF4\x90\x80\x80", false},   /* past U+10FFFF */
    };
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++) {
        const char *s = slow[i].s;
        if (quick(s))
            fail_msg("case %zu took the quick path", i);
        assert_int_equal(bc_is_nfc(s, strlen(s)), slow[i].nfc);
        assert_int_equal(bc_is_nfc_full(s, strlen(s)), slow[i].nfc);
    }
}

static size_t encode(uint32_t cp, char *out)
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
                                        (utf8proc_uint8_t *)out);
}

/* Every code point the quick check passes is NFC by utf8proc; and no code
 * point that composes onto another, in any composite NFC keeps, passes:
 * so no two code points that pass can compose together. */
static void test_nfc_quick_every_code_point(void **state)
{
    (void)state;
    size_t passed = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char u[8];
        size_t n = encode(cp, u);
        bool q = bc_is_nfc_quick(u, n), full = bc_is_nfc_full(u, n);
        if (q && !full)
            fail_msg("U+%04X passes the quick check, not NFC", (unsigned)cp);
        passed += q;
        utf8proc_int32_t d[32];
        int bc = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            (utf8proc_int32_t)cp, d, 32, UTF8PROC_DECOMPOSE, &bc);
        for (utf8proc_ssize_t i = 1; full && i < k; i++) {
            char v[8];
            if (bc_is_nfc_quick(v, encode((uint32_t)d[i], v)))
                fail_msg("U+%04X composes into U+%04X yet passes",
                         (unsigned)d[i], (unsigned)cp);
        }
    }
    /* Nearly all: only marks, exclusions, singletons and jamo are out. */
    assert_true(passed > 1000000);
}

/* xorshift64: the same strings on every run. */
static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Pieces that stress normalisation: starters that take marks, marks of
 * several classes, exclusions, singletons, vowel signs that compose
 * after a starter, Hangul jamo and syllables, bytes that are no UTF-8. */
static const char *const pieces[] = {
    "a", "e", "o", "u", "A", "O", " ", "<", "=", "ệ", "ờ", "Ả", "ư", "ơ",
    "đ", "â", "ă", "\u00C5", "\u0300", "\u0301", "\u0302", "\u0303",
    "\u0306", "\u0309", "\u031B", "\u0323", "\u0328", "\u0338", "\u0345",
    "\u05B0", "\u030A", "\u0308", "\u0F71", "\u0F72", "\u0F74", "\u0958",
    "\u2ADC", "\u0F43", "\uFB1D", "\u2126", "\u212B", "\u1F71", "\u0340",
    "\u0343", "\u0374", "\u037E", "\u0344", "\u0F73", "\u0F75", "\u0F81",
    "\u09BE", "\u09C7", "\u09D7", "\u0B3E", "\u0B47", "\u0CD5", "\u0CC6",
    "\u1B35", "\u1B05", "\u102E", "\u1025", "\u0DCF", "\u0DD9", "\u1100",
    "\u1161", "\u11A8", "\uAC00", "\uAC01", "\uFFFE", "\U0001D15E",
    "\U0001D165", "\U000110AB", "\U000110BA", "\xC3", "\xED\xA0\x80",
    "\xF4\x90\x80\x80", "\xC0\xAF", "\xFF", "\xE1\xBB",
};

/* The fast answer and the full one agree on random strings of pieces and
 * on random bytes: bc_is_nfc is utf8proc's answer, and bc_to_nfc
 * utf8proc's NFC. */
static void test_nfc_quick_property(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15u;
    bc_buf s = BC_BUF_INIT, out = BC_BUF_INIT;
    size_t quick_yes = 0;
    for (int round = 0; round < 60000; round++) {
        bc_buf_clear(&s);
        size_t n = next_random(&x) % 10;
        bool bytes = round % 8 == 7;
        for (size_t i = 0; i < n; i++) {
            if (bytes)
                bc_buf_putc(&s, (char)(next_random(&x) & 0xFF));
            else
                bc_buf_puts(&s,
                            pieces[next_random(&x) % (sizeof pieces /
                                                      sizeof pieces[0])]);
        }
        bool full = bc_is_nfc_full(s.ptr, s.len);
        bool q = bc_is_nfc_quick(s.ptr, s.len);
        if ((q && !full) || bc_is_nfc(s.ptr, s.len) != full)
            fail_msg("round %d: quick %d, full %d", round, q, full);
        quick_yes += q;
        utf8proc_uint8_t *want = NULL;
        utf8proc_ssize_t w = utf8proc_map((const utf8proc_uint8_t *)s.ptr,
                                          (utf8proc_ssize_t)s.len, &want,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        bc_buf_clear(&out);
        assert_int_equal(bc_to_nfc(s.ptr, s.len, &out), w >= 0);
        if (w >= 0 && (out.len != (size_t)w || memcmp(out.ptr, want, out.len)))
            fail_msg("round %d: bc_to_nfc differs from utf8proc", round);
        free(want);
    }
    /* Both paths were taken, many times. */
    assert_true(quick_yes > 5000 && quick_yes < 55000);
    bc_buf_fini(&s);
    bc_buf_fini(&out);
}

/* ---- Legacy encodings: the code tables, as data ------------------------- */

/*
 * How each Vietnamese letter other than a e i o u y looks when TCVN3 or
 * VNI bytes are read as Windows-1252.  TCVN3 from glibc's TCVN5712-1 table
 * (bytes 0xA1-0xFF); capitals other than Ă Â Ê Ô Ơ Ư Đ have no code in the
 * ABC fonts and are typed with the small letter's code in a capital font
 * (.VnTimeH).  VNI: the vowel followed by a mark character (ù ø û õ ï for
 * the tones, â á à å ã ä for the circumflex, ê é è ú ü ë for the breve),
 * single characters for the i's, ỵ, ơ, ư and đ.
 */
static const struct {
    const char *lower, *upper;
    const char *tcvn3, *tcvn3_upper;
    const char *vni, *vni_upper;
} letters[] = {
    {"á", "Á", "¸", "¸", "aù", "AÙ"},
    {"à", "À", "µ", "µ", "aø", "AØ"},
    {"ả", "Ả", "¶", "¶", "aû", "AÛ"},
    {"ã", "Ã", "·", "·", "aõ", "AÕ"},
    {"ạ", "Ạ", "¹", "¹", "aï", "AÏ"},
    {"ă", "Ă", "¨", "¡", "aê", "AÊ"},
    {"ắ", "Ắ", "¾", "¾", "aé", "AÉ"},
    {"ằ", "Ằ", "»", "»", "aè", "AÈ"},
    {"ẳ", "Ẳ", "¼", "¼", "aú", "AÚ"},
    {"ẵ", "Ẵ", "½", "½", "aü", "AÜ"},
    {"ặ", "Ặ", "Æ", "Æ", "aë", "AË"},
    {"â", "Â", "©", "¢", "aâ", "AÂ"},
    {"ấ", "Ấ", "Ê", "Ê", "aá", "AÁ"},
    {"ầ", "Ầ", "Ç", "Ç", "aà", "AÀ"},
    {"ẩ", "Ẩ", "È", "È", "aå", "AÅ"},
    {"ẫ", "Ẫ", "É", "É", "aã", "AÃ"},
    {"ậ", "Ậ", "Ë", "Ë", "aä", "AÄ"},
    {"é", "É", "Ð", "Ð", "eù", "EÙ"},
    {"è", "È", "Ì", "Ì", "eø", "EØ"},
    {"ẻ", "Ẻ", "Î", "Î", "eû", "EÛ"},
    {"ẽ", "Ẽ", "Ï", "Ï", "eõ", "EÕ"},
    {"ẹ", "Ẹ", "Ñ", "Ñ", "eï", "EÏ"},
    {"ê", "Ê", "ª", "£", "eâ", "EÂ"},
    {"ế", "Ế", "Õ", "Õ", "eá", "EÁ"},
    {"ề", "Ề", "Ò", "Ò", "eà", "EÀ"},
    {"ể", "Ể", "Ó", "Ó", "eå", "EÅ"},
    {"ễ", "Ễ", "Ô", "Ô", "eã", "EÃ"},
    {"ệ", "Ệ", "Ö", "Ö", "eä", "EÄ"},
    {"í", "Í", "Ý", "Ý", "í", "Í"},
    {"ì", "Ì", "×", "×", "ì", "Ì"},
    {"ỉ", "Ỉ", "Ø", "Ø", "æ", "Æ"},
    {"ĩ", "Ĩ", "Ü", "Ü", "ó", "Ó"},
    {"ị", "Ị", "Þ", "Þ", "ò", "Ò"},
    {"ó", "Ó", "ã", "ã", "où", "OÙ"},
    {"ò", "Ò", "ß", "ß", "oø", "OØ"},
    {"ỏ", "Ỏ", "á", "á", "oû", "OÛ"},
    {"õ", "Õ", "â", "â", "oõ", "OÕ"},
    {"ọ", "Ọ", "ä", "ä", "oï", "OÏ"},
    {"ô", "Ô", "«", "¤", "oâ", "OÂ"},
    {"ố", "Ố", "è", "è", "oá", "OÁ"},
    {"ồ", "Ồ", "å", "å", "oà", "OÀ"},
    {"ổ", "Ổ", "æ", "æ", "oå", "OÅ"},
    {"ỗ", "Ỗ", "ç", "ç", "oã", "OÃ"},
    {"ộ", "Ộ", "é", "é", "oä", "OÄ"},
    {"ơ", "Ơ", "¬", "¥", "ô", "Ô"},
    {"ớ", "Ớ", "í", "í", "ôù", "ÔÙ"},
    {"ờ", "Ờ", "ê", "ê", "ôø", "ÔØ"},
    {"ở", "Ở", "ë", "ë", "ôû", "ÔÛ"},
    {"ỡ", "Ỡ", "ì", "ì", "ôõ", "ÔÕ"},
    {"ợ", "Ợ", "î", "î", "ôï", "ÔÏ"},
    {"ú", "Ú", "ó", "ó", "uù", "UÙ"},
    {"ù", "Ù", "ï", "ï", "uø", "UØ"},
    {"ủ", "Ủ", "ñ", "ñ", "uû", "UÛ"},
    {"ũ", "Ũ", "ò", "ò", "uõ", "UÕ"},
    {"ụ", "Ụ", "ô", "ô", "uï", "UÏ"},
    {"ư", "Ư", "\u00AD", "¦", "ö", "Ö"}, /* TCVN3 ư is the soft hyphen */
    {"ứ", "Ứ", "ø", "ø", "öù", "ÖÙ"},
    {"ừ", "Ừ", "õ", "õ", "öø", "ÖØ"},
    {"ử", "Ử", "ö", "ö", "öû", "ÖÛ"},
    {"ữ", "Ữ", "÷", "÷", "öõ", "ÖÕ"},
    {"ự", "Ự", "ù", "ù", "öï", "ÖÏ"},
    {"ý", "Ý", "ý", "ý", "yù", "YÙ"},
    {"ỳ", "Ỳ", "ú", "ú", "yø", "YØ"},
    {"ỷ", "Ỷ", "û", "û", "yû", "YÛ"},
    {"ỹ", "Ỹ", "ü", "ü", "yõ", "YÕ"},
    {"ỵ", "Ỵ", "þ", "þ", "î", "Î"},
    {"đ", "Đ", "®", "§", "ñ", "Ñ"},
};

/* Appends the mojibake a legacy document of text shows when copied out. */
static void to_legacy(const char *text, size_t len, bc_legacy_encoding enc,
                      bc_buf *out)
{
    size_t i = 0;
    while (i < len) {
        size_t j = 0, n = 0;
        const char *repl = NULL;
        for (; j < sizeof letters / sizeof letters[0] && !repl; j++) {
            bool tc = enc == BC_LEGACY_TCVN3;
            if (!strncmp(text + i, letters[j].lower, n = strlen(letters[j].lower)))
                repl = tc ? letters[j].tcvn3 : letters[j].vni;
            else if (!strncmp(text + i, letters[j].upper,
                              n = strlen(letters[j].upper)))
                repl = tc ? letters[j].tcvn3_upper : letters[j].vni_upper;
        }
        if (repl) {
            bc_buf_puts(out, repl);
            i += n;
        } else {
            bc_buf_putc(out, text[i++]);
        }
    }
}

/* The bytes of a legacy file: mojibake (all below U+0100) as Latin-1. */
static void to_bytes(const char *mojibake, bc_buf *out)
{
    const unsigned char *p = (const unsigned char *)mojibake;
    while (*p) {
        if (*p < 0x80) {
            bc_buf_putc(out, (char)*p++);
        } else {
            assert_true(*p == 0xC2 || *p == 0xC3);
            bc_buf_putc(out, (char)(((p[0] & 0x03) << 6) | (p[1] & 0x3F)));
            p += 2;
        }
    }
}

static void test_tables_match_known_samples(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    static const char cong_hoa[] = "Cộng hoà xã hội chủ nghĩa Việt Nam";
    to_legacy(cong_hoa, strlen(cong_hoa), BC_LEGACY_TCVN3, &b);
    assert_string_equal(b.ptr, "Céng hoµ x· héi chñ nghÜa ViÖt Nam");
    bc_buf_clear(&b);
    static const char cong_hoa2[] = "Cộng hòa xã hội chủ nghĩa Việt Nam";
    to_legacy(cong_hoa2, strlen(cong_hoa2), BC_LEGACY_VNI, &b);
    assert_string_equal(b.ptr, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam");
    bc_buf_clear(&b);
    static const char truong[] = "Trường Đại học";
    to_legacy(truong, strlen(truong), BC_LEGACY_TCVN3, &b);
    assert_string_equal(b.ptr, "Tr\u00ADêng §¹i häc");
    bc_buf_clear(&b);
    to_legacy(truong, strlen(truong), BC_LEGACY_VNI, &b);
    assert_string_equal(b.ptr, "Tröôøng Ñaïi hoïc");
    bc_buf_fini(&b);
}

/* ---- Legacy encodings: true positives ----------------------------------- */

/* Phrases from official documents, as typed in an old file. */
static const char *const legacy_phrases[] = {
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Báo cáo kết quả thực hiện nhiệm vụ năm 2023",
    "Kính gửi: Sở Ngoại vụ tỉnh Quảng Ngãi",
    "Thực hiện Công văn số 1353/SNgV-ĐN ngày 09/11/2023 của Sở Ngoại vụ",
    "Các phòng, ban: như trên; lưu văn thư, phòng Tổ chức.",
    "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC",
    "Trường trung học cơ sở Nguyễn Trãi, huyện Bình Sơn",
    "Ủy ban nhân dân tỉnh đề nghị các sở, ngành phối hợp thực hiện.",
    "Người ký: Chủ tịch Nguyễn Văn Dũng",
};

/* A correct prefix, so that offsets are not trivially 0. */
static const char prefix[] = "Trích yếu (tệp cũ): ";

/* The byte offset in legacy form of the first word that the encoding
 * changes: where the evidence starts. */
static size_t first_changed_word(const char *phrase, bc_legacy_encoding enc)
{
    bc_buf plain = BC_BUF_INIT, legacy = BC_BUF_INIT;
    size_t at = 0, found = (size_t)-1;
    const char *w = phrase;
    while (*w && found == (size_t)-1) {
        size_t n = strcspn(w, " ");
        bc_buf_clear(&legacy);
        to_legacy(w, n, enc, &legacy);
        if (legacy.len != n || memcmp(legacy.ptr, w, n) != 0)
            found = at;
        at += legacy.len;
        w += n;
        at += strspn(w, " ");
        w += strspn(w, " ");
    }
    bc_buf_fini(&plain);
    bc_buf_fini(&legacy);
    assert_true(found != (size_t)-1);
    return found;
}

static void check_phrases(bc_legacy_encoding enc)
{
    bc_buf text = BC_BUF_INIT, bytes = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof legacy_phrases / sizeof legacy_phrases[0];
         i++) {
        const char *phrase = legacy_phrases[i];
        size_t want = first_changed_word(phrase, enc);
        bc_buf_clear(&text);
        bc_buf_puts(&text, prefix);
        to_legacy(phrase, strlen(phrase), enc, &text);
        size_t at = 12345;
        bc_legacy_encoding got = bc_legacy_detect(text.ptr, text.len, &at);
        if (got != enc || at != sizeof prefix - 1 + want)
            fail_msg("\"%s\": got %s at %zu, want %s at %zu", text.ptr,
                     bc_legacy_name(got), at, bc_legacy_name(enc),
                     sizeof prefix - 1 + want);
        /* Alone, it starts at once. */
        size_t plen = sizeof prefix - 1;
        assert_int_equal(bc_legacy_detect(text.ptr + plen,
                                               text.len - plen, &at), enc);
        assert_int_equal(at, want);
        /* The same as the raw bytes of a legacy file. */
        bc_buf_clear(&bytes);
        to_bytes(text.ptr + plen, &bytes);
        assert_int_equal(bc_legacy_detect_bytes(bytes.ptr, bytes.len, &at),
                         enc);
        assert_true(at <= want);
    }
    bc_buf_fini(&text);
    bc_buf_fini(&bytes);
}

static void test_tcvn3_mojibake(void **state)
{
    (void)state;
    check_phrases(BC_LEGACY_TCVN3);
    size_t at = 99;
    static const char sample[] = "Céng hoµ x· héi chñ nghÜa ViÖt Nam";
    assert_int_equal(bc_legacy_detect(sample, strlen(sample), &at),
                     BC_LEGACY_TCVN3);
    assert_int_equal(at, 0);
    /* NULL offset is allowed. */
    assert_int_equal(bc_legacy_detect(sample, strlen(sample), NULL),
                     BC_LEGACY_TCVN3);
    /* One word with two legacy characters is enough: "đường". */
    static const char duong[] = "s\u00F4 \u00AE\u00ADêng";
    assert_int_equal(bc_legacy_detect(duong, strlen(duong), &at),
                     BC_LEGACY_TCVN3);
    assert_int_equal(at, 4);
}

/* Evidence must be two words, or one word with two legacy characters:
 * one word that one legacy character turns Vietnamese is not enough. */
static void test_one_word_is_not_enough(void **state)
{
    (void)state;
    static const char one[] = "Céng";
    assert_int_equal(bc_legacy_detect(one, strlen(one), NULL),
                     BC_LEGACY_NONE);
    static const char two[] = "Céng hoµ";
    assert_int_equal(bc_legacy_detect(two, strlen(two), NULL),
                     BC_LEGACY_TCVN3);
}

static void test_vni_mojibake(void **state)
{
    (void)state;
    check_phrases(BC_LEGACY_VNI);
    size_t at = 99;
    static const char sample[] =
        "Họ tên: Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam";
    assert_int_equal(bc_legacy_detect(sample, strlen(sample), &at),
                     BC_LEGACY_VNI);
    assert_int_equal(at, strlen("Họ tên: "));
    /* "đường" alone: four legacy characters in one word. */
    static const char duong[] = "ñöôøng";
    assert_int_equal(bc_legacy_detect(duong, strlen(duong), &at),
                     BC_LEGACY_VNI);
    assert_int_equal(at, 0);
}

/* ---- Legacy encodings: raw bytes ---------------------------------------- */

static void test_raw_bytes(void **state)
{
    (void)state;
    size_t at = 99;
    static const char tcvn3[] =
        "C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDC" "a Vi\xD6t Nam";
    assert_int_equal(bc_legacy_detect_bytes(tcvn3, strlen(tcvn3), &at),
                     BC_LEGACY_TCVN3);
    assert_int_equal(at, 0);
    static const char vni[] =
        "Co\xE4ng ho\xF8" "a xa\xF5 ho\xE4i chu\xFB ngh\xF3" "a Vie\xE4t Nam";
    assert_int_equal(bc_legacy_detect_bytes(vni, strlen(vni), &at),
                     BC_LEGACY_VNI);
    assert_int_equal(at, 0);
    /* Legacy bytes after correct UTF-8: the window the loader passes. */
    static const char mixed[] = "tiêu đề: \xA7\xE9" "c l\xCB" "p";
    assert_int_equal(bc_legacy_detect_bytes(mixed, strlen(mixed), &at),
                     BC_LEGACY_TCVN3);
    assert_int_equal(at, strlen("tiêu đề: "));
    /* UTF-8 Vietnamese with one stray byte is not legacy text. */
    at = 99;
    static const char stray[] = "Độc lập - Tự do \xFF- Hạnh phúc của nhân dân";
    assert_int_equal(bc_legacy_detect_bytes(stray, strlen(stray), &at),
                     BC_LEGACY_NONE);
    /* Nor is a Windows-1252 file in French or English. */
    at = 99;
    static const char latin1[] =
        "Le caf\xE9 o\xF9 nous \xE9tions, \xAB s\xFBr \xBB, co\xFBt 5 \x80, "
        "na\xEF" "ve gar\xE7on, No\xEBl \xE0 l'h\xF4tel \xA9 2023 25\xB0" "C";
    assert_int_equal(bc_legacy_detect_bytes(latin1, strlen(latin1), &at),
                     BC_LEGACY_NONE);
    assert_int_equal(at, 99);
}

/* ---- Legacy encodings: false positives ---------------------------------- */

static const char *const correct_sentences[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về "
    "công tác văn thư;",
    "Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân "
    "huyện.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban "
    "nhân dân huyện.",
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và cá nhân có "
    "liên quan chịu trách nhiệm thi hành Quyết định này./.",
    "Nơi nhận: Như Điều 3; Thường trực Huyện ủy; Lưu: VT, NC.",
    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
    "Kính gửi: Sở Ngoại vụ tỉnh Quảng Ngãi.",
    "Thực hiện Công văn số 1353/SNgV-ĐN ngày 09/11/2023 của Sở Ngoại vụ.",
    "Tình hình kinh tế - xã hội tiếp tục phục hồi và tăng trưởng khá.",
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 1.250 tỷ đồng, "
    "bằng 104,5% dự toán.",
    "Công tác cải cách hành chính được quan tâm chỉ đạo quyết liệt.",
    "Tỷ lệ hộ nghèo giảm còn 3,2%; tỷ lệ lao động qua đào tạo đạt 68%.",
    "Quốc phòng, an ninh được giữ vững; trật tự, an toàn xã hội được bảo "
    "đảm.",
    "Những tồn tại, hạn chế và nguyên nhân; phương hướng, nhiệm vụ năm tới.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động "
    "của cơ quan nhà nước.",
    "Khuyến khích người dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự "
    "nguyện.",
    "Thường xuyên kiểm tra, đôn đốc việc thực hiện; kịp thời khen thưởng, "
    "xử lý vi phạm.",
    "Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với các đơn vị liên "
    "quan.",
    "Huy động các nguồn lực xã hội hóa để đầu tư xây dựng trường học, trạm "
    "y tế.",
    "Tiếp tục thực hiện nghiêm các quy định về phòng, chống tham nhũng, "
    "lãng phí.",
    "Xoá đói, giảm nghèo bền vững; quan tâm gia đình chính sách, người có "
    "công.",
    "Những khó khăn, vướng mắc đề nghị phản ánh về Văn phòng để tổng hợp, "
    "báo cáo.",
    "Nguyễn Thị Thuỷ, Trương Quỳnh Hoa, Lê Huỳnh Đức, Phạm Khuê, Ngô Quyền.",
    "Dự án khu dân cư phía Tây, đường Hoàng Văn Thụ nối dài.",
    "Khoẻ mạnh, ngoằn ngoèo, khuya khoắt, khuỷu tay, quăng quật, xoong nồi.",
    "Giữ gìn, giường chiếu, rượu bia, tươi cười, người ở, thuở xưa, huơ tay.",
    "Học sinh đạt giải: Huỳnh Ngọc Yến, Đặng Quốc Khánh, Võ Thị Ánh Tuyết.",
    "Hòa, hoà, hóa, hoá, thủy, thuỷ, khỏe, khoẻ, quý, qúy, oẳn tù tì.",
    "Giấy phép số 12/GP-UBND; Điện thoại: (0255) 3851 234; Fax: 3851 235.",
    "Việc gì cũng phải làm đến nơi đến chốn, không được ỷ lại, né tránh.",
};

static const char *const foreign_sentences[] = {
    "Copyright © 2023 Example Corp. All rights reserved.",
    "Temperature 25 °C, humidity 80 %, area 2.5 m² and volume 3 m³.",
    "She said « bonjour » and «merci», then left · quietly.",
    "Le café où nous étions était sûr ; il a dû partir à l'hôtel.",
    "Où est-il ? Où va-t-il ? Il a dû, il a dû, il a dû.",
    "Noël à Paris : naïve garçon, maître d'hôtel, cœur, sœur, déjà vu.",
    "Ça coûte 5 € ; le goût du pâté ; l'île ; le théâtre ; août.",
    "½ cup of sugar, ¼ teaspoon of salt, ±5 % tolerance, 10 µm filter.",
    "Müller, Zürich, Straße, Öl, Übung, Ærø, São Paulo, Gdańsk, Łódź.",
    "Brand® and Product™ are trademarks; see § 4 ¶ 2 of the contract.",
    "Niño, año, señor, mañana, qué, más, sí, él, está, aquí, allí.",
    "col·lecció, l·lusió; x × y ÷ z; ¿Qué? ¡Hola!",
    "Crème brûlée, façade, fiancée, résumé, naïveté, rôle, entrée.",
    "5 µm and 3 µm and 7 µg; £10 and ¥200; ¬p ∧ q; ª and º.",
    "Non è più possibile, più tardi, più volte: perché è così.",
};

static void expect_clean(const char *s, size_t len, const char *what)
{
    size_t at = 777;
    bc_legacy_encoding got = bc_legacy_detect(s, len, &at);
    if (got != BC_LEGACY_NONE)
        fail_msg("%s: %s at %zu in \"%.*s\"", what, bc_legacy_name(got), at,
                 (int)len, s);
    assert_int_equal(at, 777);
    if (bc_legacy_detect_bytes(s, len, &at) != BC_LEGACY_NONE)
        fail_msg("%s: raw bytes at %zu in \"%.*s\"", what, at, (int)len, s);
}

static void test_no_false_positives(void **state)
{
    (void)state;
    size_t n = sizeof correct_sentences / sizeof correct_sentences[0];
    assert_true(n >= 30);
    bc_buf all = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        expect_clean(correct_sentences[i], strlen(correct_sentences[i]),
                     "Vietnamese");
        bc_buf_printf(&all, "%s\n", correct_sentences[i]);
    }
    expect_clean(all.ptr, all.len, "all Vietnamese sentences");
    bc_buf_clear(&all);
    for (size_t i = 0;
         i < sizeof foreign_sentences / sizeof foreign_sentences[0]; i++) {
        expect_clean(foreign_sentences[i], strlen(foreign_sentences[i]),
                     "foreign");
        bc_buf_printf(&all, "%s\n", foreign_sentences[i]);
    }
    expect_clean(all.ptr, all.len, "all foreign sentences");
    /* Text in NFD is no legacy text either. */
    static const char nfd[] = "Vie\u0323\u0302t Nam, Ho\u0300a Bi\u0300nh, "
                              "ngu\u031Bo\u031B\u0300i";
    expect_clean(nfd, strlen(nfd), "NFD");
    bc_buf_fini(&all);
}

/* Every line of the example report, and the report as a whole. */
static void test_example_report(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_read_example(&len);
    size_t lines = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            expect_clean(p, n, "example report");
            lines++;
        }
        p += n + 1;
    }
    assert_true(lines >= 30);
    expect_clean(text, len, "example report");
    /* And the report turned into TCVN3 and VNI is found at its first
     * changed word. */
    bc_buf legacy = BC_BUF_INIT;
    to_legacy(text, len, BC_LEGACY_TCVN3, &legacy);
    assert_int_equal(bc_legacy_detect(legacy.ptr, legacy.len, NULL),
                     BC_LEGACY_TCVN3);
    bc_buf_clear(&legacy);
    to_legacy(text, len, BC_LEGACY_VNI, &legacy);
    assert_int_equal(bc_legacy_detect(legacy.ptr, legacy.len, NULL),
                     BC_LEGACY_VNI);
    /* One legacy sentence pasted into the correct report is found where
     * it starts, though the rest of the report is correct. */
    const char *mid = strstr(text, "\n- ");
    assert_non_null(mid);
    size_t cut = (size_t)(mid - text) + 3;
    for (int enc = BC_LEGACY_TCVN3; enc <= BC_LEGACY_VNI; enc++) {
        static const char pasted[] = "Cộng hòa xã hội chủ nghĩa Việt Nam. ";
        bc_buf_clear(&legacy);
        bc_buf_append(&legacy, text, cut);
        to_legacy(pasted, strlen(pasted), (bc_legacy_encoding)enc, &legacy);
        bc_buf_append(&legacy, text + cut, len - cut);
        size_t at = 0;
        assert_int_equal(bc_legacy_detect(legacy.ptr, legacy.len, &at),
                         enc);
        assert_int_equal(at, cut);
    }
    bc_buf_fini(&legacy);
    free(text);
}

/* ---- Legacy encodings: the pre-filter against judging every word ------- */

static void expect_same_answer(const char *s, size_t len, const char *what)
{
    size_t at = 777, at_full = 777;
    bc_legacy_encoding got = bc_legacy_detect(s, len, &at);
    bc_legacy_encoding want = bc_legacy_detect_full(s, len, false, &at_full);
    if (got != want || at != at_full)
        fail_msg("%s: %s at %zu, every word judged %s at %zu: \"%.*s\"", what,
                 bc_legacy_name(got), at, bc_legacy_name(want), at_full,
                 (int)(len < 200 ? len : 200), s);
    at = at_full = 777;
    got = bc_legacy_detect_bytes(s, len, &at);
    want = bc_legacy_detect_full(s, len, true, &at_full);
    if (got != want || at != at_full)
        fail_msg("%s (raw): %s at %zu, every word judged %s at %zu", what,
                 bc_legacy_name(got), at, bc_legacy_name(want), at_full);
}

/* Texts the pre-filter passes at a glance, texts whose evidence is made
 * of letters Vietnamese uses too ("Céng" is TCVN3's "Cộng"), evidence
 * outweighed by foreign words that hold no Latin-1 letter (only the second
 * pass counts them): each answered as judging every word answers. */
static void test_legacy_prefilter_cases(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bc_legacy_encoding want;
    } cases[] = {
        {"Việt Nam được Đảng lãnh đạo", BC_LEGACY_NONE}, /* no Latin-1 */
        {"plain ASCII text only", BC_LEGACY_NONE},
        {"Céng Céng", BC_LEGACY_TCVN3},
        {"Céng hoµ x· héi", BC_LEGACY_TCVN3},
        {"Coäng hoøa xaõ hoäi", BC_LEGACY_VNI},
        {"Céng hoµ łódź łąka ściółka źdźbło żółw gęś mąka łza", BC_LEGACY_NONE},
        {"Céng hoµ łódź łąka", BC_LEGACY_TCVN3},
        {"Céng hoµ łódź łąka ściółka źdźbło żółw", BC_LEGACY_NONE},
        {"ñöôøng Őrség", BC_LEGACY_VNI},
        {"\xFF" "Céng \xC3 hoµ", BC_LEGACY_TCVN3}, /* invalid bytes are spaces */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s;
        if (bc_legacy_detect(s, strlen(s), NULL) != cases[i].want)
            fail_msg("\"%s\": not %s", s, bc_legacy_name(cases[i].want));
        expect_same_answer(s, strlen(s), s);
    }
}

/* Words for random texts: Vietnamese, its TCVN3 and VNI mojibake, foreign
 * words with and without Latin-1 letters, symbols, bytes that are no
 * UTF-8, and lone legacy characters. */
static const char *const legacy_pieces[] = {
    "Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "đường",
    "người", "Céng", "hoµ", "x·", "héi", "chñ", "nghÜa", "ViÖt", "®\u00ADêng",
    "Coäng", "hoøa", "xaõ", "hoäi", "chuû", "nghóa", "Vieät", "ñöôøng",
    "café", "où", "più", "Ön", "µm", "łódź", "gęś", "Őrség", "naïve", "©",
    "°C", "½", "«", "»", "·", "\xFF", "\xC3", "\xE1\xBB", "µ", "¸", "ù", "ø",
    "12/2023", "-", ",", ".", ";",
};

static void random_legacy_text(uint64_t *x, size_t words, bc_buf *out)
{
    bc_buf_clear(out);
    size_t n = sizeof legacy_pieces / sizeof legacy_pieces[0];
    for (size_t i = 0; i < words; i++) {
        bc_buf_puts(out, legacy_pieces[next_random(x) % n]);
        if (next_random(x) % 4)
            bc_buf_putc(out, ' ');
    }
}

static void test_legacy_prefilter_property(void **state)
{
    (void)state;
    uint64_t x = 0x2545F4914F6CDD1Du;
    bc_buf text = BC_BUF_INIT;
    size_t found = 0;
    for (int round = 0; round < 4000; round++) {
        /* Short texts, and long ones that fill the cache of verdicts. */
        size_t words = round % 50 == 0 ? 2000 : next_random(&x) % 12;
        random_legacy_text(&x, words, &text);
        expect_same_answer(text.ptr, text.len, "random text");
        found += bc_legacy_detect(text.ptr, text.len, NULL) != BC_LEGACY_NONE;
    }
    /* Both answers came up. */
    assert_true(found > 200 && found < 3800);
    bc_buf_fini(&text);
}

/* A long text of more distinct words than the cache of verdicts keeps:
 * the words it has no room for are judged all the same. */
static void test_legacy_cache_full(void **state)
{
    (void)state;
    static const char *const syllables[] = {"ho", "xa", "ch", "ng", "Vi",
                                            "Na", "th", "tr"};
    static const char *const marks[] = {"µ", "é", "ä", "ø", "õ", "ï", "ñ",
                                        "Ö", "¸", "·"};
    bc_buf text = BC_BUF_INIT;
    for (size_t i = 0; i < 40000; i++) {
        bc_buf_printf(&text, "%s%s%s%s ", syllables[i % 8],
                      marks[(i / 8) % 10], syllables[(i / 80) % 8],
                      marks[(i / 640) % 10]);
        if (i % 3 == 0)
            bc_buf_printf(&text, "w%zu ", i); /* distinct, no Latin-1 */
    }
    expect_same_answer(text.ptr, text.len, "many distinct words");
    bc_buf_fini(&text);
}

static void test_names_and_hints(void **state)
{
    (void)state;
    assert_string_equal(bc_legacy_name(BC_LEGACY_TCVN3), "TCVN3 (ABC)");
    assert_string_equal(bc_legacy_name(BC_LEGACY_VNI), "VNI");
    assert_string_equal(bc_legacy_name(BC_LEGACY_NONE), "Unicode");
    assert_non_null(strstr(bc_legacy_hint(BC_LEGACY_TCVN3), "TCVN3"));
    assert_non_null(strstr(bc_legacy_hint(BC_LEGACY_VNI), "VNI"));
    assert_non_null(strstr(bc_legacy_hint(BC_LEGACY_VNI), "Unikey"));
    assert_string_equal(bc_legacy_hint(BC_LEGACY_NONE), "");
    size_t at = 5;
    assert_int_equal(bc_legacy_detect("", 0, &at), BC_LEGACY_NONE);
    assert_int_equal(bc_legacy_detect_bytes("", 0, &at), BC_LEGACY_NONE);
    assert_int_equal(at, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_to_nfc),
        cmocka_unit_test(test_is_nfc),
        cmocka_unit_test(test_nfc_quick_path),
        cmocka_unit_test(test_nfc_slow_path),
        cmocka_unit_test(test_nfc_quick_every_code_point),
        cmocka_unit_test(test_nfc_quick_property),
        cmocka_unit_test(test_tables_match_known_samples),
        cmocka_unit_test(test_tcvn3_mojibake),
        cmocka_unit_test(test_one_word_is_not_enough),
        cmocka_unit_test(test_vni_mojibake),
        cmocka_unit_test(test_raw_bytes),
        cmocka_unit_test(test_no_false_positives),
        cmocka_unit_test(test_example_report),
        cmocka_unit_test(test_legacy_prefilter_cases),
        cmocka_unit_test(test_legacy_prefilter_property),
        cmocka_unit_test(test_legacy_cache_full),
        cmocka_unit_test(test_names_and_hints),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

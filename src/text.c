/* text.c - NFC and legacy Vietnamese encodings (see text.h). */
#include "bcreport/text.h"
#include "bcreport/i18n.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bcreport/alloc.h"
#include "bcreport/chars.h"
#include "bcreport/utf8.h"

/* ---- NFC ---------------------------------------------------------------- */

/*
 * The quick check.  utf8proc_map normalises a whole string (decompose,
 * reorder, compose, allocate) to answer a question whose answer is nearly
 * always yes.  A string is in NFC when each of its code points is
 * "stable": one that utf8proc's NFC gives back as it is, that no code point
 * before it can combine with, and whose decomposition starts with such a
 * code point too.  Then NFC changes nothing anywhere: each character
 * decomposes and composes back on its own, and nothing composes across
 * characters.  ASCII is stable, and so are the precomposed letters of
 * Vietnamese (ệ, ờ) and the marks of punctuation (“ – …).  A combining
 * mark, a composition exclusion, a singleton (Ω, the ohm sign) or a Hangul
 * jamo is not stable, and a string holding one goes to utf8proc_map.
 *
 * All the facts come from utf8proc's own data (utf8proc_get_property, its
 * decomposition and composition), so a newer Unicode in utf8proc is a
 * newer quick check; tests/unit/test_text.c compares the two on every code
 * point and on random and adversarial strings.
 */

/* Whether a code point can be the second of a composition pair (a
 * combining mark, or a vowel sign such as U+09BE): the layout of the
 * property changed in utf8proc 2.10. */
#if UTF8PROC_VERSION_MAJOR > 2 ||                                            \
    (UTF8PROC_VERSION_MAJOR == 2 && UTF8PROC_VERSION_MINOR >= 10)
#define COMBINES_AFTER(p) ((p)->comb_issecond != 0)
#else
#define COMBINES_AFTER(p) ((p)->comb_index != UINT16_MAX && (p)->comb_index >= 0x8000)
#endif

/* Nothing before cp can combine with it: a starter (combining class 0)
 * that is no second of a pair and no Hangul jamo, which compose by rule. */
static bool starts_afresh(utf8proc_int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class == 0 && !COMBINES_AFTER(p) &&
           p->boundclass != UTF8PROC_BOUNDCLASS_L &&
           p->boundclass != UTF8PROC_BOUNDCLASS_V &&
           p->boundclass != UTF8PROC_BOUNDCLASS_T;
}

/* A precomposed cp is stable when its canonical decomposition starts
 * afresh, has its marks in canonical order, and composes back to cp. */
static bool recomposes(utf8proc_int32_t cp)
{
    utf8proc_int32_t d[8];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE,
                                                 &boundclass);
    if (n < 2 || n > 8 || !starts_afresh(d[0]))
        return false; /* a singleton, or too long to be a letter */
    int last = 0;
    for (utf8proc_ssize_t i = 1; i < n; i++) {
        int ccc = utf8proc_get_property(d[i])->combining_class;
        if (ccc == 0 || ccc < last)
            return false;
        last = ccc;
    }
    n = utf8proc_normalize_utf32(d, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    return n == 1 && d[0] == cp;
}

static bool is_stable(utf8proc_int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->comp_exclusion || !starts_afresh(cp))
        return false;
    bool canonical = p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
    return !canonical || recomposes(cp);
}

/*
 * The answers for U+0080 to U+1FFF (Latin, Vietnamese, Greek, Cyrillic,
 * the general punctuation starts above), found once per code point per
 * process: a precomposed letter costs a decomposition and a composition
 * the first time.  Atomic, so that the cache is safe from any thread; the
 * answer does not depend on who finds it.
 */
enum { CACHED_END = 0x2000, UNKNOWN = 0, STABLE = 1, UNSTABLE = 2 };
static _Atomic unsigned char stable_cache[CACHED_END];

bool bc_nfc_stable(uint32_t cp)
{
    if (cp >= CACHED_END)
        return is_stable((utf8proc_int32_t)cp);
    unsigned char v =
        atomic_load_explicit(&stable_cache[cp], memory_order_relaxed);
    if (v == UNKNOWN) {
        v = is_stable((utf8proc_int32_t)cp) ? STABLE : UNSTABLE;
        atomic_store_explicit(&stable_cache[cp], v, memory_order_relaxed);
    }
    return v == STABLE;
}

/* True when the len bytes at s are valid UTF-8 made of stable code points
 * only, and therefore in NFC; false when utf8proc must say. */
static bool quick_nfc(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = bc_utf8_decode(p + i, len - i, &cp);
        if (n == 0 || !bc_nfc_stable(cp))
            return false;
        i += n;
    }
    return true;
}

/* utf8proc's NFC of s in a malloc'd string, or NULL when s is not valid
 * UTF-8.  The length goes to *out_len. */
static char *nfc_alloc(const char *s, size_t len, size_t *out_len)
{
    if (len > (size_t)PTRDIFF_MAX)
        bc_out_of_memory(); /* utf8proc takes a signed length */
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n == UTF8PROC_ERROR_NOMEM || n == UTF8PROC_ERROR_OVERFLOW)
        bc_out_of_memory();
    if (n < 0)
        return NULL;
    *out_len = (size_t)n;
    return (char *)dst;
}

bool bc_is_nfc_full(const char *s, size_t len)
{
    size_t n;
    char *nfc = nfc_alloc(s, len, &n);
    bool same = nfc && n == len && memcmp(nfc, s, len) == 0;
    free(nfc); /* utf8proc allocates with malloc */
    return same;
}

bool bc_is_nfc_quick(const char *s, size_t len)
{
    return quick_nfc(s, len);
}

bool bc_is_nfc(const char *s, size_t len)
{
    return quick_nfc(s, len) || bc_is_nfc_full(s, len);
}

bool bc_to_nfc(const char *s, size_t len, bc_buf *out)
{
    if (quick_nfc(s, len)) {
        bc_buf_append(out, s, len);
        return true;
    }
    size_t n;
    char *nfc = nfc_alloc(s, len, &n);
    if (!nfc)
        return false;
    bc_buf_append(out, nfc, n);
    free(nfc);
    return true;
}

/* ---- Vietnamese syllables ----------------------------------------------- */

/*
 * A word is checked by spelling it as a skeleton: lowercase ASCII letters,
 * 'D' for đ and VIQR's marks after their vowel ('^' circumflex, '(' breve,
 * '+' horn), with the tone kept aside.  "Người" is "ngu+o+i" with a grave
 * tone on the second 'o'.  Only the 134 Vietnamese letters can be spelt.
 */
enum { SKEL_MAX = 16, WORD_MAX = 24, DECODED_MAX = 3 * WORD_MAX };

typedef struct skeleton {
    char s[SKEL_MAX + 1];
    size_t len;
    uint32_t tone;  /* the combining tone mark, or 0 */
    size_t tone_at; /* index in s of the vowel that carries it */
} skeleton;

static bool is_vowel(char c)
{
    return c && strchr("aeiouy", c) != NULL;
}

static bool is_mark(char c)
{
    return c == '^' || c == '(' || c == '+';
}

static bool is_tone(uint32_t cp)
{
    return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 ||
           cp == 0x323;
}

static bool skel_put(skeleton *sk, char c)
{
    if (sk->len == SKEL_MAX)
        return false;
    sk->s[sk->len++] = c;
    sk->s[sk->len] = '\0';
    return true;
}

/* A vowel mark goes right after a vowel that can take it. */
static bool skel_mark(skeleton *sk, char mark, const char *bases)
{
    char prev = sk->len ? sk->s[sk->len - 1] : '\0';
    return prev && strchr(bases, prev) && skel_put(sk, mark);
}

static bool skel_tone(skeleton *sk, uint32_t tone)
{
    size_t i = sk->len;
    while (i > 0 && is_mark(sk->s[i - 1]))
        i--;
    if (sk->tone || i == 0 || !is_vowel(sk->s[i - 1]))
        return false;
    sk->tone = tone;
    sk->tone_at = i - 1;
    return true;
}

/* Adds one code point of a canonical decomposition. */
static bool skel_add(skeleton *sk, uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        cp += 'a' - 'A';
    if (cp >= 'a' && cp <= 'z')
        return !strchr("fjwz", (int)cp) && skel_put(sk, (char)cp);
    if (cp == 0x110 || cp == 0x111)
        return skel_put(sk, 'D');
    if (cp == 0x302)
        return skel_mark(sk, '^', "aeo");
    if (cp == 0x306)
        return skel_mark(sk, '(', "a");
    if (cp == 0x31B)
        return skel_mark(sk, '+', "ou");
    if (is_tone(cp))
        return skel_tone(sk, cp);
    return false;
}

static bool skel_build(const uint32_t *cp, size_t n, skeleton *sk)
{
    memset(sk, 0, sizeof *sk);
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t parts[4];
        int boundclass = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            (utf8proc_int32_t)cp[i], parts, 4, UTF8PROC_DECOMPOSE,
            &boundclass);
        if (k < 1 || k > 4)
            return false;
        for (utf8proc_ssize_t j = 0; j < k; j++)
            if (!skel_add(sk, (uint32_t)parts[j]))
                return false;
    }
    return sk->len > 0;
}

/* Vowel clusters and whether a final consonant must follow. */
enum { OPEN, CLOSED, EITHER };

static const struct {
    const char *v;
    unsigned char fin;
} nuclei[] = {
    {"a", EITHER},    {"a(", CLOSED},  {"a^", CLOSED},    {"e", EITHER},
    {"e^", EITHER},   {"i", EITHER},   {"o", EITHER},     {"o^", EITHER},
    {"o+", EITHER},   {"u", EITHER},   {"u+", EITHER},    {"y", OPEN},
    {"ai", OPEN},     {"ao", OPEN},    {"au", OPEN},      {"ay", OPEN},
    {"a^u", OPEN},    {"a^y", OPEN},   {"eo", OPEN},      {"e^u", OPEN},
    {"ia", OPEN},     {"iu", OPEN},    {"oi", OPEN},      {"o^i", OPEN},
    {"o+i", OPEN},    {"ua", OPEN},    {"ui", OPEN},      {"u+a", OPEN},
    {"u+i", OPEN},    {"u+u", OPEN},   {"ie^", CLOSED},   {"ye^", CLOSED},
    {"uo^", CLOSED},  {"u+o+", CLOSED}, {"oo", CLOSED},   {"oa(", CLOSED},
    {"ua^", CLOSED},  {"oa", EITHER},  {"oe", EITHER},    {"ue^", EITHER},
    {"uy", EITHER},   {"uo+", EITHER}, {"ie^u", OPEN},    {"ye^u", OPEN},
    {"oai", OPEN},    {"oay", OPEN},   {"oeo", OPEN},     {"uo^i", OPEN},
    {"u+o+i", OPEN},  {"u+o+u", OPEN}, {"uya", OPEN},     {"uyu", OPEN},
    {"ua^y", OPEN},   {"uye^", CLOSED},
};

static int nucleus_kind(const char *v, size_t len)
{
    for (size_t i = 0; i < BC_COUNT(nuclei); i++)
        if (strlen(nuclei[i].v) == len && memcmp(nuclei[i].v, v, len) == 0)
            return nuclei[i].fin;
    return -1;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "-ch" and "-nh" follow only these clusters (ách, ếch, ính, oanh, uỳnh). */
static bool palatal_ok(const char *v, size_t len)
{
    static const char *const ok[] = {"a", "e^", "i", "oa", "ue^", "uy"};
    for (size_t i = 0; i < BC_COUNT(ok); i++)
        if (strlen(ok[i]) == len && memcmp(ok[i], v, len) == 0)
            return true;
    return false;
}

/* Where the tone mark belongs: on the (last) vowel with a mark, else on
 * the last vowel before a final consonant, else on the first of two vowels
 * and the middle of three; "oa", "oe" and "uy" take it on either vowel (the
 * old and the new style: hòa and hoà). */
static bool tone_placed(const skeleton *sk, size_t from, size_t to,
                        bool closed)
{
    if (!sk->tone)
        return true;
    size_t vowel[5], nv = 0, marked = SIZE_MAX;
    for (size_t i = from; i < to; i++) {
        if (is_mark(sk->s[i]))
            marked = i - 1;
        else if (nv < 5)
            vowel[nv++] = i;
    }
    if (marked != SIZE_MAX)
        return sk->tone_at == marked;
    if (closed || nv == 1)
        return sk->tone_at == vowel[nv - 1];
    if (nv == 3)
        return sk->tone_at == vowel[1];
    const char *v = sk->s + from;
    if (starts(v, "oa") || starts(v, "oe") || starts(v, "uy"))
        return sk->tone_at == vowel[0] || sk->tone_at == vowel[1];
    return sk->tone_at == vowel[0];
}

/* Checks vowel cluster s[from..to) and final consonant s[to..len). */
static bool rhyme_ok(const skeleton *sk, size_t from, size_t to)
{
    const char *fin = sk->s + to;
    int kind = nucleus_kind(sk->s + from, to - from);
    bool closed = *fin != '\0';
    if (kind < 0 || (kind == OPEN && closed) || (kind == CLOSED && !closed))
        return false;
    if ((starts(fin, "ch") || starts(fin, "nh")) &&
        !palatal_ok(sk->s + from, to - from))
        return false;
    /* A syllable that ends in a stop takes only the acute or the dot. */
    if (*fin && strchr("cpt", *fin) && sk->tone != 0x301 &&
        sk->tone != 0x323)
        return false;
    return tone_placed(sk, from, to, closed);
}

static bool rest_ok(const skeleton *sk, size_t from)
{
    static const char *const finals[] = {"ch", "ng", "nh", "c", "m",
                                         "n",  "p",  "t",  ""};
    for (size_t i = 0; i < BC_COUNT(finals); i++) {
        size_t flen = strlen(finals[i]);
        if (sk->len < from + flen + 1)
            continue;
        size_t to = sk->len - flen;
        if (strcmp(sk->s + to, finals[i]) == 0 && rhyme_ok(sk, from, to))
            return true;
    }
    return false;
}

/* c/k, g/gh and ng/ngh are chosen by the vowel that follows; q comes only
 * before u, either as "qu" (quân, quốc) or as q + "uy" (quỳnh). */
static bool initial_fits(const char *init, char next)
{
    bool front = next == 'e' || next == 'i' || next == 'y';
    if (!strcmp(init, "c"))
        return !front;
    if (!strcmp(init, "k") || !strcmp(init, "gh") || !strcmp(init, "ngh"))
        return front;
    if (!strcmp(init, "ng"))
        return !front;
    if (!strcmp(init, "g"))
        return next != 'e';
    if (!strcmp(init, "q"))
        return next == 'u';
    return true;
}

static bool is_syllable(const uint32_t *cp, size_t n)
{
    static const char *const initials[] = {
        "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr",
        "ch",  "b",  "c",  "d",  "D",  "g",  "h",  "k",  "l",  "m",
        "n",   "p",  "q",  "r",  "s",  "t",  "v",  "x",  ""};
    skeleton sk;
    if (!skel_build(cp, n, &sk))
        return false;
    for (size_t i = 0; i < BC_COUNT(initials); i++) {
        size_t ilen = strlen(initials[i]);
        if (strncmp(sk.s, initials[i], ilen) == 0 &&
            initial_fits(initials[i], sk.s[ilen]) && rest_ok(&sk, ilen))
            return true;
    }
    return false;
}

/* ---- Reading a word back through a legacy table ------------------------- */

typedef struct decoded {
    uint32_t cp[DECODED_MAX];
    size_t n;
    size_t legacy; /* characters the table changed */
} decoded;

static void out_cp(decoded *d, uint32_t cp)
{
    if (d->n < DECODED_MAX)
        d->cp[d->n++] = cp;
}

/* TCVN3 bytes 0xA1-0xFF (glibc's TCVN5712-1); 0 where a byte stays what
 * Windows-1252 makes of it (0xB0-0xB4 are combining tones in VN1 that the
 * ABC fonts do not use, and read as ° ± ² ³ ´ they are common symbols). */
static const uint16_t tcvn3[0x100 - 0xA1] = {
    0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,         /* A1 */
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, /* A8 */
    0,      0,      0,      0,      0,      0x00E0, 0x1EA3, 0x00E3, /* B0 */
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, /* B8 */
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, /* C0 */
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, /* C8 */
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, /* D0 */
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, /* D8 */
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, /* E0 */
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, /* E8 */
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, /* F0 */
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, /* F8 */
};

static void decode_tcvn3(const uint32_t *cp, size_t n, decoded *d)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i], to = c >= 0xA1 && c <= 0xFF ? tcvn3[c - 0xA1] : 0;
        if (to && to != c) {
            out_cp(d, to);
            d->legacy++;
        } else {
            out_cp(d, c);
        }
    }
}

/*
 * VNI writes a letter as a vowel followed by a mark character: 'a' + 'ù'
 * is á, 'a' + 'á' is ấ, 'a' + 'é' is ắ.  Lowercase and uppercase marks
 * (ù, Ù) mean the same.  A few letters are single characters instead.
 */
enum { ANY_VOWEL, A_E_O, A_ONLY };

static const struct {
    uint16_t lower, upper;
    uint16_t shape, tone; /* combining marks, 0 for none */
    unsigned char on;
} vni_marks[] = {
    {0xF9, 0xD9, 0, 0x301, ANY_VOWEL},     /* ù acute */
    {0xF8, 0xD8, 0, 0x300, ANY_VOWEL},     /* ø grave */
    {0xFB, 0xDB, 0, 0x309, ANY_VOWEL},     /* û hook */
    {0xF5, 0xD5, 0, 0x303, ANY_VOWEL},     /* õ tilde */
    {0xEF, 0xCF, 0, 0x323, ANY_VOWEL},     /* ï dot */
    {0xE2, 0xC2, 0x302, 0, A_E_O},         /* â circumflex */
    {0xE1, 0xC1, 0x302, 0x301, A_E_O},     /* á */
    {0xE0, 0xC0, 0x302, 0x300, A_E_O},     /* à */
    {0xE5, 0xC5, 0x302, 0x309, A_E_O},     /* å */
    {0xE3, 0xC3, 0x302, 0x303, A_E_O},     /* ã */
    {0xE4, 0xC4, 0x302, 0x323, A_E_O},     /* ä */
    {0xEA, 0xCA, 0x306, 0, A_ONLY},        /* ê breve */
    {0xE9, 0xC9, 0x306, 0x301, A_ONLY},    /* é */
    {0xE8, 0xC8, 0x306, 0x300, A_ONLY},    /* è */
    {0xFA, 0xDA, 0x306, 0x309, A_ONLY},    /* ú */
    {0xFC, 0xDC, 0x306, 0x303, A_ONLY},    /* ü */
    {0xEB, 0xCB, 0x306, 0x323, A_ONLY},    /* ë */
};

static const struct {
    uint16_t from, to;
} vni_letters[] = {
    {0xE6, 0x1EC9}, {0xC6, 0x1EC8}, /* æ ỉ */
    {0xF3, 0x0129}, {0xD3, 0x0128}, /* ó ĩ */
    {0xF2, 0x1ECB}, {0xD2, 0x1ECA}, /* ò ị */
    {0xEE, 0x1EF5}, {0xCE, 0x1EF4}, /* î ỵ */
    {0xF1, 0x0111}, {0xD1, 0x0110}, /* ñ đ */
    {0xF4, 0x01A1}, {0xD4, 0x01A0}, /* ô ơ */
    {0xF6, 0x01B0}, {0xD6, 0x01AF}, /* ö ư */
};

/* What the last vowel written out can still take. */
typedef enum { TAKES_NOTHING, TAKES_ALL, TAKES_TONE } vni_state;

/* VNI has single characters for í ì ỉ ĩ ị, so no mark ever follows an i
 * (Italian "più" is not "pí"). */
static bool vni_base_fits(uint32_t base, unsigned char on)
{
    base |= 0x20; /* ASCII lowercase */
    if (on == A_ONLY)
        return base == 'a';
    if (on == A_E_O)
        return base == 'a' || base == 'e' || base == 'o';
    return base != 'i';
}

/* Applies mark character c to the previous vowel when it can; false when
 * c is not a mark there. */
static bool vni_apply(decoded *d, uint32_t c, vni_state *st, uint32_t base)
{
    for (size_t i = 0; i < BC_COUNT(vni_marks); i++) {
        if (c != vni_marks[i].lower && c != vni_marks[i].upper)
            continue;
        bool shape = vni_marks[i].shape != 0;
        if (*st == TAKES_NOTHING || (shape && *st != TAKES_ALL) ||
            !vni_base_fits(base, vni_marks[i].on))
            return false;
        if (shape)
            out_cp(d, vni_marks[i].shape);
        if (vni_marks[i].tone)
            out_cp(d, vni_marks[i].tone);
        *st = vni_marks[i].tone ? TAKES_NOTHING : TAKES_TONE;
        d->legacy++;
        return true;
    }
    return false;
}

static uint32_t vni_letter(uint32_t c)
{
    for (size_t i = 0; i < BC_COUNT(vni_letters); i++)
        if (c == vni_letters[i].from)
            return vni_letters[i].to;
    return 0;
}

static bool is_ascii_vowel(uint32_t c)
{
    return c < 0x80 && is_vowel((char)(c | 0x20));
}

static void decode_vni(const uint32_t *cp, size_t n, decoded *d)
{
    vni_state st = TAKES_NOTHING;
    uint32_t base = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i], letter;
        if (vni_apply(d, c, &st, base))
            continue;
        base = c;
        if ((letter = vni_letter(c)) != 0) {
            out_cp(d, letter);
            d->legacy++;
            /* ơ and ư still take a tone mark; the others carry theirs */
            bool horn = letter == 0x1A1 || letter == 0x1A0 ||
                        letter == 0x1B0 || letter == 0x1AF;
            st = horn ? TAKES_TONE : TAKES_NOTHING;
        } else {
            out_cp(d, c);
            st = is_ascii_vowel(c) ? TAKES_ALL : TAKES_NOTHING;
        }
    }
}

/* ---- Words and the decision --------------------------------------------- */

typedef struct word {
    uint32_t cp[WORD_MAX];
    size_t n;
    size_t start; /* byte offset */
    bool too_long;
} word;

/* Evidence gathered for one encoding. */
typedef struct tally {
    size_t words;       /* evidence words of three or more characters */
    size_t short_words; /* evidence words of one or two characters */
    bool multi;         /* a word that needed two or more legacy characters */
    size_t first;       /* byte offset of the first evidence word */
} tally;

static bool is_word_cp(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xA1 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

/* A letter, as opposed to the symbols of Latin-1 (© µ ·), so that a lone
 * symbol between spaces is never a word. */
static bool is_letter_cp(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

/* What one word says, wherever it stands: the same bytes always say the
 * same, so a word's verdict can be kept and used again. */
typedef enum { NO_EVIDENCE, SHORT_EVIDENCE, WORD_EVIDENCE } evidence;

typedef struct verdict {
    bool odd;              /* not Vietnamese, but could be */
    unsigned char tc, vn;  /* the evidence for each table */
    bool tc_multi, vn_multi; /* it needed two or more legacy characters */
} verdict;

static evidence weigh(const word *w, const decoded *d, bool *multi)
{
    if (d->legacy == 0 || !is_syllable(d->cp, d->n))
        return NO_EVIDENCE;
    *multi = d->legacy >= 2;
    return w->n <= 2 && d->legacy == 1 ? SHORT_EVIDENCE : WORD_EVIDENCE;
}

/* Judges a word: odd when it is not Vietnamese but could be, evidence
 * when a table makes it Vietnamese. */
static verdict judge_word(const word *w)
{
    verdict v = {false, NO_EVIDENCE, NO_EVIDENCE, false, false};
    bool letter = false, ascii = true;
    for (size_t i = 0; i < w->n; i++) {
        letter = letter || is_letter_cp(w->cp[i]);
        ascii = ascii && w->cp[i] < 0x80;
    }
    /* Correct Vietnamese is never evidence, whatever a table makes of it. */
    if (ascii || !letter || (!w->too_long && is_syllable(w->cp, w->n)))
        return v;
    v.odd = true;
    if (w->too_long)
        return v;
    decoded d = {{0}, 0, 0};
    decode_tcvn3(w->cp, w->n, &d);
    v.tc = (unsigned char)weigh(w, &d, &v.tc_multi);
    memset(&d, 0, sizeof d);
    decode_vni(w->cp, w->n, &d);
    v.vn = (unsigned char)weigh(w, &d, &v.vn_multi);
    return v;
}

static void add_evidence(tally *t, evidence e, bool multi, size_t start)
{
    if (e == NO_EVIDENCE)
        return;
    if (e == SHORT_EVIDENCE)
        t->short_words++;
    else
        t->words++;
    if (multi)
        t->multi = true;
    if (start < t->first)
        t->first = start;
}

/* Two words, or one with two legacy characters; short words ("où", "µm")
 * count half and only once.  And most of the words that are not
 * Vietnamese must be evidence, or a long text in another language would
 * sooner or later hold two words that happen to decode ("più", "Ön"). */
static bool convincing(const tally *t, size_t odd)
{
    size_t score = 2 * t->words + (t->short_words > 0) + t->multi;
    return score >= 3 && 3 * (t->words + t->short_words) >= odd;
}

/* Reads the code point at s[i]: valid UTF-8 as such; otherwise, when raw,
 * the byte as Windows-1252 (0x80-0x9F as a space), else a space. */
static size_t next_cp(const char *s, size_t len, size_t i, bool raw,
                      uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t n = bc_utf8_decode(p, len - i, cp);
    if (n)
        return n;
    *cp = raw && *p >= 0xA0 ? *p : ' ';
    return 1;
}

/*
 * The pre-filter.  Both tables change only characters of Latin-1's upper
 * half (U+00A1-U+00FF: TCVN3's codes, VNI's marks and letters), so a word
 * without one is never evidence: it can only count among the words that
 * are not Vietnamese, and those matter only once there is evidence enough
 * (convincing).  The first pass therefore judges only the words that hold
 * such a character; a second pass, over every word, is made only when the
 * evidence could convince.  The answer is the same as judging every word,
 * which bc_legacy_detect_full does, for the tests.
 */
static bool is_suspect_cp(uint32_t c)
{
    return c >= 0xA1 && c <= 0xFF;
}

/* What the words of a text gave. */
typedef struct findings {
    tally tc, vn;
    size_t odd;
} findings;

static void count(findings *f, const verdict *v, size_t start)
{
    f->odd += v->odd;
    add_evidence(&f->tc, (evidence)v->tc, v->tc_multi, start);
    add_evidence(&f->vn, (evidence)v->vn, v->vn_multi, start);
}

/*
 * Verdicts already given in one text, by the word's bytes: a text says the
 * same words again and again ("của", "và", "các"), and spelling a word and
 * reading it through two tables costs far more than finding it here.  The
 * keys point into the text, which outlives the cache.  When the table is
 * three quarters full, new words are judged without being kept.
 */
typedef struct cached {
    const char *key; /* NULL: a free slot */
    size_t len;
    verdict v;
} cached;

typedef struct verdict_cache {
    cached *slots; /* NULL: no cache (a short text) */
    size_t mask, used;
} verdict_cache;

enum { CACHE_MIN_TEXT = 1024, CACHE_MAX_SLOTS = 1 << 14 };

static void cache_init(verdict_cache *c, size_t text_len)
{
    memset(c, 0, sizeof *c);
    if (text_len < CACHE_MIN_TEXT)
        return;
    size_t slots = 64;
    while (slots < CACHE_MAX_SLOTS && slots < text_len / 16)
        slots *= 2;
    c->slots = bc_xcalloc(slots, sizeof *c->slots);
    c->mask = slots - 1;
}

/* FNV-1a: words are short, and the keys are the user's own text. */
static size_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

/* Reads the word at s[start..end) into w, as the scans see it. */
static void read_word(const char *s, size_t start, size_t end, bool raw,
                      word *w);

/* The verdict on the word at s[start..end): from the cache when it was
 * judged before (read only then), or judged and kept when there is
 * room. */
static verdict verdict_of(verdict_cache *c, const char *s, size_t start,
                          size_t end, bool raw)
{
    word w;
    const char *key = s + start;
    size_t len = end - start;
    if (!c->slots) {
        read_word(s, start, end, raw, &w);
        return judge_word(&w);
    }
    size_t i = hash_bytes(key, len) & c->mask;
    for (; c->slots[i].key; i = (i + 1) & c->mask)
        if (c->slots[i].len == len && !memcmp(c->slots[i].key, key, len))
            return c->slots[i].v;
    read_word(s, start, end, raw, &w);
    verdict v = judge_word(&w);
    if (4 * (c->used + 1) <= 3 * (c->mask + 1)) {
        c->slots[i] = (cached){key, len, v};
        c->used++;
    }
    return v;
}

static void findings_init(findings *f)
{
    tally none = {0, 0, false, SIZE_MAX};
    f->tc = f->vn = none;
    f->odd = 0;
}

static void read_word(const char *s, size_t start, size_t end, bool raw,
                      word *w)
{
    w->n = 0, w->start = start, w->too_long = false;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += next_cp(s, end, i, raw, &cp);
        if (w->n < WORD_MAX)
            w->cp[w->n++] = cp;
        else
            w->too_long = true;
    }
}

/* Judges the word at s[start..end) and counts its verdict. */
static void take_word(verdict_cache *c, const char *s, size_t start,
                      size_t end, bool raw, findings *f)
{
    verdict v = verdict_of(c, s, start, end, raw);
    count(f, &v, start);
}

/* Judges every word of s. */
static void scan_all(const char *s, size_t len, bool raw, findings *f)
{
    findings_init(f);
    verdict_cache cache;
    cache_init(&cache, len);
    size_t start = 0;
    bool in_word = false;
    for (size_t i = 0; i <= len;) {
        uint32_t cp = ' ';
        size_t n = i < len ? next_cp(s, len, i, raw, &cp) : 1;
        bool word_cp = i < len && is_word_cp(cp);
        if (word_cp && !in_word)
            start = i;
        else if (!word_cp && in_word)
            take_word(&cache, s, start, i, raw, f);
        in_word = word_cp;
        i += n;
    }
    free(cache.slots);
}

/* Decodes the code point at p (n bytes left), the two- and three-byte
 * forms of Latin and Vietnamese letters without a call; 0 when the bytes
 * are not UTF-8 (as bc_utf8_decode). */
static size_t decode_fast(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (n >= 2 && p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80) {
        *cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        return 2;
    }
    /* E1-EC and EE-EF need no check for overlong forms or surrogates. */
    if (n >= 3 && p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED &&
        (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
              (p[2] & 0x3F);
        return 3;
    }
    return bc_utf8_decode(p, n, cp);
}

static bool is_ascii_letter(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* The code point at p[0..n) when it is part of a word (0 bytes if not):
 * an ASCII letter, or a letter or mark of is_word_cp, decoded (bytes
 * that are no UTF-8 are spaces). */
static size_t word_cp_at(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return is_ascii_letter(p[0]);
    }
    size_t k = decode_fast(p, n, cp);
    return k && is_word_cp(*cp) ? k : 0;
}

/* The length of what stands between two words at p[0..n): one byte, or
 * one code point. */
static size_t gap_at(const unsigned char *p, size_t n)
{
    uint32_t cp;
    size_t k = p[0] < 0x80 ? 1 : decode_fast(p, n, &cp);
    return k ? k : 1;
}

/* Judges the words of valid-or-not UTF-8 text s that hold a character of
 * Latin-1's upper half (bytes are spaces where they are no UTF-8), with
 * the same words as scan_all: the first pass, over every byte, so kept
 * lean (no code point is kept until a word is judged). */
static void scan_suspects(const char *s, size_t len, findings *f)
{
    findings_init(f);
    verdict_cache cache;
    cache_init(&cache, len);
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        while (i < len && p[i] < 0x80 && !is_ascii_letter(p[i]))
            i++; /* blanks, digits, punctuation */
        size_t start = i, k;
        bool suspect = false;
        uint32_t cp;
        while (i < len && (k = word_cp_at(p + i, len - i, &cp)) != 0) {
            suspect = suspect || is_suspect_cp(cp);
            i += k;
        }
        if (suspect)
            take_word(&cache, s, start, i, false, f);
        if (i == start && i < len)
            i += gap_at(p + i, len - i);
    }
    free(cache.slots);
}

/* The score of convincing() without its share of the odd words. */
static bool could_convince(const tally *t)
{
    return 2 * t->words + (t->short_words > 0) + t->multi >= 3;
}

static bc_legacy_encoding decide(const findings *f, size_t *offset)
{
    bool is_tc = convincing(&f->tc, f->odd);
    bool is_vni = convincing(&f->vn, f->odd);
    if (!is_tc && !is_vni)
        return BC_LEGACY_NONE;
    /* Both can hold when a word decodes either way: the larger wins. */
    if (is_tc && is_vni)
        is_vni = f->vn.words + f->vn.short_words >
                 f->tc.words + f->tc.short_words;
    if (offset)
        *offset = is_vni ? f->vn.first : f->tc.first;
    return is_vni ? BC_LEGACY_VNI : BC_LEGACY_TCVN3;
}

/* Whether valid UTF-8 text holds a character of Latin-1's upper half: a
 * byte scan for the lead bytes 0xC2 and 0xC3, which most of a text
 * written without them passes at a glance. */
static bool has_latin1(const char *s, size_t len)
{
    return memchr(s, 0xC2, len) || memchr(s, 0xC3, len);
}

static bc_legacy_encoding detect(const char *s, size_t len, bool raw,
                                 size_t *offset)
{
    if (!raw && !has_latin1(s, len))
        return BC_LEGACY_NONE;
    findings f;
    if (!raw) {
        scan_suspects(s, len, &f);
        if (!could_convince(&f.tc) && !could_convince(&f.vn))
            return BC_LEGACY_NONE;
    }
    /* Raw bytes come a window at a time, from the loader's error path. */
    scan_all(s, len, raw, &f);
    return decide(&f, offset);
}

bc_legacy_encoding bc_legacy_detect(const char *s, size_t len,
                                         size_t *offset)
{
    return detect(s, len, false, offset);
}

bc_legacy_encoding bc_legacy_detect_bytes(const char *bytes, size_t len,
                                          size_t *offset)
{
    return detect(bytes, len, true, offset);
}

bc_legacy_encoding bc_legacy_detect_full(const char *s, size_t len,
                                         bool raw, size_t *offset)
{
    findings f;
    scan_all(s, len, raw, &f);
    return decide(&f, offset);
}

const char *bc_legacy_name(bc_legacy_encoding enc)
{
    switch (enc) {
    case BC_LEGACY_TCVN3:
        return "TCVN3 (ABC)";
    case BC_LEGACY_VNI:
        return "VNI";
    case BC_LEGACY_NONE:
        break;
    }
    return "Unicode";
}

const char *bc_legacy_hint(bc_legacy_encoding enc)
{
    switch (enc) {
    case BC_LEGACY_TCVN3:
        return _("convert it to Unicode (Unikey: Công cụ chuyển mã, from "
                 "TCVN3 (ABC) to Unicode) and paste it again");
    case BC_LEGACY_VNI:
        return _("convert it to Unicode (Unikey: Công cụ chuyển mã, from "
                 "VNI Windows to Unicode) and paste it again");
    case BC_LEGACY_NONE:
        break;
    }
    return "";
}

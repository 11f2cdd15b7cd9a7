/* lint.c - the checks of `bcreport check` (see lint.h). */
#include "bcreport/lint.h"
#include "bcreport/i18n.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/cite.h"
#include "bcreport/strmap.h"
#include "bcreport/utf8.h"
#include "bcreport/vnformat.h"
#include "bcreport/chars.h"

/* The kinds of document a report cites, as the text writes them. */
static const char *const doc_types[] = {
    "Chỉ thị",   "Kế hoạch", "Nghị định",    "Nghị quyết", "Quyết định",
    "Công văn",  "Thông tư", "Thông báo",    "Hướng dẫn",  "Báo cáo",
    "Chương trình", "Luật",  "Pháp lệnh",    "Tờ trình",   "Đề án"};

#define N_TYPES BC_COUNT(doc_types)

/* What makes two numbers name one document (see doc_key_of), as the keys
 * of hash maps, so that finding the documents a mention may mean costs one
 * lookup instead of a pass over every other mention: a file may hold tens of
 * thousands of them. */
typedef struct doc_key {
    const char *s;   /* the type's index + 1 (one byte), the lead, the ký
                      * hiệu; NULL when the number names nothing */
    size_t lead_len; /* s[0..lead_len): the lead key, type and lead digits */
    size_t len;      /* s[0..len): the full key */
    bool short_form; /* the number is its lead ("số 12") */
} doc_key;

/* A document named by hand in the prose, not through [@id]. */
typedef struct mention {
    const bc_text *text;
    size_t offset, len; /* the whole mention inside text */
    const char *type;
    const char *number; /* inside text: "80/2022/NĐ-CP"; "12" for "Kế hoạch
                         * 12" */
    size_t number_len;
    bool formal; /* written with "số" */
    bool has_date;
    bc_date date;
    doc_key key; /* never empty: the type is known, the number starts with a
                  * digit */
} mention;

/* The registered documents by what names them (see registered()). */
typedef struct registry {
    doc_key *keys;           /* per citation */
    bc_strmap by_lead;       /* lead key -> the first citation */
    bc_strmap short_by_lead; /* lead key -> the first numbered by lead only */
    bc_strmap by_full;       /* full key -> the first citation */
    bc_strmap by_id;         /* id -> its citation, for [@id] */
} registry;

/* The formal mentions of one document checked so far, reduced to what
 * check_against_earlier asks: the first of them that differs from a new
 * mention is the first of all or, when the new one agrees with that, the
 * first unlike it; by number and by date apart. */
typedef struct earlier {
    const mention *first, *other_number; /* number unlike first's */
    const mention *dated, *other_date;   /* dated unlike dated's */
} earlier;

/* A document the text could mean: registered, or typed in full elsewhere. */
typedef struct candidate {
    const char *type; /* one of doc_types, or NULL */
    const char *number;
    size_t number_len;
    const char *name; /* "Kế hoạch số 92", or the registered short name */
    size_t name_len;
    const char *id; /* the registered id, or NULL */
} candidate;

/* The first three candidates of a kind: the most a hint names. */
#define MAX_HINTS 3
typedef struct first_few {
    size_t count;
    const candidate *items[MAX_HINTS];
} first_few;

/* The candidates in their order of precedence, indexed for the questions
 * check_short_reference asks. */
typedef struct candidates {
    candidate *items;
    size_t count;
    bc_strmap by_name;      /* name -> a candidate */
    bc_strmap by_type_lead; /* lead key -> the first candidate */
    bc_strmap by_lead;      /* lead digits, any type -> first_few */
    first_few by_type[N_TYPES];
} candidates;

typedef struct linter {
    const bc_report *report;
    bc_diags *diags;
    mention *mentions;
    size_t count, cap;
    const bc_cite_record *cites; /* what the document prints of each
                                prints of it (cite.h) */
    bc_arena *arena; /* the keys, names and groups below */
    registry reg;
    bc_strmap earlier_short; /* lead key -> earlier formal short forms */
    bc_strmap earlier_full;  /* full key -> earlier formal full numbers */
    candidates cands;
    bc_pos *positions; /* per mention once located (line 0: not yet) */
    bool final;        /* check --final */
} linter;

/* A finding: a warning, or with --final an error. */
static void report_at(linter *l, bc_level level, bc_pos pos, const char *fmt,
                      ...) BC_PRINTF(4, 5);
static void report_at(linter *l, bc_level level, bc_pos pos, const char *fmt,
                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(l->diags, level,
                 level == BC_ERROR ? BC_EX_DATAERR : BC_OK, pos, fmt, ap);
    va_end(ap);
}

#define warn_at(l, ...) report_at(l, BC_WARNING, __VA_ARGS__)
#define final_error(l, ...) report_at(l, BC_ERROR, __VA_ARGS__)

/* Where m stands; each mention is located once, as one (the first of a
 * document) may be named by many findings, and locating walks its text. */
static bc_pos mention_pos(const linter *l, const mention *m)
{
    bc_pos *memo = &l->positions[m - l->mentions];
    if (memo->line == 0)
        *memo = bc_report_locate(l->report, m->text, m->offset, m->len);
    return *memo;
}

static bc_pos text_pos(const linter *l, const bc_text *t)
{
    return bc_text_pos(t, l->report->file);
}

/* ---- finding hand-typed mentions ---- */

/* The length of the character of a document number at s[i] ("80/2020/NĐ-CP",
 * "18-NQ/TƯ"): ASCII letters, digits, "/" and "-", and the Vietnamese
 * capitals of Latin-1 and Latin Extended-A/B (two bytes); 0 otherwise. */
static size_t number_char(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
        (c >= 'a' && c <= 'z') || c == '/' || c == '-')
        return 1;
    if (c >= 0xC3 && c <= 0xC6 && i + 1 < len &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80)
        return 2;
    return 0;
}

/* Reads digits then the byte sep; returns the bytes read, 0 on mismatch. */
static size_t field(const char *s, size_t len, size_t max, char sep, int *v)
{
    size_t d = bc_digits(s, len);
    if (d < 1 || d > max || (sep && (d >= len || s[d] != sep)))
        return 0;
    *v = atoi(s);
    return d + (sep != 0);
}

/* The length of word when s starts with it, else 0. */
static size_t word_at(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && memcmp(s, word, n) == 0 ? n : 0;
}

/* " ngày 17/9/2020" or " ngày 17 tháng 9 năm 2020" after a number. */
static size_t parse_date(const char *s, size_t len, bc_date *date)
{
    size_t i = word_at(s, len, " ngày "), n;
    if (!i)
        return 0;
    int d, m, y;
    if ((n = field(s + i, len - i, 2, '/', &d))) {
        i += n;
        if (!(n = field(s + i, len - i, 2, '/', &m)))
            return 0;
        i += n;
    } else {
        if (!(n = field(s + i, len - i, 2, 0, &d)))
            return 0;
        i += n;
        if (!(n = word_at(s + i, len - i, " tháng ")))
            return 0;
        i += n;
        if (!(n = field(s + i, len - i, 2, 0, &m)))
            return 0;
        i += n;
        if (!(n = word_at(s + i, len - i, " năm ")))
            return 0;
        i += n;
    }
    if (bc_digits(s + i, len - i) != 4 || !field(s + i, len - i, 4, 0, &y))
        return 0;
    date->year = y;
    date->month = m;
    date->day = d;
    return i + 4;
}

/* The document type at s[i], capitalised or not ("Nghị định", "nghị
 * định"); its length, 0 when none. */
static size_t match_type(const char *s, size_t len, size_t i,
                         const char **type)
{
    for (size_t t = 0; t < N_TYPES; t++) {
        const char *name = doc_types[t];
        size_t tl = strlen(name);
        if (len - i < tl + 2 || s[i + tl] != ' ')
            continue;
        /* The first letter may be small: ASCII, or Đ (C4 90) as đ (C4 91). */
        size_t first = (unsigned char)name[0] < 0x80 ? 1 : 2;
        bool head = memcmp(s + i, name, first) == 0 ||
                    (first == 1 && s[i] == name[0] + ('a' - 'A')) ||
                    (first == 2 && (unsigned char)s[i] == 0xC4 &&
                     (unsigned char)s[i + 1] == 0x91);
        if (head && memcmp(s + i + first, name + first, tl - first) == 0) {
            *type = name;
            return tl;
        }
    }
    return 0;
}

/* What follows a number that makes it a count, not a document: "Báo cáo 6
 * tháng", "Kế hoạch 5 năm". */
static bool followed_by_unit(const char *s, size_t len)
{
    static const char *const units[] = {" tháng", " năm", " ngày", " quý",
                                        " tuần"};
    for (size_t k = 0; k < BC_COUNT(units); k++)
        if (word_at(s, len, units[k]))
            return true;
    return false;
}

/* Tries to read a mention at s[i..]: a type, then " số NUMBER", or a full
 * number without "số" ("Nghị định 80/2020/NĐ-CP"), with an optional date;
 * or " DIGITS" alone, an informal short name ("Kế hoạch 92").  Returns its
 * length, 0 when none. */
static size_t parse_mention(const char *s, size_t len, size_t i, mention *m)
{
    size_t tl = match_type(s, len, i, &m->type);
    if (!tl)
        return 0;
    size_t j = i + tl + 1;
    size_t so = word_at(s + j, len - j, "số ");
    bool with_so = so > 0;
    j += so;
    if (j >= len || s[j] < '0' || s[j] > '9')
        return 0;
    size_t start = j, n;
    while (j < len && (n = number_char(s, j, len)))
        j += n;
    while (j > start && (s[j - 1] == '/' || s[j - 1] == '-'))
        j--; /* "số 5/" at the end of a sentence */
    size_t d = bc_digits(s + start, j - start);
    m->formal = with_so || d < j - start;
    if (!m->formal && followed_by_unit(s + j, len - j))
        return 0;
    m->number = s + start;
    m->number_len = j - start;
    m->has_date = false;
    if (m->formal) {
        size_t dl = parse_date(s + j, len - j, &m->date);
        m->has_date = dl > 0;
        j += dl;
    }
    return j - i;
}

/* ---- what names a document ---- */

/* The digits a number starts with: "80" of "80/2022/NĐ-CP". */
static size_t lead(const char *number, size_t len)
{
    return bc_digits(number, len);
}

static bool text_is(const bc_text *t, const char *s, size_t len)
{
    return t->s && t->len == len && memcmp(t->s, s, len) == 0;
}

/* "/2020" at s[i], the year inside a number. */
static bool is_year_part(const char *s, size_t len, size_t i)
{
    return s[i] == '/' && bc_digits(s + i + 1, len - i - 1) == 4 &&
           (i + 5 == len || s[i + 5] == '/');
}

/* Writes the number without its leading digits and its year to out (room
 * for len bytes): "/NĐ-CP" for both "80/2020/NĐ-CP" and "80/2022/NĐ-CP";
 * the ký hiệu names the issuer.  Returns its length. */
static size_t symbol_of(const char *number, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = lead(number, len); i < len;) {
        if (is_year_part(number, len, i)) {
            i += 5;
            continue;
        }
        out[n++] = number[i++];
    }
    return n;
}

static int type_index(const char *type)
{
    for (size_t t = 0; t < N_TYPES; t++)
        if (type == doc_types[t])
            return (int)t;
    return -1;
}

/* One document: the same type, number and ký hiệu, whatever the year or
 * date written with it; a short form ("số 12") names any of its type and
 * number.  So two numbers name one document when their full keys are
 * equal, or when one is a short form and their lead keys are equal.  A
 * number of an unknown type or without leading digits names nothing. */
static doc_key doc_key_of(bc_arena *arena, const char *type,
                          const char *number, size_t len)
{
    doc_key k = {NULL, 0, 0, false};
    int t = type_index(type);
    size_t digits_len = lead(number, len);
    if (t < 0 || digits_len == 0)
        return k;
    char *s = bc_arena_alloc(arena, 1 + len);
    s[0] = (char)(t + 1);
    memcpy(s + 1, number, digits_len);
    k.s = s;
    k.lead_len = 1 + digits_len;
    /* The ký hiệu starts with no digit (the lead took them all), so the
     * lead and the ký hiệu cannot run into each other. */
    k.len = k.lead_len + symbol_of(number, len, s + k.lead_len);
    k.short_form = digits_len == len;
    return k;
}

static void *lookup(const bc_strmap *map, const char *key, size_t len)
{
    return key ? bc_strmap_get(map, key, len) : NULL;
}

/* Keeps the first value stored under a key: the checks report against the
 * first document or mention of its kind. */
static void put_first(bc_strmap *map, const char *key, size_t len,
                      const void *value)
{
    if (key && !bc_strmap_get(map, key, len))
        bc_strmap_put(map, key, len, (void *)value);
}

/* Of two citations, mentions or candidates, the one that comes first (NULL
 * for none): both point into one array, in document order. */
static const void *earliest(const void *a, const void *b)
{
    if (!a || !b)
        return a ? a : b;
    return (const char *)a < (const char *)b ? a : b;
}

static const char *type_of(const bc_citation *d)
{
    for (size_t t = 0; t < N_TYPES; t++)
        if (text_is(&d->type, doc_types[t], strlen(doc_types[t])))
            return doc_types[t];
    return NULL;
}

/* ---- the registry, indexed ---- */

static void index_registry(linter *l)
{
    const bc_report *r = l->report;
    registry *reg = &l->reg;
    reg->keys = bc_xcalloc(r->citations.count + 1, sizeof *reg->keys);
    for (size_t k = 0; k < r->citations.count; k++) {
        const bc_citation *d = &r->citations.items[k];
        doc_key key = doc_key_of(l->arena, type_of(d), d->number.s,
                                 d->number.len);
        reg->keys[k] = key;
        put_first(&reg->by_lead, key.s, key.lead_len, d);
        if (key.short_form)
            put_first(&reg->short_by_lead, key.s, key.lead_len, d);
        put_first(&reg->by_full, key.s, key.len, d);
        if (d->id.s)
            put_first(&reg->by_id, d->id.s, d->id.len, d);
    }
}

/* The first registered document a mention names, or NULL: for a short form
 * the first of its type and lead; for a full number the first with its ký
 * hiệu or registered by the lead alone. */
static const bc_citation *registered(const linter *l, const mention *m)
{
    const registry *reg = &l->reg;
    const doc_key *k = &m->key;
    if (k->short_form)
        return lookup(&reg->by_lead, k->s, k->lead_len);
    return earliest(lookup(&reg->short_by_lead, k->s, k->lead_len),
                    lookup(&reg->by_full, k->s, k->len));
}

/* ---- reading the texts ---- */

static void add_mention(linter *l, const mention *m)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->mentions = bc_xreallocarray(l->mentions, l->cap, sizeof *m);
    }
    l->mentions[l->count++] = *m;
}

static void scan_text(void *ctx, const bc_text *t)
{
    linter *l = ctx;
    if (!t->s)
        return;
    for (size_t i = 0; i < t->len;) {
        bc_cite_token tok; /* [@id] is the citer's: not read as prose */
        if (t->s[i] == '[' && bc_cite_next(t->s, t->len, i, &tok) &&
            tok.start == i) {
            i = tok.end;
            continue;
        }
        bool word_start = i == 0 || strchr(" (\"“,;:\n", t->s[i - 1]);
        mention m;
        size_t n = word_start ? parse_mention(t->s, t->len, i, &m) : 0;
        if (n) {
            m.text = t;
            m.offset = i;
            m.len = n;
            m.key = doc_key_of(l->arena, m.type, m.number, m.number_len);
            add_mention(l, &m);
            i += n;
        } else {
            i++;
        }
    }
}

/* ---- characters that cannot be seen ---- */

static const char *invisible_name(uint32_t cp)
{
    switch (cp) {
    case 0xA0:
        return _("no-break space");
    case 0x202F:
        return _("narrow no-break space");
    case 0xAD:
        return _("soft hyphen");
    case 0x200B:
        return _("zero-width space");
    case 0x200C:
        return _("zero-width non-joiner");
    case 0x200D:
        return _("zero-width joiner");
    case 0x2060:
        return _("word joiner");
    case 0xFEFF:
        return _("zero-width no-break space");
    default:
        return _("unusual space");
    }
}

/* A no-break space or an invisible character inside a text (those at its
 * edges are dropped on loading): pasted from Word, it looks like a space
 * or like nothing, but keeps words apart or together where the clerk does
 * not expect it, and a search for the words fails.  One warning a text,
 * at the first. */
static void check_invisible(void *ctx, const bc_text *t)
{
    linter *l = ctx;
    size_t first = 0, count = 0;
    uint32_t first_cp = 0;
    for (size_t i = 0; t->s && i < t->len;) {
        uint32_t cp;
        size_t n = bc_utf8_invisible_at(t->s + i, t->len - i, &cp);
        if (n && count++ == 0) {
            first = i;
            first_cp = cp;
        }
        i += n ? n : 1;
    }
    if (count == 0)
        return;
    bc_buf more = BC_BUF_INIT;
    if (count > 1)
        bc_buf_printf(&more, _(" (and %zu more in this text)"), count - 1);
    warn_at(l, bc_report_locate(l->report, t, first, 1),
            _("invisible character U+%04X (%s)%s; type a plain space, or "
              "nothing"),
            (unsigned)
            first_cp, invisible_name(first_cp), more.ptr);
    bc_buf_fini(&more);
}

/* ---- places still to fill in ---- */

/* «...» marks what bcreport new left for the clerk to write: each is
 * "not filled in" at its place, a warning while drafting and an error
 * with --final, so that no «Tên xã» reaches a signed document. */
static const char *find_pair(const char *s, const char *end,
                             const char pair[2])
{
    for (; s + 1 < end; s++)
        if (s[0] == pair[0] && s[1] == pair[1])
            return s;
    return NULL;
}

static void check_placeholders(void *ctx, const bc_text *t)
{
    static const char open[] = "\u00AB", close[] = "\u00BB";
    linter *l = ctx;
    const char *s = t->s, *end = t->s ? t->s + t->len : NULL;
    while (s && s < end) {
        const char *from = find_pair(s, end, open);
        if (!from)
            break;
        const char *to = find_pair(from + 2, end, close);
        size_t len = to ? (size_t)(to + 2 - from) : (size_t)(end - from);
        bc_buf shown = BC_BUF_INIT;
        bc_diag_excerpt(&shown, from, len, 60);
        report_at(l, l->final ? BC_ERROR : BC_WARNING,
                  bc_report_locate(l->report, t, (size_t)(from - t->s), len),
                  _("not filled in: %s; write the text in its place"),
                  shown.ptr);
        bc_buf_fini(&shown);
        s = from + len;
    }
}

/* ---- comparing ---- */

/* How the registry names a document: "Kế hoạch số 92/KH-UBND ngày
 * 03/6/2022". */
static void describe(const bc_citation *d, bool with_date, bc_buf *out)
{
    bc_buf_printf(out, "%.*s số %.*s", (int)d->type.len, d->type.s,
                  (int)d->number.len, d->number.s);
    if (with_date) {
        bc_buf_puts(out, " ngày ");
        bc_vn_date_short(out, d->date.value);
    }
}

static void describe_mention(const mention *m, bc_buf *out)
{
    bc_buf_append(out, m->text->s + m->offset, m->len);
}

static bool same_date(bc_date a, bc_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* The year inside a number such as 80/2022/NĐ-CP, or 0. */
static int number_year(const char *s, size_t len)
{
    for (size_t i = 0; i + 5 <= len; i++) /* "/2020", ending it or not */
        if (s[i] == '/' && bc_digits(s + i + 1, len - i - 1) == 4 &&
            (i + 5 == len || s[i + 5] == '/'))
            return atoi(s + i + 1);
    return 0;
}

/* The position is an argument, not computed here: locating a mention is
 * dear (bc_report_locate), so callers pay for it only with a finding. */
static bool year_after_date(const char *number, size_t len, bc_date date)
{
    return number_year(number, len) > date.year;
}

static void warn_year_order(linter *l, bc_pos pos, const char *number,
                            size_t len, bc_date date)
{
    bc_buf d = BC_BUF_INIT;
    bc_vn_date_short(&d, date);
    warn_at(l, pos,
            _("the number %.*s carries the year %d, later than its date %s"),
            (int)len, number, number_year(number, len), d.ptr);
    bc_buf_fini(&d);
}

static void check_against_registry(linter *l, const mention *m,
                                   const bc_citation *d)
{
    bc_buf want = BC_BUF_INIT, got = BC_BUF_INIT;
    describe(d, m->has_date, &want);
    describe_mention(m, &got);
    bool number_ok =
        m->key.short_form || text_is(&d->number, m->number, m->number_len);
    bool date_ok = !m->has_date || same_date(m->date, d->date.value);
    if (!number_ok || !date_ok)
        warn_at(l, mention_pos(l, m),
                _("\"%s\" disagrees with the registered \"%s\" [@%s]; cite it "
                "as [@%s]"),
                got.ptr, want.ptr, d->id.s, d->id.s);
    bc_buf_fini(&want);
    bc_buf_fini(&got);
}

/* ---- hand-typed mentions against each other ---- */

static bool same_number(const mention *a, const mention *b)
{
    return a->number_len == b->number_len &&
           memcmp(a->number, b->number, a->number_len) == 0;
}

/* Adds a formal mention to the ones later mentions are compared with. */
static void remember(linter *l, const mention *m)
{
    if (!m->formal)
        return;
    bc_strmap *map = m->key.short_form ? &l->earlier_short : &l->earlier_full;
    size_t len = m->key.short_form ? m->key.lead_len : m->key.len;
    earlier *g = bc_strmap_get(map, m->key.s, len);
    if (!g) {
        g = bc_arena_calloc(l->arena, 1, sizeof *g);
        bc_strmap_put(map, m->key.s, len, g);
    }
    if (!g->first)
        g->first = m;
    else if (!g->other_number && !same_number(g->first, m))
        g->other_number = m;
    if (!m->has_date)
        return;
    if (!g->dated)
        g->dated = m;
    else if (!g->other_date && !same_date(g->dated->date, m->date))
        g->other_date = m;
}

/* The first mention of g that differs from m: in its date when both have
 * one; in its number too unless numbers do not count (short forms). */
static const mention *first_unlike(const earlier *g, const mention *m,
                                   bool numbers_count)
{
    if (!g)
        return NULL;
    const mention *by_number = NULL, *by_date = NULL;
    if (numbers_count)
        by_number = !same_number(g->first, m) ? g->first : g->other_number;
    if (m->has_date && g->dated)
        by_date = !same_date(g->dated->date, m->date) ? g->dated
                                                      : g->other_date;
    return earliest(by_number, by_date);
}

/* Two hand-typed mentions of one document must agree with each other: m, a
 * full number, is compared with the earlier formal mentions of its
 * document, the short forms of its lead and the full numbers of its ký
 * hiệu, and reported against the first that differs. */
static void check_against_earlier(linter *l, const mention *m)
{
    const doc_key *k = &m->key;
    const mention *e = earliest(
        first_unlike(bc_strmap_get(&l->earlier_short, k->s, k->lead_len), m,
                     false),
        first_unlike(bc_strmap_get(&l->earlier_full, k->s, k->len), m, true));
    if (!e)
        return;
    bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
    describe_mention(m, &a);
    describe_mention(e, &b);
    bc_pos first = mention_pos(l, e);
    warn_at(l, mention_pos(l, m), _("\"%s\" disagrees with \"%s\" at %d:%d"),
            a.ptr, b.ptr, first.line, first.col);
    bc_buf_fini(&a);
    bc_buf_fini(&b);
}

/* ---- short references against the candidates ---- */

/* "Kế hoạch số 92": how the text names a document by type and number. */
static const char *join_name(bc_arena *arena, const char *type,
                             size_t type_len, const char *number,
                             size_t number_len, size_t *len)
{
    static const char so[] = " số ";
    *len = type_len + strlen(so) + number_len;
    char *s = bc_arena_alloc(arena, *len + 1);
    memcpy(s, type, type_len);
    memcpy(s + type_len, so, strlen(so));
    memcpy(s + type_len + strlen(so), number, number_len);
    s[*len] = '\0';
    return s;
}

static void add_registered_candidate(linter *l, const bc_citation *d)
{
    candidate *c = &l->cands.items[l->cands.count++];
    c->type = type_of(d);
    c->number = d->number.s;
    c->number_len = d->number.len;
    c->id = d->id.s;
    if (d->short_name.s) {
        c->name = d->short_name.s;
        c->name_len = d->short_name.len;
    } else {
        c->name = join_name(l->arena, d->type.s, d->type.len, d->number.s,
                            d->number.len, &c->name_len);
    }
}

static void add_typed_candidate(linter *l, const mention *m)
{
    candidate *c = &l->cands.items[l->cands.count++];
    c->type = m->type;
    c->number = m->number;
    c->number_len = m->number_len;
    c->id = NULL;
    c->name = join_name(l->arena, m->type, strlen(m->type), m->number,
                        lead(m->number, m->number_len), &c->name_len);
}

static void note_first_few(first_few *f, const candidate *c)
{
    if (f->count < MAX_HINTS)
        f->items[f->count++] = c;
}

/* Indexes candidate c for check_short_reference. */
static void index_candidate(linter *l, const candidate *c, const doc_key *key)
{
    candidates *cs = &l->cands;
    put_first(&cs->by_name, c->name, c->name_len, c);
    put_first(&cs->by_type_lead, key->s, key->lead_len, c);
    size_t digits_len = lead(c->number, c->number_len);
    if (digits_len) {
        first_few *f = bc_strmap_get(&cs->by_lead, c->number, digits_len);
        if (!f) {
            f = bc_arena_calloc(l->arena, 1, sizeof *f);
            bc_strmap_put(&cs->by_lead, c->number, digits_len, f);
        }
        note_first_few(f, c);
    }
    int t = type_index(c->type);
    if (t >= 0)
        note_first_few(&cs->by_type[t], c);
}

/* The documents a short reference may mean, in order: every registered
 * one, then each formal full number typed in the text, once per document
 * and only when it is not registered. */
static void collect_candidates(linter *l)
{
    const bc_report *r = l->report;
    candidates *cs = &l->cands;
    cs->items =
        bc_xcalloc(r->citations.count + l->count + 1, sizeof *cs->items);
    for (size_t k = 0; k < r->citations.count; k++) {
        add_registered_candidate(l, &r->citations.items[k]);
        index_candidate(l, &cs->items[cs->count - 1], &l->reg.keys[k]);
    }
    bc_strmap typed = BC_STRMAP_INIT; /* full keys already candidates */
    for (size_t k = 0; k < l->count; k++) {
        const mention *m = &l->mentions[k];
        if (!m->formal || m->key.short_form || registered(l, m) ||
            bc_strmap_get(&typed, m->key.s, m->key.len))
            continue;
        bc_strmap_put(&typed, m->key.s, m->key.len, (void *)m);
        add_typed_candidate(l, m);
        index_candidate(l, &cs->items[cs->count - 1], &m->key);
    }
    bc_strmap_fini(&typed);
}

/* The candidates named in a hint: the first few of m's type or its number,
 * in their order. */
static size_t hints_for(const linter *l, const mention *m,
                        const first_few *same_lead,
                        const candidate *out[MAX_HINTS])
{
    const first_few *same_type = &l->cands.by_type[type_index(m->type)];
    size_t a = 0, b = 0, n = 0;
    while (n < MAX_HINTS && (a < same_type->count || b < same_lead->count)) {
        const candidate *x = a < same_type->count ? same_type->items[a] : NULL;
        const candidate *y = b < same_lead->count ? same_lead->items[b] : NULL;
        const candidate *next = earliest(x, y);
        a += next == x;
        b += next == y;
        out[n++] = next;
    }
    return n;
}

/* "Kế hoạch 92" for "Kế hoạch số 92/KH-UBND": named by its lead alone,
 * without "số". */
static void warn_misnamed(linter *l, const mention *m, const candidate *c)
{
    bc_buf hint = BC_BUF_INIT;
    if (c->id)
        bc_buf_printf(&hint, _(" or cite it as [@%s]"), c->id);
    warn_at(l, mention_pos(l, m),
            _("\"%.*s\" is not how the document is named: write \"%.*s\"%s"),
            (int)m->len, m->text->s + m->offset, (int)c->name_len, c->name,
            hint.ptr);
    bc_buf_fini(&hint);
}

static void warn_unknown(linter *l, const mention *m, const first_few *near)
{
    const candidate *hints[MAX_HINTS];
    size_t n = hints_for(l, m, near, hints);
    bc_buf hint = BC_BUF_INIT;
    for (size_t k = 0; k < n; k++)
        bc_buf_printf(&hint, "%s%.*s\"", k ? _(" or \"") : _("; did you mean \""),
                      (int)hints[k]->name_len, hints[k]->name);
    bc_buf_puts(&hint, "?");
    warn_at(l, mention_pos(l, m), _("no document \"%.*s\" is known%s"),
            (int)m->len, m->text->s + m->offset, hint.ptr);
    bc_buf_fini(&hint);
}

/* A short reference ("Kế hoạch 92", "Kế hoạch số 12") to no known document:
 * worth a warning when it resembles one (the same number), as a typo or a
 * slip between two documents usually does; "Báo cáo 6" resembling nothing
 * is just prose.  Its number is digits only, its lead. */
static void check_short_reference(linter *l, const mention *m)
{
    const candidates *cs = &l->cands;
    if (bc_strmap_get(&cs->by_name, m->text->s + m->offset, m->len))
        return; /* exactly a candidate's name, such as its short name */
    const candidate *same =
        bc_strmap_get(&cs->by_type_lead, m->key.s, m->key.lead_len);
    if (same) { /* "Kế hoạch số 92" is its short form, fine; not without
                 * "số" */
        if (!m->formal)
            warn_misnamed(l, m, same);
        return;
    }
    const first_few *near =
        bc_strmap_get(&cs->by_lead, m->number, m->number_len);
    if (near) /* another type with this number */
        warn_unknown(l, m, near);
}

/* ---- the mentions ---- */

static void check_mentions(linter *l)
{
    for (size_t k = 0; k < l->count; k++) {
        const mention *m = &l->mentions[k];
        if (m->has_date && year_after_date(m->number, m->number_len, m->date))
            warn_year_order(l, mention_pos(l, m), m->number, m->number_len,
                            m->date);
        const bc_citation *match = registered(l, m);
        if (match && m->formal)
            check_against_registry(l, m, match);
        else if (!m->formal || m->key.short_form)
            check_short_reference(l, m);
        else
            check_against_earlier(l, m);
        remember(l, m);
    }
}

/* ---- the registry, the distribution list, the final checks ---- */

static void check_registry(linter *l)
{
    const bc_report *r = l->report;
    for (size_t k = 0; k < r->citations.count; k++) {
        const bc_citation *d = &r->citations.items[k];
        if (d->date.set &&
            year_after_date(d->number.s, d->number.len, d->date.value))
            warn_year_order(l, text_pos(l, &d->number), d->number.s,
                            d->number.len, d->date.value);
        if (!l->cites->uses[k].printed)
            warn_at(l, text_pos(l, &d->id),
                    _("\"%s\" is registered but never cited with [@%s]"),
                    d->id.s, d->id.s);
    }
}

static bc_pos place_pos(const linter *l, const bc_cite_place *p)
{
    return bc_report_locate(l->report, &p->text, p->at, 2);
}

/* Decree 30, Phụ lục I: a document is cited in full once; after that,
 * by its type and number, or its short name. */
static void check_repeats(linter *l)
{
    for (size_t i = 0; i < l->cites->repeat_count; i++) {
        const bc_cite_repeat *r = &l->cites->repeats[i];
        const bc_citation *d = &l->report->citations.items[r->doc];
        bc_pos first = place_pos(l, &r->first);
        bc_buf what = BC_BUF_INIT;
        describe(d, false, &what);
        warn_at(l, place_pos(l, &r->place),
                _("\"%s\" is cited in full again (first in full at %d:%d); "
                "Decree 30 cites a document in full once: write [@%s] "
                "here, which gives its short form"),
                what.ptr, first.line, first.col, d->id.s);
        bc_buf_fini(&what);
    }
}

/* The day a report is taken to speak on: its date, or the end of its year
 * for a draft. */
static bc_date report_day(const bc_document *d)
{
    bc_date end = {(int)d->year, 12, 31};
    return d->date.set ? d->date.value : end;
}

/* A document replaced on or before the report's day, still cited. */
static void check_replaced(linter *l)
{
    const bc_report *r = l->report;
    bc_date day = report_day(&r->document);
    for (size_t k = 0; k < r->citations.count; k++) {
        const bc_citation *d = &r->citations.items[k];
        const bc_cite_use *use = &l->cites->uses[k];
        if (!d->replaced_by.s || !use->printed ||
            (d->replaced_on.set &&
             bc_date_before(day, d->replaced_on.value)))
            continue;
        bc_buf what = BC_BUF_INIT, by = BC_BUF_INIT, when = BC_BUF_INIT;
        describe(d, false, &what);
        const bc_citation *next =
            bc_strmap_get(&l->reg.by_id, d->replaced_by.s, d->replaced_by.len);
        if (next)
            describe(next, true, &by);
        else
            bc_buf_append(&by, d->replaced_by.s, d->replaced_by.len);
        if (d->replaced_on.set) {
            bc_buf_puts(&when, _(" from "));
            bc_vn_date_short(&when, d->replaced_on.value);
        }
        warn_at(l, use->first.text.s ? place_pos(l, &use->first)
                                     : text_pos(l, &d->id),
                next ? _("\"%s\" was replaced by \"%s\"%s; cite what is in "
                         "force")
                     : _("\"%s\" was replaced by \"%s\"%s; cite what is in "
                         "force (register the new document too)"),
                what.ptr, by.ptr, when.ptr);
        bc_buf_fini(&what);
        bc_buf_fini(&by);
        bc_buf_fini(&when);
    }
}

static bool starts_with(const bc_text *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->len >= n && memcmp(t->s, prefix, n) == 0;
}

/* An entry without the ";", "." or " " that ends it: "Như trên;" and
 * "Như trên" are one. */
static size_t item_len(const bc_text *t)
{
    size_t n = t->len;
    while (n && strchr(";. ", t->s[n - 1]))
        n--;
    return n;
}

/* An entry seen before, or NULL; a hash of the entries seen, so that a
 * list of any length is checked in one pass. */
static const bc_text *seen_item(bc_strmap *seen, const bc_text *t)
{
    /* Never a NULL key: the map marks its empty slots with one. */
    const char *key = t->s ? t->s : "";
    size_t n = t->s ? item_len(t) : 0;
    const bc_text *first = bc_strmap_get(seen, key, n);
    if (!first)
        bc_strmap_put(seen, key, n, (void *)t);
    return first;
}

static void check_distribution(linter *l)
{
    const bc_texts *items = &l->report->distribution;
    bc_strmap seen = BC_STRMAP_INIT;
    bool archived = false;
    for (size_t i = 0; i < items->count; i++) {
        const bc_text *t = &items->items[i];
        size_t n = strlen("Lưu: VT");
        if (starts_with(t, "Lưu: VT") &&
            (t->len == n || strchr(",; .", t->s[n]))) {
            archived = true; /* not "Lưu: VTLT" */
            if (item_len(t) == n) /* Decree 30: "Lưu: VT, <unit>." */
                warn_at(l, text_pos(l, t),
                        _("write the drafting unit after \"Lưu: VT\", as in "
                        "\"Lưu: VT, VP.\""));
        }
        else if (starts_with(t, "Lưu"))
            warn_at(l, text_pos(l, t),
                    _("write the records-office copy as \"Lưu: VT\" (then the "
                    "drafting unit)"));
        const bc_text *first = seen_item(&seen, t);
        if (first)
            warn_at(l, text_pos(l, t),
                    _("\"%.*s\" is twice in Nơi nhận (first at %d:%d)"),
                    (int)t->len, t->s, first->line, first->col);
    }
    bc_strmap_fini(&seen);
    if (!archived && items->count && !starts_with(&items->items[items->count - 1], "Lưu"))
        warn_at(l, text_pos(l, &items->items[items->count - 1]),
                _("Nơi nhận has no copy for the records office (\"Lưu: VT\")"));
}

static void check_final(linter *l)
{
    const bc_document *d = &l->report->document;
    bc_pos at_symbol = text_pos(l, &d->symbol);
    if (!d->number.s || d->number.len == 0)
        final_error(l, d->number.s ? text_pos(l, &d->number) : at_symbol,
                    _("--final: the number is blank; the records office "
                    "numbers the document before it is issued"));
    if (!d->date.set) {
        bc_pos pos = d->date.line ? (bc_pos){l->report->file, d->date.line,
                                            d->date.col}
                                  : at_symbol;
        final_error(l, pos, _("--final: the date is blank; fill in the date "
                            "of signature"));
        return;
    }
    /* The documents it cites: with [@id], or typed by hand with a date. */
    bc_pos pos = {l->report->file, d->date.line, d->date.col};
    for (size_t k = 0; k < l->report->citations.count; k++) {
        const bc_citation *c = &l->report->citations.items[k];
        if (!l->cites->uses[k].printed || !c->date.set ||
            !bc_date_before(d->date.value, c->date.value))
            continue;
        bc_buf what = BC_BUF_INIT;
        describe(c, true, &what);
        final_error(l, pos,
                    _("--final: the document is dated before \"%s\", which it "
                    "cites"),
                    what.ptr);
        bc_buf_fini(&what);
    }
    for (size_t k = 0; k < l->count; k++) {
        const mention *m = &l->mentions[k];
        if (!m->has_date || !bc_date_before(d->date.value, m->date))
            continue;
        bc_buf what = BC_BUF_INIT;
        describe_mention(m, &what);
        final_error(l, pos,
                    _("--final: the document is dated before \"%s\", which it "
                    "cites"),
                    what.ptr);
        bc_buf_fini(&what);
    }
}

static void free_linter(linter *l)
{
    bc_strmap_fini(&l->reg.by_lead);
    bc_strmap_fini(&l->reg.short_by_lead);
    bc_strmap_fini(&l->reg.by_full);
    bc_strmap_fini(&l->reg.by_id);
    free(l->reg.keys);
    bc_strmap_fini(&l->earlier_short);
    bc_strmap_fini(&l->earlier_full);
    bc_strmap_fini(&l->cands.by_name);
    bc_strmap_fini(&l->cands.by_type_lead);
    bc_strmap_fini(&l->cands.by_lead);
    free(l->cands.items);
    bc_arena_free(l->arena);
    free(l->mentions);
}

void bc_lint(const bc_report *report, const bc_cite_record *cites,
             const bc_lint_options *options, bc_diags *diags)
{
    linter l = {0};
    l.report = report;
    l.diags = diags;
    l.arena = bc_arena_new();
    l.cites = cites;
    /* Every check below looks documents up in hash maps built once, so
     * that check stays linear in the number of mentions and entries. */
    index_registry(&l);
    bc_report_visit_texts(report, scan_text, &l);
    l.positions = bc_arena_calloc(l.arena, l.count + 1, sizeof(bc_pos));
    collect_candidates(&l);
    check_mentions(&l);
    check_registry(&l);
    check_repeats(&l);
    check_replaced(&l);
    check_distribution(&l);
    bc_report_visit_texts(report, check_invisible, &l);
    l.final = options && options->final;
    bc_report_visit_texts(report, check_placeholders, &l);
    if (options && options->final)
        check_final(&l);
    free_linter(&l);
}

/* lint.c - the checks of `bcreport check` (see lint.h). */
#include "bcreport/lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/cite.h"
#include "bcreport/vnformat.h"

/* The kinds of document a report cites, as the text writes them. */
static const char *const doc_types[] = {
    "Chỉ thị",   "Kế hoạch", "Nghị định",    "Nghị quyết", "Quyết định",
    "Công văn",  "Thông tư", "Thông báo",    "Hướng dẫn",  "Báo cáo",
    "Chương trình", "Luật",  "Pháp lệnh",    "Tờ trình",   "Đề án"};

#define N_TYPES (sizeof doc_types / sizeof doc_types[0])

/* A document named by hand in the prose, not through [@id]. */
typedef struct mention {
    const bc_text *text;
    size_t offset, len; /* the whole mention inside text */
    const char *type;
    char number[64]; /* "80/2022/NĐ-CP"; "12" for "Kế hoạch 12" */
    bool formal;     /* written with "số" */
    bool has_date;
    bc_date date;
} mention;

typedef struct linter {
    const bc_report *report;
    bc_diags *diags;
    mention *mentions;
    size_t count, cap;
    bool *cited; /* per registered document: named with [@id] */
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

static bc_pos mention_pos(const linter *l, const mention *m)
{
    return bc_report_locate(l->report, m->text, m->offset, m->len);
}

static bc_pos text_pos(const linter *l, const bc_text *t)
{
    bc_pos pos = {l->report->file, t->line, t->col};
    return pos;
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

static size_t digits(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* Reads digits then the byte sep; returns the bytes read, 0 on mismatch. */
static size_t field(const char *s, size_t len, size_t max, char sep, int *v)
{
    size_t d = digits(s, len);
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
    if (digits(s + i, len - i) != 4 || !field(s + i, len - i, 4, 0, &y))
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
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
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
    size_t d = digits(s + start, j - start);
    m->formal = with_so || d < j - start;
    if (!m->formal && followed_by_unit(s + j, len - j))
        return 0;
    n = j - start < sizeof m->number - 1 ? j - start : sizeof m->number - 1;
    memcpy(m->number, s + start, n);
    m->number[n] = '\0';
    m->has_date = false;
    if (m->formal) {
        size_t dl = parse_date(s + j, len - j, &m->date);
        m->has_date = dl > 0;
        j += dl;
    }
    return j - i;
}

static void add_mention(linter *l, const mention *m)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->mentions = bc_xreallocarray(l->mentions, l->cap, sizeof *m);
    }
    l->mentions[l->count++] = *m;
}

/* Marks the documents a text cites with [@id]; returns where the citation
 * ends so that its inside is not read as prose. */
static size_t skip_citation(linter *l, const char *s, size_t len, size_t i)
{
    const char *close = memchr(s + i, ']', len - i);
    size_t end = close ? (size_t)(close - s) + 1 : len;
    size_t id = i + 2, n = 0;
    while (id + n < end && s[id + n] && strchr(BC_CITATION_ID_CHARS, s[id + n]))
        n++;
    for (size_t k = 0; k < l->report->citations.count; k++) {
        const bc_text *cid = &l->report->citations.items[k].id;
        if (cid->len == n && memcmp(cid->s, s + id, n) == 0)
            l->cited[k] = true;
    }
    return end;
}

static void scan_text(void *ctx, const bc_text *t)
{
    linter *l = ctx;
    if (!t->s)
        return;
    for (size_t i = 0; i < t->len;) {
        if (t->s[i] == '[' && i + 1 < t->len && t->s[i + 1] == '@') {
            i = skip_citation(l, t->s, t->len, i);
            continue;
        }
        bool word_start = i == 0 || strchr(" (\"“,;:\n", t->s[i - 1]);
        mention m;
        size_t n = word_start ? parse_mention(t->s, t->len, i, &m) : 0;
        if (n) {
            m.text = t;
            m.offset = i;
            m.len = n;
            add_mention(l, &m);
            i += n;
        } else {
            i++;
        }
    }
}

/* ---- comparing ---- */

/* The digits a number starts with: "80" of "80/2022/NĐ-CP". */
static size_t lead(const char *number)
{
    return digits(number, strlen(number));
}

static bool same_lead(const char *a, const char *b)
{
    size_t la = lead(a);
    return la > 0 && la == lead(b) && memcmp(a, b, la) == 0;
}

static bool text_is(const bc_text *t, const char *s)
{
    return t->s && t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

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
    for (size_t i = 0; i + 6 <= len; i++)
        if (s[i] == '/' && digits(s + i + 1, len - i - 1) == 4 &&
            (i + 5 == len || s[i + 5] == '/'))
            return atoi(s + i + 1);
    return 0;
}

static void check_year_order(linter *l, bc_pos pos, const char *number,
                             size_t len, bc_date date)
{
    int year = number_year(number, len);
    if (year > date.year) {
        bc_buf d = BC_BUF_INIT;
        bc_vn_date_short(&d, date);
        warn_at(l, pos,
                "the number %.*s carries the year %d, later than its date "
                "%s",
                (int)len, number, year, d.ptr ? d.ptr : "");
        bc_buf_fini(&d);
    }
}

/* "Chỉ thị số 12" is the short form of "Chỉ thị số 12-CT/TW". */
static bool is_short_form(const char *number)
{
    return lead(number) == strlen(number);
}

/* The number without its leading digits and its year: "/NĐ-CP" for both
 * "80/2020/NĐ-CP" and "80/2022/NĐ-CP"; the ký hiệu names the issuer. */
static void symbol_of(const char *number, char *out, size_t size)
{
    const char *p = number + lead(number);
    size_t n = 0;
    while (*p && n + 1 < size) {
        if (*p == '/' && digits(p + 1, strlen(p + 1)) == 4 &&
            (p[5] == '/' || p[5] == '\0')) {
            p += 5; /* "/2020" */
            continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
}

/* One document: the same type, number and ký hiệu, whatever the year or
 * date written with it; a short form ("số 12") names any of its type and
 * number. */
static bool same_doc(const char *type_a, const char *a, const char *type_b,
                     const char *b)
{
    if (type_a != type_b || !same_lead(a, b))
        return false;
    if (is_short_form(a) || is_short_form(b))
        return true;
    char sa[64], sb[64];
    symbol_of(a, sa, sizeof sa);
    symbol_of(b, sb, sizeof sb);
    return strcmp(sa, sb) == 0;
}

static const char *type_of(const bc_citation *d)
{
    for (size_t t = 0; t < N_TYPES; t++)
        if (text_is(&d->type, doc_types[t]))
            return doc_types[t];
    return NULL;
}

static void check_against_registry(linter *l, const mention *m,
                                   const bc_citation *d)
{
    bc_buf want = BC_BUF_INIT, got = BC_BUF_INIT;
    describe(d, m->has_date, &want);
    describe_mention(m, &got);
    bool number_ok = is_short_form(m->number) || text_is(&d->number, m->number);
    bool date_ok = !m->has_date || same_date(m->date, d->date.value);
    if (!number_ok || !date_ok)
        warn_at(l, mention_pos(l, m),
                "\"%s\" disagrees with the registered \"%s\" [@%s]; cite it "
                "as [@%s]",
                got.ptr, want.ptr, d->id.s, d->id.s);
    bc_buf_fini(&want);
    bc_buf_fini(&got);
}

/* Two hand-typed mentions of one document must agree with each other. */
static void check_against_earlier(linter *l, size_t k)
{
    const mention *m = &l->mentions[k];
    for (size_t i = 0; i < k; i++) {
        const mention *e = &l->mentions[i];
        if (!e->formal || !same_doc(e->type, e->number, m->type, m->number))
            continue;
        bool short_form = is_short_form(e->number) || is_short_form(m->number);
        bool differs = (!short_form && strcmp(e->number, m->number) != 0) ||
                       (e->has_date && m->has_date &&
                        !same_date(e->date, m->date));
        if (!differs)
            continue;
        bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
        describe_mention(m, &a);
        describe_mention(e, &b);
        bc_pos first = mention_pos(l, e);
        warn_at(l, mention_pos(l, m), "\"%s\" disagrees with \"%s\" at %d:%d",
                a.ptr, b.ptr, first.line, first.col);
        bc_buf_fini(&a);
        bc_buf_fini(&b);
        return;
    }
}

/* A document the text could mean: registered, or typed in full elsewhere. */
typedef struct candidate {
    const char *type;
    const char *number;
    char name[96]; /* "Kế hoạch số 92", or the registered short name */
    const char *id; /* the registered id, or NULL */
} candidate;

static size_t candidates(const linter *l, candidate *out, size_t max)
{
    const bc_report *r = l->report;
    size_t n = 0;
    for (size_t k = 0; k < r->citations.count && n < max; k++) {
        const bc_citation *d = &r->citations.items[k];
        candidate *c = &out[n++];
        c->type = type_of(d);
        c->number = d->number.s;
        c->id = d->id.s;
        if (d->short_name.s)
            snprintf(c->name, sizeof c->name, "%.*s", (int)d->short_name.len,
                     d->short_name.s);
        else
            snprintf(c->name, sizeof c->name, "%.*s số %.*s",
                     (int)d->type.len, d->type.s, (int)d->number.len,
                     d->number.s);
    }
    for (size_t k = 0; k < l->count && n < max; k++) {
        const mention *m = &l->mentions[k];
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = same_doc(out[i].type, out[i].number, m->type, m->number);
        if (!m->formal || is_short_form(m->number) || seen)
            continue;
        candidate *c = &out[n++];
        c->type = m->type;
        c->number = m->number;
        c->id = NULL;
        snprintf(c->name, sizeof c->name, "%s số %.*s", m->type,
                 (int)lead(m->number), m->number);
    }
    return n;
}

/* A short reference ("Kế hoạch 92", "Kế hoạch số 12") to no known document:
 * worth a warning when it resembles one (the same number), as a typo or a
 * slip between two documents usually does; "Báo cáo 6" resembling nothing
 * is just prose. */
static void check_short_reference(linter *l, const mention *m)
{
    candidate known[64];
    size_t n = candidates(l, known, 64);
    bc_buf got = BC_BUF_INIT, hint = BC_BUF_INIT;
    describe_mention(m, &got);
    for (size_t k = 0; k < n; k++) {
        if (!strcmp(known[k].name, got.ptr))
            goto done; /* exactly the registered short name */
    }
    for (size_t k = 0; k < n; k++) {
        if (known[k].type != m->type || !same_lead(known[k].number, m->number))
            continue;
        if (m->formal)
            goto done; /* "Kế hoạch số 92": the short form, fine */
        if (known[k].id)
            bc_buf_printf(&hint, " or cite it as [@%s]", known[k].id);
        warn_at(l, mention_pos(l, m),
                "\"%s\" is not how the document is named: write \"%s\"%s",
                got.ptr, known[k].name, hint.ptr ? hint.ptr : "");
        goto done;
    }
    bool resembles = false;
    for (size_t k = 0; k < n; k++)
        resembles |= same_lead(known[k].number, m->number);
    if (!resembles)
        goto done;
    size_t hints = 0;
    for (size_t k = 0; k < n && hints < 3; k++) {
        if (known[k].type != m->type && !same_lead(known[k].number, m->number))
            continue;
        bc_buf_puts(&hint, hints++ ? " or \"" : "; did you mean \"");
        bc_buf_puts(&hint, known[k].name);
        bc_buf_putc(&hint, '"');
    }
    bc_buf_puts(&hint, "?");
    warn_at(l, mention_pos(l, m), "no document \"%s\" is known%s", got.ptr,
            hint.ptr);
done:
    bc_buf_fini(&got);
    bc_buf_fini(&hint);
}

static const bc_citation *registered(const linter *l, const mention *m)
{
    const bc_report *r = l->report;
    for (size_t i = 0; i < r->citations.count; i++) {
        const bc_citation *d = &r->citations.items[i];
        if (same_doc(type_of(d), d->number.s, m->type, m->number))
            return d;
    }
    return NULL;
}

static void check_mentions(linter *l)
{
    for (size_t k = 0; k < l->count; k++) {
        const mention *m = &l->mentions[k];
        if (m->has_date)
            check_year_order(l, mention_pos(l, m), m->number,
                             strlen(m->number), m->date);
        const bc_citation *match = registered(l, m);
        if (match && m->formal)
            check_against_registry(l, m, match);
        else if (!m->formal || is_short_form(m->number))
            check_short_reference(l, m);
        else
            check_against_earlier(l, k);
    }
}

/* ---- the registry, the distribution list, the final checks ---- */

static void check_registry(linter *l)
{
    const bc_report *r = l->report;
    for (size_t k = 0; k < r->citations.count; k++) {
        const bc_citation *d = &r->citations.items[k];
        bc_pos pos = text_pos(l, &d->number);
        if (d->date.set)
            check_year_order(l, pos, d->number.s, d->number.len,
                             d->date.value);
        if (!l->cited[k])
            warn_at(l, text_pos(l, &d->id),
                    "\"%s\" is registered but never cited with [@%s]",
                    d->id.s, d->id.s);
    }
}

static bool starts_with(const bc_text *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->len >= n && memcmp(t->s, prefix, n) == 0;
}

static bool same_item(const bc_text *a, const bc_text *b)
{
    size_t la = a->len, lb = b->len;
    while (la && strchr(";. ", a->s[la - 1]))
        la--;
    while (lb && strchr(";. ", b->s[lb - 1]))
        lb--;
    return la == lb && memcmp(a->s, b->s, la) == 0;
}

static void check_distribution(linter *l)
{
    const bc_texts *items = &l->report->distribution;
    bool archived = false;
    for (size_t i = 0; i < items->count; i++) {
        const bc_text *t = &items->items[i];
        size_t n = strlen("Lưu: VT");
        if (starts_with(t, "Lưu: VT") &&
            (t->len == n || strchr(",; .", t->s[n])))
            archived = true; /* not "Lưu: VTLT" */
        else if (starts_with(t, "Lưu"))
            warn_at(l, text_pos(l, t),
                    "write the records-office copy as \"Lưu: VT\" (then the "
                    "drafting unit)");
        for (size_t k = 0; k < i; k++) {
            if (!same_item(t, &items->items[k]))
                continue;
            warn_at(l, text_pos(l, t),
                    "\"%.*s\" is twice in Nơi nhận (first at %d:%d)",
                    (int)t->len, t->s, items->items[k].line,
                    items->items[k].col);
            break;
        }
    }
    if (!archived && items->count && !starts_with(&items->items[items->count - 1], "Lưu"))
        warn_at(l, text_pos(l, &items->items[items->count - 1]),
                "Nơi nhận has no copy for the records office (\"Lưu: VT\")");
}

static bool before(bc_date a, bc_date b)
{
    return a.year != b.year ? a.year < b.year
           : a.month != b.month ? a.month < b.month
                                : a.day < b.day;
}

static void check_final(linter *l)
{
    const bc_document *d = &l->report->document;
    bc_pos at_symbol = text_pos(l, &d->symbol);
    if (!d->number.s || d->number.len == 0)
        final_error(l, d->number.s ? text_pos(l, &d->number) : at_symbol,
                    "--final: the number is blank; the records office "
                    "numbers the document before it is issued");
    if (!d->date.set) {
        bc_pos pos = d->date.line ? (bc_pos){l->report->file, d->date.line,
                                            d->date.col}
                                  : at_symbol;
        final_error(l, pos, "--final: the date is blank; fill in the date "
                            "of signature");
        return;
    }
    /* The documents it cites: with [@id], or typed by hand with a date. */
    bc_pos pos = {l->report->file, d->date.line, d->date.col};
    for (size_t k = 0; k < l->report->citations.count; k++) {
        const bc_citation *c = &l->report->citations.items[k];
        if (!l->cited[k] || !c->date.set || !before(d->date.value, c->date.value))
            continue;
        bc_buf what = BC_BUF_INIT;
        describe(c, true, &what);
        final_error(l, pos,
                    "--final: the document is dated before \"%s\", which it "
                    "cites",
                    what.ptr);
        bc_buf_fini(&what);
    }
    for (size_t k = 0; k < l->count; k++) {
        const mention *m = &l->mentions[k];
        if (!m->has_date || !before(d->date.value, m->date))
            continue;
        bc_buf what = BC_BUF_INIT;
        describe_mention(m, &what);
        final_error(l, pos,
                    "--final: the document is dated before \"%s\", which it "
                    "cites",
                    what.ptr);
        bc_buf_fini(&what);
    }
}

void bc_lint(const bc_report *report, const bc_lint_options *options,
             bc_diags *diags)
{
    linter l = {report, diags, NULL, 0, 0, NULL};
    l.cited = bc_xcalloc(report->citations.count + 1, sizeof(bool));
    bc_report_visit_texts(report, scan_text, &l);
    check_mentions(&l);
    check_registry(&l);
    check_distribution(&l);
    if (options && options->final)
        check_final(&l);
    free(l.mentions);
    free(l.cited);
}

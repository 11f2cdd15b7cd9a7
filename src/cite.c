/* cite.c - citations of registered documents (see cite.h). */
#include "bcreport/cite.h"
#include "bcreport/i18n.h"
#include "bcreport/suggest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/strmap.h"
#include "bcreport/escape.h"
#include "bcreport/vnformat.h"
#include "bcreport/chars.h"

/* A title citing a title citing ... stops here: a cycle, surely. */
#define MAX_NESTING 8

typedef struct cited {
    const bc_citation *doc;
    bool defined; /* the full form or "sau đây gọi tắt" has been given */
    bool bad_title; /* its title has an error, already reported */
    bc_cite_use use;
    bc_cite_place first_full; /* where use.full began */
} cited;

struct bc_citer {
    const bc_report *report;
    cited *docs;
    bc_cite_repeat *repeats;
    size_t repeat_count, repeat_cap;
    bc_strmap by_id; /* id -> cited */
    size_t printed;  /* bytes printed by finished citations and charges */
    bool spent;      /* the budget is spent and the error was given */
};

enum part {
    PART_NUMBER = 1 << 0,
    PART_DATE = 1 << 1,
    PART_ISSUER = 1 << 2,
    PART_TITLE = 1 << 3,
    PART_SHORT = 1 << 4,
    PART_DEFINE = 1 << 5,
    PART_EFFECTIVE = 1 << 6
};

static const struct {
    const char *word;
    unsigned bit;
} part_words[] = {{"number", PART_NUMBER}, {"date", PART_DATE},
                  {"issuer", PART_ISSUER}, {"title", PART_TITLE},
                  {"short", PART_SHORT},   {"define", PART_DEFINE},
                  {"effective", PART_EFFECTIVE}};

bc_citer *bc_citer_new(const bc_report *report)
{
    bc_citer *c = bc_xcalloc(1, sizeof *c);
    c->report = report;
    size_t n = report->citations.count;
    c->docs = bc_xcalloc(n ? n : 1, sizeof(cited));
    for (size_t i = 0; i < n; i++) {
        const bc_citation *doc = &report->citations.items[i];
        c->docs[i].doc = doc;
        if (doc->id.s) /* a report read with errors may lack one */
            bc_strmap_put(&c->by_id, doc->id.s, doc->id.len, &c->docs[i]);
    }
    return c;
}

bool bc_citer_check_titles(bc_citer *c, bc_diags *diags)
{
    /* A citer of its own: checking must not make a document "already
     * cited" or spend the budget of the text. */
    bc_citer *probe = bc_citer_new(c->report);
    bc_buf scratch = BC_BUF_INIT;
    bool ok = true;
    for (size_t i = 0; i < c->report->citations.count; i++) {
        bc_buf_clear(&scratch);
        if (!bc_cite_expand(probe, &c->report->citations.items[i].title,
                            &scratch, diags)) {
            c->docs[i].bad_title = true;
            ok = false;
        }
    }
    bc_buf_fini(&scratch);
    bc_citer_free(probe);
    return ok;
}

void bc_citer_record(const bc_citer *c, bc_arena *arena,
                     bc_cite_record *record)
{
    size_t n = c->report->citations.count;
    record->uses = bc_arena_calloc(arena, n, sizeof(bc_cite_use));
    for (size_t i = 0; i < n; i++)
        record->uses[i] = c->docs[i].use;
    record->repeats = bc_arena_calloc(arena, c->repeat_count,
                                      sizeof(bc_cite_repeat));
    if (c->repeat_count) /* c->repeats is NULL before the first */
        memcpy(record->repeats, c->repeats,
               c->repeat_count * sizeof(bc_cite_repeat));
    record->repeat_count = c->repeat_count;
}

void bc_citer_free(bc_citer *c)
{
    if (!c)
        return;
    bc_strmap_fini(&c->by_id);
    free(c->repeats);
    free(c->docs);
    free(c);
}

typedef struct expansion {
    bc_citer *citer;
    const bc_text *where; /* the text being expanded, for errors */
    size_t at;            /* the offset of its citation being expanded */
    bc_diags *diags;
    int depth;
    bool heading; /* the subject: full forms, no "sau đây gọi tắt" */
    bool check_only; /* ids, parts and syntax only: nothing is printed */
    /* The outermost citation under way: where it stands, its id, and the
     * length of the output when it began (what it prints counts). */
    const bc_text *outer;
    size_t outer_at;
    const char *outer_id;
    size_t outer_id_len;
    size_t outer_start;
} expansion;

static bool expand(expansion *x, const char *s, size_t len, bc_buf *out);

/* Where the citation being expanded stands in the data file. */
static bc_pos citation_pos(const expansion *x)
{
    return bc_report_locate(x->citer->report, x->where, x->at, 2);
}

static void cite_error(expansion *x, const char *fmt, ...) BC_PRINTF(2, 3);
static void cite_error(expansion *x, const char *fmt, ...)
{
    bc_pos pos = citation_pos(x);
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(x->diags, BC_ERROR, BC_EX_DATAERR, pos, fmt, ap);
    va_end(ap);
}

/* True while the citations printed so far, with the outermost one under
 * way, stay within the budget.  Checked as a title's expansion grows, so
 * a fan-out stops within a few text lengths of the limit; the error names
 * the outermost citation, the one the text shows. */
static bool within_budget(expansion *x, const bc_buf *out)
{
    bc_citer *c = x->citer;
    if (!c->spent && c->printed + (out->len - x->outer_start) <=
                         BC_CITE_MAX_EXPANDED)
        return true;
    if (c->spent)
        return false; /* reported once; the caller's output is discarded */
    c->spent = true;
    x->where = x->outer;
    x->at = x->outer_at;
    cite_error(x, _("[@%.*s] makes the citations of this document print more "
                  "than %u bytes (the limit); does a title cite other titles "
                  "many times?"),
               (int)x->outer_id_len, x->outer_id, BC_CITE_MAX_EXPANDED);
    return false;
}

/* "Kế hoạch số 92/KH-UBND": the number never broken across lines. */
static void put_number(const bc_citation *d, bc_buf *out)
{
    bc_buf_append(out, d->type.s, d->type.len);
    bc_buf_puts(out, " số ");
    bc_buf_putc(out, BC_MARK_NOBREAK_OPEN);
    bc_buf_append(out, d->number.s, d->number.len);
    bc_buf_putc(out, BC_MARK_NOBREAK_CLOSE);
}

static void put_short(const bc_citation *d, bc_buf *out)
{
    if (d->short_name.s)
        bc_buf_append(out, d->short_name.s, d->short_name.len);
    else
        put_number(d, out);
}

/* " (sau đây gọi tắt là Kế hoạch số 92)", the phrase in italics.  The
 * name has no blank at its end (the loader drops them), which would undo
 * the italics: "*... 92 *" is no emphasis. */
static void put_definition(const bc_citation *d, bc_buf *out)
{
    bc_buf_puts(out, " (");
    bc_buf_putc(out, BC_MARK_EMPH_OPEN);
    bc_buf_puts(out, "sau đây gọi tắt là ");
    bc_buf_append(out, d->short_name.s, d->short_name.len);
    bc_buf_putc(out, BC_MARK_EMPH_CLOSE);
    bc_buf_putc(out, ')');
}

static bool render_parts(expansion *x, cited *c, unsigned parts, bc_buf *out)
{
    const bc_citation *d = c->doc;
    if (parts & PART_EFFECTIVE) { /* the date alone: "từ ngày [@x effective]" */
        if (parts != PART_EFFECTIVE || !d->effective.set) {
            cite_error(x, _("[@%s effective] %s"), d->id.s,
                       parts != PART_EFFECTIVE
                           ? _("stands alone: it gives only the date the "
                               "document took effect")
                           : _("needs the document's \"effective\" date"));
            return false;
        }
        bc_vn_date_short(out, d->effective.value);
        return true;
    }
    if (parts & PART_SHORT) {
        put_short(d, out);
    } else {
        put_number(d, out);
        if (parts & PART_DATE) {
            bc_buf_puts(out, " ngày ");
            bc_vn_date_short(out, d->date.value);
        }
        if (parts & PART_ISSUER) {
            bc_buf_puts(out, " của ");
            bc_buf_append(out, d->issuer.s, d->issuer.len);
        }
        if ((parts & PART_TITLE) && d->title.s && !c->bad_title) {
            bc_buf_putc(out, ' ');
            /* Errors inside the title are the title's. */
            const bc_text *outer = x->where;
            size_t outer_at = x->at;
            x->where = &d->title;
            bool ok = expand(x, d->title.s, d->title.len, out) &&
                      within_budget(x, out);
            x->where = outer;
            x->at = outer_at;
            if (!ok)
                return false;
        }
    }
    if ((parts & PART_DEFINE) && !x->heading) {
        if (!d->short_name.s) {
            cite_error(x, _("[@%s define] needs a short_name for \"%s\""),
                       d->id.s, d->id.s);
            return false;
        }
        put_definition(d, out);
        c->defined = true;
    }
    return true;
}

/* ---- the one scanner of citations ---- */

static bool is_id_char(char ch)
{
    return ch && strchr(BC_CITATION_ID_CHARS, ch);
}

bool bc_cite_next(const char *s, size_t len, size_t from,
                  bc_cite_token *tok)
{
    size_t i = from;
    while (i + 1 < len && !(s[i] == '[' && s[i + 1] == '@'))
        i++;
    if (i + 1 >= len)
        return false;
    memset(tok, 0, sizeof *tok);
    tok->start = i;
    tok->id = i + 2;
    size_t k = tok->id;
    while (k < len && is_id_char(s[k]))
        k++;
    tok->id_len = k - tok->id;
    size_t close = k;
    while (close < len && s[close] != ']' && s[close] != '[')
        close++;
    if (close < len && s[close] == '[') { /* a bracket or a citation inside */
        tok->syntax = BC_CITE_NESTED;
        tok->error_at = close;
        while (close < len && s[close] != ']')
            close++;
    } else if (close == len) {
        tok->syntax = BC_CITE_UNCLOSED;
        tok->error_at = i;
    }
    tok->end = close < len ? close + 1 : len;
    const char *comma = memchr(s + k, ',', close - k);
    size_t words_end = comma ? (size_t)(comma - s) : close;
    tok->words = k;
    tok->words_len = words_end - k;
    if (comma) {
        size_t a = words_end + 1, b = close;
        while (a < b && bc_is_space(s[a]))
            a++;
        while (b > a && bc_is_space(s[b - 1]))
            b--;
        tok->has_locator = true;
        tok->locator = a;
        tok->locator_len = b - a;
    }
    return true;
}

/* ---- expanding ---- */

/* Parses the words after the id, separated by any blanks; returns false
 * on an unknown word. */
static bool parse_parts(expansion *x, const char *s, size_t len,
                        const char *id, unsigned *parts)
{
    *parts = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && bc_is_space(s[i]))
            i++;
        size_t start = i;
        while (i < len && !bc_is_space(s[i]))
            i++;
        if (i == start)
            break;
        unsigned bit = 0;
        for (size_t k = 0; k < BC_COUNT(part_words); k++)
            if (i - start == strlen(part_words[k].word) &&
                !memcmp(s + start, part_words[k].word, i - start))
                bit = part_words[k].bit;
        if (!bit) {
            bc_buf word = BC_BUF_INIT;
            bc_diag_excerpt(&word, s + start, i - start, 30);
            cite_error(x,
                       _("unknown part \"%s\" in a citation of \"%s\"; the "
                       "parts are number, date, issuer, title, short, define "
                       "and effective"),
                       word.ptr, id);
            bc_buf_fini(&word);
            return false;
        }
        *parts |= bit;
    }
    return true;
}

/* What the text wrote wrong around the citation, at the place. */
static bool syntax_ok(expansion *x, const char *s, const bc_cite_token *tok)
{
    if (tok->syntax == BC_CITE_OK)
        return true;
    x->at = tok->error_at;
    if (tok->syntax == BC_CITE_UNCLOSED)
        cite_error(x, _("a citation \"[@\" has no closing \"]\""));
    else if (s[tok->error_at + 1] == '@')
        cite_error(x, _("a citation inside a citation; close the first with "
                      "\"]\" before the next \"[@\""));
    else
        cite_error(x, _("\"[\" inside a citation; write the part cited "
                      "without brackets, as in [@nd80, khoản 2 Điều 8]"));
    return false;
}

/* The record of what was printed: in full means with the date, outside
 * the subject (which names documents apart from the text). */
static void add_repeat(bc_citer *citer, size_t doc, bc_cite_place place,
                       bc_cite_place first)
{
    if (citer->repeat_count == citer->repeat_cap) {
        citer->repeat_cap = citer->repeat_cap ? 2 * citer->repeat_cap : 8;
        citer->repeats = bc_xreallocarray(citer->repeats, citer->repeat_cap,
                                          sizeof *citer->repeats);
    }
    bc_cite_repeat *r = &citer->repeats[citer->repeat_count++];
    r->doc = doc;
    r->place = place;
    r->first = first;
}

/* The record of what was printed.  Only citations in the text itself
 * (not in a title, which quotes its document, nor in the subject) count
 * as mentions; in full means with the date. */
static void record_use(const expansion *x, cited *c, unsigned parts)
{
    c->use.printed++;
    if (x->heading || x->depth > 1 || !x->where->src)
        return;
    bc_cite_place here = {*x->where, x->at};
    if (!c->use.first.text.s)
        c->use.first = here;
    if (!(parts & PART_DATE) || (parts & PART_SHORT))
        return;
    if (c->use.full++ == 0)
        c->first_full = here;
    else
        add_repeat(x->citer, (size_t)(c - x->citer->docs), here,
                   c->first_full);
}

/* The parts to print for a citation written with none. */
static unsigned automatic_parts(const expansion *x, cited *c)
{
    if (x->heading) /* the subject names it in full */
        return PART_NUMBER | PART_DATE | PART_ISSUER | PART_TITLE;
    if (c->defined)
        return PART_SHORT;
    c->defined = true;
    return PART_NUMBER | PART_DATE | PART_ISSUER | PART_TITLE |
           (c->doc->short_name.s ? PART_DEFINE : 0);
}

/* The index of the appendix with id, or SIZE_MAX. */
static size_t appendix_of(const bc_report *r, const char *id)
{
    for (size_t i = 0; i < r->appendices.count; i++)
        if (r->appendices.items[i].id.s &&
            !strcmp(r->appendices.items[i].id.s, id))
            return i;
    return SIZE_MAX;
}

/* [@pl-vientro]: "Phụ lục I", as it is numbered. */
static bool put_appendix(expansion *x, const char *s,
                         const bc_cite_token *tok, const char *id,
                         bc_buf *out)
{
    if (tok->words_len && strspn(s + tok->words, " \t\n\r") !=
                              tok->words_len) {
        cite_error(x, _("[@%s] names an appendix: it takes no parts"), id);
        return false;
    }
    if (tok->has_locator) {
        cite_error(x, _("[@%s] names an appendix: it takes nothing after a "
                      "comma"),
                   id);
        return false;
    }
    bc_appendix_label(x->citer->report, appendix_of(x->citer->report, id),
                      out);
    return true;
}

/* Expands the citation tok of s. */
/* An id that is neither a document nor an appendix: the nearest of
 * those, when one is close enough to be a typo (suggest.h). */
static void unknown_citation(expansion *x, const char *id)
{
    const bc_report *r = x->citer->report;
    size_t n = r->citations.count + r->appendices.count;
    const char **ids = bc_xcalloc(n + 1, sizeof *ids);
    for (size_t i = 0; i < r->citations.count; i++)
        ids[i] = r->citations.items[i].id.s ? r->citations.items[i].id.s : "";
    for (size_t i = 0; i < r->appendices.count; i++)
        ids[r->citations.count + i] =
            r->appendices.items[i].id.s ? r->appendices.items[i].id.s : "";
    const char *near = bc_suggest(ids, n, id);
    if (near)
        cite_error(x, _("unknown citation [@%s]; did you mean [@%s]?"), id,
                   near);
    else
        cite_error(x, _("unknown citation [@%s]; declare it under "
                        "\"citations\""),
                   id);
    free(ids);
}

static bool expand_one(expansion *x, const char *s, const bc_cite_token *tok,
                       bc_buf *out)
{
    x->at = tok->start;
    if (!syntax_ok(x, s, tok))
        return false;
    char *id = bc_xstrndup(s + tok->id, tok->id_len);
    cited *c = bc_strmap_get(&x->citer->by_id, id, tok->id_len);
    unsigned parts = 0;
    bool ok = false;
    if (!*id)
        cite_error(x, _("a citation needs an id right after \"[@\", as in "
                      "[@kh92]"));
    else if (!c && appendix_of(x->citer->report, id) != SIZE_MAX)
        ok = put_appendix(x, s, tok, id, out);
    else if (!c)
        unknown_citation(x, id);
    else if (!parse_parts(x, s + tok->words, tok->words_len, id, &parts))
        ;
    else if (tok->has_locator && tok->locator_len == 0)
        cite_error(x, _("the part cited is missing after the comma in "
                      "[@%s, ...]"),
                   id);
    else
        ok = true;
    if (ok && c && !x->check_only) {
        if (tok->has_locator) { /* "khoản 2 Điều 8 của ..." */
            bc_buf_append(out, s + tok->locator, tok->locator_len);
            bc_buf_puts(out, " của ");
        }
        if (!parts)
            parts = automatic_parts(x, c);
        ok = render_parts(x, c, parts, out);
        if (ok)
            record_use(x, c, parts);
    }
    free(id);
    return ok;
}

/* A citation in the text itself (not in a title): what it prints, its
 * titles' citations included, counts against the budget. */
static bool expand_outer(expansion *x, const char *s,
                         const bc_cite_token *tok, bc_buf *out)
{
    x->outer = x->where;
    x->outer_at = tok->start;
    x->outer_id = s + tok->id;
    x->outer_id_len = tok->id_len;
    x->outer_start = out->len;
    bc_buf_putc(out, BC_MARK_LITERAL_OPEN); /* never the data's markup */
    bool ok = within_budget(x, out) && expand_one(x, s, tok, out);
    bc_buf_putc(out, BC_MARK_LITERAL_CLOSE);
    ok = ok && within_budget(x, out); /* the closing mark counts too */
    if (ok)
        x->citer->printed += out->len - x->outer_start;
    return ok;
}

static bool expand(expansion *x, const char *s, size_t len, bc_buf *out)
{
    if (++x->depth > MAX_NESTING) {
        cite_error(x, _("citations nest too deep (a title that cites "
                      "itself?)"));
        return false;
    }
    size_t done = 0;
    bool ok = true;
    bc_cite_token tok;
    while (ok && bc_cite_next(s, len, done, &tok)) {
        bc_buf_append(out, s + done, tok.start - done);
        if (x->depth == 1)
            ok = expand_outer(x, s, &tok, out);
        else
            ok = expand_one(x, s, &tok, out) && within_budget(x, out);
        done = tok.end;
    }
    if (ok)
        bc_buf_append(out, s + done, len - done);
    x->depth--;
    return ok;
}

static bool expand_text(bc_citer *c, const bc_text *t, bool heading,
                        bc_buf *out, bc_diags *diags)
{
    expansion x = {c, t, 0, diags, 0, heading, false, t, 0, "", 0, 0};
    return t->s ? expand(&x, t->s, t->len, out) : true;
}

bool bc_cite_check(bc_citer *c, const bc_text *t, bc_diags *diags)
{
    expansion x = {c, t, 0, diags, 0, false, true, t, 0, "", 0, 0};
    bc_buf out = BC_BUF_INIT;
    bool ok = t->s ? expand(&x, t->s, t->len, &out) : true;
    bc_buf_fini(&out);
    return ok;
}

bool bc_cite_expand(bc_citer *c, const bc_text *t, bc_buf *out,
                    bc_diags *diags)
{
    return expand_text(c, t, false, out, diags);
}

bool bc_cite_expand_heading(bc_citer *c, const bc_text *t, bc_buf *out,
                            bc_diags *diags)
{
    return expand_text(c, t, true, out, diags);
}

bool bc_cite_charge(bc_citer *c, const bc_text *t, const char *what,
                    size_t len, bc_diags *diags)
{
    if (!c->spent && c->printed <= BC_CITE_MAX_EXPANDED &&
        len <= BC_CITE_MAX_EXPANDED - c->printed) {
        c->printed += len;
        return true;
    }
    if (!c->spent) {
        bc_pos pos = {c->report->file, t->line, t->col};
        bc_diag_error(diags, pos,
                      _("%s, past the limit of %u bytes that citations and "
                      "repeated text may print in a document"),
                      _(what), BC_CITE_MAX_EXPANDED);
        c->spent = true;
    }
    return false;
}

/* md_html.c - CommonMark to HTML through libcmark (see md_html.h). */
#include "bcreport/md_html.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/template.h"
#include "bcreport/chars.h"
#include "bcreport/utf8.h"

static void *mem_calloc(size_t count, size_t size)
{
    return bc_xcalloc(count, size);
}

static void *mem_realloc(void *p, size_t size)
{
    return bc_xreallocarray(p, size, 1);
}

static cmark_mem allocator = {mem_calloc, mem_realloc, free};

/* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29; no SMART: the
 * data's "--" and quotes stay as typed. */
static cmark_node *parse(const char *md, size_t len)
{
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
                                                     &allocator);
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}

static void render(cmark_node *doc, bc_buf *out)
{
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    bc_buf_puts(out, html);
    allocator.free(html);
}

void bc_markdown_to_html(const char *md, size_t len, bc_buf *out)
{
    cmark_node *doc = parse(md, len);
    render(doc, out);
    cmark_node_free(doc);
}

/* ---- a document in parts ---- */

/* A value's mark: U+E000, its number, U+E001.  Private-use characters are
 * plain text to cmark, in the middle of a word or at the start of a line,
 * and HTML-escaping leaves them alone. */
#define MARK_OPEN "\xEE\x80\x80"
#define MARK_CLOSE "\xEE\x80\x81"
#define MARK_BYTES 3

void bc_md_parts_init(bc_md_parts *p)
{
    memset(p, 0, sizeof *p);
    bc_buf_init(&p->skeleton);
    bc_buf_init(&p->values);
}

void bc_md_parts_fini(bc_md_parts *p)
{
    bc_buf_fini(&p->skeleton);
    bc_buf_fini(&p->values);
    free(p->marks);
    free(p->ends);
    bc_md_parts_init(p);
}

static const char *value_of(const bc_md_parts *p, size_t i, size_t *len)
{
    size_t start = i ? p->ends[i - 1] : 0;
    *len = p->ends[i] - start;
    return p->values.ptr + start;
}

/* The end of the mark that starts at offset at in the skeleton. */
static size_t mark_end(const bc_md_parts *p, size_t at)
{
    const char *close = strstr(p->skeleton.ptr + at + MARK_BYTES, MARK_CLOSE);
    return (size_t)(close - p->skeleton.ptr) + MARK_BYTES;
}

void bc_md_parts_markdown(const bc_md_parts *p, bc_buf *out)
{
    size_t done = 0;
    for (size_t i = 0; i < p->count; i++) {
        size_t len;
        const char *v = value_of(p, i, &len);
        bc_buf_append(out, p->skeleton.ptr + done, p->marks[i] - done);
        bc_buf_append(out, v, len);
        done = mark_end(p, p->marks[i]);
    }
    bc_buf_append(out, p->skeleton.ptr + done, p->skeleton.len - done);
}

/* ---- values that are plain text ---- */

/* Whether the character that ends just before s[i] is whitespace as cmark
 * sees it next to an emphasis marker: after one, a "*" does not close. */
static bool blank_before(const char *s, size_t i)
{
    size_t start;
    uint32_t c;
    return bc_utf8_decode_last(s, i, &start, &c) && bc_utf8_is_space(c);
}

/* The italics the view writes, "(*sau đây gọi tắt là X*)": an opener after
 * "(" and before a letter, a closer after a non-blank and before ")".
 * cmark pairs exactly these two, whatever surrounds the value. */
static bool emphasis_mark(const char *v, size_t n, size_t i, bool closing)
{
    if (i == 0 || i + 1 == n)
        return false;
    if (!closing)
        return v[i - 1] == '(' && isalnum((unsigned char)v[i + 1]);
    return v[i + 1] == ')' && !blank_before(v, i);
}

/* A line may start with the value: nothing there may open a block (what
 * the escaper escapes at a value's start). */
static bool starts_plainly(const char *v, size_t n)
{
    if (strchr("#>=~*_`<[", v[0]) || bc_is_space(v[0]))
        return false;
    if ((v[0] == '+' || v[0] == '-') &&
        !(n > 1 && isdigit((unsigned char)v[1])))
        return false;
    size_t j = 0;
    while (j < n && isdigit((unsigned char)v[j]))
        j++;
    return !(j > 0 && j < n && (v[j] == '.' || v[j] == ')') &&
             (j + 1 == n || bc_is_space(v[j + 1])));
}

/* Whether a value is plain text: what the escaper writes, and the view's
 * italics.  Nothing in it can reach outside it or change with its
 * neighbours: no link, code, HTML, entity or line break, no trailing
 * backslash, no "#" that could close a heading. */
static bool value_is_plain(const char *v, size_t n)
{
    if (n == 0 || !starts_plainly(v, n) || bc_is_space(v[n - 1]))
        return false;
    bool in_emphasis = false;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == '\\') {
            if (i + 1 == n)
                return false;
            i += ispunct((unsigned char)v[i + 1]) ? 1 : 0;
        } else if (c == '*') {
            if (!emphasis_mark(v, n, i, in_emphasis))
                return false;
            in_emphasis = !in_emphasis;
        } else if ((c && strchr("`_[]<&\n\r", c)) ||
                   (c == '#' && i > 0 && bc_is_space(v[i - 1]))) {
            return false;
        }
    }
    return !in_emphasis;
}

/* How cmark writes a character of text: & < > " as entities. */
static const char *entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    default:
        return NULL;
    }
}

static void put_text_char(char c, bc_buf *out)
{
    const char *e = entity(c);
    if (e)
        bc_buf_puts(out, e);
    else
        bc_buf_putc(out, c);
}

/* The HTML cmark writes for a plain value: escapes undone, entities, the
 * italics as <em>. */
static void put_value_html(const char *v, size_t n, bc_buf *out)
{
    bool in_emphasis = false;
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        bool escape = v[i] == '\\' && i + 1 < n &&
                      ispunct((unsigned char)v[i + 1]);
        if (!escape && v[i] != '*' && !entity(v[i]))
            continue;
        bc_buf_append(out, v + done, i - done);
        if (escape) {
            put_text_char(v[++i], out);
        } else if (v[i] == '*') {
            bc_buf_puts(out, in_emphasis ? "</em>" : "<em>");
            in_emphasis = !in_emphasis;
        } else {
            put_text_char(v[i], out);
        }
        done = i + 1;
    }
    bc_buf_append(out, v + done, n - done);
}

/* Whether s[at] is preceded by an odd run of backslashes (escaped). */
static bool escaped(const char *s, size_t at)
{
    size_t n = 0;
    while (n < at && s[at - 1 - n] == '\\')
        n++;
    return n % 2 == 1;
}

/* The length of the value's first unit of text: an escape ("\[") or one
 * character. */
static size_t first_unit(const char *v, size_t n)
{
    unsigned char c = (unsigned char)v[0];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (v[0] == '\\' && n > 1 && ispunct((unsigned char)v[1]))
        len = 2;
    return len < n ? len : n;
}

/* The length of the last unit of v[from..n): a character, with the
 * backslash that escapes it. */
static size_t last_unit(const char *v, size_t from, size_t n)
{
    size_t j = n - 1;
    while (j > from && ((unsigned char)v[j] & 0xC0) == 0x80)
        j--;
    if (n - j == 1 && j > from && ispunct((unsigned char)v[j]) &&
        escaped(v, j))
        j--;
    return n - j;
}

static bool is_mark_char(const char *unit, size_t len)
{
    return len == MARK_BYTES && (!memcmp(unit, MARK_OPEN, MARK_BYTES) ||
                                 !memcmp(unit, MARK_CLOSE, MARK_BYTES));
}

static bool all_digits(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)v[i]))
            return false;
    return true;
}

/* How much of a plain value stays in the skeleton around its mark: its
 * first and its last unit.  cmark then sees the characters the
 * template's text meets, as in the whole document: an "*" beside the
 * value opens or closes as it would.  All of a value that has nothing
 * left between (or only digits, which could number a list with the
 * template's ". " after them) stays there. */
static void split_edges(const char *v, size_t n, size_t *head, size_t *tail)
{
    *head = first_unit(v, n);
    if (is_mark_char(v, *head))
        *head = 0; /* the mark's own edge is the same kind of character */
    *tail = *head < n ? last_unit(v, *head, n) : 0;
    if (is_mark_char(v + n - *tail, *tail))
        *tail = 0;
    if (*head + *tail == n || all_digits(v, n)) {
        *head = n;
        *tail = 0;
    }
}

/* Whether the template's text just before a value changes how the value
 * reads.  After a backslash, the value's first character is escaped and
 * its own escapes shift ("\\" then "\*"); after a digit, a value that
 * starts with "." or ")" may finish a list number, and what follows the
 * number starts a block ("2" then ".   - x" is a list in a list).  The
 * built-in templates do neither. */
static bool meets_template(const bc_buf *skeleton, const char *v)
{
    if (!skeleton->len)
        return false;
    char last = skeleton->ptr[skeleton->len - 1];
    return escaped(skeleton->ptr, skeleton->len) ||
           (isdigit((unsigned char)last) && (v[0] == '.' || v[0] == ')'));
}

static void add_mark(bc_md_parts *p)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->marks = bc_xreallocarray(p->marks, p->cap, sizeof *p->marks);
        p->ends = bc_xreallocarray(p->ends, p->cap, sizeof *p->ends);
    }
    p->marks[p->count] = p->skeleton.len;
    p->ends[p->count] = p->values.len;
    bc_buf_printf(&p->skeleton, MARK_OPEN "%zu" MARK_CLOSE, p->count);
    p->count++;
}

void bc_md_parts_add(bc_md_parts *p, const char *s, size_t len, bool escape)
{
    size_t start = p->values.len;
    if (escape)
        bc_escape_markdown(s, len, &p->values);
    else
        bc_buf_append(&p->values, s, len);
    char *v = p->values.ptr + start;
    size_t n = p->values.len - start, head = 0, tail = 0;
    if (n == 0)
        return;
    if (value_is_plain(v, n) && !meets_template(&p->skeleton, v))
        split_edges(v, n, &head, &tail);
    else
        p->whole = true;
    bc_buf_append(&p->skeleton, v, head);
    if (head == n) {
        p->values.len = start;
        p->values.ptr[start] = '\0';
        return;
    }
    p->values.len = start + n - head - tail;
    add_mark(p);
    bc_buf_append(&p->skeleton, v + n - tail, tail);
    memmove(v, v + head, n - head - tail); /* the value keeps the rest */
    p->values.ptr[p->values.len] = '\0';
}

/* ---- the template's text around the marks ---- */

/* Whether the skeleton has any of chars unescaped.  It has no < & [ ] `
 * of its own in the built-in templates: with one, a value could end up in
 * a tag, an entity, a link label or code ("<a {{x}}>", "&#{{x}};",
 * "[{{x}}]", "`{{x}}" closed by an escaped "\`" in the value). */
static bool has_unescaped(const bc_buf *skeleton, const char *chars)
{
    for (size_t i = 0; i < skeleton->len; i++) {
        if (skeleton->ptr[i] == '\\')
            i++;
        else if (strchr(chars, skeleton->ptr[i]))
            return true;
    }
    return false;
}

static size_t count_marks(const char *s)
{
    size_t n = 0;
    for (const char *m = strstr(s, MARK_OPEN); m;
         m = strstr(m + MARK_BYTES, MARK_OPEN))
        n++;
    return n;
}

/* Whether the fast conversion gives cmark's HTML for the whole document;
 * the check of the marks' places in cmark's tree comes after. */
static bool parts_are_plain(const bc_md_parts *p)
{
    return !p->whole && !has_unescaped(&p->skeleton, "<&[]`") &&
           count_marks(p->skeleton.ptr) == p->count;
}

/* The marks that cmark left in text, outside links and images; when that
 * is all of them, each value is text in a paragraph, a heading, a list
 * item or an emphasis, as it would have been in the whole document. */
static size_t marks_in_text(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    size_t found = 0;
    int in_link = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
            in_link += ev == CMARK_EVENT_ENTER ? 1 : -1;
        else if (type == CMARK_NODE_TEXT && !in_link)
            found += count_marks(cmark_node_get_literal(node));
    }
    cmark_iter_free(it);
    return found;
}

/* Copies html to out with each mark replaced by its value's HTML; false
 * if the marks are not all there, in order. */
static bool put_values(const bc_md_parts *p, const char *html, bc_buf *out)
{
    size_t next = 0;
    const char *m;
    while ((m = strstr(html, MARK_OPEN)) != NULL) {
        char *end;
        size_t i = strtoul(m + MARK_BYTES, &end, 10);
        if (i != next || i >= p->count ||
            strncmp(end, MARK_CLOSE, MARK_BYTES) != 0)
            return false;
        size_t n;
        const char *v = value_of(p, i, &n);
        bc_buf_append(out, html, (size_t)(m - html));
        put_value_html(v, n, out);
        html = end + MARK_BYTES;
        next++;
    }
    bc_buf_puts(out, html);
    return next == p->count;
}

bool bc_md_parts_fast_html(const bc_md_parts *p, bc_buf *out)
{
    if (!parts_are_plain(p))
        return false;
    size_t start = out->len;
    cmark_node *doc = parse(p->skeleton.ptr,
                            p->skeleton.len);
    bool ok = marks_in_text(doc) == p->count;
    if (ok) {
        char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
        ok = put_values(p, html, out);
        allocator.free(html);
    }
    cmark_node_free(doc);
    if (!ok && out->ptr) {
        out->len = start;
        out->ptr[start] = '\0';
    }
    return ok;
}

static size_t count_markup(const bc_buf *md)
{
    size_t n = 0;
    for (size_t i = 0; i < md->len; i++)
        n += md->ptr[i] && strchr("\\`*_[]<&!\n", md->ptr[i]) != NULL;
    return n;
}

bool bc_md_parts_to_html(const bc_md_parts *p, bc_buf *out, bc_pos where,
                         bc_diags *diags)
{
    if (bc_md_parts_fast_html(p, out))
        return true;
    bc_buf md = BC_BUF_INIT;
    bc_md_parts_markdown(p, &md);
    size_t markup = count_markup(&md);
    bool ok = markup <= BC_MD_HTML_MAX_MARKUP;
    if (ok)
        bc_markdown_to_html(md.ptr, md.len, out);
    else
        bc_diag_error(diags, where,
                      "the HTML would need the whole body converted at once "
                      "(its template puts a value where it is not plain "
                      "text), and it has %zu characters of markup, more than "
                      "the limit of %d",
                      markup, BC_MD_HTML_MAX_MARKUP);
    bc_buf_fini(&md);
    return ok;
}

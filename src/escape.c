/* escape.c - writing text as plain text of a format (see escape.h). */
#include "bcreport/escape.h"

#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/utf8.h"

void bc_escape_html(const char *s, size_t len, bc_buf *out)
{
    bc_buf_reserve(out, len);
    size_t done = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        bc_buf_append(out, s + done, i - done);
        bc_buf_puts(out, rep);
        done = i + 1;
    }
    bc_buf_append(out, s + done, len - done);
}

/* The state of one escaping: rich keeps * and _ as emphasis outside
 * literal regions (text that bcreport inserted: a citation). */
typedef struct escaping {
    bool rich;
    bool literal;
} escaping;

/* Whether every character of s is c or a blank: "***", "_ _ _" would be a
 * thematic break on a line of their own. */
static bool only(const char *s, size_t len, char c)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != c && !bc_is_space(s[i]))
            return false;
    return true;
}

/* Writes the block-level escape needed when s[i..] may open a line, and
 * returns how many bytes it wrote from s (the caller goes on from there). */
static size_t escape_line_start(const char *s, size_t len, size_t i,
                                const escaping *e, bc_buf *out)
{
    size_t start = i; /* the caller has written any leading blanks */
    if (i == len)
        return 0;
    char c = s[i];
    bool escape = false;
    switch (c) {
    case '#': /* heading */
    case '>': /* block quote */
    case '=': /* setext underline */
    case '~': /* code fence */
        escape = true;
        break;
    case '-': /* list item, thematic break, setext underline */
    case '+':
        escape = !(i + 1 < len && bc_is_digit(s[i + 1])); /* not -5, +84 */
        break;
    case '*': /* kept as emphasis in rich text, but not as "* item" */
    case '_':
        escape = e->rich && ((c == '*' && i + 1 < len &&
                              bc_is_space(s[i + 1])) ||
                             only(s + i, len - i, c));
        break;
    default:
        break;
    }
    if (escape) {
        bc_buf_append(out, s + start, i - start);
        bc_buf_putc(out, '\\');
        bc_buf_putc(out, c);
        return i + 1 - start;
    }
    /* An ordered list item: digits, then "." or ")" and whitespace (a line
     * break becomes a space) or the end of the value. */
    size_t j = i;
    while (j < len && bc_is_digit(s[j]))
        j++;
    if (j > i && j < len && (s[j] == '.' || s[j] == ')') &&
        (j + 1 == len || bc_is_space(s[j + 1]))) {
        bc_buf_append(out, s + start, j - start);
        bc_buf_putc(out, '\\');
        bc_buf_putc(out, s[j]);
        return j + 1 - start;
    }
    return 0;
}

/* Inline markup: emphasis, code, links, raw HTML, entities, escapes, the
 * cells of a table. */
static bool inline_special(const char *s, size_t i, const escaping *e)
{
    switch (s[i]) {
    case '*':
    case '_':
        return !e->rich || e->literal;
    case '\\':
    case '`':
    case '[':
    case ']':
    case '<':
    case '&':
    case '|':
        return true;
    case '#': /* "# Title #" loses a closing sequence */
        return i > 0 && bc_is_space(s[i - 1]);
    default:
        return false;
    }
}

static bool is_mark(char c)
{
    return c >= BC_MARK_EMPH_OPEN && c <= BC_MARK_LITERAL_CLOSE;
}

/* The bytes escape_markdown must look at: a line break, a mark, or what
 * inline_special may escape.  Every other byte (nearly all of a text) is
 * copied as it is, found by one look-up. */
static const bool md_looked_at[256] = {
    ['\n'] = true, ['\r'] = true,
    [BC_MARK_EMPH_OPEN] = true, [BC_MARK_EMPH_CLOSE] = true,
    [BC_MARK_LITERAL_OPEN] = true, [BC_MARK_LITERAL_CLOSE] = true,
    ['*'] = true, ['_'] = true, ['\\'] = true, ['`'] = true, ['['] = true,
    [']'] = true, ['<'] = true, ['&'] = true, ['|'] = true, ['#'] = true,
};

/* Appends the byte s[i], a mark or a character of markup, escaped or
 * turned into Markdown. */
static void put_special(const char *s, size_t i, escaping *e, bc_buf *out)
{
    switch (s[i]) {
    case BC_MARK_EMPH_OPEN:
    case BC_MARK_EMPH_CLOSE:
        bc_buf_putc(out, '*');
        break;
    case BC_MARK_LITERAL_OPEN:
    case BC_MARK_LITERAL_CLOSE:
        e->literal = s[i] == BC_MARK_LITERAL_OPEN;
        break;
    default:
        bc_buf_putc(out, '\\');
        bc_buf_putc(out, s[i]);
        break;
    }
}

static void escape_markdown(const char *s, size_t len, bool rich,
                            bc_buf *out)
{
    if (len == 0)
        return;
    bc_buf_reserve(out, len + len / 8);
    escaping e = {rich, false};
    /* Blanks at the edges are dropped (utf8.h: no-break spaces too): next
     * to the template's own text, leading blanks could start a heading
     * ("#" then " Title"), a list or an indented code block, two trailing
     * blanks make a hard line break, and a no-break space inside "**...**"
     * undoes the bold. */
    bc_utf8_trim(&s, &len);
    size_t end = len;
    size_t i = escape_line_start(s, end, 0, &e, out);
    size_t done = i;
    while (i < end) {
        if (!md_looked_at[(unsigned char)s[i]]) {
            i++;
            continue;
        }
        if (s[i] == '\n' || s[i] == '\r') {
            /* A line break, with the blanks around it, becomes a space. */
            size_t a = i, b = i;
            while (a > done && bc_is_blank(s[a - 1]))
                a--;
            while (b < end && bc_is_space(s[b]))
                b++;
            bc_buf_append(out, s + done, a - done);
            bc_buf_putc(out, ' ');
            i = done = b;
            continue;
        }
        if (is_mark(s[i]) || inline_special(s, i, &e)) {
            bc_buf_append(out, s + done, i - done);
            put_special(s, i, &e, out);
            done = i + 1;
        }
        i++;
    }
    bc_buf_append(out, s + done, end - done);
}

void bc_escape_markdown(const char *s, size_t len, bc_buf *out)
{
    escape_markdown(s, len, false, out);
}

void bc_escape_markdown_marked(const char *s, size_t len, bool rich,
                               bc_buf *out)
{
    escape_markdown(s, len, rich, out);
}

void bc_escape_none(const char *s, size_t len, bc_buf *out)
{
    bc_buf_append(out, s, len);
}

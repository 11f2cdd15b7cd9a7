/* locate.c - positions of pieces of text values (see locate.h). */
#include "bcreport/locate.h"

#include <stdbool.h>
#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/utf8.h"

/* How the value is written, which says how its source spells it. */
typedef enum style { PLAIN, SINGLE, DOUBLE, BLOCK } style;

/* Where the last walk stopped: byte i of text s stands at byte j. */
typedef struct walk {
    const char *s;
    size_t len;
    int line, col;
    style style;
    size_t i, j;
    bool lost; /* the source did not spell the text: stop trying */
} walk;

struct bc_locator {
    const char *file;
    const char *src;
    size_t len;
    bc_arena *arena;
    size_t *line_starts; /* built on first use */
    size_t lines;
    walk w;
    /* The last column counted, to count on from it on the same line. */
    size_t col_line, col_byte;
    int col;
};

bc_locator *bc_locator_new(bc_arena *arena, const char *file,
                           const char *source, size_t len)
{
    bc_locator *loc = bc_arena_calloc(arena, 1, sizeof *loc);
    loc->file = file;
    loc->src = source;
    loc->len = len;
    loc->arena = arena;
    return loc;
}

void bc_locator_set_source(bc_locator *loc, const char *source)
{
    loc->src = source;
}

/* ---- lines and columns ---- */

/* A line ends at "\n", "\r\n" or a lone "\r" (as utf8.h counts). */
static size_t line_end(const char *s, size_t len, size_t i)
{
    if (s[i] == '\n')
        return i + 1;
    if (s[i] == '\r')
        return i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
    return 0;
}

static void index_lines(bc_locator *loc)
{
    size_t n = 1;
    for (size_t i = 0; i < loc->len; i++) {
        size_t e = line_end(loc->src, loc->len, i);
        if (e) {
            n++;
            i = e - 1;
        }
    }
    loc->line_starts = bc_arena_calloc(loc->arena, n, sizeof(size_t));
    loc->lines = 1;
    for (size_t i = 0; i < loc->len; i++) {
        size_t e = line_end(loc->src, loc->len, i);
        if (e) {
            loc->line_starts[loc->lines++] = e;
            i = e - 1;
        }
    }
}

static bool is_lead(char c)
{
    return ((unsigned char)c & 0xC0) != 0x80;
}

/* The byte of 1-based line and column; len when past the end. */
static size_t byte_of(bc_locator *loc, int line, int col)
{
    if (!loc->line_starts)
        index_lines(loc);
    if (line < 1 || (size_t)line > loc->lines)
        return loc->len;
    size_t i = loc->line_starts[line - 1];
    for (int c = 1; c < col && i < loc->len; c++) {
        i++;
        while (i < loc->len && !is_lead(loc->src[i]))
            i++;
    }
    return i;
}

/* The line and column of byte j; columns count characters. */
static bc_pos pos_of(bc_locator *loc, size_t j)
{
    size_t lo = 0, hi = loc->lines; /* the last line starting at or before j */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (loc->line_starts[mid] <= j)
            lo = mid;
        else
            hi = mid;
    }
    size_t from = loc->line_starts[lo];
    int col = 1;
    if (loc->col_line == lo + 1 && loc->col_byte <= j) {
        from = loc->col_byte; /* count on from the last column */
        col = loc->col;
    }
    for (size_t k = from; k < j; k++)
        col += is_lead(loc->src[k]);
    loc->col_line = lo + 1;
    loc->col_byte = j;
    loc->col = col;
    bc_pos pos = {loc->file, (int)lo + 1, col};
    return pos;
}

/* ---- walking a text and its source side by side ---- */

static size_t utf8_len(const char *s, size_t len, size_t i)
{
    size_t n = 1;
    while (i + n < len && !is_lead(s[i + n]))
        n++;
    return n;
}

/* The length of the escape at src[j] ("\\n", "\\x41", "\\u00E0"). */
static size_t escape_len(const char *src, size_t len, size_t j)
{
    char e = j + 1 < len ? src[j + 1] : 0;
    size_t n = e == 'x' ? 4 : e == 'u' ? 6 : e == 'U' ? 10 : 2;
    return j + n <= len ? n : len - j;
}

static void start_walk(bc_locator *loc, const char *s, size_t len, int line,
                       int col)
{
    walk *w = &loc->w;
    memset(w, 0, sizeof *w);
    w->s = s;
    w->len = len;
    w->line = line;
    w->col = col;
    size_t j = byte_of(loc, line, col);
    char c = j < loc->len ? loc->src[j] : 0;
    w->style = c == '"' ? DOUBLE : c == '\'' ? SINGLE
               : c == '|' || c == '>' ? BLOCK : PLAIN;
    if (w->style == DOUBLE || w->style == SINGLE)
        j++;
    while (w->style == BLOCK && j < loc->len && loc->src[j] != '\n')
        j++; /* the header line: "|-", ">+2", a comment */
    w->j = j;
}

/* Skips a line continued in double quotes (a backslash ending the line,
 * the next line's indentation): nothing in the text.  True when it did. */
static bool skip_continuation(bc_locator *loc, walk *w)
{
    const char *src = loc->src;
    size_t n = loc->len;
    if (w->style != DOUBLE || w->j + 1 >= n || src[w->j] != '\\' ||
        (src[w->j + 1] != '\n' && src[w->j + 1] != '\r'))
        return false;
    w->j++;
    while (w->j < n && bc_is_space(src[w->j]))
        w->j++;
    return true;
}

/* One step of the walk; false when the source does not spell the text. */
static bool step(bc_locator *loc, walk *w)
{
    const char *src = loc->src;
    size_t n = loc->len;
    if (w->j >= n)
        return false;
    char c = w->s[w->i], d = src[w->j];
    if (skip_continuation(loc, w))
        return true;
    if (w->style == DOUBLE && d == '\\') {
        w->i += utf8_len(w->s, w->len, w->i);
        w->j += escape_len(src, n, w->j);
    } else if (w->style == SINGLE && d == '\'' && w->j + 1 < n &&
               src[w->j + 1] == '\'') {
        w->i++;
        w->j += 2;
    } else if (d == c) {
        w->i++;
        w->j++;
    } else if (c == ' ' && bc_is_space(d)) { /* a folded line break */
        w->i++;
        while (w->j < n && bc_is_space(src[w->j]))
            w->j++;
    } else if (bc_is_space(d)) { /* indentation, an extra line break */
        w->j++;
    } else if (bc_utf8_blank_at(src + w->j, n - w->j)) {
        w->j += bc_utf8_blank_at(src + w->j, n - w->j); /* dropped at an edge */
    } else {
        return false;
    }
    return true;
}

bc_pos bc_locator_find(bc_locator *loc, const char *s, size_t len, int line,
                       int col, size_t offset)
{
    bc_pos here = {loc->file, line, col};
    if (!loc->src || offset > len)
        return here;
    walk *w = &loc->w;
    if (w->s != s || w->len != len || w->line != line || w->col != col ||
        offset < w->i)
        start_walk(loc, s, len, line, col);
    while (!w->lost && w->i < offset)
        w->lost = !step(loc, w);
    if (w->lost)
        return here;
    /* The piece starts at the next character the text and source share:
     * after a line continued just before it, on the next line. */
    while (offset < len && skip_continuation(loc, w))
        ;
    size_t j = w->j;
    while (offset < len && j < loc->len && loc->src[j] != s[offset] &&
           bc_is_space(loc->src[j]))
        j++;
    return pos_of(loc, j);
}

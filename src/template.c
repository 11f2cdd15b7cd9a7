/*
 * template.c - compiling Mustache templates into trees (see template.h).
 *
 * One pass over the source: find the next opening delimiter, read the tag,
 * and either add a leaf to the innermost open container or open/close a
 * container (section, inverted section, parent, block).  Whitespace rules
 * (standalone lines, block re-indentation) are settled here, so rendering
 * only copies text.
 */
#include "template_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/i18n.h"
#include "bcreport/chars.h"

#define NPOS SIZE_MAX

/* An open section, inverted section, parent or block (or the template). */
typedef struct container {
    tpl_node *node;         /* NULL for the template itself */
    tpl_node **tail;        /* where the next child goes */
    const char *close_name; /* what its closing tag must say */
    size_t content_start;   /* SECTION, INVERTED: first byte of content */
    size_t dedent;          /* whitespace removed at each line start */
    bool lead;              /* PARENT: the tag opened its line... */
    size_t lead_start;      /* ...after this whitespace */
    size_t lead_end;
    size_t tag_indent_start; /* standalone BLOCK: the tag's indentation */
    size_t tag_indent_end;
    size_t intrinsic_start;  /* standalone BLOCK: its content's indentation */
    size_t intrinsic_len;
} container;

typedef struct parser {
    bc_template *t;
    const char *src;
    size_t len;
    bc_diags *diags;
    const char *open; /* current delimiters */
    const char *close;
    size_t open_len;
    size_t close_len;
    container stack[BC_TEMPLATE_MAX_NESTING + 1];
    int depth;         /* index of the innermost container */
    size_t text_start; /* first byte of text not yet turned into a node */
    size_t pos_off;    /* position cursor: pos_off is at pos_line:pos_col */
    int pos_line;
    int pos_col;
} parser;

/* A tag as found in the source. */
typedef struct tag {
    size_t start;  /* the opening delimiter */
    size_t end;    /* just past the closing delimiter */
    char sigil;    /* '#', '^', '/', '>', '<', '$', '&', '{', '!', '=' or 0 */
    size_t cstart; /* content, after the sigil, not trimmed */
    size_t cend;
} tag;

/* The first offset in [from, to) where pat starts, or NPOS. */
static size_t find(const char *s, size_t from, size_t to, const char *pat,
                   size_t n)
{
    if (to < from || to - from < n)
        return NPOS;
    size_t last = to - n;
    size_t i = from;
    while (i <= last) {
        const char *hit = memchr(s + i, pat[0], last - i + 1);
        if (!hit)
            return NPOS;
        i = (size_t)(hit - s);
        if (memcmp(s + i, pat, n) == 0)
            return i;
        i++;
    }
    return NPOS;
}

/* Line and column of off.  Offsets are asked for in increasing order, so
 * the cursor moves forward and the whole pass stays linear. */
static void position(parser *p, size_t off, int *line, int *col)
{
    if (off < p->pos_off) {
        p->pos_off = 0;
        p->pos_line = 1;
        p->pos_col = 1;
    }
    const unsigned char *s = (const unsigned char *)p->src;
    int l = p->pos_line, c = p->pos_col;
    for (size_t i = p->pos_off; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= p->len ||
                                              s[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (s[i] != '\r' && (s[i] & 0xC0) != 0x80) {
            c++; /* count a character at its first byte */
        }
    }
    p->pos_off = off;
    p->pos_line = l;
    p->pos_col = c;
    *line = l;
    *col = c;
}

static bc_pos pos_at(parser *p, size_t off)
{
    bc_pos pos = {p->t->name, 0, 0};
    position(p, off, &pos.line, &pos.col);
    return pos;
}

static bc_pos node_pos(const parser *p, const tpl_node *n)
{
    bc_pos pos = {p->t->name, n->line, n->col};
    return pos;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && bc_is_space(s[*a]))
        (*a)++;
    while (*b > *a && bc_is_space(s[*b - 1]))
        (*b)--;
}

static container *top(parser *p)
{
    return &p->stack[p->depth];
}

/* ---- whitespace ------------------------------------------------------- */

/* Where the tag's line starts, when only spaces and tabs precede the tag
 * on it; NPOS otherwise. */
static size_t clear_left(const parser *p, size_t start)
{
    size_t i = start;
    while (i > 0 && bc_is_blank(p->src[i - 1]))
        i--;
    return i == 0 || p->src[i - 1] == '\n' ? i : NPOS;
}

/* Just past the line end, when only spaces and tabs follow the tag up to
 * "\n", "\r\n" or the end of the template; NPOS otherwise. */
static size_t clear_right(const parser *p, size_t end)
{
    size_t i = end;
    while (i < p->len && bc_is_blank(p->src[i]))
        i++;
    if (i == p->len)
        return i;
    if (p->src[i] == '\n')
        return i + 1;
    if (p->src[i] == '\r' && i + 1 < p->len && p->src[i + 1] == '\n')
        return i + 2;
    return NPOS;
}

/* The indentation of the first line from off that is not blank (used for a
 * block whose content starts on a line of its own). */
static void first_indent(const parser *p, size_t off, size_t *start,
                         size_t *len)
{
    for (;;) {
        size_t i = off;
        while (i < p->len && bc_is_blank(p->src[i]))
            i++;
        size_t next = clear_right(p, i);
        if (next == NPOS || i == p->len) {
            *start = off;
            *len = i - off;
            return;
        }
        off = next; /* a blank line: look at the next one */
    }
}

/* Whitespace [a, b) at a line start, less what the enclosing blocks'
 * re-indentation removes. */
static void relative_indent(const parser *p, size_t a, size_t b,
                            const char **indent, size_t *len)
{
    size_t skip = p->stack[p->depth].dedent;
    if (skip > b - a)
        skip = b - a;
    *indent = p->src + a + skip;
    *len = b - a - skip;
}

/* ---- nodes ------------------------------------------------------------ */

static tpl_node *add_node(parser *p, tpl_kind kind, size_t at)
{
    tpl_node *n = bc_arena_calloc(p->t->arena, 1, sizeof *n);
    n->kind = kind;
    if (kind != TPL_TEXT)
        position(p, at, &n->line, &n->col);
    container *c = top(p);
    *c->tail = n;
    c->tail = &n->next;
    return n;
}

static void add_text(parser *p, size_t a, size_t b)
{
    if (a >= b)
        return;
    tpl_node *n = add_node(p, TPL_TEXT, a);
    n->text = p->src + a;
    n->len = b - a;
}

/* Turns [a, b) into text nodes of the innermost container.  Text directly
 * inside a parent tag is ignored, as the spec says; inside a re-indented
 * block, each line loses up to dedent leading blanks. */
static void emit_text(parser *p, size_t a, size_t b)
{
    container *c = top(p);
    if (a >= b || (c->node && c->node->kind == TPL_PARENT))
        return;
    if (c->dedent == 0) {
        add_text(p, a, b);
        return;
    }
    while (a < b) {
        if (a == 0 || p->src[a - 1] == '\n') {
            for (size_t k = 0; k < c->dedent && a < b && bc_is_blank(p->src[a]);
                 k++)
                a++;
        }
        const char *nl = memchr(p->src + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - p->src) + 1 : b;
        add_text(p, a, e);
        a = e;
    }
}

/* The spec's standalone rule: a tag alone on its line (but for blanks)
 * takes the line's indentation and line end with it.  Returns whether it
 * did, with the line start in *line_start. */
static bool standalone(parser *p, const tag *t, size_t *line_start)
{
    size_t ls = clear_left(p, t->start);
    size_t after = ls == NPOS ? NPOS : clear_right(p, t->end);
    if (after != NPOS) {
        emit_text(p, p->text_start, ls);
        p->text_start = after;
        *line_start = ls;
        return true;
    }
    emit_text(p, p->text_start, t->start);
    p->text_start = t->end;
    *line_start = t->start;
    return false;
}

/* ---- names ------------------------------------------------------------ */

/* A name as used in variables and sections: "." or dot-separated parts,
 * none empty, no whitespace. */
static bool parse_dotted(parser *p, const char *s, size_t n, tpl_name *out)
{
    bc_arena *a = p->t->arena;
    out->text = bc_arena_strndup(a, s, n);
    out->len = n;
    if (n == 1 && s[0] == '.') {
        out->count = 0;
        return true;
    }
    size_t count = 1;
    for (size_t i = 0; i < n; i++) {
        if (bc_is_space(s[i]))
            return false;
        if (s[i] == '.')
            count++;
    }
    out->parts = bc_arena_calloc(a, count, sizeof *out->parts);
    out->lens = bc_arena_calloc(a, count, sizeof *out->lens);
    out->count = count;
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.')
            continue;
        if (i == start)
            return false; /* "a..b", ".a" or "a." */
        out->parts[k] = bc_arena_strndup(a, s + start, i - start);
        out->lens[k++] = i - start;
        start = i + 1;
    }
    return true;
}

static bool has_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (bc_is_space(s[i]))
            return true;
    return false;
}

/* The trimmed content of a tag; an error when it is empty. */
static bool tag_content(parser *p, const tag *t, size_t *a, size_t *b)
{
    *a = t->cstart;
    *b = t->cend;
    trim(p->src, a, b);
    if (*a == *b) {
        bc_diag_error(p->diags, pos_at(p, t->start), _("empty tag"));
        return false;
    }
    return true;
}

static bool bad_name(parser *p, const tag *t, size_t a, size_t b)
{
    bc_diag_error(p->diags, pos_at(p, t->start), _("invalid name \"%.*s\""),
                  (int)(b - a), p->src + a);
    return false;
}

/* The name of a partial or parent tag: a plain name, or "*" and a dotted
 * name for a dynamic one.  *canon is what the closing tag must say. */
static bool target_name(parser *p, const tag *t, tpl_node *n,
                        const char **canon)
{
    size_t a, b;
    if (!tag_content(p, t, &a, &b))
        return false;
    if (p->src[a] == '*') {
        size_t c = a + 1;
        trim(p->src, &c, &b);
        if (c == b || !parse_dotted(p, p->src + c, b - c, &n->name))
            return bad_name(p, t, a, b);
        n->dynamic = true;
        char *s = bc_arena_alloc(p->t->arena, b - c + 2);
        s[0] = '*';
        memcpy(s + 1, p->src + c, b - c);
        s[b - c + 1] = '\0';
        *canon = s;
        return true;
    }
    if (has_space(p->src + a, b - a))
        return bad_name(p, t, a, b);
    n->text = bc_arena_strndup(p->t->arena, p->src + a, b - a);
    n->len = b - a;
    *canon = n->text;
    return true;
}

/* ---- tags ------------------------------------------------------------- */

/* Reads the tag whose opening delimiter is at s. */
static bool scan_tag(parser *p, size_t s, tag *t)
{
    size_t c = s + p->open_len;
    char sigil = c < p->len ? p->src[c] : 0;
    if (sigil != 0 && strchr("{=!#^/><$&", sigil))
        c++;
    else
        sigil = 0;
    /* {{{x}}} ends at "}" + close, {{=a b=}} at "=" + close. */
    char end[BC_TEMPLATE_MAX_DELIM + 2];
    size_t end_len = 0;
    if (sigil == '{' || sigil == '=')
        end[end_len++] = sigil == '{' ? '}' : '=';
    memcpy(end + end_len, p->close, p->close_len);
    end_len += p->close_len;
    end[end_len] = '\0';
    size_t limit = p->len;
    if (sigil != '!' && p->len - c > BC_TEMPLATE_MAX_TAG + end_len)
        limit = c + BC_TEMPLATE_MAX_TAG + end_len;
    size_t e = find(p->src, c, limit, end, end_len);
    if (e == NPOS) {
        if (limit < p->len)
            bc_diag_error(p->diags, pos_at(p, s),
                          _("tag longer than %d bytes (or missing \"%s\")"),
                          BC_TEMPLATE_MAX_TAG, end);
        else
            bc_diag_error(p->diags, pos_at(p, s),
                          _("unclosed tag: missing \"%s\""), end);
        return false;
    }
    t->start = s;
    t->end = e + end_len;
    t->sigil = sigil;
    t->cstart = c;
    t->cend = e;
    return true;
}

static bool on_var(parser *p, const tag *t)
{
    size_t a, b;
    if (!tag_content(p, t, &a, &b))
        return false;
    emit_text(p, p->text_start, t->start);
    p->text_start = t->end;
    tpl_node *n = add_node(p, TPL_VAR, t->start);
    n->escape = t->sigil == 0;
    if (!parse_dotted(p, p->src + a, b - a, &n->name))
        return bad_name(p, t, a, b);
    return true;
}

static bool on_comment(parser *p, const tag *t)
{
    size_t ls;
    standalone(p, t, &ls);
    return true;
}

/* {{=<% %>=}}: two delimiters separated by whitespace. */
static bool on_delims(parser *p, const tag *t)
{
    size_t a = t->cstart, b = t->cend;
    trim(p->src, &a, &b);
    size_t m = a;
    while (m < b && !bc_is_space(p->src[m]))
        m++;
    size_t c = m;
    while (c < b && bc_is_space(p->src[c]))
        c++;
    if (m == a || c == b || has_space(p->src + c, b - c)) {
        bc_diag_error(p->diags, pos_at(p, t->start),
                      _("invalid set-delimiter tag: expected two delimiters "
                      "separated by whitespace"));
        return false;
    }
    if (m - a > BC_TEMPLATE_MAX_DELIM || b - c > BC_TEMPLATE_MAX_DELIM) {
        bc_diag_error(p->diags, pos_at(p, t->start),
                      _("invalid set-delimiter tag: a delimiter is longer "
                      "than %d bytes"),
                      BC_TEMPLATE_MAX_DELIM);
        return false;
    }
    size_t ls;
    standalone(p, t, &ls);
    p->open = bc_arena_strndup(p->t->arena, p->src + a, m - a);
    p->open_len = m - a;
    p->close = bc_arena_strndup(p->t->arena, p->src + c, b - c);
    p->close_len = b - c;
    return true;
}

/* Opens a container for n; the caller checked the nesting limit. */
static container *push(parser *p, tpl_node *n, const char *close_name)
{
    size_t dedent = top(p)->dedent;
    container *c = &p->stack[++p->depth];
    memset(c, 0, sizeof *c);
    c->node = n;
    c->tail = &n->children;
    c->close_name = close_name;
    c->dedent = dedent;
    return c;
}

static bool check_nesting(parser *p, const tag *t)
{
    if (p->depth < BC_TEMPLATE_MAX_NESTING)
        return true;
    bc_diag_error(p->diags, pos_at(p, t->start),
                  _("sections nested deeper than %d"), BC_TEMPLATE_MAX_NESTING);
    return false;
}

static bool on_section(parser *p, const tag *t)
{
    size_t a, b;
    if (!tag_content(p, t, &a, &b) || !check_nesting(p, t))
        return false;
    size_t ls;
    standalone(p, t, &ls);
    tpl_node *n = add_node(p, t->sigil == '#' ? TPL_SECTION : TPL_INVERTED,
                           t->start);
    if (!parse_dotted(p, p->src + a, b - a, &n->name))
        return bad_name(p, t, a, b);
    n->open_delim = p->open;
    n->close_delim = p->close;
    container *c = push(p, n, n->name.text);
    c->content_start = p->text_start;
    return true;
}

static bool on_partial(parser *p, const tag *t)
{
    size_t ls;
    tpl_node probe = {0};
    const char *canon;
    if (!target_name(p, t, &probe, &canon))
        return false;
    bool sa = standalone(p, t, &ls);
    tpl_node *n = add_node(p, TPL_PARTIAL, t->start);
    n->text = probe.text;
    n->len = probe.len;
    n->name = probe.name;
    n->dynamic = probe.dynamic;
    if (sa) {
        n->indent_mode = TPL_INDENT_STANDALONE;
        relative_indent(p, ls, t->start, &n->indent, &n->indent_len);
    }
    return true;
}

/* {{<parent}}: when it opens its line, the indentation is held back until
 * the closing tag tells whether the pair stands alone. */
static bool on_parent(parser *p, const tag *t)
{
    tpl_node probe = {0};
    const char *canon;
    if (!target_name(p, t, &probe, &canon) || !check_nesting(p, t))
        return false;
    size_t ls = clear_left(p, t->start);
    emit_text(p, p->text_start, ls != NPOS ? ls : t->start);
    p->text_start = t->end;
    tpl_node *n = add_node(p, TPL_PARENT, t->start);
    n->text = probe.text;
    n->len = probe.len;
    n->name = probe.name;
    n->dynamic = probe.dynamic;
    container *c = push(p, n, canon);
    if (ls != NPOS) {
        c->lead = true;
        c->lead_start = ls;
        c->lead_end = t->start;
    }
    return true;
}

static bool on_block(parser *p, const tag *t)
{
    size_t a, b;
    if (!tag_content(p, t, &a, &b) || !check_nesting(p, t))
        return false;
    if (has_space(p->src + a, b - a))
        return bad_name(p, t, a, b);
    container *outer = top(p);
    bool in_parent = outer->node && outer->node->kind == TPL_PARENT;
    size_t ls = clear_left(p, t->start);
    size_t after = clear_right(p, t->end);
    tpl_indent mode = TPL_INDENT_NONE;
    if (in_parent && after != NPOS) {
        emit_text(p, p->text_start, t->start); /* ignored: parent body */
        p->text_start = after;
    } else if (!in_parent && ls != NPOS && after != NPOS) {
        emit_text(p, p->text_start, ls);
        p->text_start = after;
        mode = TPL_INDENT_STANDALONE;
    } else {
        emit_text(p, p->text_start, t->start);
        p->text_start = t->end;
        if (!in_parent && ls != NPOS)
            mode = TPL_INDENT_PAIR;
    }
    tpl_node *n = add_node(p, TPL_BLOCK, t->start);
    n->text = bc_arena_strndup(p->t->arena, p->src + a, b - a);
    n->len = b - a;
    n->indent_mode = mode;
    if (mode == TPL_INDENT_PAIR)
        relative_indent(p, ls, t->start, &n->indent, &n->indent_len);
    container *c = push(p, n, n->text);
    if (after != NPOS && (in_parent || mode == TPL_INDENT_STANDALONE)) {
        /* The content starts on a line of its own: its own indentation
         * is removed here and the site's added where it is expanded. */
        first_indent(p, p->text_start, &c->intrinsic_start,
                     &c->intrinsic_len);
        c->dedent = c->intrinsic_len;
        if (mode == TPL_INDENT_STANDALONE) {
            c->tag_indent_start = ls;
            c->tag_indent_end = t->start;
        }
    }
    return true;
}

/* The indentation a standalone block gives what it expands: that of its
 * default content, or of its tag when it has none. */
static void finish_block(parser *p, container *c)
{
    tpl_node *n = c->node;
    if (n->indent_mode != TPL_INDENT_STANDALONE)
        return;
    p->depth--; /* measure against the enclosing container's dedent */
    if (n->children)
        relative_indent(p, c->intrinsic_start,
                        c->intrinsic_start + c->intrinsic_len, &n->indent,
                        &n->indent_len);
    else
        relative_indent(p, c->tag_indent_start, c->tag_indent_end,
                        &n->indent, &n->indent_len);
    p->depth++;
}

static const char *kind_word(tpl_kind k)
{
    switch (k) {
    case TPL_SECTION:
    case TPL_INVERTED:
        return "section";
    case TPL_PARENT:
        return "parent";
    case TPL_BLOCK:
        return "block";
    default:
        return "tag";
    }
}

static bool on_close(parser *p, const tag *t)
{
    size_t a, b;
    if (!tag_content(p, t, &a, &b))
        return false;
    /* "{{/ * x}}" closes "{{<* x}}": compare canonical forms. */
    bc_buf name = BC_BUF_INIT;
    if (p->src[a] == '*') {
        size_t c = a + 1;
        trim(p->src, &c, &b);
        bc_buf_putc(&name, '*');
        bc_buf_append(&name, p->src + c, b - c);
    } else {
        bc_buf_append(&name, p->src + a, b - a);
    }
    container *c = top(p);
    if (p->depth == 0) {
        bc_diag_error(p->diags, pos_at(p, t->start),
                      _("closing tag \"%s\" has no open section"), name.ptr);
        bc_buf_fini(&name);
        return false;
    }
    if (strcmp(name.ptr, c->close_name) != 0) {
        bc_diag_error(p->diags, pos_at(p, t->start),
                      _("closing tag \"%s\" does not match %s \"%s\" opened "
                      "at %d:%d"),
                      name.ptr, kind_word(c->node->kind), c->close_name,
                      c->node->line, c->node->col);
        bc_buf_fini(&name);
        return false;
    }
    bc_buf_fini(&name);
    tpl_node *n = c->node;
    size_t ls;
    switch (n->kind) {
    case TPL_SECTION:
    case TPL_INVERTED: {
        bool sa = standalone(p, t, &ls);
        size_t end = sa ? ls : t->start;
        n->raw = p->src + c->content_start;
        n->raw_len = end > c->content_start ? end - c->content_start : 0;
        break;
    }
    case TPL_BLOCK:
        if (p->stack[p->depth - 1].node &&
            p->stack[p->depth - 1].node->kind == TPL_PARENT) {
            /* Closing an argument: blanks before it are not content, and
             * what follows is the parent's body, ignored. */
            ls = clear_left(p, t->start);
            emit_text(p, p->text_start, ls != NPOS ? ls : t->start);
            p->text_start = t->end;
        } else {
            standalone(p, t, &ls);
        }
        finish_block(p, c);
        break;
    case TPL_PARENT: {
        size_t after = clear_right(p, t->end);
        if (c->lead && after != NPOS) {
            n->indent_mode = TPL_INDENT_STANDALONE;
            p->text_start = after;
        } else {
            p->text_start = t->end;
        }
        if (c->lead) {
            p->depth--;
            relative_indent(p, c->lead_start, c->lead_end, &n->indent,
                            &n->indent_len);
            p->depth++;
        }
        break;
    }
    default:
        break;
    }
    p->depth--;
    return true;
}

static bool handle_tag(parser *p, const tag *t)
{
    switch (t->sigil) {
    case '!':
        return on_comment(p, t);
    case '=':
        return on_delims(p, t);
    case '#':
    case '^':
        return on_section(p, t);
    case '/':
        return on_close(p, t);
    case '>':
        return on_partial(p, t);
    case '<':
        return on_parent(p, t);
    case '$':
        return on_block(p, t);
    default:
        return on_var(p, t);
    }
}

static bool parse(parser *p)
{
    for (;;) {
        size_t s = find(p->src, p->text_start, p->len, p->open, p->open_len);
        if (s == NPOS)
            break;
        tag t;
        if (!scan_tag(p, s, &t) || !handle_tag(p, &t))
            return false;
    }
    emit_text(p, p->text_start, p->len);
    if (p->depth > 0) {
        container *c = top(p);
        bc_diag_error(p->diags, node_pos(p, c->node), _("unclosed %s \"%s\""),
                      kind_word(c->node->kind), c->close_name);
        return false;
    }
    return true;
}

bc_template *bc_tpl_compile(const char *name, const char *src, size_t len,
                            const char *open, const char *close,
                            bc_diags *diags)
{
    if (len > BC_TEMPLATE_MAX_SIZE) {
        bc_pos pos = {name, 0, 0};
        bc_diag_error(diags, pos, _("template larger than %u bytes"),
                      (unsigned)BC_TEMPLATE_MAX_SIZE);
        return NULL;
    }
    bc_template *t = bc_xcalloc(1, sizeof *t);
    t->arena = bc_arena_new();
    t->name = bc_arena_strdup(t->arena, name);
    t->src = bc_arena_strndup(t->arena, src ? src : "", len);
    t->len = len;
    parser p;
    memset(&p, 0, sizeof p);
    p.t = t;
    p.src = t->src;
    p.len = len;
    p.diags = diags;
    p.open = bc_arena_strdup(t->arena, open);
    p.close = bc_arena_strdup(t->arena, close);
    p.open_len = strlen(open);
    p.close_len = strlen(close);
    p.pos_line = 1;
    p.pos_col = 1;
    p.stack[0].tail = &t->root;
    if (!parse(&p)) {
        bc_template_free(t);
        return NULL;
    }
    return t;
}

bc_template *bc_template_compile(const char *name, const char *src,
                                 size_t len, bc_diags *diags)
{
    return bc_tpl_compile(name, src, len, "{{", "}}", diags);
}

void bc_template_free(bc_template *t)
{
    if (!t)
        return;
    bc_arena_free(t->arena);
    free(t);
}

const char *bc_template_name(const bc_template *t)
{
    return t->name;
}

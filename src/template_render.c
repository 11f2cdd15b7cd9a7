/*
 * template_render.c - rendering compiled templates (see template.h).
 *
 * A recursive walk of the tree.  The context stack and the stack of parent
 * overrides are linked lists of frames on the C stack, so rendering
 * allocates nothing but output; loop names (-first, -last, -index) are
 * answered by the list frame itself.  Indentation of standalone partials
 * and blocks is added lazily: the first output on a template line writes it.
 */
#include "template_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/i18n.h"

/* One entry of the context stack. */
typedef struct frame {
    const bc_value *value;
    const struct frame *up;
    bool item;           /* an element of a list being iterated */
    size_t index, count; /* item: 0-based position, length of the list */
    bc_value index_value; /* item: -index */
} frame;

/* A parent being expanded: its BLOCK children override blocks. */
typedef struct overrides {
    const tpl_node *parent;
    const bc_template *tmpl; /* the template the parent tag is in */
    const struct overrides *up;
} overrides;

struct bc_render_state {
    const bc_render_options *opts;
    bc_escape_fn escape; /* opts->escape, or the spec's HTML escaping */
    bc_diags *diags;
    bc_buf *out;
    bc_buf *final_out; /* the caller's: what opts->sink is given */
    const bc_template *tmpl; /* the template of the nodes being rendered */
    const frame *top;
    const overrides *ovr;
    bc_buf indent; /* indentation of the current template line */
    bool pending;  /* a template line has started: indent before output */
    int depth;     /* partials, parents and function results */
    int max_depth;
    const tpl_node *call_node; /* the tag of the function being called */
    const tpl_node *fn_site;   /* while a function's result renders: */
    const bc_template *fn_tmpl; /* errors are reported at its tag */
    const char *fn_name;
    unsigned long long steps;     /* nodes visited and list items entered */
    unsigned long long max_steps; /* the budgets (template.h) */
    size_t written;    /* bytes appended to any output buffer */
    size_t max_output;
    bool failed;       /* an error was reported */
    int complaints;    /* errors rendering went past */
    size_t first_diag; /* diags->count when rendering started */
};

typedef struct bc_render_state state;

static const bc_value true_value = {.kind = BC_VALUE_BOOL,
                                    .as.boolean = true};
static const bc_value false_value = {.kind = BC_VALUE_BOOL,
                                     .as.boolean = false};
static const bc_value empty_map = {.kind = BC_VALUE_MAP};

static bool render_nodes(state *rs, const tpl_node *n);

/* ---- errors ----------------------------------------------------------- */

/* Line and column of a text node, which the compiler does not record
 * (only the step budget reports an error at text): counted from the
 * start of its template as the compiler counts, a lone "\r" ending a
 * line and a column a character. */
static void text_position(const bc_template *t, const tpl_node *n,
                          bc_pos *pos)
{
    if (n->text < t->src || n->text > t->src + t->len)
        return;
    const unsigned char *s = (const unsigned char *)t->src;
    size_t end = (size_t)(n->text - t->src);
    int line = 1, col = 1;
    for (size_t i = 0; i < end; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= t->len ||
                                              s[i + 1] != '\n'))) {
            line++;
            col = 1;
        } else if (s[i] != '\r' && (s[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    pos->line = line;
    pos->col = col;
}

/* The position of n; n NULL: the template's (its end, when the last of
 * the output could not be handed over). */
static bc_pos where(const state *rs, const tpl_node *n)
{
    bc_pos pos = {rs->tmpl->name, 0, 0};
    if (!n && !rs->fn_site)
        return pos;
    if (rs->fn_site) {
        pos.file = rs->fn_tmpl->name;
        pos.line = rs->fn_site->line;
        pos.col = rs->fn_site->col;
    } else {
        pos.file = rs->tmpl->name;
        pos.line = n->line;
        pos.col = n->col;
        if (n->kind == TPL_TEXT)
            text_position(rs->tmpl, n, &pos);
    }
    return pos;
}

/* Formats a message for n's position, prefixed when it comes from a
 * function's result. */
static char *message(const state *rs, const char *fmt, va_list ap)
{
    bc_buf msg = BC_BUF_INIT;
    if (rs->fn_site)
        bc_buf_printf(&msg, _("in the result of function \"%s\": "),
                      rs->fn_name);
    bc_buf_vprintf(&msg, fmt, ap);
    return bc_buf_detach(&msg, NULL);
}

static bool fail(state *rs, const tpl_node *n, const char *fmt, ...)
    BC_PRINTF(3, 4);
static bool complain(state *rs, const tpl_node *n, const char *fmt, ...)
    BC_PRINTF(3, 4);

/* An error after which rendering stops: adds it at n (or at the function
 * tag whose result is rendering) and returns false, for "return fail()". */
static bool fail(state *rs, const tpl_node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = message(rs, fmt, ap);
    va_end(ap);
    bc_diag_error(rs->diags, where(rs, n), _("%s"), msg);
    free(msg);
    rs->failed = true;
    return false;
}

static bool same_diag(const bc_diag *d, bc_pos pos, const char *msg)
{
    return d->line == pos.line && d->col == pos.col && d->file &&
           pos.file && strcmp(d->file, pos.file) == 0 &&
           strcmp(d->message, msg) == 0;
}

/* An error rendering can go past (an undefined name, an unknown partial):
 * the render fails, but the user sees every such tag at once, each once
 * however many times a loop reaches it.  Returns whether to go on, which
 * stops after BC_TEMPLATE_MAX_ERRORS of them. */
static bool complain(state *rs, const tpl_node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = message(rs, fmt, ap);
    va_end(ap);
    bc_pos pos = where(rs, n);
    rs->failed = true;
    for (size_t i = rs->first_diag; i < rs->diags->count; i++) {
        if (same_diag(&rs->diags->items[i], pos, msg)) {
            free(msg);
            return true;
        }
    }
    bc_diag_error(rs->diags, pos, _("%s"), msg);
    free(msg);
    if (++rs->complaints < BC_TEMPLATE_MAX_ERRORS)
        return true;
    bc_pos file = {pos.file, 0, 0};
    bc_diag_add(rs->diags, BC_NOTE, BC_OK, file,
                _("stopped after %d template errors"), BC_TEMPLATE_MAX_ERRORS);
    return false;
}

/* What out holds, to the sink (template.h), out emptied; n: where a
 * sink that failed without saying why is reported. */
static bool hand_to_sink(state *rs, const tpl_node *n)
{
    size_t errors = rs->diags->errors;
    bool ok = rs->opts->sink(rs->opts->sink_ctx, rs->out->ptr, rs->out->len);
    bc_buf_clear(rs->out);
    if (!ok && rs->diags->errors == errors)
        return fail(rs, n, _("the output could not be written"));
    if (!ok)
        rs->failed = true;
    return ok;
}

/* One step of the budget: a node visited, or an item of a list entered
 * by a section (resolving a name adds a step for each context frame
 * searched and each dotted part, lookup_first and resolve).  Past the
 * budget rendering stops at n, the tag or text where it ran out. */
static bool step(state *rs, const tpl_node *n)
{
    /* Not while a function's result renders into a buffer of its own,
     * nor once rendering has failed (the output is thrown away). */
    if (rs->opts->sink && !rs->failed && rs->out == rs->final_out &&
        rs->out->len >= BC_TEMPLATE_SINK_PIECE && !hand_to_sink(rs, n))
        return false;
    if (rs->written > rs->max_output)
        return fail(rs, n,
                    _("rendering stopped after writing %zu bytes, past the "
                      "limit of %zu: does a section repeat long text over "
                      "a long list?"),
                    rs->written, rs->max_output);
    if (rs->steps < rs->max_steps) {
        rs->steps++;
        return true;
    }
    return fail(rs, n,
                _("rendering stopped after %llu steps (the limit): sections "
                  "nested over the same long list, or partials recursing "
                  "over it, repeat their content too often"),
                rs->max_steps);
}

/* ---- output ----------------------------------------------------------- */

static void put_indent(state *rs)
{
    if (rs->pending) {
        bc_buf_append(rs->out, rs->indent.ptr, rs->indent.len);
        rs->written += rs->indent.len;
        rs->pending = false;
    }
}

/* Template text: each of its lines gets the current indentation. */
static void put_text(state *rs, const char *s, size_t n)
{
    rs->written += n;
    if (rs->indent.len == 0) {
        bc_buf_append(rs->out, s, n);
        if (n)
            rs->pending = s[n - 1] == '\n';
        return;
    }
    while (n > 0) {
        put_indent(rs);
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) + 1 : n;
        bc_buf_append(rs->out, s, k);
        s += k;
        n -= k;
        rs->pending = nl != NULL;
    }
}

/* Data: escaped or not, never indented inside. */
static void put_data(state *rs, const char *s, size_t n, bool escape)
{
    if (n == 0)
        return;
    if (rs->indent.len)
        put_indent(rs);
    else
        rs->pending = false;
    size_t before = rs->out->len;
    if (escape)
        rs->escape(s, n, rs->out);
    else
        bc_buf_append(rs->out, s, n);
    rs->written += rs->out->len - before;
}

/* The text of a scalar; false for a sequence or a mapping. */
static bool scalar_text(const bc_value *v, char tmp[32], const char **s,
                        size_t *n)
{
    switch (v ? v->kind : BC_VALUE_NULL) {
    case BC_VALUE_NULL:
        *s = "", *n = 0;
        return true;
    case BC_VALUE_BOOL:
        *s = v->as.boolean ? "true" : "false";
        *n = strlen(*s);
        return true;
    case BC_VALUE_INT:
        *n = (size_t)snprintf(tmp, 32, "%" PRId64, v->as.integer);
        *s = tmp;
        return true;
    case BC_VALUE_FLOAT:
        *n = bc_format_double(v->as.number, tmp);
        *s = tmp;
        return true;
    case BC_VALUE_STRING:
        *s = v->as.string.ptr, *n = v->as.string.len;
        return true;
    default:
        return false;
    }
}

static bool truthy(const bc_value *v)
{
    switch (v ? v->kind : BC_VALUE_NULL) {
    case BC_VALUE_NULL:
        return false;
    case BC_VALUE_BOOL:
        return v->as.boolean;
    case BC_VALUE_STRING:
        return v->as.string.len > 0;
    case BC_VALUE_SEQ:
        return v->as.seq.count > 0;
    default:
        return true; /* numbers, 0 included, and mappings */
    }
}

/* ---- names ------------------------------------------------------------ */

/* -first, -last and -index of the list item f. */
static const bc_value *loop_name(const frame *f, const char *s, size_t n)
{
    if (n == 6 && memcmp(s, "-first", 6) == 0)
        return f->index == 0 ? &true_value : &false_value;
    if (n == 5 && memcmp(s, "-last", 5) == 0)
        return f->index + 1 == f->count ? &true_value : &false_value;
    if (n == 6 && memcmp(s, "-index", 6) == 0)
        return &f->index_value;
    return NULL;
}

/* The first part of a name, looked up from the top of the stack down. */
static const bc_value *lookup_first(state *rs, const char *s, size_t n,
                                    bool *found)
{
    for (const frame *f = rs->top; f; f = f->up) {
        rs->steps++; /* each frame searched is a step (step()) */
        const bc_value *v = NULL;
        if (f->item && n > 0 && s[0] == '-')
            v = loop_name(f, s, n);
        if (!v)
            v = bc_value_map_getn(f->value, s, n);
        if (v) {
            *found = true;
            return v;
        }
    }
    *found = false;
    return NULL;
}

/* Resolves a name as the spec says.  On failure *bad is the index of the
 * part that is not defined. */
static bool resolve(state *rs, const tpl_name *nm, const bc_value **out,
                    size_t *bad)
{
    *out = NULL;
    if (nm->count == 0) {
        *out = rs->top->value;
        return true;
    }
    bool found;
    const bc_value *v = lookup_first(rs, nm->parts[0], nm->lens[0], &found);
    if (!found) {
        *bad = 0;
        return false;
    }
    for (size_t i = 1; i < nm->count; i++) {
        if (v->kind == BC_VALUE_NULL)
            break; /* a dotted name through null is null */
        rs->steps++;
        v = bc_value_map_getn(v, nm->parts[i], nm->lens[i]);
        if (!v) {
            *bad = i;
            return false;
        }
    }
    *out = v;
    return true;
}

/* In strict mode an undefined name is an error; otherwise it is nothing.
 * Returns whether rendering may go on. */
static bool undefined(state *rs, const tpl_node *n, const tpl_name *nm,
                      size_t bad)
{
    if (!rs->opts->strict)
        return true;
    if (bad == 0)
        return complain(rs, n, _("undefined name \"%s\""), nm->text);
    size_t prefix = 0;
    for (size_t i = 0; i < bad; i++)
        prefix += nm->lens[i] + (i > 0);
    return complain(rs, n,
                    _("undefined name \"%s\": \"%.*s\" has no \"%s\""),
                nm->text, (int)prefix, nm->text, nm->parts[bad]);
}

static const bc_template_fn_def *find_fn(const state *rs, const tpl_name *nm)
{
    if (nm->count != 1)
        return NULL;
    for (size_t i = 0; i < rs->opts->fn_count; i++)
        if (strcmp(rs->opts->fns[i].name, nm->parts[0]) == 0)
            return &rs->opts->fns[i];
    return NULL;
}

/* ---- nested templates ------------------------------------------------- */

/* Renders nodes of tmpl with an indentation for its lines. */
static bool render_indented(state *rs, const bc_template *tmpl,
                            const tpl_node *nodes, tpl_indent mode,
                            const char *indent, size_t indent_len)
{
    size_t saved_len = rs->indent.len;
    if (mode != TPL_INDENT_NONE)
        bc_buf_append(&rs->indent, indent, indent_len);
    if (mode == TPL_INDENT_STANDALONE)
        rs->pending = true; /* its first line starts a line */
    const bc_template *saved = rs->tmpl;
    rs->tmpl = tmpl;
    bool ok = render_nodes(rs, nodes);
    rs->tmpl = saved;
    rs->indent.len = saved_len;
    if (mode == TPL_INDENT_STANDALONE)
        rs->pending = true; /* the tag's own line end was taken out */
    return ok;
}

static bool check_depth(state *rs, const tpl_node *n, const char *what,
                        const char *name)
{
    if (rs->depth < rs->max_depth)
        return true;
    return fail(rs, n, _("%s \"%s\" nested deeper than %d levels"), what, name,
                rs->max_depth);
}

/* The name of the template a partial or parent tag names; NULL (and
 * *ok) when a dynamic name gives nothing to load. */
static const char *target(state *rs, const tpl_node *n, bool *ok)
{
    *ok = true;
    if (!n->dynamic)
        return n->text;
    const bc_value *v;
    size_t bad;
    if (!resolve(rs, &n->name, &v, &bad)) {
        *ok = undefined(rs, n, &n->name, bad);
        return NULL;
    }
    if (v->kind == BC_VALUE_STRING &&
        strlen(v->as.string.ptr) == v->as.string.len && v->as.string.len)
        return v->as.string.ptr;
    bool nothing = v->kind == BC_VALUE_NULL ||
                   (v->kind == BC_VALUE_STRING && v->as.string.len == 0);
    if (!nothing && rs->opts->strict)
        *ok = complain(rs, n,
                       _("dynamic name \"%s\" is of type %s, not a template "
                         "name"),
                       n->name.text, _(bc_value_kind_name(v->kind)));
    return NULL;
}

/* Loads the template a partial or parent tag names.  Returns false on an
 * error; *t stays NULL when there is nothing to render. */
static bool load(state *rs, const tpl_node *n, const bc_template **t)
{
    *t = NULL;
    bool ok;
    const char *name = target(rs, n, &ok);
    if (!name)
        return ok;
    const char *what = n->kind == TPL_PARENT ? "parent" : "partial";
    if (!check_depth(rs, n, what, name))
        return false;
    bc_resolve_result res = BC_RESOLVE_MISSING;
    if (rs->opts->resolver)
        res = bc_resolver_load(rs->opts->resolver, name, t, where(rs, n),
                               rs->diags);
    if (res == BC_RESOLVE_ERROR)
        return false;
    if (res == BC_RESOLVE_MISSING && rs->opts->strict)
        return complain(rs, n, _("unknown %s \"%s\""), what, name);
    return true;
}

/* Compiles src (a function's result, or text it asks to render) with the
 * given delimiters and renders it into out, as data: no indentation. */
static bool render_source(state *rs, const tpl_node *site, const char *fn,
                          const char *src, size_t len, const char *open,
                          const char *close, bc_buf *out)
{
    if (!check_depth(rs, site, "function", fn))
        return false;
    bc_diags local;
    bc_diags_init(&local);
    bc_template *t = bc_tpl_compile("result", src, len, open, close, &local);
    if (!t) {
        const bc_diag *d = &local.items[0];
        bool r = fail(rs, site,
                      "function \"%s\" returned an invalid template: %s "
                      "(at %d:%d of its result)",
                      fn, d->message, d->line, d->col);
        bc_diags_fini(&local);
        return r;
    }
    bc_diags_fini(&local);
    bc_buf *saved_out = rs->out;
    bc_buf saved_indent = rs->indent;
    bool saved_pending = rs->pending;
    const tpl_node *saved_site = rs->fn_site;
    const bc_template *saved_fn_tmpl = rs->fn_tmpl;
    const char *saved_fn_name = rs->fn_name;
    const bc_template *saved_tmpl = rs->tmpl;
    if (!rs->fn_site) {
        rs->fn_site = site;
        rs->fn_tmpl = rs->tmpl;
        rs->fn_name = fn;
    }
    rs->out = out;
    bc_buf_init(&rs->indent);
    rs->pending = false;
    rs->tmpl = t;
    rs->depth++;
    bool ok = render_nodes(rs, t->root);
    rs->depth--;
    rs->tmpl = saved_tmpl;
    bc_buf_fini(&rs->indent);
    rs->indent = saved_indent;
    rs->pending = saved_pending;
    rs->out = saved_out;
    rs->fn_site = saved_site;
    rs->fn_tmpl = saved_fn_tmpl;
    rs->fn_name = saved_fn_name;
    bc_template_free(t);
    return ok;
}

/* ---- functions -------------------------------------------------------- */

static bool call_fn(state *rs, const tpl_node *n, const bc_template_fn_def *fn,
                    bool section)
{
    bc_fn_call call;
    memset(&call, 0, sizeof call);
    call.name = fn->name;
    if (section) {
        call.section = n->raw ? n->raw : "";
        call.section_len = n->raw_len;
    }
    call.context = rs->top->value;
    call.escape = rs->escape;
    call.pos = where(rs, n);
    call.state = rs;
    const tpl_node *saved_call = rs->call_node;
    rs->call_node = n;
    size_t errors = rs->diags->errors;
    bc_buf result = BC_BUF_INIT;
    bool ok = fn->fn(fn->user, &call, &result);
    rs->call_node = saved_call;
    if (!ok) {
        if (rs->diags->errors == errors)
            fail(rs, n, _("function \"%s\" failed"), fn->name);
        bc_buf_fini(&result);
        return false;
    }
    const char *s = result.ptr;
    if (!(fn->flags & BC_FN_EXPAND)) {
        put_data(rs, s, result.len, !section && n->escape);
    } else if (section) {
        bc_buf expanded = BC_BUF_INIT;
        ok = render_source(rs, n, fn->name, s, result.len, n->open_delim,
                           n->close_delim, &expanded);
        if (ok)
            put_data(rs, expanded.ptr, expanded.len, false);
        bc_buf_fini(&expanded);
    } else {
        bc_buf expanded = BC_BUF_INIT;
        ok = render_source(rs, n, fn->name, s, result.len, "{{", "}}",
                           &expanded);
        if (ok)
            put_data(rs, expanded.ptr, expanded.len, n->escape);
        bc_buf_fini(&expanded);
    }
    bc_buf_fini(&result);
    return ok;
}

const bc_value *bc_fn_lookup(const bc_fn_call *call, const char *name)
{
    state *rs = call->state;
    if (strcmp(name, ".") == 0)
        return rs->top->value;
    const char *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    bool found;
    const bc_value *v = lookup_first(rs, name, n, &found);
    while (v && dot) {
        if (v->kind == BC_VALUE_NULL)
            return v;
        rs->steps++;
        name = dot + 1;
        dot = strchr(name, '.');
        n = dot ? (size_t)(dot - name) : strlen(name);
        v = bc_value_map_getn(v, name, n);
    }
    return v;
}

bool bc_fn_render(const bc_fn_call *call, const char *src, size_t len,
                  bc_buf *out)
{
    state *rs = call->state;
    const tpl_node *n = rs->call_node;
    bool section = n->kind == TPL_SECTION;
    return render_source(rs, n, call->name, src, len,
                         section ? n->open_delim : "{{",
                         section ? n->close_delim : "}}", out);
}

void bc_fn_error(const bc_fn_call *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    call->state->failed = true;
    bc_diag_vadd(call->state->diags, BC_ERROR, BC_EX_DATAERR, call->pos, fmt,
                 ap);
    va_end(ap);
}

/* ---- nodes ------------------------------------------------------------ */

static bool render_var(state *rs, const tpl_node *n)
{
    const bc_template_fn_def *fn = find_fn(rs, &n->name);
    if (fn)
        return call_fn(rs, n, fn, false);
    const bc_value *v;
    size_t bad;
    if (!resolve(rs, &n->name, &v, &bad))
        return undefined(rs, n, &n->name, bad);
    char tmp[32];
    const char *s;
    size_t len;
    if (!scalar_text(v, tmp, &s, &len)) {
        if (rs->opts->strict)
            return complain(rs, n,
                            _("cannot interpolate \"%s\": it is of type %s"),
                            n->name.text, _(bc_value_kind_name(v->kind)));
        return true;
    }
    put_data(rs, s, len, n->escape);
    return true;
}

static bool render_section(state *rs, const tpl_node *n)
{
    const bc_template_fn_def *fn = find_fn(rs, &n->name);
    if (fn)
        return n->kind == TPL_INVERTED || call_fn(rs, n, fn, true);
    const bc_value *v;
    size_t bad;
    if (!resolve(rs, &n->name, &v, &bad)) {
        if (!undefined(rs, n, &n->name, bad))
            return false;
        v = NULL;
    }
    if (n->kind == TPL_INVERTED)
        return truthy(v) || render_nodes(rs, n->children);
    if (!truthy(v))
        return true;
    frame f;
    memset(&f, 0, sizeof f);
    f.up = rs->top;
    rs->top = &f;
    bool ok = true;
    if (v->kind == BC_VALUE_SEQ) {
        f.item = true;
        f.count = v->as.seq.count;
        f.index_value.kind = BC_VALUE_INT;
        /* A lazy list's items are made one at a time, each dropped once
         * rendered: 30 000 activities are never alive at once. */
        bc_arena *scratch = v->lazy ? bc_arena_new() : NULL;
        for (size_t i = 0; ok && i < f.count; i++) {
            ok = step(rs, n);
            if (!ok)
                break;
            f.value = scratch ? bc_value_seq_item(v, i, scratch)
                              : v->as.seq.items[i];
            f.index = i;
            f.index_value.as.integer = (int64_t)i + 1;
            ok = render_nodes(rs, n->children);
            if (scratch)
                bc_arena_reset(scratch);
        }
        bc_arena_free(scratch);
    } else {
        f.value = v;
        ok = render_nodes(rs, n->children);
    }
    rs->top = f.up;
    return ok;
}

static bool render_partial(state *rs, const tpl_node *n)
{
    const bc_template *t;
    if (!load(rs, n, &t))
        return false;
    if (!t)
        return true;
    rs->depth++;
    bool ok = render_indented(rs, t, t->root, n->indent_mode, n->indent,
                              n->indent_len);
    rs->depth--;
    return ok;
}

static bool render_parent(state *rs, const tpl_node *n)
{
    if (n->indent_mode == TPL_INDENT_NONE && n->indent_len)
        put_text(rs, n->indent, n->indent_len); /* not a standalone pair */
    const bc_template *t;
    if (!load(rs, n, &t))
        return false;
    if (!t)
        return true;
    overrides o = {n, rs->tmpl, rs->ovr};
    rs->ovr = &o;
    rs->depth++;
    bool ok = render_indented(rs, t, t->root, n->indent_mode, n->indent,
                              n->indent_len);
    rs->depth--;
    rs->ovr = o.up;
    return ok;
}

/* A block renders the outermost override of its name, else its own
 * content: the top-level template has the last word.  An override's
 * content is rendered with the overrides in force where it was written
 * (outside its parent tag), so a block of the same name inside it takes
 * the parent's default instead of the override itself, endlessly. */
static bool render_block(state *rs, const tpl_node *n)
{
    const tpl_node *content = n->children;
    const bc_template *tmpl = rs->tmpl;
    const overrides *chosen = NULL;
    for (const overrides *o = rs->ovr; o; o = o->up) {
        for (const tpl_node *c = o->parent->children; c; c = c->next) {
            if (c->kind == TPL_BLOCK && c->len == n->len &&
                memcmp(c->text, n->text, n->len) == 0) {
                content = c->children;
                tmpl = o->tmpl;
                chosen = o;
                break;
            }
        }
    }
    if (!check_depth(rs, n, "block", n->text))
        return false;
    const overrides *saved = rs->ovr;
    if (chosen)
        rs->ovr = chosen->up;
    rs->depth++;
    bool ok = render_indented(rs, tmpl, content, n->indent_mode, n->indent,
                              n->indent_len);
    rs->depth--;
    rs->ovr = saved;
    return ok;
}

static bool render_node(state *rs, const tpl_node *n)
{
    if (!step(rs, n))
        return false;
    switch (n->kind) {
    case TPL_TEXT:
        put_text(rs, n->text, n->len);
        return true;
    case TPL_VAR:
        return render_var(rs, n);
    case TPL_SECTION:
    case TPL_INVERTED:
        return render_section(rs, n);
    case TPL_PARTIAL:
        return render_partial(rs, n);
    case TPL_PARENT:
        return render_parent(rs, n);
    case TPL_BLOCK:
        return render_block(rs, n);
    }
    return true;
}

static bool render_nodes(state *rs, const tpl_node *n)
{
    for (; n; n = n->next)
        if (!render_node(rs, n))
            return false;
    return true;
}

bool bc_template_render(const bc_template *t, const bc_value *context,
                        const bc_render_options *opts, bc_buf *out,
                        bc_diags *diags)
{
    static const bc_render_options defaults;
    state rs;
    memset(&rs, 0, sizeof rs);
    rs.opts = opts ? opts : &defaults;
    rs.escape = rs.opts->escape ? rs.opts->escape : bc_escape_html;
    rs.diags = diags;
    rs.out = out;
    rs.final_out = out;
    rs.tmpl = t;
    rs.max_depth = rs.opts->max_partial_depth;
    if (rs.max_depth <= 0)
        rs.max_depth = BC_TEMPLATE_PARTIAL_DEPTH;
    if (rs.max_depth > BC_TEMPLATE_MAX_PARTIAL_DEPTH)
        rs.max_depth = BC_TEMPLATE_MAX_PARTIAL_DEPTH;
    rs.max_steps = rs.opts->max_steps;
    if (rs.max_steps == 0 || rs.max_steps > BC_TEMPLATE_MAX_STEPS)
        rs.max_steps = BC_TEMPLATE_MAX_STEPS;
    rs.max_output = rs.opts->max_output;
    if (rs.max_output == 0 || rs.max_output > BC_TEMPLATE_MAX_OUTPUT)
        rs.max_output = BC_TEMPLATE_MAX_OUTPUT;
    frame root;
    memset(&root, 0, sizeof root);
    root.value = context ? context : &empty_map;
    rs.top = &root;
    bc_buf_append(out, "", 0); /* a string even when nothing is added */
    rs.first_diag = diags->count;
    bool ok = render_nodes(&rs, t->root);
    if (ok && !rs.failed && rs.opts->sink && out->len)
        ok = hand_to_sink(&rs, NULL);
    if (rs.opts->steps)
        *rs.opts->steps = rs.steps;
    bc_buf_fini(&rs.indent);
    return ok && !rs.failed;
}

/*
 * template.h - the Mustache template engine (spec v1.4.2, all modules).
 *
 * A template is compiled once into a tree (bc_template_compile) and then
 * rendered any number of times (bc_template_render) against a context, the
 * root bc_value of a value tree.  The compiled tree owns a copy of the
 * source; the caller's buffer may be freed after compiling.  The caller
 * frees a template with bc_template_free.  Rendering appends to a bc_buf the
 * caller owns; on error it adds diagnostics (status 65) and returns false,
 * and the caller discards what was appended.
 *
 * Partials ({{>name}}) and parents ({{<name}}) are loaded through a
 * bc_resolver, which compiles each template once and keeps it until
 * bc_resolver_free.  Ready-made resolvers read a folder or an in-memory
 * table, or chain two resolvers, the second standing in for the first
 * name by name.
 *
 * Supported: comments, set delimiters, interpolation ({{x}}, {{{x}}},
 * {{&x}}, dotted names, {{.}}), sections, inverted sections, partials with
 * standalone indentation, inheritance ({{<parent}} with {{$block}}), dynamic
 * names ({{>*name}}, {{<*name}}) and lambdas in the form of functions
 * registered from C (data loaded from YAML cannot carry code).
 *
 * Choices the spec leaves open:
 *   - Falsey values: false, null, an empty sequence and an empty string.
 *     0, 0.0 and an empty mapping are truthy (a count or an amount of 0
 *     still prints; test for a list being empty with the list itself).
 *   - Values render as: null as nothing, booleans as "true"/"false",
 *     integers in decimal, floats via bc_format_double (1.210 gives 1.21).
 *     A sequence or a mapping renders as nothing (an error in strict mode).
 *   - Loop names: while a section iterates over a sequence, "-first" and
 *     "-last" (booleans) and "-index" (1-based integer) resolve in the
 *     item's context, e.g. {{#items}}{{.}}{{^-last}}; {{/-last}}{{/items}}.
 *     They are looked up on the nearest enclosing list item, are not data
 *     (nothing is copied) and lose to a data key of the same name in a
 *     mapping nearer the top of the context stack.
 *   - Registered functions take precedence over the context, and match only
 *     undotted names: data cannot shadow a formatting function by accident.
 *   - Strict mode: a name missing from the context (or a dotted name whose
 *     part is missing or goes through a scalar or a sequence), an unknown
 *     partial or parent, or a dynamic name that is not a string is an error
 *     at the tag.  A name whose value is null is defined (falsey, renders
 *     empty); a dotted name through null gives null.  Without strict mode
 *     all of these render as nothing, as the spec asks.  Rendering goes on
 *     after such an error (the render still fails) so that every faulty
 *     tag is reported, each once even inside a loop, up to
 *     BC_TEMPLATE_MAX_ERRORS.  Other errors (depth, the step and output
 *     budgets, a template that does not compile or cannot be read, a
 *     failing function) stop at once.
 *   - Standalone lines follow the spec; for parents and blocks a pair
 *     {{<p}}...{{/p}} or {{$b}}{{/b}} on a line of its own counts as
 *     standalone, and block content is re-indented where it is expanded
 *     (the rules of the spec's ~inheritance tests).
 *
 * Diagnostics carry the template's name, and the 1-based line and column
 * (in characters) of the tag; a lone "\r" also ends a line.
 */
#ifndef BC_TEMPLATE_H
#define BC_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/escape.h"
#include "bcreport/value.h"

/* Limits, far above what a report template needs.  Templates from -T are
 * trusted, but a mistake in one must still end in an error, not in a
 * hang or an exhausted memory. */
#define BC_TEMPLATE_MAX_SIZE (16u * 1024u * 1024u) /* bytes of one template */
#define BC_TEMPLATE_MAX_TAG 1024    /* bytes inside one tag (not comments) */
#define BC_TEMPLATE_MAX_DELIM 16    /* bytes of one set delimiter */
#define BC_TEMPLATE_MAX_NESTING 32  /* open sections, blocks and parents */
#define BC_TEMPLATE_PARTIAL_DEPTH 64 /* default nesting of partials, parents
                                        and function results at render */
#define BC_TEMPLATE_MAX_PARTIAL_DEPTH 256 /* higher settings are clamped */
#define BC_TEMPLATE_MAX_ERRORS 20 /* strict-mode errors before giving up */

/* The step budget of one render: a step is a node visited (text, tag,
 * section, partial...), an item of a list entered by a section, or a
 * context frame or dotted part searched to resolve a name (so that no
 * step costs more however deep the context: sections inside partials
 * inside partials stack 32 x 256 frames).  Nesting and depth bound a
 * template's size, not its work: sections nested over one list of n
 * items take n^depth steps (10 items at depth 20 are 10^20), and so do
 * partials each repeating the next over it.  Past the budget rendering
 * stops with an error at the tag or text where it ran out.
 *
 * Measured with the built-in templates (the most of md, html and the
 * DOCX's document.xml): the examples in data/ take at most 1 414 steps;
 * the 13 MB bench input (data/2026-xa.yaml's lists replicated 10 000
 * times; the loader's limit is 16 MiB) 1 278 509; a summary 2 694 064
 * for each such file, 54 350 for a hundred communes like
 * data/2026-xa.yaml.  The worst data found within the loader's limits
 * take 17 steps a node: 16 830 336 for 990 000 recipients in DOCX.
 * 10^8 allows 100 steps for each of the loader's 10^6 nodes, 80 times
 * the largest realistic input, and is reached in about a second (0.45
 * s of CPU time for sections nested 20 deep over 10 items, 1.1 s over a
 * report's sections). */
#define BC_TEMPLATE_MAX_STEPS 100000000ULL

/* The output budget of one render, in bytes written (a function's result
 * expanded as a template counts as it is rendered and again as it is
 * inserted): within the step budget a section can still repeat a text of
 * megabytes 10^8 times.  Checked at each step, so a render stops at the
 * first step after its output passed the budget.  The largest output of
 * the built-in templates within the input limits is the DOCX's
 * document.xml of 1 000 000 table cells, 208 MB (the README bounds
 * Markdown at 68 MB and HTML at 158 MB); a summary writes 50 MB for each
 * 13 MB file.  1 GiB leaves a factor of five and stays far from
 * exhausting memory. */
#define BC_TEMPLATE_MAX_OUTPUT ((size_t)1 << 30)

typedef struct bc_template bc_template;

/* Compiles len bytes of src.  name is used in diagnostics (a file name).
 * Returns NULL after adding at least one error to diags. */
bc_template *bc_template_compile(const char *name, const char *src,
                                 size_t len, bc_diags *diags);
/* NULL is a no-op. */
void bc_template_free(bc_template *t);
/* The name given to bc_template_compile. */
const char *bc_template_name(const bc_template *t);

/* ------------------------------------------------------------------------
 * Resolvers: where partials and parents come from.
 */
typedef enum bc_resolve_result {
    BC_RESOLVE_FOUND,
    BC_RESOLVE_MISSING, /* no such template */
    BC_RESOLVE_ERROR    /* it exists but cannot be read, or bad name */
} bc_resolve_result;

/* Finds the template called name (as written in the tag).  On FOUND it
 * appends the source to text and a name for diagnostics (a path) to
 * display (left empty, the name itself is used).  On ERROR it appends a
 * message to error; the engine reports it at the tag. */
typedef bc_resolve_result (*bc_resolve_fn)(void *user, const char *name,
                                           bc_buf *text, bc_buf *display,
                                           bc_buf *error);

typedef struct bc_resolver bc_resolver;

/* A resolver around a callback; user is passed to it and not freed. */
bc_resolver *bc_resolver_new(bc_resolve_fn fn, void *user);

/* {{>name}} loads DIR/name.mustache, else DIR/name.  Names may contain "/"
 * for subfolders, but an absolute name, an empty part, "." or ".." is an
 * error.  dir is copied. */
bc_resolver *bc_resolver_new_dir(const char *dir);

/* A name -> source pair.  len 0 means strlen(text). */
typedef struct bc_template_entry {
    const char *name;
    const char *text;
    size_t len;
} bc_template_entry;

/* Templates held in memory (tests, templates compiled into the binary).
 * The array is copied; the strings it points to are borrowed and must
 * outlive the resolver. */
bc_resolver *bc_resolver_new_table(const bc_template_entry *entries,
                                   size_t count);

/* Looks for each name in first, then, when first has no such template
 * (MISSING), in fallback: the installed templates over the compiled-in
 * table, so that a folder holding only report.html.mustache replaces that
 * template alone and every other name still comes from the table.  An
 * ERROR from first (a template that cannot be read, a name the folder
 * refuses) is reported and never passed over: an office's template that
 * cannot be read must not be replaced silently by the built-in one.  The
 * chain owns both resolvers (neither may be NULL) and frees them with
 * itself; it compiles and caches each template once, the two resolvers'
 * own caches stay unused.  Chains may be chained. */
bc_resolver *bc_resolver_new_chain(bc_resolver *first, bc_resolver *fallback);

/* Frees the resolver and every template it compiled; NULL is a no-op. */
void bc_resolver_free(bc_resolver *r);

/* Loads and compiles name once; later calls return the same template
 * (misses are remembered too).  On FOUND *out is owned by the resolver.
 * On ERROR, diagnostics were added (a resolver error is reported at at,
 * which may be {NULL, 0, 0}).  MISSING adds nothing. */
bc_resolve_result bc_resolver_load(bc_resolver *r, const char *name,
                                   const bc_template **out, bc_pos at,
                                   bc_diags *diags);

/* ------------------------------------------------------------------------
 * Registered functions: the C form of Mustache lambdas.
 *
 * In an interpolation {{name}} the function is called with section NULL;
 * in a section {{#name}}...{{/name}} with the section's raw, unrendered
 * text.  It appends its result to out and returns true, or reports an
 * error with bc_fn_error and returns false (rendering then stops).
 *
 * By default the result is text: an interpolation escapes it (unless
 * {{{name}}} or {{&name}}), a section inserts it as it is.  With
 * BC_FN_EXPAND the result is first rendered as a template against the
 * current context, as the spec's lambdas are: with the default delimiters
 * for an interpolation (then escaped), with the section's delimiters for a
 * section.  Formatting functions should leave BC_FN_EXPAND off, so that
 * data containing "{{" is never parsed.
 *
 * An inverted section {{^name}} never calls the function: it is truthy.
 */
typedef struct bc_fn_call bc_fn_call;

typedef bool (*bc_template_fn)(void *user, const bc_fn_call *call,
                               bc_buf *out);

#define BC_FN_EXPAND 1u

typedef struct bc_template_fn_def {
    const char *name; /* an undotted name */
    bc_template_fn fn;
    void *user;
    unsigned flags; /* 0 or BC_FN_EXPAND */
} bc_template_fn_def;

struct bc_fn_call {
    const char *name;        /* the name in the tag */
    const char *section;     /* raw section text, NULL for interpolation */
    size_t section_len;
    const bc_value *context; /* the top of the context stack */
    bc_escape_fn escape;     /* the escaping of this render */
    bc_pos pos;              /* the tag */
    struct bc_render_state *state; /* private to the engine */
};

/* Resolves a dotted name (or ".", or a loop name) in the whole context
 * stack, as a tag would; NULL when it is not defined. */
const bc_value *bc_fn_lookup(const bc_fn_call *call, const char *name);

/* Renders src as a template against the current context stack, with the
 * delimiters of the tag, appending to out (e.g. a section's text before
 * formatting it).  Returns false after adding diagnostics. */
bool bc_fn_render(const bc_fn_call *call, const char *src, size_t len,
                  bc_buf *out);

/* Adds an error at the tag that called the function. */
void bc_fn_error(const bc_fn_call *call, const char *fmt, ...)
    BC_PRINTF(2, 3);

/* ------------------------------------------------------------------------
 * Rendering.
 */

/* Takes len bytes of output (a DOCX part's, into its ZIP entry); false
 * stops rendering, best after adding a diagnostic (else the renderer adds
 * "the output could not be written"). */
typedef bool (*bc_render_sink)(void *sink_ctx, const char *s, size_t len);

typedef struct bc_render_options {
    bc_escape_fn escape;    /* NULL: bc_escape_html, as the spec says */
    bool strict;            /* see the top of this file */
    bc_resolver *resolver;  /* NULL: no partial or parent is found */
    const bc_template_fn_def *fns; /* registered functions, may be NULL */
    size_t fn_count;
    int max_partial_depth;  /* 0: BC_TEMPLATE_PARTIAL_DEPTH */
    unsigned long long max_steps; /* 0 or more: BC_TEMPLATE_MAX_STEPS */
    size_t max_output;      /* 0 or more: BC_TEMPLATE_MAX_OUTPUT */
    unsigned long long *steps; /* not NULL: set to the steps taken */
    /* Not NULL: the output is handed to sink as it is made, in pieces
     * of about BC_TEMPLATE_SINK_PIECE bytes (a function's result comes
     * whole) and the rest at the end, out emptied after each (what it
     * held before the call goes first), so that a long document is never
     * held whole.  Nothing more is handed over once rendering has failed;
     * what was is the caller's to throw away. */
    bc_render_sink sink;
    void *sink_ctx;
} bc_render_options;

#define BC_TEMPLATE_SINK_PIECE (64u * 1024u)

/* Renders t against context (NULL renders as an empty mapping) and
 * appends the output to out.  opts NULL, like a zeroed struct, means HTML
 * escaping, not strict, no resolver, no functions.  Returns false after
 * adding diagnostics; out then holds partial output (with a sink: what
 * was not handed over). */
bool bc_template_render(const bc_template *t, const bc_value *context,
                        const bc_render_options *opts, bc_buf *out,
                        bc_diags *diags);

#endif

/*
 * template_internal.h - the compiled template tree, shared by the compiler
 * (template.c), the renderer (template_render.c) and the resolvers
 * (template_resolve.c).  Not part of the public API.
 *
 * Every node and string lives in the template's arena; text nodes point
 * into the template's own copy of its source.
 */
#ifndef BC_TEMPLATE_INTERNAL_H
#define BC_TEMPLATE_INTERNAL_H

#include "bcreport/arena.h"
#include "bcreport/template.h"

typedef enum tpl_kind {
    TPL_TEXT,     /* literal template text */
    TPL_VAR,      /* {{x}}, {{{x}}}, {{&x}} */
    TPL_SECTION,  /* {{#x}}...{{/x}} */
    TPL_INVERTED, /* {{^x}}...{{/x}} */
    TPL_PARTIAL,  /* {{>x}}, {{>*x}} */
    TPL_PARENT,   /* {{<x}}...{{/x}}: its BLOCK children are overrides */
    TPL_BLOCK     /* {{$x}}...{{/x}}: children are the default content */
} tpl_kind;

/* How a partial, parent or block indents what it expands. */
typedef enum tpl_indent {
    TPL_INDENT_NONE,      /* inline: nothing (a parent's lead is literal) */
    TPL_INDENT_PAIR,      /* block opening a line: indent lines 2.. */
    TPL_INDENT_STANDALONE /* standalone: indent every line */
} tpl_indent;

/* A name split at its dots; count 0 is the implicit iterator ".". */
typedef struct tpl_name {
    const char *text; /* as written, NUL-terminated */
    size_t len;
    size_t count;
    const char **parts; /* NUL-terminated parts */
    size_t *lens;
} tpl_name;

typedef struct tpl_node tpl_node;
struct tpl_node {
    tpl_kind kind;
    int line, col; /* of the tag (of the text for TPL_TEXT) */
    tpl_node *next;
    tpl_node *children;
    const char *text; /* TEXT: the text; PARTIAL, PARENT, BLOCK: the name */
    size_t len;
    tpl_name name;  /* VAR, SECTION, INVERTED; dynamic PARTIAL and PARENT */
    bool escape;    /* VAR: {{x}} rather than {{{x}}} or {{&x}} */
    bool dynamic;   /* PARTIAL, PARENT: {{>*x}} */
    tpl_indent indent_mode;
    const char *indent; /* PARTIAL, PARENT, BLOCK */
    size_t indent_len;
    const char *raw; /* SECTION, INVERTED: the unrendered content */
    size_t raw_len;
    const char *open_delim; /* SECTION: delimiters in force at its tag */
    const char *close_delim;
};

struct bc_template {
    bc_arena *arena;
    const char *name;
    const char *src;
    size_t len;
    tpl_node *root;
};

/* bc_template_compile with the given starting delimiters (a function's
 * result in a section is compiled with the section's delimiters). */
bc_template *bc_tpl_compile(const char *name, const char *src, size_t len,
                            const char *open, const char *close,
                            bc_diags *diags);

#endif

/*
 * md_html.h - CommonMark to HTML, through libcmark.
 *
 * The only module that sees libcmark.  It runs cmark in its safe mode:
 * raw HTML in the input becomes a comment, and javascript:, vbscript:,
 * file: and data: links lose their target, so no markup in the data can
 * reach the page even if the Markdown escaper missed it.  Memory comes
 * from bcreport's own allocator (out of memory exits with status 71, as
 * everywhere else, rather than cmark's abort).
 *
 * Memory.  cmark keeps every node of a document until it is rendered, and
 * each character of markup (an escape such as "\[", an "*", a "!") is a
 * node of about 150 bytes: 63 MB of escaped text took 8 GB.  A template's
 * Markdown is therefore converted in two parts (bc_md_parts): the
 * template's own text, with a mark where each value stands (and the
 * value's first and last characters, which the template's text meets),
 * through libcmark; and the rest of each value, which the Markdown
 * escaper has made plain text (or the view, plain text with the italics
 * of "sau đây gọi tắt là"), by bcreport, as cmark renders such text:
 * escapes undone, & < > " as entities, the italics as <em>.  The result
 * is, byte for byte, the HTML cmark gives for the whole document (the
 * tests compare the two on random templates and values).
 *
 * When that cannot be shown, the whole document goes through libcmark as
 * before: a template with < & [ ] or ` of its own (a value could end up
 * in a tag, an entity, a link or code), or that puts a value in a code
 * block, right after a backslash, or after a digit when the value starts
 * with "." or ")"; a value that is not plain text (written with {{{...}}}
 * without being escaped).  The built-in templates never do, whatever the
 * data.  Then the document's markup is limited to BC_MD_HTML_MAX_MARKUP
 * characters, which bounds cmark's memory (about 40 MB); the examples
 * have fewer than 200.
 */
#ifndef BC_MD_HTML_H
#define BC_MD_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

/* Characters of markup (\ ` * _ [ ] < & ! and line breaks) in a document
 * that goes through libcmark whole. */
#define BC_MD_HTML_MAX_MARKUP 250000

/* Appends the HTML of len bytes of CommonMark to out. */
void bc_markdown_to_html(const char *md, size_t len, bc_buf *out);

/* A Markdown document made by a template, its values kept apart. */
typedef struct bc_md_parts {
    bc_buf skeleton; /* the template's text, a mark for each value */
    bc_buf values;   /* the values' Markdown, one after the other */
    size_t *marks;   /* where value i's mark starts in skeleton */
    size_t *ends;    /* where value i ends in values */
    size_t count, cap;
    bool whole; /* a value is not plain text: cmark gets the whole */
} bc_md_parts;

void bc_md_parts_init(bc_md_parts *p);
void bc_md_parts_fini(bc_md_parts *p);

/* Adds a value where the template has reached (the end of p->skeleton):
 * len bytes of s, escaped for Markdown (bc_escape_markdown) when escape
 * is set.  A value that comes out empty adds nothing, as in the document;
 * the edges of a plain value, or all of a short one, go to the skeleton
 * (see split_edges in md_html.c). */
void bc_md_parts_add(bc_md_parts *p, const char *s, size_t len, bool escape);

/* The document: the skeleton with each mark replaced by its value. */
void bc_md_parts_markdown(const bc_md_parts *p, bc_buf *out);

/* The skeleton through cmark, the values by bcreport: appends the HTML of
 * the document to out, or returns false, with nothing appended, when that
 * would not be cmark's HTML for the whole document. */
bool bc_md_parts_fast_html(const bc_md_parts *p, bc_buf *out);

/* Appends the HTML of the document to out, as bc_markdown_to_html would,
 * the fast way when it can.
 * Returns false, after an error at where and with nothing appended, when
 * the document must go through libcmark whole and has more markup than
 * BC_MD_HTML_MAX_MARKUP. */
bool bc_md_parts_to_html(const bc_md_parts *p, bc_buf *out, bc_pos where,
                         bc_diags *diags);

#endif

/*
 * md_html.h - reading Markdown through libcmark.
 *
 * The only module that sees libcmark.  It runs cmark in its safe mode:
 * raw HTML in the input becomes a comment, and javascript:, vbscript:,
 * file: and data: links lose their target.  Memory comes from bcreport's
 * own allocator (out of memory exits with status 71, as everywhere else,
 * rather than cmark's abort).
 *
 * bc_md_inline reads one text of the report, escaped for Markdown by
 * escape.h (the narrative with its **bold** and *italic*), and hands what
 * cmark finds in it to a sink: runs of text and the opening and closing of
 * emphasis.  Each output format writes those its own way (writer.h), so
 * the emphasis rules of CommonMark are cmark's, once.  The escaping
 * leaves nothing else to find; anything else cmark reports (code, a link)
 * is handed over as its text.  A text is read on its own, so cmark's
 * memory is bounded by the longest text (BC_YAML_MAX_SCALAR with its
 * citations), not by the document.
 */
#ifndef BC_MD_HTML_H
#define BC_MD_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"

/* What a text is made of, as cmark reads it. */
typedef struct bc_inline_sink {
    void *user;
    void (*text)(void *user, const char *s, size_t len);
    void (*strong)(void *user, bool open);
    void (*emph)(void *user, bool open);
} bc_inline_sink;

/* Reads len bytes of Markdown as the inline content of one paragraph and
 * reports it to sink, in order.  A line break is reported as a space. */
void bc_md_inline(const char *md, size_t len, const bc_inline_sink *sink);

/* Appends the HTML of len bytes of CommonMark to out (a whole document:
 * the tests use it to check what the Markdown output means). */
void bc_markdown_to_html(const char *md, size_t len, bc_buf *out);

#endif

/*
 * md_html.h - CommonMark to HTML, through libcmark.
 *
 * The only module that sees libcmark.  It runs cmark in its safe mode:
 * raw HTML in the input becomes a comment, and javascript:, vbscript:,
 * file: and data: links lose their target, so no markup in the data can
 * reach the page even if the Markdown escaper missed it.  Memory comes
 * from bcreport's own allocator (out of memory exits with status 71, as
 * everywhere else, rather than cmark's abort).
 */
#ifndef BC_MD_HTML_H
#define BC_MD_HTML_H

#include <stddef.h>

#include "bcreport/buf.h"

/* Appends the HTML of len bytes of CommonMark to out. */
void bc_markdown_to_html(const char *md, size_t len, bc_buf *out);

#endif

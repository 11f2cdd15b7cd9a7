/*
 * escape.h - writing text so that an output format shows it as plain text.
 *
 * An escaper appends len bytes of UTF-8 text s to out, written so that the
 * format reads it back as exactly that text: a value from the data can
 * never add markup, open a block or reach the page as HTML.  The template
 * engine takes one per render (template.h); citations take the Markdown
 * one.  Escapers never fail; out of memory exits (alloc.h).
 */
#ifndef BC_ESCAPE_H
#define BC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"

typedef void (*bc_escape_fn)(const char *s, size_t len, bc_buf *out);

/* & < > " ' as &amp; &lt; &gt; &quot; &#39;: the Mustache spec's escaping,
 * right for HTML text and attribute values. */
void bc_escape_html(const char *s, size_t len, bc_buf *out);

/* So that CommonMark (cmark) shows it as plain text, whatever surrounds
 * it: the value can neither add markup nor start a block.
 *   - Always backslash-escaped: \ ` * _ [ ] < &, and # after whitespace
 *     (an ATX heading's closing sequence).
 *   - At the start of the value (after its leading blanks), where a line
 *     may start: # > = ~ + -, except + or - before a digit (so -5 and
 *     +84 stay as they are), and the . or ) of a number followed by
 *     whitespace or the end ("1. a" gives "1\. a", "115.000" stays).
 *   - Blanks (utf8.h: no-break and zero-width spaces too) at the edges are
 *     dropped: there they could start a heading, a list or a code block
 *     next to the template's text, make a hard line break, or undo the
 *     template's "**" around the value; inside, a run of whitespace
 *     holding a line break becomes one space, so a value cannot end a
 *     heading, a table row or a paragraph or start a new block ("a\n# b"
 *     gives "a \# b").
 * Everything else, including dates (05/01/2024), amounts (115.000.000
 * đồng), slashes, dashes and any UTF-8 text, is written as it is. */
void bc_escape_markdown(const char *s, size_t len, bc_buf *out);

/* Marks that bcreport puts into text it builds (expanded citations): the
 * data can hold none of them, as its control characters are refused.
 *   EMPH      the span is in italics ("sau đây gọi tắt là ...");
 *   LITERAL   text bcreport inserted, never markup, even in rich text;
 *   NOBREAK   a document number, never broken across lines on the page:
 *             left in place by the escapers, for the format to render. */
#define BC_MARK_EMPH_OPEN '\x01'
#define BC_MARK_EMPH_CLOSE '\x02'
#define BC_MARK_LITERAL_OPEN '\x03'
#define BC_MARK_LITERAL_CLOSE '\x04'
#define BC_MARK_NOBREAK_OPEN '\x05'
#define BC_MARK_NOBREAK_CLOSE '\x06'

/* bc_escape_markdown for marked text: the EMPH spans in *italics*, the
 * LITERAL marks dropped, the NOBREAK ones kept.  With rich (narrative),
 * the data's own * and _ outside LITERAL spans stay markup, so that
 * **bold** and *italic* are honoured; a "* " or "***" that would start a
 * list or a rule is still escaped. */
void bc_escape_markdown_marked(const char *s, size_t len, bool rich,
                               bc_buf *out);

/* The text as it is: for output that is not markup. */
void bc_escape_none(const char *s, size_t len, bc_buf *out);

#endif

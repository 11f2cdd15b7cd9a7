/*
 * writer.h - how each output format writes the report's texts.
 *
 * The view (view.h) hands every text of the report to the writer of the
 * output format, which returns it ready to stand in that format's
 * templates as it is: escaped, with its marks (escape.h) turned into the
 * format's own markup: the italics of "sau đây gọi tắt là", document
 * numbers that never break across lines, and in narrative (rich text)
 * the clerk's **bold** and *italic*, read by libcmark (md_html.h).
 * Nothing else the data holds ever becomes markup.
 */
#ifndef BC_WRITER_H
#define BC_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"

typedef struct bc_writer {
    const char *name; /* "md", "html", "docx" */
    /* Appends len bytes of marked text s to out; rich for narrative. */
    void (*text)(const char *s, size_t len, bool rich, bc_buf *out);
    /* The same without markup, where the format allows none (the title
     * of an HTML page). */
    void (*bare)(const char *s, size_t len, bc_buf *out);
} bc_writer;

/* Markdown (CommonMark): values escaped by bc_escape_markdown, document
 * numbers as they are. */
extern const bc_writer bc_writer_markdown;

/* HTML: text escaped as HTML, <em> and <strong>, document numbers in a
 * <span class="bc-nb"> that the style keeps on one line. */
extern const bc_writer bc_writer_html;

/* WordprocessingML (the document.xml of a DOCX): each text a sequence of
 * runs (<w:r>) for a template's <w:p>, bold and italic as run
 * properties, a document number's hyphens non-breaking
 * (<w:noBreakHyphen/>) and its spaces no-break spaces; escaped as XML.
 * Bare text is plain escaped XML text (the document's title in
 * docProps). */
extern const bc_writer bc_writer_wml;

/* Plain text, for formats without markup (CSV, spreadsheet cells): the
 * marks dropped, nothing escaped; rich text read as Markdown, its
 * emphasis dropped. */
extern const bc_writer bc_writer_plain;

#endif

/*
 * docx.h - the report as a Word document (DOCX, Office Open XML).
 *
 * Every part of the package is rendered from a template over the view
 * (view.h, its texts written as WordprocessingML runs by bc_writer_wml),
 * so an office adapts them like the other formats' templates: the
 * document, its styles (Normal, Body Text, Title, Subtitle, Heading 1-3,
 * List Bullet, Table Grid and the header's own), settings, the page
 * headers (the first page's empty, the others' with the page number),
 * the font table, the core and app properties, the content types and the
 * relationships.  Then the parts are zipped (zip.h): the same bytes on
 * every run, as no clock is read.
 *
 * A DOCX cannot centre a block of lines on one another or draw a rule
 * 40 % as long as the line above, as CSS does, so the view gets a "docx"
 * map of lengths in twips computed from the text's widths in Times New
 * Roman (textwidth.h): the rules under the agency and the subject, where
 * the Kính gửi block starts, the columns of the header and the footer.
 */
#ifndef BC_DOCX_H
#define BC_DOCX_H

#include <stdbool.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/template.h"
#include "bcreport/value.h"

/* The parts, in the order they are zipped (Word's: the content types
 * first), each with the name of its template. */
typedef struct bc_docx_part {
    const char *path;     /* in the package: "word/document.xml" */
    const char *template; /* "docx-document.xml" */
} bc_docx_part;

extern const bc_docx_part bc_docx_parts[];
extern const size_t bc_docx_part_count;

/* Adds the "docx" lengths to view (a map, allocated in arena), renders
 * each part's template with resolver (bc_view_render; folder: the
 * templates' folder, for messages, or NULL) and appends the zipped
 * package to out.
 * False after diagnostics (out then holds nothing useful). */
bool bc_docx_write(bc_value *view, bc_arena *arena, bc_resolver *resolver,
                   const char *folder, bc_buf *out, bc_diags *diags);

#endif

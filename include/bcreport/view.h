/*
 * view.h - the view model: the report as the templates see it.
 *
 * bc_view_build turns a checked report into a value tree for the Mustache
 * templates of one output format, doing everything a template should not:
 * numbering (I, II; 1, 2; a, b, ..., đ, e, g), Vietnamese dates and money,
 * the blanks of an unsigned document, citations expanded in document
 * order (in every text: any of them may cite; the subject in full,
 * without counting as the first mention), the sentences of the typed
 * activities, the cells and totals of tables.  Every text comes ready for
 * the format, escaped and marked up by its writer (writer.h): templates
 * put values as they are, and render without escaping of their own.
 * Narrative (paragraphs, bullets, notes, the clerk's own sentences) is
 * rich: its **bold** and *italic* are kept.  The keys:
 *
 *   issuer.parent issuer.name[] issuer.short_name
 *   number_line   "Số:      /BC-UBND"
 *   place_date    "Bình Sơn, ngày      tháng      năm 2023"
 *   type subject year
 *   recipients[]  ";" after each, "." after the last
 *   recipient     the only one, or null
 *   preamble[]    blocks
 *   sections[]    the parts present, in the data's order: number ("I"),
 *                 title, to (proposals' "Kính đề nghị", or null),
 *                 blocks[], items[]
 *     items[]     number ("1"), title, activities[], blocks[], causes
 *                 (or null), points[]
 *       points[]  letter ("a"), title, activities[], blocks[]
 *       activities[] text: a sentence for each delegation, visit, aid
 *                 project and event, or the clerk's own
 *   closing       without its "./."; distribution[] punctuated
 *   signers[]     lines[], title, name: the lead agency last (on the
 *                 right); several_signers: more than one
 *   appendices[]  label ("Phụ lục I"), title, reference ("(Kèm theo Báo
 *                 cáo số ... của ...)"), blocks[]
 *
 * A block is one of {paragraph}, {bullets: [{text, subs[]}]}, {note:
 * {label, text}} or {table: {title (or null), header[], rows[]: {cells[]},
 * total: {cells[]} or null, roomy}}, the other keys null.  A cell has text,
 * align (left, right, center) and rule (its column's Markdown rule: "---",
 * "---:", ":---:").  roomy: the table has few enough columns of figures
 * (at most 6) for each to be given 3.6 em, room for its header.  Absent optional values are null, never missing, so
 * strict templates can test them.
 *
 * The view lives in the arena given and borrows nothing from the report:
 * every text is copied, so the report may be freed once the view is built
 * (but see bc_view_build_lazy).  Returns NULL after adding errors
 * (an unknown citation, more points than there are letters).  cites, when
 * not NULL, receives what the view's citations printed (cite.h), even
 * after errors: `check` reasons about the citations the document actually
 * prints.
 */
#ifndef BC_VIEW_H
#define BC_VIEW_H

#include "bcreport/arena.h"
#include "bcreport/cite.h"
#include "bcreport/diag.h"
#include "bcreport/report.h"
#include "bcreport/template.h"
#include "bcreport/value.h"
#include "bcreport/writer.h"

bc_value *bc_view_build(const bc_report *report, const bc_writer *writer,
                        bc_arena *arena, bc_cite_record *cites,
                        bc_diags *diags);

/* The same view, with its long lists lazy (value.h): a part's items, an
 * entry's activities and a typed table's rows are made as a template
 * reads them, each dropped after, so that the 10 000 items, 30 000
 * sentences and 12 500 rows of a report of 13 MB are never alive at
 * once.  Only what cites nothing (and where self_name, standing in,
 * cites nothing) is made so, and only an item without points or tables
 * that is not the limitations (closed by their causes), since a
 * citation prints according to what was cited before it; what it counts
 * against the citations' budget is counted here, in document order, so
 * the errors are those of bc_view_build and the text the same, byte for
 * byte.  Such a view borrows report: the report's arena must outlive the
 * view's last reading (build.c frees it with the view's arena).  A
 * reader of the view reads a list's items with bc_value_seq_item; a
 * lazily made item holds no table. */
bc_value *bc_view_build_lazy(const bc_report *report,
                             const bc_writer *writer, bc_arena *arena,
                             bc_cite_record *cites, bc_diags *diags);

/* Renders the template called name from resolver (folder: its folder, for
 * messages; NULL for the built-in ones) over view, appending to out:
 * strictly (an undefined name is an error) and with no escaping, as the
 * view's texts are written for the format already.  False after
 * diagnostics; a missing template is status 66. */
bool bc_view_render(bc_resolver *resolver, const char *name,
                    const bc_value *view, const char *folder, bc_buf *out,
                    bc_diags *diags);

/* The same, handing the output to sink as it is made (in pieces, out the
 * buffer between them: bc_render_options.sink in template.h), so that a
 * document is never held whole. */
bool bc_view_stream(bc_resolver *resolver, const char *name,
                    const bc_value *view, const char *folder, bc_buf *out,
                    bc_render_sink sink, void *sink_ctx, bc_diags *diags);

#endif

/*
 * view.h - the view model: the report as the templates see it.
 *
 * bc_view_build turns a checked report into a value tree for the Mustache
 * templates, doing everything a template should not: numbering (I, II;
 * 1, 2; a, b, ..., đ, e, g), Vietnamese dates and money, the blanks of an
 * unsigned document, citations expanded in document order (in every text:
 * any of them may cite; the subject in full, without counting as the first
 * mention).  Text that may
 * carry markup made by bcreport (the italics of "sau đây gọi tắt là") comes
 * as ready Markdown, to be written with {{{...}}}; everything else is plain
 * text, escaped by the template.  The keys:
 *
 *   issuer.parent issuer.name[] issuer.short_name      plain
 *   number_line   "Số:      /BC-UBND"                  plain
 *   place_date    "Bình Sơn, ngày      tháng      năm 2023"
 *   type subject year                                  plain
 *   recipients[]  recipient (the only one, or null)    plain
 *   preamble[]    blocks
 *   sections[]    number ("I"), title (Markdown), to (plain or null),
 *                 blocks[], items[]
 *     items[]     number ("1"), title, blocks[], causes (Markdown or null),
 *                 points[]
 *       points[]  letter ("a"), title, delegations[], aid_projects[],
 *                 blocks[]
 *   closing       Markdown; distribution[] plain
 *   signature.lines[] signature.title signature.name   plain
 *
 * A block is one of {paragraph: Markdown}, {bullets: [{text: Markdown,
 * subs: [Markdown]}]} or {note: {label: plain, text: Markdown}}.  A
 * delegation has year, who, with (or null), countries ("Hàn Quốc và Nhật
 * Bản"), purpose; an aid project has year, partner, donor, project, place,
 * amount ("115.000.000 đồng") and amount_words ("Một trăm mười lăm triệu
 * đồng"), legal_basis (Markdown), status, disbursed and disbursed_words
 * (or null).  Absent optional values are null, never missing, so strict
 * templates can test them.
 *
 * The view lives in the arena given and borrows nothing from the report
 * that the arena does not also hold.  Returns NULL after adding errors
 * (an unknown citation, more points than there are letters).  uses, when
 * not NULL, receives what the view printed of each registered document
 * (report->citations.count entries, cite.h), even after errors: `check`
 * reasons about the citations the document actually prints.
 */
#ifndef BC_VIEW_H
#define BC_VIEW_H

#include "bcreport/arena.h"
#include "bcreport/cite.h"
#include "bcreport/diag.h"
#include "bcreport/report.h"
#include "bcreport/value.h"

bc_value *bc_view_build(const bc_report *report, bc_arena *arena,
                        bc_cite_use *uses, bc_diags *diags);

#endif

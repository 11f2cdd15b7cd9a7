/*
 * lint.h - the checks of `bcreport check`: mistakes that slip into official
 * documents although the data file is well formed.
 *
 * bc_lint reads a loaded report (report.h) and adds warnings to diags, each
 * at the line and column of the text at fault:
 *
 *   - a citation typed by hand in the prose ("Nghị định số 80/2022/NĐ-CP
 *     ngày 17/9/2020") that disagrees with the registered document of the
 *     same type and number, or with another hand-typed mention of it
 *     (another number or date);
 *   - a document whose number carries a year later than its date;
 *   - a reference to a document that is not registered but resembles one
 *     that is ("Kế hoạch 12": did you mean "Kế hoạch số 92" or "Chỉ thị số
 *     12"?);
 *   - a registered document that the document never prints (uses, the
 *     record of the view's citer: a document cited only in the title of
 *     another that is never cited is not printed either);
 *   - Nơi nhận without the records-office copy ("Lưu: VT"), or with a
 *     duplicate entry.
 *
 * With final set (a document about to be issued) it adds errors for a blank
 * number, a blank date, and a date before the date of a document it prints.
 * Nothing is allocated beyond the diagnostics.  Documents are looked up in
 * hash maps, so the checks take time linear in the number of mentions and
 * of Nơi nhận entries; each finding also costs a bc_report_locate.
 */
#ifndef BC_LINT_H
#define BC_LINT_H

#include <stdbool.h>

#include "bcreport/cite.h"
#include "bcreport/diag.h"
#include "bcreport/report.h"

typedef struct bc_lint_options {
    bool final; /* the checks for a document about to be issued */
} bc_lint_options;

void bc_lint(const bc_report *report, const bc_cite_record *cites,
             const bc_lint_options *options, bc_diags *diags);

#endif

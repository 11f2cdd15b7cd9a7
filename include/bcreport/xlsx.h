/*
 * xlsx.h - the summary's tables as a workbook (bcreport summary -f xlsx),
 * for the department, which works in spreadsheets.
 *
 * bc_xlsx_write makes one sheet a table (summary.h), named in Vietnamese
 * (the table's sheet, at most 31 characters): an STT column, then the
 * table's; the header row bold and frozen, so it stays in sight; amounts
 * and counts as numbers in the format #,##0 (thousands separated as the
 * reader's locale separates them); subtotals and the total as formulas,
 * =SUBTOTAL(9,...) over the rows they add up (SUBTOTAL leaves out the
 * subtotals within its range, and rows a filter hides), with their
 * values computed, for readers that do not calculate; each column as
 * wide as its longest text in characters, at most 50 (longer text
 * wraps); a table's note on a row below it.  The workbook's properties
 * carry the title, the author and a fixed date (info), so two runs give
 * the same bytes.
 *
 * libxlsxwriter (the only module that sees it) writes to a file by name:
 * bc_xlsx_write gives it a temporary file in the folder of near (the
 * output, so the bytes are written where they will stay; NULL or "-":
 * $TMPDIR, or /tmp), its name removed at once where /proc lets the
 * library reach it without one, so nothing is left behind even when
 * the program is killed.  The workbook is then read back into out, for
 * the caller to write as any output (output.h: through a temporary file
 * renamed when complete).  It is checked first (bc_xlsx_damage): the
 * library does not check the writes to its own temporary files, and on a
 * full disk reports success for a workbook missing a part.  False after
 * an error in diags (73 or 74 when the temporary file cannot be made,
 * written or read, or the workbook came out damaged; 70 when the library
 * refuses what it was given); out then holds nothing useful.
 */
#ifndef BC_XLSX_H
#define BC_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/summary.h"

typedef struct bc_xlsx_info {
    const char *title;  /* plain text, or NULL */
    const char *author; /* plain text, or NULL */
    int year, month, day; /* the date the workbook says it was made */
} bc_xlsx_info;

bool bc_xlsx_write(const bc_summary_table *tables, size_t count,
                   const bc_xlsx_info *info, const char *near, bc_buf *out,
                   bc_diags *diags);

/* NULL when the len bytes of workbook are a whole one: a ZIP archive
 * whose entries all have the size and CRC-32 its directory gives, its XML
 * parts each one root element whose tags all close (a part cut short
 * never closes it); else what is wrong, a phrase in English to translate
 * with _().  Not a validator of the format: what libxlsxwriter's
 * temporary files lose when a write fails. */
const char *bc_xlsx_damage(const void *workbook, size_t len);

#endif

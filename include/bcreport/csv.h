/*
 * csv.h - the summary's tables as CSV (bcreport summary -f csv).
 *
 * bc_csv_write appends the tables (summary.h) to out for a spreadsheet to
 * open: UTF-8 with a byte-order mark (without it Excel reads the file in
 * the Windows code page and the Vietnamese is garbled), CRLF at the end
 * of every line, RFC 4180 quoting (a field holding a comma, a quote, a
 * CR or an LF is quoted, its quotes doubled).  Each table is a line with
 * its title, its header row, its rows (subtotals and the total too, their
 * sums computed), then its note, if any, on a line of its own; one empty
 * line separates two tables.  Numbers are plain digits (1250000000), so
 * a spreadsheet reads them as numbers whatever its locale; texts are
 * written without markup (writer.h's plain writer).
 *
 * Nothing here can fail; out of memory exits (alloc.h).
 */
#ifndef BC_CSV_H
#define BC_CSV_H

#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/summary.h"

void bc_csv_write(const bc_summary_table *tables, size_t count,
                  bc_buf *out);

#endif

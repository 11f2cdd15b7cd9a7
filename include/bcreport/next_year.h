/*
 * next_year.h - next year's data file from this year's (bcreport init).
 *
 * bc_next_year reads a valid data file and writes, as YAML, the file to
 * start next year's report from:
 *  - the same agency, recipients, citations, registry, signers, closing,
 *    Nơi nhận and structure (parts, items, points, sections, appendices);
 *  - the year moved on where the text says it ("năm 2025" becomes "năm
 *    2026" in the subject and the titles, "năm 2026" of the plans "năm
 *    2027"), each change reported as a note at its place;
 *  - the number and the date blank, to be filled when it is issued;
 *  - each narrative (preamble, body, causes) replaced by a place to fill,
 *    «...», last year's text kept above it as YAML comments to edit from;
 *    tables made from the activities (table: {from: ...}) kept;
 *  - the activities (delegations, visits, aid_projects, events) left out,
 *    last year's kept as comments that show their structure;
 *  - each cited document the file marks as replaced reported, with what
 *    replaced it (a warning, and a comment above the citations).
 * The result is parsed again before it is returned: it always loads, and
 * `check` lists its «...».
 *
 * path names a file (not standard input: it is read twice).  year 0 means
 * the file's year + 1.  Appends to out, which the caller owns; returns
 * false after adding diagnostics (out then holds nothing useful).
 */
#ifndef BC_NEXT_YEAR_H
#define BC_NEXT_YEAR_H

#include <stdbool.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

bool bc_next_year(const char *path, int year, bc_buf *out, bc_diags *diags);

#endif

/*
 * summary.h - the province's summary of many reports (bcreport summary).
 *
 * bc_summary_build takes the data files of many units (communes, wards,
 * departments) and loads each exactly as `build` does (bc_build_load,
 * build.h): a file with any error is left out whole, its diagnostics
 * added to diags, its name printed in the summary; the others are
 * summarised.  A unit is the reporting agency, its
 * document.issuer.short_name; units come in the order they first appear
 * among the files, a unit's rows in the order of its files, then of each
 * file.  From each report come the activities typed in the results, the
 * assessment, the proposals and the clerk's own sections (those under
 * "plans" are next year's, not done, and are left out), and the
 * proposals.
 *
 * The summary is six tables (bc_summary_table, below), drawn by every
 * output format:
 *   - md, html, docx, pdf: a view of the report's shape (view.h) that the
 *     report's own templates render (bc_build_view), its header and
 *     footer from a frame (report.h's bc_report_parse_frame): the file
 *     given as --header, or the built-in templates/summary-header.yaml,
 *     with blanks to fill by hand;
 *   - xlsx (xlsx.h): a sheet a table, the totals as formulas;
 *   - csv (csv.h): the tables one after another.
 * Texts in the tables are marked text (escape.h: citations expanded in
 * full, as in a subject, without "sau đây gọi tắt là"), which each
 * format's writer writes (writer.h).
 *
 * bc_summary_build appends the output to a bc_buf the caller owns and
 * frees all else it allocates before returning; the tables that xlsx.h
 * and csv.h are given live only during the call.
 */
#ifndef BC_SUMMARY_H
#define BC_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/blocks.h"
#include "bcreport/buf.h"
#include "bcreport/build.h"
#include "bcreport/diag.h"
#include "bcreport/report.h"

typedef struct bc_summary_column {
    const char *title;   /* "Kinh phí (đồng)" */
    bc_column_type type; /* text, integer, amount or date (as text) */
    bool rich;   /* narrative (a proposal): its **bold** and *italic* kept */
    bool summed; /* added up in the totals */
} bc_summary_column;

typedef enum bc_summary_row_kind {
    BC_SUMMARY_ITEM,     /* an activity, a unit, a proposal: numbered */
    BC_SUMMARY_SUBTOTAL, /* "Cộng <unit>": the unit's items just above */
    BC_SUMMARY_TOTAL     /* "Tổng cộng": every item, the last row */
} bc_summary_row_kind;

/* A cell: text for the text and date columns (and a total's label),
 * a number for the others; set false for a blank. */
typedef struct bc_summary_cell {
    const char *text; /* marked text; NULL for a number */
    int64_t number;
    bool set;
} bc_summary_cell;

typedef struct bc_summary_row {
    bc_summary_row_kind kind;
    size_t first; /* a subtotal or total: the first row it adds up (a
                   * total adds up from 0, subtotals aside) */
    bc_summary_cell *cells; /* one a column */
} bc_summary_row;

typedef struct bc_summary_table {
    const char *title; /* the part's title: "DỰ ÁN VIỆN TRỢ NƯỚC NGOÀI" */
    const char *sheet; /* a spreadsheet's name for it, at most 31
                        * characters: "Dự án viện trợ" */
    const bc_summary_column *columns;
    size_t column_count;
    BC_LIST_OF(bc_summary_row) rows;
    const char *note; /* marked text after the table, or NULL */
    const char *none; /* what the document says when there is no row */
} bc_summary_table;

/* The tables, in the order the document prints them. */
enum {
    BC_SUMMARY_COUNTS,      /* per unit: reports, projects, delegations */
    BC_SUMMARY_AID,         /* aid projects, a subtotal a unit */
    BC_SUMMARY_VISITS,      /* foreign delegations received */
    BC_SUMMARY_DELEGATIONS, /* trips abroad */
    BC_SUMMARY_EVENTS,
    BC_SUMMARY_PROPOSALS,
    BC_SUMMARY_TABLE_COUNT
};

/* ---- the command ---- */

/* The documents are build's formats, by the same values. */
typedef enum bc_summary_format {
    BC_SUMMARY_MD = BC_FORMAT_MD,
    BC_SUMMARY_HTML = BC_FORMAT_HTML,
    BC_SUMMARY_DOCX = BC_FORMAT_DOCX,
    BC_SUMMARY_PDF = BC_FORMAT_PDF,
    BC_SUMMARY_XLSX,
    BC_SUMMARY_CSV
} bc_summary_format;

#define BC_SUMMARY_FORMAT_NAMES "md, html, docx, pdf, xlsx, csv"

/* By name ("xlsx") or by a file's extension in any case (.md .markdown
 * .html .htm .docx .pdf .xlsx .csv); false if none. */
bool bc_summary_format_named(const char *name, bc_summary_format *format);
bool bc_summary_format_of_path(const char *path, bc_summary_format *format);
const char *bc_summary_format_name(bc_summary_format format);

typedef struct bc_summary_options {
    bc_summary_format format;
    const char *header;       /* --header FILE, or NULL */
    const char *template_dir; /* -T DIR, or NULL: the built-in templates */
    const char *pdf_engine;   /* as build's --pdf-engine */
    const char *output; /* -o OUT or NULL: its folder takes the workbook's
                         * temporary file (xlsx.h) */
} bc_summary_options;

/* What bc_summary_build did with the files. */
typedef struct bc_summary_result {
    size_t files;     /* given */
    size_t failed;    /* left out, their diagnostics in diags */
    bc_status status; /* the command's: 65 when a file was left out or
                       * none could be read, the status of what failed
                       * otherwise (the frame, the PDF engine, the
                       * workbook's file), 0 when all went well */
} bc_summary_result;

/* bcreport summary: reads the files and appends the summary in the
 * format of options to out.  True when out holds it, even when some
 * files were left out (result says how many); false, out holding
 * nothing useful, when none could be read, the frame is wrong or the
 * output could not be made.  Everything it allocates is freed before
 * it returns; out is the caller's. */
bool bc_summary_build(const char *const *paths, size_t count,
                      const bc_summary_options *options, bc_buf *out,
                      bc_summary_result *result, bc_diags *diags);

#endif

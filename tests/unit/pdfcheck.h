/*
 * pdfcheck.h - measuring a printed report, for the tests of every format
 * that reaches paper (the HTML through Chromium, the DOCX through
 * LibreOffice): the words where poppler's pdftotext -bbox puts them, the
 * rules pdftocairo draws, the fonts pdffonts lists, and the checks of
 * Decree 30's layout on them.  Sizes are in points from the page's top
 * left.  Everything returned is malloc'd; pc_words_fini frees words.
 */
#ifndef BC_PDFCHECK_H
#define BC_PDFCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"

#define PC_MM (72.0 / 25.4)
#define PC_LEFT (30 * PC_MM)
#define PC_RIGHT ((210 - 15) * PC_MM)
#define PC_TOP (20 * PC_MM)
#define PC_MIDDLE ((PC_LEFT + PC_RIGHT) / 2)

/* Runs a shell command, its standard output and error into out when out
 * is not NULL; returns its exit status (128 when it did not exit). */
int pc_shell(const char *cmd, bc_buf *out);

/* Runs fmt with the PDF's path put in its %s, its output into out (the
 * test fails when the command does). */
void pc_run_tool(const char *fmt, const char *pdf, bc_buf *out);

/* A tool the test needs: a missing one skips the test loudly, and fails it
 * under CI=true. */
void pc_require(const char *tool, const char *package);

typedef struct pc_word {
    int page;
    double x0, y0, x1, y1;
    char text[128];
} pc_word;

typedef struct pc_words {
    pc_word *items;
    size_t count;
} pc_words;

void pc_read_words(const char *pdf, pc_words *out);
void pc_words_fini(pc_words *ws);

/* The first word text on page (0: any), or NULL; its index, or -1. */
const pc_word *pc_find_word(const pc_words *ws, int page, const char *text);
long pc_word_index(const pc_words *ws, int page, const char *text);

double pc_centre(const pc_word *w);
bool pc_near(double a, double b, double tolerance);

/* The number of pages; the page must be A4 (either engine's rounding). */
int pc_page_count(const char *pdf);

/* A horizontal rule of page: from x0 to x1 at y. */
typedef struct pc_rule {
    double x0, x1, y;
} pc_rule;

/* The horizontal rules of page (thin filled boxes as Chromium draws them,
 * stroked lines as LibreOffice does), top to bottom; at most max. */
size_t pc_read_rules(const char *pdf, int page, pc_rule *rules, size_t max);

/* The font families of the PDF (pdffonts), one line each, the subset
 * prefix removed: "LiberationSerif", "LiberationSerif-Bold", ... */
void pc_fonts(const char *pdf, bc_buf *out);

/* The page's layout as Decree 30 wants it: text between the margins,
 * justified lines reaching the right one, the page numbers of numbers
 * (pages entries; 0: none; NULL: none on page 1, then 2, 3...) centred
 * in the top margin; the Quốc hiệu on one line at 12 pt; "Số" level with
 * the date; the subject's lines evenly spaced. */
void pc_check_layout(const pc_words *ws, int pages, const int *numbers);

/* The number in page p's top margin, centred: expected (0: none). */
void pc_check_page_number(const pc_words *ws, int p, int expected);

/* The header in halves: the agency centred over the left 41 % of the
 * text width, the Quốc hiệu and Tiêu ngữ over the right 59 %; the title
 * centred on the page's text; the rules under the agency (a third to a
 * half of its line), the Tiêu ngữ (as long as it) and the subject. */
void pc_check_header(const char *pdf, const pc_words *ws);

/* The end: the signer's name (its first word given) right of the middle,
 * "Nơi nhận:" at the left margin, both on page `page`. */
void pc_check_end(const pc_words *ws, const char *signer, int page);

/* Every word of the Markdown output md (markup, escapes and table rows
 * left out) in the PDF's text, in order. */
void pc_check_text_order(const char *pdf, const char *md);

#endif

/* test_print.c - the report on paper, from both roads to PDF: the HTML
 * printed by Chromium (`-o x.pdf`) and the DOCX printed by LibreOffice
 * (`--pdf-engine=libreoffice`, which is also how the DOCX is checked:
 * Word cannot run here).  For every example in data/ (and the HTML layout fixture), the same
 * measurements on the PDF (pdfcheck.h): A4, the margins, the header in
 * halves with its rules, the Quốc hiệu on one line, the centred title,
 * page numbers from page 2 and each appendix numbered on its own, the
 * signer on the right and Nơi nhận on the left on the report's last page,
 * one font family, every word of the Markdown output in order, the title
 * in the PDF's properties; and the
 * page counts recorded in tests/golden/NAME.pdf-pages. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/buf.h"
#include "pdfcheck.h"

typedef struct example {
    const char *path;   /* the data file */
    const char *name;   /* tests/golden/NAME.pdf-pages */
    const char *signer; /* the first word of the (lead) signer's name */
} example;

/* The examples, and the HTML layout fixture: two signers, several
 * recipients, a table over two pages, two appendices, one of them over
 * two pages. */
static const example examples[] = {
    {"data/2023.yaml", "2023", "Phạm"},
    {"data/2025-xa.yaml", "2025-xa", "Nguyễn"},
    {"data/2026-xa.yaml", "2026-xa", "Nguyễn"},
    {"tests/fixtures/html/layout.yaml", "layout", "Nguyễn"}};

typedef enum engine { CHROMIUM, LIBREOFFICE } engine;
static const char *const engine_names[] = {"chromium", "libreoffice"};

/* Prints data/NAME.yaml through engine; the PDF's path (malloc'd). */
static char *print(const example *ex, engine e)
{
    char *pdf = tu_temp_file("", 0, ".pdf");
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" build %s -o '%s'%s", ex->path, pdf,
             e == LIBREOFFICE ? " --pdf-engine=libreoffice" : "");
    if (r.status != 0)
        fail_msg("%s by %s: status %d: %s", ex->name, engine_names[e],
                 r.status, r.err);
    tu_result_fini(&r);
    return pdf;
}

/* The pages where an appendix starts: its first line is "Phụ lục". */
static bool appendix_starts(const pc_words *ws, int page)
{
    for (size_t i = 0; i + 1 < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page == page && w->y0 >= PC_TOP)
            return !strcmp(w->text, "Phụ") &&
                   !strcmp(ws->items[i + 1].text, "lục");
    }
    return false;
}

/* The pages recorded for NAME printed by engine. */
static int golden_pages(const example *ex, engine e)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.pdf-pages", ex->name);
    char *text = tu_read_file(path, NULL);
    if (!text)
        fail_msg("%s is missing", path);
    const char *at = strstr(text, engine_names[e]);
    if (!at)
        fail_msg("%s has no line for %s", path, engine_names[e]);
    int n = atoi(at + strlen(engine_names[e]));
    free(text);
    return n;
}

static void check_fonts(const char *pdf)
{
    bc_buf fonts = BC_BUF_INIT;
    pc_fonts(pdf, &fonts);
    for (char *line = fonts.ptr; *line; line = strchr(line, '\n') + 1)
        if (strncmp(line, "LiberationSerif", 15) != 0)
            fail_msg("a font other than Liberation Serif: %.*s",
                     (int)strcspn(line, "\n"), line);
    bc_buf_fini(&fonts);
}

/* The PDF's title: the type and the subject, as the HTML page's title
 * and the DOCX's properties give it. */
static void check_title(const char *pdf, engine e)
{
    tu_result r;
    tu_shell(&r, "pdfinfo '%s' | sed -n 's/^Title: *//p'", pdf);
    if (strncmp(r.out, "BÁO CÁO: Kết quả", strlen("BÁO CÁO: Kết quả")) != 0)
        fail_msg("%s: the PDF's title is \"%s\"", engine_names[e], r.out);
    tu_result_fini(&r);
}

static void check_printed(const example *ex, engine e)
{
    char *pdf = print(ex, e);
    int pages = pc_page_count(pdf);
    if (pages != golden_pages(ex, e))
        fail_msg("%s by %s: %d pages, %d recorded", ex->name,
                 engine_names[e], pages, golden_pages(ex, e));
    pc_words ws;
    pc_read_words(pdf, &ws);
    int report = pages; /* the report's own pages, before any appendix */
    for (int p = pages; p > 1; p--)
        if (appendix_starts(&ws, p))
            report = p - 1;
    pc_check_layout(&ws, report, NULL);
    for (int p = report + 1, n = 0; p <= pages; p++) {
        n = appendix_starts(&ws, p) ? 1 : n + 1; /* each on its own */
        pc_check_page_number(&ws, p, n == 1 ? 0 : n);
    }
    pc_check_header(pdf, &ws);
    pc_check_end(&ws, ex->signer, report);
    check_fonts(pdf);
    check_title(pdf, e);
    tu_result md;
    tu_shell(&md, "\"$BCREPORT\" build %s", ex->path);
    pc_check_text_order(pdf, md.out);
    tu_result_fini(&md);
    pc_words_fini(&ws);
    remove(pdf);
    free(pdf);
}

static void test_printed_by_chromium(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdftotext", "poppler-utils");
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        check_printed(&examples[i], CHROMIUM);
}

static void test_docx_printed_by_libreoffice(void **state)
{
    (void)state;
    pc_require("soffice", "libreoffice-writer-nogui");
    pc_require("pdftotext", "poppler-utils");
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        check_printed(&examples[i], LIBREOFFICE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printed_by_chromium),
        cmocka_unit_test(test_docx_printed_by_libreoffice),
    };
    return cmocka_run_group_tests_name("print", tests, NULL, NULL);
}

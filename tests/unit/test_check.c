/* test_check.c - `bcreport check`: lint findings at their lines, --werror,
 * --final, several files, and files of any size checked in linear time. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* Runs check in dir (so messages name bare files). */
static void run_check(const char *dir, const char *const *args, tu_result *r)
{
    char cwd[4096];
    tu_bin(); /* found while the folder is still the repository's */
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    tu_run(r, NULL, 0, args);
    assert_int_equal(chdir(cwd), 0);
}

/* The example report as its clerk typed it: every inconsistency found,
 * at its line and column. */
static void test_example_findings(void **state)
{
    (void)state;
    char *want = tu_read_file("tests/fixtures/check/example-2023.err", NULL);
    assert_non_null(want);
    static const char *const args[] = {"check", "example-2023.yaml", NULL};
    tu_result r;
    run_check("tests/fixtures/check", args, &r);
    assert_int_equal(r.status, 0); /* warnings only */
    assert_string_equal(r.err, want);
    /* What the issue names, each at the right place. */
    static const char *const expected[] = {
        "example-2023.yaml:80:42: warning: \"Kế hoạch 92\" is not how the "
        "document is named: write \"Kế hoạch số 92\"\n",
        "example-2023.yaml:175:30: warning: no document \"Kế hoạch 12\" is "
        "known; did you mean \"Kế hoạch số 92\" or \"Chỉ thị số 12\"?\n",
        "example-2023.yaml:228:43: warning: the number 80/2022/NĐ-CP carries "
        "the year 2022, later than its date 17/9/2020\n",
        "example-2023.yaml:228:43: warning: \"Nghị định số 80/2022/NĐ-CP ngày "
        "17/9/2020\" disagrees with \"Nghị định số 80/2020/NĐ-CP ngày "
        "08/7/2020\" at 101:34\n",
        "example-2023.yaml:246:5: warning: write the records-office copy as "
        "\"Lưu: VT\" (then the drafting unit)\n",
        "1 file checked: 0 errors, 8 warnings\n"};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (!strstr(r.err, expected[i]))
            fail_msg("missing: %s", expected[i]);
    tu_result_fini(&r);
    free(want);
}

/* --werror: the same findings, as errors, and status 65. */
static void test_example_findings_werror(void **state)
{
    (void)state;
    static const char *const werror[] = {"check", "--werror",
                                         "example-2023.yaml", NULL};
    tu_result r;
    run_check("tests/fixtures/check", werror, &r);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "example-2023.yaml:80:42: error: "));
    assert_non_null(strstr(r.err, "1 file checked: 8 errors, 0 warnings\n"));
    tu_result_fini(&r);
}

static void test_examples_pass_werror(void **state)
{
    (void)state;
    static const char *const args[] = {"check", "--werror", "data/2023.yaml",
                                       "data/2025-xa.yaml",
                                       "data/2026-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "3 files checked: 0 errors, 0 warnings\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

/* Writes minimal.yaml with one text replaced into a temporary file. */
static char *variant(const char *from, const char *to)
{
    char *base = tu_read_file("tests/fixtures/build/minimal.yaml", NULL);
    assert_non_null(base);
    char *at = strstr(base, from);
    if (!at)
        fail_msg("\"%s\" not in minimal.yaml", from);
    bc_buf text = BC_BUF_INIT;
    bc_buf_append(&text, base, (size_t)(at - base));
    bc_buf_puts(&text, to);
    bc_buf_puts(&text, at + strlen(from));
    char *path = tu_temp_file(text.ptr, text.len, ".yaml");
    bc_buf_fini(&text);
    free(base);
    return path;
}

static void expect_findings(const char *from, const char *to,
                            const char *option, int status,
                            const char *const *want)
{
    char *path = variant(from, to);
    const char *args[] = {"check", option ? option : path,
                          option ? path : NULL, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    if (r.status != status)
        fail_msg("status %d, expected %d:\n%s", r.status, status, r.err);
    for (size_t i = 0; want[i]; i++) {
        bc_buf line = BC_BUF_INIT;
        bc_buf_printf(&line, "%s:%s", path, want[i]);
        if (!strstr(r.err, line.ptr))
            fail_msg("missing \"%s\" in:\n%s", line.ptr, r.err);
        bc_buf_fini(&line);
    }
    tu_result_fini(&r);
    remove(path);
    free(path);
}

/* The minimal file is clean. */
static void test_minimal_is_clean(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    expect_findings("A", "A", NULL, 0, none);
}

/* A registered document never cited. */
static void test_registered_never_cited(void **state)
{
    (void)state;
    static const char *const unused[] = {
        "14:10: warning: \"nd80\" is registered but never cited with "
        "[@nd80]\n",
        NULL};
    expect_findings("legal_basis: \"[@nd80]\"", "legal_basis: \"theo luật\"",
                    NULL, 0, unused);
}

/* A registered number whose year is later than its date. */
static void test_registered_year_after_date(void **state)
{
    (void)state;
    static const char *const year[] = {
        "14:43: warning: the number 80/2021/NĐ-CP carries the year 2021, "
        "later than its date 08/7/2020\n",
        NULL};
    expect_findings("80/2020/NĐ-CP", "80/2021/NĐ-CP", NULL, 0, year);
}

/* A hand-typed date that disagrees with the registry. */
static void test_hand_typed_date_disagrees(void **state)
{
    (void)state;
    static const char *const hand[] = {
        "15:16: warning: \"Nghị định số 80/2020/NĐ-CP ngày 09/7/2020\" "
        "disagrees with the registered \"Nghị định số 80/2020/NĐ-CP ngày "
        "08/7/2020\" [@nd80]; cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở Nghị định số 80/2020/NĐ-CP ngày 09/7/2020 "
                    "đầu.\"]",
                    NULL, 0, hand);
}

/* The year may end the number. */
static void test_year_ending_the_number(void **state)
{
    (void)state;
    static const char *const year_last[] = {
        "15:16: warning: the number 5/2020 carries the year 2020, later "
        "than its date 10/02/2019\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở Quyết định số 5/2020 ngày 10/02/2019.\"]",
                    NULL, 0, year_last);
}

/* A no-break space or an invisible character inside a text: one warning,
 * at the first, counting the others. */
static void test_invisible_characters(void **state)
{
    (void)state;
    static const char *const invisible[] = {
        "11:20: warning: invisible character U+00A0 (no-break space) (and 1 "
        "more in this text); type a plain space, or nothing\n",
        NULL};
    expect_findings("subject: \"Kết quả năm 2025\"",
                    "subject: \"Kết quả\\u00A0năm\\u200B 2025\"", NULL, 0,
                    invisible);
}

static void test_one_invisible_character(void **state)
{
    (void)state;
    static const char *const invisible[] = {
        "11:24: warning: invisible character U+200B (zero-width space); "
        "type a plain space, or nothing\n",
        NULL};
    expect_findings("subject: \"Kết quả năm 2025\"",
                    "subject: \"Kết quả năm\\u200B 2025\"", NULL, 0,
                    invisible);
}

/* Nơi nhận: a duplicate, and no copy for the records office. */
static void test_distribution_rules(void **state)
{
    (void)state;
    static const char *const dist[] = {
        "29:28: warning: \"Như trên;\" is twice in Nơi nhận (first at "
        "29:16)\n",
        "29:28: warning: Nơi nhận has no copy for the records office (\"Lưu: "
        "VT\")\n",
        NULL};
    expect_findings("distribution: [\"Lưu: VT, VP\"]",
                    "distribution: [\"Như trên\", \"Như trên;\"]", NULL, 0,
                    dist);
}

/* A mention in brackets is read like any other. */
static void test_mention_in_brackets(void **state)
{
    (void)state;
    static const char *const informal[] = {
        "15:21: warning: \"Nghị định 80\" is not how the document is named: "
        "write \"Nghị định số 80/2020/NĐ-CP\" or cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở đầu (Nghị định 80).\"]", NULL, 0,
                    informal);
}

/* Prose that only looks like a citation, and citations that differ only in
 * what Decree 30 lets vary, give nothing. */
static void test_no_false_findings(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    static const char *const prose[] = {
        "Báo cáo 6 tháng đầu năm 2025; Kế hoạch 5 năm 2021-2025.",
        "Chương trình 135 và Đề án 06; Luật 2024 mới có hiệu lực.",
        /* Another issuer's document with the same number. */
        "Quyết định số 80/QĐ-BNV ngày 10/02/2024 của Bộ Nội vụ.",
        "Công văn số 15/UBND-VX ngày 05/01/2024 và Công văn số "
        "15/SNV-TCBC ngày 20/02/2024.",
        /* The registered document, right, in several spellings. */
        "theo nghị định số 80/2020/NĐ-CP ngày 08 tháng 7 năm 2020 và "
        "Nghị định số 80.",
    };
    for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++) {
        bc_buf to = BC_BUF_INIT;
        bc_buf_printf(&to, "preamble: [\"%s\"]", prose[i]);
        expect_findings("preamble: [\"Mở đầu.\"]", to.ptr, NULL, 0, none);
        bc_buf_fini(&to);
    }
}

/* A small type word and a long date are read too. */
static void test_small_type_word_and_long_date(void **state)
{
    (void)state;
    static const char *const lower[] = {
        "15:25: warning: \"nghị định số 80/2020/NĐ-CP ngày 09 tháng 7 năm "
        "2020\" disagrees with the registered \"Nghị định số 80/2020/NĐ-CP "
        "ngày 08/7/2020\" [@nd80]; cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở đầu theo nghị định số 80/2020/NĐ-CP ngày 09 "
                    "tháng 7 năm 2020.\"]",
                    NULL, 0, lower);
}

/* "Nghị định 80" is the short form without "số". */
static void test_short_form_without_so(void **state)
{
    (void)state;
    static const char *const informal[] = {
        "15:18: warning: \"Nghị định 80\" is not how the document is named: "
        "write \"Nghị định số 80/2020/NĐ-CP\" or cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Theo Nghị định 80.\"]", NULL, 0, informal);
}

/* A citation error does not hide the lint findings of the file. */
static void test_citation_error_keeps_findings(void **state)
{
    (void)state;
    static const char *const both[] = {
        "15:16: error: unknown citation [@zz]; declare it under "
        "\"citations\"\n",
        "29:16: warning: write the records-office copy as \"Lưu: VT\" (then "
        "the drafting unit)\n",
        NULL};
    char *path = variant("distribution: [\"Lưu: VT, VP\"]",
                         "distribution: [\"Lưu VT\"]");
    char *text = tu_read_file(path, NULL);
    remove(path);
    free(path);
    char *at = strstr(text, "preamble: [\"Mở đầu.\"]");
    bc_buf y = BC_BUF_INIT;
    bc_buf_append(&y, text, (size_t)(at - text));
    bc_buf_puts(&y, "preamble: [\"Mở [@zz].\"]");
    bc_buf_puts(&y, at + strlen("preamble: [\"Mở đầu.\"]"));
    free(text);
    char *both_path = tu_temp_file(y.ptr, y.len, ".yaml");
    const char *args[] = {"check", both_path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 65);
    for (size_t i = 0; both[i]; i++) {
        bc_buf line = BC_BUF_INIT;
        bc_buf_printf(&line, "%s:%s", both_path, both[i]);
        if (!strstr(r.err, line.ptr))
            fail_msg("missing \"%s\" in:\n%s", line.ptr, r.err);
        bc_buf_fini(&line);
    }
    tu_result_fini(&r);
    remove(both_path);
    free(both_path);
    bc_buf_fini(&y);
}

/* ---- what the hash maps of lint.c must keep ---- */

static const char preamble[] = "preamble: [\"Mở đầu.\"]";

/* The preamble as a block list of items, one a line from line 16. */
static void preamble_items(bc_buf *to, const char *const *items)
{
    bc_buf_puts(to, "preamble:");
    for (size_t i = 0; items[i]; i++)
        bc_buf_printf(to, "\n  - \"%s\"", items[i]);
}

/* Checks minimal.yaml with from replaced by to: standard error must be
 * exactly the findings want, in order, then the summary line. */
static void expect_exactly(const char *from, const char *to,
                           const char *const *want, const char *summary)
{
    char *path = variant(from, to);
    const char *args[] = {"check", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    bc_buf expected = BC_BUF_INIT;
    for (size_t i = 0; want[i]; i++)
        bc_buf_printf(&expected, "%s:%s", path, want[i]);
    bc_buf_puts(&expected, summary);
    assert_string_equal(r.err, expected.ptr);
    assert_int_equal(r.status, 0);
    bc_buf_fini(&expected);
    tu_result_fini(&r);
    remove(path);
    free(path);
}

static void expect_preamble(const char *const *items, const char *const *want,
                            const char *summary)
{
    bc_buf to = BC_BUF_INIT;
    preamble_items(&to, items);
    expect_exactly(preamble, to.ptr, want, summary);
    bc_buf_fini(&to);
}

/* Two hand-typed mentions that disagree: the later is reported against
 * the first, not against the latest, by date and by number. */
static void test_disagreement_names_the_first_mention(void **state)
{
    (void)state;
    static const char *const items[] = {
        "Quyết định số 5/QĐ-UBND ngày 10/02/2024.",
        "Quyết định số 5/QĐ-UBND ngày 11/02/2024.",
        "Quyết định số 5/QĐ-UBND ngày 11/02/2024.",
        "Quyết định số 6/QĐ-UBND.",
        "Quyết định số 6/2023/QĐ-UBND.",
        "Quyết định số 6/2023/QĐ-UBND.", NULL};
    static const char *const want[] = {
        "17:6: warning: \"Quyết định số 5/QĐ-UBND ngày 11/02/2024\" disagrees "
        "with \"Quyết định số 5/QĐ-UBND ngày 10/02/2024\" at 16:6\n",
        "18:6: warning: \"Quyết định số 5/QĐ-UBND ngày 11/02/2024\" disagrees "
        "with \"Quyết định số 5/QĐ-UBND ngày 10/02/2024\" at 16:6\n",
        "20:6: warning: \"Quyết định số 6/2023/QĐ-UBND\" disagrees with "
        "\"Quyết định số 6/QĐ-UBND\" at 19:6\n",
        "21:6: warning: \"Quyết định số 6/2023/QĐ-UBND\" disagrees with "
        "\"Quyết định số 6/QĐ-UBND\" at 19:6\n",
        NULL};
    expect_preamble(items, want, "1 file checked: 0 errors, 4 warnings\n");
}

/* When the first mention agrees, the first that differs in its number is
 * named. */
static void test_disagreement_names_the_first_other_number(void **state)
{
    (void)state;
    static const char *const items[] = {
        "Quyết định số 5/QĐ-UBND ngày 10/02/2024.",
        "Quyết định số 5/2023/QĐ-UBND ngày 10/02/2024.",
        "Quyết định số 5/QĐ-UBND ngày 10/02/2024.", NULL};
    static const char *const want[] = {
        "17:6: warning: \"Quyết định số 5/2023/QĐ-UBND ngày 10/02/2024\" "
        "disagrees with \"Quyết định số 5/QĐ-UBND ngày 10/02/2024\" at "
        "16:6\n",
        "18:6: warning: \"Quyết định số 5/QĐ-UBND ngày 10/02/2024\" disagrees "
        "with \"Quyết định số 5/2023/QĐ-UBND ngày 10/02/2024\" at 17:6\n",
        NULL};
    expect_preamble(items, want, "1 file checked: 0 errors, 2 warnings\n");
}

/* Likewise by date, where a mention without a date differs from none. */
static void test_disagreement_names_the_first_other_date(void **state)
{
    (void)state;
    static const char *const items[] = {
        "Quyết định số 7/QĐ-UBND.",
        "Quyết định số 7/QĐ-UBND ngày 10/02/2024.",
        "Quyết định số 7/QĐ-UBND ngày 11/02/2024.",
        "Quyết định số 7/QĐ-UBND ngày 10/02/2024.", NULL};
    static const char *const want[] = {
        "18:6: warning: \"Quyết định số 7/QĐ-UBND ngày 11/02/2024\" disagrees "
        "with \"Quyết định số 7/QĐ-UBND ngày 10/02/2024\" at 17:6\n",
        "19:6: warning: \"Quyết định số 7/QĐ-UBND ngày 10/02/2024\" disagrees "
        "with \"Quyết định số 7/QĐ-UBND ngày 11/02/2024\" at 18:6\n",
        NULL};
    expect_preamble(items, want, "1 file checked: 0 errors, 2 warnings\n");
}

/* "số 5" is the short form of every number that starts with 5 in its
 * type: each full number is compared with it, by date, whatever its ký
 * hiệu; the two full numbers, of two issuers, are not compared. */
static void test_short_form_names_any_number_with_its_lead(void **state)
{
    (void)state;
    static const char *const items[] = {
        "Quyết định số 5 ngày 10/02/2024.",
        "Quyết định số 5/QĐ-UBND ngày 11/02/2024.",
        "Quyết định số 5/UBND-VX ngày 12/02/2024.",
        "Quyết định số 5/QĐ-UBND.", NULL};
    static const char *const want[] = {
        "17:6: warning: \"Quyết định số 5/QĐ-UBND ngày 11/02/2024\" disagrees "
        "with \"Quyết định số 5 ngày 10/02/2024\" at 16:6\n",
        "18:6: warning: \"Quyết định số 5/UBND-VX ngày 12/02/2024\" disagrees "
        "with \"Quyết định số 5 ngày 10/02/2024\" at 16:6\n",
        NULL};
    expect_preamble(items, want, "1 file checked: 0 errors, 2 warnings\n");
}

/* A document registered by its lead alone ("80") is every full number of
 * its type with that lead, whatever the ký hiệu: each is compared with it. */
static void test_registered_short_form_names_any_number(void **state)
{
    (void)state;
    static const char *const want[] = {
        "15:18: warning: \"Nghị định số 80/2020/NĐ-CP ngày 08/7/2020\" "
        "disagrees with the registered \"Nghị định số 80 ngày 08/7/2020\" "
        "[@nd80]; cite it as [@nd80]\n",
        "15:63: warning: \"Nghị định số 80/UBND-VX\" disagrees with the "
        "registered \"Nghị định số 80\" [@nd80]; cite it as [@nd80]\n",
        NULL};
    expect_exactly("\"80/2020/NĐ-CP\", date: 2020-07-08, issuer: \"Chính "
                   "phủ\"}\npreamble: [\"Mở đầu.\"]",
                   "\"80\", date: 2020-07-08, issuer: \"Chính phủ\"}\n"
                   "preamble: [\"Theo Nghị định số 80/2020/NĐ-CP ngày "
                   "08/7/2020 và Nghị định số 80/UBND-VX.\"]",
                   want, "1 file checked: 0 errors, 2 warnings\n");
}

/* A Nơi nhận entry given three times: both copies name the first. */
static void test_duplicate_entries_name_the_first(void **state)
{
    (void)state;
    static const char *const want[] = {
        "29:36: warning: \"Như trên.\" is twice in Nơi nhận (first at "
        "29:16)\n",
        "29:49: warning: \"Sở A;\" is twice in Nơi nhận (first at 29:28)\n",
        "29:58: warning: \"Như trên;\" is twice in Nơi nhận (first at "
        "29:16)\n",
        NULL};
    expect_exactly("distribution: [\"Lưu: VT, VP\"]",
                   "distribution: [\"Như trên\", \"Sở A\", \"Như trên.\", "
                   "\"Sở A;\", \"Như trên;\", \"Lưu: VT, VP\"]",
                   want, "1 file checked: 0 errors, 3 warnings\n");
}

/* A preamble of 70 documents typed in full (with the registered one, more
 * candidates than the 64 lint once kept), then extra items. */
static void many_documents(bc_buf *to, const char *const *extra)
{
    bc_buf_puts(to, "preamble:");
    for (int i = 1; i <= 70; i++)
        bc_buf_printf(to, "\n  - \"Quyết định số %d/QĐ-UBND.\"", i);
    for (size_t i = 0; extra[i]; i++)
        bc_buf_printf(to, "\n  - \"%s\"", extra[i]);
}

/* "Quyết định 70" for the 71st candidate is still told how to write it. */
static void test_candidates_beyond_64_are_known(void **state)
{
    (void)state;
    static const char *const extra[] = {"Theo Quyết định 70.", NULL};
    static const char *const want[] = {
        "86:11: warning: \"Quyết định 70\" is not how the document is named: "
        "write \"Quyết định số 70\"\n",
        NULL};
    bc_buf to = BC_BUF_INIT;
    many_documents(&to, extra);
    expect_exactly(preamble, to.ptr, want,
                   "1 file checked: 0 errors, 1 warning\n");
    bc_buf_fini(&to);
}

/* A reference resembling four documents beyond the 64th, of its type or
 * its number: the first three, in order. */
static void test_hints_stop_at_three(void **state)
{
    (void)state;
    static const char *const extra[] = {
        "Chỉ thị số 5/CT-UBND.", "Kế hoạch số 70/KH-UBND.",
        "Công văn số 70/UBND-VX.", "Theo Chỉ thị 70.", NULL};
    static const char *const want[] = {
        "89:11: warning: no document \"Chỉ thị 70\" is known; did you mean "
        "\"Quyết định số 70\" or \"Chỉ thị số 5\" or \"Kế hoạch số 70\"?\n",
        NULL};
    bc_buf to = BC_BUF_INIT;
    many_documents(&to, extra);
    expect_exactly(preamble, to.ptr, want,
                   "1 file checked: 0 errors, 1 warning\n");
    bc_buf_fini(&to);
}

/* Numbers are read whole: two ký hiệu that differ after 63 bytes are two
 * documents, whose dates may differ. */
static void test_long_numbers_are_read_whole(void **state)
{
    (void)state;
    static const char *const items[] = {
        "Công văn số 15/UBND-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
        "XXXXXXXXXXXXX-A ngày 05/01/2024.",
        "Công văn số 15/UBND-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
        "XXXXXXXXXXXXX-B ngày 20/02/2024.",
        NULL};
    static const char *const none[] = {NULL};
    expect_preamble(items, none, "1 file checked: 0 errors, 0 warnings\n");
}

/* ---- files of any size, in linear time ---- */

/* These tests' limit of CPU time means nothing at valgrind's speed:
 * skipped before they allocate anything. */
static void skip_cpu_limited(void)
{
    tu_skip_under_valgrind("a limit of CPU time means nothing at valgrind's "
                           "speed");
}

/* Runs check on path with at most 10 s of CPU time: the files below take a
 * linear check well under a second (a few under ASan) and a quadratic one
 * minutes, so the limit tells them apart without timing anything.  The
 * last line of standard error must be summary. */
static void expect_summary_within_cpu_limit(const char *path,
                                            const char *summary)
{
    const char *bin = tu_bin();
    bc_buf err = BC_BUF_INIT;
    bc_buf_printf(&err, "%s.err", path);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c",
              "ulimit -t 10 && exec \"$0\" check \"$1\" >/dev/null 2>\"$2\"",
              bin, path, err.ptr, (char *)NULL);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* Past the limit the kernel sends SIGXCPU, or SIGKILL when the soft
     * and hard limits are one, as sh's ulimit sets them. */
    if (WIFSIGNALED(status))
        fail_msg("check killed by signal %d: over 10 s of CPU time, is it "
                 "quadratic again?",
                 WTERMSIG(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *out = tu_read_file(err.ptr, NULL);
    assert_non_null(out);
    size_t n = strlen(out), m = strlen(summary);
    if (n < m || strcmp(out + n - m, summary) != 0)
        fail_msg("expected the summary \"%s\", got:\n%.2000s", summary,
                 n > 2000 ? out + n - 2000 : out);
    free(out);
    remove(err.ptr);
    bc_buf_fini(&err);
}

/* Checks minimal.yaml with from replaced by the generated to. */
static void expect_big_variant(const char *from, const bc_buf *to,
                               const char *summary)
{
    char *path = variant(from, to->ptr);
    expect_summary_within_cpu_limit(path, summary);
    remove(path);
    free(path);
}

/* 100 000 mentions, half of them full numbers of 25 000 documents: each
 * was compared with every earlier one. */
static void test_many_documents_in_linear_time(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf to = BC_BUF_INIT;
    bc_buf_puts(&to, "preamble:");
    for (int i = 0; i < 100000; i += 4)
        bc_buf_printf(&to,
                      "\n  - \"Quyết định số %d/QĐ-UBND ngày 10/02/2024.\""
                      "\n  - \"Theo Quyết định số %d/QĐ-UBND ngày 10/02/2024.\""
                      "\n  - \"Quyết định số %d.\"\n  - \"Kế hoạch %d.\"",
                      i, i, i, i + 3);
    expect_big_variant(preamble, &to, "1 file checked: 0 errors, 0 warnings\n");
    bc_buf_fini(&to);
}

/* 200 000 short references: each built its candidates from every
 * mention. */
static void test_many_short_references_in_linear_time(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf to = BC_BUF_INIT;
    bc_buf_puts(&to, "preamble:");
    for (int i = 100; i < 200100; i++)
        bc_buf_printf(&to, "\n  - \"Kế hoạch %d.\"", i);
    expect_big_variant(preamble, &to, "1 file checked: 0 errors, 0 warnings\n");
    bc_buf_fini(&to);
}

/* 12 000 registered documents, each cited and typed: each mention and
 * each [@id] scanned the registry.  (Their full citations print about
 * 620 KB, within the citations' budget of BC_CITE_MAX_EXPANDED.) */
static void test_many_registered_documents_in_linear_time(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf to = BC_BUF_INIT;
    /* minimal.yaml's citations end just before its preamble. */
    for (int i = 0; i < 12000; i++)
        bc_buf_printf(&to,
                      "  - {id: q%d, type: \"Quyết định\", number: "
                      "\"%d/QĐ-UBND\", date: 2024-02-10, issuer: \"UBND\"}\n",
                      i, i);
    bc_buf_puts(&to, "preamble:");
    for (int i = 0; i < 12000; i++)
        bc_buf_printf(&to,
                      "\n  - \"[@q%d] và Quyết định số %d/QĐ-UBND ngày "
                      "10/02/2024.\"",
                      i, i);
    expect_big_variant(preamble, &to, "1 file checked: 0 errors, 0 warnings\n");
    bc_buf_fini(&to);
}

/* 100 000 Nơi nhận entries, every tenth a copy: each was compared with
 * every earlier one. */
static void test_many_distribution_entries_in_linear_time(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf to = BC_BUF_INIT;
    bc_buf_puts(&to, "distribution:");
    for (int i = 0; i < 100000; i++)
        bc_buf_printf(&to, "\n  - \"Sở %d;\"", i % 10 == 9 ? i - 9 : i);
    bc_buf_puts(&to, "\n  - \"Lưu: VT, VP\"");
    expect_big_variant("distribution: [\"Lưu: VT, VP\"]", &to,
                       "1 file checked: 0 errors, 10000 warnings\n");
    bc_buf_fini(&to);
}

/* A draft: no number, no date. */
static void test_final_draft(void **state)
{
    (void)state;
    static const char *const draft[] = {
        "7:11: error: --final: the number is blank; the records office "
        "numbers the document before it is issued\n",
        "7:11: error: --final: the date is blank; fill in the date of "
        "signature\n",
        NULL};
    expect_findings("A", "A", "--final", 65, draft);
}

/* Without --final, a draft is fine. */
static void test_draft_without_final(void **state)
{
    (void)state;
    char *path = variant("A", "A");
    const char *args[] = {"check", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "1 file checked: 0 errors, 0 warnings\n");
    tu_result_fini(&r);
    remove(path);
    free(path);
}

/* Dated before a document it cites. */
static void test_final_dated_before_a_citation(void **state)
{
    (void)state;
    static const char *const early[] = {
        "8:9: error: --final: the document is dated before \"Nghị định số "
        "80/2020/NĐ-CP ngày 08/7/2020\", which it cites\n",
        NULL};
    expect_findings("  symbol: \"BC-UBND\"",
                    "  number: \"3\"\n  date: 2020-07-01\n  symbol: "
                    "\"BC-UBND\"",
                    "--final", 65, early);
}

/* Dated the same day as a document it cites: fine. */
static void test_final_dated_the_same_day(void **state)
{
    (void)state;
    char *path = variant("  symbol: \"BC-UBND\"",
                         "  number: \"3\"\n  date: 2020-07-08\n  symbol: "
                         "\"BC-UBND\"");
    const char *args[] = {"check", "--final", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "1 file checked: 0 errors, 0 warnings\n");
    tu_result_fini(&r);
    remove(path);
    free(path);
}

/* A document typed by hand with its date counts as cited too. */
static void test_final_dated_before_a_hand_typed_document(void **state)
{
    (void)state;
    static const char *const by_hand[] = {
        "13:9: error: --final: the document is dated before \"Quyết định "
        "số 5/QĐ-UBND ngày 10/02/2025\", which it cites\n",
        NULL};
    expect_findings("  subject: \"Kết quả năm 2025\"",
                    "  subject: \"Kết quả theo Quyết định số 5/QĐ-UBND ngày "
                    "10/02/2025\"\n  number: \"3\"\n  date: 2025-01-05",
                    "--final", 65, by_hand);
}

/* The signed commune report is final. */
static void test_signed_report_is_final(void **state)
{
    (void)state;
    static const char *const args[] = {"check", "--final", "--werror",
                                       "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "1 file checked: 0 errors, 0 warnings\n");
    tu_result_fini(&r);
}

/* A document cited only in the title of another that is never cited is
 * never printed: check says both are never cited, and --final does not
 * compare the report's date with it. */
static void test_findings_follow_what_is_printed(void **state)
{
    (void)state;
    const char *to =
        "  number: \"3\"\n  date: 2026-01-02\n  symbol: \"BC-UBND\"";
    char *path = variant("  symbol: \"BC-UBND\"", to);
    char *text = tu_read_file(path, NULL);
    bc_buf data = BC_BUF_INIT;
    const char *cites = strstr(text, "citations:\n");
    assert_non_null(cites);
    bc_buf_append(&data, text, (size_t)(cites - text));
    bc_buf_puts(&data, "citations:\n"
                       "  - {id: ka, type: \"Kế hoạch\", number: \"4/KH-UBND\","
                       " date: 2025-12-01, issuer: \"UBND\", title: \"thực "
                       "hiện [@qb]\"}\n"
                       "  - {id: qb, type: \"Quyết định\", number: "
                       "\"7/QĐ-UBND\", date: 2026-01-05, issuer: \"UBND\"}\n");
    bc_buf_puts(&data, cites + strlen("citations:\n"));
    const char *args[] = {"check", "--final", "-", NULL};
    tu_result r;
    tu_run(&r, data.ptr, data.len, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(
        r.err, "<stdin>:16:10: warning: \"ka\" is registered but never cited "
               "with [@ka]\n"
               "<stdin>:17:10: warning: \"qb\" is registered but never cited "
               "with [@qb]\n"
               "1 file checked: 0 errors, 2 warnings\n");
    tu_result_fini(&r);
    bc_buf_fini(&data);
    free(text);
    remove(path);
    free(path);
}

/* Decree 30, Phụ lục I: in full once, then the short form; titles quote
 * their documents and do not count. */
static void test_cited_in_full_again(void **state)
{
    (void)state;
    static const char *const want[] = {
        "15:30: warning: \"Nghị định số 80/2020/NĐ-CP\" is cited in full "
        "again (first in full at 15:18); Decree 30 cites a document in full "
        "once: write [@nd80] here, which gives its short form\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Theo [@nd80], và [@nd80 number date].\"]",
                    NULL, 0, want);
    static const char *const none[] = {NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Theo [@nd80], và [@nd80] [@nd80 number].\"]",
                    NULL, 0, none);
}

static void test_records_copy_needs_the_unit(void **state)
{
    (void)state;
    static const char *const want[] = {
        "29:16: warning: write the drafting unit after \"Lưu: VT\", as in "
        "\"Lưu: VT, VP.\"\n",
        NULL};
    expect_findings("distribution: [\"Lưu: VT, VP\"]",
                    "distribution: [\"Lưu: VT\"]", NULL, 0, want);
}

/* A document replaced before the report's day is still cited. */
static void test_replaced_document(void **state)
{
    (void)state;
    static const char *const want[] = {
        "25:93: warning: \"Nghị định số 80/2020/NĐ-CP\" was replaced by "
        "\"Nghị định số 313/2025/NĐ-CP ngày 08/12/2025\" from 08/12/2025; "
        "cite what is in force\n",
        NULL};
    expect_findings("issuer: \"Chính phủ\"}",
                    "issuer: \"Chính phủ\", replaced_by: nd313, "
                    "replaced_on: 2025-12-08}\n"
                    "  - {id: nd313, type: \"Nghị định\", number: "
                    "\"313/2025/NĐ-CP\", date: 2025-12-08, issuer: \"Chính "
                    "phủ\"}",
                    NULL, 0, want);
}

/* The data's errors, then the summary, over several files. */
static void test_data_errors_and_summary(void **state)
{
    (void)state;
    static const char *const args[] = {"check", "bad-date.yaml",
                                       "minimal.yaml", NULL};
    tu_result r;
    run_check("tests/fixtures/build", args, &r);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err,
                        "bad-date.yaml:14:66: error: \"date\" is not a real "
                        "date: 2020-02-30\n"
                        "2 files checked: 1 error, 0 warnings\n");
    tu_result_fini(&r);
}

static void test_check_needs_a_file(void **state)
{
    (void)state;
    tu_result r;
    static const char *const none[] = {"check", NULL};
    tu_run(&r, NULL, 0, none);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: check needs at least one "
                               "FILE\nTry 'bcreport --help'.\n");
    tu_result_fini(&r);
}

static void test_check_missing_file(void **state)
{
    (void)state;
    tu_result r;
    static const char *const missing[] = {"check", "nope.yaml", NULL};
    tu_run(&r, NULL, 0, missing);
    assert_int_equal(r.status, 66);
    assert_string_equal(r.err, "nope.yaml: error: cannot open: No such file "
                               "or directory\n"
                               "1 file checked: 1 error, 0 warnings\n");
    tu_result_fini(&r);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* Each invisible character is named: the clerk learns what was pasted. */
static void test_each_invisible_character_named(void **state)
{
    (void)state;
    static const struct {
        const char *escape, *said;
    } cases[] = {
        {"\\u202F", "U+202F (narrow no-break space)"},
        {"\\u00AD", "U+00AD (soft hyphen)"},
        {"\\u200C", "U+200C (zero-width non-joiner)"},
        {"\\u200D", "U+200D (zero-width joiner)"},
        {"\\u2060", "U+2060 (word joiner)"},
        {"\\uFEFF", "U+FEFF (zero-width no-break space)"},
        {"\\u2003", "U+2003 (unusual space)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf to = BC_BUF_INIT, want = BC_BUF_INIT;
        bc_buf_printf(&to, "subject: \"Kết quả năm%s 2025\"", cases[i].escape);
        bc_buf_printf(&want,
                      "11:24: warning: invisible character %s; type a plain "
                      "space, or nothing\n",
                      cases[i].said);
        const char *const findings[] = {want.ptr, NULL};
        expect_findings("subject: \"Kết quả năm 2025\"", to.ptr, NULL, 0,
                        findings);
        bc_buf_fini(&to);
        bc_buf_fini(&want);
    }
}

/* --werror with errors of its own (--final's): every warning becomes an
 * error, the errors stay, and the summary counts them all as errors. */
static void test_werror_among_errors(void **state)
{
    (void)state;
    char *warnings = tu_read_file("tests/fixtures/check/example-2023.err",
                                  NULL);
    assert_non_null(warnings);
    static const char *const args[] = {"check", "--final", "--werror",
                                       "example-2023.yaml", NULL};
    tu_result r;
    run_check("tests/fixtures/check", args, &r);
    assert_int_equal(r.status, 65);
    assert_null(strstr(r.err, ": warning: "));
    assert_non_null(strstr(r.err, "example-2023.yaml:16:11: error: --final: "
                                  "the number is blank"));
    size_t promoted = 0;
    for (char *line = warnings, *nl; (nl = strchr(line, '\n'));
         line = nl + 1) {
        *nl = '\0';
        char *w = strstr(line, ": warning: ");
        if (!w)
            continue;
        bc_buf want = BC_BUF_INIT;
        bc_buf_append(&want, line, (size_t)(w - line));
        bc_buf_printf(&want, ": error: %s\n", w + 11);
        if (!strstr(r.err, want.ptr))
            fail_msg("not made an error: %s\n%s", want.ptr, r.err);
        bc_buf_fini(&want);
        promoted++;
    }
    assert_int_equal(promoted, 8);
    static const char summary[] = "1 file checked: 10 errors, 0 warnings\n";
    size_t n = strlen(summary);
    assert_true(r.err_len > n);
    assert_string_equal(r.err + r.err_len - n, summary);
    tu_result_fini(&r);
    free(warnings);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_findings),
        cmocka_unit_test(test_example_findings_werror),
        cmocka_unit_test(test_examples_pass_werror),
        cmocka_unit_test(test_minimal_is_clean),
        cmocka_unit_test(test_registered_never_cited),
        cmocka_unit_test(test_registered_year_after_date),
        cmocka_unit_test(test_hand_typed_date_disagrees),
        cmocka_unit_test(test_year_ending_the_number),
        cmocka_unit_test(test_invisible_characters),
        cmocka_unit_test(test_one_invisible_character),
        cmocka_unit_test(test_each_invisible_character_named),
        cmocka_unit_test(test_werror_among_errors),
        cmocka_unit_test(test_distribution_rules),
        cmocka_unit_test(test_mention_in_brackets),
        cmocka_unit_test(test_no_false_findings),
        cmocka_unit_test(test_small_type_word_and_long_date),
        cmocka_unit_test(test_short_form_without_so),
        cmocka_unit_test(test_citation_error_keeps_findings),
        cmocka_unit_test(test_disagreement_names_the_first_mention),
        cmocka_unit_test(test_disagreement_names_the_first_other_number),
        cmocka_unit_test(test_disagreement_names_the_first_other_date),
        cmocka_unit_test(test_short_form_names_any_number_with_its_lead),
        cmocka_unit_test(test_registered_short_form_names_any_number),
        cmocka_unit_test(test_duplicate_entries_name_the_first),
        cmocka_unit_test(test_candidates_beyond_64_are_known),
        cmocka_unit_test(test_hints_stop_at_three),
        cmocka_unit_test(test_long_numbers_are_read_whole),
        cmocka_unit_test(test_many_documents_in_linear_time),
        cmocka_unit_test(test_many_short_references_in_linear_time),
        cmocka_unit_test(test_many_registered_documents_in_linear_time),
        cmocka_unit_test(test_many_distribution_entries_in_linear_time),
        cmocka_unit_test(test_final_draft),
        cmocka_unit_test(test_draft_without_final),
        cmocka_unit_test(test_final_dated_before_a_citation),
        cmocka_unit_test(test_final_dated_the_same_day),
        cmocka_unit_test(test_final_dated_before_a_hand_typed_document),
        cmocka_unit_test(test_signed_report_is_final),
        cmocka_unit_test(test_findings_follow_what_is_printed),
        cmocka_unit_test(test_cited_in_full_again),
        cmocka_unit_test(test_records_copy_needs_the_unit),
        cmocka_unit_test(test_replaced_document),
        cmocka_unit_test(test_data_errors_and_summary),
        cmocka_unit_test(test_check_needs_a_file),
        cmocka_unit_test(test_check_missing_file),
    };
    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}

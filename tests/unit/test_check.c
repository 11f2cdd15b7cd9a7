/* test_check.c - `bcreport check`: lint findings at their lines, --werror,
 * --final, several files. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    /* --werror: the same findings, as errors, and status 65. */
    static const char *const werror[] = {"check", "--werror",
                                         "example-2023.yaml", NULL};
    run_check("tests/fixtures/check", werror, &r);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "example-2023.yaml:80:42: error: "));
    assert_non_null(strstr(r.err, "1 file checked: 8 errors, 0 warnings\n"));
    tu_result_fini(&r);
    free(want);
}

static void test_examples_pass_werror(void **state)
{
    (void)state;
    static const char *const args[] = {"check", "--werror", "data/2023.yaml",
                                       "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "2 files checked: 0 errors, 0 warnings\n");
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

static void test_lint_rules(void **state)
{
    (void)state;
    /* The minimal file is clean. */
    static const char *const none[] = {NULL};
    expect_findings("A", "A", NULL, 0, none);
    /* A registered document never cited. */
    static const char *const unused[] = {
        "14:10: warning: \"nd80\" is registered but never cited with "
        "[@nd80]\n",
        NULL};
    expect_findings("legal_basis: \"[@nd80]\"", "legal_basis: \"theo luật\"",
                    NULL, 0, unused);
    /* A registered number whose year is later than its date. */
    static const char *const year[] = {
        "14:43: warning: the number 80/2021/NĐ-CP carries the year 2021, "
        "later than its date 08/7/2020\n",
        NULL};
    expect_findings("80/2020/NĐ-CP", "80/2021/NĐ-CP", NULL, 0, year);
    /* A hand-typed date that disagrees with the registry. */
    static const char *const hand[] = {
        "15:16: warning: \"Nghị định số 80/2020/NĐ-CP ngày 09/7/2020\" "
        "disagrees with the registered \"Nghị định số 80/2020/NĐ-CP ngày "
        "08/7/2020\" [@nd80]; cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở Nghị định số 80/2020/NĐ-CP ngày 09/7/2020 "
                    "đầu.\"]",
                    NULL, 0, hand);
    /* Nơi nhận: a duplicate, and no copy for the records office. */
    static const char *const dist[] = {
        "29:28: warning: \"Như trên;\" is twice in Nơi nhận (first at "
        "29:16)\n",
        "29:28: warning: Nơi nhận has no copy for the records office (\"Lưu: "
        "VT\")\n",
        NULL};
    expect_findings("distribution: [\"Lưu: VT\"]",
                    "distribution: [\"Như trên\", \"Như trên;\"]", NULL, 0,
                    dist);
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

static void test_more_findings(void **state)
{
    (void)state;
    /* A small type word and a long date are read too. */
    static const char *const lower[] = {
        "15:25: warning: \"nghị định số 80/2020/NĐ-CP ngày 09 tháng 7 năm "
        "2020\" disagrees with the registered \"Nghị định số 80/2020/NĐ-CP "
        "ngày 08/7/2020\" [@nd80]; cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Mở đầu theo nghị định số 80/2020/NĐ-CP ngày 09 "
                    "tháng 7 năm 2020.\"]",
                    NULL, 0, lower);
    /* "số 81" resembles the registered number 80? No: a short number that
     * matches nothing resembles nothing.  "Nghị định 80" is the short
     * form without "số". */
    static const char *const informal[] = {
        "15:18: warning: \"Nghị định 80\" is not how the document is named: "
        "write \"Nghị định số 80/2020/NĐ-CP\" or cite it as [@nd80]\n",
        NULL};
    expect_findings("preamble: [\"Mở đầu.\"]",
                    "preamble: [\"Theo Nghị định 80.\"]", NULL, 0, informal);
    /* A citation error does not hide the lint findings of the file. */
    static const char *const both[] = {
        "15:16: error: unknown citation [@zz]; declare it under "
        "\"citations\"\n",
        "29:16: warning: write the records-office copy as \"Lưu: VT\" (then "
        "the drafting unit)\n",
        NULL};
    char *path = variant("distribution: [\"Lưu: VT\"]",
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

static void test_final(void **state)
{
    (void)state;
    /* A draft: no number, no date. */
    static const char *const draft[] = {
        "7:11: error: --final: the number is blank; the records office "
        "numbers the document before it is issued\n",
        "7:11: error: --final: the date is blank; fill in the date of "
        "signature\n",
        NULL};
    expect_findings("A", "A", "--final", 65, draft);
    /* Dated before a document it cites. */
    static const char *const early[] = {
        "8:9: error: --final: the document is dated before \"Nghị định số "
        "80/2020/NĐ-CP ngày 08/7/2020\", which it cites\n",
        NULL};
    expect_findings("  symbol: \"BC-UBND\"",
                    "  number: \"3\"\n  date: 2020-07-01\n  symbol: "
                    "\"BC-UBND\"",
                    "--final", 65, early);
    /* A document typed by hand with its date counts as cited too. */
    static const char *const by_hand[] = {
        "13:9: error: --final: the document is dated before \"Quyết định "
        "số 5/QĐ-UBND ngày 10/02/2025\", which it cites\n",
        NULL};
    expect_findings("  subject: \"Kết quả năm 2025\"",
                    "  subject: \"Kết quả theo Quyết định số 5/QĐ-UBND ngày "
                    "10/02/2025\"\n  number: \"3\"\n  date: 2025-01-05",
                    "--final", 65, by_hand);
    /* The signed commune report is final. */
    static const char *const args[] = {"check", "--final", "--werror",
                                       "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
}

static void test_errors_and_usage(void **state)
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
    static const char *const none[] = {"check", NULL};
    tu_run(&r, NULL, 0, none);
    assert_int_equal(r.status, 64);
    tu_result_fini(&r);
    static const char *const missing[] = {"check", "nope.yaml", NULL};
    tu_run(&r, NULL, 0, missing);
    assert_int_equal(r.status, 66);
    tu_result_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_findings),
        cmocka_unit_test(test_examples_pass_werror),
        cmocka_unit_test(test_lint_rules),
        cmocka_unit_test(test_no_false_findings),
        cmocka_unit_test(test_more_findings),
        cmocka_unit_test(test_final),
        cmocka_unit_test(test_errors_and_usage),
    };
    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}

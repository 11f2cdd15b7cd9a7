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
        cmocka_unit_test(test_final),
        cmocka_unit_test(test_errors_and_usage),
    };
    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}

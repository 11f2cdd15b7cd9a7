/* test_new.c - bcreport new: a data file to start from, for each level,
 * that builds; check lists its «...» places as not filled in, check
 * --final refuses them; an existing file is never replaced unasked. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/buf.h"

static const char *const levels[] = {"xa", "tinh", "so"};

/* Each level's file builds, to Markdown and to Word. */
static void test_each_level_builds(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_shell(&r,
                 "set -e; d=$(mktemp -d); "
                 "$BCREPORT new --level %s --year 2026 -o $d/n.yaml; "
                 "$BCREPORT build $d/n.yaml -o $d/n.docx; "
                 "$BCREPORT build $d/n.yaml; rm -rf $d",
                 levels[i]);
        if (r.status != 0)
            fail_msg("level %s: status %d: %s", levels[i], r.status, r.err);
        assert_non_null(strstr(r.out, "BÁO CÁO"));
        assert_non_null(strstr(r.out, "năm 2026"));
        tu_result_fini(&r);
    }
}

/* The level chooses the issuer: a commune's file names a commune. */
static void test_level_chooses_the_issuer(void **state)
{
    (void)state;
    static const char *const issuer[] = {"\"XÃ «TÊN XÃ»", "\"TỈNH «TÊN TỈNH»",
                                         "SỞ NGOẠI VỤ"};
    for (size_t i = 0; i < 3; i++) {
        const char *args[] = {"new", "--level", levels[i], NULL};
        tu_result r;
        tu_run(&r, NULL, 0, args);
        assert_int_equal(r.status, 0);
        if (!strstr(r.out, issuer[i]))
            fail_msg("level %s: no %s", levels[i], issuer[i]);
        for (size_t j = 0; j < 3; j++)
            if (j != i && strstr(r.out, issuer[j]))
                fail_msg("level %s names %s", levels[i], issuer[j]);
        tu_result_fini(&r);
    }
}

/* Without --year, the year of the clock; the subject looks a year on. */
static void test_year_defaults_to_this_year(void **state)
{
    (void)state;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char want[64];
    snprintf(want, sizeof want, "  year: %d\n", tm.tm_year + 1900);
    const char *args[] = {"new", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, want));
    tu_result_fini(&r);

    const char *y2030[] = {"new", "-y", "2030", NULL};
    tu_run(&r, NULL, 0, y2030);
    assert_non_null(strstr(r.out, "  year: 2030\n"));
    assert_non_null(strstr(r.out, "năm 2030 và phương hướng, nhiệm\n"
                                  "    vụ năm 2031"));
    tu_result_fini(&r);
}

/* check: every «...» a warning at its place; the first ones of a
 * commune's file, exactly, and the count. */
static void test_check_lists_the_places_to_fill(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "$BCREPORT new --year 2026 | $BCREPORT check -");
    assert_int_equal(r.status, 0);
    const char *first =
        "<stdin>:36:35: warning: not filled in: «TÊN XÃ»; write the text in "
        "its place\n"
        "<stdin>:38:26: warning: not filled in: «Tên xã»; write the text in "
        "its place\n"
        "<stdin>:46:11: warning: not filled in: «Địa danh»; write the text "
        "in its place\n";
    if (strncmp(r.err, first, strlen(first)) != 0)
        fail_msg("check gave:\n%s", r.err);
    assert_non_null(strstr(r.err, "1 file checked: 0 errors, 32 warnings\n"));
    assert_non_null(strstr(r.err, "warning: not filled in: «Họ và tên»"));
    tu_result_fini(&r);
}

/* check --final: each place is an error, and the status 65. */
static void test_final_refuses_the_places(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "$BCREPORT new --year 2026 | $BCREPORT check --final -");
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "<stdin>:36:35: error: not filled in: "
                                  "«TÊN XÃ»"));
    assert_null(strstr(r.err, "warning: not filled in"));
    tu_result_fini(&r);
}

/* A filled-in file has none: the example is clean of them. */
static void test_filled_file_has_no_places(void **state)
{
    (void)state;
    const char *args[] = {"check", "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_null(strstr(r.err, "not filled in"));
    tu_result_fini(&r);
}

/* An existing file is kept, byte for byte, with status 73; --force
 * replaces it. */
static void test_existing_file_is_kept(void **state)
{
    (void)state;
    char *path = tu_temp_file("my work\n", 8, ".yaml");
    const char *args[] = {"new", "-o", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 73);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "%s: error: the file exists and is kept; give --force to "
                  "replace it, or another name with -o\n",
                  path);
    assert_string_equal(r.err, want.ptr);
    char *text = tu_read_file(path, NULL);
    assert_string_equal(text, "my work\n");
    free(text);
    tu_result_fini(&r);

    const char *force[] = {"new", "--force", "-o", path, NULL};
    tu_run(&r, NULL, 0, force);
    assert_int_equal(r.status, 0);
    text = tu_read_file(path, NULL);
    assert_non_null(strstr(text, "document:\n"));
    free(text);
    tu_result_fini(&r);
    bc_buf_fini(&want);
    unlink(path);
    free(path);
}

static void test_bad_options(void **state)
{
    (void)state;
    static const struct {
        const char *args[4];
        const char *err;
    } cases[] = {
        {{"new", "--level", "huyen", NULL},
         "bcreport: error: --level takes xa, tinh, so, not \"huyen\"\n"},
        {{"new", "--year", "26", NULL},
         "bcreport: error: --year takes a year from 2000 to 2099, such as "
         "2026, not \"26\"\n"},
        {{"new", "out.yaml", NULL},
         "bcreport: error: new takes no FILE: give the file to write with -o "
         "FILE\n"},
        {{"new", "--levle=xa", NULL},
         "bcreport: error: unknown option \"--levle=xa\"; did you mean "
         "\"--level\"?\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_result r;
        tu_run(&r, NULL, 0, cases[i].args);
        assert_int_equal(r.status, 64);
        bc_buf want = BC_BUF_INIT;
        bc_buf_printf(&want, "%sTry 'bcreport --help'.\n", cases[i].err);
        assert_string_equal(r.err, want.ptr);
        bc_buf_fini(&want);
        tu_result_fini(&r);
    }
}

/* --quiet: warnings and the summary go, errors stay. */
static void test_quiet_check(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "$BCREPORT new --year 2026 | $BCREPORT check - --quiet");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
    tu_shell(&r, "$BCREPORT new --year 2026 | $BCREPORT -q check --final - "
                 "| head -c 0");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "error: not filled in: «TÊN XÃ»"));
    assert_null(strstr(r.err, "checked"));
    tu_result_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_level_builds),
        cmocka_unit_test(test_level_chooses_the_issuer),
        cmocka_unit_test(test_year_defaults_to_this_year),
        cmocka_unit_test(test_check_lists_the_places_to_fill),
        cmocka_unit_test(test_final_refuses_the_places),
        cmocka_unit_test(test_filled_file_has_no_places),
        cmocka_unit_test(test_existing_file_is_kept),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_quiet_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

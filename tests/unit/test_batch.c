/* test_batch.c - build FILE... -o FOLDER/: one output per input, named
 * after it; a failing file stops none of the others and leaves nothing;
 * a line counts them; status 65 when any failed. */
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* The names in folder, sorted, one a line. */
static void listing(const char *folder, bc_buf *out)
{
    tu_result r;
    tu_shell(&r, "ls -A '%s'", folder);
    bc_buf_puts(out, r.out);
    tu_result_fini(&r);
}

static char *temp_folder(void)
{
    char tmpl[] = "/tmp/bc-batch-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void same_file(const char *a, const char *b)
{
    assert_int_equal(tu_sh("cmp -s '%s' '%s'", a, b), 0);
}

/* Two good files and a bad one: two outputs, byte for byte the single
 * builds, none for the bad one, the count, status 65. */
static void test_good_files_built_bad_one_reported(void **state)
{
    (void)state;
    char *d = temp_folder();
    tu_result r;
    tu_shell(&r,
             "cp tests/fixtures/build/bad-date.yaml %s/ && "
             "$BCREPORT build data/2023.yaml %s/bad-date.yaml "
             "data/2025-xa.yaml -o %s/out/",
             d, d, d);
    assert_int_equal(r.status, 65);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "%s/bad-date.yaml:14:66: error: \"date\" is not a real "
                  "date: 2020-02-30\n"
                  "3 files: 2 built, 1 failed\n",
                  d);
    assert_string_equal(r.err, want.ptr);
    assert_string_equal(r.out, "");
    bc_buf names = BC_BUF_INIT, path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/out", d);
    listing(path.ptr, &names);
    assert_string_equal(names.ptr, "2023.md\n2025-xa.md\n");
    bc_buf_clear(&path);
    bc_buf_printf(&path, "%s/out/2023.md", d);
    same_file(path.ptr, "tests/golden/2023.md");
    bc_buf_clear(&path);
    bc_buf_printf(&path, "%s/out/2025-xa.md", d);
    same_file(path.ptr, "tests/golden/2025-xa.md");
    tu_result_fini(&r);
    bc_buf_fini(&want);
    bc_buf_fini(&names);
    bc_buf_fini(&path);
    tu_sh("rm -rf '%s'", d);
    free(d);
}

/* -f chooses the format of every output; an existing folder needs no
 * slash; all built is status 0. */
static void test_format_and_existing_folder(void **state)
{
    (void)state;
    char *d = temp_folder();
    tu_result r;
    tu_shell(&r, "$BCREPORT build -f html data/2023.yaml data/2026-xa.yaml "
                 "-o %s",
             d);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "2 files: 2 built, 0 failed\n");
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/2026-xa.html", d);
    same_file(path.ptr, "tests/golden/2026-xa.html");
    bc_buf_fini(&path);
    tu_result_fini(&r);
    tu_sh("rm -rf '%s'", d);
    free(d);
}

/* A failing file leaves its old output exactly as it was, and no
 * temporary file is left in the folder. */
static void test_failure_keeps_old_output(void **state)
{
    (void)state;
    char *d = temp_folder();
    tu_result r;
    tu_shell(&r,
             "cp tests/fixtures/build/bad-date.yaml %s/ && "
             "printf 'last year\\n' > %s/bad-date.md && "
             "$BCREPORT build %s/bad-date.yaml -o %s/ 2>/dev/null; "
             "echo $?; cat %s/bad-date.md; ls -A %s",
             d, d, d, d, d, d);
    assert_string_equal(r.out, "65\nlast year\nbad-date.md\nbad-date.yaml\n");
    tu_result_fini(&r);
    tu_sh("rm -rf '%s'", d);
    free(d);
}

static void expect_usage(const char *cmd, const char *message)
{
    tu_result r;
    tu_shell(&r, "%s", cmd);
    assert_int_equal(r.status, 64);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "bcreport: error: %s\nTry 'bcreport --help'.\n",
                  message);
    assert_string_equal(r.err, want.ptr);
    assert_string_equal(r.out, "");
    bc_buf_fini(&want);
    tu_result_fini(&r);
}

/* Several files never go to standard output, nor into one file; standard
 * input has no name; two outputs of one name are refused before anything
 * is built. */
static void test_usage_errors(void **state)
{
    (void)state;
    expect_usage("$BCREPORT build data/2023.yaml data/2025-xa.yaml",
                 "several FILEs need -o FOLDER/, where one output is written "
                 "for each, named after it");
    expect_usage("$BCREPORT build data/2023.yaml data/2025-xa.yaml -o x.md",
                 "several FILEs need -o FOLDER/, where one output is written "
                 "for each, named after it");
    expect_usage("$BCREPORT build data/2023.yaml - -o /tmp/",
                 "standard input (\"-\") has no name to give its output in a "
                 "folder");
    char *d = temp_folder();
    bc_buf cmd = BC_BUF_INIT, msg = BC_BUF_INIT;
    bc_buf_printf(&cmd,
                  "mkdir %s/a && cp data/2023.yaml %s/a/ && $BCREPORT build "
                  "data/2023.yaml %s/a/2023.yaml -o %s/out/",
                  d, d, d, d);
    bc_buf_printf(&msg,
                  "\"data/2023.yaml\" and \"%s/a/2023.yaml\" would both be "
                  "written to \"%s/out/2023.md\"",
                  d, d);
    expect_usage(cmd.ptr, msg.ptr);
    bc_buf names = BC_BUF_INIT, path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/out", d);
    listing(path.ptr, &names);
    assert_string_equal(names.ptr, "");
    bc_buf_fini(&names);
    bc_buf_fini(&path);
    bc_buf_fini(&cmd);
    bc_buf_fini(&msg);
    tu_sh("rm -rf '%s'", d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_files_built_bad_one_reported),
        cmocka_unit_test(test_format_and_existing_folder),
        cmocka_unit_test(test_failure_keeps_old_output),
        cmocka_unit_test(test_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_init.c - bcreport init: next year's file from this year's, that
 * loads and builds, with the year moved on where the text says it, the
 * number and date blank, last year's narrative as comments, the
 * activities left out, replaced documents reported; never over a file
 * unasked. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* The commune's 2025 report gives the reviewed 2026 file, byte for byte,
 * and says what it moved on. */
static void test_golden_next_year(void **state)
{
    (void)state;
    const char *args[] = {"init", "--from", "data/2025-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    char *want = tu_read_file("tests/golden/2026-from-2025-xa.yaml", NULL);
    assert_non_null(want);
    assert_string_equal(r.out, want);
    assert_string_equal(r.err, "data/2025-xa.yaml:22:12: note: changed "
                               "\"năm 2025\" -> \"năm 2026\"\n");
    free(want);
    tu_result_fini(&r);
}

/* The plans of 2026 become 2027's and the subject's 2026 too; upper
 * case "NĂM" in an appendix title as well. */
static void test_years_move_on(void **state)
{
    (void)state;
    const char *args[] = {"init", "--from", "data/2026-xa.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(
        r.err, "data/2026-xa.yaml:55:12: note: changed \"năm 2026\" -> "
               "\"năm 2027\", \"năm 2027\" -> \"năm 2028\"\n"
               "data/2026-xa.yaml:323:12: note: changed \"NĂM 2026\" -> "
               "\"NĂM 2027\"\n");
    assert_non_null(strstr(r.out, "  year: 2027\n"));
    assert_non_null(strstr(r.out, "  number: \"\"\n"));
    assert_non_null(strstr(r.out, "  date: \"\"\n"));
    for (const char *line = r.out; line; line = strchr(line + 1, '\n')) {
        const char *key = line + strspn(line, "\n ");
        if (!strncmp(key, "aid_projects:", 13))
            fail_msg("aid_projects left in: %.40s", line);
    }
    assert_non_null(strstr(r.out, "#   aid_projects:\n"));
    assert_non_null(strstr(r.out, "- table: {from: aid_projects}") ||
                    strstr(r.out, "- table:\n"));
    tu_result_fini(&r);
}

/* Each example's next file loads, builds, and check lists the places to
 * fill (a warning each, no error); --final refuses them. */
static void test_output_loads_and_check_lists(void **state)
{
    (void)state;
    static const char *const examples[] = {"data/2023.yaml",
                                           "data/2025-xa.yaml",
                                           "data/2026-xa.yaml"};
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_shell(&r,
                 "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; "
                 "cp -r data/. $d/; "
                 "$BCREPORT init --from $d/%s -o $d/next.yaml 2>/dev/null; "
                 "$BCREPORT build $d/next.yaml -o $d/next.docx; "
                 "$BCREPORT check $d/next.yaml; "
                 "! $BCREPORT check --final $d/next.yaml 2>/dev/null",
                 examples[i] + 5);
        if (r.status != 0)
            fail_msg("%s: status %d: %s", examples[i], r.status, r.err);
        assert_non_null(strstr(r.err, "warning: not filled in: «Nội dung năm"));
        assert_non_null(strstr(r.err, " 0 errors, "));
        tu_result_fini(&r);
    }
}

/* A cited document marked as replaced: a warning at its id, and a
 * comment at the top of the new file. */
static void test_replaced_document_reported(void **state)
{
    (void)state;
    const char *args[] = {"init", "--from", "tests/fixtures/init/replaced.yaml",
                          NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(
        r.out, "# [@nd80] đã được thay thế bằng Nghị định số 313/2025/NĐ-CP "
               "từ ngày 08/12/2025.\n"));
    assert_string_equal(
        r.err,
        "tests/fixtures/init/replaced.yaml:11:12: note: changed \"năm "
        "2025\" -> \"năm 2026\"\n"
        "tests/fixtures/init/replaced.yaml:14:10: warning: [@nd80] was "
        "replaced by Nghị định số 313/2025/NĐ-CP from 08/12/2025: cite what "
        "is in force\n");
    tu_result_fini(&r);
}

/* --year chooses the new year; the plans' year moves as far. */
static void test_explicit_year(void **state)
{
    (void)state;
    const char *args[] = {"init", "--from", "data/2025-xa.yaml", "--year",
                          "2028", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  year: 2028\n"));
    assert_non_null(strstr(r.out, "nhân dân năm 2028\"\n"));
    tu_result_fini(&r);
}

/* An existing file is kept (73) unless --force; a bad input writes
 * nothing (65); usage errors. */
static void test_keeps_files_and_refuses_bad_input(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r,
             "d=$(mktemp -d); trap 'rm -rf $d' EXIT; printf 'mine\\n' > "
             "$d/n.yaml; $BCREPORT init --from data/2025-xa.yaml -o $d/n.yaml "
             "2>/dev/null; echo $?; cat $d/n.yaml; "
             "$BCREPORT init --from data/2025-xa.yaml -o $d/n.yaml --force "
             "2>/dev/null; echo $?; head -c 12 $d/n.yaml; echo; "
             "$BCREPORT init --from tests/fixtures/build/bad-date.yaml -o "
             "$d/bad.yaml 2>/dev/null; echo $?; ls $d");
    assert_string_equal(r.out, "73\nmine\n0\n# Báo cáo \n65\nn.yaml\n");
    tu_result_fini(&r);
    const char *no_from[] = {"init", "-o", "x.yaml", NULL};
    tu_run(&r, NULL, 0, no_from);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err,
                        "bcreport: error: init takes this year's file with "
                        "--from FILE, and writes next year's with -o FILE\n"
                        "Try 'bcreport --help'.\n");
    tu_result_fini(&r);
    const char *from_stdin[] = {"init", "--from", "-", NULL};
    tu_run(&r, NULL, 0, from_stdin);
    assert_int_equal(r.status, 64);
    tu_result_fini(&r);
}

/* The texts init copies are written so that they read back the same:
 * quotes, a backslash, a tab and a line break escaped; an empty list as
 * []; a fraction in a table kept (in last year's comment). The new
 * file's values, dumped, are the old file's. */
static void test_values_read_back_the_same(void **state)
{
    (void)state;
    char *base = tu_read_file("tests/fixtures/build/minimal.yaml", NULL);
    assert_non_null(base);
    bc_buf yaml = BC_BUF_INIT;
    const char *subject = strstr(base, "  subject: ");
    const char *distribution = strstr(base, "distribution: ");
    assert_non_null(subject);
    assert_non_null(distribution);
    bc_buf_append(&yaml, base, (size_t)(subject - base));
    bc_buf_puts(&yaml, "  subject: \"Kết quả \\\"năm\\\" 2025 \\\\ A\\tB\"\n");
    const char *rest = strchr(subject, '\n') + 1;
    bc_buf_append(&yaml, rest, (size_t)(distribution - rest));
    bc_buf_puts(&yaml,
                "distribution: [\"Như trên\\nvà\", \"Lưu: VT, VP\"]\n"
                "sections: []\n"
                "appendices:\n"
                "  - {id: pl, title: PL, body: [{table: {columns: "
                "[{title: a, type: percent}], rows: [[12.5]]}}]}\n");
    bc_buf_puts(&yaml, strchr(distribution, '\n') + 1);
    free(base);
    char *old = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    bc_buf_fini(&yaml);
    char *next = tu_temp_file("", 0, ".yaml");
    const char *args[] = {"init", "--from", old, "-o", next, "--force", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    tu_result_fini(&r);
    char *text = tu_read_file(next, NULL);
    assert_non_null(text);
    static const char *const lines[] = {
        "\n  subject: \"Kết quả \\\"năm\\\" 2025 \\\\ A\\tB\"\n",
        "\ndistribution:\n  - \"Như trên\\nvà\"\n  - \"Lưu: VT, VP\"\n",
        "\nsections: []\n",
        "\n    #           - - 12.5\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!strstr(text, lines[i]))
            fail_msg("not in the new file: %s\n%s", lines[i], text);
    free(text);
    /* dumped, the same values but the year */
    tu_result a, b;
    tu_shell(&a, "\"$BCREPORT\" dump '%s' | grep -E '\"(subject|sections)\"' "
                 "&& \"$BCREPORT\" dump '%s' | grep -A 3 '\"distribution\"'",
             old, old);
    tu_shell(&b, "\"$BCREPORT\" dump '%s' | grep -E '\"(subject|sections)\"' "
                 "&& \"$BCREPORT\" dump '%s' | grep -A 3 '\"distribution\"'",
             next, next);
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    assert_non_null(strstr(a.out, "\"Kết quả \\\"năm\\\" 2025 \\\\ A\\tB\""));
    assert_non_null(strstr(a.out, "\"Như trên\\nvà\""));
    assert_string_equal(b.out, a.out);
    tu_result_fini(&a);
    tu_result_fini(&b);
    remove(old);
    remove(next);
    free(old);
    free(next);
}

/* A backslash in a text is written escaped in the new file's double
 * quotes, so it reads back as the same text ("C:\x" is not "C:" and an
 * escape). */
static void test_backslash_is_escaped(void **state)
{
    (void)state;
    size_t len;
    char *yaml = tu_read_file("data/2025-xa.yaml", &len);
    assert_non_null(yaml);
    const char *old = "  subject: \"Kết quả công tác đối ngoại nhân dân năm "
                      "2025\"\n";
    char *at = strstr(yaml, old);
    assert_non_null(at);
    bc_buf text = BC_BUF_INIT;
    bc_buf_append(&text, yaml, (size_t)(at - yaml));
    bc_buf_puts(&text, "  subject: 'Kết quả C:\\x năm 2025'\n");
    bc_buf_puts(&text, at + strlen(old));
    char *path = tu_temp_file(text.ptr, text.len, ".yaml");
    const char *args[] = {"init", "--from", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  subject: \"Kết quả C:\\\\x năm 2026\"\n"));
    tu_result_fini(&r);
    unlink(path);
    free(path);
    bc_buf_fini(&text);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_next_year),
        cmocka_unit_test(test_years_move_on),
        cmocka_unit_test(test_output_loads_and_check_lists),
        cmocka_unit_test(test_replaced_document_reported),
        cmocka_unit_test(test_explicit_year),
        cmocka_unit_test(test_keeps_files_and_refuses_bad_input),
        cmocka_unit_test(test_values_read_back_the_same),
        cmocka_unit_test(test_backslash_is_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

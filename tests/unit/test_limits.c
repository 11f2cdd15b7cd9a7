/*
 * test_limits.c - pathological input (issue 16): the shapes on which the
 * libraries bcreport uses are quadratic or worse, 100 000 units each,
 * through the binary.  libcmark 0.30.2 is quadratic on some bracket
 * patterns ("![[]()" repeated: 40 000 take it 3 s, 100 000 most of a
 * minute); libyaml's parser is quadratic in nesting depth (100 000 "["
 * half a minute).  bcreport must not reach them, or stay linear.
 *
 * Wall time is never asserted: each run has a limit of CPU time
 * (ulimit -t), far above what a linear run takes and far below what a
 * quadratic one would, so that a blow-up is killed and fails; the time
 * each run took is printed.  Cases covered elsewhere are not repeated:
 * 100 000 "[" in-process (test_yaml_load, test_cli), a "billion laughs"
 * file (test_yaml_load, test_cli), aliased text (test_yaml_load,
 * test_html), 100 000 mentions and Nơi nhận entries (test_check), the
 * output's size (test_build), templates' budgets (test_template).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* Seconds of CPU time a run may take.  The slowest case below takes 1.6 s
 * (100 000 unknown keys, each with a "did you mean"), about three times
 * that under AddressSanitizer; a quadratic one on 100 000 units takes
 * minutes.  Under valgrind (fifty times slower) only the cases of depth
 * run, cheap there too, for their early exit; the others skip. */
enum { CPU_LIMIT = 10, CPU_LIMIT_VALGRIND = 600 };

static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Each test but those of depth first: at valgrind's speed these inputs
 * take minutes; skipped before the test allocates anything. */
static void skip_cpu_limited(void)
{
    tu_skip_under_valgrind("100 000 units take minutes under valgrind and "
                           "its limit of CPU time means nothing there; the "
                           "suite's other tests run the same code on "
                           "smaller inputs under it");
}

/* Runs "bcreport ARGS" (a shell fragment, in which $F is the input file)
 * under the CPU limit; fails when the limit killed it, and prints the
 * time taken under label. */
static void run_limited(tu_result *r, const char *label, const char *input,
                        size_t len, const char *args)
{
    char *path = tu_temp_file(input, len, ".yaml");
    double before = children_cpu();
    int limit = tu_under_valgrind() ? CPU_LIMIT_VALGRIND : CPU_LIMIT;
    tu_shell(r, "ulimit -t %d && F='%s' && exec \"$BCREPORT\" %s", limit,
             path, args);
    double cpu = children_cpu() - before;
    remove(path);
    free(path);
    printf("    %-52s %5.2f s of CPU time, status %d\n", label, cpu,
           r->status);
    if (r->status > 128)
        fail_msg("%s: killed by signal %d after %.1f s of CPU time (the "
                 "limit is %d s): quadratic?",
                 label, r->status - 128, cpu, limit);
}

/* The first line of r's standard error. */
static void expect_first_error(const tu_result *r, const char *want)
{
    size_t n = strcspn(r->err, "\n");
    if (n != strlen(want) || strncmp(r->err, want, n) != 0)
        fail_msg("expected first:\n%s\ngot:\n%.2000s", want, r->err);
}

/* How often needle occurs in s, not overlapping. */
static size_t count(const char *s, size_t len, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= len;) {
        if (memcmp(s + i, needle, k) == 0) {
            n++;
            i += k;
        } else {
            i++;
        }
    }
    return n;
}

/* A report whose preamble is the one paragraph text (YAML single
 * quoted, its quotes doubled). */
static void report_with_paragraph(bc_buf *yaml, const char *unit, int n)
{
    bc_buf_puts(yaml, TU_YAML_DOCUMENT "preamble:\n  - '");
    for (int i = 0; i < n; i++)
        bc_buf_puts(yaml, unit);
    bc_buf_puts(yaml, "'\nresults:\n  title: KẾT QUẢ\n"
                      "  dissemination: {title: T, body: [x]}\n"
                      TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
}

/* ---- Markdown: libcmark ---------------------------------------------- */

/* 100 000 "![[]()" in a paragraph: escaping writes each bracket as "\[",
 * so cmark never sees a link or an image opener; the Markdown says so,
 * and building HTML and DOCX (the Markdown read back by cmark) stays
 * linear.  Raw, cmark 0.30.2 takes most of a minute on them. */
static void test_image_brackets_in_a_paragraph(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf yaml = BC_BUF_INIT;
    report_with_paragraph(&yaml, "![[]()", 100000);
    tu_result r;
    run_limited(&r, "build: 100 000 ![[]() in a paragraph", yaml.ptr,
                yaml.len, "build \"$F\"");
    assert_int_equal(r.status, 0);
    assert_int_equal(count(r.out, r.out_len, "!\\[\\[\\]()"), 100000);
    assert_int_equal(count(r.out, r.out_len, "[]"), 0);
    tu_result_fini(&r);

    run_limited(&r, "build -f html: the same", yaml.ptr, yaml.len,
                "build -f html \"$F\"");
    assert_int_equal(r.status, 0);
    /* the text as typed, never an image or a link; the line breaks the
     * HTML writer puts in long lines aside */
    bc_buf flat = BC_BUF_INIT;
    for (size_t i = 0; i < r.out_len; i++)
        if (r.out[i] != '\n')
            bc_buf_putc(&flat, r.out[i]);
    assert_int_equal(count(flat.ptr, flat.len, "![[]()"), 100000);
    assert_null(strstr(r.out, "<img"));
    assert_null(strstr(r.out, "<a "));
    bc_buf_fini(&flat);
    tu_result_fini(&r);

    run_limited(&r, "build -f docx: the same", yaml.ptr, yaml.len,
                "build -f docx \"$F\" -o \"$F.docx\"; s=$?; rm -f \"$F.docx\"; "
                "exit $s");
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* What escaping leaves to cmark in narrative: * and _, for **bold** and
 * *italic*.  cmark's own pathological cases of emphasis, 100 000 units
 * each (within the 1 MiB of a scalar), stay linear. */
static void test_emphasis_patterns_in_a_paragraph(void **state)
{
    (void)state;
    skip_cpu_limited();
    static const struct {
        const char *label, *unit;
    } cases[] = {
        {"100 000 emphasis openers \"_a \"", "_a "},
        {"100 000 emphasis closers \"a_ \"", "a_ "},
        {"100 000 mismatched \"*a_ \"", "*a_ "},
        {"100 000 closers, lengths a multiple of 3 \"c* \"", "c* "},
        {"100 000 strong openers \"**a \"", "**a "},
        {"100 000 alternating \"*_\"", "*_"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bc_buf yaml = BC_BUF_INIT;
        report_with_paragraph(&yaml, cases[i].unit, 100000);
        tu_result r;
        run_limited(&r, cases[i].label, yaml.ptr, yaml.len,
                    "build -f html \"$F\"");
        assert_int_equal(r.status, 0);
        tu_result_fini(&r);
        bc_buf_fini(&yaml);
    }
    /* emphasis nested 100 000 deep: "*a **a " ... "b" ... " a** a*" */
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n  - '");
    for (int i = 0; i < 50000; i++)
        bc_buf_puts(&yaml, "*a **a ");
    bc_buf_puts(&yaml, "b");
    for (int i = 0; i < 50000; i++)
        bc_buf_puts(&yaml, " a** a*");
    bc_buf_puts(&yaml, "'\nresults:\n  title: KẾT QUẢ\n"
                       "  dissemination: {title: T, body: [x]}\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    tu_result r;
    run_limited(&r, "emphasis nested 100 000 deep", yaml.ptr, yaml.len,
                "build -f html \"$F\"");
    assert_int_equal(r.status, 0);
    assert_int_equal(count(r.out, r.out_len, "<strong>"), 50000);
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* ---- YAML: depth ----------------------------------------------------- */

/* The depth limit is checked at each event, before libyaml goes deeper:
 * 100 000 levels of each kind stop at the 65th. */
static void test_deep_nesting_stops_at_the_limit(void **state)
{
    (void)state;
    static const struct {
        const char *label, *unit, *args, *error;
    } cases[] = {
        {"dump: 100 000 \"[\"", "[", "dump \"$F\"",
         ":1:65: error: nesting is deeper than the limit of 64 levels"},
        {"dump: 100 000 \"- \" on one line", "- ", "dump \"$F\"",
         ":1:129: error: nesting is deeper than the limit of 64 levels"},
        {"dump: 100 000 \"{a: \"", "{a: ", "dump \"$F\"",
         ":1:257: error: nesting is deeper than the limit of 64 levels"},
        {"check: 100 000 \"- \" on one line", "- ", "check \"$F\"",
         ":1:129: error: nesting is deeper than the limit of 64 levels"},
        {"build: 100 000 \"[\"", "[", "build \"$F\"",
         ":1:65: error: nesting is deeper than the limit of 64 levels"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bc_buf yaml = BC_BUF_INIT;
        for (int k = 0; k < 100000; k++)
            bc_buf_puts(&yaml, cases[i].unit);
        bc_buf_puts(&yaml, "x\n");
        tu_result r;
        run_limited(&r, cases[i].label, yaml.ptr, yaml.len, cases[i].args);
        assert_int_equal(r.status, 65);
        assert_int_equal(r.out_len, 0);
        const char *colon = strstr(r.err, ".yaml:");
        assert_non_null(colon);
        if (strncmp(colon + 5, cases[i].error, strlen(cases[i].error)) != 0)
            fail_msg("%s: expected \"%s\", got:\n%s", cases[i].label,
                     cases[i].error, r.err);
        tu_result_fini(&r);
        bc_buf_fini(&yaml);
    }
}

/* A report nested in its narrative: a list in a list... 100 000 deep. */
static void test_deep_narrative_stops_at_the_limit(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n  - ");
    for (int k = 0; k < 100000; k++)
        bc_buf_puts(&yaml, "- ");
    bc_buf_puts(&yaml, "x\n");
    tu_result r;
    run_limited(&r, "build: a narrative 100 000 lists deep", yaml.ptr,
                yaml.len, "build -f html \"$F\"");
    assert_int_equal(r.status, 65);
    assert_int_equal(r.out_len, 0);
    assert_non_null(strstr(r.err, "error: nesting is deeper than the limit "
                                  "of 64 levels"));
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* ---- YAML: long lines, many keys, many aliases ----------------------- */

/* One line of 15 MB (3 000 000 items of a flow list): the node limit
 * stops it, its column counted once. */
static void test_long_line(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_putc(&yaml, '[');
    for (int k = 0; k < 3000000; k++)
        bc_buf_puts(&yaml, "xxxx,");
    bc_buf_puts(&yaml, "x]\n");
    tu_result r;
    run_limited(&r, "dump: one line of 15 MB, 3 000 000 items", yaml.ptr,
                yaml.len, "dump \"$F\"");
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, ":1:4999997: error: the document has more "
                                  "than 1000000 nodes (the limit)"));
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* 100 000 mistakes on one line: each has its column, counted from where
 * the previous one was, not from the line's start. */
static void test_many_errors_on_one_line(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, "document:\n  issuer: {name: [\"ỦY BAN NHÂN DÂN XÃ "
                       "A\"], short_name: UBND xã A, self_name: UBND xã}\n"
                       "  symbol: BC-UBND\n  place: A\n  year: 2025\n"
                       "  type: BÁO CÁO\n  subject: Kết quả\n"
                       "  recipients: [Sở Ngoại vụ");
    for (int k = 0; k < 100000; k++)
        bc_buf_puts(&yaml, ", \"\"");
    bc_buf_puts(&yaml, "]\npreamble: [x]\nresults:\n  title: KẾT QUẢ\n"
                       "  dissemination: {title: T, body: [x]}\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    tu_result r;
    run_limited(&r, "check: 100 000 errors on one line", yaml.ptr, yaml.len,
                "check \"$F\"");
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, ".yaml:8:29: error: \"recipients\" must "
                                  "not be empty"));
    assert_non_null(strstr(r.err, ".yaml:8:225: error: \"recipients\" must "
                                  "not be empty\nand 99950 more errors\n"));
    assert_non_null(strstr(r.err, "1 file checked: 100000 errors"));
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* 100 000 keys: distinct (dump), all the same (each a duplicate), and
 * unknown to the report (each with its "did you mean"). */
static void test_many_keys(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf yaml = BC_BUF_INIT;
    for (int k = 0; k < 100000; k++)
        bc_buf_printf(&yaml, "key%d: %d\n", k, k);
    tu_result r;
    run_limited(&r, "dump: 100 000 keys", yaml.ptr, yaml.len, "dump \"$F\"");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"key99999\": 99999"));
    tu_result_fini(&r);

    bc_buf_clear(&yaml);
    for (int k = 0; k < 100000; k++)
        bc_buf_puts(&yaml, "key: 1\n");
    run_limited(&r, "dump: 100 000 times the same key", yaml.ptr, yaml.len,
                "dump \"$F\"");
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, ".yaml:2:1: error: duplicate key"));
    tu_result_fini(&r);

    bc_buf_clear(&yaml);
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT);
    for (int k = 0; k < 100000; k++)
        bc_buf_printf(&yaml, "unknown%d: x\n", k);
    bc_buf_puts(&yaml, "preamble: [x]\nresults:\n  title: KẾT QUẢ\n"
                       "  dissemination: {title: T, body: [x]}\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    run_limited(&r, "check: 100 000 unknown keys", yaml.ptr, yaml.len,
                "check \"$F\"");
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "1 file checked: 100000 errors"));
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* 100 000 anchors, aliased in the opposite order; one anchor defined
 * again 100 000 times, each alias taking the latest; 100 000 aliases of
 * one mapping. */
static void test_many_aliases(void **state)
{
    (void)state;
    skip_cpu_limited();
    bc_buf yaml = BC_BUF_INIT;
    for (int k = 0; k < 100000; k++)
        bc_buf_printf(&yaml, "- &a%d %d\n", k, k);
    for (int k = 99999; k >= 0; k--)
        bc_buf_printf(&yaml, "- *a%d\n", k);
    tu_result r;
    run_limited(&r, "dump: 100 000 anchors and their aliases", yaml.ptr,
                yaml.len, "dump \"$F\"");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "99998,\n  99999,\n  99999,\n  99998,"));
    tu_result_fini(&r);

    bc_buf_clear(&yaml);
    for (int k = 0; k < 100000; k++)
        bc_buf_printf(&yaml, "- &a %d\n- *a\n", k);
    run_limited(&r, "dump: one anchor defined 100 000 times", yaml.ptr,
                yaml.len, "dump \"$F\"");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "99999,\n  99999\n]"));
    tu_result_fini(&r);

    bc_buf_clear(&yaml);
    bc_buf_puts(&yaml, "- &m {a: 1, b: 2}\n");
    for (int k = 0; k < 100000; k++)
        bc_buf_puts(&yaml, "- *m\n");
    run_limited(&r, "dump: 100 000 aliases of one mapping", yaml.ptr,
                yaml.len, "dump \"$F\"");
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* ---- templates -------------------------------------------------------- */

/* A template of -T nesting sections 20 deep over the report's sections
 * (4 of them in data/2023.yaml: 4^20 steps) stops at the step budget,
 * at its place, in about a second; nothing is written. */
static void test_nested_template_stops(void **state)
{
    (void)state;
    skip_cpu_limited();
    char dir[] = "/tmp/bclimits-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/report.md.mustache", dir);
    bc_buf src = BC_BUF_INIT;
    for (int i = 0; i < 20; i++)
        bc_buf_puts(&src, "{{#sections}}");
    bc_buf_puts(&src, "{{title}}");
    for (int i = 0; i < 20; i++)
        bc_buf_puts(&src, "{{/sections}}");
    FILE *fp = fopen(path.ptr, "w");
    assert_non_null(fp);
    fputs(src.ptr, fp);
    fclose(fp);
    char *data = tu_read_file("data/2023.yaml", NULL);
    assert_non_null(data);
    bc_buf args = BC_BUF_INIT;
    bc_buf_printf(&args, "build -T '%s' \"$F\" -o '%s/out.md'", dir, dir);
    tu_result r;
    run_limited(&r, "build -T: sections nested 20 deep", data, strlen(data),
                args.ptr);
    assert_int_equal(r.status, 65);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "%s:1:261: error: rendering stopped after 100000000 steps "
                  "(the limit): sections nested over the same long list, or "
                  "partials recursing over it, repeat their content too "
                  "often",
                  path.ptr);
    expect_first_error(&r, want.ptr);
    bc_buf_clear(&want);
    bc_buf_printf(&want, "%s/out.md", dir);
    assert_int_equal(access(want.ptr, F_OK), -1);
    unlink(path.ptr);
    rmdir(dir);
    tu_result_fini(&r);
    bc_buf_fini(&want);
    bc_buf_fini(&args);
    bc_buf_fini(&src);
    bc_buf_fini(&path);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_image_brackets_in_a_paragraph),
        cmocka_unit_test(test_emphasis_patterns_in_a_paragraph),
        cmocka_unit_test(test_deep_nesting_stops_at_the_limit),
        cmocka_unit_test(test_deep_narrative_stops_at_the_limit),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_many_errors_on_one_line),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_many_aliases),
        cmocka_unit_test(test_nested_template_stops),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}

/* test_formats.c - which format a build writes: -f, or the extension of
 * -o, never a silent Markdown in a file named otherwise; binary formats
 * not to a terminal; PDF through its engines, a missing one exit 69, a
 * failed one leaving the old file as it was. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* Runs `bcreport build data/2025-xa.yaml ARGS` in a fresh folder. */
static void build_in(const char *dir, const char *args, tu_result *r)
{
    tu_shell(r, "cd '%s' && \"$BCREPORT\" build \"$OLDPWD/data/2025-xa.yaml\" "
                "%s", dir, args);
}

static char *fresh_dir(void)
{
    char *dir = strdup("/tmp/bctest-formats-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    tu_sh("rm -rf '%s'", dir);
    free(dir);
}

/* What the start of a file says it is. */
static const char *kind_of(const char *path)
{
    char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return "missing";
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    if (n >= 4 && !memcmp(head, "PK\x03\x04", 4))
        return "docx";
    if (n >= 5 && !memcmp(head, "%PDF-", 5))
        return "pdf";
    if (n >= 5 && !memcmp(head, "<!DOC", 5))
        return "html";
    return "md";
}

/* The extension chooses, in any case; -f agrees with it. */
static void test_extension_chooses(void **state)
{
    (void)state;
    static const struct {
        const char *args, *file, *kind;
    } cases[] = {{"-o a.md", "a.md", "md"},
                 {"-o a.markdown", "a.markdown", "md"},
                 {"-o a.HTM", "a.HTM", "html"},
                 {"-o a.Docx", "a.Docx", "docx"},
                 {"-f docx -o a.docx", "a.docx", "docx"},
                 {"-f md -o a.txt", "a.txt", "md"},
                 {"-f html -o noext", "noext", "html"}};
    char *dir = fresh_dir();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_result r;
        build_in(dir, cases[i].args, &r);
        if (r.status != 0)
            fail_msg("%s: status %d: %s", cases[i].args, r.status, r.err);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        assert_string_equal(kind_of(path), cases[i].kind);
        tu_result_fini(&r);
    }
    remove_dir(dir);
}

/* A name that says no format, without -f: a usage error listing the
 * formats, and no file written. */
static void test_unknown_extension_is_refused(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    build_in(dir, "-o bc.txt", &r);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: cannot tell the format of "
                               "\"bc.txt\" from its name: end it in .md, "
                               ".html, .docx or .pdf, or give -f (formats: "
                               "md, html, docx, pdf)\nTry 'bcreport --help'."
                               "\n");
    tu_result_fini(&r);
    tu_result ls;
    tu_shell(&ls, "ls -A '%s'", dir);
    assert_string_equal(ls.out, "");
    tu_result_fini(&ls);
    remove_dir(dir);
}

/* -f and the name disagreeing: a usage error. */
static void test_format_and_name_disagree(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    build_in(dir, "-f md -o bc.docx", &r);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: -f md but the output "
                               "\"bc.docx\" is named as docx; make them "
                               "agree\nTry 'bcreport --help'.\n");
    tu_result_fini(&r);
    remove_dir(dir);
}

/* DOCX and PDF on a terminal are refused (script(1) gives the build a
 * terminal); piped, they are written. */
static void test_binary_not_to_a_terminal(void **state)
{
    (void)state;
    if (system("command -v script >/dev/null 2>&1") != 0) {
        fprintf(stderr, "\n*** SKIPPED: script not found; apt-get install "
                        "bsdutils ***\n\n");
        if (tu_in_ci())
            fail_msg("CI=true: script (bsdutils) is required");
        skip();
    }
    tu_result r;
    tu_shell(&r, "script -qec '\"$BCREPORT\" build -f docx "
                 "data/2025-xa.yaml' /dev/null");
    assert_int_equal(r.status, 64);
    assert_non_null(strstr(r.out, "bcreport: error: docx is not text for a "
                                  "terminal: write it to a file with -o "
                                  "NAME.docx"));
    tu_result_fini(&r);
    tu_shell(&r, "\"$BCREPORT\" build -f docx data/2025-xa.yaml | head -c 4");
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "PK\x03\x04", 4);
    tu_result_fini(&r);
}

/* --fragment and --pdf-engine go with their formats only. */
static void test_options_of_other_formats(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" build --pdf-engine=libreoffice -o x.md "
                 "data/2025-xa.yaml");
    assert_int_equal(r.status, 64);
    assert_non_null(strstr(r.err, "--pdf-engine goes with PDF output"));
    tu_result_fini(&r);
    tu_shell(&r, "\"$BCREPORT\" build --fragment -f docx data/2025-xa.yaml");
    assert_int_equal(r.status, 64);
    assert_non_null(strstr(r.err, "--fragment goes with HTML output"));
    tu_result_fini(&r);
}

/* No engine on PATH: 69, the Debian package named, nothing written, and
 * the data not even read. */
static void test_missing_engine_is_69(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    tu_shell(&r, "cd '%s' && PATH=/nonexistent \"$BCREPORT\" build "
                 "no-such-file.yaml -o bc.pdf", dir);
    assert_int_equal(r.status, 69);
    assert_string_equal(r.err, "bcreport: error: no PDF engine: chromium, "
                               "chromium-browser and google-chrome are not "
                               "on PATH; install the Debian package "
                               "chromium, or give --pdf-engine=libreoffice or "
                               "--pdf-engine=PATH\n");
    tu_result_fini(&r);
    tu_result ls;
    tu_shell(&ls, "ls -A '%s'", dir);
    assert_string_equal(ls.out, "");
    tu_result_fini(&ls);
    remove_dir(dir);
}

/* An engine that fails (here one that writes no PDF) leaves the old
 * output exactly as it was, and no temporary file beside it. */
static void test_failed_engine_keeps_old_file(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("cd '%s' && printf 'old' > bc.pdf && "
                           "printf '#!/bin/sh\\necho broken >&2\\nexit 0\\n' "
                           "> fake-chrome && chmod +x fake-chrome", dir),
                     0);
    tu_result r;
    build_in(dir, "-o bc.pdf --pdf-engine=./fake-chrome", &r);
    assert_int_equal(r.status, 69);
    assert_non_null(strstr(r.err, "wrote no PDF"));
    tu_result_fini(&r);
    tu_result ls;
    tu_shell(&ls, "cd '%s' && ls -A && cat bc.pdf", dir);
    assert_string_equal(ls.out, "bc.pdf\nfake-chrome\nold");
    tu_result_fini(&ls);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extension_chooses),
        cmocka_unit_test(test_unknown_extension_is_refused),
        cmocka_unit_test(test_format_and_name_disagree),
        cmocka_unit_test(test_binary_not_to_a_terminal),
        cmocka_unit_test(test_options_of_other_formats),
        cmocka_unit_test(test_missing_engine_is_69),
        cmocka_unit_test(test_failed_engine_keeps_old_file),
    };
    return cmocka_run_group_tests_name("formats", tests, NULL, NULL);
}

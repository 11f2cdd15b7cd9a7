/* test_i18n.c - messages in Vietnamese when the locale says so: the
 * catalogue complete and current, each variable that chooses the
 * language, the fallback where vi_VN.UTF-8 is not generated, an installed
 * binary, and what must not change with the language (numbers, the
 * documents). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/i18n.h"

/* The Vietnamese a clerk reads for the two YAML mistakes made most, for
 * 60 mistakes, and for check's summary. */
#define VI_COLON_HINT                                                         \
    "<stdin>:1:17: lỗi: hãy đặt đoạn văn trong dấu ngoặc kép: subject: "     \
    "\"Báo cáo: kết quả năm 2025\" (libyaml: mapping values are not "         \
    "allowed in this context)\n"
#define VI_BRACKET_HINT                                                       \
    "<stdin>:2:6: lỗi: hãy đặt đoạn văn trong dấu ngoặc kép:   - "            \
    "\"[@cv1520] đã triển khai\" (libyaml: found character that cannot "      \
    "start any token)\n"
#define VI_MORE_ERRORS "và 10 lỗi khác\n"
#define VI_CHECK_SUMMARY "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo\n"

/* Every entry of po/vi.po is translated: none fuzzy, none empty. */
static void test_every_entry_is_translated(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "msgfmt --check --statistics -o /dev/null po/vi.po");
    assert_int_equal(r.status, 0);
    if (!strstr(r.err, " translated message") || strstr(r.err, "fuzzy") ||
        strstr(r.err, "untranslated"))
        fail_msg("po/vi.po: %s", r.err);
    tu_result_fini(&r);
    /* nor left over from messages the source no longer has */
    char *po = tu_read_file("po/vi.po", NULL);
    assert_non_null(po);
    assert_null(strstr(po, "\n#~ "));
    assert_null(strstr(po, "#, fuzzy"));
    free(po);
}

/* The catalogue holds every message of the source: the template made now
 * from the sources is the committed po/bcreport.pot, and vi.po has each of
 * its messages ("make pot" after changing a message). */
static void test_catalogue_is_current(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r,
             "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; "
             "xgettext --from-code=UTF-8 --language=C --keyword=_ "
             "--keyword=N_ --keyword=bc_ngettext:1,2 "
             "--add-comments=TRANSLATORS: --package-name=bcreport "
             "--msgid-bugs-address= --no-location --sort-output "
             "-o $d/now.pot src/*.c; "
             "grep -v '^\"POT-Creation-Date:' $d/now.pot > $d/a; "
             "grep -v '^\"POT-Creation-Date:' po/bcreport.pot > $d/b; "
             "diff $d/b $d/a; msgcmp po/vi.po $d/now.pot");
    if (r.status != 0)
        fail_msg("po/bcreport.pot or po/vi.po is out of date (make pot):\n"
                 "%s%s",
                 r.out, r.err);
    tu_result_fini(&r);
}

/* Runs "env ENV $BCREPORT ARGS" with the language variables cleared. */
static void run_in(tu_result *r, const char *env, const char *args)
{
    tu_shell(r,
             "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG %s "
             "$BCREPORT %s",
             env, args);
}

static void expect_help_language(const char *env, bool vietnamese)
{
    tu_result r;
    run_in(&r, env, "--help");
    assert_int_equal(r.status, 0);
    const char *want = vietnamese ? "Cách dùng: bcreport" : "Usage: bcreport";
    if (strncmp(r.out, want, strlen(want)) != 0)
        fail_msg("%s: the help starts:\n%.80s", env, r.out);
    tu_result_fini(&r);
}

/* LANGUAGE, LC_ALL, LC_MESSAGES or LANG starting with "vi": Vietnamese;
 * anything else, English. */
static void test_each_variable_chooses_the_language(void **state)
{
    (void)state;
    expect_help_language("LANG=vi_VN.UTF-8", true);
    expect_help_language("LC_MESSAGES=vi_VN.UTF-8", true);
    expect_help_language("LC_ALL=vi_VN.UTF-8", true);
    expect_help_language("LANG=C.UTF-8 LANGUAGE=vi", true);
    expect_help_language("LANG=C.UTF-8", false);
    expect_help_language("LANG=en_US.UTF-8", false);
    expect_help_language("LC_ALL=C.UTF-8 LANG=vi_VN.UTF-8", false);
    expect_help_language("", false);
}

/* A Vietnamese locale that is not generated on the machine: the messages
 * are Vietnamese all the same, their letters whole. */
static void test_locale_not_generated_falls_back(void **state)
{
    (void)state;
    expect_help_language("LANG=vi_XX.UTF-8", true);
    tu_result r;
    run_in(&r, "LANG=vi_XX.UTF-8", "help new");
    assert_non_null(strstr(r.out, "Tùy chọn:"));
    tu_result_fini(&r);
}

/* Installed as make install lays it out (PREFIX/bin, PREFIX/share/locale),
 * the program finds its catalogue beside it. */
static void test_installed_binary_finds_its_catalogue(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r,
             "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; "
             "bin=${BCREPORT_REAL_BIN:-$BCREPORT}; here=$(dirname $bin); "
             "mo=$here/build/locale/vi/LC_MESSAGES/bcreport.mo; "
             "[ -f $mo ] || mo=$here/locale/vi/LC_MESSAGES/bcreport.mo; "
             "mkdir -p $d/bin $d/share/locale/vi/LC_MESSAGES; "
             "cp $bin $d/bin/bcreport; "
             "cp $mo $d/share/locale/vi/LC_MESSAGES/; "
             "LANG=vi_VN.UTF-8 $d/bin/bcreport --help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Cách dùng: bcreport"));
    tu_result_fini(&r);
}

/* Only the messages change: numbers are read and written the C way, and
 * a document is byte for byte the same in either language. */
static void test_numbers_and_documents_do_not_change(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "printf 'a: 1.5\\n' | LANG=vi_VN.UTF-8 $BCREPORT dump -");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "{\n  \"a\": 1.5\n}\n");
    tu_result_fini(&r);
    tu_shell(&r, "LANG=vi_VN.UTF-8 $BCREPORT build data/2023.yaml | "
                 "cmp - tests/golden/2023.md");
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
}

/* The two YAML mistakes clerks make most, with the quote hint, in
 * Vietnamese. */
static void test_quote_hints_in_vietnamese(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "printf 'subject: Báo cáo: kết quả năm 2025\\n' | "
                 "LANG=vi_VN.UTF-8 $BCREPORT dump -");
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, VI_COLON_HINT);
    tu_result_fini(&r);
    tu_shell(&r, "printf 'body:\\n  - [@cv1520] đã triển khai\\n' | "
                 "LANG=vi_VN.UTF-8 $BCREPORT dump -");
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, VI_BRACKET_HINT);
    tu_result_fini(&r);
}

/* Past 50 diagnostics, the rest counted in Vietnamese; the check summary
 * too. */
static void test_counts_in_vietnamese(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    for (int i = 0; i < 60; i++)
        bc_buf_printf(&yaml, "k%d: 1\nk%d: 2\n", i, i);
    char *path = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    tu_result r;
    tu_shell(&r, "LANG=vi_VN.UTF-8 $BCREPORT dump %s", path);
    assert_int_equal(r.status, 65);
    size_t n = strlen(VI_MORE_ERRORS);
    assert_true(r.err_len > n);
    assert_string_equal(r.err + r.err_len - n, VI_MORE_ERRORS);
    tu_result_fini(&r);
    tu_shell(&r, "LANG=vi_VN.UTF-8 $BCREPORT check data/2025-xa.yaml");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, VI_CHECK_SUMMARY);
    tu_result_fini(&r);
    unlink(path);
    free(path);
    bc_buf_fini(&yaml);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* BCREPORT_LOCALEDIR names the catalogue's folder before any other: an
 * empty folder there means English even beside the build's catalogue,
 * and a copy of the program far from any catalogue speaks Vietnamese
 * with it. */
static void test_localedir_variable_comes_first(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "d=$(mktemp -d); trap 'rm -rf $d' EXIT; "
                 "BCREPORT_LOCALEDIR=$d LANG=vi_VN.UTF-8 $BCREPORT --help");
    assert_int_equal(r.status, 0);
    if (strncmp(r.out, "Usage: bcreport", 15) != 0)
        fail_msg("an empty BCREPORT_LOCALEDIR: %.80s", r.out);
    tu_result_fini(&r);
    tu_shell(&r,
             "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; "
             "bin=${BCREPORT_REAL_BIN:-$BCREPORT}; here=$(dirname $bin); "
             "mo=$here/build/locale/vi/LC_MESSAGES/bcreport.mo; "
             "[ -f $mo ] || mo=$here/locale/vi/LC_MESSAGES/bcreport.mo; "
             "mkdir -p $d/x/vi/LC_MESSAGES; cp $mo $d/x/vi/LC_MESSAGES/; "
             "cp $bin $d/bcreport; "
             "BCREPORT_LOCALEDIR=$d/x LANG=vi_VN.UTF-8 $d/bcreport --help");
    assert_int_equal(r.status, 0);
    if (strncmp(r.out, "Cách dùng: bcreport", 20) != 0)
        fail_msg("BCREPORT_LOCALEDIR with the catalogue: %.80s", r.out);
    tu_result_fini(&r);
}

/* The library before bc_i18n_init: messages as written, English plural
 * rules, not Vietnamese; after it, with LANGUAGE=vi and the build's
 * catalogue, Vietnamese. (Last: it changes this process's locale.) */
static void test_messages_before_and_after_init(void **state)
{
    (void)state;
    static const char error[] = "error";
    assert_ptr_equal(bc_gettext(error), error);
    assert_string_equal(bc_ngettext("%zu error", "%zu errors", 1),
                        "%zu error");
    assert_string_equal(bc_ngettext("%zu error", "%zu errors", 2),
                        "%zu errors");
    assert_string_equal(bc_ngettext("%zu error", "%zu errors", 0),
                        "%zu errors");
    assert_false(bc_i18n_vietnamese());
    /* the catalogue of the build this test program belongs to */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    assert_true(n > 0);
    exe[n] = '\0';
    bc_buf dir = BC_BUF_INIT;
    bc_buf_append(&dir, exe, (size_t)(strrchr(exe, '/') - exe));
    bc_buf_puts(&dir, "/../locale");
    assert_int_equal(setenv("BCREPORT_LOCALEDIR", dir.ptr, 1), 0);
    assert_int_equal(setenv("LANGUAGE", "vi", 1), 0);
    assert_int_equal(setenv("LANG", "C.UTF-8", 1), 0);
    bc_i18n_init(exe);
    assert_true(bc_i18n_vietnamese());
    assert_string_equal(bc_gettext(error), "lỗi");
    assert_string_equal(bc_ngettext("%zu error", "%zu errors", 2), "%zu lỗi");
    bc_buf_fini(&dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_entry_is_translated),
        cmocka_unit_test(test_catalogue_is_current),
        cmocka_unit_test(test_each_variable_chooses_the_language),
        cmocka_unit_test(test_locale_not_generated_falls_back),
        cmocka_unit_test(test_installed_binary_finds_its_catalogue),
        cmocka_unit_test(test_numbers_and_documents_do_not_change),
        cmocka_unit_test(test_quote_hints_in_vietnamese),
        cmocka_unit_test(test_counts_in_vietnamese),
        cmocka_unit_test(test_localedir_variable_comes_first),
        cmocka_unit_test(test_messages_before_and_after_init),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

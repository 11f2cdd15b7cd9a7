/* test_mistakes.c - every mistake of a file in one run: a bad value does
 * not hide the others, citations are checked even when other fields are
 * wrong, the diagnostics come in file order, at most 50, and the status
 * stays 65. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

/* minimal.yaml with each from[i] (once in it) replaced by to[i]. */
static char *edited(const char *const *from, const char *const *to)
{
    char *text = tu_read_file("tests/fixtures/build/minimal.yaml", NULL);
    assert_non_null(text);
    for (size_t i = 0; from[i]; i++) {
        char *at = strstr(text, from[i]);
        if (!at)
            fail_msg("\"%s\" is not in minimal.yaml", from[i]);
        bc_buf b = BC_BUF_INIT;
        bc_buf_append(&b, text, (size_t)(at - text));
        bc_buf_puts(&b, to[i]);
        bc_buf_puts(&b, at + strlen(from[i]));
        free(text);
        text = bc_buf_detach(&b, NULL);
    }
    return text;
}

/* Five independent mistakes, five diagnostics, in the order of the file
 * (the unknown citation is found after the others, printed in its
 * place). */
static void test_five_mistakes_in_one_run(void **state)
{
    (void)state;
    static const char *const from[] = {
        "  year: 2025", "date: 2020-07-08", "preamble: [\"Mở đầu.\"]",
        "amount: 1000,", "status: \"đang triển khai thực hiện\"", NULL};
    static const char *const to[] = {
        "  year: \"năm nay\"", "date: 2020-02-30",
        "preamble: [\"Mở đầu [@nd08].\"]", "amount: nhiều,",
        "status: \"xong\"", NULL};
    char *yaml = edited(from, to);
    const char *args[] = {"build", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 65);
    assert_int_equal(r.out_len, 0);
    assert_string_equal(
        r.err,
        "<stdin>:9:9: error: \"year\" must be an integer, not text\n"
        "<stdin>:14:66: error: \"date\" is not a real date: 2020-02-30\n"
        "<stdin>:15:20: error: unknown citation [@nd08]; did you mean "
        "[@nd80]?\n"
        "<stdin>:24:73: error: \"amount\" must be a whole number of đồng, "
        "not text\n"
        "<stdin>:24:112: error: \"status\" must be one of \"chưa triển "
        "khai\", \"đang triển khai thực hiện\", \"tạm dừng\", \"đã hoàn "
        "thành\", \"đã hoàn thành, bàn giao đưa vào sử dụng\"\n");
    tu_result_fini(&r);
    free(yaml);
}

/* Text with a colon and a space, unquoted, reads as named items: the
 * message says to quote it, with the text, in a list of texts and in a
 * paragraph. */
static void test_colon_in_unquoted_text(void **state)
{
    (void)state;
    static const char *const from[] = {"preamble: [\"Mở đầu.\"]",
                                       "distribution: [\"Lưu: VT, VP\"]",
                                       NULL};
    static const char *const to[] = {
        "preamble:\n  - Kết quả như sau:\n",
        "distribution:\n  - Như trên\n  - Lưu: VT, VP\n", NULL};
    char *yaml = edited(from, to);
    const char *args[] = {"build", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 65);
    assert_string_equal(
        r.err,
        "<stdin>:16:5: error: \"preamble\" must be text, but a colon "
        "followed by a space made named items of it; put the text in double "
        "quotes: \"Kết quả như sau:\"\n"
        "<stdin>:33:5: error: \"distribution\" must be text, but a colon "
        "followed by a space made named items of it; put the text in double "
        "quotes: \"Lưu: VT, VP\"\n");
    tu_result_fini(&r);
    free(yaml);
}

/* 60 mistakes: the first 50 in file order, then how many more; the
 * status is still 65. */
static void test_fifty_then_how_many_more(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n");
    for (int i = 0; i < 60; i++)
        bc_buf_puts(&yaml, "  - \"[@x]\"\n");
    bc_buf_puts(&yaml, "results:\n  title: KẾT QUẢ\n"
                       "  dissemination: {title: T, body: [x]}\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    const char *args[] = {"build", "-", NULL};
    tu_result r;
    tu_run(&r, yaml.ptr, yaml.len, args);
    assert_int_equal(r.status, 65);
    size_t lines = 0;
    for (const char *p = r.err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, BC_DIAG_MAX_SHOWN + 1);
    assert_non_null(strstr(r.err, "<stdin>:10:6: error: unknown citation "
                                  "[@x]"));
    assert_non_null(strstr(r.err, "<stdin>:59:6: error: unknown citation "
                                  "[@x]"));
    assert_null(strstr(r.err, "<stdin>:60:6"));
    assert_non_null(strstr(r.err, "\nand 10 more errors\n"));
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_five_mistakes_in_one_run),
        cmocka_unit_test(test_colon_in_unquoted_text),
        cmocka_unit_test(test_fifty_then_how_many_more),
    };
    return cmocka_run_group_tests_name("mistakes", tests, NULL, NULL);
}

/* test_utf8.c - UTF-8 decoding, validation and text positions. */
#include "testutil.h"

#include <string.h>

#include "bcreport/utf8.h"

static void test_decode(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 0x41},
        {"\xC3\xA1", 2, 0xE1},             /* á */
        {"\xE1\xBB\x87", 3, 0x1EC7},       /* ệ */
        {"\xF0\x9F\x98\x80", 4, 0x1F600},  /* emoji */
        {"\xEF\xBF\xBF", 3, 0xFFFF},
        {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
        {"\x80", 0, 0},                    /* lone continuation */
        {"\xC0\x80", 0, 0},                /* overlong NUL */
        {"\xE0\x80\xAF", 0, 0},            /* overlong '/' */
        {"\xED\xA0\x80", 0, 0},            /* surrogate */
        {"\xF4\x90\x80\x80", 0, 0},        /* above U+10FFFF */
        {"\xF5\x80\x80\x80", 0, 0},
        {"\xE1\xBB", 0, 0},                /* truncated */
        {"\xE1\x41\x87", 0, 0},            /* bad continuation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0;
        size_t n = bc_utf8_decode((const unsigned char *)cases[i].bytes,
                                  strlen(cases[i].bytes), &cp);
        assert_int_equal(n, cases[i].len);
        if (n)
            assert_int_equal(cp, cases[i].cp);
    }
}

static void test_valid(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(bc_utf8_valid("Độc lập - Tự do - Hạnh phúc", 34, &bad));
    assert_false(bc_utf8_valid("ab\xC3", 3, &bad));
    assert_int_equal(bad, 2);
    assert_false(bc_utf8_valid("\xE1\xBB\x87x\xFF", 5, &bad));
    assert_int_equal(bad, 4);
}

static void test_position(void **state)
{
    (void)state;
    static const char text[] = "ab\nĐộc\r\nx\ry";
    int line, col;
    bc_utf8_position(text, sizeof text - 1, 0, &line, &col);
    assert_int_equal(line, 1), assert_int_equal(col, 1);
    bc_utf8_position(text, sizeof text - 1, 2, &line, &col);
    assert_int_equal(line, 1), assert_int_equal(col, 3);
    /* "Độc": Đ and ộ are two and three bytes but one column each. */
    const char *c = strstr(text, "c\r");
    bc_utf8_position(text, sizeof text - 1, (size_t)(c - text), &line, &col);
    assert_int_equal(line, 2), assert_int_equal(col, 3);
    bc_utf8_position(text, sizeof text - 1, (size_t)(strchr(text, 'x') - text), &line, &col);
    assert_int_equal(line, 3), assert_int_equal(col, 1);
    bc_utf8_position(text, sizeof text - 1, (size_t)(strchr(text, 'y') - text), &line, &col);
    assert_int_equal(line, 4), assert_int_equal(col, 1);
}

/* The character before an offset, as the emphasis rules look back. */
static void test_decode_last(void **state)
{
    (void)state;
    static const char s[] = "a\xC3\xA9\xE2\x80\x83";  /* a, é, EM SPACE */
    size_t start;
    uint32_t cp;
    assert_true(bc_utf8_decode_last(s, 6, &start, &cp));
    assert_int_equal(start, 3);
    assert_int_equal(cp, 0x2003);
    assert_true(bc_utf8_decode_last(s, 3, &start, &cp));
    assert_int_equal(start, 1);
    assert_int_equal(cp, 0xE9);
    assert_true(bc_utf8_decode_last(s, 1, &start, &cp));
    assert_int_equal(cp, 'a');
    assert_false(bc_utf8_decode_last(s, 0, &start, &cp));
    assert_false(bc_utf8_decode_last(s, 5, &start, &cp)); /* cut short */
}

/* CommonMark's whitespace: ASCII blanks but the vertical tab, and Zs. */
static void test_is_space(void **state)
{
    (void)state;
    static const uint32_t spaces[] = {' ',    '\t',   '\n',   '\r',
                                      '\f',   0xA0,   0x1680, 0x2000,
                                      0x200A, 0x202F, 0x205F, 0x3000};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
        assert_true(bc_utf8_is_space(spaces[i]));
    static const uint32_t others[] = {'a', '\v', 0x200B, 0xFEFF, 0xE000};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_false(bc_utf8_is_space(others[i]));
}

/* Case changes go through utf8proc, so Vietnamese letters with their
 * marks change too; bytes that are not UTF-8 pass through. */
static void test_sentence_case(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    bc_utf8_sentence_case("BÁO CÁO ĐỀ XUẤT", strlen("BÁO CÁO ĐỀ XUẤT"),
                          &out);
    assert_string_equal(out.ptr, "Báo cáo đề xuất");
    bc_buf_fini(&out);
}

static void test_upper_first(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {{"đã hoàn thành", "Đã hoàn thành"},
                 {"ở thôn C", "Ở thôn C"},
                 {"Thôn C", "Thôn C"},
                 {"03 điểm trường", "03 điểm trường"},
                 {"\xff", "\xff"},
                 {"", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf out = BC_BUF_INIT;
        bc_utf8_upper_first(cases[i].in, strlen(cases[i].in), &out);
        assert_string_equal(out.ptr, cases[i].want);
        bc_buf_fini(&out);
    }
}

/* The last surrogate, U+DFFF, is refused as the first is: no surrogate
 * is a character. */
static void test_decode_refuses_the_last_surrogate(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(bc_utf8_decode((const unsigned char *)"\xED\xBF\xBF", 3,
                                    &cp),
                     0);
    assert_int_equal(bc_utf8_decode((const unsigned char *)"\xED\x9F\xBF", 3,
                                    &cp),
                     3);
    assert_int_equal(cp, 0xD7FF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_decode_refuses_the_last_surrogate),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_position),
        cmocka_unit_test(test_decode_last),
        cmocka_unit_test(test_is_space),
        cmocka_unit_test(test_sentence_case),
        cmocka_unit_test(test_upper_first),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}

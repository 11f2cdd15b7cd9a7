/* test_vnformat.c - Vietnamese dates, numbers and enumerations. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/vnformat.h"

/* Appends with fn and compares, then resets the buffer. */
#define EXPECT(buf, call, text)                                           \
    do {                                                                  \
        bc_buf_clear(&(buf));                                             \
        assert_true(call);                                                \
        assert_string_equal((buf).ptr ? (buf).ptr : "", text);            \
    } while (0)

static void test_dates(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_date d = {2022, 1, 5};
    EXPECT(b, bc_vn_date_short(&b, d), "05/01/2022");
    d = (bc_date){2022, 6, 3};
    EXPECT(b, bc_vn_date_short(&b, d), "03/6/2022");
    d = (bc_date){2023, 11, 9};
    EXPECT(b, bc_vn_date_short(&b, d), "09/11/2023");
    d = (bc_date){2020, 2, 29};
    EXPECT(b, bc_vn_date_short(&b, d), "29/02/2020");
    d = (bc_date){2024, 1, 5};
    EXPECT(b, bc_vn_date_long(&b, d), "ngày 05 tháng 01 năm 2024");
    d = (bc_date){2019, 6, 29};
    EXPECT(b, bc_vn_date_long(&b, d), "ngày 29 tháng 6 năm 2019");
    d = (bc_date){2023, 0, 0};
    EXPECT(b, bc_vn_date_long(&b, d),
           "ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0"
           "\u00a0\u00a0\u00a0năm 2023");
    bc_buf_clear(&b);
    d = (bc_date){2023, 2, 29};
    assert_false(bc_vn_date_short(&b, d));
    assert_false(bc_vn_date_long(&b, d));
    assert_int_equal(b.len, 0);
    bc_buf_fini(&b);
}

static void test_date_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
    } cases[] = {
        {"2022-06-03", true},  {"2024-02-29", true},  {"2000-02-29", true},
        {"1900-02-29", false}, {"2023-02-29", false}, {"2023-04-31", false},
        {"2023-13-01", false}, {"2023-00-10", false}, {"2023-01-00", false},
        {"2023-1-05", false},  {"05/01/2024", false}, {"2023-01-05x", false},
        {"", false},           {"0999-01-01", false}, {"2023-01-+5", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_date d = {0, 0, 0};
        bool ok = bc_date_parse(cases[i].text, strlen(cases[i].text), &d);
        if (ok != cases[i].ok)
            fail_msg("%s: %d", cases[i].text, ok);
    }
    bc_date d;
    assert_true(bc_date_parse("2022-06-03", 10, &d));
    assert_int_equal(d.year, 2022);
    assert_int_equal(d.month, 6);
    assert_int_equal(d.day, 3);
}

static void test_numbers(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    static const struct {
        int64_t n;
        const char *text;
    } cases[] = {{0, "0"},
                 {999, "999"},
                 {1000, "1.000"},
                 {115000000, "115.000.000"},
                 {1000000000000000, "1.000.000.000.000.000"},
                 {-1234567, "-1.234.567"},
                 {INT64_MIN, "-9.223.372.036.854.775.808"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf_clear(&b);
        bc_vn_group_thousands(&b, cases[i].n);
        assert_string_equal(b.ptr, cases[i].text);
    }
    bc_buf_clear(&b);
    bc_vn_money(&b, 115000000);
    assert_string_equal(b.ptr, "115.000.000 đồng");
    bc_buf_fini(&b);
}

static void test_roman(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    EXPECT(b, bc_vn_roman(&b, 1), "I");
    EXPECT(b, bc_vn_roman(&b, 3), "III");
    EXPECT(b, bc_vn_roman(&b, 4), "IV");
    EXPECT(b, bc_vn_roman(&b, 9), "IX");
    EXPECT(b, bc_vn_roman(&b, 14), "XIV");
    EXPECT(b, bc_vn_roman(&b, 1994), "MCMXCIV");
    EXPECT(b, bc_vn_roman(&b, 3999), "MMMCMXCIX");
    bc_buf_clear(&b);
    assert_false(bc_vn_roman(&b, 0));
    assert_false(bc_vn_roman(&b, 4000));
    bc_buf_fini(&b);
}

static void test_letters(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int i = 1; i <= BC_VN_LETTER_COUNT; i++) {
        bc_vn_letter(&b, i);
        bc_buf_putc(&b, ' ');
    }
    assert_string_equal(b.ptr, "a b c d đ e g h i k l m n o p q r s t u v "
                               "x y ");
    bc_buf_clear(&b);
    assert_false(bc_vn_letter(&b, 24));
    assert_false(bc_vn_letter(&b, 0));
    assert_int_equal(b.len, 0);
    bc_buf_fini(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),   cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_numbers), cmocka_unit_test(test_roman),
        cmocka_unit_test(test_letters),
    };
    return cmocka_run_group_tests_name("vnformat", tests, NULL, NULL);
}

/* test_forms.c - dates and amounts as clerks type them (15/12/2026,
 * "1.250.000.000 đồng") mean what the canonical forms mean: a variant of
 * data/2025-xa.yaml written that way builds the golden Markdown and HTML
 * byte for byte; the ambiguous forms are errors that say what to write. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/buf.h"
#include "bcreport/date.h"
#include "bcreport/vnformat.h"

/* data/2025-xa.yaml with each from[i] (once in it) replaced by to[i]. */
static char *variant(const char *const *from, const char *const *to)
{
    char *text = tu_read_file("data/2025-xa.yaml", NULL);
    assert_non_null(text);
    for (size_t i = 0; from[i]; i++) {
        char *at = strstr(text, from[i]);
        if (!at || strstr(at + 1, from[i]))
            fail_msg("\"%s\" must be in data/2025-xa.yaml once", from[i]);
        bc_buf b = BC_BUF_INIT;
        bc_buf_append(&b, text, (size_t)(at - text));
        bc_buf_puts(&b, to[i]);
        bc_buf_puts(&b, at + strlen(from[i]));
        free(text);
        text = bc_buf_detach(&b, NULL);
    }
    return text;
}

static void expect_golden(const char *yaml, const char *format,
                          const char *golden)
{
    const char *args[] = {"build", "-f", format, "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    size_t len;
    char *want = tu_read_file(golden, &len);
    assert_non_null(want);
    if (len != r.out_len || memcmp(want, r.out, len) != 0)
        fail_msg("the variant does not build %s", golden);
    free(want);
    tu_result_fini(&r);
}

static const char *const canonical[] = {
    "date: 2025-12-05", "date: 2020-07-08", "amount: 250000000",
    "disbursed: 250000000", NULL};
static const char *const typed[] = {
    "date: 05/12/2025", "date: 8-7-2020", "amount: \"250.000.000 đồng\"",
    "disbursed: 250.000.000", NULL};

static void test_typed_forms_build_the_golden(void **state)
{
    (void)state;
    char *yaml = variant(canonical, typed);
    expect_golden(yaml, "md", "tests/golden/2025-xa.md");
    expect_golden(yaml, "html", "tests/golden/2025-xa.html");
    free(yaml);
}

/* The forms of a date, each with one meaning. */
static void test_date_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bc_date_reading want;
        bc_date date;
    } cases[] = {
        {"2026-12-15", BC_DATE_OK, {2026, 12, 15}},
        {"15/12/2026", BC_DATE_OK, {2026, 12, 15}},
        {"15-12-2026", BC_DATE_OK, {2026, 12, 15}},
        {"5/1/2026", BC_DATE_OK, {2026, 1, 5}},
        {"12/31/2026", BC_DATE_MONTH_FIRST, {2026, 12, 31}},
        {"31/02/2026", BC_DATE_NOT_REAL, {0, 0, 0}},
        {"2026-02-30", BC_DATE_NOT_REAL, {0, 0, 0}},
        {"15/12-2026", BC_DATE_NOT_A_DATE, {0, 0, 0}},
        {"15.12.2026", BC_DATE_NOT_A_DATE, {0, 0, 0}},
        {"15/12/26", BC_DATE_NOT_A_DATE, {0, 0, 0}},
        {"115/12/2026", BC_DATE_NOT_A_DATE, {0, 0, 0}},
        {"", BC_DATE_NOT_A_DATE, {0, 0, 0}}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_date d = {0, 0, 0};
        bc_date_reading got = bc_date_read(cases[i].text,
                                           strlen(cases[i].text), &d);
        if (got != cases[i].want)
            fail_msg("%s: reading %d, not %d", cases[i].text, got,
                     cases[i].want);
        if (got == BC_DATE_OK || got == BC_DATE_MONTH_FIRST)
            assert_memory_equal(&d, &cases[i].date, sizeof d);
    }
}

/* The forms of a whole number: dots only between thousands, the unit
 * after it or not; a comma or any other dot is a fraction. */
static void test_number_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bc_vn_number_reading want;
        int64_t n;
    } cases[] = {
        {"1250000000", BC_VN_NUMBER_OK, 1250000000},
        {"1.250.000.000", BC_VN_NUMBER_OK, 1250000000},
        {"1.250.000.000 đồng", BC_VN_NUMBER_OK, 1250000000},
        {"250.000đồng", BC_VN_NUMBER_OK, 250000},
        {"0", BC_VN_NUMBER_OK, 0},
        {"1,5", BC_VN_NUMBER_DECIMAL, 0},
        {"1.5", BC_VN_NUMBER_DECIMAL, 0},
        {"1.2345", BC_VN_NUMBER_DECIMAL, 0},
        {"1234.567", BC_VN_NUMBER_DECIMAL, 0},
        {"1.250.00", BC_VN_NUMBER_DECIMAL, 0},
        {".250", BC_VN_NUMBER_DECIMAL, 0},
        {"99999999999999999999", BC_VN_NUMBER_TOO_LARGE, 0},
        {"-5", BC_VN_NUMBER_NOT_A_NUMBER, 0},
        {"đồng", BC_VN_NUMBER_NOT_A_NUMBER, 0},
        {"năm", BC_VN_NUMBER_NOT_A_NUMBER, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t n = -1;
        bc_vn_number_reading got = bc_vn_read_number(
            cases[i].text, strlen(cases[i].text), "đồng", &n);
        if (got != cases[i].want)
            fail_msg("%s: reading %d, not %d", cases[i].text, got,
                     cases[i].want);
        if (got == BC_VN_NUMBER_OK)
            assert_int_equal(n, cases[i].n);
    }
    int64_t n;
    assert_int_equal(bc_vn_read_number("5 đồng", 7, NULL, &n),
                     BC_VN_NUMBER_NOT_A_NUMBER); /* no unit for a count */
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* Nearly a date: a letter among the digits, a separator of the wrong
 * kind, a year of five digits, a day of three, 29 February of a year that
 * is or is not leap. */
static void test_date_forms_nearly_dates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bc_date_reading want;
    } cases[] = {
        {"2o26-12-15", BC_DATE_NOT_A_DATE}, {"2026-1x-15", BC_DATE_NOT_A_DATE},
        {"2026-12-1x", BC_DATE_NOT_A_DATE}, {"2026/12-15", BC_DATE_NOT_A_DATE},
        {"2026-12/15", BC_DATE_NOT_A_DATE}, {"15/12/20266", BC_DATE_NOT_A_DATE},
        {"15/1x/2026", BC_DATE_NOT_A_DATE}, {"15/12/2o26", BC_DATE_NOT_A_DATE},
        {"1/", BC_DATE_NOT_A_DATE},         {"15/12", BC_DATE_NOT_A_DATE},
        {"2024-02-29", BC_DATE_OK},         {"2023-02-29", BC_DATE_NOT_REAL},
        {"1900-02-29", BC_DATE_NOT_REAL},   {"2000-02-29", BC_DATE_OK},
        {"29/2/2024", BC_DATE_OK},          {"2026-00-10", BC_DATE_NOT_REAL},
        {"00/12/2026", BC_DATE_NOT_REAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_date d = {0, 0, 0};
        bc_date_reading got = bc_date_read(cases[i].text,
                                           strlen(cases[i].text), &d);
        if (got != cases[i].want)
            fail_msg("%s: reading %d, not %d", cases[i].text, got,
                     cases[i].want);
    }
    bc_date d;
    assert_false(bc_date_parse("2026-12-15x", 11, &d));
    assert_true(bc_date_parse("2026-12-15", 10, &d));
    assert_int_equal(d.day, 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_forms_build_the_golden),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_date_forms_nearly_dates),
        cmocka_unit_test(test_number_forms),
    };
    return cmocka_run_group_tests_name("forms", tests, NULL, NULL);
}

/* test_vnformat.c - Vietnamese dates, numbers and enumerations. */
#include "testutil.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/vnformat.h"

/* Appends with fn and compares, then resets the buffer. */
#define EXPECT(buf, call, text)                                           \
    do {                                                                  \
        bc_buf_clear(&(buf));                                             \
        assert_true(call);                                                \
        assert_string_equal((buf).ptr, text);            \
    } while (0)

/* Short dates: the day always with two digits, the month with two for
 * January and February only (so "01" cannot become "11" or "12"). */
static void test_date_short(void **state)
{
    (void)state;
    static const struct {
        bc_date d;
        const char *text;
    } cases[] = {
        {{2022, 1, 5}, "05/01/2022"},  {{2022, 6, 3}, "03/6/2022"},
        {{2023, 11, 9}, "09/11/2023"}, {{2020, 2, 29}, "29/02/2020"},
        {{2023, 3, 10}, "10/3/2023"},  {{2023, 12, 31}, "31/12/2023"},
    };
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf_clear(&b);
        assert_true(bc_vn_date_short(&b, cases[i].d));
        if (strcmp(b.ptr, cases[i].text) != 0)
            fail_msg("\"%s\", expected \"%s\"", b.ptr, cases[i].text);
    }
    bc_buf_fini(&b);
}

/* Long dates follow the same padding: "ngày 05 tháng 01 năm 2024". */
static void test_date_long(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_date d = {2024, 1, 5};
    EXPECT(b, bc_vn_date_long(&b, d), "ngày 05 tháng 01 năm 2024");
    d = (bc_date){2019, 6, 29};
    EXPECT(b, bc_vn_date_long(&b, d), "ngày 29 tháng 6 năm 2019");
    d = (bc_date){2020, 2, 9};
    EXPECT(b, bc_vn_date_long(&b, d), "ngày 09 tháng 02 năm 2020");
    bc_buf_fini(&b);
}

/* A date not signed yet: blanks (no-break spaces) for the day and month. */
static void test_date_long_blank(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_date d = {2023, 0, 0};
    EXPECT(b, bc_vn_date_long(&b, d),
           "ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0"
           "\u00a0\u00a0\u00a0năm 2023");
    bc_buf_fini(&b);
}

/* A date not in the calendar is refused, with nothing written. */
static void test_date_invalid_writes_nothing(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_date d = {2023, 2, 29};
    assert_false(bc_vn_date_short(&b, d));
    assert_false(bc_vn_date_long(&b, d));
    assert_int_equal(b.len, 0);
    d = (bc_date){10000, 0, 0}; /* a blank date of a year too long */
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
        {"2023-01-31", true},  {"2023-04-30", true},  {"1000-01-01", true},
        {"9999-12-31", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_date d = {0, 0, 0};
        bool ok = bc_date_parse(cases[i].text, strlen(cases[i].text), &d);
        if (ok != cases[i].ok)
            fail_msg("%s: %d", cases[i].text, ok);
    }
}

static void test_date_parse_fields(void **state)
{
    (void)state;
    bc_date d;
    assert_true(bc_date_parse("2022-06-03", 10, &d));
    assert_int_equal(d.year, 2022);
    assert_int_equal(d.month, 6);
    assert_int_equal(d.day, 3);
}

/* A refused date leaves the caller's date as it was. */
static void test_date_parse_failure_keeps_date(void **state)
{
    (void)state;
    bc_date d = {2001, 2, 3};
    assert_false(bc_date_parse("2023-02-30", 10, &d));
    assert_int_equal(d.year, 2001);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 3);
}

/* Years 1000 to 9999, as date.h says, whoever asks. */
static void test_date_valid_years(void **state)
{
    (void)state;
    assert_true(bc_date_valid(1000, 1, 1));
    assert_true(bc_date_valid(9999, 12, 31));
    assert_false(bc_date_valid(999, 12, 31));
    assert_false(bc_date_valid(10000, 1, 1));
    assert_false(bc_date_valid(12024, 1, 5));
}

/* Earlier by year, then month, then day; a date is not before itself. */
static void test_date_before(void **state)
{
    (void)state;
    bc_date a = {2023, 5, 10};
    assert_true(bc_date_before(a, (bc_date){2023, 5, 11}));
    assert_true(bc_date_before(a, (bc_date){2023, 6, 1}));
    assert_true(bc_date_before(a, (bc_date){2024, 1, 1}));
    assert_false(bc_date_before(a, a));
    assert_false(bc_date_before(a, (bc_date){2023, 5, 9}));
    assert_false(bc_date_before(a, (bc_date){2022, 12, 31}));
}

static void test_group_thousands(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    static const struct {
        int64_t n;
        const char *text;
    } cases[] = {{0, "0"},
                 {999, "999"},
                 {1000, "1.000"},
                 {12345, "12.345"},
                 {115000000, "115.000.000"},
                 {1000000000000000, "1.000.000.000.000.000"},
                 {-1234567, "-1.234.567"},
                 {INT64_MIN, "-9.223.372.036.854.775.808"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf_clear(&b);
        bc_vn_group_thousands(&b, cases[i].n);
        assert_string_equal(b.ptr, cases[i].text);
    }
    bc_buf_fini(&b);
}

static void test_money(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_vn_money(&b, 115000000);
    assert_string_equal(b.ptr, "115.000.000 đồng");
    bc_buf_fini(&b);
}

/* Every rule of the reading, each with its neighbours that must not take
 * it (21 "mốt" but 11 "một" and 101 "linh một", ...). */
static const struct {
    int64_t n;
    const char *text;
} number_words_cases[] = {
    {0, "không"},
    {1, "một"},
    {4, "bốn"},
    {5, "năm"},
    {9, "chín"},
    {10, "mười"},
    {11, "mười một"},
    {14, "mười bốn"},
    {15, "mười lăm"},
    {19, "mười chín"},
    {20, "hai mươi"},
    {21, "hai mươi mốt"},
    {24, "hai mươi tư"},
    {25, "hai mươi lăm"},
    {30, "ba mươi"},
    {55, "năm mươi lăm"},
    {91, "chín mươi mốt"},
    {100, "một trăm"},
    {101, "một trăm linh một"},
    {104, "một trăm linh bốn"},
    {105, "một trăm linh năm"},
    {110, "một trăm mười"},
    {111, "một trăm mười một"},
    {114, "một trăm mười bốn"},
    {115, "một trăm mười lăm"},
    {121, "một trăm hai mươi mốt"},
    {999, "chín trăm chín mươi chín"},
    {1000, "một nghìn"},
    {1001, "một nghìn không trăm linh một"},
    {1005, "một nghìn không trăm linh năm"},
    {1010, "một nghìn không trăm mười"},
    {1015, "một nghìn không trăm mười lăm"},
    {1021, "một nghìn không trăm hai mươi mốt"},
    {1100, "một nghìn một trăm"},
    {1105, "một nghìn một trăm linh năm"},
    {10000, "mười nghìn"},
    {15000, "mười lăm nghìn"},
    {21000, "hai mươi mốt nghìn"},
    {24000, "hai mươi tư nghìn"},
    {100000, "một trăm nghìn"},
    {105000, "một trăm linh năm nghìn"},
    {1000000, "một triệu"},
    {1000005, "một triệu không trăm linh năm"},
    {1000100, "một triệu một trăm"},
    {1005000, "một triệu không trăm linh năm nghìn"},
    {1500000, "một triệu năm trăm nghìn"},
    {115000000, "một trăm mười lăm triệu"},
    {190234500, "một trăm chín mươi triệu hai trăm ba mươi tư nghìn năm "
                "trăm"},
    {215321500, "hai trăm mười lăm triệu ba trăm hai mươi mốt nghìn năm "
                "trăm"},
    {1000000000, "một tỷ"},
    {1000000001, "một tỷ không trăm linh một"},
    {1001000000, "một tỷ không trăm linh một triệu"},
    {1000000000000, "một nghìn tỷ"},
    {1000000000005, "một nghìn tỷ không trăm linh năm"},
    {2005000000000, "hai nghìn không trăm linh năm tỷ"},
    {21000000000000, "hai mươi mốt nghìn tỷ"},
    {999999999999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi "
                      "chín tỷ chín trăm chín mươi chín triệu chín trăm "
                      "chín mươi chín nghìn chín trăm chín mươi chín"},
    {BC_VN_WORDS_MAX, "một triệu tỷ"},
};

static void test_number_words(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    size_t count = sizeof number_words_cases / sizeof number_words_cases[0];
    for (size_t i = 0; i < count; i++) {
        bc_buf_clear(&b);
        if (!bc_vn_number_words(&b, number_words_cases[i].n))
            fail_msg("%" PRId64 ": false", number_words_cases[i].n);
        if (strcmp(b.ptr, number_words_cases[i].text) != 0)
            fail_msg("%" PRId64 ": \"%s\", expected \"%s\"",
                     number_words_cases[i].n, b.ptr,
                     number_words_cases[i].text);
    }
    bc_buf_fini(&b);
}

static void test_money_words(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    EXPECT(b, bc_vn_money_words(&b, 115000000),
           "Một trăm mười lăm triệu đồng");
    EXPECT(b, bc_vn_money_words(&b, 0), "Không đồng");
    EXPECT(b, bc_vn_money_words(&b, 5), "Năm đồng");
    EXPECT(b, bc_vn_money_words(&b, 3), "Ba đồng");
    EXPECT(b, bc_vn_money_words(&b, 20), "Hai mươi đồng");
    EXPECT(b, bc_vn_money_words(&b, 15000), "Mười lăm nghìn đồng");
    EXPECT(b, bc_vn_money_words(&b, 1005),
           "Một nghìn không trăm linh năm đồng");
    EXPECT(b, bc_vn_money_words(&b, BC_VN_WORDS_MAX), "Một triệu tỷ đồng");
    bc_buf_fini(&b);
}

/* Only the amount's own first letter is capitalised. */
static void test_money_words_capitalise_their_own_start(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "bằng chữ: ");
    assert_true(bc_vn_money_words(&b, 7000));
    assert_string_equal(b.ptr, "bằng chữ: Bảy nghìn đồng");
    bc_buf_fini(&b);
}

static const int64_t out_of_range[] = {-1, BC_VN_WORDS_MAX + 1, INT64_MIN,
                                       INT64_MAX};

/* Amounts that have no reading are refused, the buffer left as it was. */
static void test_number_words_out_of_range(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof out_of_range / sizeof out_of_range[0]; i++) {
        bc_buf_clear(&b);
        assert_false(bc_vn_number_words(&b, out_of_range[i]));
        assert_int_equal(b.len, 0);
        bc_buf_puts(&b, "x");
        assert_false(bc_vn_number_words(&b, out_of_range[i]));
        assert_string_equal(b.ptr, "x");
    }
    bc_buf_fini(&b);
}

static void test_money_words_out_of_range(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof out_of_range / sizeof out_of_range[0]; i++) {
        bc_buf_clear(&b);
        assert_false(bc_vn_money_words(&b, out_of_range[i]));
        assert_int_equal(b.len, 0);
        bc_buf_puts(&b, "x");
        assert_false(bc_vn_money_words(&b, out_of_range[i]));
        assert_string_equal(b.ptr, "x");
    }
    bc_buf_fini(&b);
}

/* Reading words back, for checking many more amounts than a table holds.
 * It accepts only what the rules allow where they allow it, so a wrong
 * form fails as surely as a wrong value. */
typedef struct reader {
    int64_t tys;   /* the part already followed by "tỷ" */
    int64_t below; /* nghìn and triệu groups since then */
    int64_t group; /* the group being read */
    int digit;     /* a digit word not yet placed, or -1 */
    char prev[16]; /* the previous word */
    bool after_scale;
    const char *need; /* the word that must come next, or NULL */
} reader;

static int digit_of(const char *w)
{
    static const char *const words[] = {"không", "một", "hai", "ba",
                                        "bốn",   "năm", "sáu", "bảy",
                                        "tám",   "chín"};
    for (int d = 0; d < 10; d++) {
        if (strcmp(w, words[d]) == 0)
            return d;
    }
    return -1;
}

/* Ends the group being read; its value. */
static int64_t close_group(reader *r)
{
    int64_t v = r->group + (r->digit > 0 ? r->digit : 0);
    r->group = 0;
    r->digit = -1;
    return v;
}

static bool read_scale(reader *r, const char *w)
{
    if (strcmp(w, "tỷ") == 0) {
        r->tys = (r->tys + r->below + close_group(r)) * 1000000000;
        r->below = 0;
    } else if (strcmp(w, "triệu") == 0) {
        r->below += close_group(r) * 1000000;
    } else if (strcmp(w, "nghìn") == 0) {
        r->below += close_group(r) * 1000;
    } else {
        return false;
    }
    r->after_scale = true;
    return true;
}

/* The units forms: "mốt"/"tư" only after "mươi", "lăm" after any tens,
 * and never the plain "một", "bốn" or "năm" there.  A digit straight
 * after "trăm" is a tens digit: a unit there takes "linh" first. */
static bool read_unit(reader *r, const char *w, int d)
{
    bool after_muoi = strcmp(r->prev, "mươi") == 0;
    bool after_tens = after_muoi || strcmp(r->prev, "mười") == 0;
    if (strcmp(w, "mốt") == 0 && after_muoi)
        d = 1;
    else if (strcmp(w, "tư") == 0 && after_muoi)
        d = 4;
    else if (strcmp(w, "lăm") == 0 && after_tens)
        d = 5;
    else if (d < 0 || (after_muoi && (d == 1 || d == 4 || d == 5)) ||
             (after_tens && d == 5))
        return false;
    if (r->digit >= 0)
        return false;
    if (strcmp(r->prev, "trăm") == 0)
        r->need = "mươi";
    r->digit = d;
    return true;
}

static bool read_word(reader *r, const char *w)
{
    if (r->need && strcmp(w, r->need) != 0)
        return false;
    r->need = NULL;
    if (read_scale(r, w))
        return true;
    /* A group after a scale word is read in full, from its hundreds. */
    if (r->after_scale)
        r->need = "trăm";
    r->after_scale = false;
    if (strcmp(w, "trăm") == 0 || strcmp(w, "mươi") == 0) {
        bool tram = w[1] == 'r';
        if (r->digit < (tram ? 0 : 2))
            return false;
        r->group += r->digit * (tram ? 100 : 10);
        r->digit = -1;
        return true;
    }
    if (strcmp(w, "mười") == 0) {
        r->group += 10;
        return r->digit < 0;
    }
    if (strcmp(w, "linh") == 0)
        return strcmp(r->prev, "trăm") == 0;
    return read_unit(r, w, digit_of(w));
}

static int64_t parse_words(const char *s)
{
    reader r = {0, 0, 0, -1, "", false, NULL};
    size_t len = strlen(s);
    if (len == 0 || s[0] == ' ' || s[len - 1] == ' ' || strstr(s, "  "))
        return -1;
    if (strcmp(s, "không") == 0)
        return 0;
    char word[16];
    int used;
    for (; sscanf(s, "%15s%n", word, &used) == 1; s += used) {
        if (!read_word(&r, word))
            return -1;
        memcpy(r.prev, word, sizeof word);
    }
    if (r.need)
        return -1;
    return r.tys + r.below + close_group(&r);
}

static void check_round_trip(bc_buf *b, int64_t n)
{
    bc_buf_clear(b);
    assert_true(bc_vn_number_words(b, n));
    int64_t back = parse_words(b->ptr);
    if (back != n)
        fail_msg("%" PRId64 ": \"%s\" reads back as %" PRId64, n, b->ptr,
                 back);
}

/* The reader of the round trips agrees with the table... */
static void test_words_reader_reads_the_table(void **state)
{
    (void)state;
    size_t count = sizeof number_words_cases / sizeof number_words_cases[0];
    for (size_t i = 0; i < count; i++)
        if (parse_words(number_words_cases[i].text) != number_words_cases[i].n)
            fail_msg("\"%s\" does not read back as %" PRId64,
                     number_words_cases[i].text, number_words_cases[i].n);
}

/* ...and refuses the forms the rules forbid. */
static void test_words_reader_refuses_wrong_forms(void **state)
{
    (void)state;
    assert_true(parse_words("hai mươi một") < 0);
    assert_true(parse_words("mười mốt") < 0);
    assert_true(parse_words("một trăm linh tư") < 0);
    assert_true(parse_words("một nghìn linh năm") < 0);
    assert_true(parse_words("một trăm năm") < 0);
}

/* Every amount to 1 100 000 reads back. */
static void test_number_words_round_trip_small(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int64_t n = 0; n <= 1100000; n++)
        check_round_trip(&b, n);
    bc_buf_fini(&b);
}

/* Amounts up to 10^15 made of the digits that change the reading (0 1 4
 * 5) and a plain one read back. */
static void test_number_words_round_trip_large(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    static const int pick[] = {0, 0, 0, 1, 4, 5, 7};
    uint32_t seed = 12345;
    for (int i = 0; i < 100000; i++) {
        int64_t n = 0;
        for (int d = 0; d < 15; d++) {
            seed = seed * 1103515245u + 12345u;
            n = n * 10 + pick[(seed >> 16) % 7];
        }
        check_round_trip(&b, n);
    }
    check_round_trip(&b, BC_VN_WORDS_MAX);
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
    bc_buf_fini(&b);
}

static void test_roman_out_of_range(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    assert_false(bc_vn_roman(&b, 0));
    assert_false(bc_vn_roman(&b, 4000));
    assert_int_equal(b.len, 0);
    bc_buf_fini(&b);
}

/* The 23 letters of Vietnamese numbering: đ, but no f, j, w or z. */
static void test_letters(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int i = 1; i <= BC_VN_LETTER_COUNT; i++) {
        assert_true(bc_vn_letter(&b, i));
        bc_buf_putc(&b, ' ');
    }
    assert_string_equal(b.ptr, "a b c d đ e g h i k l m n o p q r s t u v "
                               "x y ");
    bc_buf_fini(&b);
}

static void test_letters_out_of_range(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    assert_false(bc_vn_letter(&b, 24));
    assert_false(bc_vn_letter(&b, 0));
    assert_int_equal(b.len, 0);
    bc_buf_fini(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_short),
        cmocka_unit_test(test_date_long),
        cmocka_unit_test(test_date_long_blank),
        cmocka_unit_test(test_date_invalid_writes_nothing),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_parse_fields),
        cmocka_unit_test(test_date_parse_failure_keeps_date),
        cmocka_unit_test(test_date_valid_years),
        cmocka_unit_test(test_date_before),
        cmocka_unit_test(test_group_thousands),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_roman),
        cmocka_unit_test(test_roman_out_of_range),
        cmocka_unit_test(test_letters),
        cmocka_unit_test(test_letters_out_of_range),
        cmocka_unit_test(test_number_words),
        cmocka_unit_test(test_money_words),
        cmocka_unit_test(test_money_words_capitalise_their_own_start),
        cmocka_unit_test(test_number_words_out_of_range),
        cmocka_unit_test(test_money_words_out_of_range),
        cmocka_unit_test(test_words_reader_reads_the_table),
        cmocka_unit_test(test_words_reader_refuses_wrong_forms),
        cmocka_unit_test(test_number_words_round_trip_small),
        cmocka_unit_test(test_number_words_round_trip_large),
    };
    return cmocka_run_group_tests_name("vnformat", tests, NULL, NULL);
}

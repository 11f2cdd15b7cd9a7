/* vnformat.c - Vietnamese formatting (see vnformat.h). */
#include "bcreport/vnformat.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bcreport/chars.h"

/* Months 1 and 2 take a leading zero (so "01" cannot be misread as "11"
 * or "12" by a pen added later); 3 to 12 do not. */
static void put_month(bc_buf *out, int month)
{
    bc_buf_put_int(out, month, month <= 2 ? 2 : 1);
}

bool bc_vn_date_short(bc_buf *out, bc_date date)
{
    if (!bc_date_valid(date.year, date.month, date.day))
        return false;
    bc_buf_put_int(out, date.day, 2);
    bc_buf_putc(out, '/');
    put_month(out, date.month);
    bc_buf_putc(out, '/');
    bc_buf_put_int(out, date.year, 1);
    return true;
}

bool bc_vn_date_long(bc_buf *out, bc_date date)
{
    if (date.day == 0 && date.month == 0 && date.year >= 1000 &&
        date.year <= 9999) {
        bc_buf_printf(out, "ngày" BC_VN_BLANK "tháng" BC_VN_BLANK "năm %d",
                      date.year);
        return true;
    }
    if (!bc_date_valid(date.year, date.month, date.day))
        return false;
    bc_buf_puts(out, "ngày ");
    bc_buf_put_int(out, date.day, 2);
    bc_buf_puts(out, " tháng ");
    put_month(out, date.month);
    bc_buf_puts(out, " năm ");
    bc_buf_put_int(out, date.year, 1);
    return true;
}

void bc_vn_group_thousands(bc_buf *out, int64_t n)
{
    char digits_text[24];
    /* Work on the magnitude as unsigned: -INT64_MIN does not fit. */
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len = snprintf(digits_text, sizeof digits_text, "%" PRIu64, u);
    if (n < 0)
        bc_buf_putc(out, '-');
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            bc_buf_putc(out, '.');
        bc_buf_putc(out, digits_text[i]);
    }
}

void bc_vn_money(bc_buf *out, int64_t dong)
{
    bc_vn_group_thousands(out, dong);
    bc_buf_puts(out, " đồng");
}

static const char *const digit_words[10] = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

/* Appends one word, with a space before it unless it is the first word
 * written since start. */
static void put_word(bc_buf *out, size_t start, const char *word)
{
    if (out->len > start)
        bc_buf_putc(out, ' ');
    bc_buf_puts(out, word);
}

/* The units digit u (1 to 9) after a tens digit t (1 to 9), in the forms
 * the written standard keeps from speech: "mốt" and "tư" only after
 * "mươi" ("hai mươi mốt", but "mười một"), "lăm" after "mười" too. */
static const char *unit_after_tens(int t, int u)
{
    if (u == 1 && t >= 2)
        return "mốt";
    if (u == 4 && t >= 2)
        return "tư";
    if (u == 5)
        return "lăm";
    return digit_words[u];
}

/* One group of three digits, g from 1 to 999.  full reads a group that
 * follows another one with its hundreds even when 0 ("không trăm"), so
 * that 1005 cannot be taken for 1500, which speech shortens to "một
 * nghìn năm". */
static void read_group(bc_buf *out, size_t start, int g, bool full)
{
    int h = g / 100, t = g / 10 % 10, u = g % 10;
    bool hundreds = full || h > 0;
    if (hundreds) {
        put_word(out, start, digit_words[h]);
        put_word(out, start, "trăm");
    }
    if (t == 0) {
        if (u > 0 && hundreds)
            put_word(out, start, "linh");
        if (u > 0)
            put_word(out, start, digit_words[u]);
        return;
    }
    if (t == 1) {
        put_word(out, start, "mười");
    } else {
        put_word(out, start, digit_words[t]);
        put_word(out, start, "mươi");
    }
    if (u > 0)
        put_word(out, start, unit_after_tens(t, u));
}

/* n from 1 to 999 999 999 as groups of triệu, nghìn and units; groups of
 * zeros are skipped, every group after the first read in full. */
static void read_below_billion(bc_buf *out, size_t start, int64_t n,
                               bool full)
{
    static const struct {
        int64_t scale;
        const char *word;
    } groups[] = {{1000000, "triệu"}, {1000, "nghìn"}, {1, NULL}};
    for (size_t i = 0; i < BC_COUNT(groups); i++) {
        int g = (int)(n / groups[i].scale % 1000);
        if (g == 0)
            continue;
        read_group(out, start, g, full);
        if (groups[i].word)
            put_word(out, start, groups[i].word);
        full = true;
    }
}

/* Vietnamese has no word above tỷ: 10^12 is "nghìn tỷ", 10^15 "triệu tỷ",
 * so the count of tỷ is read as a number of its own, then "tỷ". */
bool bc_vn_number_words(bc_buf *out, int64_t n)
{
    static const int64_t billion = 1000000000;
    size_t start = out->len;
    if (n < 0 || n > BC_VN_WORDS_MAX)
        return false;
    if (n == 0) {
        bc_buf_puts(out, digit_words[0]);
        return true;
    }
    if (n >= billion) {
        read_below_billion(out, start, n / billion, false);
        put_word(out, start, "tỷ");
    }
    if (n % billion > 0)
        read_below_billion(out, start, n % billion, n >= billion);
    return true;
}

/* Every reading starts with a digit word or "mười", whose first letters
 * (k m h b n s t c) are all ASCII, so capitalising the first byte is
 * enough: "một" gives "Một", "năm" gives "Năm".  No locale is consulted
 * (toupper would depend on one). */
bool bc_vn_money_words(bc_buf *out, int64_t dong)
{
    size_t start = out->len;
    if (!bc_vn_number_words(out, dong))
        return false;
    char *first = out->ptr + start;
    if (*first >= 'a' && *first <= 'z')
        *first = (char)(*first - 'a' + 'A');
    bc_buf_puts(out, " đồng");
    return true;
}

bool bc_vn_roman(bc_buf *out, int n)
{
    static const struct {
        int value;
        const char *text;
    } parts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                 {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                 {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                 {1, "I"}};
    if (n < 1 || n > 3999)
        return false;
    for (size_t i = 0; i < BC_COUNT(parts); i++) {
        for (; n >= parts[i].value; n -= parts[i].value)
            bc_buf_puts(out, parts[i].text);
    }
    return true;
}

bool bc_vn_letter(bc_buf *out, int n)
{
    static const char *const letters[BC_VN_LETTER_COUNT] = {
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
        "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    if (n < 1 || n > BC_VN_LETTER_COUNT)
        return false;
    bc_buf_puts(out, letters[n - 1]);
    return true;
}

/* The unit at the end of s (after blanks), taken off *len. */
static void drop_unit(const char *s, size_t *len, const char *unit)
{
    size_t u = unit ? strlen(unit) : 0;
    if (u && *len >= u && !memcmp(s + *len - u, unit, u)) {
        *len -= u;
        while (*len > 0 && s[*len - 1] == ' ')
            (*len)--;
    }
}

bc_vn_number_reading bc_vn_read_number(const char *s, size_t len,
                                       const char *unit, int64_t *out)
{
    drop_unit(s, &len, unit);
    if (len == 0)
        return BC_VN_NUMBER_NOT_A_NUMBER;
    bool dots = memchr(s, '.', len) != NULL;
    int64_t v = 0;
    size_t group = 0; /* digits since the last dot */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ',')
            return BC_VN_NUMBER_DECIMAL;
        if (c == '.') {
            /* a dot comes after 1 to 3 digits, then 3 between dots */
            if (group == 0 || group > 3 || (i > group && group != 3))
                return BC_VN_NUMBER_DECIMAL;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9')
            return BC_VN_NUMBER_NOT_A_NUMBER;
        if (v > (INT64_MAX - (c - '0')) / 10)
            return BC_VN_NUMBER_TOO_LARGE;
        v = v * 10 + (c - '0');
        group++;
    }
    if (dots && group != 3)
        return BC_VN_NUMBER_DECIMAL;
    *out = v;
    return BC_VN_NUMBER_OK;
}

/* date.c - calendar dates (see date.h). */
#include "bcreport/date.h"

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool bc_date_valid(int year, int month, int day)
{
    static const int days[] = {31, 28, 31, 30, 31, 30,
                               31, 31, 30, 31, 30, 31};
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    int last = days[month - 1] + (month == 2 && is_leap(year));
    return day <= last;
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool bc_date_parse(const char *s, size_t len, bc_date *date)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !bc_date_valid(y, m, d))
        return false;
    date->year = y;
    date->month = m;
    date->day = d;
    return true;
}

/* The number of one or two digits at s[*i] (then the separator sep),
 * moving *i past them; -1 when there is none. */
static int small_number(const char *s, size_t len, size_t *i, char sep)
{
    size_t start = *i;
    while (*i < len && *i - start < 2 && s[*i] >= '0' && s[*i] <= '9')
        (*i)++;
    if (*i == start || *i >= len || s[*i] != sep)
        return -1;
    int v = digits(s + start, *i - start);
    (*i)++;
    return v;
}

bc_date_reading bc_date_read(const char *s, size_t len, bc_date *date)
{
    if (bc_date_parse(s, len, date))
        return BC_DATE_OK;
    bool iso = len == 10 && s[4] == '-' && s[7] == '-' &&
               digits(s, 4) >= 0 && digits(s + 5, 2) >= 0 &&
               digits(s + 8, 2) >= 0;
    if (iso)
        return BC_DATE_NOT_REAL;
    char sep = len > 1 && (s[1] == '/' || s[1] == '-') ? s[1]
               : len > 2 && (s[2] == '/' || s[2] == '-') ? s[2]
                                                         : 0;
    size_t i = 0;
    int d = sep ? small_number(s, len, &i, sep) : -1;
    int m = d >= 0 ? small_number(s, len, &i, sep) : -1;
    int y = m >= 0 && len - i == 4 ? digits(s + i, 4) : -1;
    if (y < 0)
        return BC_DATE_NOT_A_DATE;
    if (bc_date_valid(y, m, d)) {
        *date = (bc_date){y, m, d};
        return BC_DATE_OK;
    }
    if (!bc_date_valid(y, d, m))
        return BC_DATE_NOT_REAL;
    *date = (bc_date){y, d, m}; /* the date it would be, month first */
    return BC_DATE_MONTH_FIRST;
}

bool bc_date_before(bc_date a, bc_date b)
{
    return a.year != b.year ? a.year < b.year
           : a.month != b.month ? a.month < b.month
                                : a.day < b.day;
}

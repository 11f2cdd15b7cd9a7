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

bool bc_date_before(bc_date a, bc_date b)
{
    return a.year != b.year ? a.year < b.year
           : a.month != b.month ? a.month < b.month
                                : a.day < b.day;
}

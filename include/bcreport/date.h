/*
 * date.h - calendar dates as the data files write them.
 *
 * Pure functions over caller-owned bytes; nothing is allocated.
 */
#ifndef BC_DATE_H
#define BC_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* A calendar date; year 0 means "not set yet" (a blank in the document). */
typedef struct bc_date {
    int year;
    int month;
    int day;
} bc_date;

/* True for a real date of the Gregorian calendar, years 1000 to 9999. */
bool bc_date_valid(int year, int month, int day);

/* Parses exactly "YYYY-MM-DD" (len bytes).  Returns false, leaving *date
 * unchanged, for any other shape or a date not in the calendar. */
bool bc_date_parse(const char *s, size_t len, bc_date *date);

/* True when a is earlier than b. */
bool bc_date_before(bc_date a, bc_date b);

#endif

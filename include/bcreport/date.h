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

/* What bc_date_read found in a date as a clerk writes it. */
typedef enum bc_date_reading {
    BC_DATE_OK,          /* a real date, in *date */
    BC_DATE_NOT_REAL,    /* the shape of a date, not in the calendar */
    BC_DATE_MONTH_FIRST, /* 12/31/2026: the month first, as in English */
    BC_DATE_NOT_A_DATE   /* no shape bcreport reads */
} bc_date_reading;

/* Reads a date in the forms written in Vietnam, each with one meaning:
 * "2026-12-15", or the day first, "15/12/2026", "15-12-2026",
 * "5/1/2026".  A date that is real only with its first two numbers
 * swapped (12/31/2026) is BC_DATE_MONTH_FIRST, never taken: *date then
 * holds the date it would be, for the message.  Otherwise *date is left
 * as it was. */
bc_date_reading bc_date_read(const char *s, size_t len, bc_date *date);

/* True when a is earlier than b. */
bool bc_date_before(bc_date a, bc_date b);

#endif

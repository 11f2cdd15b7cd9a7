/*
 * vnformat.h - Vietnamese formatting of dates, numbers and enumerations,
 * as official documents write them (Decree 30/2020/NĐ-CP and practice).
 *
 * Every function appends to a caller-owned bc_buf and allocates nothing
 * else.  Functions that can be asked for something that does not exist
 * (a 24th letter, a date that is not in the calendar) return false and
 * append nothing.
 */
#ifndef BC_VNFORMAT_H
#define BC_VNFORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "bcreport/buf.h"

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

/* Dates inside citations: "05/01/2022", "03/6/2022", "09/11/2023": the
 * day always with two digits, the month with two only for 01 and 02. */
bool bc_vn_date_short(bc_buf *out, bc_date date);

/* The blank left for a hand-written number or day: six no-break spaces,
 * so that neither a browser nor a Markdown reader squeezes it to one. */
#define BC_VN_BLANK "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

/* The place-and-date line's date: "ngày 05 tháng 01 năm 2024" (same
 * padding rule).  A date with day 0 gives the official blanks for the
 * clerk to fill by hand: "ngày      tháng      năm 2023" (year given; the
 * blanks are BC_VN_BLANK). */
bool bc_vn_date_long(bc_buf *out, bc_date date);

/* 115000000 gives "115.000.000": dots group thousands; a minus sign for
 * negative numbers. */
void bc_vn_group_thousands(bc_buf *out, int64_t n);

/* An amount of money: "115.000.000 đồng". */
void bc_vn_money(bc_buf *out, int64_t dong);

/* Roman numerals for 1 to 3999: "I", "IV", "XII". */
bool bc_vn_roman(bc_buf *out, int n);

/* The n-th point letter (from 1) of the Vietnamese sequence
 * a b c d đ e g h i k l m n o p q r s t u v x y: 23 letters; there is no
 * 24th (never "f", "j", "w", "z" or "aa"). */
bool bc_vn_letter(bc_buf *out, int n);
#define BC_VN_LETTER_COUNT 23

#endif

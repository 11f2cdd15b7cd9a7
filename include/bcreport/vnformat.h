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
#include "bcreport/date.h"

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

/* What bc_vn_read_number found in a number written as text. */
typedef enum bc_vn_number_reading {
    BC_VN_NUMBER_OK,
    BC_VN_NUMBER_DECIMAL, /* "1,5", "1.5", "1.2345": not a whole number
                           * with dots between thousands */
    BC_VN_NUMBER_TOO_LARGE, /* past INT64_MAX */
    BC_VN_NUMBER_NOT_A_NUMBER
} bc_vn_number_reading;

/* Reads a whole number as a clerk writes it: "1250000000" or with dots
 * between thousands, "1.250.000.000", then, when unit is not NULL, the
 * unit after a space or not ("1.250.000.000 đồng").  One meaning each: a
 * comma, or dots that do not group thousands, are BC_VN_NUMBER_DECIMAL. */
bc_vn_number_reading bc_vn_read_number(const char *s, size_t len,
                                       const char *unit, int64_t *out);

/* An amount of money: "115.000.000 đồng". */
void bc_vn_money(bc_buf *out, int64_t dong);

/* The largest amount read in words: 10^15, "một triệu tỷ". */
#define BC_VN_WORDS_MAX INT64_C(1000000000000000)

/*
 * The reading of n, 0 to BC_VN_WORDS_MAX, in lowercase words separated by
 * single spaces, as invoices and the State Treasury write amounts:
 *
 *   115000000  "một trăm mười lăm triệu"
 *   21 / 11    "hai mươi mốt" / "mười một" ("mốt" only after "mươi")
 *   24 / 14    "hai mươi tư" / "mười bốn"   ("tư" only after "mươi")
 *   25 / 15    "hai mươi lăm" / "mười lăm"  ("lăm" after any tens)
 *   105        "một trăm linh năm"          ("linh", never "lẻ")
 *
 * Groups of three digits take nghìn, triệu, tỷ; above a tỷ the count of
 * tỷ is read as a number of its own: 10^12 "một nghìn tỷ", 10^15 "một
 * triệu tỷ".  Spelling is "nghìn" (not "ngàn") and "tỷ" (not "tỉ").
 *
 * Zero groups: a group of three zeros is not read at all, and any later
 * group is read in full, "không trăm" included, as accounting software
 * and the State Treasury do:
 *
 *   1005           "một nghìn không trăm linh năm"
 *   1010           "một nghìn không trăm mười"
 *   1000005        "một triệu không trăm linh năm" (no "không nghìn")
 *   1005000        "một triệu không trăm linh năm nghìn"
 *   1000000001     "một tỷ không trăm linh một"
 *   2005000000000  "hai nghìn không trăm linh năm tỷ"
 *
 * Returns false, appending nothing, for n < 0 or n > BC_VN_WORDS_MAX.
 */
bool bc_vn_number_words(bc_buf *out, int64_t n);

/* The amount in words as a sentence of an official document: the reading
 * above with its first letter capitalised, then " đồng":
 * 115000000 gives "Một trăm mười lăm triệu đồng", 0 gives "Không đồng".
 * Same range and failure as bc_vn_number_words. */
bool bc_vn_money_words(bc_buf *out, int64_t dong);

/* Roman numerals for 1 to 3999: "I", "IV", "XII". */
bool bc_vn_roman(bc_buf *out, int n);

/* The n-th point letter (from 1) of the Vietnamese sequence
 * a b c d đ e g h i k l m n o p q r s t u v x y: 23 letters; there is no
 * 24th (never "f", "j", "w", "z" or "aa"). */
bool bc_vn_letter(bc_buf *out, int n);
#define BC_VN_LETTER_COUNT 23

#endif

/*
 * chars.h - ASCII character classes, the same in every locale.
 *
 * The <ctype.h> functions depend on the locale and are undefined for the
 * negative chars of UTF-8 text; these are not (as cmark's cmark_ctype.h
 * and SQLite's sqlite3Isspace).  Unicode blanks (no-break spaces,
 * zero-width spaces) are utf8.h's.
 */
#ifndef BC_CHARS_H
#define BC_CHARS_H

#include <stdbool.h>
#include <stddef.h>

/* The number of elements of an array (not a pointer). */
#define BC_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Space, tab, line feed, carriage return, vertical tab, form feed: C's
 * isspace in the "C" locale. */
static inline bool bc_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Space and tab: the blanks inside a line. */
static inline bool bc_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static inline bool bc_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The number of ASCII digits that the len bytes at s start with. */
static inline size_t bc_digits(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && bc_is_digit(s[n]))
        n++;
    return n;
}

#endif

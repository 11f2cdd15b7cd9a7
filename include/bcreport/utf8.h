/*
 * utf8.h - UTF-8 checks and positions in text.
 *
 * Pure functions over caller-owned bytes; nothing is allocated.
 */
#ifndef BC_UTF8_H
#define BC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/buf.h"

/* Decodes one well-formed UTF-8 sequence at s (n bytes available): stores
 * the code point and returns its length (1-4), or 0 when the bytes are not
 * well-formed UTF-8 (overlong forms, surrogates and values above U+10FFFF
 * are not). */
size_t bc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Decodes the character that ends just before s[end]: stores its code
 * point and the offset of its first byte; false when the bytes there are
 * not well-formed UTF-8 (or end is 0). */
bool bc_utf8_decode_last(const char *s, size_t end, size_t *start,
                         uint32_t *cp);

/* Whitespace as CommonMark counts it next to an emphasis marker: tab, line
 * feed, form feed, carriage return and the Unicode spaces (category Zs,
 * the no-break space U+00A0 among them). */
bool bc_utf8_is_space(uint32_t cp);

/* Returns true when all len bytes are well-formed UTF-8; otherwise false
 * with the offset of the first byte that is not. */
bool bc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The 1-based line and column of byte offset in text (len bytes), counting
 * columns in characters (code points) and lines at "\n", "\r\n" and "\r". */
void bc_utf8_position(const char *text, size_t len, size_t offset, int *line,
                      int *col);


/* Blank characters: Unicode White_Space (the ASCII blanks, no-break
 * spaces, the typographic spaces U+2000-U+200A, ...) and the invisible
 * characters pasted text brings along (zero-width spaces and joiners, soft
 * hyphen, U+FEFF).  bc_utf8_blank_at gives the length of the blank at s,
 * bc_utf8_blank_before that of the blank that ends at s + end; 0 when
 * there is none. */
size_t bc_utf8_blank_at(const char *s, size_t len);
size_t bc_utf8_blank_before(const char *s, size_t end);

/* The length of the blank at s that is not ASCII (a no-break space, a
 * zero-width space, a soft hyphen...), with its code point in *cp; 0 when
 * there is none.  Text pasted from Word brings them; they look like a
 * space, or like nothing. */
size_t bc_utf8_invisible_at(const char *s, size_t len, uint32_t *cp);

/* Narrows *s and *len to leave out blanks at both edges. */
void bc_utf8_trim(const char **s, size_t *len);

/* Appends s with every letter after the first in lower case: "BÁO CÁO"
 * gives "Báo cáo". */
void bc_utf8_sentence_case(const char *s, size_t len, bc_buf *out);

/* Appends s (len bytes) with its first character in upper case ("đã
 * hoàn thành" -> "Đã hoàn thành"), the rest as it is. */
void bc_utf8_upper_first(const char *s, size_t len, bc_buf *out);

#endif

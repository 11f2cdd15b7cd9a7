/*
 * json.h - writing a value tree as JSON.
 *
 * The output is UTF-8, deterministic, indented by two spaces, with mapping
 * keys in their original order and a final newline.  Strings are escaped as
 * RFC 8259 requires (quote, backslash, control characters); other characters
 * are written as they are.  Floats use the shortest form that reads back
 * exactly; infinities and NaN, which JSON lacks, are written as the strings
 * ".inf", "-.inf" and ".nan".
 */
#ifndef BC_JSON_H
#define BC_JSON_H

#include "bcreport/buf.h"
#include "bcreport/value.h"

/* Appends the JSON text of value (and a newline) to out. */
void bc_json_write(const bc_value *value, bc_buf *out);

/* Appends s (len bytes) as a JSON string literal, quotes included. */
void bc_json_write_string(const char *s, size_t len, bc_buf *out);

#endif

/*
 * schema_json.h - a JSON Schema (draft 2020-12) of the data file.
 *
 * `bcreport schema` prints it so that editors (VS Code's YAML extension,
 * through a "# yaml-language-server: $schema=..." first line) offer
 * completion, hover help from each field's Vietnamese doc, and flag
 * mistakes as the user types.  The schema is made from the same field
 * tables that the loader reads with (schema.h), so the two cannot drift
 * apart: it accepts and rejects what bc_schema_read does wherever JSON
 * Schema can say so, including a null value standing for an absent key
 * and the two rules report.c adds (document number, citation id
 * characters).  What it cannot see: citations inside text ([@id] and its
 * parts), duplicate citation ids, and 1000.0 for an integer (JSON has one
 * kind of number).
 */
#ifndef BC_SCHEMA_JSON_H
#define BC_SCHEMA_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "bcreport/buf.h"
#include "bcreport/schema.h"

/* Appends the whole schema document describing root to out: UTF-8,
 * indented by two spaces, with a final newline, the same bytes on every
 * run.  Each struct that root refers to is one entry of "$defs", named
 * after its schema's name ("aid project" becomes "aid_project"). */
void bc_schema_json_write(const bc_schema *root, bc_buf *out);

/* ------------------------------------------------------------------------
 * For the field types of other modules (schema.h, bc_field_type): their
 * rules and "$defs", written into the schema being built.  A key of NULL
 * adds an item to the array being filled.
 */
void bc_json_schema_open(bc_json_schema *j, const char *key, char bracket);
void bc_json_schema_close(bc_json_schema *j);
void bc_json_schema_string(bc_json_schema *j, const char *key,
                           const char *s);
void bc_json_schema_int(bc_json_schema *j, const char *key, int64_t i);
void bc_json_schema_bool(bc_json_schema *j, const char *key, bool b);
/* "$ref": "#/$defs/DEF", and the same for the def of a struct. */
void bc_json_schema_ref(bc_json_schema *j, const char *def);
void bc_json_schema_struct_ref(bc_json_schema *j, const bc_schema *schema);
/* The ref, or null in its place when the key is optional. */
void bc_json_schema_ref_or_null(bc_json_schema *j, const char *def,
                                bool nullable);
/* "type": t1, or [t1, t2], with "null" added when nullable. */
void bc_json_schema_type(bc_json_schema *j, const char *t1, const char *t2,
                         bool nullable);
/* The pattern of a text (schema.c's rules), saying something when
 * nonempty. */
void bc_json_schema_text_rules(bc_json_schema *j, bool nonempty);

#endif

/*
 * schema.h - typed structs from a value tree, driven by field tables.
 *
 * A bc_schema describes one C struct: for each YAML key, the kind of value,
 * whether it is required, where it goes in the struct (offsetof) and a
 * Vietnamese description (for `bcreport schema` and editors).  One generic
 * reader fills any described struct and reports every mistake with the
 * file, line and column of the value at fault:
 *
 *   - an unknown key (suggesting the nearest known one),
 *   - a value of the wrong type,
 *   - a missing required key or an empty required list or text,
 *   - a date that is not YYYY-MM-DD or not in the calendar,
 *   - a negative or fractional amount.
 *
 * It goes on after a mistake, so a user sees all of them at once.  The
 * structs point into the value tree (strings are not copied) and into the
 * arena given to the reader (lists): both must outlive them.
 */
#ifndef BC_SCHEMA_H
#define BC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/diag.h"
#include "bcreport/value.h"
#include "bcreport/vnformat.h"

/* A text from the data file, with where it came from (the position of
 * its value); s is NULL when the key is absent.  s is NUL-terminated, in
 * NFC, without blanks at either edge (utf8.h). */
typedef struct bc_text {
    const char *s;
    size_t len;
    int line;
    int col;
} bc_text;

typedef struct bc_texts {
    bc_text *items;
    size_t count;
} bc_texts;

/* A date field; set is false when absent or written as "" (a blank). */
typedef struct bc_date_field {
    bc_date value;
    bool set;
    int line;
    int col;
} bc_date_field;

/* A whole, non-negative amount of money in đồng. */
typedef struct bc_amount {
    int64_t value;
    bool set;
    int line;
    int col;
} bc_amount;

/* Narrative: paragraphs, "-" bullets with "+" sub-bullets, notes. */
typedef enum bc_block_kind {
    BC_BLOCK_PARAGRAPH,
    BC_BLOCK_BULLETS,
    BC_BLOCK_NOTE /* "* **label:** text" */
} bc_block_kind;

typedef struct bc_bullet {
    bc_text text;
    bc_texts subs; /* "+" items under it */
} bc_bullet;

typedef struct bc_block {
    bc_block_kind kind;
    bc_text text;  /* paragraph, note */
    bc_text label; /* note */
    bc_bullet *bullets;
    size_t bullet_count;
} bc_block;

typedef struct bc_blocks {
    bc_block *items;
    size_t count;
} bc_blocks;

typedef enum bc_field_kind {
    BC_FIELD_TEXT,   /* a string: bc_text */
    BC_FIELD_LINES,  /* a string or a list of strings: bc_texts */
    BC_FIELD_TEXTS,  /* a list of strings: bc_texts */
    BC_FIELD_INT,    /* an integer: int64_t */
    BC_FIELD_DATE,   /* "YYYY-MM-DD", or "" for a blank: bc_date_field */
    BC_FIELD_AMOUNT, /* a whole number of đồng, 0 or more: bc_amount */
    BC_FIELD_OBJECT, /* a mapping: the struct of field.schema */
    BC_FIELD_LIST,   /* a list of mappings: { T *items; size_t count; } */
    BC_FIELD_BLOCKS  /* narrative, see bc_blocks */
} bc_field_kind;

enum {
    BC_REQUIRED = 1u << 0, /* the key must be there */
    BC_NONEMPTY = 1u << 1, /* a text (or each text of a list) must not be
                              empty or blank, a list not empty */
    BC_YEAR = 1u << 2      /* an integer is a year, 1000 to 9999 */
};

typedef struct bc_schema bc_schema;

typedef struct bc_field {
    const char *key;
    bc_field_kind kind;
    unsigned flags;
    size_t offset;
    const bc_schema *schema; /* OBJECT and LIST */
    const char *doc;         /* Vietnamese description */
    const char *chars;       /* TEXT: the only characters allowed, or NULL */
    const char *chars_rule;  /* ...and the message when others are used */
} bc_field;

struct bc_schema {
    const char *name; /* used in messages: "unknown key ... in citation" */
    size_t size;      /* sizeof the struct */
    const bc_field *fields;
    size_t field_count;
    const char *doc;
};

/* A note inside narrative: {label, text}, read into a bc_block. */
extern const bc_schema bc_note_schema;

/* Fills out (a zeroed struct of schema->size bytes) from map, which must be
 * a mapping.  file names the data file in diagnostics.  Returns false when
 * any error was added. */
bool bc_schema_read(const bc_schema *schema, const bc_value *map, void *out,
                    const char *file, bc_arena *arena, bc_diags *diags);

/* The known key nearest to key (edit distance), or NULL when none is
 * close enough to be a likely typo. */
const char *bc_schema_suggest(const bc_schema *schema, const char *key);

/* The name of a field kind as messages say it: "text", "a date", ... */
const char *bc_field_kind_name(bc_field_kind kind);

#endif

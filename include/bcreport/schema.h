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
 *   - a negative, fractional or too large whole number.
 *
 * It goes on after a mistake, so a user sees all of them at once.  The
 * structs point into the value tree (strings are not copied) and into the
 * arena given to the reader (lists): both must outlive them.
 *
 * The generic kinds cover texts, numbers, dates, structs and lists of
 * structs.  A module with a kind of its own (narrative blocks, blocks.h)
 * describes it once in a bc_field_type: how to read it, which texts it
 * holds, and its JSON Schema; the reader, the walker and `bcreport
 * schema` then handle it like any other.
 */
#ifndef BC_SCHEMA_H
#define BC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/date.h"
#include "bcreport/diag.h"
#include "bcreport/value.h"

/* A file read, for the positions of what came from it: a report can take
 * part of its data (the registry of documents) from another file, and
 * each mistake is reported in the file that holds it. */
typedef struct bc_source {
    const char *file;
    struct bc_locator *locator; /* positions inside texts (locate.h) */
} bc_source;

/* A text from a data file, with where it came from (the position of its
 * value, in src); s is NULL when the key is absent.  s is NUL-terminated,
 * in NFC, without blanks at either edge (utf8.h). */
typedef struct bc_text {
    const char *s;
    size_t len;
    int line;
    int col;
    const bc_source *src; /* NULL for text made by bcreport */
} bc_text;

/* The position of t's value, in the file it came from (fallback when t
 * has no source). */
bc_pos bc_text_pos(const bc_text *t, const char *fallback);

/* The one layout of a list in a typed struct: BC_LIST_OF(bc_task) tasks;
 * the reader and the walker see every list as a bc_list. */
#define BC_LIST_OF(T)                                                         \
    struct {                                                                  \
        T *items;                                                             \
        size_t count;                                                         \
    }

typedef BC_LIST_OF(void) bc_list;

/* Fails to compile unless type.member is laid out as a bc_list. */
#define BC_ASSERT_LIST(type, member)                                          \
    _Static_assert(sizeof(((type *)0)->member) == sizeof(bc_list) &&          \
                       offsetof(type, member.items) ==                        \
                           offsetof(type, member) &&                          \
                       offsetof(type, member.count) ==                        \
                           offsetof(type, member) +                           \
                               offsetof(bc_list, count),                      \
                   #type "." #member " must be a BC_LIST_OF")

typedef BC_LIST_OF(bc_text) bc_texts;

/* A date field; set is false when absent or written as "" (a blank). */
typedef struct bc_date_field {
    bc_date value;
    bool set;
    int line;
    int col;
} bc_date_field;

/* A whole number, 0 to the field's max; set is false when absent. */
typedef struct bc_number {
    int64_t value;
    bool set;
    int line;
    int col;
} bc_number;

typedef enum bc_field_kind {
    BC_FIELD_TEXT,   /* a string: bc_text */
    BC_FIELD_LINES,  /* a string or a list of strings: bc_texts */
    BC_FIELD_TEXTS,  /* a list of strings: bc_texts */
    BC_FIELD_INT,    /* an integer: int64_t */
    BC_FIELD_BOOL,   /* true or false: bool (false when absent) */
    BC_FIELD_NUMBER, /* a whole number, 0 to max, in unit: bc_number */
    BC_FIELD_DATE,   /* "YYYY-MM-DD", or "" for a blank: bc_date_field */
    BC_FIELD_OBJECT, /* a mapping: the struct of field.schema */
    BC_FIELD_LIST,   /* a list of mappings: BC_LIST_OF(the struct) */
    BC_FIELD_CUSTOM  /* a kind of its own: field.type */
} bc_field_kind;

enum {
    BC_REQUIRED = 1u << 0, /* the key must be there */
    BC_NONEMPTY = 1u << 1, /* a text must not be empty or blank, a list
                              not empty (each item of a list of texts
                              always says something) */
    BC_YEAR = 1u << 2      /* an integer is a year, 1000 to 9999 */
};

typedef struct bc_schema bc_schema;
typedef struct bc_field bc_field;
typedef struct bc_field_type bc_field_type;

struct bc_field {
    const char *key;
    bc_field_kind kind;
    unsigned flags;
    size_t offset;
    const bc_schema *schema; /* OBJECT and LIST */
    const char *doc;         /* Vietnamese description */
    const char *chars;       /* TEXT: the only characters allowed, or NULL */
    const char *chars_rule;  /* ...and the message when others are used */
    const char *const *choices; /* TEXT: the values allowed, NULL-ended */
    const bc_field_type *type; /* CUSTOM */
    const char *unit;     /* NUMBER: "đồng" in "a whole number of đồng" */
    int64_t max;          /* NUMBER: the largest value allowed */
    const char *max_rule; /* NUMBER: the message beyond it */
};

struct bc_schema {
    const char *name; /* used in messages: "unknown key ... in citation" */
    size_t size;      /* sizeof the struct */
    const bc_field *fields;
    size_t field_count;
    const char *doc;
    /* Keys of which exactly one must be given (two ways of saying one
     * thing: "signature" or "signatures"), NULL-ended; or NULL. */
    const char *const *one_of;
    /* Keys given together or not at all ("columns" and "rows" of a
     * table), NULL-ended; or NULL. */
    const char *const *together;
};

/* The first members of a bc_schema for the struct type, from its array of
 * fields: {BC_SCHEMA("issuer", bc_issuer, issuer_fields, "..."),
 * .one_of = ...}. */
#define BC_SCHEMA(name_, type_, fields_, doc_)                                \
    .name = (name_), .size = sizeof(type_), .fields = (fields_),              \
    .field_count = sizeof(fields_) / sizeof((fields_)[0]), .doc = (doc_)

/* Fills out (a zeroed struct of schema->size bytes) from map, which must be
 * a mapping read from src (positions, diagnostics).  Returns false when
 * any error was added. */
bool bc_schema_read(const bc_schema *schema, const bc_value *map, void *out,
                    const bc_source *src, bc_arena *arena, bc_diags *diags);

/* Calls fn for every text of the struct obj that schema describes (absent
 * ones too: t->s NULL), in the order of the tables, which is the order of
 * the data file. */
typedef void (*bc_text_visitor)(void *ctx, const bc_text *text);
void bc_schema_visit_texts(const bc_schema *schema, const void *obj,
                           bc_text_visitor fn, void *ctx);

/* The known key nearest to key (edit distance), or NULL when none is
 * close enough to be a likely typo. */
const char *bc_schema_suggest(const bc_schema *schema, const char *key);

/* The name of a field's kind as messages say it: "text", "a date", ... */
const char *bc_field_kind_name(const bc_field *f);

/* ------------------------------------------------------------------------
 * For modules that define a kind of their own.
 */
typedef struct bc_schema_reader bc_schema_reader;
typedef struct bc_json_schema bc_json_schema; /* schema_json.h */

struct bc_field_type {
    const char *name; /* as messages say it: "a list of paragraphs" */
    /* Reads v (never null) into slot, reporting mistakes through r. */
    void (*read)(bc_schema_reader *r, const bc_field *f, const bc_value *v,
                 void *slot);
    /* Calls fn for each text in slot, in order; NULL when there is none. */
    void (*visit)(const void *slot, bc_text_visitor fn, void *ctx);
    /* The field's JSON Schema rules, and once per schema document the
     * "$defs" they refer to (schema_json.h). */
    void (*json_rules)(bc_json_schema *j, const bc_field *f);
    void (*json_defs)(bc_json_schema *j);
    const bc_schema *const *uses; /* the structs its values hold, NULL-ended
                                     (or NULL) */
    const char *const *defs;  /* the names json_defs writes; NULL-ended */
};

/* The place of v in the data file, for a diagnostic. */
bc_pos bc_schema_pos(const bc_schema_reader *r, const bc_value *v);
bc_arena *bc_schema_arena(const bc_schema_reader *r);
bc_diags *bc_schema_diags(const bc_schema_reader *r);

/* Text that YAML read as named items because of a colon and a space in
 * it ("- Lưu: VT, VP"): reports it with the text to quote and returns
 * true; false, reporting nothing, when v does not look so. */
bool bc_schema_colon_hint(bc_schema_reader *r, const char *key,
                          const bc_value *v);

/* "key must be EXPECTED, not a list", with a hint where one helps. */
void bc_schema_wrong_type(bc_schema_reader *r, const char *key,
                          const char *expected, const bc_value *v);

/* "a list", "text", "an integer": v's kind as a message says it. */
const char *bc_value_kind_article(bc_value_kind kind);

/* Takes the string v as a text: checks its characters, drops blanks at
 * its edges, and when nonempty requires it to say something.  Returns
 * false after an error. */
bool bc_schema_take_text(bc_schema_reader *r, const char *key,
                         const bc_value *v, bool nonempty, bc_text *out);

/* Reads a list of texts (each saying something; the list not empty when
 * nonempty). */
void bc_schema_read_texts(bc_schema_reader *r, const char *key,
                          const bc_value *v, bool nonempty, bc_texts *out);

/* Reads the mapping v into out, a zeroed struct that schema describes. */
void bc_schema_read_struct(bc_schema_reader *r, const bc_schema *schema,
                           const bc_value *v, void *out);

#endif

/* schema_json.c - a JSON Schema of the data file from the field tables
 * (see schema_json.h).  Each rule below mirrors a check in schema.c or
 * report.c; the comments name it. */
#include "bcreport/schema_json.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/schema.h"
#include "bcreport/json.h"

/* ---- building the schema as a value tree (json.c prints it) ---- */

/* The containers being filled, innermost last. */
typedef struct jw {
    bc_arena *arena;
    bc_value **open;
    size_t depth, cap;
    bc_value *root;
} jw;

/* Adds v as a member (key != NULL) or an item of the innermost open
 * container; the first value is the root. */
static void jw_add(jw *w, const char *key, bc_value *v)
{
    if (w->depth == 0) {
        w->root = v;
        return;
    }
    bc_value *parent = w->open[w->depth - 1];
    if (key)
        bc_value_map_set(w->arena, parent, key, v);
    else
        bc_value_seq_push(w->arena, parent, v);
}

static void jw_open(jw *w, const char *key, char bracket)
{
    bc_value *v = bracket == '{' ? bc_value_new_map(w->arena)
                                 : bc_value_new_seq(w->arena);
    jw_add(w, key, v);
    if (w->depth == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 16;
        w->open = bc_xreallocarray(w->open, w->cap, sizeof *w->open);
    }
    w->open[w->depth++] = v;
}

static void jw_close(jw *w, char bracket)
{
    (void)bracket; /* the matching bracket, for the reader of the calls */
    w->depth--;
}

static void jw_string(jw *w, const char *key, const char *s)
{
    jw_add(w, key, bc_value_new_cstring(w->arena, s));
}

static void jw_int(jw *w, const char *key, int64_t i)
{
    jw_add(w, key, bc_value_new_int(w->arena, i));
}

static void jw_bool(jw *w, const char *key, bool b)
{
    jw_add(w, key, bc_value_new_bool(w->arena, b));
}

/* ---- the patterns ---- */

/* Regular expressions in the ECMA-262 subset that every validator reads
 * alike (Python's re included).  Text may hold line breaks and tabs but no
 * other control character (check_chars in schema.c); "non-blank" means a
 * character other than the blanks of utf8.h (the loader drops them at the
 * edges), so a no-break space alone is blank, as it is in Word.  Each
 * class already allows "\n", so "$" before a final line break changes
 * nothing. */
#define PATTERN_TEXT "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$"
#define BLANKS_BEYOND_ASCII                                                   \
    "\\u0085\\u00a0\\u00ad\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f"        \
    "\\u205f\\u2060\\u3000\\ufeff"
#define PATTERN_NONBLANK                                                      \
    "^[ \\t\\n\\r\\u000b\\u000c" BLANKS_BEYOND_ASCII "]*"                     \
    "[^\\u0000-\\u0020\\u007f" BLANKS_BEYOND_ASCII "]"                          \
    "[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$"
/* The shapes bc_date_read takes (years 1000 to 9999): YYYY-MM-DD, where
 * "format": "date" then rejects days not in the calendar, such as
 * 2020-02-30; and the day first, DD/MM/YYYY or DD-MM-YYYY, where a month
 * over 12 (12/31/2026, written month first) is refused too. */
#define PATTERN_DATE "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$"
#define PATTERN_DATE_DAY_FIRST                                                \
    "^(0?[1-9]|[12][0-9]|3[01])([/-])(0?[1-9]|1[0-2])\\2[1-9][0-9]{3}$"
/* Whole numbers as text (bc_vn_read_number): dots between thousands, the
 * unit after them. */
#define PATTERN_WHOLE "[0-9]+|[0-9]{1,3}(\\.[0-9]{3})+"

/* Texts of a few characters only (bc_field.chars) are written as "not":
 * {"pattern": "[^...]"} rather than "^[...]*$", which Python's re would
 * also match with a line break after the last character. */
/* A class of any character not in chars: runs such as a-z become ranges,
 * and "-" goes last, where it stands for itself. */
static void write_negated_class(const char *chars, bc_buf *out)
{
    bc_buf_puts(out, "[^");
    size_t n = strlen(chars);
    for (size_t i = 0; i < n; i++) {
        if (chars[i] == '-')
            continue;
        size_t run = 1;
        while (i + run < n && chars[i + run] == chars[i] + (char)run &&
               chars[i + run] != '-')
            run++;
        if (strchr("]\\^", chars[i]))
            bc_buf_putc(out, '\\');
        bc_buf_putc(out, chars[i]);
        if (run >= 3) {
            bc_buf_putc(out, '-');
            bc_buf_putc(out, chars[i + run - 1]);
            i += run - 1;
        }
    }
    if (strchr(chars, '-'))
        bc_buf_putc(out, '-');
    bc_buf_putc(out, ']');
}

/* ---- the structs to describe, and their names in "$defs" ---- */

typedef struct named {
    const bc_schema *schema;
    char *name;
} named;

struct bc_json_schema {
    jw w;
    const bc_schema *root;
    named *defs;
    size_t count;
    const bc_field_type **types; /* the kinds of their own met, once each */
    size_t type_count;
};

typedef bc_json_schema ctx;

static bool name_taken(const ctx *c, const char *name)
{
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->defs[i].name, name))
            return true;
    /* The names of the types' own defs are kept whenever met. */
    for (size_t i = 0; i < c->type_count; i++)
        for (const char *const *d = c->types[i]->defs; d && *d; d++)
            if (!strcmp(*d, name))
                return true;
    return false;
}

/* A name usable in a "$ref" or a URL without escaping: letters, digits,
 * "_" and "-", anything else becoming "_". */
static void put_name(const char *schema_name, bc_buf *b)
{
    bc_buf_puts(b, ""); /* a string even when the name is empty */
    for (const char *p = schema_name; *p; p++)
        bc_buf_putc(b, strchr("abcdefghijklmnopqrstuvwxyz"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
                              *p) ? *p : '_');
}

/* The name in "$defs": a number is added when two structs would share
 * one. */
static char *def_name(const ctx *c, const char *schema_name)
{
    bc_buf b = BC_BUF_INIT;
    put_name(schema_name, &b);
    size_t base = b.len;
    for (int n = 2; name_taken(c, b.ptr); n++) {
        b.len = base;
        bc_buf_printf(&b, "_%d", n);
    }
    return bc_buf_detach(&b, NULL);
}

static const named *find_def(const ctx *c, const bc_schema *schema)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->defs[i].schema == schema)
            return &c->defs[i];
    return NULL;
}

static void add_def(ctx *c, const bc_schema *schema)
{
    c->defs = bc_xreallocarray(c->defs, c->count + 1, sizeof *c->defs);
    char *name = def_name(c, schema->name);
    c->defs[c->count].schema = schema;
    c->defs[c->count].name = name;
    c->count++;
}

/* Every struct reachable from schema, depth first in field order, so the
 * output keeps the order of the tables. */
static void collect(ctx *c, const bc_schema *schema);

static void add_type(ctx *c, const bc_field_type *type)
{
    for (size_t i = 0; i < c->type_count; i++)
        if (c->types[i] == type)
            return;
    c->types = bc_xreallocarray(c->types, c->type_count + 1,
                                sizeof *c->types);
    c->types[c->type_count++] = type;
}

static void collect(ctx *c, const bc_schema *schema)
{
    for (size_t i = 0; i < schema->field_count; i++) {
        const bc_field *f = &schema->fields[i];
        if (f->kind == BC_FIELD_CUSTOM)
            add_type(c, f->type);
        const bc_schema *sub = f->schema;
        if ((f->kind != BC_FIELD_OBJECT && f->kind != BC_FIELD_LIST) ||
            !sub || sub == c->root || find_def(c, sub))
            continue;
        add_def(c, sub);
        collect(c, sub);
    }
}

/* ---- fields ---- */

/* "$ref" to a def by name, or to the whole document for NULL. */
static void write_ref(ctx *c, const char *def)
{
    bc_buf ref = BC_BUF_INIT;
    bc_buf_puts(&ref, "#");
    if (def)
        bc_buf_printf(&ref, "/$defs/%s", def);
    jw_string(&c->w, "$ref", ref.ptr);
    bc_buf_fini(&ref);
}

/* The def that describes schema; NULL for the root. */
static const char *def_of(const ctx *c, const bc_schema *schema)
{
    return schema == c->root ? NULL : find_def(c, schema)->name;
}

static void write_schema_ref(ctx *c, const bc_schema *schema)
{
    write_ref(c, def_of(c, schema));
}

/* "type": one or two JSON types, plus "null" when the key is optional:
 * the reader takes a null value ("key:" with nothing after it) as an
 * absent key, and as a missing value when the key is required. */
static void write_type(ctx *c, const char *t1, const char *t2,
                       bool nullable)
{
    if (!t2 && !nullable) {
        jw_string(&c->w, "type", t1);
        return;
    }
    jw_open(&c->w, "type", '[');
    jw_string(&c->w, NULL, t1);
    if (t2)
        jw_string(&c->w, NULL, t2);
    if (nullable)
        jw_string(&c->w, NULL, "null");
    jw_close(&c->w, ']');
}

/* A $ref, or null in its place when the key is optional. */
static void write_ref_or_null(ctx *c, const char *def, bool nullable)
{
    if (nullable) {
        jw_open(&c->w, "anyOf", '[');
        jw_open(&c->w, NULL, '{');
    }
    write_ref(c, def);
    if (nullable) {
        jw_close(&c->w, '}');
        jw_open(&c->w, NULL, '{');
        jw_string(&c->w, "type", "null");
        jw_close(&c->w, '}');
        jw_close(&c->w, ']');
    }
}

static void write_min_items(ctx *c, bool nonempty)
{
    if (nonempty)
        jw_int(&c->w, "minItems", 1);
}

/* One text: take_text in schema.c. */
static void write_text_rules(ctx *c, bool nonempty)
{
    jw_string(&c->w, "pattern", nonempty ? PATTERN_NONBLANK : PATTERN_TEXT);
}

/* Items of a list always say something (read_texts in schema.c). */
static void write_text_items(ctx *c)
{
    jw_open(&c->w, "items", '{');
    jw_string(&c->w, "type", "string");
    write_text_rules(c, true);
    jw_close(&c->w, '}');
}

static void write_char_rule(ctx *c, const char *chars)
{
    bc_buf class = BC_BUF_INIT;
    write_negated_class(chars, &class);
    jw_open(&c->w, "not", '{');
    jw_string(&c->w, "type", "string"); /* else "not" would refuse null */
    jw_string(&c->w, "pattern", class.ptr);
    jw_close(&c->w, '}');
    bc_buf_fini(&class);
}

/* read_date: YYYY-MM-DD, or "" for a blank unless the field must be
 * filled in. */
static void write_date_rules(ctx *c, bool nonempty)
{
    if (!nonempty) {
        jw_open(&c->w, "anyOf", '[');
        jw_open(&c->w, NULL, '{');
        jw_string(&c->w, "const", "");
        jw_close(&c->w, '}');
        jw_open(&c->w, NULL, '{');
    }
    jw_open(&c->w, "anyOf", '[');
    jw_open(&c->w, NULL, '{');
    jw_string(&c->w, "pattern", PATTERN_DATE);
    jw_string(&c->w, "format", "date");
    jw_close(&c->w, '}');
    jw_open(&c->w, NULL, '{');
    jw_string(&c->w, "pattern", PATTERN_DATE_DAY_FIRST);
    jw_close(&c->w, '}');
    jw_close(&c->w, ']');
    if (!nonempty) {
        jw_close(&c->w, '}');
        jw_close(&c->w, ']');
    }
}

/* read_number: an integer, or text "1.250.000" (with the unit). */
static void write_number_rules(ctx *c, const bc_field *f, bool nullable)
{
    write_type(c, "integer", "string", nullable);
    jw_int(&c->w, "minimum", 0); /* numbers only */
    jw_int(&c->w, "maximum", f->max);
    bc_buf pattern = BC_BUF_INIT; /* strings only */
    bc_buf_printf(&pattern, "^(" PATTERN_WHOLE ")%s%s%s$",
                  f->unit ? "( ?" : "", f->unit ? f->unit : "",
                  f->unit ? ")?" : "");
    jw_string(&c->w, "pattern", pattern.ptr);
    bc_buf_fini(&pattern);
}

static void write_choices(ctx *c, const char *const *choices, bool nullable)
{
    jw_open(&c->w, "enum", '[');
    for (size_t i = 0; choices[i]; i++)
        jw_string(&c->w, NULL, choices[i]);
    if (nullable)
        jw_add(&c->w, NULL, bc_value_new_null(c->w.arena));
    jw_close(&c->w, ']');
}

static void write_field_rules(ctx *c, const bc_field *f)
{
    bool nullable = !(f->flags & BC_REQUIRED);
    bool nonempty = f->flags & BC_NONEMPTY;
    switch (f->kind) {
    case BC_FIELD_TEXT: {
        write_type(c, "string", NULL, nullable);
        write_text_rules(c, nonempty);
        if (f->chars)
            write_char_rule(c, f->chars);
        if (f->choices) /* read_text: exactly one of them */
            write_choices(c, f->choices, nullable);
        break;
    }
    case BC_FIELD_LINES: /* "pattern" only binds strings, "items" arrays */
        write_type(c, "string", "array", nullable);
        write_text_rules(c, nonempty);
        write_text_items(c);
        write_min_items(c, nonempty);
        break;
    case BC_FIELD_TEXTS:
        write_type(c, "array", NULL, nullable);
        write_text_items(c);
        write_min_items(c, nonempty);
        break;
    case BC_FIELD_BOOL:
        write_type(c, "boolean", NULL, nullable);
        break;
    case BC_FIELD_INT:
        write_type(c, "integer", NULL, nullable);
        if (f->flags & BC_YEAR) {
            jw_int(&c->w, "minimum", 1000);
            jw_int(&c->w, "maximum", 9999);
        }
        break;
    case BC_FIELD_DATE:
        write_type(c, "string", NULL, nullable);
        write_date_rules(c, nonempty);
        break;
    case BC_FIELD_NUMBER:
        write_number_rules(c, f, nullable);
        break;
    case BC_FIELD_OBJECT:
        write_ref_or_null(c, def_of(c, f->schema), nullable);
        break;
    case BC_FIELD_LIST:
        write_type(c, "array", NULL, nullable);
        jw_open(&c->w, "items", '{');
        write_schema_ref(c, f->schema);
        jw_close(&c->w, '}');
        write_min_items(c, nonempty);
        break;
    case BC_FIELD_CUSTOM:
        f->type->json_rules(c, f);
        break;
    }
}

/* ---- structs ---- */

/* The members of an object schema for one struct (read_object): unknown
 * keys are errors, so nothing but the table's keys is allowed. */
static void write_object_members(ctx *c, const bc_schema *schema)
{
    if (schema->doc)
        jw_string(&c->w, "description", schema->doc);
    jw_string(&c->w, "type", "object");
    jw_bool(&c->w, "additionalProperties", false);
    jw_open(&c->w, "properties", '{');
    for (size_t i = 0; i < schema->field_count; i++) {
        const bc_field *f = &schema->fields[i];
        jw_open(&c->w, f->key, '{');
        if (f->doc)
            jw_string(&c->w, "description", f->doc);
        write_field_rules(c, f);
        jw_close(&c->w, '}');
    }
    jw_close(&c->w, '}');
    bool any_required = false;
    for (size_t i = 0; i < schema->field_count; i++) {
        if (!(schema->fields[i].flags & BC_REQUIRED))
            continue;
        if (!any_required)
            jw_open(&c->w, "required", '[');
        any_required = true;
        jw_string(&c->w, NULL, schema->fields[i].key);
    }
    if (any_required)
        jw_close(&c->w, ']');
    if (schema->together) { /* read_object: all of them or none */
        jw_open(&c->w, "dependentRequired", '{');
        for (size_t i = 0; schema->together[i]; i++) {
            jw_open(&c->w, schema->together[i], '[');
            for (size_t k = 0; schema->together[k]; k++)
                if (k != i)
                    jw_string(&c->w, NULL, schema->together[k]);
            jw_close(&c->w, ']');
        }
        jw_close(&c->w, '}');
    }
    if (!schema->one_of)
        return;
    jw_open(&c->w, "oneOf", '['); /* read_object: exactly one of them */
    for (size_t i = 0; schema->one_of[i]; i++) {
        jw_open(&c->w, NULL, '{');
        jw_open(&c->w, "required", '[');
        jw_string(&c->w, NULL, schema->one_of[i]);
        jw_close(&c->w, ']');
        jw_close(&c->w, '}');
    }
    jw_close(&c->w, ']');
}

/* ---- for the field types of other modules (schema_json.h) ---- */

void bc_json_schema_open(bc_json_schema *j, const char *key, char bracket)
{
    jw_open(&j->w, key, bracket);
}

void bc_json_schema_close(bc_json_schema *j)
{
    jw_close(&j->w, 0);
}

void bc_json_schema_string(bc_json_schema *j, const char *key,
                           const char *s)
{
    jw_string(&j->w, key, s);
}

void bc_json_schema_int(bc_json_schema *j, const char *key, int64_t i)
{
    jw_int(&j->w, key, i);
}

void bc_json_schema_bool(bc_json_schema *j, const char *key, bool b)
{
    jw_bool(&j->w, key, b);
}

void bc_json_schema_ref(bc_json_schema *j, const char *def)
{
    write_ref(j, def);
}

void bc_json_schema_struct_ref(bc_json_schema *j, const bc_schema *schema)
{
    write_schema_ref(j, schema);
}

void bc_json_schema_type(bc_json_schema *j, const char *t1, const char *t2,
                         bool nullable)
{
    write_type(j, t1, t2, nullable);
}

void bc_json_schema_text_rules(bc_json_schema *j, bool nonempty)
{
    write_text_rules(j, nonempty);
}

void bc_json_schema_ref_or_null(bc_json_schema *j, const char *def,
                                bool nullable)
{
    write_ref_or_null(j, def, nullable);
}

/* ---- the document ---- */

static void write_defs(ctx *c)
{
    if (c->count == 0)
        return;
    jw_open(&c->w, "$defs", '{');
    for (size_t i = 0; i < c->count; i++) {
        jw_open(&c->w, c->defs[i].name, '{');
        write_object_members(c, c->defs[i].schema);
        jw_close(&c->w, '}');
    }
    for (size_t i = 0; i < c->type_count; i++)
        c->types[i]->json_defs(c);
    jw_close(&c->w, '}');
}

void bc_schema_json_write(const bc_schema *root, bc_buf *out)
{
    bc_arena *arena = bc_arena_new();
    ctx c = {{arena, NULL, 0, 0, NULL}, root, NULL, 0, NULL, 0};
    collect(&c, root);
    /* The structs the types' values hold come after the tables' own. */
    for (size_t i = 0; i < c.type_count; i++) {
        for (const bc_schema *const *u = c.types[i]->uses; u && *u; u++) {
            if (find_def(&c, *u))
                continue;
            add_def(&c, *u);
            collect(&c, *u);
        }
    }

    bc_buf text = BC_BUF_INIT;
    jw_open(&c.w, NULL, '{');
    jw_string(&c.w, "$schema", "https://json-schema.org/draft/2020-12/schema");
    bc_buf_puts(&text, "https://bcreport.invalid/schema/");
    put_name(root->name, &text);
    bc_buf_puts(&text, ".schema.json");
    jw_string(&c.w, "$id", text.ptr);
    jw_string(&c.w, "$comment",
              "Generated by `bcreport schema` from the field tables; do "
              "not edit.");
    bc_buf_clear(&text);
    bc_buf_printf(&text, "bcreport: %s", root->name);
    jw_string(&c.w, "title", text.ptr);
    write_object_members(&c, root);
    write_defs(&c);
    jw_close(&c.w, '}');
    bc_json_write(c.w.root, out);

    bc_buf_fini(&text);
    free(c.w.open);
    bc_arena_free(arena);
    for (size_t i = 0; i < c.count; i++)
        free(c.defs[i].name);
    free(c.defs);
    free(c.types);
}

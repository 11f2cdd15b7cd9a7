/* schema.c - the generic, table-driven reader of typed structs (see
 * schema.h). */
#include "bcreport/schema.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/utf8.h"

typedef struct reader {
    const char *file;
    bc_arena *arena;
    bc_diags *diags;
    size_t first_error;
} reader;

static bc_pos pos_of(const reader *r, const bc_value *v)
{
    bc_pos p = {r->file, v->line, v->col};
    return p;
}

static bool read_object(reader *r, const bc_schema *schema,
                        const bc_value *map, void *out,
                        const bc_value *owner);

static const char *article_kind(bc_value_kind kind)
{
    switch (kind) {
    case BC_VALUE_NULL:
        return "null (nothing)";
    case BC_VALUE_BOOL:
        return "a boolean";
    case BC_VALUE_INT:
        return "an integer";
    case BC_VALUE_FLOAT:
        return "a number";
    case BC_VALUE_STRING:
        return "text";
    case BC_VALUE_SEQ:
        return "a list";
    case BC_VALUE_MAP:
        return "a mapping";
    }
    return "a value";
}

const char *bc_field_kind_name(bc_field_kind kind)
{
    switch (kind) {
    case BC_FIELD_TEXT:
        return "text";
    case BC_FIELD_LINES:
        return "text or a list of lines";
    case BC_FIELD_TEXTS:
        return "a list of texts";
    case BC_FIELD_INT:
        return "an integer";
    case BC_FIELD_DATE:
        return "a date written YYYY-MM-DD";
    case BC_FIELD_AMOUNT:
        return "a whole number of đồng";
    case BC_FIELD_OBJECT:
        return "a mapping";
    case BC_FIELD_LIST:
        return "a list";
    case BC_FIELD_BLOCKS:
        return "a list of paragraphs";
    }
    return "a value";
}

static void wrong_type(reader *r, const char *key, const char *expected,
                       const bc_value *v)
{
    const char *hint = "";
    if (v->kind == BC_VALUE_INT || v->kind == BC_VALUE_FLOAT ||
        v->kind == BC_VALUE_BOOL)
        hint = !strcmp(expected, "text") ? " (put it in quotes)" : "";
    bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must be %s%s, not %s", key,
                  expected, hint, article_kind(v->kind));
}

/* Text may hold line breaks and tabs but no other control characters:
 * they print as nothing, and bcreport uses two of them as marks. */
static bool check_chars(reader *r, const char *key, const bc_value *v)
{
    for (size_t i = 0; i < v->as.string.len; i++) {
        unsigned char c = (unsigned char)v->as.string.ptr[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            bc_diag_error(r->diags, pos_of(r, v),
                          "\"%s\" contains the control character U+%04X",
                          key, c);
            return false;
        }
    }
    return true;
}

/* Takes a string value as a text, after checking its characters, and that
 * it says something when it must.  Blanks at the edges are dropped: they
 * mean nothing, and a no-break space pasted from Word next to the
 * template's "**" would undo the bold. */
static bool take_text(reader *r, const char *key, const bc_value *v,
                      bool nonempty, bc_text *out)
{
    if (!check_chars(r, key, v))
        return false;
    bc_text t = {v->as.string.ptr, v->as.string.len, v->line, v->col};
    bc_utf8_trim(&t.s, &t.len);
    if (t.s + t.len != v->as.string.ptr + v->as.string.len)
        t.s = bc_arena_strndup(r->arena, t.s, t.len); /* NUL-terminated */
    if (nonempty && t.len == 0) {
        bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must not be %s", key,
                      v->as.string.len ? "blank" : "empty");
        return false;
    }
    *out = t;
    return true;
}

/* ---- the field kinds ---- */

static void read_text(reader *r, const bc_field *f, const bc_value *v,
                      bc_text *out)
{
    if (v->kind != BC_VALUE_STRING) {
        wrong_type(r, f->key, "text", v);
        return;
    }
    if (!take_text(r, f->key, v, f->flags & BC_NONEMPTY, out))
        return;
    if (f->chars && strspn(v->as.string.ptr, f->chars) != v->as.string.len)
        bc_diag_error(r->diags, pos_of(r, v), "\"%s\" %s", f->key,
                      f->chars_rule);
}

static void read_texts(reader *r, const bc_field *f, const bc_value *v,
                       bc_texts *out)
{
    if (v->kind == BC_VALUE_STRING && f->kind == BC_FIELD_LINES) {
        out->items = bc_arena_alloc(r->arena, sizeof(bc_text));
        out->count =
            take_text(r, f->key, v, f->flags & BC_NONEMPTY, &out->items[0]);
        return;
    }
    if (v->kind != BC_VALUE_SEQ) {
        wrong_type(r, f->key, bc_field_kind_name(f->kind), v);
        return;
    }
    out->items = bc_arena_calloc(r->arena, v->as.seq.count, sizeof(bc_text));
    for (size_t i = 0; i < v->as.seq.count; i++) {
        const bc_value *item = v->as.seq.items[i];
        if (item->kind != BC_VALUE_STRING) {
            bc_diag_error(r->diags, pos_of(r, item),
                          "each item of \"%s\" must be text, not %s", f->key,
                          article_kind(item->kind));
            continue;
        }
        /* An empty item is always a slip ("- " left over): it would
         * print as an empty line, or "****" in bold. */
        out->count += take_text(r, f->key, item, true,
                                &out->items[out->count]);
    }
    if ((f->flags & BC_NONEMPTY) && v->as.seq.count == 0)
        bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must not be empty",
                      f->key);
}

static void read_int(reader *r, const bc_field *f, const bc_value *v,
                     int64_t *out)
{
    if (v->kind != BC_VALUE_INT) {
        wrong_type(r, f->key, "an integer", v);
        return;
    }
    if ((f->flags & BC_YEAR) && (v->as.integer < 1000 || v->as.integer > 9999)) {
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" must be a year written with four digits, "
                      "such as 2025, not %" PRId64,
                      f->key, v->as.integer);
        return;
    }
    *out = v->as.integer;
}

static void read_date(reader *r, const bc_field *f, const bc_value *v,
                      bc_date_field *out)
{
    out->line = v->line;
    out->col = v->col;
    if (v->kind == BC_VALUE_STRING && v->as.string.len == 0) {
        if (f->flags & BC_NONEMPTY)
            bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must not be empty",
                          f->key);
        return; /* a blank, to be filled in when the document is signed */
    }
    if (v->kind != BC_VALUE_STRING) {
        wrong_type(r, f->key, "a date written YYYY-MM-DD", v);
        return;
    }
    if (bc_date_parse(v->as.string.ptr, v->as.string.len, &out->value)) {
        out->set = true;
        return;
    }
    const char *s = v->as.string.ptr;
    bool shaped = v->as.string.len == 10 && s[4] == '-' && s[7] == '-' &&
                  strspn(s, "0123456789-") == 10;
    if (shaped)
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" is not a real date: %s", f->key, s);
    else
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" must be a date written YYYY-MM-DD (such as "
                      "2024-01-05), not \"%s\"",
                      f->key, s);
}

static void read_amount(reader *r, const bc_field *f, const bc_value *v,
                        bc_amount *out)
{
    out->line = v->line;
    out->col = v->col;
    if (v->kind == BC_VALUE_FLOAT) {
        char num[32];
        bc_format_double(v->as.number, num);
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" must be a whole number of đồng, not %s",
                      f->key, num);
        return;
    }
    if (v->kind != BC_VALUE_INT) {
        wrong_type(r, f->key, "a whole number of đồng", v);
        return;
    }
    if (v->as.integer < 0) {
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" cannot be negative: %" PRId64, f->key,
                      v->as.integer);
        return;
    }
    if (v->as.integer > BC_VN_WORDS_MAX) {
        bc_diag_error(r->diags, pos_of(r, v),
                      "\"%s\" is more than 10^15 đồng, beyond what can be "
                      "written in words: %" PRId64,
                      f->key, v->as.integer);
        return;
    }
    out->value = v->as.integer;
    out->set = true;
}

/* A list of mappings into a fresh array of structs; the slot at the
 * field's offset is laid out as { T *items; size_t count; }. */
typedef struct any_list {
    void *items;
    size_t count;
} any_list;

static void read_list(reader *r, const bc_field *f, const bc_value *v,
                      any_list *out)
{
    if (v->kind != BC_VALUE_SEQ) {
        wrong_type(r, f->key, "a list", v);
        return;
    }
    size_t n = v->as.seq.count;
    unsigned char *items = bc_arena_calloc(r->arena, n, f->schema->size);
    for (size_t i = 0; i < n; i++)
        read_object(r, f->schema, v->as.seq.items[i],
                    items + i * f->schema->size, NULL);
    out->items = items;
    out->count = n;
    if ((f->flags & BC_NONEMPTY) && n == 0)
        bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must not be empty",
                      f->key);
}

/* ---- narrative blocks ---- */

static void read_bullets(reader *r, const bc_field *f, const bc_value *v,
                         bc_block *block)
{
    block->kind = BC_BLOCK_BULLETS;
    block->bullets =
        bc_arena_calloc(r->arena, v->as.seq.count, sizeof(bc_bullet));
    for (size_t i = 0; i < v->as.seq.count; i++) {
        const bc_value *item = v->as.seq.items[i];
        if (item->kind == BC_VALUE_STRING) {
            bc_bullet *b = &block->bullets[block->bullet_count];
            block->bullet_count += take_text(r, f->key, item, true, &b->text);
            continue;
        }
        if (item->kind != BC_VALUE_SEQ) {
            bc_diag_error(r->diags, pos_of(r, item),
                          "a bullet in \"%s\" must be text, or a list of "
                          "sub-items under the bullet before it, not %s",
                          f->key, article_kind(item->kind));
            continue;
        }
        if (block->bullet_count == 0) {
            bc_diag_error(r->diags, pos_of(r, item),
                          "sub-items in \"%s\" need a bullet before them",
                          f->key);
            continue;
        }
        bc_field sub = {f->key, BC_FIELD_TEXTS, BC_NONEMPTY, 0,
                        NULL,   NULL,           NULL,        NULL};
        read_texts(r, &sub, item,
                   &block->bullets[block->bullet_count - 1].subs);
    }
}

static const bc_field note_fields[] = {
    {"label", BC_FIELD_TEXT, BC_REQUIRED | BC_NONEMPTY,
     offsetof(bc_block, label), NULL,
     "Nhãn in đậm ở đầu đoạn ghi chú, VD: Nguyên nhân", NULL, NULL},
    {"text", BC_FIELD_TEXT, BC_REQUIRED | BC_NONEMPTY,
     offsetof(bc_block, text), NULL, "Nội dung đoạn ghi chú", NULL, NULL},
};

const bc_schema bc_note_schema = {
    "note", sizeof(bc_block), note_fields,
    sizeof note_fields / sizeof note_fields[0],
    "Đoạn ghi chú mở đầu bằng dấu * và nhãn in đậm"};

static void read_blocks(reader *r, const bc_field *f, const bc_value *v,
                        bc_blocks *out)
{
    if (v->kind == BC_VALUE_STRING) { /* one paragraph */
        out->items = bc_arena_calloc(r->arena, 1, sizeof(bc_block));
        out->count = take_text(r, f->key, v, true, &out->items[0].text);
        return;
    }
    if (v->kind != BC_VALUE_SEQ) {
        wrong_type(r, f->key, "a list of paragraphs", v);
        return;
    }
    out->items = bc_arena_calloc(r->arena, v->as.seq.count, sizeof(bc_block));
    for (size_t i = 0; i < v->as.seq.count; i++) {
        const bc_value *item = v->as.seq.items[i];
        bc_block *b = &out->items[out->count++];
        if (item->kind == BC_VALUE_STRING) {
            b->kind = BC_BLOCK_PARAGRAPH;
            take_text(r, f->key, item, true, &b->text);
        } else if (item->kind == BC_VALUE_SEQ && item->as.seq.count == 0) {
            bc_diag_error(r->diags, pos_of(r, item),
                          "a list of bullets in \"%s\" must not be empty",
                          f->key);
        } else if (item->kind == BC_VALUE_SEQ) {
            read_bullets(r, f, item, b);
        } else if (item->kind == BC_VALUE_MAP) {
            read_object(r, &bc_note_schema, item, b, NULL);
            b->kind = BC_BLOCK_NOTE;
        } else {
            bc_diag_error(r->diags, pos_of(r, item),
                          "an item of \"%s\" must be a paragraph (text), a "
                          "list of bullets, or a note with label and text; "
                          "not %s",
                          f->key, article_kind(item->kind));
            out->count--;
        }
    }
    if ((f->flags & BC_NONEMPTY) && v->as.seq.count == 0)
        bc_diag_error(r->diags, pos_of(r, v), "\"%s\" must not be empty",
                      f->key);
}

/* ---- objects ---- */

static void read_field(reader *r, const bc_field *f, const bc_value *v,
                       void *slot, const bc_value *key)
{
    switch (f->kind) {
    case BC_FIELD_TEXT:
        read_text(r, f, v, slot);
        break;
    case BC_FIELD_LINES:
    case BC_FIELD_TEXTS:
        read_texts(r, f, v, slot);
        break;
    case BC_FIELD_INT:
        read_int(r, f, v, slot);
        break;
    case BC_FIELD_DATE:
        read_date(r, f, v, slot);
        break;
    case BC_FIELD_AMOUNT:
        read_amount(r, f, v, slot);
        break;
    case BC_FIELD_OBJECT:
        read_object(r, f->schema, v, slot, key);
        break;
    case BC_FIELD_LIST:
        read_list(r, f, v, slot);
        break;
    case BC_FIELD_BLOCKS:
        read_blocks(r, f, v, slot);
        break;
    }
}

static const bc_field *find_field(const bc_schema *schema, const char *key)
{
    for (size_t i = 0; i < schema->field_count; i++)
        if (!strcmp(schema->fields[i].key, key))
            return &schema->fields[i];
    return NULL;
}

static const bc_member *find_member(const bc_value *map, const char *key)
{
    for (size_t i = 0; i < map->as.map.count; i++)
        if (!strcmp(map->as.map.members[i].key->as.string.ptr, key))
            return &map->as.map.members[i];
    return NULL;
}

/* owner is the key naming the mapping, where a missing key is reported
 * ("document:" rather than the first key under it); NULL for list items. */
static bool read_object(reader *r, const bc_schema *schema,
                        const bc_value *map, void *out, const bc_value *owner)
{
    if (map->kind != BC_VALUE_MAP) {
        bc_diag_error(r->diags, pos_of(r, map),
                      "a %s must be a mapping of keys and values, not %s",
                      schema->name, article_kind(map->kind));
        return false;
    }
    for (size_t i = 0; i < map->as.map.count; i++) {
        const bc_member *m = &map->as.map.members[i];
        const char *key = m->key->as.string.ptr;
        const bc_field *f = find_field(schema, key);
        if (!f) {
            const char *near = bc_schema_suggest(schema, key);
            if (near)
                bc_diag_error(r->diags, pos_of(r, m->key),
                              "unknown key \"%s\" in %s; did you mean "
                              "\"%s\"?",
                              key, schema->name, near);
            else
                bc_diag_error(r->diags, pos_of(r, m->key),
                              "unknown key \"%s\" in %s", key, schema->name);
            continue;
        }
        /* null (an empty value) counts as absent: "parent:" alone. */
        if (m->value->kind == BC_VALUE_NULL)
            continue;
        read_field(r, f, m->value, (unsigned char *)out + f->offset, m->key);
    }
    for (size_t i = 0; i < schema->field_count; i++) {
        const bc_field *f = &schema->fields[i];
        if (!(f->flags & BC_REQUIRED))
            continue;
        const bc_member *m = find_member(map, f->key);
        if (!m)
            bc_diag_error(r->diags, pos_of(r, owner ? owner : map),
                          "missing required key \"%s\" in %s", f->key,
                          schema->name);
        else if (m->value->kind == BC_VALUE_NULL)
            bc_diag_error(r->diags, pos_of(r, m->key),
                          "missing value for \"%s\" in %s", f->key,
                          schema->name);
    }
    return r->diags->errors == r->first_error;
}

bool bc_schema_read(const bc_schema *schema, const bc_value *map, void *out,
                    const char *file, bc_arena *arena, bc_diags *diags)
{
    reader r = {file, arena, diags, diags->errors};
    read_object(&r, schema, map, out, NULL);
    return diags->errors == r.first_error;
}

/* ---- suggestions ---- */

/* Levenshtein distance over bytes, for short keys. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return SIZE_MAX;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *bc_schema_suggest(const bc_schema *schema, const char *key)
{
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < schema->field_count; i++) {
        size_t d = edit_distance(key, schema->fields[i].key);
        if (d < best_distance) {
            best_distance = d;
            best = schema->fields[i].key;
        }
    }
    /* Close enough to be a typo: a third of the key, at least one edit. */
    size_t allowed = strlen(key) / 3;
    if (allowed < 1)
        allowed = 1;
    return best_distance <= allowed ? best : NULL;
}

/* schema.c - the generic, table-driven reader of typed structs (see
 * schema.h). */
#include "bcreport/schema.h"
#include "bcreport/i18n.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/suggest.h"
#include "bcreport/utf8.h"
#include "bcreport/vnformat.h"

struct bc_schema_reader {
    const char *file;
    const bc_source *src;
    bc_arena *arena;
    bc_diags *diags;
    size_t first_error;
};

typedef bc_schema_reader reader;

static bc_pos pos_of(const reader *r, const bc_value *v)
{
    bc_pos p = {r->file, v->line, v->col};
    return p;
}

bc_pos bc_schema_pos(const bc_schema_reader *r, const bc_value *v)
{
    return pos_of(r, v);
}

bc_arena *bc_schema_arena(const bc_schema_reader *r)
{
    return r->arena;
}

bc_diags *bc_schema_diags(const bc_schema_reader *r)
{
    return r->diags;
}

static bool read_object(reader *r, const bc_schema *schema,
                        const bc_value *map, void *out,
                        const bc_value *owner);

static const char *article_kind(bc_value_kind kind)
{
    switch (kind) {
    case BC_VALUE_NULL:
        return _("nothing");
    case BC_VALUE_BOOL:
        return _("a boolean");
    case BC_VALUE_INT:
        return _("an integer");
    case BC_VALUE_FLOAT:
        return _("a number");
    case BC_VALUE_STRING:
        return _("text");
    case BC_VALUE_SEQ:
        return _("a list");
    case BC_VALUE_MAP:
        return _("named items (key: value)");
    }
    return _("a value");
}

const char *bc_value_kind_article(bc_value_kind kind)
{
    return article_kind(kind);
}

const char *bc_field_kind_name(const bc_field *f)
{
    switch (f->kind) {
    case BC_FIELD_TEXT:
        return _("text");
    case BC_FIELD_LINES:
        return _("text or a list of lines");
    case BC_FIELD_TEXTS:
        return _("a list of texts");
    case BC_FIELD_INT:
        return _("an integer");
    case BC_FIELD_BOOL:
        return _("true or false");
    case BC_FIELD_DATE:
        return _("a date written DD/MM/YYYY or YYYY-MM-DD");
    case BC_FIELD_NUMBER:
        return _("a whole number");
    case BC_FIELD_OBJECT:
        return _("named items (key: value)");
    case BC_FIELD_LIST:
        return _("a list");
    case BC_FIELD_CUSTOM:
        return _(f->type->name);
    }
    return _("a value");
}

/* Whether expected (as the user reads it) is one of the kinds of list. */
static bool names_a_list(const char *expected)
{
    const char *const lists[] = {_("a list"), _("a list of texts"),
                                 _("a list of rows"),
                                 _("a list of paragraphs"),
                                 _("text or a list of lines")};
    for (size_t i = 0; i < BC_COUNT(lists); i++)
        if (!strcmp(expected, lists[i]))
            return true;
    return false;
}

bool bc_schema_colon_hint(reader *r, const char *key, const bc_value *v)
{
    if (v->kind != BC_VALUE_MAP || v->as.map.count != 1)
        return false;
    const bc_member *m = &v->as.map.members[0];
    bool text_after = m->value->kind == BC_VALUE_STRING ||
                      m->value->kind == BC_VALUE_NULL;
    /* a key of words: "Lưu: VT", "Kết quả như sau:"; not a lone "label" */
    bool words = false;
    for (size_t i = 0; i < m->key->as.string.len; i++) {
        unsigned char c = (unsigned char)m->key->as.string.ptr[i];
        words |= c == ' ' || c >= 0x80;
    }
    if (!text_after || !words)
        return false;
    bc_buf text = BC_BUF_INIT;
    bc_buf_append(&text, m->key->as.string.ptr, m->key->as.string.len);
    bc_buf_putc(&text, ':');
    if (m->value->kind == BC_VALUE_STRING) {
        bc_buf_putc(&text, ' ');
        bc_buf_append(&text, m->value->as.string.ptr,
                      m->value->as.string.len);
    }
    bc_buf shown = BC_BUF_INIT;
    bc_diag_excerpt(&shown, text.ptr, text.len, 60);
    bc_diag_error(r->diags, pos_of(r, v),
                  _("\"%s\" must be text, but a colon followed by a space "
                    "made named items of it; put the text in double quotes: "
                    "\"%s\""),
                  key, shown.ptr);
    bc_buf_fini(&shown);
    bc_buf_fini(&text);
    return true;
}

void bc_schema_wrong_type(reader *r, const char *key, const char *expected,
                          const bc_value *v)
{
    if (!strcmp(expected, _("text")) && bc_schema_colon_hint(r, key, v))
        return;
    const char *hint = "";
    if (v->kind == BC_VALUE_INT || v->kind == BC_VALUE_FLOAT ||
        v->kind == BC_VALUE_BOOL)
        hint = !strcmp(expected, _("text")) ? _(" (put it in quotes)") : "";
    /* "-b": a list item without the space after its dash reads as text */
    bool dash = v->kind == BC_VALUE_STRING && v->as.string.len > 1 &&
                v->as.string.ptr[0] == '-' &&
                !bc_is_space(v->as.string.ptr[1]) &&
                !bc_is_digit(v->as.string.ptr[1]) && names_a_list(expected);
    if (dash) {
        bc_buf item = BC_BUF_INIT;
        bc_diag_excerpt(&item, v->as.string.ptr + 1, v->as.string.len - 1,
                        20);
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be %s, not text: a \"-\" starts a list "
                        "item only with a space after it (\"- %s\")"),
                      key, expected, item.ptr);
        bc_buf_fini(&item);
    } else
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" must be %s%s, not %s"),
                      key, expected, hint, article_kind(v->kind));
}

/* Text may hold line breaks and tabs but no other control characters:
 * they print as nothing, and bcreport uses two of them as marks. */
static bool check_chars(reader *r, const char *key, const bc_value *v)
{
    for (size_t i = 0; i < v->as.string.len; i++) {
        unsigned char c = (unsigned char)v->as.string.ptr[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            bc_diag_error(r->diags, pos_of(r, v),
                          _("\"%s\" contains the control character U+%04X"),
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
bool bc_schema_take_text(reader *r, const char *key, const bc_value *v,
                         bool nonempty, bc_text *out)
{
    if (!check_chars(r, key, v))
        return false;
    bc_text t = {v->as.string.ptr, v->as.string.len, v->line, v->col, r->src};
    bc_utf8_trim(&t.s, &t.len);
    if (t.s + t.len != v->as.string.ptr + v->as.string.len)
        t.s = bc_arena_strndup(r->arena, t.s, t.len); /* NUL-terminated */
    if (nonempty && t.len == 0) {
        if (v->as.string.len)
            bc_diag_error(r->diags, pos_of(r, v),
                          _("\"%s\" must not be blank"), key);
        else
            bc_diag_error(r->diags, pos_of(r, v),
                          _("\"%s\" must not be empty"), key);
        return false;
    }
    *out = t;
    return true;
}

/* ---- the field kinds ---- */

static bool is_choice(const char *const *choices, const char *s)
{
    for (size_t i = 0; choices[i]; i++)
        if (!strcmp(choices[i], s))
            return true;
    return false;
}

/* "must be one of ...", with the nearest choice when one is close. */
static void not_a_choice(reader *r, const bc_field *f, const bc_value *v,
                         const char *s)
{
    bc_buf list = BC_BUF_INIT;
    for (size_t i = 0; f->choices[i]; i++)
        bc_buf_printf(&list, "%s\"%s\"", i ? ", " : "", f->choices[i]);
    const char *near = bc_suggest(f->choices, SIZE_MAX, s);
    if (near)
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be one of %s; did you mean \"%s\"?"),
                      f->key, list.ptr, near);
    else
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" must be one of %s"),
                      f->key, list.ptr);
    bc_buf_fini(&list);
}

static void read_text(reader *r, const bc_field *f, const bc_value *v,
                      bc_text *out)
{
    if (v->kind != BC_VALUE_STRING) {
        bc_schema_wrong_type(r, f->key, _("text"), v);
        return;
    }
    if (!bc_schema_take_text(r, f->key, v, f->flags & BC_NONEMPTY, out))
        return;
    if (f->chars && strspn(v->as.string.ptr, f->chars) != v->as.string.len)
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" %s"), f->key,
                      _(f->chars_rule));
    if (f->choices && !is_choice(f->choices, out->s))
        not_a_choice(r, f, v, out->s);
}

void bc_schema_read_texts(reader *r, const char *key, const bc_value *v,
                          bool nonempty, bc_texts *out)
{
    if (v->kind != BC_VALUE_SEQ) {
        bc_schema_wrong_type(r, key, _("a list of texts"), v);
        return;
    }
    out->items = bc_arena_calloc(r->arena, v->as.seq.count, sizeof(bc_text));
    for (size_t i = 0; i < v->as.seq.count; i++) {
        const bc_value *item = v->as.seq.items[i];
        if (item->kind != BC_VALUE_STRING &&
            !bc_schema_colon_hint(r, key, item)) {
            bc_diag_error(r->diags, pos_of(r, item),
                          _("each item of \"%s\" must be text, not %s"), key,
                          article_kind(item->kind));
            continue;
        }
        if (item->kind != BC_VALUE_STRING)
            continue;
        /* An empty item is always a slip ("- " left over): it would
         * print as an empty line, or "****" in bold. */
        out->count += bc_schema_take_text(r, key, item, true,
                                          &out->items[out->count]);
    }
    if (nonempty && v->as.seq.count == 0)
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" must not be empty"),
                      key);
}

static void read_texts(reader *r, const bc_field *f, const bc_value *v,
                       bc_texts *out)
{
    bool nonempty = f->flags & BC_NONEMPTY;
    if (v->kind == BC_VALUE_STRING && f->kind == BC_FIELD_LINES) {
        out->items = bc_arena_alloc(r->arena, sizeof(bc_text));
        out->count = bc_schema_take_text(r, f->key, v, nonempty,
                                         &out->items[0]);
    } else if (v->kind != BC_VALUE_SEQ) {
        bc_schema_wrong_type(r, f->key, bc_field_kind_name(f), v);
    } else {
        bc_schema_read_texts(r, f->key, v, nonempty, out);
    }
}

static void read_int(reader *r, const bc_field *f, const bc_value *v,
                     int64_t *out)
{
    if (v->kind != BC_VALUE_INT) {
        bc_schema_wrong_type(r, f->key, _("an integer"), v);
        return;
    }
    if ((f->flags & BC_YEAR) && (v->as.integer < 1000 || v->as.integer > 9999)) {
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be a year written with four digits, "
                        "such as 2025, not %lld"),
                      f->key, (long long)v->as.integer);
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
            bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" must not be empty"),
                          f->key);
        return; /* a blank, to be filled in when the document is signed */
    }
    if (v->kind != BC_VALUE_STRING) {
        bc_schema_wrong_type(r, f->key, _("a date written DD/MM/YYYY or YYYY-MM-DD"), v);
        return;
    }
    const char *s = v->as.string.ptr;
    bc_date read = {0, 0, 0};
    switch (bc_date_read(s, v->as.string.len, &read)) {
    case BC_DATE_OK:
        out->value = read;
        out->set = true;
        return;
    case BC_DATE_NOT_REAL:
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" is not a real date: %s"), f->key, s);
        return;
    case BC_DATE_MONTH_FIRST:
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\": %s puts the month first; in Vietnam the "
                        "day comes first: write %d/%d/%d, or %04d-%02d-%02d"),
                      f->key, s, read.day, read.month, read.year, read.year,
                      read.month, read.day);
        return;
    case BC_DATE_NOT_A_DATE:
        break;
    }
    bc_diag_error(r->diags, pos_of(r, v),
                  _("\"%s\" must be a date written YYYY-MM-DD or DD/MM/YYYY "
                    "(such as 2024-01-05 or 05/01/2024), not \"%s\""),
                  f->key, s);
}

/* "a whole number of đồng", or "a whole number" without a unit: made
 * only for a message (the translation is looked up then). */
static const char *number_kind(const bc_field *f, bc_buf *out)
{
    bc_buf_clear(out);
    if (f->unit)
        bc_buf_printf(out, _("a whole number of %s"), _(f->unit));
    else
        bc_buf_puts(out, _("a whole number"));
    return out->ptr;
}

/* The whole number v holds: an integer, or text as a clerk writes it
 * ("1.250.000.000 đồng", vnformat.h); false after an error. */
static bool number_value(reader *r, const bc_field *f, const bc_value *v,
                         bc_buf *kind, int64_t *n)
{
    if (v->kind == BC_VALUE_INT) {
        *n = v->as.integer;
        return true;
    }
    if (v->kind == BC_VALUE_FLOAT) {
        char num[32];
        bc_format_double(v->as.number, num);
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be %s, not %s: write it without dots "
                        "(1250000), or in quotes with a dot between "
                        "thousands (\"1.250.000\")"),
                      f->key, number_kind(f, kind), num);
        return false;
    }
    if (v->kind != BC_VALUE_STRING) {
        bc_schema_wrong_type(r, f->key, number_kind(f, kind), v);
        return false;
    }
    switch (bc_vn_read_number(v->as.string.ptr, v->as.string.len, f->unit,
                              n)) {
    case BC_VN_NUMBER_OK:
        return true;
    case BC_VN_NUMBER_DECIMAL:
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be %s, not \"%s\": a comma, or a dot "
                        "that does not stand between thousands, makes it "
                        "a fraction; write 1250000 or \"1.250.000\""),
                      f->key, number_kind(f, kind), v->as.string.ptr);
        return false;
    case BC_VN_NUMBER_TOO_LARGE:
        *n = INT64_MAX; /* past any field's max: the max's message */
        return true;
    case BC_VN_NUMBER_NOT_A_NUMBER:
        break;
    }
    if (strspn(v->as.string.ptr, " \t") == v->as.string.len) {
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" is empty; write %s"),
                      f->key, number_kind(f, kind));
        return false;
    }
    if (strpbrk(v->as.string.ptr, "0123456789")) { /* "250 000 000đ" */
        bc_buf shown = BC_BUF_INIT;
        bc_diag_excerpt(&shown, v->as.string.ptr, v->as.string.len, 40);
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" must be %s, not \"%s\": write the digits "
                        "alone, as 1250000, or with a dot between thousands, "
                        "as \"1.250.000\""),
                      f->key, number_kind(f, kind), shown.ptr);
        bc_buf_fini(&shown);
        return false;
    }
    bc_schema_wrong_type(r, f->key, number_kind(f, kind), v);
    return false;
}

static void read_number(reader *r, const bc_field *f, const bc_value *v,
                        bc_number *out)
{
    out->line = v->line;
    out->col = v->col;
    bc_buf kind = BC_BUF_INIT; /* for a message only */
    int64_t n;
    if (!number_value(r, f, v, &kind, &n)) {
        /* reported */
    } else if (n < 0) {
        bc_diag_error(r->diags, pos_of(r, v),
                      _("\"%s\" cannot be negative: %lld"), f->key,
                      (long long)n);
    } else if (n == INT64_MAX) { /* past 64 bits: not worth quoting back */
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" %s"), f->key,
                      _(f->max_rule));
    } else if (n > f->max) {
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" %s: %lld"), f->key,
                      _(f->max_rule), (long long)n);
    } else {
        out->value = n;
        out->set = true;
    }
    bc_buf_fini(&kind);
}

/* A list of mappings into a fresh array of structs (a bc_list). */
static void read_list(reader *r, const bc_field *f, const bc_value *v,
                      bc_list *out)
{
    if (v->kind != BC_VALUE_SEQ) {
        bc_schema_wrong_type(r, f->key, _("a list"), v);
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
        bc_diag_error(r->diags, pos_of(r, v), _("\"%s\" must not be empty"),
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
    case BC_FIELD_BOOL:
        if (v->kind == BC_VALUE_BOOL)
            *(bool *)slot = v->as.boolean;
        else
            bc_schema_wrong_type(r, f->key, _("true or false"), v);
        break;
    case BC_FIELD_DATE:
        read_date(r, f, v, slot);
        break;
    case BC_FIELD_NUMBER:
        read_number(r, f, v, slot);
        break;
    case BC_FIELD_OBJECT:
        read_object(r, f->schema, v, slot, key);
        break;
    case BC_FIELD_LIST:
        read_list(r, f, v, slot);
        break;
    case BC_FIELD_CUSTOM:
        f->type->read(r, f, v, slot);
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

/* An unknown key: the nearest known one, and every key allowed here. */
static void unknown_key(reader *r, const bc_schema *schema,
                        const bc_value *key)
{
    const char *name = key->as.string.ptr;
    const char *near = bc_schema_suggest(schema, name);
    bc_buf keys = BC_BUF_INIT;
    for (size_t i = 0; i < schema->field_count; i++)
        bc_buf_printf(&keys, "%s%s", i ? ", " : "", schema->fields[i].key);
    if (near)
        bc_diag_error(r->diags, pos_of(r, key),
                      _("unknown key \"%s\" in %s; did you mean \"%s\"? The "
                        "keys here: %s."),
                      name, _(schema->name), near, keys.ptr);
    else
        bc_diag_error(r->diags, pos_of(r, key),
                      _("unknown key \"%s\" in %s. The keys here: %s."), name,
                      _(schema->name), keys.ptr);
    bc_buf_fini(&keys);
}

/* Exactly one of schema->one_of: "signature" or "signatures". */
static void check_one_of(reader *r, const bc_schema *schema,
                         const bc_value *map, const bc_value *owner)
{
    const bc_member *first = NULL;
    bc_buf names = BC_BUF_INIT;
    for (size_t i = 0; schema->one_of[i]; i++) {
        const bc_member *m = find_member(map, schema->one_of[i]);
        bc_buf_printf(&names, "%s\"%s\"", i ? _(" or ") : "",
                      schema->one_of[i]);
        if (m && first)
            bc_diag_error(r->diags, pos_of(r, m->key),
                          _("\"%s\" and \"%s\" (%d:%d) together; give one "
                          "of them"),
                          schema->one_of[i], first->key->as.string.ptr,
                          first->key->line, first->key->col);
        else if (m)
            first = m;
    }
    if (!first)
        bc_diag_error(r->diags, pos_of(r, owner ? owner : map),
                      _("missing required key %s in %s"), names.ptr,
                      _(schema->name));
    /* null counts as absent (read_object): "signature:" alone gives no
     * signer, which is what the key is there for. */
    else if (first->value->kind == BC_VALUE_NULL)
        bc_diag_error(r->diags, pos_of(r, first->key),
                      _("missing value for \"%s\" in %s"),
                      first->key->as.string.ptr, _(schema->name));
    bc_buf_fini(&names);
}

/* All of schema->together or none: the first given names the others. */
static void check_together(reader *r, const bc_schema *schema,
                           const bc_value *map)
{
    const bc_member *given = NULL;
    for (size_t i = 0; schema->together[i] && !given; i++)
        given = find_member(map, schema->together[i]);
    for (size_t i = 0; given && schema->together[i]; i++)
        if (!find_member(map, schema->together[i]))
            bc_diag_error(r->diags, pos_of(r, given->key),
                          _("\"%s\" without \"%s\" in %s; give both"),
                          given->key->as.string.ptr, schema->together[i],
                          _(schema->name));
}

/* owner is the key naming the mapping, where a missing key is reported
 * ("document:" rather than the first key under it); NULL for list items. */
static bool read_object(reader *r, const bc_schema *schema,
                        const bc_value *map, void *out, const bc_value *owner)
{
    if (map->kind != BC_VALUE_MAP) {
        bc_diag_error(r->diags, pos_of(r, map),
                      _("the %s must be named items (key: value), not %s"),
                      _(schema->name), article_kind(map->kind));
        return false;
    }
    for (size_t i = 0; i < map->as.map.count; i++) {
        const bc_member *m = &map->as.map.members[i];
        const char *key = m->key->as.string.ptr;
        const bc_field *f = find_field(schema, key);
        if (!f) {
            unknown_key(r, schema, m->key);
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
                          _("missing required key \"%s\" in %s"), f->key,
                          _(schema->name));
        else if (m->value->kind == BC_VALUE_NULL)
            bc_diag_error(r->diags, pos_of(r, m->key),
                          _("missing value for \"%s\" in %s"), f->key,
                          _(schema->name));
    }
    if (schema->one_of)
        check_one_of(r, schema, map, owner);
    if (schema->together)
        check_together(r, schema, map);
    return r->diags->errors == r->first_error;
}

void bc_schema_read_struct(reader *r, const bc_schema *schema,
                           const bc_value *v, void *out)
{
    read_object(r, schema, v, out, NULL);
}

bc_pos bc_text_pos(const bc_text *t, const char *fallback)
{
    bc_pos pos = {t->src ? t->src->file : fallback, t->line, t->col};
    return pos;
}

bool bc_schema_read(const bc_schema *schema, const bc_value *map, void *out,
                    const bc_source *src, bc_arena *arena, bc_diags *diags)
{
    reader r = {src->file, src, arena, diags, diags->errors};
    read_object(&r, schema, map, out, NULL);
    return diags->errors == r.first_error;
}

/* ---- walking the texts ---- */

void bc_schema_visit_texts(const bc_schema *schema, const void *obj,
                           bc_text_visitor fn, void *ctx)
{
    const unsigned char *base = obj;
    for (size_t i = 0; i < schema->field_count; i++) {
        const bc_field *f = &schema->fields[i];
        const void *slot = base + f->offset;
        switch (f->kind) {
        case BC_FIELD_TEXT:
            fn(ctx, slot);
            break;
        case BC_FIELD_LINES:
        case BC_FIELD_TEXTS: {
            const bc_texts *ts = slot;
            for (size_t k = 0; k < ts->count; k++)
                fn(ctx, &ts->items[k]);
            break;
        }
        case BC_FIELD_OBJECT:
            bc_schema_visit_texts(f->schema, slot, fn, ctx);
            break;
        case BC_FIELD_LIST: {
            const bc_list *list = slot;
            const unsigned char *items = list->items;
            for (size_t k = 0; k < list->count; k++)
                bc_schema_visit_texts(f->schema, items + k * f->schema->size,
                                      fn, ctx);
            break;
        }
        case BC_FIELD_CUSTOM:
            if (f->type->visit)
                f->type->visit(slot, fn, ctx);
            break;
        case BC_FIELD_INT:
        case BC_FIELD_BOOL:
        case BC_FIELD_NUMBER:
        case BC_FIELD_DATE:
            break;
        }
    }
}

/* ---- suggestions ---- */

const char *bc_schema_suggest(const bc_schema *schema, const char *key)
{
    const char *keys[64];
    size_t n = 0;
    for (size_t i = 0; i < schema->field_count && n < BC_COUNT(keys); i++)
        keys[n++] = schema->fields[i].key;
    return bc_suggest(keys, n, key);
}

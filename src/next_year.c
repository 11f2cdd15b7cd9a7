/* next_year.c - next year's data file from this year's (see next_year.h).
 *
 * The file is walked as YAML read it (value.h), so that its order and
 * structure stay the clerk's; each key is written back by a rule: kept,
 * blanked, moved on a year, turned into a place to fill with last year's
 * text as comments, or left out with last year's entries as comments. */
#include "bcreport/next_year.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bcreport/arena.h"
#include "bcreport/chars.h"
#include "bcreport/i18n.h"
#include "bcreport/report.h"
#include "bcreport/value.h"
#include "bcreport/vnformat.h"
#include "bcreport/yaml_load.h"

typedef struct writer {
    bc_buf *out;
    bc_diags *diags;
    const char *file;
    int64_t from, to; /* the file's year and the new one */
} writer;

/* Narratives: replaced by a place to fill.  Activities: left out. */
static const char *const narratives[] = {"preamble", "body", NULL};
static const char *const activities[] = {"delegations", "visits",
                                         "aid_projects", "events", NULL};
/* Texts whose "năm YYYY" moves on with the year. */
static const char *const dated_texts[] = {"subject", "title", NULL};

static bool one_of(const char *const *words, const char *key)
{
    for (size_t i = 0; words[i]; i++)
        if (!strcmp(words[i], key))
            return true;
    return false;
}

static void indent(bc_buf *out, int n)
{
    for (int i = 0; i < n; i++)
        bc_buf_putc(out, ' ');
}

/* ---- YAML out ---- */

/* A text in double quotes: always read back as the same text. */
static void put_quoted(bc_buf *out, const char *s, size_t len)
{
    bc_buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            bc_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            bc_buf_puts(out, "\\n");
        else if (c == '\t')
            bc_buf_puts(out, "\\t");
        else if (c < 0x20 || c == 0x7F)
            bc_buf_printf(out, "\\x%02X", c);
        else
            bc_buf_putc(out, (char)c);
    }
    bc_buf_putc(out, '"');
}

static bool plain_key(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!bc_is_digit(s[i]) && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
            s[i] != '_' && s[i] != '-')
            return false;
    return len > 0;
}

static void put_key(bc_buf *out, const bc_value *key)
{
    if (plain_key(key->as.string.ptr, key->as.string.len))
        bc_buf_append(out, key->as.string.ptr, key->as.string.len);
    else
        put_quoted(out, key->as.string.ptr, key->as.string.len);
    bc_buf_putc(out, ':');
}

static void put_scalar(bc_buf *out, const bc_value *v)
{
    char num[32];
    switch (v->kind) {
    case BC_VALUE_NULL:
        bc_buf_puts(out, "null");
        break;
    case BC_VALUE_BOOL:
        bc_buf_puts(out, v->as.boolean ? "true" : "false");
        break;
    case BC_VALUE_INT:
        bc_buf_printf(out, "%" PRId64, v->as.integer);
        break;
    case BC_VALUE_FLOAT:
        bc_format_double(v->as.number, num);
        bc_buf_puts(out, num);
        break;
    case BC_VALUE_STRING:
        put_quoted(out, v->as.string.ptr, v->as.string.len);
        break;
    default:
        break;
    }
}

static bool is_collection(const bc_value *v)
{
    return (v->kind == BC_VALUE_MAP && v->as.map.count) ||
           (v->kind == BC_VALUE_SEQ && v->as.seq.count);
}

static void put_value(bc_buf *out, const bc_value *v, int at,
                      const char *lead);

/* A mapping; its first key after lead ("- ") when there is one. */
static void put_map(bc_buf *out, const bc_value *v, int at, const char *lead)
{
    for (size_t i = 0; i < v->as.map.count; i++) {
        const bc_member *m = &v->as.map.members[i];
        if (i == 0 && lead)
            bc_buf_puts(out, lead);
        else
            indent(out, at);
        put_key(out, m->key);
        if (is_collection(m->value)) {
            bc_buf_putc(out, '\n');
            put_value(out, m->value, at + 2, NULL);
        } else {
            bc_buf_putc(out, ' ');
            put_value(out, m->value, at + 2, NULL);
        }
    }
}

static void put_seq(bc_buf *out, const bc_value *v, int at, const char *lead)
{
    for (size_t i = 0; i < v->as.seq.count; i++) {
        bc_buf item = BC_BUF_INIT;
        if (i == 0 && lead)
            bc_buf_puts(&item, lead);
        else
            indent(&item, at);
        bc_buf_puts(&item, "- ");
        const bc_value *x = v->as.seq.items[i];
        if (is_collection(x)) {
            put_value(out, x, at + 2, item.ptr);
        } else {
            bc_buf_puts(out, item.ptr);
            put_value(out, x, at + 2, NULL);
        }
        bc_buf_fini(&item);
    }
}

/* v at indentation at; a scalar or an empty collection ends its line. */
static void put_value(bc_buf *out, const bc_value *v, int at,
                      const char *lead)
{
    if (v->kind == BC_VALUE_MAP && v->as.map.count) {
        put_map(out, v, at, lead);
    } else if (v->kind == BC_VALUE_SEQ && v->as.seq.count) {
        put_seq(out, v, at, lead);
    } else {
        if (lead)
            bc_buf_puts(out, lead);
        if (v->kind == BC_VALUE_MAP)
            bc_buf_puts(out, "{}");
        else if (v->kind == BC_VALUE_SEQ)
            bc_buf_puts(out, "[]");
        else
            put_scalar(out, v);
        bc_buf_putc(out, '\n');
    }
}

/* "# " and key: v as YAML, one comment line each, at indentation at. */
static void put_comment(bc_buf *out, const char *title, const bc_value *key,
                        const bc_value *v, int at)
{
    indent(out, at);
    bc_buf_printf(out, "# %s\n", title);
    bc_buf yaml = BC_BUF_INIT;
    put_key(&yaml, key);
    if (is_collection(v)) {
        bc_buf_putc(&yaml, '\n');
        put_value(&yaml, v, 2, NULL);
    } else {
        bc_buf_putc(&yaml, ' ');
        put_value(&yaml, v, 2, NULL);
    }
    for (const char *line = yaml.ptr; *line;) {
        const char *nl = strchr(line, '\n');
        indent(out, at);
        bc_buf_printf(out, "#   %.*s\n", (int)(nl - line), line);
        line = nl + 1;
    }
    bc_buf_fini(&yaml);
}

/* ---- the rules ---- */

/* Moves "năm YYYY" on (any case of "năm"), for YYYY the file's year or
 * the next: the plans of 2025 are for 2026, and become 2027's.  Each
 * change is a note at the text's place. */
static void put_moved_on(writer *w, const bc_value *v)
{
    static const char *const words[] = {"năm ", "Năm ", "NĂM "};
    const char *s = v->as.string.ptr;
    size_t len = v->as.string.len;
    bc_buf text = BC_BUF_INIT, changes = BC_BUF_INIT;
    for (size_t i = 0; i < len;) {
        size_t w_len = 0;
        for (size_t k = 0; k < 3 && !w_len; k++)
            if (!strncmp(s + i, words[k], strlen(words[k])))
                w_len = strlen(words[k]);
        const char *y = s + i + w_len;
        bool year = w_len && i + w_len + 4 <= len &&
                    strspn(y, "0123456789") >= 4 &&
                    (i + w_len + 4 == len || !bc_is_digit(y[4]));
        int64_t n = year ? (y[0] - '0') * 1000 + (y[1] - '0') * 100 +
                               (y[2] - '0') * 10 + (y[3] - '0')
                         : 0;
        if (!year || (n != w->from && n != w->from + 1)) {
            bc_buf_putc(&text, s[i++]);
            continue;
        }
        int64_t to = n + (w->to - w->from);
        bc_buf_printf(&text, "%.*s%04" PRId64, (int)w_len, s + i, to);
        bc_buf_printf(&changes, "%s\"%.*s%" PRId64 "\" -> \"%.*s%04" PRId64
                                "\"",
                      changes.len ? ", " : "", (int)w_len, s + i, n,
                      (int)w_len, s + i, to);
        i += w_len + 4;
    }
    put_quoted(w->out, text.ptr, text.len);
    bc_buf_putc(w->out, '\n');
    if (changes.len)
        bc_diag_add(w->diags, BC_NOTE, BC_OK,
                    (bc_pos){w->file, v->line, v->col}, _("changed %s"),
                    changes.ptr);
    bc_buf_fini(&text);
    bc_buf_fini(&changes);
}

static void put_entry(writer *w, const bc_value *map, int at,
                      const char *lead);

/* Blocks: a place to fill, then the tables made from the activities,
 * which fill themselves. */
static void put_narrative(writer *w, const bc_member *m, int at)
{
    bc_buf title = BC_BUF_INIT;
    bc_buf_printf(&title, "Năm %" PRId64 " (để sửa lại):", w->from);
    put_comment(w->out, title.ptr, m->key, m->value, at);
    bc_buf_fini(&title);
    indent(w->out, at);
    put_key(w->out, m->key);
    bc_buf_putc(w->out, '\n');
    indent(w->out, at + 2);
    bc_buf_printf(w->out, "- \"«Nội dung năm %" PRId64 "»\"\n", w->to);
    const bc_value *v = m->value;
    for (size_t i = 0; v->kind == BC_VALUE_SEQ && i < v->as.seq.count; i++) {
        const bc_value *b = v->as.seq.items[i];
        const bc_value *t = b->kind == BC_VALUE_MAP
                                ? bc_value_map_get(b, "table")
                                : NULL;
        if (t && t->kind == BC_VALUE_MAP && bc_value_map_get(t, "from")) {
            bc_buf lead = BC_BUF_INIT;
            indent(&lead, at + 2);
            bc_buf_puts(&lead, "- ");
            put_value(w->out, b, at + 4, lead.ptr);
            bc_buf_fini(&lead);
        }
    }
}

static void put_activities(writer *w, const bc_member *m, int at)
{
    bc_buf title = BC_BUF_INIT;
    bc_buf_printf(&title, "Năm %" PRId64 "; ghi các mục năm %" PRId64
                          " theo mẫu này:",
                  w->from, w->to);
    put_comment(w->out, title.ptr, m->key, m->value, at);
    bc_buf_fini(&title);
}

/* The issued document's own fields: blank number and date, the new year,
 * the subject moved on; the rest kept. */
static void put_document(writer *w, const bc_value *doc, int at)
{
    for (size_t i = 0; i < doc->as.map.count; i++) {
        const bc_member *m = &doc->as.map.members[i];
        const char *key = m->key->as.string.ptr;
        indent(w->out, at);
        put_key(w->out, m->key);
        bc_buf_putc(w->out, ' ');
        if (!strcmp(key, "number") || !strcmp(key, "date"))
            bc_buf_puts(w->out, "\"\"\n");
        else if (!strcmp(key, "year"))
            bc_buf_printf(w->out, "%" PRId64 "\n", w->to);
        else if (!strcmp(key, "subject") && m->value->kind == BC_VALUE_STRING)
            put_moved_on(w, m->value);
        else if (is_collection(m->value)) {
            w->out->len--; /* the space */
            w->out->ptr[w->out->len] = '\0';
            bc_buf_putc(w->out, '\n');
            put_value(w->out, m->value, at + 2, NULL);
        } else
            put_value(w->out, m->value, at + 2, NULL);
    }
}

/* Replaced documents: the report should cite what is in force now. */
static void put_replaced(writer *w, const bc_report *r)
{
    for (size_t k = 0; k < r->citations.count; k++) {
        const bc_citation *c = &r->citations.items[k];
        if (!c->replaced_by.s)
            continue;
        bc_buf when = BC_BUF_INIT, date = BC_BUF_INIT;
        if (c->replaced_on.set) {
            bc_vn_date_short(&date, c->replaced_on.value);
            bc_buf_printf(&when, _(" from %s"), date.ptr);
        }
        bc_buf_printf(w->out, "# [@%s] đã được thay thế bằng %s%s%s.\n",
                      c->id.s, c->replaced_by.s,
                      date.len ? " từ ngày " : "", date.ptr);
        bc_diag_add(w->diags, BC_WARNING, BC_OK,
                    bc_text_pos(&c->id, r->file),
                    _("[@%s] was replaced by %s%s: cite what is in force"),
                    c->id.s, c->replaced_by.s, when.ptr);
        bc_buf_fini(&when);
        bc_buf_fini(&date);
    }
}

/* A mapping of the report (the whole, a part, an item, an appendix):
 * each key by its rule; nested mappings and lists by the same rules. */
static void put_entry(writer *w, const bc_value *map, int at,
                      const char *lead)
{
    bool first = true;
    for (size_t i = 0; i < map->as.map.count; i++) {
        const bc_member *m = &map->as.map.members[i];
        const char *key = m->key->as.string.ptr;
        if (one_of(activities, key)) {
            put_activities(w, m, at);
            continue;
        }
        if (one_of(narratives, key) || !strcmp(key, "causes")) {
            if (first && lead) { /* a list item starts on the dash's line */
                bc_buf_puts(w->out, lead);
                bc_buf_putc(w->out, '\n');
            }
            first = false;
            if (!strcmp(key, "causes")) {
                bc_buf title = BC_BUF_INIT;
                bc_buf_printf(&title, "Năm %" PRId64 " (để sửa lại):",
                              w->from);
                put_comment(w->out, title.ptr, m->key, m->value, at);
                bc_buf_fini(&title);
                indent(w->out, at);
                bc_buf_puts(w->out, "causes: \"«Nguyên nhân»\"\n");
            } else {
                put_narrative(w, m, at);
            }
            continue;
        }
        if (first && lead)
            bc_buf_puts(w->out, lead);
        else
            indent(w->out, at);
        first = false;
        put_key(w->out, m->key);
        const bc_value *v = m->value;
        if (!strcmp(key, "document") && v->kind == BC_VALUE_MAP) {
            bc_buf_putc(w->out, '\n');
            put_document(w, v, at + 2);
        } else if (one_of(dated_texts, key) && v->kind == BC_VALUE_STRING) {
            bc_buf_putc(w->out, ' ');
            put_moved_on(w, v);
        } else if (v->kind == BC_VALUE_MAP && v->as.map.count &&
                   strcmp(key, "signature") != 0) {
            bc_buf_putc(w->out, '\n');
            put_entry(w, v, at + 2, NULL);
        } else if (v->kind == BC_VALUE_SEQ && v->as.seq.count &&
                   (!strcmp(key, "items") || !strcmp(key, "sections") ||
                    !strcmp(key, "appendices"))) {
            bc_buf_putc(w->out, '\n');
            for (size_t k = 0; k < v->as.seq.count; k++) {
                bc_buf item = BC_BUF_INIT;
                indent(&item, at + 2);
                bc_buf_puts(&item, "- ");
                if (v->as.seq.items[k]->kind == BC_VALUE_MAP)
                    put_entry(w, v->as.seq.items[k], at + 4, item.ptr);
                else
                    put_value(w->out, v->as.seq.items[k], at + 4, item.ptr);
                bc_buf_fini(&item);
            }
        } else if (is_collection(v)) {
            bc_buf_putc(w->out, '\n');
            put_value(w->out, v, at + 2, NULL);
        } else {
            bc_buf_putc(w->out, ' ');
            put_value(w->out, v, at + 2, NULL);
        }
    }
    if (first && lead) { /* everything left out: keep the item */
        bc_buf_puts(w->out, lead);
        bc_buf_puts(w->out, "{}\n");
    }
}

bool bc_next_year(const char *path, int year, bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    size_t errors = diags->errors;
    bc_report *r = bc_report_load(path, arena, diags);
    bc_value *root = r ? bc_yaml_load_file(arena, path, NULL, diags) : NULL;
    bool ok = false;
    if (root && diags->errors == errors && root->kind == BC_VALUE_MAP) {
        writer w = {out, diags, path, r->document.year,
                    year ? year : r->document.year + 1};
        bc_buf_printf(out,
                      "# Báo cáo năm %" PRId64 ", lập bằng \"bcreport init\" "
                      "từ báo cáo năm %" PRId64 ".\n"
                      "# Điền mọi chỗ «...»; nội dung năm %" PRId64 " được "
                      "giữ trong các dòng chú thích (#)\n"
                      "# để sửa lại; \"bcreport check\" liệt kê chỗ còn "
                      "phải điền.\n",
                      w.to, w.from, w.from);
        put_replaced(&w, r);
        put_entry(&w, root, 0, NULL);
        /* what it wrote must load: a bug here would hand the clerk a
         * broken file */
        bc_diags check;
        bc_diags_init(&check);
        bc_arena *again = bc_arena_new();
        ok = bc_report_parse(path, out->ptr, out->len, again, &check) != NULL;
        if (!ok)
            bc_diag_add(diags, BC_ERROR, BC_EX_SOFTWARE, (bc_pos){path, 0, 0},
                        _("the file for next year does not load (a bug in "
                          "bcreport): %s"),
                        check.count ? check.items[0].message : "");
        bc_arena_free(again);
        bc_diags_fini(&check);
    }
    bc_arena_free(arena);
    return ok;
}

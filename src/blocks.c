/* blocks.c - narrative blocks: reading, their texts, their JSON Schema
 * (see blocks.h). */
#include "bcreport/blocks.h"
#include "bcreport/i18n.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bcreport/schema_json.h"
#include "bcreport/chars.h"
#include "bcreport/vnformat.h"
#include "bcreport/value.h"

/* ---- reading ---- */

static void error_at(bc_schema_reader *r, const bc_value *v, const char *fmt,
                     ...) BC_PRINTF(3, 4);
static void error_at(bc_schema_reader *r, const bc_value *v, const char *fmt,
                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(bc_schema_diags(r), BC_ERROR, BC_EX_DATAERR,
                 bc_schema_pos(r, v), fmt, ap);
    va_end(ap);
}

static void read_bullets(bc_schema_reader *r, const bc_field *f,
                         const bc_value *v, bc_block *block)
{
    block->kind = BC_BLOCK_BULLETS;
    bc_bullets *bullets = &block->bullets;
    bullets->items = bc_arena_calloc(bc_schema_arena(r), v->as.seq.count,
                                     sizeof(bc_bullet));
    for (size_t i = 0; i < v->as.seq.count; i++) {
        const bc_value *item = v->as.seq.items[i];
        if (item->kind == BC_VALUE_STRING) {
            bc_bullet *b = &bullets->items[bullets->count];
            bullets->count +=
                bc_schema_take_text(r, f->key, item, true, &b->text);
        } else if (item->kind != BC_VALUE_SEQ) {
            error_at(r, item,
                     _("a bullet in \"%s\" must be text, or a list of "
                     "sub-items under the bullet before it, not %s"),
                     f->key, bc_value_kind_article(item->kind));
        } else if (bullets->count == 0) {
            error_at(r, item, _("sub-items in \"%s\" need a bullet before "
                              "them"),
                     f->key);
        } else {
            bc_schema_read_texts(r, f->key, item, true,
                                 &bullets->items[bullets->count - 1].subs);
        }
    }
}

static const bc_field note_fields[] = {
    {.key = "label", .kind = BC_FIELD_TEXT,
     .flags = BC_REQUIRED | BC_NONEMPTY, .offset = offsetof(bc_block, label),
     .doc = "Nhãn in đậm ở đầu đoạn ghi chú, VD: Nguyên nhân"},
    {.key = "text", .kind = BC_FIELD_TEXT, .flags = BC_REQUIRED | BC_NONEMPTY,
     .offset = offsetof(bc_block, text), .doc = "Nội dung đoạn ghi chú"},
};

/* A note inside narrative: {label, text}, read into a bc_block. */
static const bc_schema note_schema = {
    BC_SCHEMA(N_("note"), bc_block, note_fields,
              "Đoạn ghi chú mở đầu bằng dấu * và nhãn in đậm")};

/* ---- tables ---- */

const char *const bc_column_type_words[] = {"text", "integer", "amount",
                                            "date", "percent", NULL};
const char *const bc_table_sources[] = {"aid_projects", "delegations",
                                        "visits", "events", NULL};

static const bc_field column_fields[] = {
    {.key = "title", .kind = BC_FIELD_TEXT, .flags = BC_REQUIRED | BC_NONEMPTY,
     .offset = offsetof(bc_column, title), .doc = "Tên cột."},
    {.key = "type", .kind = BC_FIELD_TEXT, .flags = BC_NONEMPTY,
     .offset = offsetof(bc_column, type_word), .choices = bc_column_type_words,
     .doc = "Kiểu giá trị: text (chữ, mặc định), integer (số nguyên), amount "
            "(số đồng), date (ngày, dạng 15/12/2026 hoặc 2026-12-15) hoặc percent (tỷ lệ %)."},
};

static const bc_schema column_schema = {
    BC_SCHEMA(N_("column"), bc_column, column_fields,
              "Một cột của bảng.")};

/* The table as read, its rows still values until the columns are known. */
typedef struct table_spec {
    bc_table table;
    bool number;
    const bc_value *rows;
} table_spec;

static void keep_rows(bc_schema_reader *r, const bc_field *f,
                      const bc_value *v, void *slot)
{
    if (v->kind != BC_VALUE_SEQ)
        bc_schema_wrong_type(r, f->key, _("a list of rows"), v);
    else if (v->as.seq.count == 0)
        error_at(r, v, _("\"%s\" must not be empty"), f->key);
    else
        *(const bc_value **)slot = v;
}

static void rows_json(bc_json_schema *j, const bc_field *f)
{
    (void)f;
    bc_json_schema_string(j, "type", "array");
    bc_json_schema_int(j, "minItems", 1);
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_string(j, "type", "array");
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_open(j, "type", '[');
    static const char *const kinds[] = {"string", "number", "null"};
    for (size_t i = 0; i < BC_COUNT(kinds); i++)
        bc_json_schema_string(j, NULL, kinds[i]);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
}

static void no_defs(bc_json_schema *j)
{
    (void)j;
}

static const bc_field_type rows_type = {
    .name = N_("a list of rows"), .read = keep_rows, .json_rules = rows_json,
    .json_defs = no_defs};

static const bc_field table_fields[] = {
    {.key = "title", .kind = BC_FIELD_TEXT, .flags = BC_NONEMPTY,
     .offset = offsetof(table_spec, table.title),
     .doc = "Tên bảng, in ở trên bảng."},
    {.key = "columns", .kind = BC_FIELD_LIST, .flags = BC_NONEMPTY,
     .offset = offsetof(table_spec, table.columns), .schema = &column_schema,
     .doc = "Các cột (không kể cột STT, do bcreport đánh số)."},
    {.key = "rows", .kind = BC_FIELD_CUSTOM, .offset = offsetof(table_spec,
                                                                 rows),
     .type = &rows_type,
     .doc = "Các dòng; mỗi dòng một danh sách giá trị theo thứ tự cột."},
    {.key = "total", .kind = BC_FIELD_BOOL,
     .offset = offsetof(table_spec, table.total),
     .doc = "true: thêm dòng \"Tổng cộng\" cộng các cột số nguyên và số "
            "đồng."},
    {.key = "number", .kind = BC_FIELD_BOOL,
     .offset = offsetof(table_spec, number),
     .doc = "false: không có cột STT (mặc định có)."},
    {.key = "from", .kind = BC_FIELD_TEXT, .flags = BC_NONEMPTY,
     .offset = offsetof(table_spec, table.from), .choices = bc_table_sources,
     .doc = "Lập bảng từ các hoạt động đã khai báo trong báo cáo: "
            "aid_projects (dự án viện trợ), delegations (đoàn ra), visits "
            "(đoàn vào) hoặc events (sự kiện), thay cho columns và rows."},
};

static const char *const table_kinds[] = {"columns", "from", NULL};
static const char *const table_grid[] = {"columns", "rows", NULL};

static const bc_schema table_schema = {
    BC_SCHEMA(N_("table"), table_spec, table_fields,
              "Một bảng: columns và rows do người soạn nhập, hoặc from để "
              "lập từ các hoạt động."),
    .one_of = table_kinds, .together = table_grid};

/* Reads a cell of a text column: text, or a number as it is written. */
static bool text_cell(bc_schema_reader *r, const char *key,
                      const bc_value *v, bc_cell *cell)
{
    if (v->kind == BC_VALUE_STRING)
        return bc_schema_take_text(r, key, v, false, &cell->text);
    if (v->kind != BC_VALUE_INT && v->kind != BC_VALUE_FLOAT)
        return false;
    char num[32];
    if (v->kind == BC_VALUE_INT)
        snprintf(num, sizeof num, "%" PRId64, v->as.integer);
    else
        bc_format_double(v->as.number, num);
    cell->text.s = bc_arena_strdup(bc_schema_arena(r), num);
    cell->text.len = strlen(num);
    cell->text.line = v->line;
    cell->text.col = v->col;
    return true;
}

/* A whole number in a cell: an integer, or text as a clerk writes it
 * ("1.250.000", with the unit when there is one: vnformat.h). */
static bool whole_cell(const bc_value *v, const char *unit, int64_t *n)
{
    if (v->kind == BC_VALUE_INT) {
        *n = v->as.integer;
        return true;
    }
    return v->kind == BC_VALUE_STRING &&
           bc_vn_read_number(v->as.string.ptr, v->as.string.len, unit, n) ==
               BC_VN_NUMBER_OK;
}

/* Reads one cell as its column's type says; false when it is not one. */
static bool read_cell(bc_schema_reader *r, const bc_column *column,
                      const bc_value *v, bc_cell *cell)
{
    cell->line = v->line;
    cell->col = v->col;
    if (v->kind == BC_VALUE_NULL)
        return true; /* an empty cell */
    cell->set = true;
    switch (column->type) {
    case BC_COLUMN_TEXT:
        return text_cell(r, "cell", v, cell);
    case BC_COLUMN_INTEGER:
        return whole_cell(v, NULL, &cell->integer);
    case BC_COLUMN_AMOUNT:
        return whole_cell(v, "đồng", &cell->integer) && cell->integer >= 0 &&
               cell->integer <= BC_TABLE_MAX_TOTAL;
    case BC_COLUMN_DATE:
        return v->kind == BC_VALUE_STRING &&
               bc_date_read(v->as.string.ptr, v->as.string.len,
                            &cell->date) == BC_DATE_OK;
    case BC_COLUMN_PERCENT:
        cell->percent = v->kind == BC_VALUE_INT ? (double)v->as.integer
                                                : v->as.number;
        return v->kind == BC_VALUE_INT || v->kind == BC_VALUE_FLOAT;
    }
    return false;
}

/* What a cell of each column type must be, for messages. */
static const char *const cell_rule[] = {
    N_("text"), N_("a whole number"),
    N_("a whole number of đồng from 0 to 10^15"),
    N_("a date written DD/MM/YYYY or YYYY-MM-DD"),
    N_("a number (the percentage)")};

static void read_row(bc_schema_reader *r, bc_table *t, const bc_value *row,
                     size_t index)
{
    size_t n = t->columns.count;
    if (row->kind != BC_VALUE_SEQ || row->as.seq.count != n) {
        error_at(r, row,
                 _("row %zu must be a list of %zu values, one a column, not %s"),
                 index + 1, n,
                 row->kind == BC_VALUE_SEQ ? _("a list of another length")
                                           : bc_value_kind_article(row->kind));
        return;
    }
    bc_row *out = &t->rows.items[t->rows.count++];
    out->items = bc_arena_calloc(bc_schema_arena(r), n, sizeof(bc_cell));
    out->count = n;
    for (size_t c = 0; c < n; c++) {
        const bc_column *column = &t->columns.items[c];
        const bc_value *v = row->as.seq.items[c];
        if (!read_cell(r, column, v, &out->items[c]))
            error_at(r, v, _("in column \"%s\", row %zu: the value must be %s"),
                     column->title.s, index + 1, _(cell_rule[column->type]));
    }
}

/* Totals of whole numbers may not pass what a total can hold. */
static void check_totals(bc_schema_reader *r, const bc_table *t,
                         const bc_value *v)
{
    for (size_t c = 0; t->total && c < t->columns.count; c++) {
        const bc_column *column = &t->columns.items[c];
        if (column->type != BC_COLUMN_INTEGER &&
            column->type != BC_COLUMN_AMOUNT)
            continue;
        int64_t sum = 0;
        for (size_t i = 0; i < t->rows.count; i++) {
            int64_t x = t->rows.items[i].items[c].integer;
            if ((x > 0 && sum > BC_TABLE_MAX_TOTAL - x) ||
                (x < 0 && sum < -BC_TABLE_MAX_TOTAL - x)) {
                error_at(r, v, _("the total of column \"%s\" passes 10^15, "
                               "more than a total can hold"),
                         column->title.s);
                break;
            }
            sum += x;
        }
    }
}

static void read_table(bc_schema_reader *r, const bc_value *v, bc_block *b)
{
    b->kind = BC_BLOCK_TABLE;
    table_spec spec;
    memset(&spec, 0, sizeof spec);
    bc_schema_read_struct(r, &table_schema, v, &spec);
    bc_table *t = bc_arena_calloc(bc_schema_arena(r), 1, sizeof *t);
    *t = spec.table;
    t->line = v->line;
    t->col = v->col;
    t->no_number = bc_value_map_get(v, "number") && !spec.number;
    b->table = t;
    for (size_t c = 0; c < t->columns.count; c++) {
        bc_column *column = &t->columns.items[c];
        for (int k = 0; column->type_word.s && bc_column_type_words[k]; k++)
            if (!strcmp(column->type_word.s, bc_column_type_words[k]))
                column->type = (bc_column_type)k;
    }
    /* columns and rows, or from: said by the schema's one_of and
     * together, reported by bc_schema_read_struct */
    if (t->from.s || !t->columns.count || !spec.rows)
        return;
    size_t n = spec.rows->as.seq.count;
    t->rows.items = bc_arena_calloc(bc_schema_arena(r), n, sizeof(bc_row));
    for (size_t i = 0; i < n; i++)
        read_row(r, t, spec.rows->as.seq.items[i], i);
    check_totals(r, t, v);
}

/* A table typed with pipes is not read as one (Markdown tables are no
 * CommonMark): say how to write it, rather than print a line of pipes. */
static void refuse_pipe_table(bc_schema_reader *r, const bc_value *v,
                              const bc_text *t)
{
    for (size_t i = 0; t->s && i + 4 <= t->len; i++) {
        if (t->s[i] != '|')
            continue;
        size_t j = i + 1;
        while (j < t->len && (t->s[j] == ' ' || t->s[j] == ':'))
            j++;
        if (j + 3 <= t->len && !memcmp(t->s + j, "---", 3)) {
            error_at(r, v, _("this text holds a table written with \"|\" and "
                           "\"---\", which bcreport does not read as a "
                           "table; write it as a table block: - table: "
                           "{columns: [...], rows: [[...], ...]}%s"),
                     "");
            return;
        }
    }
}

/* One block of a list: a paragraph, bullets or a note; false when the
 * item is none of them. */
static bool read_block(bc_schema_reader *r, const bc_field *f,
                       const bc_value *item, bc_block *b)
{
    if (item->kind == BC_VALUE_STRING) {
        b->kind = BC_BLOCK_PARAGRAPH;
        if (bc_schema_take_text(r, f->key, item, true, &b->text))
            refuse_pipe_table(r, item, &b->text);
    } else if (item->kind == BC_VALUE_MAP && bc_value_map_get(item, "table")) {
        if (item->as.map.count != 1)
            error_at(r, item, _("a table block holds only \"table\"%s"), "");
        read_table(r, bc_value_map_get(item, "table"), b);
    } else if (item->kind == BC_VALUE_SEQ && item->as.seq.count == 0) {
        error_at(r, item, _("a list of bullets in \"%s\" must not be empty"),
                 f->key);
    } else if (item->kind == BC_VALUE_SEQ) {
        read_bullets(r, f, item, b);
    } else if (item->kind == BC_VALUE_MAP &&
               !bc_value_map_get(item, "label") &&
               !bc_value_map_get(item, "text") &&
               bc_schema_colon_hint(r, f->key, item)) {
        return false;
    } else if (item->kind == BC_VALUE_MAP) {
        bc_schema_read_struct(r, &note_schema, item, b);
        b->kind = BC_BLOCK_NOTE;
    } else {
        error_at(r, item,
                 _("an item of \"%s\" must be a paragraph (text), a list of "
                 "bullets, or a note with label and text; not %s"),
                 f->key, bc_value_kind_article(item->kind));
        return false;
    }
    return true;
}

static void read_blocks(bc_schema_reader *r, const bc_field *f,
                        const bc_value *v, void *slot)
{
    bc_blocks *out = slot;
    bc_arena *arena = bc_schema_arena(r);
    if (v->kind == BC_VALUE_STRING) { /* one paragraph */
        out->items = bc_arena_calloc(arena, 1, sizeof(bc_block));
        out->count = bc_schema_take_text(r, f->key, v, true,
                                         &out->items[0].text);
        return;
    }
    if (v->kind != BC_VALUE_SEQ) {
        bc_schema_wrong_type(r, f->key, _("a list of paragraphs"), v);
        return;
    }
    out->items = bc_arena_calloc(arena, v->as.seq.count, sizeof(bc_block));
    for (size_t i = 0; i < v->as.seq.count; i++)
        out->count += read_block(r, f, v->as.seq.items[i],
                                 &out->items[out->count]);
    if ((f->flags & BC_NONEMPTY) && v->as.seq.count == 0)
        error_at(r, v, _("\"%s\" must not be empty"), f->key);
}

/* ---- the texts, in order ---- */

static void visit_table(const bc_table *t, bc_text_visitor fn, void *ctx)
{
    fn(ctx, &t->title);
    for (size_t c = 0; c < t->columns.count; c++)
        fn(ctx, &t->columns.items[c].title);
    for (size_t i = 0; i < t->rows.count; i++)
        for (size_t c = 0; c < t->rows.items[i].count; c++)
            if (t->columns.items[c].type == BC_COLUMN_TEXT)
                fn(ctx, &t->rows.items[i].items[c].text);
}

static void visit_blocks(const void *slot, bc_text_visitor fn, void *ctx)
{
    const bc_blocks *blocks = slot;
    for (size_t i = 0; i < blocks->count; i++) {
        const bc_block *b = &blocks->items[i];
        if (b->kind == BC_BLOCK_TABLE) {
            visit_table(b->table, fn, ctx);
            continue;
        }
        if (b->kind != BC_BLOCK_BULLETS) {
            fn(ctx, &b->label);
            fn(ctx, &b->text);
            continue;
        }
        for (size_t k = 0; k < b->bullets.count; k++) {
            const bc_bullet *bullet = &b->bullets.items[k];
            fn(ctx, &bullet->text);
            for (size_t j = 0; j < bullet->subs.count; j++)
                fn(ctx, &bullet->subs.items[j]);
        }
    }
}

/* ---- the JSON Schema (read_blocks and read_bullets above) ---- */

static void json_rules(bc_json_schema *j, const bc_field *f)
{
    bc_json_schema_ref_or_null(j, "blocks", !(f->flags & BC_REQUIRED));
    if (f->flags & BC_NONEMPTY) /* a lone paragraph is never empty */
        bc_json_schema_int(j, "minItems", 1);
}

/* {"$ref": "#/$defs/def"} as an item of the array being filled. */
static void ref_item(bc_json_schema *j, const char *def)
{
    bc_json_schema_open(j, NULL, '{');
    bc_json_schema_ref(j, def);
    bc_json_schema_close(j);
}

/* {"table": {...}}: a mapping of the one key. */
static void table_block(bc_json_schema *j)
{
    bc_json_schema_open(j, NULL, '{');
    bc_json_schema_string(j, "type", "object");
    bc_json_schema_open(j, "required", '[');
    bc_json_schema_string(j, NULL, "table");
    bc_json_schema_close(j);
    bc_json_schema_bool(j, "additionalProperties", false);
    bc_json_schema_open(j, "properties", '{');
    bc_json_schema_open(j, "table", '{');
    bc_json_schema_struct_ref(j, &table_schema);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
}

static void blocks_def(bc_json_schema *j)
{
    bc_json_schema_open(j, "blocks", '{');
    bc_json_schema_string(j, "description",
                          "Nội dung: một đoạn văn, hoặc danh sách các khối, "
                          "mỗi khối là một đoạn văn, một danh sách gạch đầu "
                          "dòng, một ghi chú {label, text} hoặc một bảng "
                          "{table: ...}.");
    bc_json_schema_type(j, "string", "array", false);
    bc_json_schema_text_rules(j, true);
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_open(j, "anyOf", '[');
    ref_item(j, "paragraph");
    ref_item(j, "bullets");
    bc_json_schema_open(j, NULL, '{');
    bc_json_schema_struct_ref(j, &note_schema);
    bc_json_schema_close(j);
    table_block(j);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
}

static void paragraph_def(bc_json_schema *j)
{
    bc_json_schema_open(j, "paragraph", '{');
    bc_json_schema_string(j, "description", "Một đoạn văn, không để trống.");
    bc_json_schema_string(j, "type", "string");
    bc_json_schema_text_rules(j, true);
    bc_json_schema_close(j);
}

/* Sub-items belong to the bullet before them, so a list of bullets must
 * start with a bullet: prefixItems says so. */
static void bullets_def(bc_json_schema *j)
{
    bc_json_schema_open(j, "bullets", '{');
    bc_json_schema_string(j, "description",
                          "Danh sách gạch đầu dòng (-), mỗi mục một dòng; "
                          "một danh sách ngay sau một mục là các ý (+) của "
                          "mục đó.");
    bc_json_schema_string(j, "type", "array");
    bc_json_schema_int(j, "minItems", 1);
    bc_json_schema_open(j, "prefixItems", '[');
    ref_item(j, "paragraph");
    bc_json_schema_close(j);
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_open(j, "anyOf", '[');
    ref_item(j, "paragraph");
    ref_item(j, "sub_items");
    bc_json_schema_close(j);
    bc_json_schema_close(j);
    bc_json_schema_close(j);
}

static void sub_items_def(bc_json_schema *j)
{
    bc_json_schema_open(j, "sub_items", '{');
    bc_json_schema_string(j, "description",
                          "Các ý (+) của mục gạch đầu dòng đứng ngay trước.");
    bc_json_schema_string(j, "type", "array");
    bc_json_schema_int(j, "minItems", 1);
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_ref(j, "paragraph");
    bc_json_schema_close(j);
    bc_json_schema_close(j);
}

static void json_defs(bc_json_schema *j)
{
    blocks_def(j);
    paragraph_def(j);
    bullets_def(j);
    sub_items_def(j);
}

static const bc_schema *const block_structs[] = {&note_schema, &table_schema,
                                                NULL};

static const char *const def_names[] = {"blocks", "paragraph", "bullets",
                                        "sub_items", NULL};

const bc_field_type bc_blocks_type = {
    .name = N_("a list of paragraphs"),
    .read = read_blocks,
    .visit = visit_blocks,
    .json_rules = json_rules,
    .json_defs = json_defs,
    .uses = block_structs,
    .defs = def_names,
};

/* blocks.c - narrative blocks: reading, their texts, their JSON Schema
 * (see blocks.h). */
#include "bcreport/blocks.h"

#include <stdarg.h>
#include <stddef.h>

#include "bcreport/schema_json.h"
#include "bcreport/chars.h"

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
                     "a bullet in \"%s\" must be text, or a list of "
                     "sub-items under the bullet before it, not %s",
                     f->key, bc_value_kind_article(item->kind));
        } else if (bullets->count == 0) {
            error_at(r, item, "sub-items in \"%s\" need a bullet before "
                              "them",
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
    "note", sizeof(bc_block), note_fields,
    BC_COUNT(note_fields),
    "Đoạn ghi chú mở đầu bằng dấu * và nhãn in đậm"};

/* One block of a list: a paragraph, bullets or a note; false when the
 * item is none of them. */
static bool read_block(bc_schema_reader *r, const bc_field *f,
                       const bc_value *item, bc_block *b)
{
    if (item->kind == BC_VALUE_STRING) {
        b->kind = BC_BLOCK_PARAGRAPH;
        bc_schema_take_text(r, f->key, item, true, &b->text);
    } else if (item->kind == BC_VALUE_SEQ && item->as.seq.count == 0) {
        error_at(r, item, "a list of bullets in \"%s\" must not be empty",
                 f->key);
    } else if (item->kind == BC_VALUE_SEQ) {
        read_bullets(r, f, item, b);
    } else if (item->kind == BC_VALUE_MAP) {
        bc_schema_read_struct(r, &note_schema, item, b);
        b->kind = BC_BLOCK_NOTE;
    } else {
        error_at(r, item,
                 "an item of \"%s\" must be a paragraph (text), a list of "
                 "bullets, or a note with label and text; not %s",
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
        bc_schema_wrong_type(r, f->key, "a list of paragraphs", v);
        return;
    }
    out->items = bc_arena_calloc(arena, v->as.seq.count, sizeof(bc_block));
    for (size_t i = 0; i < v->as.seq.count; i++)
        out->count += read_block(r, f, v->as.seq.items[i],
                                 &out->items[out->count]);
    if ((f->flags & BC_NONEMPTY) && v->as.seq.count == 0)
        error_at(r, v, "\"%s\" must not be empty", f->key);
}

/* ---- the texts, in order ---- */

static void visit_blocks(const void *slot, bc_text_visitor fn, void *ctx)
{
    const bc_blocks *blocks = slot;
    for (size_t i = 0; i < blocks->count; i++) {
        const bc_block *b = &blocks->items[i];
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

static void blocks_def(bc_json_schema *j)
{
    bc_json_schema_open(j, "blocks", '{');
    bc_json_schema_string(j, "description",
                          "Nội dung: một đoạn văn, hoặc danh sách các khối, "
                          "mỗi khối là một đoạn văn, một danh sách gạch đầu "
                          "dòng hoặc một ghi chú {label, text}.");
    bc_json_schema_type(j, "string", "array", false);
    bc_json_schema_text_rules(j, true);
    bc_json_schema_open(j, "items", '{');
    bc_json_schema_open(j, "anyOf", '[');
    ref_item(j, "paragraph");
    ref_item(j, "bullets");
    bc_json_schema_open(j, NULL, '{');
    bc_json_schema_struct_ref(j, &note_schema);
    bc_json_schema_close(j);
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

static const char *const def_names[] = {"blocks", "paragraph", "bullets",
                                        "sub_items", NULL};

const bc_field_type bc_blocks_type = {
    .name = "a list of paragraphs",
    .read = read_blocks,
    .visit = visit_blocks,
    .json_rules = json_rules,
    .json_defs = json_defs,
    .uses = &note_schema,
    .defs = def_names,
};

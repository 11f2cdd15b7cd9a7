/*
 * blocks.h - narrative: the paragraphs, bullets and notes of a report.
 *
 * In the data, narrative is one paragraph (a text) or a list of blocks:
 *
 *   body:
 *     - "A paragraph, with **bold** and *italic* if need be."
 *     - ["a bullet", ["its first + item", "its second"], "another bullet"]
 *     - {label: "Nguyên nhân", text: "a note: * **label:** text"}
 *     - table:
 *         title: "Kết quả vận động viện trợ"     (optional)
 *         columns:
 *           - {title: "Dự án"}                    (type: text)
 *           - {title: "Kinh phí (đồng)", type: amount}
 *         rows:
 *           - ["Giếng nước thôn A", 250000000]
 *         total: true       (a "Tổng cộng" row: integer and amount columns)
 *         number: false     (no STT column: there is one by default)
 *     - table: {from: aid_projects}   (made from the report's activities)
 *
 * A column's type is text, integer, amount (đồng), date or percent; each
 * cell is checked against it, at its line and column.  A Markdown table
 * typed into a paragraph is an error with a hint, never collapsed into a
 * line of pipes.
 * bc_blocks_type is the field type (schema.h) that reads it, names its
 * texts and describes it in the JSON Schema; a struct holds it as a
 * bc_blocks.  Everything lives in the reader's arena.
 */
#ifndef BC_BLOCKS_H
#define BC_BLOCKS_H

#include <stdbool.h>
#include <stdint.h>

#include "bcreport/date.h"
#include "bcreport/schema.h"

typedef enum bc_block_kind {
    BC_BLOCK_PARAGRAPH,
    BC_BLOCK_BULLETS,
    BC_BLOCK_NOTE, /* "* **label:** text" */
    BC_BLOCK_TABLE
} bc_block_kind;

typedef enum bc_column_type {
    BC_COLUMN_TEXT,
    BC_COLUMN_INTEGER,
    BC_COLUMN_AMOUNT, /* whole đồng, 0 to BC_VN_WORDS_MAX */
    BC_COLUMN_DATE,
    BC_COLUMN_PERCENT
} bc_column_type;

/* The words of the column types, in the order of bc_column_type. */
extern const char *const bc_column_type_words[];

typedef struct bc_column {
    bc_text title;
    bc_text type_word; /* "amount"; absent: text */
    bc_column_type type;
} bc_column;

/* A cell, read as its column's type says. */
typedef struct bc_cell {
    bc_text text;     /* text */
    int64_t integer;  /* integer, amount */
    double percent;   /* percent */
    bc_date date;     /* date */
    bool set;         /* false for an empty cell (null) */
    int line, col;
} bc_cell;

typedef BC_LIST_OF(bc_cell) bc_row;

/* The activities a table may be made from (the view fills it in). */
extern const char *const bc_table_sources[]; /* aid_projects, ... */

typedef struct bc_table {
    bc_text title;
    BC_LIST_OF(bc_column) columns;
    BC_LIST_OF(bc_row) rows;
    bool total;     /* a "Tổng cộng" row for integer and amount columns */
    bool no_number; /* no STT column */
    bc_text from;   /* one of bc_table_sources: made from the activities */
    int line, col;
} bc_table;

typedef struct bc_bullet {
    bc_text text;
    bc_texts subs; /* "+" items under it */
} bc_bullet;

typedef BC_LIST_OF(bc_bullet) bc_bullets;

typedef struct bc_block {
    bc_block_kind kind;
    bc_text text;  /* paragraph, note */
    bc_text label; /* note */
    bc_bullets bullets;
    bc_table *table;
} bc_block;

typedef BC_LIST_OF(bc_block) bc_blocks;

/* Narrative, for a field of kind BC_FIELD_CUSTOM; with BC_NONEMPTY the
 * list must hold a block (a lone paragraph always says something). */
extern const bc_field_type bc_blocks_type;

/* The limit of a total, as of an amount: what can be written in words. */
#define BC_TABLE_MAX_TOTAL INT64_C(1000000000000000)

#endif

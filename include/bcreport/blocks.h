/*
 * blocks.h - narrative: the paragraphs, bullets and notes of a report.
 *
 * In the data, narrative is one paragraph (a text) or a list of blocks:
 *
 *   body:
 *     - "A paragraph."
 *     - ["a bullet", ["its first + item", "its second"], "another bullet"]
 *     - {label: "Nguyên nhân", text: "a note: * **label:** text"}
 *
 * bc_blocks_type is the field type (schema.h) that reads it, names its
 * texts and describes it in the JSON Schema; a struct holds it as a
 * bc_blocks.  Everything lives in the reader's arena.
 */
#ifndef BC_BLOCKS_H
#define BC_BLOCKS_H

#include "bcreport/schema.h"

typedef enum bc_block_kind {
    BC_BLOCK_PARAGRAPH,
    BC_BLOCK_BULLETS,
    BC_BLOCK_NOTE /* "* **label:** text" */
} bc_block_kind;

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
} bc_block;

typedef BC_LIST_OF(bc_block) bc_blocks;

/* Narrative, for a field of kind BC_FIELD_CUSTOM; with BC_NONEMPTY the
 * list must hold a block (a lone paragraph always says something). */
extern const bc_field_type bc_blocks_type;

#endif

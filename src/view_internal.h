/*
 * view_internal.h - what the parts of the view (view.c: the outline, the
 * header, the footer; view_content.c: narrative, tables, activities)
 * share.  Not a public header.
 */
#ifndef BC_VIEW_INTERNAL_H
#define BC_VIEW_INTERNAL_H

#include "bcreport/cite.h"
#include "bcreport/strmap.h"
#include "bcreport/view.h"
#include "bcreport/writer.h"

typedef struct builder {
    const bc_report *report;
    bc_arena *arena;
    bc_diags *diags;
    bc_citer *citer;
    const bc_writer *writer;
    bc_buf scratch; /* citations expanded */
    bc_buf text;    /* the finished text */
    bool self_used; /* self_name has stood in for a partner or a host */
    /* One node for each key and one null for the whole view: the view is
     * read only once built, and a node per member would double its size
     * (a report of 13 MB has a million of them). */
    bc_strmap keys; /* key text -> its string value */
    /* The keys are literals: their nodes found again by address first,
     * without hashing their text. */
    struct {
        const char *literal;
        bc_value *node;
    } recent[128];
    bc_value *null;
} builder;

/* Gives key the value v in map (as bc_value_map_assign), the key's node
 * shared with every other map of the view. */
void view_set(builder *b, bc_value *map, const char *key, bc_value *v);

/* The view's null, shared: an absent optional value. */
bc_value *view_null(builder *b);

/* A string node for a word the view repeats (an alignment, a rule),
 * shared like the keys. */
bc_value *view_word(builder *b, const char *word);

/* A text of the data, citations expanded and end (NULL: nothing) added,
 * written by the format's writer; rich for narrative.  Null for an absent
 * text. */
bc_value *view_text(builder *b, const bc_text *t, bool rich,
                    const char *end);

/* Marked text that bcreport made (not the data's), written likewise. */
bc_value *view_made(builder *b, const char *s, size_t len, bool rich);

/* The blocks of narrative, for the templates (view_content.c). */
bc_value *view_blocks(builder *b, const bc_blocks *blocks);

/* The sentences of an entry's activities, each {text}, in the order
 * delegations, visits, aid projects, events. */
bc_value *view_activities(builder *b, const bc_entry *e);

#endif

/*
 * view_internal.h - what the parts of the view (view.c: the outline, the
 * header, the footer; view_content.c: narrative, tables, activities)
 * share.  Not a public header.
 */
#ifndef BC_VIEW_INTERNAL_H
#define BC_VIEW_INTERNAL_H

#include "bcreport/cite.h"
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
} builder;

void view_set(builder *b, bc_value *map, const char *key, bc_value *v);

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

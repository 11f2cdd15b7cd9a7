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
    /* Where the keys and the null are made (NULL: arena): the view's
     * arena, while arena is a lazy item's own. */
    bc_arena *keep;
    /* Long lists are made lazily where nothing in them cites (view.h). */
    bool lazy;
    /* Making an item of a lazy list, once the view is built: its texts
     * cite nothing, and what it counts against the citations' budget
     * was counted then (no citer, no errors). */
    bool replay;
    bc_diags quiet; /* replaying: the diagnostics there are none of */
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

/* Appends t with its citations expanded (marked, escape.h); replaying,
 * as it is. */
void view_expand(builder *b, const bc_text *t, bc_buf *out);

/* Whether t holds a citation. */
bool view_cites(const bc_text *t);

/* Marked text that bcreport made (not the data's), written likewise. */
bc_value *view_made(builder *b, const char *s, size_t len, bool rich);

/* ---- the outline (view.c), for the report's and other views ---- */

/* n as fmt numbers it (bc_vn_roman, view_arabic, bc_vn_letter), or an
 * error at the title at (NULL: the file) when it cannot be. */
bc_value *view_numbered(builder *b, bool (*fmt)(bc_buf *, int), int n,
                        const bc_text *at);
bool view_arabic(bc_buf *out, int n);

/* A part (I, II...) {number, title, to, blocks, items}: to null, blocks
 * and items empty, for the caller to set. */
bc_value *view_part(builder *b, bc_value *number, bc_value *title);

/* An item (1, 2...) {number, title, activities, blocks, causes, points}:
 * causes null, the lists empty, for the caller to set. */
bc_value *view_item(builder *b, bc_value *number, bc_value *title);

/* The blocks of narrative, for the templates (view_content.c). */
bc_value *view_blocks(builder *b, const bc_blocks *blocks);

/* A block of narrative: kind ("paragraph", "bullets", "note", "table")
 * set to value, the other kinds null; NULL kind: all null. */
bc_value *view_block(builder *b, const char *kind, bc_value *value);

/* ---- tables (view_content.c), for the report's and other views (the
 * summary's, summary.c) ---- */

/* A table under construction: its cells as text, with their alignment. */
typedef struct view_grid {
    bc_value *header;
    bc_value *rows;
    bc_value *total; /* null until there is one */
    bool number;     /* an STT column first */
    size_t numbered; /* rows numbered so far */
    size_t figures;  /* columns of figures (right-aligned) */
} view_grid;

/* A table of at most this many columns of figures is "roomy": each of
 * them at least 3.6 em wide (style.css.mustache, docx.c), so that a
 * header over small counts wraps at two or three words a line.  Six
 * take 300 of the 467 points of the text width, leaving the STT and the
 * text their room; more would push the table past the margin. */
#define VIEW_ROOMY_FIGURES 6

/* A cell {text, align, rule}: text written for the format, align left,
 * right or center. */
bc_value *view_cell(builder *b, bc_value *text, const char *align);
/* How a column of type is aligned: text left, dates centred, numbers
 * right. */
const char *view_column_align(bc_column_type type);

void view_grid_start(builder *b, view_grid *g, bool number);
void view_grid_column(builder *b, view_grid *g, bc_value *title,
                      bc_column_type type);
/* A new row, numbered (its STT) or not (a subtotal's, its STT blank): its
 * cells, for the caller to add to. */
bc_value *view_grid_row(builder *b, view_grid *g);
bc_value *view_grid_unnumbered_row(builder *b, view_grid *g);
/* A number in the Vietnamese way (115.000.000), blank when not set. */
void view_number_cell(builder *b, bc_value *cells, bool set, int64_t n);
/* "12/3/2026", "12/3/2026 – 14/3/2026" (to may be NULL); nothing when
 * from is not set. */
void view_put_dates(bc_buf *out, const bc_date_field *from,
                    const bc_date_field *to);
void view_date_cell(builder *b, bc_value *cells, const bc_date_field *from,
                    const bc_date_field *to);
/* The "Tổng cộng" row: sums[c] for the columns after the STT where it is
 * >= 0, the label in the first column that is not summed. */
void view_grid_total(builder *b, view_grid *g, const int64_t *sums,
                     size_t n);
/* The table {title, header, rows, total, roomy}; title NULL: none. */
bc_value *view_grid_value(builder *b, const view_grid *g,
                          const bc_text *title);

/* The sentences of an entry's activities, each {text}, in the order
 * delegations, visits, aid projects, events; lazy (view.h) where they
 * cite nothing. */
bc_value *view_activities(builder *b, const bc_entry *e);
/* What making e's activities counts against the citations' budget when
 * nothing in them cites, counted now, in document order: for an item
 * made lazily whole. */
void view_count_activities(builder *b, const bc_entry *e);

/* ---- lazy lists (view.h, bc_view_build_lazy) ---- */

/* How to make the items of a lazy list: make(b, l, i) makes item i
 * with b (in the arena b->arena), from what l names. */
typedef struct view_lazy view_lazy;
struct view_lazy {
    bc_lazy_maker maker;
    builder *b;
    bc_value *(*make)(builder *b, const view_lazy *l, size_t i);
    const bc_part *part;   /* an item of this part, */
    const bc_entry *entry; /* an activity of this entry, */
    const bc_table *table; /* or a row of this table */
};

/* A list of n items, all NULL, for the caller to make those that must be
 * made now (they cite): lazy (its maker a copy of *how) when the view is
 * built lazily and n > 0, else a plain list of n NULLs to be made. */
bc_value *view_lazy_list(builder *b, size_t n, const view_lazy *how);

/* Whether nothing that the struct of schema at obj prints cites,
 * self_name included (it may stand in for a partner or a host): what
 * may be made lazily. */
bool view_cites_nothing(const builder *b, const bc_schema *schema,
                        const void *obj);

#endif

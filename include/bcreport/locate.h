/*
 * locate.h - where a piece of a text value stands in its data file.
 *
 * A text read from YAML is not its source: quotes, escapes ("\n",
 * "\u00E0", "''"), folded lines, block indentation and blanks dropped at
 * its edges lie between them.  A locator walks a text and its source side
 * by side, from the place the value starts, to give the line and column
 * of any byte of the text: a citation or a finding inside a long
 * paragraph is reported where the user can see it.
 *
 * The cost is linear: the locator remembers where its last walk stopped,
 * so locating many places of one text in increasing order walks it once,
 * and lines are found through an index built on first use.  Everything
 * lives in the arena given to bc_locator_new; the source must outlive it.
 */
#ifndef BC_LOCATE_H
#define BC_LOCATE_H

#include <stddef.h>

#include "bcreport/arena.h"
#include "bcreport/diag.h"

typedef struct bc_locator bc_locator;

/* A locator for source (len bytes, the text that positions count in:
 * yaml_load.h's bc_yaml_source); file names it in positions. */
bc_locator *bc_locator_new(bc_arena *arena, const char *file,
                           const char *source, size_t len);

/* The same source, now at source (read again after it was freed: the
 * same len bytes); what the locator learnt of it stays true. */
void bc_locator_set_source(bc_locator *loc, const char *source);

/* The position of byte offset of the text s (len bytes), whose value
 * starts at line:col of the source.  When the walk loses its way (a text
 * that the source does not spell), the value's own position. */
bc_pos bc_locator_find(bc_locator *loc, const char *s, size_t len, int line,
                       int col, size_t offset);

#endif

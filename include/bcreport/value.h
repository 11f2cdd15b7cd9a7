/*
 * value.h - the generic value tree: what a YAML file (or a view model) holds.
 *
 * A value is null, a boolean, a 64-bit integer, a double, a string, a
 * sequence or a mapping.  Mappings keep their members in insertion (file)
 * order; a key is a string value.  Every node carries the 1-based line and
 * column it came from (0 for values built by code).
 *
 * All nodes and their strings live in the bc_arena given to the
 * constructors: nothing is freed on its own, bc_arena_free frees the tree.
 * The loader may share one node between several parents (YAML aliases), so
 * treat a tree as immutable once built.  Strings are NUL-terminated and also
 * carry their length, since a YAML string may contain "\0".
 */
#ifndef BC_VALUE_H
#define BC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"

typedef enum bc_value_kind {
    BC_VALUE_NULL,
    BC_VALUE_BOOL,
    BC_VALUE_INT,
    BC_VALUE_FLOAT,
    BC_VALUE_STRING,
    BC_VALUE_SEQ,
    BC_VALUE_MAP
} bc_value_kind;

typedef struct bc_value bc_value;

typedef struct bc_member {
    bc_value *key; /* always BC_VALUE_STRING */
    bc_value *value;
} bc_member;

/* A node takes 24 bytes: a report of 13 MB has half a million of them in
 * its tree and more in its view, so the rare parts live outside it (a
 * tag before the node, a mapping's index before its members, where they
 * are 8 or more). */
struct bc_value {
    int line;            /* 1-based; 0 when built by code */
    unsigned col : 27;   /* 1-based; a file holds at most 16 MiB */
    unsigned kind : 3;   /* a bc_value_kind */
    unsigned tagged : 1; /* see bc_value_tag */
    unsigned lazy : 1;   /* a sequence of items made when read */
    union {
        bool boolean;
        int64_t integer;
        double number;
        struct {
            const char *ptr;
            size_t len;
        } string;
        /* Counts are 32 bits (a tree has at most BC_YAML_MAX_NODES). */
        struct {
            bc_value **items;
            uint32_t count;
            uint32_t cap;
        } seq;
        struct {
            bc_member *members; /* the slot before [0]: the index, if any */
            uint32_t count;
            uint32_t cap;
        } map;
    } as;
};

/* The application tag of v kept by request (see yaml_load.h), or NULL. */
const char *bc_value_tag(const bc_value *v);
/* v with tag (not copied; NULL: v itself): a new node with v's contents,
 * to be used instead of v, which must not have members or items yet. */
bc_value *bc_value_with_tag(bc_arena *arena, bc_value *v, const char *tag);

bc_value *bc_value_new_null(bc_arena *arena);
bc_value *bc_value_new_bool(bc_arena *arena, bool b);
bc_value *bc_value_new_int(bc_arena *arena, int64_t i);
bc_value *bc_value_new_float(bc_arena *arena, double d);
/* Copies len bytes of s into the arena. */
bc_value *bc_value_new_string(bc_arena *arena, const char *s, size_t len);
bc_value *bc_value_new_cstring(bc_arena *arena, const char *s);
/* A string node for the len bytes at s, not copied: s (NUL-terminated)
 * must live as long as the node. */
bc_value *bc_value_new_string_ref(bc_arena *arena, const char *s,
                                  size_t len);
bc_value *bc_value_new_seq(bc_arena *arena);
bc_value *bc_value_new_map(bc_arena *arena);
/* A mapping with room for members members, a sequence with room for
 * items items (either may grow past them): a collection built in great
 * numbers, its size known, wastes none.  A collection grown by pushes
 * doubles its array and leaves the old one in the arena. */
bc_value *bc_value_new_map_of(bc_arena *arena, size_t members);
bc_value *bc_value_new_seq_of(bc_arena *arena, size_t items);
/* Gives an empty collection (made by bc_value_new_seq or _map, perhaps
 * tagged) its n items or members at once, copied into an array of
 * exactly n: what the loader does at a collection's end. */
void bc_value_seq_fill(bc_arena *arena, bc_value *seq,
                       bc_value *const *items, size_t n);
void bc_value_map_fill(bc_arena *arena, bc_value *map,
                       const bc_member *members, size_t n);

/* ---- lazy sequences ----
 *
 * A view's long lists (30 000 activities, 12 500 rows of a table at 13
 * MB) need not be alive at once: a lazy sequence holds its count, the
 * items made already (the others NULL) and a maker that makes item i
 * when a reader asks, in an arena that the reader may empty (or free)
 * as soon as it is done with the item.  Making must be free of side
 * effects: an item may be made any number of times, in any order.  A
 * lazy sequence is a BC_VALUE_SEQ whose items must be read through
 * bc_value_seq_item; nothing may be pushed onto it. */
typedef struct bc_lazy_maker bc_lazy_maker;
struct bc_lazy_maker {
    bc_value *(*make)(const bc_lazy_maker *maker, size_t i,
                      bc_arena *arena);
    /* Set by a reader that adds to the items (the DOCX's column widths),
     * called on each item made, NULL when none. */
    void (*finish)(void *ctx, bc_value *item, bc_arena *arena);
    void *finish_ctx;
};

/* A lazy sequence of count items: items[i] where it is not NULL (made
 * already: copied), else made by maker, which must outlive the node.
 * items may be NULL: all made by maker. */
bc_value *bc_value_new_lazy_seq(bc_arena *arena, bc_value *const *items,
                                size_t count, bc_lazy_maker *maker);
/* The maker of a lazy sequence, NULL for another value. */
bc_lazy_maker *bc_value_lazy_maker(const bc_value *seq);
/* Item i of a sequence (i < count): as it is when made already, else
 * made in scratch (and finished), for the caller to drop with it. */
bc_value *bc_value_seq_item(const bc_value *seq, size_t i,
                            bc_arena *scratch);

/* Appends item to a sequence (not a lazy one). */
void bc_value_seq_push(bc_arena *arena, bc_value *seq, bc_value *item);
/* Appends a member to a mapping; it does not look for an existing key. */
void bc_value_map_put(bc_arena *arena, bc_value *map, bc_value *key,
                      bc_value *value);
/* Same, with a C-string key copied into the arena. */
void bc_value_map_set(bc_arena *arena, bc_value *map, const char *key,
                      bc_value *value);
/* Gives key the value: replaces the value of the first member so named,
 * or appends a member. */
void bc_value_map_assign(bc_arena *arena, bc_value *map, const char *key,
                         bc_value *value);

/* Adds a hash index to a finished mapping, so that lookups in a mapping of
 * many members stay fast (templates look names up on every tag).  A later
 * bc_value_map_put drops the index. */
void bc_value_map_index(bc_arena *arena, bc_value *map);
/* Whether map has such an index (one of 8 members or more, not changed
 * since). */
bool bc_value_map_indexed(const bc_value *map);

/* The value of the first member named key, or NULL (also when map is NULL
 * or not a mapping). */
bc_value *bc_value_map_get(const bc_value *map, const char *key);
bc_value *bc_value_map_getn(const bc_value *map, const char *key, size_t len);

/* "null", "boolean", "integer", "number", "string", "sequence", "mapping" */
const char *bc_value_kind_name(bc_value_kind kind);

/* Writes the shortest decimal form of d that reads back as d, as
 * JavaScript and jq print numbers: 1.210 gives "1.21", 1.0 gives "1",
 * 1e100 gives "1e+100"; infinities and NaN give ".inf", "-.inf", ".nan"
 * (their YAML spelling).  out must hold at least 32 bytes.  Returns the
 * length. */
size_t bc_format_double(double d, char *out);

#endif

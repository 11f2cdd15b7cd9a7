/*
 * strmap.h - a hash map from byte strings to pointers.
 *
 * Used where a lookup by name must stay fast on hostile input (duplicate
 * keys in a mapping of a million members, anchors).  The map borrows its
 * keys: they must outlive it.  Storage is malloc'd; bc_strmap_fini frees it
 * (not the keys or values).
 */
#ifndef BC_STRMAP_H
#define BC_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct bc_strmap_slot {
    const char *key; /* NULL for an empty slot */
    size_t len;
    uint64_t hash;
    void *value;
} bc_strmap_slot;

typedef struct bc_strmap {
    bc_strmap_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} bc_strmap;

#define BC_STRMAP_INIT {NULL, 0, 0}

void bc_strmap_fini(bc_strmap *map);

/* The keyed hash the map uses (SipHash-1-3 with a key drawn once per
 * process), for other tables of user-chosen keys. */
uint64_t bc_hash_bytes(const char *s, size_t len);
/* The value stored under key, or NULL. */
void *bc_strmap_get(const bc_strmap *map, const char *key, size_t len);
/* Stores value under key, replacing any value there. */
void bc_strmap_put(bc_strmap *map, const char *key, size_t len, void *value);

#endif

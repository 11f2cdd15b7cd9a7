/* strmap.c - open-addressing hash map (see strmap.h). */
#include "bcreport/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"

/* FNV-1a: simple, and good enough for keys typed by people. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

void bc_strmap_fini(bc_strmap *map)
{
    free(map->slots);
    map->slots = NULL;
    map->cap = map->count = 0;
}

static bc_strmap_slot *find(const bc_strmap *map, const char *key,
                            size_t len, uint64_t hash)
{
    size_t mask = map->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        bc_strmap_slot *s = &map->slots[i];
        if (!s->key)
            return s;
        if (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

void *bc_strmap_get(const bc_strmap *map, const char *key, size_t len)
{
    if (map->cap == 0)
        return NULL;
    bc_strmap_slot *s = find(map, key, len, hash_bytes(key, len));
    return s->key ? s->value : NULL;
}

static void grow(bc_strmap *map)
{
    bc_strmap old = *map;
    map->cap = old.cap ? old.cap * 2 : 16;
    map->slots = bc_xcalloc(map->cap, sizeof(bc_strmap_slot));
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key)
            *find(map, old.slots[i].key, old.slots[i].len,
                  old.slots[i].hash) = old.slots[i];
    }
    free(old.slots);
}

void bc_strmap_put(bc_strmap *map, const char *key, size_t len, void *value)
{
    /* Keep the load under 3/4 so probes stay short. */
    if ((map->count + 1) * 4 > map->cap * 3)
        grow(map);
    uint64_t hash = hash_bytes(key, len);
    bc_strmap_slot *s = find(map, key, len, hash);
    if (!s->key) {
        s->key = key;
        s->len = len;
        s->hash = hash;
        map->count++;
    }
    s->value = value;
}

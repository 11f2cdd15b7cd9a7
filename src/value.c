/* value.c - the generic value tree (see value.h). */
#include "bcreport/value.h"
#include "bcreport/i18n.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/strmap.h"

_Static_assert(sizeof(bc_value) == 24, "a node takes 24 bytes");

static bc_value *new_value(bc_arena *arena, bc_value_kind kind)
{
    bc_value *v = bc_arena_calloc(arena, 1, sizeof *v);
    v->kind = kind;
    return v;
}

/* A tag lives in the pointer before its node (a node is made tagged by
 * bc_value_with_tag only, so the pointer is there when the flag is). */
const char *bc_value_tag(const bc_value *v)
{
    return v->tagged ? ((const char *const *)v)[-1] : NULL;
}

bc_value *bc_value_with_tag(bc_arena *arena, bc_value *v, const char *tag)
{
    if (!tag)
        return v;
    const char **room =
        bc_arena_alloc(arena, sizeof(const char *) + sizeof(bc_value));
    room[0] = tag;
    bc_value *tagged = (bc_value *)(room + 1);
    *tagged = *v;
    tagged->tagged = 1;
    return tagged;
}

/* Below this many members a scan is as fast as hashing. */
#define INDEX_MIN_MEMBERS 8

/* The room before a mapping's members: one pointer, its index (see
 * bc_value_map_index), where the members array has room for an index to
 * be worth making; none before smaller arrays, most of a view's (a cell
 * has three members), which would waste it. */
static size_t index_room(size_t cap)
{
    return cap >= INDEX_MIN_MEMBERS ? sizeof(uint32_t *) : 0;
}

/* The index pointer of map: NULL until one is made, dropped by a new
 * member.  Only for a map whose index_room is not 0. */
static uint32_t **index_slot(const bc_value *map)
{
    return (uint32_t **)map->as.map.members - 1;
}

static bc_member *new_members(bc_arena *arena, size_t n)
{
    size_t room = index_room(n);
    char *p = bc_arena_calloc(arena, 1, room + n * sizeof(bc_member));
    return (bc_member *)(p + room);
}

bc_value *bc_value_new_null(bc_arena *arena)
{
    return new_value(arena, BC_VALUE_NULL);
}

bc_value *bc_value_new_bool(bc_arena *arena, bool b)
{
    bc_value *v = new_value(arena, BC_VALUE_BOOL);
    v->as.boolean = b;
    return v;
}

bc_value *bc_value_new_int(bc_arena *arena, int64_t i)
{
    bc_value *v = new_value(arena, BC_VALUE_INT);
    v->as.integer = i;
    return v;
}

bc_value *bc_value_new_float(bc_arena *arena, double d)
{
    bc_value *v = new_value(arena, BC_VALUE_FLOAT);
    v->as.number = d;
    return v;
}

bc_value *bc_value_new_string(bc_arena *arena, const char *s, size_t len)
{
    bc_value *v = new_value(arena, BC_VALUE_STRING);
    v->as.string.ptr = bc_arena_strndup(arena, s, len);
    v->as.string.len = len;
    return v;
}

bc_value *bc_value_new_string_ref(bc_arena *arena, const char *s,
                                  size_t len)
{
    bc_value *v = new_value(arena, BC_VALUE_STRING);
    v->as.string.ptr = s;
    v->as.string.len = len;
    return v;
}

bc_value *bc_value_new_cstring(bc_arena *arena, const char *s)
{
    return bc_value_new_string(arena, s, strlen(s));
}

bc_value *bc_value_new_seq(bc_arena *arena)
{
    return new_value(arena, BC_VALUE_SEQ);
}

/* A lazy sequence's maker lives in the pointer before its items, as a
 * map's index does before its members. */
bc_value *bc_value_new_lazy_seq(bc_arena *arena, bc_value *const *items,
                                size_t count, bc_lazy_maker *maker)
{
    if (count > UINT32_MAX)
        bc_out_of_memory();
    bc_value *v = new_value(arena, BC_VALUE_SEQ);
    bc_value **room = bc_arena_calloc(arena, count + 1, sizeof *room);
    room[0] = (bc_value *)(void *)maker;
    if (items && count)
        memcpy(room + 1, items, count * sizeof *items);
    v->lazy = 1;
    v->as.seq.items = room + 1;
    v->as.seq.count = v->as.seq.cap = (uint32_t)count;
    return v;
}

bc_lazy_maker *bc_value_lazy_maker(const bc_value *seq)
{
    if (!seq || seq->kind != BC_VALUE_SEQ || !seq->lazy)
        return NULL;
    return (bc_lazy_maker *)(void *)seq->as.seq.items[-1];
}

bc_value *bc_value_seq_item(const bc_value *seq, size_t i,
                            bc_arena *scratch)
{
    bc_value *item = seq->as.seq.items[i];
    bc_lazy_maker *maker = bc_value_lazy_maker(seq);
    if (item || !maker)
        return item;
    item = maker->make(maker, i, scratch);
    if (maker->finish)
        maker->finish(maker->finish_ctx, item, scratch);
    return item;
}

bc_value *bc_value_new_map(bc_arena *arena)
{
    return new_value(arena, BC_VALUE_MAP);
}

bc_value *bc_value_new_seq_of(bc_arena *arena, size_t items)
{
    bc_value *v = new_value(arena, BC_VALUE_SEQ);
    if (items) {
        if (items > UINT32_MAX)
            bc_out_of_memory();
        v->as.seq.items = bc_arena_alloc(arena, items * sizeof(bc_value *));
        v->as.seq.cap = (uint32_t)items;
    }
    return v;
}

void bc_value_seq_fill(bc_arena *arena, bc_value *seq,
                       bc_value *const *items, size_t n)
{
    if (n > UINT32_MAX)
        bc_out_of_memory();
    seq->as.seq.items = n ? bc_arena_alloc(arena, n * sizeof *items) : NULL;
    if (n)
        memcpy(seq->as.seq.items, items, n * sizeof *items);
    seq->as.seq.cap = seq->as.seq.count = (uint32_t)n;
}

void bc_value_map_fill(bc_arena *arena, bc_value *map,
                       const bc_member *members, size_t n)
{
    if (n > UINT32_MAX)
        bc_out_of_memory();
    map->as.map.members = n ? new_members(arena, n) : NULL;
    if (n)
        memcpy(map->as.map.members, members, n * sizeof *members);
    map->as.map.cap = map->as.map.count = (uint32_t)n;
}

bc_value *bc_value_new_map_of(bc_arena *arena, size_t members)
{
    bc_value *v = new_value(arena, BC_VALUE_MAP);
    if (members) {
        if (members > UINT32_MAX)
            bc_out_of_memory();
        v->as.map.members = new_members(arena, members);
        v->as.map.cap = (uint32_t)members;
    }
    return v;
}

/* items (count of cap, each size bytes; members: after their index
 * room) with room for one more: when full, a new array of twice the cap,
 * zeroed; the old copy stays in the arena, so the waste is bounded by the
 * final size.  Collections whose size is known are made at it instead
 * (bc_value_new_seq_of, bc_value_new_map_of, bc_value_seq_fill,
 * bc_value_map_fill). */
static void *grow(bc_arena *arena, void *items, uint32_t count,
                  uint32_t *cap, size_t size, bool members)
{
    if (count < *cap)
        return items;
    if (*cap > UINT32_MAX / 2)
        bc_out_of_memory(); /* past any limit of the loader's */
    uint32_t new_cap = *cap ? *cap * 2 : 4;
    size_t room = members ? index_room(new_cap) : 0;
    char *p = (char *)bc_arena_calloc(arena, 1, room + new_cap * size) + room;
    if (count)
        memcpy(p, items, count * size);
    *cap = new_cap;
    return p;
}

void bc_value_seq_push(bc_arena *arena, bc_value *seq, bc_value *item)
{
    assert(!seq->lazy); /* its room is its count, its maker before it */
    seq->as.seq.items = grow(arena, seq->as.seq.items, seq->as.seq.count,
                             &seq->as.seq.cap, sizeof(bc_value *), false);
    seq->as.seq.items[seq->as.seq.count++] = item;
}

void bc_value_map_put(bc_arena *arena, bc_value *map, bc_value *key,
                      bc_value *value)
{
    map->as.map.members = grow(arena, map->as.map.members, map->as.map.count,
                               &map->as.map.cap, sizeof(bc_member), true);
    if (index_room(map->as.map.cap))
        *index_slot(map) = NULL;
    bc_member *m = &map->as.map.members[map->as.map.count++];
    m->key = key;
    m->value = value;
}

void bc_value_map_index(bc_arena *arena, bc_value *map)
{
    size_t n = map->as.map.count;
    if (n < INDEX_MIN_MEMBERS || n > UINT32_MAX / 2)
        return;
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    uint32_t *slots = bc_arena_alloc(arena, (cap + 1) * sizeof(uint32_t));
    *slots++ = (uint32_t)(cap - 1); /* the mask, before the slots */
    for (size_t i = 0; i < cap; i++)
        slots[i] = UINT32_MAX; /* empty */
    for (size_t i = 0; i < n; i++) {
        const bc_value *k = map->as.map.members[i].key;
        size_t at = bc_hash_bytes(k->as.string.ptr, k->as.string.len) &
                    (cap - 1);
        while (slots[at] != UINT32_MAX) {
            const bc_value *other = map->as.map.members[slots[at]].key;
            if (other->as.string.len == k->as.string.len &&
                !memcmp(other->as.string.ptr, k->as.string.ptr,
                        k->as.string.len))
                break; /* a duplicate key: the first one stays */
            at = (at + 1) & (cap - 1);
        }
        if (slots[at] == UINT32_MAX)
            slots[at] = (uint32_t)i;
    }
    *index_slot(map) = slots;
}

bool bc_value_map_indexed(const bc_value *map)
{
    return map->as.map.members && index_room(map->as.map.cap) &&
           *index_slot(map);
}

static bool key_is(const bc_value *k, const char *key, size_t len)
{
    return k->as.string.len == len && memcmp(k->as.string.ptr, key, len) == 0;
}

void bc_value_map_set(bc_arena *arena, bc_value *map, const char *key,
                      bc_value *value)
{
    bc_value_map_put(arena, map, bc_value_new_cstring(arena, key), value);
}

void bc_value_map_assign(bc_arena *arena, bc_value *map, const char *key,
                         bc_value *value)
{
    size_t len = strlen(key);
    for (size_t i = 0; i < map->as.map.count; i++) {
        bc_member *m = &map->as.map.members[i];
        if (key_is(m->key, key, len)) {
            m->value = value;
            return;
        }
    }
    bc_value_map_set(arena, map, key, value);
}

bc_value *bc_value_map_getn(const bc_value *map, const char *key, size_t len)
{
    if (!map || map->kind != BC_VALUE_MAP)
        return NULL;
    if (bc_value_map_indexed(map)) {
        const uint32_t *index = *index_slot(map);
        size_t mask = index[-1];
        for (size_t at = bc_hash_bytes(key, len) & mask;
             index[at] != UINT32_MAX; at = (at + 1) & mask) {
            const bc_member *m = &map->as.map.members[index[at]];
            if (key_is(m->key, key, len))
                return m->value;
        }
        return NULL;
    }
    for (size_t i = 0; i < map->as.map.count; i++) {
        const bc_member *m = &map->as.map.members[i];
        if (key_is(m->key, key, len))
            return m->value;
    }
    return NULL;
}

bc_value *bc_value_map_get(const bc_value *map, const char *key)
{
    return bc_value_map_getn(map, key, strlen(key));
}

const char *bc_value_kind_name(bc_value_kind kind)
{
    switch (kind) {
    case BC_VALUE_NULL:
        return N_("null");
    case BC_VALUE_BOOL:
        return N_("boolean");
    case BC_VALUE_INT:
        return N_("integer");
    case BC_VALUE_FLOAT:
        return N_("number");
    case BC_VALUE_STRING:
        return N_("string");
    case BC_VALUE_SEQ:
        return N_("sequence");
    case BC_VALUE_MAP:
        return N_("mapping");
    }
    return N_("value");
}

size_t bc_format_double(double d, char *out)
{
    if (isnan(d))
        return (size_t)snprintf(out, 32, ".nan");
    if (isinf(d))
        return (size_t)snprintf(out, 32, d < 0 ? "-.inf" : ".inf");
    /* The fewest significant digits that read back exactly; 17 always do. */
    int digits = 1;
    for (; digits < 17; digits++) {
        snprintf(out, 32, "%.*e", digits - 1, d);
        if (strtod(out, NULL) == d)
            break;
    }
    snprintf(out, 32, "%.*e", digits - 1, d);
    int exponent = atoi(strchr(out, 'e') + 1);
    /* Plain notation where JavaScript uses it, its exponent form beyond. */
    if (exponent >= -6 && exponent < 21) {
        int decimals = digits - 1 - exponent;
        return (size_t)snprintf(out, 32, "%.*f", decimals > 0 ? decimals : 0,
                                d);
    }
    char *e = strchr(out, 'e');
    return (size_t)(e - out) +
           (size_t)snprintf(e, 8, "e%+d", exponent); /* "e-7", not "e-07" */
}

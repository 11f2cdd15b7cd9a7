/* strmap.c - open-addressing hash map (see strmap.h). */
#include "bcreport/strmap.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"

/* SipHash-1-3 with a key drawn once per process: keys come from files
 * that may be hostile, and an unkeyed hash lets an attacker pick keys that
 * all collide, turning every lookup into a scan. */
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static void sip_round(uint64_t v[4])
{
    v[0] += v[1], v[1] = ROTL(v[1], 13), v[1] ^= v[0], v[0] = ROTL(v[0], 32);
    v[2] += v[3], v[3] = ROTL(v[3], 16), v[3] ^= v[2];
    v[0] += v[3], v[3] = ROTL(v[3], 21), v[3] ^= v[0];
    v[2] += v[1], v[1] = ROTL(v[1], 17), v[1] ^= v[2], v[2] = ROTL(v[2], 32);
}

static uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++)
        m |= (uint64_t)p[i] << (8 * i);
    return m;
}

static void get_key(uint64_t key[2])
{
    static uint64_t k[2];
    static bool ready;
    if (!ready) {
        FILE *f = fopen("/dev/urandom", "rb");
        if (!f || fread(k, sizeof k, 1, f) != 1) {
            /* No randomness: still unpredictable enough across runs. */
            k[0] = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
            k[1] = (uint64_t)(uintptr_t)&k ^ (uint64_t)clock();
        }
        if (f)
            fclose(f);
        ready = true;
    }
    key[0] = k[0];
    key[1] = k[1];
}

uint64_t bc_hash_bytes(const char *s, size_t len)
{
    uint64_t k[2];
    get_key(k);
    uint64_t v[4] = {k[0] ^ 0x736f6d6570736575u, k[1] ^ 0x646f72616e646f6du,
                     k[0] ^ 0x6c7967656e657261u, k[1] ^ 0x7465646279746573u};
    const unsigned char *p = (const unsigned char *)s;
    size_t whole = len & ~(size_t)7;
    for (size_t i = 0; i < whole; i += 8) {
        uint64_t m = load_le(p + i, 8);
        v[3] ^= m;
        sip_round(v);
        v[0] ^= m;
    }
    uint64_t last = ((uint64_t)len << 56) | load_le(p + whole, len - whole);
    v[3] ^= last;
    sip_round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    sip_round(v), sip_round(v), sip_round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
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
    bc_strmap_slot *s = find(map, key, len, bc_hash_bytes(key, len));
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
    uint64_t hash = bc_hash_bytes(key, len);
    bc_strmap_slot *s = find(map, key, len, hash);
    if (!s->key) {
        s->key = key;
        s->len = len;
        s->hash = hash;
        map->count++;
    }
    s->value = value;
}

/* test_core.c - buffers, arenas, the string map and diagnostics. */
#include "testutil.h"

#include <fcntl.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/dynlib.h"
#include "bcreport/io.h"
#include "bcreport/strmap.h"
#include "bcreport/value.h"

/* ---- buffers ---- */

/* Appending in many small pieces grows the buffer, with its NUL kept. */
static void test_buf_printf_grows(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        bc_buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 20000);
    assert_memory_equal(b.ptr + 19996, "8,9,", 5); /* with the NUL */
    bc_buf_fini(&b);
}

static void test_buf_append_keeps_nul_bytes(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "ab");
    bc_buf_append(&b, "\0x", 2);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.ptr, "ab\0x", 5); /* with the NUL */
    bc_buf_fini(&b);
}

/* Detaching hands over the contents and leaves an empty string behind. */
static void test_buf_detach(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        bc_buf_printf(&b, "%d,", i % 10);
    bc_buf_append(&b, "\0x", 2);
    size_t len;
    char *s = bc_buf_detach(&b, &len);
    assert_int_equal(len, 20002);
    assert_memory_equal(s + 19996, "8,9,\0x", 7);
    assert_string_equal(b.ptr, ""); /* a string at once, never NULL */
    assert_int_equal(b.len, 0);
    free(s);
    bc_buf_fini(&b);
}

/* Detaching an empty buffer gives an empty string, never NULL. */
static void test_buf_detach_empty(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    size_t len = 99;
    char *s = bc_buf_detach(&b, &len);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
    bc_buf_fini(&b);
}

/* A fresh buffer is a string from the start, and stays one once cleared
 * and finished. */
static void test_buf_fresh_is_empty_string(void **state)
{
    (void)state;
    bc_buf fresh = BC_BUF_INIT;
    assert_string_equal(fresh.ptr, "");
    bc_buf_clear(&fresh);
    assert_string_equal(fresh.ptr, "");
    bc_buf_fini(&fresh);
    assert_string_equal(fresh.ptr, "");
    bc_buf init;
    bc_buf_init(&init);
    assert_string_equal(init.ptr, "");
    assert_int_equal(init.len, 0);
}

/* A cleared buffer is the empty string, not its old text. */
static void test_buf_clear_empties_the_string(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "Bình Sơn");
    bc_buf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.ptr, "");
    bc_buf_puts(&b, "x");
    assert_string_equal(b.ptr, "x");
    bc_buf_fini(&b);
}

/* ---- arenas ---- */

/* A large piece does not take the place of the small ones around it. */
/* An arena's blocks grow to huge pages (2 MB, mapped): 40 MB in pieces
 * of every size, each aligned and still holding what was written, the
 * count of bytes exact. */
static void test_arena_grows_past_huge_pages(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    enum { N = 4000 };
    unsigned char *pieces[N];
    size_t sizes[N], total = 0;
    for (size_t i = 0; i < N; i++) {
        sizes[i] = (i * 7919) % 20000 + (i % 500 == 0 ? 3u << 20 : 0);
        pieces[i] = bc_arena_alloc(a, sizes[i]);
        assert_int_equal((uintptr_t)pieces[i] % BC_ARENA_ALIGN, 0);
        memset(pieces[i], (int)(i & 0xFF), sizes[i]);
        total += (sizes[i] + BC_ARENA_ALIGN - 1) &
                 ~(BC_ARENA_ALIGN - 1);
    }
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < sizes[i]; j += 4093)
            assert_int_equal(pieces[i][j], i & 0xFF);
    assert_int_equal(bc_arena_used(a), total);
    bc_arena_free(a);
}

static void test_xmap_is_aligned_and_zeroed(void **state)
{
    (void)state;
    size_t size = 4u << 20, align = 2u << 20;
    unsigned char *p = bc_xmap(size, align);
    assert_int_equal((uintptr_t)p % align, 0);
    for (size_t i = 0; i < size; i += 4096)
        assert_int_equal(p[i], 0);
    p[size - 1] = 1; /* the whole size is mapped */
    bc_advise_huge_pages(p + 1, size - 1); /* a hint, any bounds */
    bc_unmap(p, size);
}

static void test_arena_big_piece_keeps_small_ones(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    char *small = bc_arena_alloc(a, 3);
    memcpy(small, "ab", 3);
    char *big = bc_arena_calloc(a, 1, 1 << 20);
    assert_int_equal(big[(1 << 20) - 1], 0);
    char *after = bc_arena_strdup(a, "Độc lập");
    assert_string_equal(small, "ab");
    assert_string_equal(after, "Độc lập");
    assert_int_equal(big[(1 << 20) - 1], 0);
    bc_arena_free(a);
}

/* A large piece asked for first: what follows does not land on it. */
static void test_arena_big_first_piece_is_kept(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    size_t n = 64 * 1024;
    char *big = bc_arena_alloc(a, n);
    memset(big, 'x', n);
    char *small = bc_arena_strdup(a, "Độc lập");
    for (size_t i = 0; i < n; i++)
        if (big[i] != 'x')
            fail_msg("byte %zu of the first piece was overwritten", i);
    assert_string_equal(small, "Độc lập");
    assert_true(small + sizeof "Độc lập" <= big || small >= big + n);
    bc_arena_free(a);
}

static void test_arena_pieces_are_aligned(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_arena_alloc(a, 3);
    bc_arena_calloc(a, 1, 1 << 20);
    char *after = bc_arena_strdup(a, "Độc lập");
    assert_int_equal((uintptr_t)after % BC_ARENA_ALIGN, 0);
    assert_int_equal((uintptr_t)bc_arena_alloc(a, 1) % BC_ARENA_ALIGN,
                     0);
    bc_arena_free(a);
}

static void test_arena_used_counts_every_piece(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    assert_int_equal(bc_arena_used(a), 0);
    bc_arena_alloc(a, 3);
    bc_arena_calloc(a, 1, 1 << 20);
    bc_arena_strdup(a, "Độc lập");
    assert_true(bc_arena_used(a) >= (1 << 20) + 3 + sizeof "Độc lập");
    bc_arena_free(a);
}

static void test_arena_strndup_terminates(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    for (int i = 0; i < 1000; i++) {
        char *junk = bc_arena_alloc(a, 16);
        memset(junk, 'z', 16);
    }
    char *s = bc_arena_strndup(a, "abcdef", 3);
    assert_string_equal(s, "abc");
    bc_arena_free(a);
}

static void test_arena_many_pieces_then_free(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    for (int i = 0; i < 100000; i++)
        bc_arena_alloc(a, 24);
    assert_true(bc_arena_used(a) >= 100000 * 24);
    bc_arena_free(a);
    bc_arena_free(NULL); /* a no-op */
}

/* Reset: the deferred calls made, nothing counted, and the first block
 * given out again from its start (no malloc for the next item). */
static int reset_calls;
static void count_reset(void *ctx)
{
    (void)ctx;
    reset_calls++;
}

static void test_arena_reset_reuses_first_block(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    char *first = bc_arena_alloc(a, 40);
    for (int i = 0; i < 20000; i++) /* past the first block, and a big one */
        bc_arena_alloc(a, 24);
    bc_arena_alloc(a, 1 << 20);
    reset_calls = 0;
    bc_arena_defer(a, count_reset, NULL);
    bc_arena_reset(a);
    assert_int_equal(reset_calls, 1);
    assert_int_equal(bc_arena_blocks(a), 1);
    assert_int_equal(bc_arena_used(a), 0);
    assert_ptr_equal(bc_arena_alloc(a, 40), first);
    bc_arena_reset(a);
    assert_int_equal(reset_calls, 1); /* each deferred call made once */
    char *s = bc_arena_strdup(a, "Độc lập");
    assert_ptr_equal(s, first);
    assert_string_equal(s, "Độc lập");
    bc_arena_free(a);
}

/* A big piece goes behind the block being filled: the first block is
 * still the one kept. */
static void test_arena_reset_keeps_first_behind_big(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    char *first = bc_arena_alloc(a, 40);
    bc_arena_alloc(a, 64 * 1024); /* no room: a block of its own, behind */
    assert_int_equal(bc_arena_blocks(a), 2);
    bc_arena_reset(a);
    assert_int_equal(bc_arena_blocks(a), 1);
    assert_ptr_equal(bc_arena_alloc(a, 40), first);
    bc_arena_free(a);
}

/* A first block given to a big piece is not kept: the next item would
 * get a block of any size, or none fitting. */
static void test_arena_reset_frees_big_first(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_arena_alloc(a, 1 << 20);
    bc_arena_reset(a);
    assert_int_equal(bc_arena_used(a), 0);
    assert_int_equal(bc_arena_blocks(a), 0);
    for (int i = 0; i < 5000; i++)
        bc_arena_alloc(a, 24);
    assert_int_equal(bc_arena_used(a), 5000 * 24);
    bc_arena_reset(a);
    bc_arena_reset(a); /* twice: nothing to do */
    bc_arena_free(a);
}

/* ---- the string map ---- */

static void test_strmap_empty_has_nothing(void **state)
{
    (void)state;
    bc_strmap m = BC_STRMAP_INIT;
    assert_null(bc_strmap_get(&m, "x", 1));
    bc_strmap_fini(&m);
}

static char strmap_keys[5000][16];

static void fill_strmap(bc_strmap *m)
{
    for (int i = 0; i < 5000; i++) {
        snprintf(strmap_keys[i], sizeof strmap_keys[i], "k%d", i);
        bc_strmap_put(m, strmap_keys[i], strlen(strmap_keys[i]),
                      &strmap_keys[i]);
    }
}

static void test_strmap_finds_every_key(void **state)
{
    (void)state;
    bc_strmap m = BC_STRMAP_INIT;
    fill_strmap(&m);
    assert_int_equal(m.count, 5000);
    for (int i = 0; i < 5000; i++)
        assert_ptr_equal(bc_strmap_get(&m, strmap_keys[i],
                                       strlen(strmap_keys[i])),
                         &strmap_keys[i]);
    bc_strmap_fini(&m);
}

/* Storing under a key again replaces its value: no second entry. */
static void test_strmap_put_again_replaces(void **state)
{
    (void)state;
    bc_strmap m = BC_STRMAP_INIT;
    fill_strmap(&m);
    bc_strmap_put(&m, "k7", 2, NULL);
    assert_int_equal(m.count, 5000);
    assert_null(bc_strmap_get(&m, "k7", 2));
    bc_strmap_fini(&m);
}

/* A key is its bytes and its length: a prefix is another key. */
static void test_strmap_prefix_is_another_key(void **state)
{
    (void)state;
    bc_strmap m = BC_STRMAP_INIT;
    fill_strmap(&m);
    assert_null(bc_strmap_get(&m, "k", 1));
    assert_null(bc_strmap_get(&m, "k49999", 6)); /* "k4999" and more */
    /* The length counts: the first two bytes of "k12" are the key "k1". */
    assert_ptr_equal(bc_strmap_get(&m, "k12", 2), &strmap_keys[1]);
    bc_strmap_fini(&m);
}

/* ---- values ---- */

static void test_value_seq_push(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *seq = bc_value_new_seq(a);
    for (int i = 0; i < 100; i++)
        bc_value_seq_push(a, seq, bc_value_new_int(a, i));
    assert_int_equal(seq->as.seq.count, 100);
    assert_int_equal(seq->as.seq.items[99]->as.integer, 99);
    assert_int_equal(seq->as.seq.items[0]->as.integer, 0);
    bc_arena_free(a);
}

static void test_value_map_get(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = bc_value_new_map(a);
    bc_value *seq = bc_value_new_seq(a);
    bc_value_map_set(a, map, "items", seq);
    bc_value_map_set(a, map, "name", bc_value_new_cstring(a, "Sở Ngoại vụ"));
    assert_ptr_equal(bc_value_map_get(map, "items"), seq);
    assert_string_equal(bc_value_map_get(map, "name")->as.string.ptr,
                        "Sở Ngoại vụ");
    assert_null(bc_value_map_get(map, "nam"));
    bc_arena_free(a);
}

static void test_value_map_get_on_a_sequence(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *seq = bc_value_new_seq(a);
    bc_value_seq_push(a, seq, bc_value_new_cstring(a, "name"));
    assert_null(bc_value_map_get(seq, "name"));
    assert_null(bc_value_map_get(NULL, "name"));
    bc_arena_free(a);
}

static void test_value_kind_names(void **state)
{
    (void)state;
    assert_string_equal(bc_value_kind_name(BC_VALUE_NULL), "null");
    assert_string_equal(bc_value_kind_name(BC_VALUE_BOOL), "boolean");
    assert_string_equal(bc_value_kind_name(BC_VALUE_INT), "integer");
    assert_string_equal(bc_value_kind_name(BC_VALUE_FLOAT), "number");
    assert_string_equal(bc_value_kind_name(BC_VALUE_STRING), "string");
    assert_string_equal(bc_value_kind_name(BC_VALUE_SEQ), "sequence");
    assert_string_equal(bc_value_kind_name(BC_VALUE_MAP), "mapping");
}

/* A mapping made for its members, full, indexed, then grown past them. */
static void test_map_index_of_full_map_dropped_on_growth(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = bc_value_new_map_of(a, 8);
    char key[16];
    for (int i = 0; i < 8; i++) {
        snprintf(key, sizeof key, "k%d", i);
        bc_value_map_set(a, map, key, bc_value_new_int(a, i));
    }
    bc_value_map_index(a, map);
    assert_true(bc_value_map_indexed(map));
    assert_int_equal(bc_value_map_get(map, "k5")->as.integer, 5);
    bc_value_map_set(a, map, "k8", bc_value_new_int(a, 8));
    assert_false(bc_value_map_indexed(map));
    assert_int_equal(map->as.map.count, 9);
    for (int i = 0; i < 9; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_int_equal(bc_value_map_get(map, key)->as.integer, i);
    }
    bc_arena_free(a);
}

/* A tag lives outside the node: a tagged copy has it, with the kind and
 * place of the original, and takes members like any mapping. */
static void test_value_tag_kept_beside_node(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *plain = bc_value_new_map(a);
    plain->line = 3;
    plain->col = 5;
    assert_null(bc_value_tag(plain));
    assert_ptr_equal(bc_value_with_tag(a, plain, NULL), plain);
    bc_value *tagged = bc_value_with_tag(a, plain, "!code");
    assert_string_equal(bc_value_tag(tagged), "!code");
    assert_int_equal(tagged->kind, BC_VALUE_MAP);
    assert_int_equal(tagged->line, 3);
    assert_int_equal(tagged->col, 5);
    bc_value_map_set(a, tagged, "js", bc_value_new_cstring(a, "x"));
    assert_string_equal(bc_value_map_get(tagged, "js")->as.string.ptr, "x");
    assert_string_equal(bc_value_tag(tagged), "!code");
    bc_arena_free(a);
}

/* A node keeps a column past 16 bits and up to the loader's largest
 * file (16 MiB on one line). */
static void test_value_column_of_largest_file(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *v = bc_value_new_null(a);
    v->col = 16 * 1024 * 1024 + 1;
    v->line = 1;
    assert_int_equal(v->col, 16777217);
    assert_int_equal(v->kind, BC_VALUE_NULL);
    bc_arena_free(a);
}

/* A mapping of 1000 members and a duplicate of k7, indexed. */
static bc_value *indexed_map(bc_arena *a)
{
    bc_value *map = bc_value_new_map(a);
    char key[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        bc_value_map_set(a, map, key, bc_value_new_int(a, i));
    }
    bc_value_map_set(a, map, "k7", bc_value_new_int(a, -7)); /* a duplicate */
    bc_value_map_index(a, map);
    return map;
}

static void test_map_index_finds_every_key(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = indexed_map(a);
    assert_true(bc_value_map_indexed(map));
    char key[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_int_equal(bc_value_map_get(map, key)->as.integer, i);
    }
    bc_arena_free(a);
}

static void test_map_index_misses(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = indexed_map(a);
    assert_null(bc_value_map_get(map, "k1000"));
    assert_null(bc_value_map_get(map, ""));
    bc_arena_free(a);
}

/* Of two members with one key, the first is the one found, indexed or
 * not. */
static void test_map_index_duplicate_keeps_first(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = indexed_map(a);
    assert_int_equal(bc_value_map_get(map, "k7")->as.integer, 7);
    bc_arena_free(a);
}

/* Adding a member drops the index; lookups still find everything. */
static void test_map_index_dropped_on_add(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = indexed_map(a);
    bc_value_map_set(a, map, "new", bc_value_new_int(a, 1));
    assert_false(bc_value_map_indexed(map));
    assert_int_equal(bc_value_map_get(map, "new")->as.integer, 1);
    assert_int_equal(bc_value_map_get(map, "k7")->as.integer, 7);
    bc_arena_free(a);
}

/* Collections of a known size take what they hold and no more: a cell
 * of three members its node and three members, no index room (that is
 * for mappings of 8 or more); a list of five its node and five
 * pointers. */
static void test_value_known_sizes_take_no_room(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *k = bc_value_new_cstring(a, "k");
    size_t before = bc_arena_used(a);
    bc_value *cell = bc_value_new_map_of(a, 3);
    for (int i = 0; i < 3; i++)
        bc_value_map_put(a, cell, k, k);
    assert_int_equal(bc_arena_used(a) - before, 24 + 3 * 16);
    before = bc_arena_used(a);
    bc_value *big = bc_value_new_map_of(a, 8);
    assert_int_equal(bc_arena_used(a) - before, 24 + 8 + 8 * 16);
    before = bc_arena_used(a);
    bc_value *list = bc_value_new_seq_of(a, 5);
    for (int i = 0; i < 5; i++)
        bc_value_seq_push(a, list, k);
    assert_int_equal(bc_arena_used(a) - before, 24 + 5 * 8);
    assert_int_equal(list->as.seq.count, 5);
    assert_false(bc_value_map_indexed(cell));
    assert_false(bc_value_map_indexed(big));
    bc_arena_free(a);
}

/* A mapping grown by puts from 4 members (no index room) to 8 and past
 * gets its room on the way: it is indexed, then a put drops the index. */
static void test_map_grown_gets_index_room(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = bc_value_new_map(a);
    char key[16];
    for (int i = 0; i < 12; i++) {
        snprintf(key, sizeof key, "k%d", i);
        bc_value_map_set(a, map, key, bc_value_new_int(a, i));
        if (i == 3)
            assert_false(bc_value_map_indexed(map));
    }
    bc_value_map_index(a, map);
    assert_true(bc_value_map_indexed(map));
    assert_int_equal(bc_value_map_get(map, "k11")->as.integer, 11);
    bc_value_map_set(a, map, "k12", bc_value_new_int(a, 12));
    assert_false(bc_value_map_indexed(map));
    assert_int_equal(bc_value_map_get(map, "k12")->as.integer, 12);
    bc_arena_free(a);
}

/* Filled at once, a collection's array is exactly its size, a copy of
 * what it was given; a mapping of 9 can then be indexed. */
static void test_value_fill_exact(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *items[5];
    for (int i = 0; i < 5; i++)
        items[i] = bc_value_new_int(a, i);
    bc_value *seq = bc_value_new_seq(a);
    bc_value_seq_fill(a, seq, items, 5);
    items[0] = NULL;
    assert_int_equal(seq->as.seq.count, 5);
    assert_int_equal(seq->as.seq.cap, 5);
    assert_int_equal(seq->as.seq.items[0]->as.integer, 0);
    assert_int_equal(seq->as.seq.items[4]->as.integer, 4);

    bc_member members[9];
    char key[16];
    for (int i = 0; i < 9; i++) {
        snprintf(key, sizeof key, "k%d", i);
        members[i].key = bc_value_new_cstring(a, key);
        members[i].value = bc_value_new_int(a, i);
    }
    bc_value *map = bc_value_new_map(a);
    bc_value_map_fill(a, map, members, 9);
    assert_int_equal(map->as.map.count, 9);
    assert_int_equal(map->as.map.cap, 9);
    bc_value_map_index(a, map);
    assert_true(bc_value_map_indexed(map));
    assert_int_equal(bc_value_map_get(map, "k8")->as.integer, 8);
    assert_null(bc_value_map_get(map, "k9"));

    bc_value *empty = bc_value_new_map(a);
    bc_value_map_fill(a, empty, members, 0);
    assert_int_equal(empty->as.map.count, 0);
    assert_null(bc_value_map_get(empty, "k0"));
    bc_arena_free(a);
}

/* ---- diagnostics ---- */

static const bc_pos here = {"data/2023.yaml", 12, 5};
static const bc_pos file_only = {"x.yaml", 0, 0};
static const bc_pos nowhere = {NULL, 0, 0};

static void test_diag_warning_keeps_status_ok(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_diag_add(&d, BC_WARNING, BC_OK, here, "unused citation \"%s\"", "kh12");
    bc_diag_add(&d, BC_NOTE, BC_OK, nowhere, "see the README");
    assert_int_equal(d.status, BC_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.count, 2);
    bc_diags_fini(&d);
}

/* The first error's status is the program's. */
static void test_diag_status_is_the_first_errors(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_diag_add(&d, BC_WARNING, BC_OK, here, "unused citation \"%s\"", "kh12");
    bc_diag_add(&d, BC_ERROR, BC_EX_NOINPUT, file_only, "cannot open");
    bc_diag_error(&d, here, "duplicate key \"%s\"", "year");
    assert_int_equal(d.status, BC_EX_NOINPUT);
    assert_int_equal(d.items[2].status, BC_EX_DATAERR);
    bc_diags_fini(&d);
}

static void test_diag_counts_errors(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_diag_add(&d, BC_WARNING, BC_OK, here, "unused citation \"%s\"", "kh12");
    bc_diag_add(&d, BC_ERROR, BC_EX_NOINPUT, file_only, "cannot open");
    bc_diag_error(&d, here, "duplicate key \"%s\"", "year");
    bc_diag_add(&d, BC_NOTE, BC_OK, nowhere, "see the README");
    assert_int_equal(d.errors, 2);
    assert_int_equal(bc_diags_count(&d, BC_ERROR), 2);
    assert_int_equal(bc_diags_count(&d, BC_WARNING), 1);
    assert_int_equal(bc_diags_count(&d, BC_NOTE), 1);
    bc_diags_fini(&d);
}

/* An error added without an error status is a bug in bcreport: 70. */
static void test_diag_error_without_status_is_internal(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_diag_add(&d, BC_ERROR, BC_OK, here, "oops");
    assert_int_equal(d.status, BC_EX_SOFTWARE);
    bc_diags_fini(&d);
}

/* The four diagnostics of the printing tests, in order. */
static void four_diags(bc_diags *d)
{
    bc_diags_init(d);
    bc_diag_add(d, BC_WARNING, BC_OK, here, "unused citation \"%s\"", "kh12");
    bc_diag_add(d, BC_ERROR, BC_EX_NOINPUT, file_only, "cannot open");
    bc_diag_error(d, here, "duplicate key \"%s\"", "year");
    bc_diag_add(d, BC_NOTE, BC_OK, nowhere, "see the README");
}

/* What bc_diags_print writes to a file. */
static char *printed(const bc_diags *d, bool colour)
{
    char *path = tu_temp_file("", 0, ".txt");
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    bc_diags_print(d, f, colour);
    fclose(f);
    char *text = tu_read_file(path, NULL);
    remove(path);
    free(path);
    return text;
}

static void test_diags_print_plain(void **state)
{
    (void)state;
    bc_diags d;
    four_diags(&d);
    char *text = printed(&d, false);
    assert_string_equal(text,
                        "data/2023.yaml:12:5: warning: unused citation "
                        "\"kh12\"\n"
                        "data/2023.yaml:12:5: error: duplicate key \"year\"\n"
                        "x.yaml: error: cannot open\n"
                        "bcreport: note: see the README\n");
    free(text);
    bc_diags_fini(&d);
}

/* In file order: each file where it first appears, by line and column
 * in it, the order added among equals; past 50, how many more. */
static void test_diags_print_in_file_order_capped(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_diag_error(&d, (bc_pos){"b.yaml", 9, 1}, "b9");
    bc_diag_error(&d, (bc_pos){"a.yaml", 7, 2}, "a7.2");
    bc_diag_error(&d, (bc_pos){"b.yaml", 2, 5}, "b2");
    bc_diag_error(&d, (bc_pos){"a.yaml", 7, 1}, "a7.1");
    bc_diag_add(&d, BC_NOTE, BC_OK, (bc_pos){"b.yaml", 2, 5}, "b2 again");
    char *text = printed(&d, false);
    assert_string_equal(text, "b.yaml:2:5: error: b2\n"
                              "b.yaml:2:5: note: b2 again\n"
                              "b.yaml:9:1: error: b9\n"
                              "a.yaml:7:1: error: a7.1\n"
                              "a.yaml:7:2: error: a7.2\n");
    free(text);
    for (int i = 5; i < 60; i++)
        bc_diag_error(&d, (bc_pos){"c.yaml", i, 1}, "c");
    bc_diag_add(&d, BC_WARNING, BC_OK, (bc_pos){"c.yaml", 99, 1}, "w");
    text = printed(&d, false);
    const char *last = strrchr(text, '\n');
    while (last > text && last[-1] != '\n')
        last--;
    assert_string_equal(last, "and 10 more errors and 1 more warnings\n");
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, BC_DIAG_MAX_SHOWN + 1);
    free(text);
    bc_diags_fini(&d);
}

static void test_diags_print_colour(void **state)
{
    (void)state;
    bc_diags d;
    four_diags(&d);
    char *text = printed(&d, true);
    assert_string_equal(
        text,
        "\033[1mdata/2023.yaml:12:5:\033[0m \033[1;35mwarning:\033[0m "
        "unused citation \"kh12\"\n"
        "\033[1mdata/2023.yaml:12:5:\033[0m \033[1;31merror:\033[0m "
        "duplicate key \"year\"\n"
        "\033[1mx.yaml:\033[0m \033[1;31merror:\033[0m cannot open\n"
        "\033[1mbcreport:\033[0m \033[1;36mnote:\033[0m see the README\n");
    free(text);
    bc_diags_fini(&d);
}

/* A known line without a known column: FILE:LINE:, never ":0". */
static void test_diag_line_without_column(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_pos line_only = {"t.yaml", 7, 0};
    bc_diag_error(&d, line_only, "x");
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&d.items[0], &line);
    assert_string_equal(line.ptr, "t.yaml:7: error: x");
    bc_buf_fini(&line);
    bc_diags_fini(&d);
}

/* User text in a message cannot break its line or reach the terminal. */
static void test_diag_escapes_user_text(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_pos pos = {"a\nb.yaml", 2, 3};
    bc_diag_error(&diags, pos, "key \"%s\"", "bad\x1b[31mkey\nline2\tx\x7f\xff");
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&diags.items[0], &line);
    assert_string_equal(line.ptr, "a\\nb.yaml:2:3: error: key "
                                  "\"bad\\x1B[31mkey\\nline2\\tx\\x7F\\xFF\"");
    bc_buf_fini(&line);
    bc_diags_fini(&diags);
}

/* Every control character is escaped, the first and the last of C0 and
 * the carriage return among them. */
static void test_diag_escapes_every_control(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_diag_error(&diags, nowhere, "%s", "a\x01" "b\x1f" "c\rd ~");
    assert_string_equal(diags.items[0].message, "a\\x01b\\x1Fc\\rd ~");
    bc_diags_fini(&diags);
}

/* C1 controls (U+009B is CSI, which starts a terminal escape) and the
 * line separators are escaped too; other text, Vietnamese included, is
 * not.  Templates and file names can carry them, though data cannot. */
static void test_diag_escapes_c1_and_separators(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_diag_error(&diags, nowhere, "%s",
                  "a\xc2\x9b" "31m\xc2\x80\xe2\x80\xa8" "b\xe2\x80\xa9" "Việt");
    assert_string_equal(diags.items[0].message,
                        "a\\u009B31m\\u0080\\u2028b\\u2029Việt");
    bc_diags_fini(&diags);
}

/* Shortened text is cut between characters, never inside one. */
static void test_diag_excerpt_cuts_between_characters(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    bc_diag_excerpt(&out, "Kết quả", strlen("Kết quả"), 2);
    assert_string_equal(out.ptr, "Kế...");
    bc_buf_fini(&out);
}

/* Text that fits is not marked as shortened. */
static void test_diag_excerpt_whole_text(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    bc_diag_excerpt(&out, "ab", 2, 2);
    assert_string_equal(out.ptr, "ab");
    bc_buf_clear(&out);
    bc_diag_excerpt(&out, "Kết", strlen("Kết"), 3);
    assert_string_equal(out.ptr, "Kết");
    bc_buf_fini(&out);
}

/* ---- reading files ---- */

/* A file of exactly the size limit is read whole... */
static void test_read_file_of_the_limit(void **state)
{
    (void)state;
    char *path = tu_temp_file("0123456789", 10, ".txt");
    bc_diags d;
    bc_diags_init(&d);
    size_t len = 0;
    char *text = bc_read_file(path, 10, &len, &d);
    assert_non_null(text);
    assert_int_equal(len, 10);
    assert_string_equal(text, "0123456789");
    assert_int_equal(d.count, 0);
    free(text);
    bc_diags_fini(&d);
    remove(path);
    free(path);
}

/* ...one byte more is too large: status 65, at the file. */
static void test_read_file_past_the_limit(void **state)
{
    (void)state;
    char *path = tu_temp_file("0123456789", 10, ".txt");
    bc_diags d;
    bc_diags_init(&d);
    size_t len = 0;
    assert_null(bc_read_file(path, 9, &len, &d));
    assert_int_equal(d.status, BC_EX_DATAERR);
    bc_buf line = BC_BUF_INIT, want = BC_BUF_INIT;
    bc_diag_format(&d.items[0], &line);
    bc_buf_printf(&want, "%s: error: file is larger than the limit of 9 "
                         "bytes", path);
    assert_string_equal(line.ptr, want.ptr);
    bc_buf_fini(&line);
    bc_buf_fini(&want);
    bc_diags_fini(&d);
    remove(path);
    free(path);
}

/* A path through a file names nothing, as a missing file does. */
static void test_read_path_through_a_file(void **state)
{
    (void)state;
    char *path = tu_temp_file("x", 1, ".txt");
    bc_buf inside = BC_BUF_INIT, out = BC_BUF_INIT;
    bc_buf_printf(&inside, "%s/x", path);
    int error_number = 0;
    assert_int_equal(bc_read_into(inside.ptr, 100, &out, &error_number),
                     BC_READ_MISSING);
    assert_int_equal(bc_read_into("/nonexistent/x", 100, &out,
                                  &error_number),
                     BC_READ_MISSING);
    bc_buf_fini(&inside);
    bc_buf_fini(&out);
    remove(path);
    free(path);
}

/* ---- colour: a file is no terminal, a pseudo-terminal is ---- */

static void test_colour_auto_not_a_terminal(void **state)
{
    (void)state;
    char *path = tu_temp_file("", 0, ".txt");
    FILE *f = fopen(path, "w");
    unsetenv("NO_COLOR");
    assert_false(bc_diag_colour_auto(f));
    fclose(f);
    remove(path);
    free(path);
}

/* The terminal side of a new pseudo-terminal, as a stream (or a skip
 * where the system has none). */
static FILE *open_terminal(int *master)
{
    *master = posix_openpt(O_RDWR | O_NOCTTY);
    if (*master < 0 || grantpt(*master) != 0 || unlockpt(*master) != 0) {
        fprintf(stderr, "\n*** SKIPPED: no pseudo-terminal here ***\n\n");
        if (*master >= 0)
            close(*master);
        if (tu_in_ci())
            fail_msg("CI=true: a pseudo-terminal is required");
        skip();
    }
    FILE *tty = fopen(ptsname(*master), "w");
    assert_non_null(tty);
    return tty;
}

static bool colour_auto_on_terminal(const char *no_color)
{
    int master;
    FILE *tty = open_terminal(&master);
    if (no_color)
        setenv("NO_COLOR", no_color, 1);
    else
        unsetenv("NO_COLOR");
    bool colour = bc_diag_colour_auto(tty);
    unsetenv("NO_COLOR");
    fclose(tty);
    close(master);
    return colour;
}

static void test_colour_auto_terminal(void **state)
{
    (void)state;
    assert_true(colour_auto_on_terminal(NULL));
}

static void test_colour_auto_no_color(void **state)
{
    (void)state;
    assert_false(colour_auto_on_terminal("1"));
}

/* An empty NO_COLOR has no effect, as no-color.org says. */
static void test_colour_auto_empty_no_color(void **state)
{
    (void)state;
    assert_true(colour_auto_on_terminal(""));
}

/* ---- dynlib: a library opened when first needed ---- */

static void test_dynlib_fills_every_slot(void **state)
{
    (void)state;
    double (*cosine)(double) = NULL;
    double (*square_root)(double) = NULL;
    const bc_dynlib_symbol symbols[] = {{"cos", &cosine},
                                        {"sqrt", &square_root}};
    bc_dynlib lib = {"libm.so.6", NULL};
    assert_null(bc_dynlib_open(&lib, symbols, 2));
    assert_non_null(lib.handle);
    assert_true(cosine(0.0) == 1.0);
    assert_true(square_root(16.0) == 4.0);
    /* Opened once: a second call finds it open. */
    void *handle = lib.handle;
    assert_null(bc_dynlib_open(&lib, symbols, 2));
    assert_ptr_equal(lib.handle, handle);
}

static void test_dynlib_missing_library_says_why(void **state)
{
    (void)state;
    bc_dynlib lib = {"libbcreport-none.so.9", NULL};
    const char *why = bc_dynlib_open(&lib, NULL, 0);
    assert_non_null(why);
    assert_non_null(strstr(why, "libbcreport-none.so.9"));
    assert_null(lib.handle);
}

static void test_dynlib_missing_symbol_leaves_it_closed(void **state)
{
    (void)state;
    void (*none)(void) = NULL;
    double (*cosine)(double) = NULL;
    const bc_dynlib_symbol symbols[] = {{"cos", &cosine},
                                        {"bc_no_such_function", &none}};
    bc_dynlib lib = {"libm.so.6", NULL};
    const char *why = bc_dynlib_open(&lib, symbols, 2);
    assert_non_null(why);
    assert_non_null(strstr(why, "bc_no_such_function"));
    assert_null(lib.handle);
    assert_null(none);
}

static void test_diags_drop_notes_keeps_the_rest_in_order(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_pos at = {"a.yaml", 1, 2};
    bc_diag_add(&d, BC_NOTE, BC_OK, at, "changed 1");
    bc_diag_add(&d, BC_WARNING, BC_OK, at, "warned");
    bc_diag_add(&d, BC_NOTE, BC_OK, at, "changed 2");
    bc_diag_add(&d, BC_ERROR, BC_EX_CANTCREAT, at, "refused");
    bc_diags_drop_notes(&d);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[0].message, "warned");
    assert_string_equal(d.items[1].message, "refused");
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.status, BC_EX_CANTCREAT);
    bc_diags_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_printf_grows),
        cmocka_unit_test(test_arena_grows_past_huge_pages),
        cmocka_unit_test(test_xmap_is_aligned_and_zeroed),
        cmocka_unit_test(test_diags_drop_notes_keeps_the_rest_in_order),
        cmocka_unit_test(test_dynlib_fills_every_slot),
        cmocka_unit_test(test_dynlib_missing_library_says_why),
        cmocka_unit_test(test_dynlib_missing_symbol_leaves_it_closed),
        cmocka_unit_test(test_buf_append_keeps_nul_bytes),
        cmocka_unit_test(test_buf_detach),
        cmocka_unit_test(test_buf_detach_empty),
        cmocka_unit_test(test_buf_fresh_is_empty_string),
        cmocka_unit_test(test_buf_clear_empties_the_string),
        cmocka_unit_test(test_arena_big_piece_keeps_small_ones),
        cmocka_unit_test(test_arena_big_first_piece_is_kept),
        cmocka_unit_test(test_arena_pieces_are_aligned),
        cmocka_unit_test(test_arena_used_counts_every_piece),
        cmocka_unit_test(test_arena_strndup_terminates),
        cmocka_unit_test(test_arena_many_pieces_then_free),
        cmocka_unit_test(test_arena_reset_reuses_first_block),
        cmocka_unit_test(test_arena_reset_frees_big_first),
        cmocka_unit_test(test_arena_reset_keeps_first_behind_big),
        cmocka_unit_test(test_strmap_empty_has_nothing),
        cmocka_unit_test(test_strmap_finds_every_key),
        cmocka_unit_test(test_strmap_put_again_replaces),
        cmocka_unit_test(test_strmap_prefix_is_another_key),
        cmocka_unit_test(test_value_seq_push),
        cmocka_unit_test(test_value_map_get),
        cmocka_unit_test(test_value_map_get_on_a_sequence),
        cmocka_unit_test(test_value_kind_names),
        cmocka_unit_test(test_map_index_finds_every_key),
        cmocka_unit_test(test_map_index_misses),
        cmocka_unit_test(test_value_known_sizes_take_no_room),
        cmocka_unit_test(test_map_grown_gets_index_room),
        cmocka_unit_test(test_value_fill_exact),
        cmocka_unit_test(test_map_index_duplicate_keeps_first),
        cmocka_unit_test(test_map_index_dropped_on_add),
        cmocka_unit_test(test_map_index_of_full_map_dropped_on_growth),
        cmocka_unit_test(test_value_tag_kept_beside_node),
        cmocka_unit_test(test_value_column_of_largest_file),
        cmocka_unit_test(test_diag_warning_keeps_status_ok),
        cmocka_unit_test(test_diag_status_is_the_first_errors),
        cmocka_unit_test(test_diag_counts_errors),
        cmocka_unit_test(test_diag_error_without_status_is_internal),
        cmocka_unit_test(test_diags_print_plain),
        cmocka_unit_test(test_diags_print_colour),
        cmocka_unit_test(test_diags_print_in_file_order_capped),
        cmocka_unit_test(test_diag_line_without_column),
        cmocka_unit_test(test_diag_escapes_user_text),
        cmocka_unit_test(test_diag_escapes_every_control),
        cmocka_unit_test(test_diag_escapes_c1_and_separators),
        cmocka_unit_test(test_diag_excerpt_cuts_between_characters),
        cmocka_unit_test(test_diag_excerpt_whole_text),
        cmocka_unit_test(test_read_file_of_the_limit),
        cmocka_unit_test(test_read_file_past_the_limit),
        cmocka_unit_test(test_read_path_through_a_file),
        cmocka_unit_test(test_colour_auto_not_a_terminal),
        cmocka_unit_test(test_colour_auto_terminal),
        cmocka_unit_test(test_colour_auto_no_color),
        cmocka_unit_test(test_colour_auto_empty_no_color),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}

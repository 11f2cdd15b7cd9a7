/* arena.c - region allocator (see arena.h). */
#include "bcreport/arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"

/* An arena's first block; each next one is twice as large, up to a huge
 * page, so that a small arena (a template's) stays small and a large one
 * (a view of 50 MB) is made of few blocks.  A larger request gets a block
 * of its own. */
#define BLOCK_SIZE (64u * 1024u)
/*
 * Blocks of a huge page or more are aligned to it and the kernel asked to
 * back them with huge pages (transparent huge pages in "madvise" mode, as
 * Debian sets it): a report of 13 MB fills 80 MB, which in pages of 4 KB
 * took 20 000 page faults, a third of its time to Markdown.
 */
#define HUGE_PAGE (2u * 1024u * 1024u)
#define ALIGN BC_ARENA_ALIGN
_Static_assert(alignof(void *) <= ALIGN && alignof(int64_t) <= ALIGN &&
                   alignof(double) <= ALIGN && alignof(size_t) <= ALIGN,
               "arena pieces are aligned for every type the program keeps");
_Static_assert((ALIGN & (ALIGN - 1)) == 0, "a power of two");

typedef struct block {
    struct block *next;
    size_t used;
    size_t size;
    bool mapped; /* by bc_xmap, its size header included */
    alignas(max_align_t) unsigned char data[];
} block;

typedef struct deferred {
    struct deferred *next;
    void (*fn)(void *ctx);
    void *ctx;
} deferred;

struct bc_arena {
    block *head; /* the block being filled; older blocks follow */
    size_t used;
    size_t next_size; /* of the next block, header included; 0 at first */
    deferred *deferred; /* the latest first */
};

bc_arena *bc_arena_new(void)
{
    return bc_xcalloc(1, sizeof(bc_arena));
}

static void free_block(block *b)
{
    if (b->mapped)
        bc_unmap(b, sizeof(block) + b->size);
    else
        free(b);
}

static void run_deferred(bc_arena *arena)
{
    for (deferred *d = arena->deferred; d; d = d->next)
        d->fn(d->ctx);
    arena->deferred = NULL;
}

void bc_arena_free(bc_arena *arena)
{
    if (!arena)
        return;
    run_deferred(arena);
    block *b = arena->head;
    while (b) {
        block *next = b->next;
        free_block(b);
        b = next;
    }
    free(arena);
}

void bc_arena_reset(bc_arena *arena)
{
    run_deferred(arena);
    /* The first block is the one of the first size (each next one is
     * larger; a big piece of that very size would do as well).  It is
     * not always the last of the list: a big piece goes behind the
     * block being filled. */
    block *first = NULL;
    block *b = arena->head;
    while (b) {
        block *next = b->next;
        if (!first && !b->mapped && b->size == BLOCK_SIZE - sizeof(block))
            first = b;
        else
            free_block(b);
        b = next;
    }
    if (first) {
        first->next = NULL;
        first->used = 0;
    }
    arena->head = first;
    arena->used = 0;
    arena->next_size = first ? 2 * BLOCK_SIZE : 0;
}

/* A block holding size bytes. */
static block *new_block(size_t size)
{
    if (size > SIZE_MAX - sizeof(block) - HUGE_PAGE)
        bc_out_of_memory();
    size_t total = sizeof(block) + size;
    block *b;
    if (total >= HUGE_PAGE) {
        total = (total + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
        b = bc_xmap(total, HUGE_PAGE);
        bc_advise_huge_pages(b, total);
    } else {
        b = bc_xmalloc(total);
    }
    b->next = NULL;
    b->used = 0;
    b->size = total - sizeof(block);
    b->mapped = total >= HUGE_PAGE;
    return b;
}

/* size bytes at an offset that is a multiple of align (a power of two,
 * at most ALIGN): structs take ALIGN, strings 1, so that a string of 3
 * bytes does not take 8. */
static void *alloc_aligned(bc_arena *arena, size_t size, size_t align)
{
    if (size > SIZE_MAX - ALIGN)
        bc_out_of_memory();
    block *b = arena->head;
    size_t start = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || start > b->size || b->size - start < size) {
        if (!arena->next_size)
            arena->next_size = BLOCK_SIZE;
        if (size > arena->next_size / 4) {
            /* A big piece gets its own block behind the current one, so
             * the space left in the current block is not wasted. */
            block *big = new_block(size);
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                arena->head = big;
            }
            arena->used += size;
            return big->data;
        }
        b = new_block(arena->next_size - sizeof(block));
        if (arena->next_size < HUGE_PAGE)
            arena->next_size *= 2;
        b->next = arena->head;
        arena->head = b;
        start = 0;
    }
    b->used = start + size;
    arena->used += size;
    return b->data + start;
}

void *bc_arena_alloc(bc_arena *arena, size_t size)
{
    /* Rounded up to ALIGN, as bc_arena_used counts it. */
    if (size > SIZE_MAX - ALIGN)
        bc_out_of_memory();
    return alloc_aligned(arena, (size + ALIGN - 1) & ~(size_t)(ALIGN - 1),
                         ALIGN);
}

void *bc_arena_calloc(bc_arena *arena, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        bc_out_of_memory();
    void *p = bc_arena_alloc(arena, count * size);
    memset(p, 0, count * size);
    return p;
}

char *bc_arena_strndup(bc_arena *arena, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        bc_out_of_memory();
    char *p = alloc_aligned(arena, n + 1, 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_arena_strdup(bc_arena *arena, const char *s)
{
    return bc_arena_strndup(arena, s, strlen(s));
}

void bc_arena_defer(bc_arena *arena, void (*fn)(void *ctx), void *ctx)
{
    deferred *d = bc_arena_alloc(arena, sizeof *d);
    d->fn = fn;
    d->ctx = ctx;
    d->next = arena->deferred;
    arena->deferred = d;
}

size_t bc_arena_used(const bc_arena *arena)
{
    return arena->used;
}

size_t bc_arena_blocks(const bc_arena *arena)
{
    size_t n = 0;
    for (const block *b = arena->head; b; b = b->next)
        n++;
    return n;
}

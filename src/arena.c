/* arena.c - region allocator (see arena.h). */
#include "bcreport/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"

/* Most blocks are this size; a larger request gets a block of its own. */
#define BLOCK_SIZE (64u * 1024u)
#define ALIGN alignof(max_align_t)

typedef struct block {
    struct block *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
} block;

struct bc_arena {
    block *head; /* the block being filled; older blocks follow */
    size_t used;
};

bc_arena *bc_arena_new(void)
{
    return bc_xcalloc(1, sizeof(bc_arena));
}

void bc_arena_free(bc_arena *arena)
{
    if (!arena)
        return;
    block *b = arena->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(arena);
}

static block *new_block(size_t size)
{
    if (size > SIZE_MAX - sizeof(block))
        bc_out_of_memory();
    block *b = bc_xmalloc(sizeof(block) + size);
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

/* size bytes at an offset that is a multiple of align (a power of two,
 * at most ALIGN): structs take ALIGN, strings 1, so that a string of 3
 * bytes does not take 16. */
static void *alloc_aligned(bc_arena *arena, size_t size, size_t align)
{
    if (size > SIZE_MAX - ALIGN)
        bc_out_of_memory();
    block *b = arena->head;
    size_t start = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || start > b->size || b->size - start < size) {
        if (size > BLOCK_SIZE / 4) {
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
        b = new_block(BLOCK_SIZE);
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
    /* Rounded up, as before: a caller may use the padding's alignment. */
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

size_t bc_arena_used(const bc_arena *arena)
{
    return arena->used;
}

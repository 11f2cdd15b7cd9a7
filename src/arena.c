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

void *bc_arena_alloc(bc_arena *arena, size_t size)
{
    if (size > SIZE_MAX - ALIGN)
        bc_out_of_memory();
    size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    block *b = arena->head;
    if (!b || b->size - b->used < rounded) {
        if (rounded > BLOCK_SIZE / 4) {
            /* A big piece gets its own block behind the current one, so
             * the space left in the current block is not wasted. */
            block *big = new_block(rounded);
            big->used = rounded;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                arena->head = big;
            }
            arena->used += rounded;
            return big->data;
        }
        b = new_block(BLOCK_SIZE);
        b->next = arena->head;
        arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += rounded;
    arena->used += rounded;
    return p;
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
    char *p = bc_arena_alloc(arena, n + 1);
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

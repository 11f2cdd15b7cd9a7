/*
 * arena.h - a region allocator for trees that live as long as a run.
 *
 * The value tree of a loaded file, template trees and view models are built
 * piece by piece and dropped all at once; an arena makes that one call and
 * keeps error paths free of cleanup code.  An arena is always passed
 * explicitly (never global).  Memory from bc_arena_alloc is aligned to
 * BC_ARENA_ALIGN, is never freed on its own, and lives until bc_arena_free.
 * Allocation failure exits through bc_out_of_memory (see alloc.h).
 */
#ifndef BC_ARENA_H
#define BC_ARENA_H

#include <stddef.h>

/* The alignment of every piece but strings: enough for the program's types
 * (pointers, 64-bit integers, doubles; arena.c checks), not max_align_t's
 * 16, which would make a node of 24 bytes take 32.  Sizes are rounded up
 * to it. */
#define BC_ARENA_ALIGN 8u

typedef struct bc_arena bc_arena;

bc_arena *bc_arena_new(void);
/* Frees the arena and everything allocated from it; NULL is a no-op. */
void bc_arena_free(bc_arena *arena);

/* Empties the arena for reuse, as bc_arena_free would (the deferred
 * calls made, every piece freed) but for its first block, kept: a
 * scratch arena made again for each of 30 000 items (a lazy list's,
 * value.h) does not call malloc for each. */
void bc_arena_reset(bc_arena *arena);

/* Uninitialised memory, size may be 0. */
void *bc_arena_alloc(bc_arena *arena, size_t size);
/* Zeroed memory for count * size bytes; the multiplication is checked. */
void *bc_arena_calloc(bc_arena *arena, size_t count, size_t size);
/* Copies n bytes of s and adds a terminating NUL; a string is not aligned
 * (it takes n + 1 bytes, not a multiple of BC_ARENA_ALIGN). */
char *bc_arena_strndup(bc_arena *arena, const char *s, size_t n);
char *bc_arena_strdup(bc_arena *arena, const char *s);

/* Has bc_arena_free call fn(ctx) first, the latest deferred first: what
 * an arena's tree owns outside it (a file's text read by malloc). */
void bc_arena_defer(bc_arena *arena, void (*fn)(void *ctx), void *ctx);

/* Total bytes handed out so far (for tests and benchmarks). */
size_t bc_arena_used(const bc_arena *arena);
/* The blocks the arena holds (for tests: what bc_arena_reset keeps). */
size_t bc_arena_blocks(const bc_arena *arena);

#endif

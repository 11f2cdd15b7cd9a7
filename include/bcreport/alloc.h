/*
 * alloc.h - allocation wrappers that never return NULL.
 *
 * bcreport is a short-lived command-line program: when memory runs out there
 * is nothing sensible to do but stop.  Every allocation in bcreport goes
 * through these wrappers, which print "bcreport: out of memory" and exit with
 * status 71 (EX_OSERR) on failure, so no call site checks for NULL.
 * Memory they return is freed with free().
 */
#ifndef BC_ALLOC_H
#define BC_ALLOC_H

#include <stddef.h>

void *bc_xmalloc(size_t size);
void *bc_xcalloc(size_t count, size_t size);
/* Resizes to count * size bytes, checking the multiplication for overflow. */
void *bc_xreallocarray(void *ptr, size_t count, size_t size);
/* An array of *cap elements of size bytes made twice as long (16 at
 * first); *cap is updated.  For stacks that grow one element at a time. */
void *bc_grow_array(void *ptr, size_t *cap, size_t size);
char *bc_xstrdup(const char *s);
/* size bytes (a multiple of the page size) of zeroed memory mapped at an
 * address that is a multiple of align (a power of two, at least the page
 * size), returned to the system at once by bc_unmap(p, size), not free(). */
void *bc_xmap(size_t size, size_t align);
void bc_unmap(void *p, size_t size);
/* Asks the kernel to back the whole pages of the len bytes at p with huge
 * pages (Linux's transparent huge pages, "madvise" mode): a big buffer
 * then takes one page fault per 2 MB instead of one per 4 KB.  A hint,
 * ignored where it is not supported. */
void bc_advise_huge_pages(void *p, size_t len);
/* Copies n bytes of s and adds a terminating NUL. */
char *bc_xstrndup(const char *s, size_t n);

/* Called instead of returning NULL: prints the message and exits with 71. */
_Noreturn void bc_out_of_memory(void);

#endif

/* alloc.c - allocation wrappers that exit on failure (see alloc.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "bcreport/alloc.h"
#include "bcreport/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bcreport/diag.h"

_Noreturn void bc_out_of_memory(void)
{
    fputs(_("bcreport: error: out of memory\n"), stderr);
    exit(BC_EX_OSERR);
}

void *bc_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

void *bc_xmap(size_t size, size_t align)
{
    if (size > SIZE_MAX - align)
        bc_out_of_memory();
    /* Mapped with room to spare, then trimmed to an aligned start. */
    size_t span = size + align;
    unsigned char *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        bc_out_of_memory();
    size_t lead = (align - (uintptr_t)p % align) % align;
    if (lead)
        munmap(p, lead);
    if (span - lead - size)
        munmap(p + lead + size, span - lead - size);
    return p + lead;
}

void bc_advise_huge_pages(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t page = 4096;
    uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)p + len) & ~(page - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE); /* a hint */
#else
    (void)p;
    (void)len;
#endif
}

void bc_unmap(void *p, size_t size)
{
    if (p)
        munmap(p, size);
}

void *bc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

void *bc_xreallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        bc_out_of_memory();
    size_t bytes = count * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        bc_out_of_memory();
    return p;
}

void *bc_grow_array(void *ptr, size_t *cap, size_t size)
{
    size_t n = *cap ? *cap : 8;
    if (n > SIZE_MAX / 2)
        bc_out_of_memory();
    ptr = bc_xreallocarray(ptr, n * 2, size);
    *cap = n * 2;
    return ptr;
}

char *bc_xstrndup(const char *s, size_t n)
{
    if (n == SIZE_MAX)
        bc_out_of_memory();
    char *p = bc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_xstrdup(const char *s)
{
    return bc_xstrndup(s, strlen(s));
}

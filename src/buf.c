/* buf.c - growable byte buffer (see buf.h). */
#include "bcreport/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"

char bc_buf_empty_storage[1];

void bc_buf_init(bc_buf *buf)
{
    buf->ptr = bc_buf_empty_storage;
    buf->len = 0;
    buf->cap = 0;
}

void bc_buf_fini(bc_buf *buf)
{
    if (buf->cap) /* else ptr is the shared empty storage */
        free(buf->ptr);
    bc_buf_init(buf);
}

void bc_buf_reserve(bc_buf *buf, size_t extra)
{
    if (extra > SIZE_MAX - buf->len - 1)
        bc_out_of_memory();
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *old = buf->cap ? buf->ptr : NULL;
    buf->ptr = bc_xreallocarray(old, cap, 1);
    if (!old)
        buf->ptr[buf->len] = '\0';
    /* A document of megabytes: its pages not yet written, huge. */
    if (cap >= 4u * 1024u * 1024u)
        bc_advise_huge_pages(buf->ptr + buf->len, cap - buf->len);
    buf->cap = cap;
}

void bc_buf_append(bc_buf *buf, const void *data, size_t len)
{
    bc_buf_reserve(buf, len);
    if (len)
        memcpy(buf->ptr + buf->len, data, len);
    buf->len += len;
    buf->ptr[buf->len] = '\0';
}

void bc_buf_puts(bc_buf *buf, const char *s)
{
    bc_buf_append(buf, s, strlen(s));
}

void bc_buf_putc(bc_buf *buf, char c)
{
    bc_buf_append(buf, &c, 1);
}

void bc_buf_vprintf(bc_buf *buf, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return; /* an encoding error in fmt: nothing sensible to append */
    bc_buf_reserve(buf, (size_t)n);
    vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
}

void bc_buf_put_int(bc_buf *buf, int64_t n, int min_digits)
{
    char digits[24];
    int len = 0;
    /* Through the unsigned magnitude: -INT64_MIN does not fit. */
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    do {
        digits[len++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (min_digits > 20)
        min_digits = 20;
    while (len < min_digits)
        digits[len++] = '0';
    if (n < 0)
        digits[len++] = '-';
    bc_buf_reserve(buf, (size_t)len);
    while (len > 0)
        buf->ptr[buf->len++] = digits[--len];
    buf->ptr[buf->len] = '\0';
}

void bc_buf_printf(bc_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void bc_buf_clear(bc_buf *buf)
{
    buf->len = 0;
    if (buf->cap)
        buf->ptr[0] = '\0';
}

char *bc_buf_detach(bc_buf *buf, size_t *len)
{
    bc_buf_reserve(buf, 0);
    buf->ptr[buf->len] = '\0';
    char *p = buf->ptr;
    if (len)
        *len = buf->len;
    bc_buf_init(buf);
    return p;
}

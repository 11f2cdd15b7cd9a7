/*
 * buf.h - a growable byte buffer.
 *
 * A bc_buf is a struct the caller owns: bc_buf_init it (or use BC_BUF_INIT),
 * append to it, then either bc_buf_detach its storage (the caller then frees
 * that with free()) or bc_buf_fini it.  ptr is never NULL and always
 * NUL-terminated ("" while empty), so it can be used as a string at once;
 * the contents may contain NUL bytes; len excludes the terminator.  Growth is geometric, so appending n bytes in
 * any number of pieces costs O(n).  Failure exits via bc_out_of_memory.
 */
#ifndef BC_BUF_H
#define BC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bc_buf {
    char *ptr;
    size_t len;
    size_t cap;
} bc_buf;

/* An empty buffer's ptr: "", shared and never written, so that ptr is a
 * string from the start (as cmark's cmark_strbuf__initbuf). */
extern char bc_buf_empty_storage[1];

#define BC_BUF_INIT {bc_buf_empty_storage, 0, 0}

#if defined(__GNUC__)
#define BC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define BC_PRINTF(fmt, args)
#endif

void bc_buf_init(bc_buf *buf);
void bc_buf_fini(bc_buf *buf);
/* Makes room for at least extra more bytes (plus the terminator). */
void bc_buf_reserve(bc_buf *buf, size_t extra);
void bc_buf_append(bc_buf *buf, const void *data, size_t len);
void bc_buf_puts(bc_buf *buf, const char *s);
void bc_buf_putc(bc_buf *buf, char c);
/* Appends n in decimal, with leading zeros up to min_digits (at most 20):
 * what printf's "%0*lld" writes, without printf's cost in hot loops. */
void bc_buf_put_int(bc_buf *buf, int64_t n, int min_digits);
void bc_buf_printf(bc_buf *buf, const char *fmt, ...) BC_PRINTF(2, 3);
void bc_buf_vprintf(bc_buf *buf, const char *fmt, va_list ap);
/* Empties the buffer, keeping its storage. */
void bc_buf_clear(bc_buf *buf);
/* Hands the storage (NUL-terminated, never NULL) to the caller and resets
 * the buffer to empty.  The caller frees the result with free(). */
char *bc_buf_detach(bc_buf *buf, size_t *len);

#endif

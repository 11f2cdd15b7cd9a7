/* diag.c - diagnostics sink and printing (see diag.h). */
#include "bcreport/diag.h"
#include "bcreport/i18n.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/utf8.h"

void bc_diags_init(bc_diags *diags)
{
    memset(diags, 0, sizeof *diags);
}

void bc_diags_fini(bc_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        free(diags->items[i].file);
        free(diags->items[i].message);
    }
    free(diags->items);
    bc_diags_init(diags);
}

void bc_diags_drop_notes(bc_diags *diags)
{
    size_t kept = 0;
    for (size_t i = 0; i < diags->count; i++) {
        bc_diag *d = &diags->items[i];
        if (d->level == BC_NOTE) {
            free(d->file);
            free(d->message);
        } else {
            diags->items[kept++] = *d;
        }
    }
    diags->count = kept;
}

/* User text reaches messages (keys, citations, file names): a line break
 * or a terminal escape in it must not break the one-line FILE:LINE:COL
 * form that editors read, nor reach the terminal.  Control characters
 * (C0, DEL and C1), the line and paragraph separators and bytes that are
 * not UTF-8 are written as escapes. */
static void escape_controls(const char *s, size_t len, bc_buf *out)
{
    bc_buf_reserve(out, len);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n = c < 0x80 ? 1 : bc_utf8_decode((const unsigned char *)s + i,
                                                 len - i, &cp);
        if (c == '\t' || c == '\n' || c == '\r')
            bc_buf_printf(out, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        else if (n == 0 || c < 0x20 || c == 0x7F)
            bc_buf_printf(out, "\\x%02X", c);
        else if (n > 1 && ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
                           cp == 0x2029))
            bc_buf_printf(out, "\\u%04X", (unsigned)cp); /* C1 controls
                                     (U+009B is CSI), line separators */
        else
            bc_buf_append(out, s + i, n);
        i += n ? n : 1;
    }
}

void bc_diag_excerpt(bc_buf *out, const char *s, size_t len, size_t max)
{
    size_t shown = 0, i = 0;
    while (i < len && shown < max) {
        uint32_t cp;
        size_t n = bc_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        i += n ? n : 1;
        shown++;
    }
    bc_buf_append(out, s, i);
    if (i < len)
        bc_buf_puts(out, "...");
}

void bc_diag_vadd(bc_diags *diags, bc_level level, bc_status status,
                  bc_pos pos, const char *fmt, va_list ap)
{
    if (diags->count == diags->cap) {
        diags->cap = diags->cap ? diags->cap * 2 : 8;
        diags->items =
            bc_xreallocarray(diags->items, diags->cap, sizeof(bc_diag));
    }
    bc_buf raw = BC_BUF_INIT, msg = BC_BUF_INIT;
    bc_buf_vprintf(&raw, fmt, ap);
    escape_controls(raw.ptr, raw.len, &msg);
    bc_buf_fini(&raw);
    bc_diag *d = &diags->items[diags->count++];
    d->level = level;
    d->status = level == BC_ERROR ? status : BC_OK;
    d->file = NULL;
    if (pos.file) {
        bc_buf file = BC_BUF_INIT;
        escape_controls(pos.file, strlen(pos.file), &file);
        d->file = bc_buf_detach(&file, NULL);
    }
    d->line = pos.line;
    d->col = pos.col;
    d->message = bc_buf_detach(&msg, NULL);
    if (level == BC_ERROR) {
        diags->errors++;
        if (diags->status == BC_OK)
            diags->status = status != BC_OK ? status : BC_EX_SOFTWARE;
    }
}

void bc_diag_add(bc_diags *diags, bc_level level, bc_status status,
                 bc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(diags, level, status, pos, fmt, ap);
    va_end(ap);
}

void bc_diag_error(bc_diags *diags, bc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(diags, BC_ERROR, BC_EX_DATAERR, pos, fmt, ap);
    va_end(ap);
}

void bc_diags_promote_warnings(bc_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        bc_diag *d = &diags->items[i];
        if (d->level != BC_WARNING)
            continue;
        d->level = BC_ERROR;
        d->status = BC_EX_DATAERR;
        diags->errors++;
        if (diags->status == BC_OK)
            diags->status = BC_EX_DATAERR;
    }
}

void bc_diags_keep_errors(bc_diags *diags)
{
    size_t kept = 0;
    for (size_t i = 0; i < diags->count; i++) {
        bc_diag *d = &diags->items[i];
        if (d->level == BC_ERROR) {
            diags->items[kept++] = *d;
            continue;
        }
        free(d->file);
        free(d->message);
    }
    diags->count = kept;
}

size_t bc_diags_count(const bc_diags *diags, bc_level level)
{
    size_t n = 0;
    for (size_t i = 0; i < diags->count; i++)
        n += diags->items[i].level == level;
    return n;
}

static const char *level_name(bc_level level)
{
    switch (level) {
    case BC_NOTE:
        return _("note");
    case BC_WARNING:
        return _("warning");
    case BC_ERROR:
        return _("error");
    }
    return _("error");
}

/* gcc's colours: bold location, red errors, magenta warnings, cyan notes. */
static const char *level_colour(bc_level level)
{
    switch (level) {
    case BC_NOTE:
        return "\033[1;36m";
    case BC_WARNING:
        return "\033[1;35m";
    case BC_ERROR:
        return "\033[1;31m";
    }
    return "";
}

static void format_location(const bc_diag *d, bc_buf *out)
{
    if (!d->file) {
        bc_buf_puts(out, "bcreport:");
        return;
    }
    bc_buf_puts(out, d->file);
    if (d->line > 0) {
        bc_buf_printf(out, ":%d", d->line);
        if (d->col > 0)
            bc_buf_printf(out, ":%d", d->col);
    }
    bc_buf_putc(out, ':');
}

static void format_diag(const bc_diag *d, bool colour, bc_buf *out)
{
    if (colour)
        bc_buf_puts(out, "\033[1m");
    format_location(d, out);
    if (colour)
        bc_buf_puts(out, "\033[0m");
    bc_buf_putc(out, ' ');
    if (colour)
        bc_buf_puts(out, level_colour(d->level));
    bc_buf_puts(out, level_name(d->level));
    bc_buf_putc(out, ':');
    if (colour)
        bc_buf_puts(out, "\033[0m");
    bc_buf_putc(out, ' ');
    bc_buf_puts(out, d->message);
}

void bc_diag_format(const bc_diag *diag, bc_buf *out)
{
    format_diag(diag, false, out);
}

/* A diagnostic's place in file order (bc_diags_print). */
typedef struct ranked {
    size_t file; /* the order its file first appears in */
    int line, col;
    size_t added;
} ranked;

static int by_place(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->added < y->added ? -1 : x->added > y->added;
}

/* The order of the file of diagnostic i among the files seen before. */
static size_t file_rank(const bc_diags *diags, size_t i)
{
    const char *file = diags->items[i].file;
    for (size_t j = 0; j < i; j++) {
        const char *other = diags->items[j].file;
        if (other == file || (other && file && !strcmp(other, file)))
            return j;
    }
    return i;
}

/* "and 3 more errors", "and 3 more errors and 2 more warnings". */
static void put_rest(const bc_diags *diags, const ranked *order, size_t from,
                     bc_buf *out)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = from; i < diags->count; i++) {
        bc_level level = diags->items[order[i].added].level;
        errors += level == BC_ERROR;
        warnings += level == BC_WARNING;
    }
    if (warnings == 0)
        bc_buf_printf(out, bc_ngettext("and %zu more error\n",
                                       "and %zu more errors\n", errors),
                      errors);
    else
        bc_buf_printf(out, _("and %zu more errors and %zu more warnings\n"),
                      errors, warnings);
}

void bc_diags_format(const bc_diags *diags, bool colour, bc_buf *out)
{
    if (diags->count == 0)
        return;
    ranked *order = bc_xcalloc(diags->count, sizeof *order);
    for (size_t i = 0; i < diags->count; i++)
        order[i] = (ranked){file_rank(diags, i), diags->items[i].line,
                            diags->items[i].col, i};
    qsort(order, diags->count, sizeof *order, by_place);
    size_t shown = diags->count < BC_DIAG_MAX_SHOWN ? diags->count
                                                     : BC_DIAG_MAX_SHOWN;
    for (size_t i = 0; i < shown; i++) {
        format_diag(&diags->items[order[i].added], colour, out);
        bc_buf_putc(out, '\n');
    }
    if (shown < diags->count)
        put_rest(diags, order, shown, out);
    free(order);
}

void bc_diags_print(const bc_diags *diags, FILE *stream, bool colour)
{
    bc_buf text = BC_BUF_INIT;
    bc_diags_format(diags, colour, &text);
    if (text.len)
        fwrite(text.ptr, 1, text.len, stream);
    bc_buf_fini(&text);
    fflush(stream);
}

bool bc_diag_colour_auto(FILE *stream)
{
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && *no_colour)
        return false;
    return isatty(fileno(stream)) != 0;
}

/* diag.c - diagnostics sink and printing (see diag.h). */
#include "bcreport/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/alloc.h"

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

void bc_diag_vadd(bc_diags *diags, bc_level level, bc_status status,
                  bc_pos pos, const char *fmt, va_list ap)
{
    if (diags->count == diags->cap) {
        diags->cap = diags->cap ? diags->cap * 2 : 8;
        diags->items =
            bc_xreallocarray(diags->items, diags->cap, sizeof(bc_diag));
    }
    bc_buf msg = BC_BUF_INIT;
    bc_buf_vprintf(&msg, fmt, ap);
    bc_diag *d = &diags->items[diags->count++];
    d->level = level;
    d->status = level == BC_ERROR ? status : BC_OK;
    d->file = pos.file ? bc_xstrdup(pos.file) : NULL;
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
        return "note";
    case BC_WARNING:
        return "warning";
    case BC_ERROR:
        return "error";
    }
    return "error";
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

void bc_diags_print(const bc_diags *diags, FILE *stream, bool colour)
{
    bc_buf line = BC_BUF_INIT;
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf_clear(&line);
        format_diag(&diags->items[i], colour, &line);
        bc_buf_putc(&line, '\n');
        fwrite(line.ptr, 1, line.len, stream);
    }
    bc_buf_fini(&line);
    fflush(stream);
}

bool bc_diag_colour_auto(FILE *stream)
{
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && *no_colour)
        return false;
    return isatty(fileno(stream)) != 0;
}

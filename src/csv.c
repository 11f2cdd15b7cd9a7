/* csv.c - the summary's tables as CSV (see csv.h). */
#include "bcreport/csv.h"

#include <inttypes.h>
#include <string.h>

#include "bcreport/writer.h"

#define BOM "\xEF\xBB\xBF"
#define CRLF "\r\n"

/* One field, quoted only when it must be (RFC 4180, 2.6 and 2.7). */
static void put_field(const char *s, size_t len, bc_buf *out)
{
    if (strcspn(s, ",\"\r\n") >= len) {
        bc_buf_append(out, s, len);
        return;
    }
    bc_buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            bc_buf_putc(out, '"');
        bc_buf_putc(out, s[i]);
    }
    bc_buf_putc(out, '"');
}

/* Marked text (escape.h) as plain text, then as a field. */
static void put_text(const char *s, bool rich, bc_buf *out)
{
    bc_buf text = BC_BUF_INIT;
    bc_writer_plain.text(s, strlen(s), rich, &text);
    put_field(text.ptr ? text.ptr : "", text.len, out);
    bc_buf_fini(&text);
}

static void put_cell(const bc_summary_column *col,
                     const bc_summary_cell *cell, bc_buf *out)
{
    if (cell->text)
        put_text(cell->text, col->rich, out);
    else if (cell->set)
        bc_buf_printf(out, "%" PRId64, cell->number);
}

/* The title line, the header, the rows (an STT numbering the items),
 * the note. */
static void put_table(const bc_summary_table *t, bc_buf *out)
{
    put_text(t->title, false, out);
    bc_buf_puts(out, CRLF "STT");
    for (size_t c = 0; c < t->column_count; c++) {
        bc_buf_putc(out, ',');
        put_text(t->columns[c].title, false, out);
    }
    bc_buf_puts(out, CRLF);
    size_t stt = 0;
    for (size_t r = 0; r < t->rows.count; r++) {
        const bc_summary_row *row = &t->rows.items[r];
        if (row->kind == BC_SUMMARY_ITEM)
            bc_buf_printf(out, "%zu", ++stt);
        for (size_t c = 0; c < t->column_count; c++) {
            bc_buf_putc(out, ',');
            put_cell(&t->columns[c], &row->cells[c], out);
        }
        bc_buf_puts(out, CRLF);
    }
    if (t->note) {
        put_text(t->note, false, out);
        bc_buf_puts(out, CRLF);
    }
}

void bc_csv_write(const bc_summary_table *tables, size_t count,
                  bc_buf *out)
{
    bc_buf_puts(out, BOM);
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            bc_buf_puts(out, CRLF); /* the empty line between tables */
        put_table(&tables[i], out);
    }
}

/* xlsx.c - the summary's tables as a workbook (see xlsx.h).  The only
 * module that sees libxlsxwriter. */
#include "bcreport/xlsx.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "bcreport/alloc.h"
#include "bcreport/chars.h"
#include "bcreport/dynlib.h"
#include "bcreport/i18n.h"
#include "bcreport/vnformat.h"
#include "bcreport/writer.h"
#include "bcreport/zip.h"

/*
 * libxlsxwriter is opened when the first workbook is made (dynlib.h): it
 * brings libcrypto, which would otherwise cost every command more at
 * start than building the example to Markdown.
 */
#ifndef BC_LIBXLSXWRITER_SONAME
#define BC_LIBXLSXWRITER_SONAME "libxlsxwriter.so.4"
#endif

static struct {
    void (*format_set_align)(lxw_format *, uint8_t);
    void (*format_set_bold)(lxw_format *);
    void (*format_set_bottom)(lxw_format *, uint8_t);
    void (*format_set_num_format)(lxw_format *, const char *);
    void (*format_set_text_wrap)(lxw_format *);
    char *(*lxw_strerror)(lxw_error);
    lxw_format *(*workbook_add_format)(lxw_workbook *);
    lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
    lxw_error (*workbook_close)(lxw_workbook *);
    lxw_workbook *(*workbook_new_opt)(const char *, lxw_workbook_options *);
    lxw_error (*workbook_set_properties)(lxw_workbook *,
                                         lxw_doc_properties *);
    void (*worksheet_freeze_panes)(lxw_worksheet *, lxw_row_t, lxw_col_t);
    lxw_error (*worksheet_set_column)(lxw_worksheet *, lxw_col_t, lxw_col_t,
                                      double, lxw_format *);
    lxw_error (*worksheet_write_blank)(lxw_worksheet *, lxw_row_t, lxw_col_t,
                                       lxw_format *);
    lxw_error (*worksheet_write_formula_num)(lxw_worksheet *, lxw_row_t,
                                             lxw_col_t, const char *,
                                             lxw_format *, double);
    lxw_error (*worksheet_write_number)(lxw_worksheet *, lxw_row_t,
                                        lxw_col_t, double, lxw_format *);
    lxw_error (*worksheet_write_string)(lxw_worksheet *, lxw_row_t,
                                        lxw_col_t, const char *,
                                        lxw_format *);
} lib;

#define SYMBOL(f) {#f, &lib.f}
static const bc_dynlib_symbol symbols[] = {
    SYMBOL(format_set_align), SYMBOL(format_set_bold),
    SYMBOL(format_set_bottom), SYMBOL(format_set_num_format),
    SYMBOL(format_set_text_wrap), SYMBOL(lxw_strerror),
    SYMBOL(workbook_add_format), SYMBOL(workbook_add_worksheet),
    SYMBOL(workbook_close), SYMBOL(workbook_new_opt),
    SYMBOL(workbook_set_properties), SYMBOL(worksheet_freeze_panes),
    SYMBOL(worksheet_set_column), SYMBOL(worksheet_write_blank),
    SYMBOL(worksheet_write_formula_num), SYMBOL(worksheet_write_number),
    SYMBOL(worksheet_write_string),
};
#undef SYMBOL

static bc_dynlib libxlsxwriter = {BC_LIBXLSXWRITER_SONAME, NULL};

/* Opens libxlsxwriter once; false after a diagnostic (status 69). */
static bool load_libxlsxwriter(bc_diags *diags)
{
    const char *why =
        bc_dynlib_open(&libxlsxwriter, symbols, BC_COUNT(symbols));
    if (!why)
        return true;
    bc_pos nowhere = {NULL, 0, 0};
    bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, nowhere,
                _("cannot load %s to make the workbook (%s); install the "
                  "Debian package libxlsxwriter4"),
                BC_LIBXLSXWRITER_SONAME, why);
    return false;
}

/* The code below calls libxlsxwriter by its own names, through the
 * table. */
#define format_set_align lib.format_set_align
#define format_set_bold lib.format_set_bold
#define format_set_bottom lib.format_set_bottom
#define format_set_num_format lib.format_set_num_format
#define format_set_text_wrap lib.format_set_text_wrap
#define lxw_strerror lib.lxw_strerror
#define workbook_add_format lib.workbook_add_format
#define workbook_add_worksheet lib.workbook_add_worksheet
#define workbook_close lib.workbook_close
#define workbook_new_opt lib.workbook_new_opt
#define workbook_set_properties lib.workbook_set_properties
#define worksheet_freeze_panes lib.worksheet_freeze_panes
#define worksheet_set_column lib.worksheet_set_column
#define worksheet_write_blank lib.worksheet_write_blank
#define worksheet_write_formula_num lib.worksheet_write_formula_num
#define worksheet_write_number lib.worksheet_write_number
#define worksheet_write_string lib.worksheet_write_string

/* Column widths, in characters of the default font. */
#define STT_WIDTH 5
#define MIN_WIDTH 8
#define MAX_WIDTH 50

/* The most a cell holds (Excel's limit, which libxlsxwriter enforces). */
#define CELL_MAX 32767

typedef struct book {
    lxw_workbook *wb;
    lxw_format *header, *stt, *plain_text, *date, *number, *bold_text,
        *bold_number, *note;
    bc_buf text;     /* scratch: a cell's plain text */
    bool cut;        /* a text was cut to CELL_MAX */
    lxw_error error; /* the first error, LXW_NO_ERROR while none */
} book;

/* Keeps the first error; true while there is none, so that the calls
 * chain: ok(b, f(...)) && ok(b, g(...)). */
static bool ok(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->error == LXW_NO_ERROR)
        b->error = e;
    return b->error == LXW_NO_ERROR;
}

/* ---- formats ---- */

static lxw_format *new_format(book *b, bool bold, const char *number,
                              uint8_t align, bool wrap)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f) {
        ok(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    if (bold)
        format_set_bold(f);
    if (number)
        format_set_num_format(f, number);
    if (align != LXW_ALIGN_NONE)
        format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (wrap)
        format_set_text_wrap(f);
    return f;
}

static bool make_formats(book *b)
{
    /* Amounts and counts with their thousands separated; the reader's
     * locale chooses the separator (a dot in Vietnamese). */
    static const char *const grouped = "#,##0";
    b->header = new_format(b, true, NULL, LXW_ALIGN_CENTER, true);
    if (b->header) {
        format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
        format_set_bottom(b->header, LXW_BORDER_THIN);
    }
    b->stt = new_format(b, false, "0", LXW_ALIGN_CENTER, false);
    b->plain_text = new_format(b, false, NULL, LXW_ALIGN_NONE, true);
    b->date = new_format(b, false, NULL, LXW_ALIGN_CENTER, true);
    b->number = new_format(b, false, grouped, LXW_ALIGN_NONE, false);
    b->bold_text = new_format(b, true, NULL, LXW_ALIGN_NONE, true);
    b->bold_number = new_format(b, true, grouped, LXW_ALIGN_NONE, false);
    b->note = new_format(b, false, NULL, LXW_ALIGN_NONE, false);
    return b->error == LXW_NO_ERROR;
}

/* ---- cells ---- */

/* The plain text of marked text (escape.h) into b->text, cut at a
 * character's start to fit a cell. */
static const char *plain(book *b, const char *marked, bool rich)
{
    bc_buf_clear(&b->text);
    bc_writer_plain.text(marked, strlen(marked), rich, &b->text);
    if (b->text.len > CELL_MAX) {
        size_t n = CELL_MAX;
        while (n > 0 && ((unsigned char)b->text.ptr[n] & 0xC0) == 0x80)
            n--;
        b->text.len = n;
        b->text.ptr[n] = '\0';
        b->cut = true;
    }
    return b->text.len ? b->text.ptr : "";
}

static bool put_text(book *b, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const char *marked, bool rich,
                     lxw_format *format)
{
    const char *s = plain(b, marked, rich);
    if (!*s)
        return ok(b, worksheet_write_blank(ws, row, col, format));
    return ok(b, worksheet_write_string(ws, row, col, s, format));
}

/* "F7": the cell of a column (fewer than 26) and a row, from 0. */
static void cell_name(lxw_col_t col, lxw_row_t row, bc_buf *out)
{
    bc_buf_printf(out, "%c%lu", (char)('A' + col), (unsigned long)row + 1);
}

/* A sum as a formula over the rows first to last of the sheet, with its
 * value for readers that do not calculate. */
static bool put_sum(book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_row_t first, lxw_row_t last, int64_t value)
{
    bc_buf formula = BC_BUF_INIT;
    bc_buf_puts(&formula, "=SUBTOTAL(9,");
    cell_name(col, first, &formula);
    bc_buf_putc(&formula, ':');
    cell_name(col, last, &formula);
    bc_buf_putc(&formula, ')');
    bool done = ok(b, worksheet_write_formula_num(ws, row, col, formula.ptr,
                                                  b->bold_number,
                                                  (double)value));
    bc_buf_fini(&formula);
    return done;
}

/* Row r of the table is row r + 1 of the sheet (the header is row 0);
 * its column c is the sheet's column c + 1 (STT is column 0). */
static bool put_row(book *b, lxw_worksheet *ws, const bc_summary_table *t,
                    size_t r, int64_t *stt)
{
    const bc_summary_row *row = &t->rows.items[r];
    lxw_row_t at = (lxw_row_t)r + 1;
    bool item = row->kind == BC_SUMMARY_ITEM;
    bool done = item ? ok(b, worksheet_write_number(ws, at, 0,
                                                    (double)++*stt, b->stt))
                     : ok(b, worksheet_write_blank(ws, at, 0, b->stt));
    for (size_t c = 0; done && c < t->column_count; c++) {
        const bc_summary_column *col = &t->columns[c];
        const bc_summary_cell *cell = &row->cells[c];
        lxw_col_t x = (lxw_col_t)(c + 1);
        if (!item && col->summed)
            done = put_sum(b, ws, at, x, (lxw_row_t)row->first + 1, at - 1,
                           cell->number);
        else if (cell->text)
            done = put_text(b, ws, at, x, cell->text, col->rich,
                            !item                         ? b->bold_text
                            : col->type == BC_COLUMN_DATE ? b->date
                                                          : b->plain_text);
        else if (cell->set)
            done = ok(b, worksheet_write_number(ws, at, x,
                                                (double)cell->number,
                                                b->number));
        else
            done = ok(b, worksheet_write_blank(ws, at, x, b->number));
    }
    return done;
}

/* ---- widths ---- */

/* The characters of the longest line of s. */
static size_t longest_line(const char *s, size_t len)
{
    size_t best = 0, chars = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            chars = 0;
            continue;
        }
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > best)
            best = chars;
    }
    return best;
}

/* A column as wide as its longest text, within the bounds: a header
 * wraps, so its longest word counts rather than all of it. */
static size_t column_width(book *b, const bc_summary_table *t, size_t c)
{
    const bc_summary_column *col = &t->columns[c];
    size_t widest = 0;
    for (const char *w = col->title; *w;) {
        size_t n = strcspn(w, " ");
        size_t chars = longest_line(w, n);
        if (chars > widest)
            widest = chars;
        w += n + (w[n] == ' ');
    }
    for (size_t r = 0; r < t->rows.count; r++) {
        const bc_summary_cell *cell = &t->rows.items[r].cells[c];
        size_t chars;
        if (cell->text) {
            const char *s = plain(b, cell->text, col->rich);
            chars = longest_line(s, strlen(s));
        } else {
            bc_buf_clear(&b->text);
            bc_vn_group_thousands(&b->text, cell->number);
            chars = b->text.len + 1;
        }
        if (chars > widest)
            widest = chars;
    }
    widest += 2; /* the cell's margins */
    return widest < MIN_WIDTH ? MIN_WIDTH
           : widest > MAX_WIDTH ? MAX_WIDTH
                                : widest;
}

/* ---- sheets ---- */

static bool put_header(book *b, lxw_worksheet *ws, const bc_summary_table *t)
{
    bool done = ok(b, worksheet_write_string(ws, 0, 0, "STT", b->header)) &&
                ok(b, worksheet_set_column(ws, 0, 0, STT_WIDTH, NULL));
    for (size_t c = 0; done && c < t->column_count; c++) {
        lxw_col_t x = (lxw_col_t)(c + 1);
        done = put_text(b, ws, 0, x, t->columns[c].title, false,
                        b->header) &&
               ok(b, worksheet_set_column(ws, x, x,
                                          (double)column_width(b, t, c),
                                          NULL));
    }
    worksheet_freeze_panes(ws, 1, 0); /* the header stays in sight */
    return done;
}

static bool put_sheet(book *b, const bc_summary_table *t)
{
    if (t->column_count + 1 > 26) /* cell_name's single letters */
        return ok(b, LXW_ERROR_PARAMETER_VALIDATION);
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, t->sheet);
    if (!ws)
        return ok(b, LXW_ERROR_PARAMETER_VALIDATION);
    int64_t stt = 0;
    bool done = put_header(b, ws, t);
    for (size_t r = 0; done && r < t->rows.count; r++)
        done = put_row(b, ws, t, r, &stt);
    if (done && t->note) /* below the table, an empty row between */
        done = put_text(b, ws, (lxw_row_t)t->rows.count + 2, 0, t->note,
                        false, b->note);
    return done;
}

/* The date as the workbook's clock: days since 1970 (Howard Hinnant's
 * days_from_civil), at midnight UTC. */
static time_t made_on(const bc_xlsx_info *info)
{
    int y = info->year - (info->month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (info->month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + info->day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = (long)era * 146097 + doe - 719468;
    return (time_t)days * 86400;
}

static bool fill_book(book *b, const bc_summary_table *tables, size_t count,
                      const bc_xlsx_info *info)
{
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)info->title;   /* libxlsxwriter copies them */
    props.author = (char *)info->author; /* and does not change them */
    props.created = made_on(info);
    bool done = ok(b, workbook_set_properties(b->wb, &props)) &&
                make_formats(b);
    for (size_t i = 0; done && i < count; i++)
        done = put_sheet(b, &tables[i]);
    return done;
}

/* ---- the file libxlsxwriter writes ---- */

/* A temporary file in near's folder (or $TMPDIR, /tmp), its path in
 * path; -1 after an error. */
static int temp_file(const char *near, bc_buf *path, bc_diags *diags)
{
    if (near && strcmp(near, "-") != 0) {
        const char *slash = strrchr(near, '/');
        if (slash)
            bc_buf_append(path, near, (size_t)(slash - near) + 1);
    } else {
        const char *dir = getenv("TMPDIR");
        bc_buf_puts(path, dir && *dir ? dir : "/tmp");
        bc_buf_putc(path, '/');
    }
    bc_buf_puts(path, ".bcreport-xlsx.XXXXXX");
    int fd = mkstemp(path->ptr);
    if (fd < 0) {
        if (errno == ENOMEM)
            bc_out_of_memory();
        bc_pos pos = {near, 0, 0};
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create the workbook's temporary file %s: %s"),
                    path->ptr, strerror(errno));
    }
    return fd;
}

/* Appends what fd holds, from its start; false with errno set. */
static bool read_back(int fd, bc_buf *out)
{
    if (lseek(fd, 0, SEEK_SET) < 0)
        return false;
    for (;;) {
        bc_buf_reserve(out, 65536);
        ssize_t n = read(fd, out->ptr + out->len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        out->len += (size_t)n;
        out->ptr[out->len] = '\0';
    }
}

/* ---- the workbook checked before it is used ----
 *
 * libxlsxwriter writes each part of the workbook to a temporary file of
 * its own ($TMPDIR), then zips it, and does not check those writes: on a
 * full disk a part comes out cut short or empty and the library still
 * reports success.  So the workbook is read back as a ZIP archive (each
 * entry's size and CRC-32, zip.h) and each of its XML parts must be
 * whole: a part cut short never closes its root element.  (A single
 * write lost in the middle of a long text, the disk then working again,
 * could still pass; a full disk, whose writes all fail from one on,
 * cannot.) */

/* The end of the markup that starts at s[i] ("<?", "<!--", "<!"), just
 * past it, or 0 when it does not end. */
static size_t markup_end(const char *s, size_t n, size_t i)
{
    const char *end = s[i + 1] == '?'                               ? "?>"
                      : n - i >= 4 && !memcmp(s + i, "<!--", 4) ? "-->"
                                                                : ">";
    size_t k = strlen(end);
    for (size_t j = i + 2; j + k <= n; j++)
        if (!memcmp(s + j, end, k))
            return j + k;
    return 0;
}

/* Whether the XML text s of n bytes is whole: one root element whose
 * tags all close in order, nothing but blanks, declarations and comments
 * around it.  Not a parser: names and nesting only, quoted attribute
 * values passed over; libxlsxwriter's parts nest a few levels deep. */
static bool xml_whole(const char *s, size_t n)
{
    enum { DEEPEST = 32 };
    struct {
        const char *name;
        size_t len;
    } open[DEEPEST];
    int depth = 0;
    bool rooted = false;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            if (depth == 0 && !bc_is_space(s[i]))
                return false; /* text outside the root */
            i++;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
            if (!(i = markup_end(s, n, i)))
                return false;
            continue;
        }
        bool closing = i + 1 < n && s[i + 1] == '/';
        size_t name = i + 1 + closing, j = name;
        while (j < n && !bc_is_space(s[j]) && s[j] != '/' && s[j] != '>')
            j++;
        size_t name_len = j - name;
        char quote = 0;
        for (; j < n && (quote || s[j] != '>'); j++)
            if (quote ? s[j] == quote : s[j] == '"' || s[j] == '\'')
                quote = quote ? 0 : s[j];
        if (j == n || name_len == 0)
            return false; /* cut inside a tag */
        if (closing) {
            if (depth == 0 || open[depth - 1].len != name_len ||
                memcmp(open[depth - 1].name, s + name, name_len))
                return false;
            depth--;
        } else if (depth == 0 && rooted) {
            return false; /* a second root: a piece is missing */
        } else if (s[j - 1] != '/') {
            if (depth == DEEPEST)
                return false;
            open[depth].name = s + name;
            open[depth].len = name_len;
            depth++;
        }
        rooted = true;
        i = j + 1;
    }
    return rooted && depth == 0;
}

static bool ends_with(const char *s, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && !memcmp(s + n - k, end, k);
}

/* bc_zip_read's check of each part: its XML whole. */
static bool part_whole(void *ctx, const char *name, size_t name_len,
                       const char *data, size_t len)
{
    (void)ctx;
    if (!ends_with(name, name_len, ".xml") &&
        !ends_with(name, name_len, ".rels"))
        return true;
    return xml_whole(data, len);
}

const char *bc_xlsx_damage(const void *workbook, size_t len)
{
    return bc_zip_read(workbook, len, part_whole, NULL);
}

/* libxlsxwriter's error, in the user's terms where they can act. */
static void book_error(lxw_error e, const char *near, bc_diags *diags)
{
    bc_pos pos = {near && strcmp(near, "-") != 0 ? near : NULL, 0, 0};
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        bc_out_of_memory();
    bool io = e == LXW_ERROR_CREATING_XLSX_FILE ||
              e == LXW_ERROR_CREATING_TMPFILE ||
              e == LXW_ERROR_READING_TMPFILE ||
              (e >= LXW_ERROR_ZIP_FILE_OPERATION && e <= LXW_ERROR_ZIP_CLOSE);
    bc_diag_add(diags, BC_ERROR, io ? BC_EX_IOERR : BC_EX_SOFTWARE, pos,
                _("cannot write the workbook: %s"), lxw_strerror(e));
}

static bool write_book(const bc_summary_table *tables, size_t count,
                       const bc_xlsx_info *info, const char *near,
                       bc_buf *out, bc_diags *diags);

/* SIGINT, SIGTERM and SIGHUP wait while the workbook is made (well under
 * a second): libxlsxwriter's temporary files ("tmp.XXXXXXXXXX" in
 * $TMPDIR, each named until it is open) and ours are all gone when one
 * is delivered, and it ends the program as usual. */
bool bc_xlsx_write(const bc_summary_table *tables, size_t count,
                   const bc_xlsx_info *info, const char *near, bc_buf *out,
                   bc_diags *diags)
{
    if (!load_libxlsxwriter(diags))
        return false;
    sigset_t fatal, old;
    sigemptyset(&fatal);
    sigaddset(&fatal, SIGINT);
    sigaddset(&fatal, SIGTERM);
    sigaddset(&fatal, SIGHUP);
    sigprocmask(SIG_BLOCK, &fatal, &old);
    bool done = write_book(tables, count, info, near, out, diags);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return done;
}

static bool write_book(const bc_summary_table *tables, size_t count,
                       const bc_xlsx_info *info, const char *near,
                       bc_buf *out, bc_diags *diags)
{
    bc_buf path = BC_BUF_INIT;
    int fd = temp_file(near, &path, diags);
    if (fd < 0) {
        bc_buf_fini(&path);
        return false;
    }
    /* Through /proc the library reaches the file without its name, which
     * can go at once: then nothing is left behind whatever happens. */
    char by_fd[64];
    snprintf(by_fd, sizeof by_fd, "/proc/self/fd/%d", fd);
    bool nameless = access(by_fd, W_OK) == 0 && unlink(path.ptr) == 0;
    book b;
    memset(&b, 0, sizeof b);
    lxw_workbook_options options = {0};
    b.wb = workbook_new_opt(nameless ? by_fd : path.ptr, &options);
    if (!b.wb)
        bc_out_of_memory();
    fill_book(&b, tables, count, info);
    ok(&b, workbook_close(b.wb)); /* frees it, even after an error */
    bool done = b.error == LXW_NO_ERROR;
    if (!done)
        book_error(b.error, near, diags);
    size_t start = out->len;
    if (done && !read_back(fd, out)) {
        bc_pos pos = {path.ptr, 0, 0};
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos,
                    _("cannot read the workbook back: %s"), strerror(errno));
        done = false;
    }
    const char *damage =
        done ? bc_xlsx_damage(out->ptr + start, out->len - start) : NULL;
    if (damage) {
        const char *dir = getenv("TMPDIR");
        bc_pos pos = {near && strcmp(near, "-") != 0 ? near : NULL, 0, 0};
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos,
                    _("the workbook came out damaged (%s): a temporary file "
                      "in %s was not written in full; is that disk full?"),
                    _(damage), dir && *dir ? dir : "/tmp");
        done = false;
    }
    if (done && b.cut)
        bc_diag_add(diags, BC_WARNING, BC_OK, (bc_pos){NULL, 0, 0},
                    _("a text longer than a spreadsheet's cell holds (%d "
                      "characters) was cut to fit"),
                    CELL_MAX);
    close(fd);
    if (!nameless)
        unlink(path.ptr);
    bc_buf_fini(&b.text);
    bc_buf_fini(&path);
    return done;
}

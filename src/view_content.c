/* view_content.c - the view of narrative, tables and activities (see
 * view.h and view_internal.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/i18n.h"
#include "bcreport/utf8.h"
#include "bcreport/vnformat.h"
#include "view_internal.h"

static bc_value *null_value(builder *b)
{
    return view_null(b);
}

/* ---- narrative ---- */

static bc_value *rich_list(builder *b, const bc_texts *ts)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < ts->count; i++)
        bc_value_seq_push(b->arena, seq,
                          view_text(b, &ts->items[i], true, NULL));
    return seq;
}

static bc_value *bullets_value(builder *b, const bc_block *block)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < block->bullets.count; i++) {
        const bc_bullet *bullet = &block->bullets.items[i];
        bc_value *item = bc_value_new_map_of(b->arena, 2);
        view_set(b, item, "text", view_text(b, &bullet->text, true, NULL));
        view_set(b, item, "subs", rich_list(b, &bullet->subs));
        bc_value_seq_push(b->arena, seq, item);
    }
    return seq;
}

static bc_value *table_value(builder *b, const bc_table *t);

bc_value *view_block(builder *b, const char *kind, bc_value *value)
{
    bc_value *v = bc_value_new_map(b->arena);
    /* Every key, null when not this kind: a strict template asks. */
    static const char *const kinds[] = {"paragraph", "bullets", "note",
                                        "table"};
    for (size_t k = 0; k < BC_COUNT(kinds); k++)
        view_set(b, v, kinds[k], null_value(b));
    if (kind)
        view_set(b, v, kind, value);
    return v;
}

bc_value *view_blocks(builder *b, const bc_blocks *blocks)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < blocks->count; i++) {
        const bc_block *block = &blocks->items[i];
        bc_value *v = view_block(b, NULL, NULL);
        switch (block->kind) {
        case BC_BLOCK_PARAGRAPH:
            view_set(b, v, "paragraph",
                     view_text(b, &block->text, true, NULL));
            break;
        case BC_BLOCK_BULLETS:
            view_set(b, v, "bullets", bullets_value(b, block));
            break;
        case BC_BLOCK_NOTE: {
            bc_value *note = bc_value_new_map_of(b->arena, 2);
            view_set(b, note, "label",
                     view_text(b, &block->label, false, NULL));
            view_set(b, note, "text", view_text(b, &block->text, true, NULL));
            view_set(b, v, "note", note);
            break;
        }
        case BC_BLOCK_TABLE:
            view_set(b, v, "table", table_value(b, block->table));
            break;
        }
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* ---- cells: Vietnamese numbers and dates ---- */

/* "45,5%": a comma for decimals, at most two of them. */
static void put_percent(bc_buf *out, double p)
{
    char num[64];
    snprintf(num, sizeof num, "%.2f", p);
    size_t n = strlen(num);
    while (n > 0 && num[n - 1] == '0')
        n--;
    if (n > 0 && num[n - 1] == '.')
        n--;
    for (size_t i = 0; i < n; i++)
        bc_buf_putc(out, num[i] == '.' ? ',' : num[i]);
    bc_buf_putc(out, '%');
}

bc_value *view_cell(builder *b, bc_value *text, const char *align)
{
    bc_value *cell = bc_value_new_map_of(b->arena, 3);
    view_set(b, cell, "text", text);
    view_set(b, cell, "align", view_word(b, align));
    /* The Markdown column rule for the header cell. */
    view_set(b, cell, "rule",
             view_word(b, !strcmp(align, "right")    ? "---:"
                          : !strcmp(align, "center") ? ":---:"
                                                     : "---"));
    return cell;
}

static bc_value *made_cell(builder *b, const char *s, const char *align)
{
    return view_cell(b, view_made(b, s, strlen(s), false), align);
}

const char *view_column_align(bc_column_type type)
{
    return type == BC_COLUMN_TEXT ? "left"
           : type == BC_COLUMN_DATE ? "center"
                                    : "right";
}

void view_grid_start(builder *b, view_grid *g, bool number)
{
    g->header = bc_value_new_seq(b->arena);
    g->rows = bc_value_new_seq(b->arena);
    g->total = null_value(b);
    g->number = number;
    g->numbered = 0;
    g->figures = 0;
    if (number)
        bc_value_seq_push(b->arena, g->header, made_cell(b, "STT", "center"));
}

void view_grid_column(builder *b, view_grid *g, bc_value *title,
                      bc_column_type type)
{
    const char *align = view_column_align(type);
    g->figures += !strcmp(align, "right");
    bc_value_seq_push(b->arena, g->header, view_cell(b, title, align));
}

/* A row {cells} with room for n cells, its STT first when number: its
 * cells, for the caller to add to; *row the row. */
static bc_value *row_of(builder *b, bool number, size_t n, const char *stt,
                        bc_value **row)
{
    /* A cell a column: a table of 12 500 rows wastes nothing. */
    bc_value *cells = bc_value_new_seq_of(b->arena, n);
    if (number)
        bc_value_seq_push(b->arena, cells, made_cell(b, stt, "center"));
    *row = bc_value_new_map_of(b->arena, 1);
    view_set(b, *row, "cells", cells);
    return cells;
}

static bc_value *new_row(builder *b, view_grid *g, const char *stt)
{
    bc_value *row;
    bc_value *cells =
        row_of(b, g->number, g->header->as.seq.count, stt, &row);
    bc_value_seq_push(b->arena, g->rows, row);
    return cells;
}

/* A new row (with its STT); the caller adds the cells. */
bc_value *view_grid_row(builder *b, view_grid *g)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", ++g->numbered);
    return new_row(b, g, num);
}

bc_value *view_grid_unnumbered_row(builder *b, view_grid *g)
{
    return new_row(b, g, "");
}

void view_number_cell(builder *b, bc_value *cells, bool set, int64_t n)
{
    bc_buf out = BC_BUF_INIT;
    if (set)
        bc_vn_group_thousands(&out, n);
    bc_value_seq_push(b->arena, cells, made_cell(b, out.ptr, "right"));
    bc_buf_fini(&out);
}

void view_put_dates(bc_buf *out, const bc_date_field *from,
                    const bc_date_field *to)
{
    if (from->set)
        bc_vn_date_short(out, from->value);
    if (from->set && to && to->set) {
        bc_buf_puts(out, " – ");
        bc_vn_date_short(out, to->value);
    }
}

void view_date_cell(builder *b, bc_value *cells, const bc_date_field *from,
                    const bc_date_field *to)
{
    bc_buf out = BC_BUF_INIT;
    view_put_dates(&out, from, to);
    bc_value_seq_push(b->arena, cells, made_cell(b, out.ptr, "center"));
    bc_buf_fini(&out);
}

static void put_text_cell(builder *b, bc_value *cells, const bc_text *t)
{
    bc_value_seq_push(b->arena, cells,
                      view_cell(b, t->s ? view_text(b, t, false, NULL)
                                         : view_made(b, "", 0, false),
                                 "left"));
}

/* The "Tổng cộng" row: sums where sums[c] >= 0 (one a column), the label
 * in the first column that is not summed. */
void view_grid_total(builder *b, view_grid *g, const int64_t *sums, size_t n)
{
    bc_value *cells = bc_value_new_seq(b->arena);
    bool labelled = false;
    for (size_t c = 0; c < n + g->number; c++) {
        bool stt = g->number && c == 0;
        int64_t sum = stt ? -1 : sums[c - g->number];
        if (sum >= 0) {
            view_number_cell(b, cells, true, sum);
        } else if (!labelled && !(stt && n > 0 && sums[0] < 0)) {
            bc_value_seq_push(b->arena, cells,
                              made_cell(b, "Tổng cộng", stt ? "center"
                                                            : "left"));
            labelled = true;
        } else {
            bc_value_seq_push(b->arena, cells,
                              made_cell(b, "", stt ? "center" : "left"));
        }
    }
    g->total = bc_value_new_map_of(b->arena, 1);
    view_set(b, g->total, "cells", cells);
}

bc_value *view_grid_value(builder *b, const view_grid *g,
                          const bc_text *title)
{
    bc_value *v = bc_value_new_map(b->arena);
    view_set(b, v, "title", title && title->s
                                ? view_text(b, title, false, NULL)
                                : null_value(b));
    view_set(b, v, "header", g->header);
    view_set(b, v, "rows", g->rows);
    view_set(b, v, "total", g->total);
    view_set(b, v, "roomy",
             bc_value_new_bool(b->arena, g->figures <= VIEW_ROOMY_FIGURES));
    return v;
}

/* ---- tables typed in the data ---- */

static void put_cell(builder *b, bc_value *cells, const bc_column *column,
                     const bc_cell *cell)
{
    bc_buf out = BC_BUF_INIT;
    switch (column->type) {
    case BC_COLUMN_TEXT:
        put_text_cell(b, cells, &cell->text);
        return;
    case BC_COLUMN_INTEGER:
    case BC_COLUMN_AMOUNT:
        view_number_cell(b, cells, cell->set, cell->integer);
        return;
    case BC_COLUMN_DATE:
        if (cell->set)
            bc_vn_date_short(&out, cell->date);
        break;
    case BC_COLUMN_PERCENT:
        if (cell->set)
            put_percent(&out, cell->percent);
        break;
    }
    bc_value_seq_push(b->arena, cells,
                      made_cell(b, out.ptr, view_column_align(column->type)));
    bc_buf_fini(&out);
}

/* Row i of a typed table: its STT (when numbered) and cells. */
static bc_value *typed_row(builder *b, const view_lazy *l, size_t i)
{
    const bc_table *t = l->table;
    char stt[32];
    snprintf(stt, sizeof stt, "%zu", i + 1);
    bc_value *row;
    bc_value *cells = row_of(b, !t->no_number,
                             t->columns.count + !t->no_number, stt, &row);
    for (size_t c = 0; c < t->columns.count; c++)
        put_cell(b, cells, &t->columns.items[c], &t->rows.items[i].items[c]);
    return row;
}

/* A typed row's cells print their texts and nothing else. */
static bool row_cites(const bc_table *t, size_t i)
{
    for (size_t c = 0; c < t->columns.count; c++)
        if (view_cites(&t->rows.items[i].items[c].text))
            return true;
    return false;
}

/* The rows of a typed table, lazy where they cite nothing. */
static bc_value *typed_rows(builder *b, const bc_table *t)
{
    view_lazy l = {.make = typed_row, .table = t};
    bc_value *rows = view_lazy_list(b, t->rows.count, &l);
    for (size_t i = 0; i < t->rows.count; i++)
        if (!rows->lazy || row_cites(t, i))
            rows->as.seq.items[i] = typed_row(b, &l, i);
    return rows;
}

static bc_value *typed_table(builder *b, const bc_table *t)
{
    view_grid g;
    view_grid_start(b, &g, !t->no_number);
    for (size_t c = 0; c < t->columns.count; c++)
        view_grid_column(b, &g, view_text(b, &t->columns.items[c].title, false,
                                     NULL),
                    t->columns.items[c].type);
    int64_t *sums = bc_arena_calloc(b->arena, t->columns.count + 1,
                                    sizeof *sums);
    for (size_t c = 0; c < t->columns.count; c++) {
        bc_column_type type = t->columns.items[c].type;
        sums[c] = type == BC_COLUMN_INTEGER || type == BC_COLUMN_AMOUNT ? 0
                                                                        : -1;
    }
    for (size_t i = 0; i < t->rows.count; i++)
        for (size_t c = 0; c < t->columns.count; c++)
            if (sums[c] >= 0) /* bounded when read (blocks.c) */
                sums[c] += t->rows.items[i].items[c].integer;
    g.rows = typed_rows(b, t);
    if (t->total)
        view_grid_total(b, &g, sums, t->columns.count);
    return view_grid_value(b, &g, &t->title);
}

/* ---- tables made from the activities ---- */

typedef struct activity_grid {
    builder *b;
    const bc_table *table;
    view_grid g;
    const char *from;
    const char *const *titles; /* of the columns, STT not counted */
    int64_t sums[6];
    bool failed; /* an error was given: the table is not finished */
} activity_grid;

static const char *const copied_text =
    N_("a table made from the activities prints this text again");

/* A text of an activity printed again in the table: it counts against
 * the citations' budget (cite.h), or a long text and many tables made
 * from the same activities would multiply. */
static void put_copied_cell(activity_grid *a, bc_value *cells,
                            const bc_text *t)
{
    if (!a->failed &&
        !bc_cite_charge(a->b->citer, t,
                        copied_text,
                        t->len, a->b->diags))
        a->failed = true;
    static const bc_text none;
    if (a->failed || !t->s || t->s[0] == '[') { /* failed: no copy */
        put_text_cell(a->b, cells, a->failed ? &none : t);
        return;
    }
    /* A cell starts with a capital, where the sentence needed a small
     * letter: "thôn C", "đã hoàn thành" become "Thôn C", "Đã hoàn
     * thành". */
    bc_buf upper = BC_BUF_INIT;
    bc_utf8_upper_first(t->s, t->len, &upper);
    bc_text cell = *t;
    cell.s = bc_arena_strndup(a->b->arena, upper.ptr, upper.len);
    cell.len = upper.len;
    bc_buf_fini(&upper);
    put_text_cell(a->b, cells, &cell);
}

/* Adds n (from 0 to 10^15, as read) to column c's total, which may not
 * pass 10^15, as a typed table's may not (blocks.c). */
static void add_to_total(activity_grid *a, size_t c, int64_t n)
{
    if (a->failed)
        return;
    if (n > BC_TABLE_MAX_TOTAL - a->sums[c]) {
        bc_pos pos = {a->b->report->file, a->table->line, a->table->col};
        bc_diag_error(a->b->diags, pos,
                      _("the total of column \"%s\" passes 10^15, more than "
                      "a total can hold"),
                      a->titles[c]);
        a->failed = true;
        return;
    }
    a->sums[c] += n;
}

static void head(builder *b, activity_grid *a, const char *const *titles,
                 const bc_column_type *types, size_t n)
{
    a->titles = titles;
    for (size_t c = 0; c < n; c++) {
        view_grid_column(b, &a->g, view_made(b, titles[c], strlen(titles[c]),
                                        false),
                    types[c]);
        a->sums[c] = types[c] == BC_COLUMN_AMOUNT ||
                             types[c] == BC_COLUMN_INTEGER
                         ? 0
                         : -1;
    }
}

static void aid_rows(builder *b, const bc_entry *e, activity_grid *a)
{
    for (size_t i = 0; i < e->aid_projects.count; i++) {
        const bc_aid_project *p = &e->aid_projects.items[i];
        bc_value *cells = view_grid_row(b, &a->g);
        put_copied_cell(a, cells, &p->project);
        put_copied_cell(a, cells, &p->donor);
        put_copied_cell(a, cells, &p->place);
        view_number_cell(b, cells, true, p->amount.value);
        view_number_cell(b, cells, p->disbursed.set, p->disbursed.value);
        put_copied_cell(a, cells, &p->status);
        add_to_total(a, 3, p->amount.value);
        add_to_total(a, 4, p->disbursed.set ? p->disbursed.value : 0);
    }
}

static void delegation_rows(builder *b, const bc_entry *e, activity_grid *a)
{
    for (size_t i = 0; i < e->delegations.count; i++) {
        const bc_delegation *d = &e->delegations.items[i];
        bc_value *cells = view_grid_row(b, &a->g);
        put_copied_cell(a, cells, &d->who);
        bc_buf countries = BC_BUF_INIT;
        for (size_t k = 0; k < d->countries.count && !a->failed; k++) {
            const bc_text *country = &d->countries.items[k];
            if (!bc_cite_charge(b->citer, country,
                                copied_text,
                                country->len, b->diags))
                a->failed = true;
            else
                bc_buf_printf(&countries, "%s%s", k ? ", " : "",
                              country->s);
        }
        bc_value_seq_push(b->arena, cells,
                          made_cell(b, countries.ptr, "left"));
        bc_buf_fini(&countries);
        view_date_cell(b, cells, &d->from, &d->to);
        view_number_cell(b, cells, d->members.set, d->members.value);
        put_copied_cell(a, cells, &d->purpose);
        add_to_total(a, 3, d->members.value);
    }
}

static void visit_rows(builder *b, const bc_entry *e, activity_grid *a)
{
    for (size_t i = 0; i < e->visits.count; i++) {
        const bc_visit *v = &e->visits.items[i];
        bc_value *cells = view_grid_row(b, &a->g);
        put_copied_cell(a, cells, &v->guests);
        put_copied_cell(a, cells, &v->country);
        view_date_cell(b, cells, &v->from, &v->to);
        view_number_cell(b, cells, v->members.set, v->members.value);
        put_copied_cell(a, cells, &v->purpose);
        add_to_total(a, 3, v->members.value);
    }
}

static void event_rows(builder *b, const bc_entry *e, activity_grid *a)
{
    for (size_t i = 0; i < e->events.count; i++) {
        const bc_event *ev = &e->events.items[i];
        bc_value *cells = view_grid_row(b, &a->g);
        put_copied_cell(a, cells, &ev->title);
        view_date_cell(b, cells, &ev->date, &(bc_date_field){0});
        put_copied_cell(a, cells, &ev->place);
        view_number_cell(b, cells, ev->participants.set,
                        ev->participants.value);
        put_copied_cell(a, cells, &ev->foreign);
        add_to_total(a, 3, ev->participants.value);
    }
}

static void activity_rows(const bc_entry *e, void *ctx)
{
    activity_grid *a = ctx;
    builder *b = a->b;
    if (a->failed)
        return;
    if (!strcmp(a->from, "aid_projects"))
        aid_rows(b, e, a);
    else if (!strcmp(a->from, "delegations"))
        delegation_rows(b, e, a);
    else if (!strcmp(a->from, "visits"))
        visit_rows(b, e, a);
    else
        event_rows(b, e, a);
}

static bc_value *activity_table(builder *b, const bc_table *t)
{
    static const char *const aid[] = {"Dự án", "Nhà tài trợ", "Địa điểm",
                                      "Kinh phí (đồng)",
                                      "Đã giải ngân (đồng)", "Tình trạng"};
    static const bc_column_type aid_types[] = {
        BC_COLUMN_TEXT,   BC_COLUMN_TEXT,   BC_COLUMN_TEXT,
        BC_COLUMN_AMOUNT, BC_COLUMN_AMOUNT, BC_COLUMN_TEXT};
    static const char *const trips[] = {"Thành phần", "Nước đến",
                                        "Thời gian", "Số thành viên",
                                        "Mục đích"};
    static const char *const visits[] = {"Đoàn", "Nước", "Thời gian",
                                         "Số thành viên", "Mục đích"};
    static const char *const events[] = {"Hoạt động", "Thời gian",
                                         "Địa điểm", "Số người tham dự",
                                         "Phía nước ngoài"};
    static const bc_column_type people[] = {BC_COLUMN_TEXT, BC_COLUMN_TEXT,
                                            BC_COLUMN_DATE,
                                            BC_COLUMN_INTEGER,
                                            BC_COLUMN_TEXT};
    static const bc_column_type event_types[] = {
        BC_COLUMN_TEXT, BC_COLUMN_DATE, BC_COLUMN_TEXT, BC_COLUMN_INTEGER,
        BC_COLUMN_TEXT};
    activity_grid a;
    memset(&a, 0, sizeof a);
    a.b = b;
    a.table = t;
    a.from = t->from.s;
    view_grid_start(b, &a.g, !t->no_number);
    if (!strcmp(a.from, "aid_projects"))
        head(b, &a, aid, aid_types, BC_COUNT(aid));
    else if (!strcmp(a.from, "delegations"))
        head(b, &a, trips, people, BC_COUNT(trips));
    else if (!strcmp(a.from, "visits"))
        head(b, &a, visits, people, BC_COUNT(visits));
    else
        head(b, &a, events, event_types, BC_COUNT(events));
    bc_report_each_entry(b->report, activity_rows, &a);
    size_t n = a.g.header->as.seq.count - a.g.number;
    view_grid_total(b, &a.g, a.sums, n); /* always: what the table is for */
    return view_grid_value(b, &a.g, &t->title);
}

static bc_value *table_value(builder *b, const bc_table *t)
{
    return t->from.s ? activity_table(b, t) : typed_table(b, t);
}

/* ---- activities as sentences ---- */

/* "05" below ten, as counts are written in official prose. */
static void put_count(bc_buf *out, int64_t n)
{
    bc_buf_put_int(out, n, n >= 0 && n < 10 ? 2 : 1);
}

/* "Ngày 12/3/2026" or "Từ ngày 12/3/2026 đến ngày 14/3/2026". */
static void put_when(bc_buf *out, const bc_date_field *from,
                     const bc_date_field *to)
{
    bc_buf_puts(out, to && to->set ? "Từ ngày " : "Ngày ");
    bc_vn_date_short(out, from->value);
    if (to && to->set) {
        bc_buf_puts(out, " đến ngày ");
        bc_vn_date_short(out, to->value);
    }
}

/* Appends t with its citations expanded (marked, escape.h). */
static void put(builder *b, bc_buf *out, const bc_text *t)
{
    view_expand(b, t, out);
}

/* A sentence made by bcreport, or the clerk's own in its place. */
static bc_value *sentence(builder *b, const bc_text *own, bc_buf *made)
{
    bc_value *v = bc_value_new_map_of(b->arena, 1);
    view_set(b, v, "text", own->s ? view_text(b, own, true, NULL)
                                  : view_made(b, made->ptr, made->len,
                                              false));
    return v;
}

static bc_value *delegation_sentence(builder *b, const bc_delegation *d)
{
    bc_buf out = BC_BUF_INIT;
    if (d->from.set)
        put_when(&out, &d->from, &d->to);
    else
        bc_buf_printf(&out, "Trong năm %" PRId64,
                      b->report->document.year);
    bc_buf_puts(&out, ", ");
    put(b, &out, &d->who);
    if (d->with.s) {
        bc_buf_puts(&out, " tham gia ");
        put(b, &out, &d->with);
    }
    if (d->members.set) {
        bc_buf_puts(&out, " (đoàn gồm ");
        put_count(&out, d->members.value);
        bc_buf_puts(&out, " thành viên)");
    }
    bc_buf_puts(&out, " đi công tác nước ngoài để ");
    put(b, &out, &d->purpose);
    bc_buf_puts(&out, " tại ");
    for (size_t i = 0; i < d->countries.count; i++) {
        if (i > 0)
            bc_buf_puts(&out, i + 1 == d->countries.count ? " và " : ", ");
        put(b, &out, &d->countries.items[i]);
    }
    bc_buf_putc(&out, '.');
    bc_value *v = sentence(b, &d->text, &out);
    bc_buf_fini(&out);
    return v;
}

/* Whether the issuer's self_name stands in for t, absent (a partner, a
 * host): each time after the first counts against the citations'
 * budget, as a citation would, or a long self_name and many aliased
 * activities would multiply; past it, an error at at, and no. */
static bool self_stands_in(builder *b, const bc_text *t, const bc_text *at)
{
    const bc_text *self = &b->report->document.issuer.self_name;
    if (t->s)
        return false;
    if (b->replay) /* counted when the view was built, within budget */
        return true;
    if (b->self_used &&
        !bc_cite_charge(b->citer, at,
                        N_("self_name stands in for a partner or a host "
                           "once more"),
                        self->len, b->diags))
        return false;
    b->self_used = true;
    return true;
}

/* The text t, or self_name standing in for it. */
static void put_or_self(builder *b, bc_buf *out, const bc_text *t,
                        const bc_text *at)
{
    if (t->s)
        put(b, out, t);
    else if (self_stands_in(b, t, at))
        put(b, out, &b->report->document.issuer.self_name);
}

static bc_value *visit_sentence(builder *b, const bc_visit *v)
{
    bc_buf out = BC_BUF_INIT;
    put_when(&out, &v->from, &v->to);
    bc_buf_puts(&out, ", ");
    put_or_self(b, &out, &v->host, &v->guests);
    bc_buf_puts(&out, " đón tiếp ");
    put(b, &out, &v->guests);
    if (!strstr(v->guests.s, v->country.s)) { /* "Đoàn ... Hoa Kỳ" says it */
        bc_buf_puts(&out, " (");
        put(b, &out, &v->country);
        bc_buf_putc(&out, ')');
    }
    if (v->members.set) {
        bc_buf_puts(&out, " gồm ");
        put_count(&out, v->members.value);
        bc_buf_puts(&out, " thành viên");
    }
    bc_buf_puts(&out, " đến ");
    put(b, &out, &v->purpose);
    if (v->outcome.s) {
        bc_buf_puts(&out, "; qua đó, ");
        put(b, &out, &v->outcome);
    }
    bc_buf_putc(&out, '.');
    bc_value *s = sentence(b, &v->text, &out);
    bc_buf_fini(&out);
    return s;
}

/* What a project's status says, around "dự án X ở Y". */
static void put_status(builder *b, bc_buf *out, const bc_aid_project *p)
{
    static const char *const after[] = {
        [BC_AID_PLANNED] = " chưa triển khai",
        [BC_AID_SUSPENDED] = " đang tạm dừng",
        [BC_AID_DONE] = " đã hoàn thành",
        [BC_AID_HANDED_OVER] = " đã hoàn thành, bàn giao đưa vào sử dụng",
    };
    bool ongoing = p->state == BC_AID_ONGOING;
    bc_buf_puts(out, ongoing ? "hiện nay đang triển khai thực hiện dự án "
                     : p->state == BC_AID_SUSPENDED ? "hiện nay dự án "
                                                    : "đến nay dự án ");
    put(b, out, &p->project);
    bc_buf_puts(out, " ở ");
    put(b, out, &p->place);
    if (!ongoing)
        bc_buf_puts(out, after[p->state]);
}

/* "115.000.000 đồng", or in words "Một trăm mười lăm triệu đồng"; null
 * when not set (and in words past 10^15, which has no reading). */
static bc_value *money(builder *b, const bc_amount *a, bool in_words)
{
    bc_buf out = BC_BUF_INIT;
    bool ok = a->set && (in_words ? bc_vn_money_words(&out, a->value)
                                  : (bc_vn_money(&out, a->value), true));
    bc_value *v = ok ? view_made(b, out.ptr, out.len, false)
                     : null_value(b);
    bc_buf_fini(&out);
    return v;
}

/* A project's own fields beside its sentence, for templates of one's own
 * (amounts in words, say). */
static void aid_fields(builder *b, bc_value *v, const bc_aid_project *p)
{
    view_set(b, v, "donor", view_text(b, &p->donor, false, NULL));
    view_set(b, v, "project", view_text(b, &p->project, false, NULL));
    view_set(b, v, "place", view_text(b, &p->place, false, NULL));
    view_set(b, v, "status", view_text(b, &p->status, false, NULL));
    view_set(b, v, "amount", money(b, &p->amount, false));
    view_set(b, v, "amount_words", money(b, &p->amount, true));
    view_set(b, v, "disbursed", money(b, &p->disbursed, false));
    view_set(b, v, "disbursed_words", money(b, &p->disbursed, true));
}

/* What was paid out, in brackets after the amount, so that the sentence
 * keeps one subject. */
static void put_disbursed(bc_buf *out, const bc_aid_project *p)
{
    if (p->disbursed.value == 0) {
        bc_buf_puts(out, " (chưa giải ngân)");
    } else if (p->disbursed.value == p->amount.value) {
        bc_buf_puts(out, " (đã giải ngân toàn bộ)");
    } else {
        bc_buf_puts(out, " (đã giải ngân ");
        bc_vn_money(out, p->disbursed.value);
        bc_buf_putc(out, ')');
    }
}

/* The first project of an entry opens with the year; the next ones say
 * "còn", so that a list of projects does not repeat itself. */
static bc_value *aid_sentence(builder *b, const bc_aid_project *p,
                              bool first)
{
    bc_buf out = BC_BUF_INIT;
    if (first)
        bc_buf_printf(&out, "Năm %" PRId64 ", ", b->report->document.year);
    put_or_self(b, &out, &p->partner, &p->donor);
    bc_buf_puts(&out, first ? " phối hợp với " : " còn phối hợp với ");
    put(b, &out, &p->donor);
    bc_buf_puts(&out, " triển khai thực hiện dự án theo quy định tại ");
    put(b, &out, &p->legal_basis);
    bc_buf_puts(&out, "; ");
    put_status(b, &out, p);
    bc_buf_puts(&out, ", với tổng kinh phí là ");
    bc_vn_money(&out, p->amount.value);
    if (p->disbursed.set)
        put_disbursed(&out, p);
    bc_buf_putc(&out, '.');
    bc_value *v = sentence(b, &p->text, &out);
    bc_buf_fini(&out);
    aid_fields(b, v, p);
    return v;
}

static bc_value *event_sentence(builder *b, const bc_event *ev)
{
    bc_buf out = BC_BUF_INIT;
    put_when(&out, &ev->date, NULL);
    bc_buf_puts(&out, ", tại ");
    put(b, &out, &ev->place);
    bc_buf_puts(&out, ", ");
    put_or_self(b, &out, &ev->host, &ev->title);
    bc_buf_puts(&out, " tổ chức ");
    put(b, &out, &ev->title);
    if (ev->participants.set) {
        bc_buf_puts(&out, ", với sự tham gia của ");
        put_count(&out, ev->participants.value);
        bc_buf_puts(&out, " đại biểu");
    }
    if (ev->foreign.s) {
        bc_buf_puts(&out, ev->participants.set ? ", trong đó có "
                                               : ", với sự tham gia của ");
        put(b, &out, &ev->foreign);
    }
    bc_buf_putc(&out, '.');
    bc_value *v = sentence(b, &ev->text, &out);
    bc_buf_fini(&out);
    return v;
}

/* ---- activities ---- */

typedef enum activity_kind {
    ACTIVITY_DELEGATION,
    ACTIVITY_VISIT,
    ACTIVITY_AID,
    ACTIVITY_EVENT
} activity_kind;

/* Activity i of e, in the view's order (delegations, visits, aid
 * projects, events): its kind, and *k its place among those. */
static activity_kind activity_at(const bc_entry *e, size_t i, size_t *k)
{
    size_t counts[] = {e->delegations.count, e->visits.count,
                       e->aid_projects.count, e->events.count};
    activity_kind kind = ACTIVITY_DELEGATION;
    while (kind < ACTIVITY_EVENT && i >= counts[kind])
        i -= counts[kind++];
    *k = i;
    return kind;
}

static bc_value *activity(builder *b, const view_lazy *l, size_t i)
{
    const bc_entry *e = l->entry;
    size_t k;
    switch (activity_at(e, i, &k)) {
    case ACTIVITY_DELEGATION:
        return delegation_sentence(b, &e->delegations.items[k]);
    case ACTIVITY_VISIT:
        return visit_sentence(b, &e->visits.items[k]);
    case ACTIVITY_AID:
        return aid_sentence(b, &e->aid_projects.items[k], k == 0);
    case ACTIVITY_EVENT:
        break;
    }
    return event_sentence(b, &e->events.items[k]);
}

static const bc_schema *const activity_schemas[] = {
    &bc_delegation_schema, &bc_visit_schema, &bc_aid_schema,
    &bc_event_schema};

/* Activity i of e and its kind. */
static const void *activity_struct(const bc_entry *e, size_t i,
                                   activity_kind *kind)
{
    size_t k;
    *kind = activity_at(e, i, &k);
    switch (*kind) {
    case ACTIVITY_DELEGATION:
        return &e->delegations.items[k];
    case ACTIVITY_VISIT:
        return &e->visits.items[k];
    case ACTIVITY_AID:
        return &e->aid_projects.items[k];
    case ACTIVITY_EVENT:
        break;
    }
    return &e->events.items[k];
}

/* What making activity i, which cites nothing, counts against the
 * budget, counted now, in document order: self_name standing in
 * (put_or_self), the one thing such a sentence counts. */
static void count_activity(builder *b, const bc_entry *e, size_t i)
{
    activity_kind kind;
    const void *a = activity_struct(e, i, &kind);
    if (kind == ACTIVITY_VISIT)
        self_stands_in(b, &((const bc_visit *)a)->host,
                       &((const bc_visit *)a)->guests);
    else if (kind == ACTIVITY_AID)
        self_stands_in(b, &((const bc_aid_project *)a)->partner,
                       &((const bc_aid_project *)a)->donor);
    else if (kind == ACTIVITY_EVENT)
        self_stands_in(b, &((const bc_event *)a)->host,
                       &((const bc_event *)a)->title);
}

static size_t activity_count(const bc_entry *e)
{
    return e->delegations.count + e->visits.count + e->aid_projects.count +
           e->events.count;
}

void view_count_activities(builder *b, const bc_entry *e)
{
    for (size_t i = 0; i < activity_count(e); i++)
        count_activity(b, e, i);
}

bc_value *view_activities(builder *b, const bc_entry *e)
{
    size_t n = activity_count(e);
    view_lazy l = {.make = activity, .entry = e};
    bc_value *seq = view_lazy_list(b, n, &l);
    for (size_t i = 0; i < n; i++) {
        activity_kind kind;
        const void *a = activity_struct(e, i, &kind);
        if (seq->lazy && view_cites_nothing(b, activity_schemas[kind], a))
            count_activity(b, e, i);
        else
            seq->as.seq.items[i] = activity(b, &l, i);
    }
    return seq;
}

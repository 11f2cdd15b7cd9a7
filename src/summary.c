/* summary.c - the province's summary of many reports (see summary.h). */
#include "bcreport/summary.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bcreport/alloc.h"
#include "bcreport/chars.h"
#include "bcreport/cite.h"
#include "bcreport/csv.h"
#include "bcreport/i18n.h"
#include "bcreport/io.h"
#include "bcreport/pdf.h"
#include "bcreport/strmap.h"
#include "bcreport/utf8.h"
#include "bcreport/view.h"
#include "bcreport/vnformat.h"
#include "bcreport/xlsx.h"
#include "bcreport/yaml_load.h"
#include "view_internal.h"

/* The built-in frame: blanks for the clerk to fill by hand. */
#define FRAME_TEMPLATE "summary-header.yaml"

/* ---- what is collected ---- */

/* One row of a table, without its unit: the cells after the unit's
 * column.  A proposal keeps its sub-items apart too, for the document's
 * bullets. */
typedef struct entry {
    struct entry *next;
    bc_summary_cell *cells;
    const char **subs;
    size_t sub_count;
} entry;

typedef struct entry_list {
    entry *head;
    entry **tail;
    size_t count;
} entry_list;

/* The lists of a unit, in the order of the tables that print them. */
enum { AID, VISITS, DELEGATIONS, EVENTS, PROPOSALS, LISTS };

typedef struct unit {
    const char *name; /* marked text: issuer.short_name */
    size_t reports;
    entry_list lists[LISTS];
} unit;

/* The summary: what was read, per unit, and the tables made of it. */
typedef struct bc_summary {
    bc_arena *arena;
    size_t files, failed;
    bc_buf failed_names; /* freed once the note is made */
    BC_LIST_OF(unit *) units;
    size_t units_cap;
    int years[16]; /* the years reported on, sorted; at most 16 kept */
    size_t year_count;
    bc_report *frame;
    bc_summary_table tables[BC_SUMMARY_TABLE_COUNT];
} bc_summary;

static void list_init(entry_list *l)
{
    l->head = NULL;
    l->tail = &l->head;
    l->count = 0;
}

static void list_push(entry_list *l, entry *e)
{
    *l->tail = e;
    l->tail = &e->next;
    l->count++;
}

/* Moves the entries of from to the end of to. */
static void list_join(entry_list *to, entry_list *from)
{
    if (!from->head)
        return;
    *to->tail = from->head;
    to->tail = from->tail;
    to->count += from->count;
    list_init(from);
}

/* ---- reading one report ---- */

typedef struct collector {
    bc_arena *arena; /* the summary's */
    const bc_report *r;
    bc_citer *citer;
    bc_diags *diags;
    unit *u; /* the file's rows, joined to its unit when all went well */
    bc_buf buf;
} collector;

static const char *copy(collector *c, const bc_buf *b)
{
    return bc_arena_strndup(c->arena, b->ptr, b->len);
}

/* t as marked text, its citations in full (as in a subject: the text
 * stands alone in the summary, without "sau đây gọi tắt là"); capital
 * first for a table's cell, as the report's own tables have it (not
 * before a citation, whose text decides). */
static const char *marked(collector *c, const bc_text *t, bool capital)
{
    if (!t->s)
        return "";
    bc_buf_clear(&c->buf);
    bc_cite_expand_heading(c->citer, t, &c->buf, c->diags);
    if (!capital || t->s[0] == '[')
        return copy(c, &c->buf);
    bc_buf upper = BC_BUF_INIT;
    bc_utf8_upper_first(c->buf.ptr, c->buf.len, &upper);
    const char *s = bc_arena_strndup(c->arena, upper.ptr, upper.len);
    bc_buf_fini(&upper);
    return s;
}

/* Marked text that rich text takes as it is: its LITERAL marks (escape.h)
 * taken out and one span put around it all, as they do not nest. */
static char *literal(bc_arena *arena, const char *s)
{
    bc_buf out = BC_BUF_INIT;
    bc_buf_putc(&out, BC_MARK_LITERAL_OPEN);
    for (; *s; s++)
        if (*s != BC_MARK_LITERAL_OPEN && *s != BC_MARK_LITERAL_CLOSE)
            bc_buf_putc(&out, *s);
    bc_buf_putc(&out, BC_MARK_LITERAL_CLOSE);
    char *v = bc_arena_strndup(arena, out.ptr, out.len);
    bc_buf_fini(&out);
    return v;
}

static bc_summary_cell text_cell(const char *s)
{
    return (bc_summary_cell){s, 0, true};
}

static bc_summary_cell number_cell(const bc_number *n)
{
    return (bc_summary_cell){NULL, n->set ? n->value : 0, n->set};
}

static bc_summary_cell dates_cell(collector *c, const bc_date_field *from,
                                  const bc_date_field *to)
{
    bc_buf_clear(&c->buf);
    view_put_dates(&c->buf, from, to);
    return text_cell(copy(c, &c->buf));
}

static entry *new_entry(collector *c, size_t cells)
{
    entry *e = bc_arena_calloc(c->arena, 1, sizeof *e);
    e->cells = bc_arena_calloc(c->arena, cells, sizeof *e->cells);
    return e;
}

static void collect_aid(collector *c, const bc_aid_project *p)
{
    entry *e = new_entry(c, 6);
    e->cells[0] = text_cell(marked(c, &p->donor, true));
    e->cells[1] = text_cell(marked(c, &p->project, true));
    e->cells[2] = text_cell(marked(c, &p->place, true));
    e->cells[3] = number_cell(&p->amount);
    e->cells[4] = number_cell(&p->disbursed);
    e->cells[5] = text_cell(marked(c, &p->status, true));
    list_push(&c->u->lists[AID], e);
}

static void collect_visit(collector *c, const bc_visit *v)
{
    entry *e = new_entry(c, 5);
    e->cells[0] = text_cell(marked(c, &v->guests, true));
    e->cells[1] = text_cell(marked(c, &v->country, true));
    e->cells[2] = dates_cell(c, &v->from, &v->to);
    e->cells[3] = number_cell(&v->members);
    e->cells[4] = text_cell(marked(c, &v->purpose, true));
    list_push(&c->u->lists[VISITS], e);
}

static void collect_delegation(collector *c, const bc_delegation *d)
{
    entry *e = new_entry(c, 5);
    e->cells[0] = text_cell(marked(c, &d->who, true));
    bc_buf countries = BC_BUF_INIT;
    for (size_t i = 0; i < d->countries.count; i++) {
        if (i > 0)
            bc_buf_puts(&countries, ", ");
        bc_buf_puts(&countries, marked(c, &d->countries.items[i], i == 0));
    }
    e->cells[1] = text_cell(bc_arena_strndup(c->arena, countries.ptr,
                                             countries.len));
    bc_buf_fini(&countries);
    e->cells[2] = dates_cell(c, &d->from, &d->to);
    e->cells[3] = number_cell(&d->members);
    e->cells[4] = text_cell(marked(c, &d->purpose, true));
    list_push(&c->u->lists[DELEGATIONS], e);
}

static void collect_event(collector *c, const bc_event *ev)
{
    entry *e = new_entry(c, 5);
    e->cells[0] = text_cell(marked(c, &ev->title, true));
    e->cells[1] = dates_cell(c, &ev->date, NULL);
    e->cells[2] = text_cell(marked(c, &ev->place, true));
    e->cells[3] = number_cell(&ev->participants);
    e->cells[4] = text_cell(marked(c, &ev->foreign, true));
    list_push(&c->u->lists[EVENTS], e);
}

/* The activities of an item or a point, in the order of view.h. */
static void collect_entry(collector *c, const bc_entry *e)
{
    for (size_t i = 0; i < e->delegations.count; i++)
        collect_delegation(c, &e->delegations.items[i]);
    for (size_t i = 0; i < e->visits.count; i++)
        collect_visit(c, &e->visits.items[i]);
    for (size_t i = 0; i < e->aid_projects.count; i++)
        collect_aid(c, &e->aid_projects.items[i]);
    for (size_t i = 0; i < e->events.count; i++)
        collect_event(c, &e->events.items[i]);
}

/* ---- proposals: each paragraph, bullet, note or item one ---- */

static void add_proposal(collector *c, const char *to, const char *text,
                         const char **subs, size_t sub_count)
{
    entry *e = new_entry(c, 2);
    e->cells[0] = text_cell(to);
    e->cells[1] = text_cell(text);
    e->subs = subs;
    e->sub_count = sub_count;
    list_push(&c->u->lists[PROPOSALS], e);
}

/* The texts of a list of sub-items, rich (narrative). */
static const char **rich_texts(collector *c, const bc_texts *ts)
{
    const char **out = bc_arena_calloc(c->arena, ts->count + 1,
                                       sizeof *out);
    for (size_t i = 0; i < ts->count; i++)
        out[i] = marked(c, &ts->items[i], false);
    return out;
}

/* A note as the report prints it, "label: text". */
static const char *note_text(collector *c, const bc_block *block)
{
    bc_buf out = BC_BUF_INIT;
    bc_buf_puts(&out, literal(c->arena, marked(c, &block->label, false)));
    bc_buf_puts(&out, ": ");
    bc_buf_puts(&out, marked(c, &block->text, false));
    const char *s = bc_arena_strndup(c->arena, out.ptr, out.len);
    bc_buf_fini(&out);
    return s;
}

/* A table among the proposals is not a proposal: it is left out (the
 * README says so). */
static void collect_blocks(collector *c, const char *to,
                           const bc_blocks *blocks)
{
    for (size_t i = 0; i < blocks->count; i++) {
        const bc_block *block = &blocks->items[i];
        switch (block->kind) {
        case BC_BLOCK_PARAGRAPH:
            add_proposal(c, to, marked(c, &block->text, false), NULL, 0);
            break;
        case BC_BLOCK_BULLETS:
            for (size_t k = 0; k < block->bullets.count; k++) {
                const bc_bullet *bullet = &block->bullets.items[k];
                const char *text = marked(c, &bullet->text, false);
                add_proposal(c, to, text, rich_texts(c, &bullet->subs),
                             bullet->subs.count);
            }
            break;
        case BC_BLOCK_NOTE:
            add_proposal(c, to, note_text(c, block), NULL, 0);
            break;
        case BC_BLOCK_TABLE:
            break;
        }
    }
}

/* The texts of an item's narrative and its points' titles, as the
 * sub-items of the proposal its title makes. */
static void item_subs(collector *c, const bc_entry *e, bc_buf *list,
                      size_t *n)
{
    for (size_t i = 0; i < e->body.count; i++) {
        const bc_block *block = &e->body.items[i];
        if (block->kind == BC_BLOCK_PARAGRAPH) {
            const char *s = marked(c, &block->text, false);
            bc_buf_append(list, &s, sizeof s);
            ++*n;
        }
        for (size_t k = 0; block->kind == BC_BLOCK_BULLETS &&
                           k < block->bullets.count;
             k++) {
            const char *s = marked(c, &block->bullets.items[k].text, false);
            bc_buf_append(list, &s, sizeof s);
            ++*n;
        }
    }
    for (size_t i = 0; i < e->points.count; i++) {
        const char *s = literal(c->arena,
                                marked(c, &e->points.items[i].title, false));
        bc_buf_append(list, &s, sizeof s);
        ++*n;
    }
}

static void collect_proposals(collector *c, const bc_part *part)
{
    /* "Kính đề nghị Sở Ngoại vụ:" without the colon the layout adds. */
    bc_text to = part->to;
    while (to.s && to.len > 0 && strchr(": \t\n", to.s[to.len - 1]))
        to.len--;
    const char *addressee = "";
    if (to.s && to.len > 0) {
        to.s = bc_arena_strndup(c->arena, to.s, to.len); /* NUL-ended */
        addressee = marked(c, &to, false);
    }
    collect_blocks(c, addressee, &part->body);
    for (size_t i = 0; i < part->numbered.count; i++) {
        const bc_entry *e = part->numbered.items[i];
        const char *title = literal(c->arena, marked(c, &e->title, false));
        bc_buf list = BC_BUF_INIT;
        size_t n = 0;
        item_subs(c, e, &list, &n);
        const char **subs = n ? bc_arena_alloc(c->arena, list.len) : NULL;
        if (n)
            memcpy(subs, list.ptr, list.len);
        bc_buf_fini(&list);
        add_proposal(c, addressee, title, subs, n);
    }
}

/* Everything a report gives, in the order of its parts.  Activities
 * typed under plans are next year's: not done, not counted. */
static void collect_report(collector *c)
{
    const bc_report *r = c->r;
    for (size_t p = 0; p < r->outline.count; p++) {
        const bc_part *part = r->outline.items[p];
        if (part->kind == BC_PART_PLANS)
            continue;
        for (size_t i = 0; i < part->numbered.count; i++) {
            const bc_entry *e = part->numbered.items[i];
            collect_entry(c, e);
            for (size_t k = 0; k < e->points.count; k++)
                collect_entry(c, &e->points.items[k]);
        }
        if (part->kind == BC_PART_PROPOSALS)
            collect_proposals(c, part);
    }
}

/* ---- the units ---- */

static unit *new_unit(bc_arena *arena, const char *name)
{
    unit *u = bc_arena_calloc(arena, 1, sizeof *u);
    u->name = name;
    for (size_t i = 0; i < LISTS; i++)
        list_init(&u->lists[i]);
    return u;
}

/* The unit called name, made when it is new (in the order they come). */
static unit *unit_named(bc_summary *s, bc_strmap *names, const char *name)
{
    unit *u = bc_strmap_get(names, name, strlen(name));
    if (u)
        return u;
    u = new_unit(s->arena, name);
    if (s->units.count == s->units_cap) {
        size_t cap = s->units_cap ? 2 * s->units_cap : 16;
        unit **items = bc_arena_calloc(s->arena, cap, sizeof *items);
        if (s->units.count)
            memcpy(items, s->units.items, s->units.count * sizeof *items);
        s->units.items = items;
        s->units_cap = cap;
    }
    s->units.items[s->units.count++] = u;
    bc_strmap_put(names, u->name, strlen(u->name), u);
    return u;
}

static void add_year(bc_summary *s, int year)
{
    size_t i = 0;
    while (i < s->year_count && s->years[i] < year)
        i++;
    if ((i < s->year_count && s->years[i] == year) ||
        s->year_count == BC_COUNT(s->years))
        return;
    memmove(&s->years[i + 1], &s->years[i],
            (s->year_count - i) * sizeof s->years[0]);
    s->years[i] = year;
    s->year_count++;
}

static void add_failed(bc_summary *s, const char *path)
{
    if (s->failed++)
        bc_buf_puts(&s->failed_names, ", ");
    bc_buf_puts(&s->failed_names, bc_display_name(path));
}

/* Loads one file as build does and adds what it gives to its unit; a
 * file with errors is left out whole and counted. */
static void read_file(bc_summary *s, bc_strmap *names, const char *path,
                      bc_diags *diags)
{
    size_t errors = diags->errors;
    bc_arena *arena = bc_arena_new(); /* the report's, freed once read */
    bc_report *r = bc_build_load(path, arena, diags);
    collector c = {s->arena, r, NULL, diags, NULL, BC_BUF_INIT};
    if (r) {
        c.citer = bc_citer_new(r);
        c.u = new_unit(s->arena, "");
        c.u->name = marked(&c, &r->document.issuer.short_name, false);
        collect_report(&c);
        bc_citer_free(c.citer);
    }
    if (diags->errors == errors) {
        unit *u = unit_named(s, names, c.u->name);
        u->reports++;
        for (size_t i = 0; i < LISTS; i++)
            list_join(&u->lists[i], &c.u->lists[i]);
        add_year(s, (int)r->document.year);
    } else {
        add_failed(s, path);
    }
    bc_buf_fini(&c.buf);
    bc_arena_free(arena);
}

/* ---- the tables ---- */

static const bc_summary_column count_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Số báo cáo", BC_COLUMN_INTEGER, false, true},
    {"Dự án viện trợ", BC_COLUMN_INTEGER, false, true},
    {"Đoàn vào", BC_COLUMN_INTEGER, false, true},
    {"Đoàn ra", BC_COLUMN_INTEGER, false, true},
    {"Hoạt động, sự kiện", BC_COLUMN_INTEGER, false, true},
    {"Đề xuất, kiến nghị", BC_COLUMN_INTEGER, false, true},
};

static const bc_summary_column aid_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Nhà tài trợ", BC_COLUMN_TEXT, false, false},
    {"Dự án", BC_COLUMN_TEXT, false, false},
    {"Địa điểm", BC_COLUMN_TEXT, false, false},
    {"Kinh phí (đồng)", BC_COLUMN_AMOUNT, false, true},
    {"Đã giải ngân (đồng)", BC_COLUMN_AMOUNT, false, true},
    {"Tình trạng", BC_COLUMN_TEXT, false, false},
};

static const bc_summary_column visit_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Đoàn", BC_COLUMN_TEXT, false, false},
    {"Nước", BC_COLUMN_TEXT, false, false},
    {"Thời gian", BC_COLUMN_DATE, false, false},
    {"Số thành viên", BC_COLUMN_INTEGER, false, true},
    {"Mục đích", BC_COLUMN_TEXT, false, false},
};

static const bc_summary_column delegation_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Thành phần", BC_COLUMN_TEXT, false, false},
    {"Nước đến", BC_COLUMN_TEXT, false, false},
    {"Thời gian", BC_COLUMN_DATE, false, false},
    {"Số thành viên", BC_COLUMN_INTEGER, false, true},
    {"Mục đích", BC_COLUMN_TEXT, false, false},
};

static const bc_summary_column event_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Hoạt động", BC_COLUMN_TEXT, false, false},
    {"Thời gian", BC_COLUMN_DATE, false, false},
    {"Địa điểm", BC_COLUMN_TEXT, false, false},
    {"Số người tham dự", BC_COLUMN_INTEGER, false, true},
    {"Phía nước ngoài", BC_COLUMN_TEXT, false, false},
};

static const bc_summary_column proposal_columns[] = {
    {"Đơn vị", BC_COLUMN_TEXT, false, false},
    {"Kính đề nghị", BC_COLUMN_TEXT, false, false},
    {"Nội dung", BC_COLUMN_TEXT, true, false},
};

static const struct {
    const char *title, *sheet, *none;
    const bc_summary_column *columns;
    size_t column_count;
    bool subtotals; /* a "Cộng" row after each unit's rows */
    bool total;
} table_kinds[BC_SUMMARY_TABLE_COUNT] = {
    [BC_SUMMARY_COUNTS] = {"SỐ BÁO CÁO VÀ HOẠT ĐỘNG THEO ĐƠN VỊ",
                           "Số liệu theo đơn vị", "Không có báo cáo nào.",
                           count_columns, BC_COUNT(count_columns), false,
                           true},
    [BC_SUMMARY_AID] = {"DỰ ÁN VIỆN TRỢ NƯỚC NGOÀI", "Dự án viện trợ",
                        "Các báo cáo không có dự án viện trợ.", aid_columns,
                        BC_COUNT(aid_columns), true, true},
    [BC_SUMMARY_VISITS] = {"ĐOÀN NƯỚC NGOÀI ĐẾN LÀM VIỆC (ĐOÀN VÀO)",
                           "Đoàn vào",
                           "Các báo cáo không có đoàn nước ngoài đến làm "
                           "việc.",
                           visit_columns, BC_COUNT(visit_columns), false,
                           true},
    [BC_SUMMARY_DELEGATIONS] = {"ĐOÀN ĐI CÔNG TÁC NƯỚC NGOÀI (ĐOÀN RA)",
                                "Đoàn ra",
                                "Các báo cáo không có đoàn đi công tác nước "
                                "ngoài.",
                                delegation_columns,
                                BC_COUNT(delegation_columns), false, true},
    [BC_SUMMARY_EVENTS] = {"HOẠT ĐỘNG, SỰ KIỆN ĐỐI NGOẠI",
                           "Hoạt động, sự kiện",
                           "Các báo cáo không có hoạt động, sự kiện đối "
                           "ngoại.",
                           event_columns, BC_COUNT(event_columns), false,
                           true},
    [BC_SUMMARY_PROPOSALS] = {"ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ",
                              "Đề xuất, kiến nghị",
                              "Các báo cáo không có đề xuất, kiến nghị.",
                              proposal_columns, BC_COUNT(proposal_columns),
                              false, false},
};

/* A table being filled: its rows, grown as they come. */
typedef struct filling {
    bc_summary *s;
    bc_summary_table *t;
    size_t cap;
    int64_t sums[8], unit_sums[8];
    size_t unit_first;
    bc_diags *diags;
    bool failed;
} filling;

static bc_summary_row *add_row(filling *f, bc_summary_row_kind kind)
{
    bc_summary_table *t = f->t;
    if (t->rows.count == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 16;
        bc_summary_row *rows = bc_arena_calloc(f->s->arena, f->cap,
                                               sizeof *rows);
        if (t->rows.count)
            memcpy(rows, t->rows.items, t->rows.count * sizeof *rows);
        t->rows.items = rows;
    }
    bc_summary_row *row = &t->rows.items[t->rows.count++];
    row->kind = kind;
    row->cells = bc_arena_calloc(f->s->arena, t->column_count,
                                 sizeof *row->cells);
    return row;
}

/* Adds n to a total, which may not pass 10^15, as a report's own table's
 * may not (blocks.h): beyond that an amount has no reading. */
static void add_to(filling *f, int64_t *sum, size_t c, int64_t n)
{
    if (f->failed)
        return;
    if (n > BC_TABLE_MAX_TOTAL - *sum) {
        bc_pos pos = {NULL, 0, 0};
        bc_diag_error(f->diags, pos,
                      _("the total of column \"%s\" of the summary passes "
                        "10^15, more than a total can hold"),
                      f->t->columns[c].title);
        f->failed = true;
        return;
    }
    *sum += n;
}

static void add_item(filling *f, const char *unit_name,
                     const bc_summary_cell *cells)
{
    bc_summary_row *row = add_row(f, BC_SUMMARY_ITEM);
    row->first = f->t->rows.count - 1;
    row->cells[0] = text_cell(unit_name);
    for (size_t c = 1; c < f->t->column_count; c++) {
        row->cells[c] = cells[c - 1];
        if (f->t->columns[c].summed && cells[c - 1].set) {
            add_to(f, &f->sums[c], c, cells[c - 1].number);
            add_to(f, &f->unit_sums[c], c, cells[c - 1].number);
        }
    }
}

/* A "Cộng <unit>" or "Tổng cộng" row: the label in the unit's column,
 * the sums in the summed ones. */
static void add_sum_row(filling *f, bc_summary_row_kind kind,
                        const char *label, const int64_t *sums, size_t first)
{
    bc_summary_row *row = add_row(f, kind);
    row->first = first;
    row->cells[0] = text_cell(label);
    for (size_t c = 1; c < f->t->column_count; c++)
        row->cells[c] = f->t->columns[c].summed
                            ? (bc_summary_cell){NULL, sums[c], true}
                            : (bc_summary_cell){"", 0, false};
}

static void add_subtotal(filling *f, const unit *u)
{
    bc_buf label = BC_BUF_INIT;
    bc_buf_puts(&label, "Cộng ");
    bc_buf_puts(&label, u->name);
    add_sum_row(f, BC_SUMMARY_SUBTOTAL,
                bc_arena_strndup(f->s->arena, label.ptr, label.len),
                f->unit_sums, f->unit_first);
    bc_buf_fini(&label);
}

/* A proposal's cells with its sub-items in its text, one a line, as a
 * spreadsheet's cell shows them. */
static const bc_summary_cell *with_subs(bc_arena *arena, const entry *e)
{
    bc_summary_cell *cells = bc_arena_calloc(arena, 2, sizeof *cells);
    cells[0] = e->cells[0];
    bc_buf text = BC_BUF_INIT;
    bc_buf_puts(&text, e->cells[1].text);
    for (size_t i = 0; i < e->sub_count; i++) {
        bc_buf_puts(&text, "\n+ ");
        bc_buf_puts(&text, e->subs[i]);
    }
    cells[1] = text_cell(bc_arena_strndup(arena, text.ptr, text.len));
    bc_buf_fini(&text);
    return cells;
}

/* A table of the lists of kind: each unit's rows, then its subtotal
 * where the table has them; the total last. */
static void fill_list(filling *f, size_t kind, bool subtotals)
{
    bc_summary *s = f->s;
    for (size_t i = 0; i < s->units.count; i++) {
        const unit *u = s->units.items[i];
        if (!u->lists[kind].count)
            continue;
        memset(f->unit_sums, 0, sizeof f->unit_sums);
        f->unit_first = f->t->rows.count;
        for (const entry *e = u->lists[kind].head; e; e = e->next)
            add_item(f, u->name, e->sub_count ? with_subs(s->arena, e)
                                              : e->cells);
        if (subtotals)
            add_subtotal(f, u);
    }
}

/* Each unit's counts: reports received, then the length of its lists. */
static void fill_counts(filling *f)
{
    bc_summary *s = f->s;
    bc_summary_cell cells[LISTS + 1];
    for (size_t i = 0; i < s->units.count; i++) {
        const unit *u = s->units.items[i];
        cells[0] = (bc_summary_cell){NULL, (int64_t)u->reports, true};
        for (size_t k = 0; k < LISTS; k++)
            cells[k + 1] = (bc_summary_cell){NULL,
                                             (int64_t)u->lists[k].count,
                                             true};
        add_item(f, u->name, cells);
    }
}

/* "Không đọc được: 2 báo cáo (a.yaml, b.yaml)." */
static const char *failed_note(bc_summary *s)
{
    if (!s->failed)
        return NULL;
    bc_buf note = BC_BUF_INIT;
    bc_buf_printf(&note, "Không đọc được: %zu báo cáo (", s->failed);
    bc_buf_append(&note, s->failed_names.ptr, s->failed_names.len);
    bc_buf_puts(&note, ").");
    const char *v = bc_arena_strndup(s->arena, note.ptr, note.len);
    bc_buf_fini(&note);
    return v;
}

static bool make_tables(bc_summary *s, bc_diags *diags)
{
    static const size_t list_of[BC_SUMMARY_TABLE_COUNT] = {
        [BC_SUMMARY_AID] = AID,
        [BC_SUMMARY_VISITS] = VISITS,
        [BC_SUMMARY_DELEGATIONS] = DELEGATIONS,
        [BC_SUMMARY_EVENTS] = EVENTS,
        [BC_SUMMARY_PROPOSALS] = PROPOSALS,
    };
    bool ok = true;
    for (size_t k = 0; k < BC_SUMMARY_TABLE_COUNT; k++) {
        bc_summary_table *t = &s->tables[k];
        t->title = table_kinds[k].title;
        t->sheet = table_kinds[k].sheet;
        t->none = table_kinds[k].none;
        t->columns = table_kinds[k].columns;
        t->column_count = table_kinds[k].column_count;
        filling f;
        memset(&f, 0, sizeof f);
        f.s = s;
        f.t = t;
        f.diags = diags;
        if (k == BC_SUMMARY_COUNTS)
            fill_counts(&f);
        else
            fill_list(&f, list_of[k], table_kinds[k].subtotals);
        if (table_kinds[k].total && t->rows.count)
            add_sum_row(&f, BC_SUMMARY_TOTAL, "Tổng cộng", f.sums, 0);
        ok = ok && !f.failed;
    }
    s->tables[BC_SUMMARY_COUNTS].note = failed_note(s);
    return ok;
}

/* ---- the frame: header and footer ---- */

/* "năm 2025", "các năm 2025 và 2026", "các năm 2024, 2025 và 2026". */
static void put_period(const bc_summary *s, bc_buf *out)
{
    bc_buf_puts(out, s->year_count > 1 ? "các năm " : "năm ");
    for (size_t i = 0; i < s->year_count; i++) {
        if (i > 0)
            bc_buf_puts(out, i + 1 == s->year_count ? " và " : ", ");
        bc_buf_printf(out, "%d", s->years[i]);
    }
}

/* The built-in frame, templates/summary-header.yaml, for the latest year
 * reported on. */
static bc_report *default_frame(bc_summary *s, bc_diags *diags)
{
    bc_value *data = bc_value_new_map(s->arena);
    bc_value_map_set(s->arena, data, "year",
                     bc_value_new_int(s->arena, s->years[s->year_count - 1]));
    bc_buf period = BC_BUF_INIT;
    put_period(s, &period);
    bc_value_map_set(s->arena, data, "period",
                     bc_value_new_string(s->arena, period.ptr, period.len));
    bc_buf_fini(&period);
    bc_resolver *resolver = bc_resolver_new_table(bc_default_templates,
                                                  bc_default_template_count);
    bc_buf yaml = BC_BUF_INIT;
    bc_report *frame = NULL;
    if (bc_view_render(resolver, FRAME_TEMPLATE, data, NULL, &yaml, diags))
        frame = bc_report_parse_frame(FRAME_TEMPLATE, yaml.ptr, yaml.len,
                                      s->arena, diags);
    bc_buf_fini(&yaml);
    bc_resolver_free(resolver);
    return frame;
}

static bc_report *header_frame(const char *path, bc_arena *arena,
                               bc_diags *diags)
{
    size_t len;
    char *text = bc_read_file(path, BC_YAML_MAX_FILE_SIZE, &len, diags);
    if (!text)
        return NULL;
    bc_report *frame = bc_report_parse_frame(bc_display_name(path), text,
                                             len, arena, diags);
    free(text);
    return frame;
}

/* The frame's own view, for its errors (a citation in the subject),
 * before anything is written. */
static bool frame_is_sound(bc_report *frame, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bool ok = bc_view_build(frame, &bc_writer_markdown, arena, NULL,
                            diags) != NULL;
    bc_arena_free(arena);
    return ok;
}

/* ---- reading ---- */

/* Reads the files and the frame (header, or NULL: the built-in one).
 * NULL when the frame is wrong or a total overflows; a summary of no
 * unit when no file could be read. */
static bc_summary *summary_read(const char *const *paths, size_t count,
                                const char *header, bc_arena *arena,
                                bc_diags *diags)
{
    bc_summary *s = bc_arena_calloc(arena, 1, sizeof *s);
    s->arena = arena;
    bc_buf_init(&s->failed_names);
    if (header) { /* a wrong frame is said before the files are read */
        s->frame = header_frame(header, arena, diags);
        if (!s->frame || !frame_is_sound(s->frame, diags))
            return NULL;
    }
    bc_strmap names = BC_STRMAP_INIT;
    for (size_t i = 0; i < count; i++)
        read_file(s, &names, paths[i], diags);
    bc_strmap_fini(&names);
    s->files = count;
    bool ok = make_tables(s, diags);
    bc_buf_fini(&s->failed_names);
    if (ok && !s->frame && s->units.count)
        s->frame = default_frame(s, diags);
    return ok && (s->frame || !s->units.count) ? s : NULL;
}

/* ---- the view ---- */

static bc_value *made(builder *b, const char *s, bool rich)
{
    return view_made(b, s, strlen(s), rich);
}

/* Marked text in bold: the subtotals' rows, which the templates print
 * as any row. */
static bc_value *bold(builder *b, const char *s)
{
    bc_buf out = BC_BUF_INIT;
    bc_buf_puts(&out, "**");
    bc_buf_puts(&out, literal(b->arena, s));
    bc_buf_puts(&out, "**");
    bc_value *v = view_made(b, out.ptr, out.len, true);
    bc_buf_fini(&out);
    return v;
}

static void put_cell(builder *b, bc_value *cells, const bc_summary_column *col,
                     const bc_summary_cell *cell, bool strong)
{
    const char *align = view_column_align(col->type);
    if (cell->text) {
        bc_value *text = strong && *cell->text ? bold(b, cell->text)
                                               : made(b, cell->text,
                                                      col->rich);
        bc_value_seq_push(b->arena, cells, view_cell(b, text, align));
    } else if (strong) {
        bc_buf n = BC_BUF_INIT;
        bc_vn_group_thousands(&n, cell->number);
        bc_value_seq_push(b->arena, cells, view_cell(b, bold(b, n.ptr),
                                                     align));
        bc_buf_fini(&n);
    } else {
        view_number_cell(b, cells, cell->set, cell->number);
    }
}

static bc_value *table_value(builder *b, const bc_summary_table *t)
{
    view_grid g;
    view_grid_start(b, &g, true);
    for (size_t c = 0; c < t->column_count; c++)
        view_grid_column(b, &g, made(b, t->columns[c].title, false),
                         t->columns[c].type);
    for (size_t r = 0; r < t->rows.count; r++) {
        const bc_summary_row *row = &t->rows.items[r];
        if (row->kind == BC_SUMMARY_TOTAL) {
            int64_t sums[8];
            for (size_t c = 0; c < t->column_count; c++)
                sums[c] = t->columns[c].summed ? row->cells[c].number : -1;
            view_grid_total(b, &g, sums, t->column_count);
            continue;
        }
        bool item = row->kind == BC_SUMMARY_ITEM;
        bc_value *cells = item ? view_grid_row(b, &g)
                               : view_grid_unnumbered_row(b, &g);
        for (size_t c = 0; c < t->column_count; c++)
            put_cell(b, cells, &t->columns[c], &row->cells[c], !item);
    }
    return view_grid_value(b, &g, NULL);
}

static bc_value *paragraph(builder *b, const char *s)
{
    return view_block(b, "paragraph", made(b, s, false));
}

static bc_value *table_part(builder *b, const bc_summary_table *t, int n)
{
    bc_value *part = view_part(b, view_numbered(b, bc_vn_roman, n, NULL),
                               made(b, t->title, false));
    bc_value *blocks = bc_value_map_get(part, "blocks");
    bc_value_seq_push(b->arena, blocks,
                      t->rows.count
                          ? view_block(b, "table", table_value(b, t))
                          : paragraph(b, t->none));
    if (t->note)
        bc_value_seq_push(b->arena, blocks, paragraph(b, t->note));
    return part;
}

static bc_value *bullet(builder *b, const entry *e)
{
    bc_value *v = bc_value_new_map(b->arena);
    view_set(b, v, "text", made(b, e->cells[1].text, true));
    bc_value *subs = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < e->sub_count; i++)
        bc_value_seq_push(b->arena, subs, made(b, e->subs[i], true));
    view_set(b, v, "subs", subs);
    return v;
}

/* A unit's proposals: "Kính đề nghị ...:" where the addressee changes,
 * then its proposals as bullets. */
static bc_value *proposal_blocks(builder *b, const unit *u)
{
    bc_value *blocks = bc_value_new_seq(b->arena);
    bc_value *bullets = NULL;
    const char *to = "";
    for (const entry *e = u->lists[PROPOSALS].head; e; e = e->next) {
        const char *addressee = e->cells[0].text;
        if (!bullets || strcmp(addressee, to) != 0) {
            if (*addressee) {
                bc_buf line = BC_BUF_INIT;
                bc_buf_printf(&line, "Kính đề nghị %s:", addressee);
                bc_value_seq_push(b->arena, blocks, paragraph(b, line.ptr));
                bc_buf_fini(&line);
            }
            bullets = bc_value_new_seq(b->arena);
            bc_value_seq_push(b->arena, blocks,
                              view_block(b, "bullets", bullets));
            to = addressee;
        }
        bc_value_seq_push(b->arena, bullets, bullet(b, e));
    }
    return blocks;
}

static bc_value *proposals_part(builder *b, const bc_summary *s, int n)
{
    const bc_summary_table *t = &s->tables[BC_SUMMARY_PROPOSALS];
    bc_value *part = view_part(b, view_numbered(b, bc_vn_roman, n, NULL),
                               made(b, t->title, false));
    if (!t->rows.count)
        bc_value_seq_push(b->arena, bc_value_map_get(part, "blocks"),
                          paragraph(b, t->none));
    bc_value *items = bc_value_map_get(part, "items");
    int number = 0;
    for (size_t i = 0; i < s->units.count; i++) {
        const unit *u = s->units.items[i];
        if (!u->lists[PROPOSALS].count)
            continue;
        bc_value *item = view_item(b, view_numbered(b, view_arabic, ++number,
                                                    NULL),
                                   made(b, u->name, false));
        view_set(b, item, "blocks", proposal_blocks(b, u));
        bc_value_seq_push(b->arena, items, item);
    }
    return part;
}

/* "Trên cơ sở 3 báo cáo của 2 đơn vị (năm 2025), kết quả ... như sau:" */
static bc_value *preamble(builder *b, const bc_summary *s)
{
    bc_buf text = BC_BUF_INIT;
    size_t read = s->files - s->failed;
    bc_buf_printf(&text,
                  "Trên cơ sở %zu báo cáo của %zu đơn vị (", read,
                  s->units.count);
    put_period(s, &text);
    bc_buf_puts(&text, "), kết quả công tác đối ngoại được tổng hợp như "
                        "sau:");
    bc_value *seq = bc_value_new_seq(b->arena);
    bc_value_seq_push(b->arena, seq, paragraph(b, text.ptr));
    bc_buf_fini(&text);
    return seq;
}

/* The summary's view (a bc_view_maker, build.h): the frame's view
 * (view.h) with the summary's preamble and parts in place of its own. */
static bc_value *summary_view(void *summary, const bc_writer *writer,
                              bc_arena *arena, bc_diags *diags)
{
    const bc_summary *s = summary;
    bc_value *view = bc_view_build(s->frame, writer, arena, NULL, diags);
    if (!view)
        return NULL;
    builder b = {.report = s->frame, .arena = arena, .diags = diags,
                 .writer = writer,
                 .scratch = BC_BUF_INIT, .text = BC_BUF_INIT};
    view_set(&b, view, "preamble", preamble(&b, s));
    bc_value *parts = bc_value_new_seq(arena);
    for (size_t k = 0; k < BC_SUMMARY_PROPOSALS; k++)
        bc_value_seq_push(arena, parts,
                          table_part(&b, &s->tables[k], (int)k + 1));
    bc_value_seq_push(arena, parts,
                      proposals_part(&b, s, BC_SUMMARY_PROPOSALS + 1));
    view_set(&b, view, "sections", parts);
    view_set(&b, view, "appendices", bc_value_new_seq(arena));
    bc_buf_fini(&b.scratch);
    bc_buf_fini(&b.text);
    bc_strmap_fini(&b.keys);
    return view;
}

/* ---- formats: build's documents, and the spreadsheets ---- */

static const struct {
    const char *name, *extension;
    bc_summary_format format;
} sheet_formats[] = {{"xlsx", ".xlsx", BC_SUMMARY_XLSX},
                     {"csv", ".csv", BC_SUMMARY_CSV}};

bool bc_summary_format_named(const char *name, bc_summary_format *format)
{
    bc_format document;
    if (bc_format_named(name, &document)) {
        *format = (bc_summary_format)document;
        return true;
    }
    for (size_t i = 0; i < BC_COUNT(sheet_formats); i++)
        if (!strcmp(name, sheet_formats[i].name)) {
            *format = sheet_formats[i].format;
            return true;
        }
    return false;
}

bool bc_summary_format_of_path(const char *path, bc_summary_format *format)
{
    bc_format document;
    if (bc_format_of_path(path, &document)) {
        *format = (bc_summary_format)document;
        return true;
    }
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    for (size_t i = 0; dot && i < BC_COUNT(sheet_formats); i++)
        if (!strcasecmp(dot, sheet_formats[i].extension)) {
            *format = sheet_formats[i].format;
            return true;
        }
    return false;
}

const char *bc_summary_format_name(bc_summary_format format)
{
    for (size_t i = 0; i < BC_COUNT(sheet_formats); i++)
        if (format == sheet_formats[i].format)
            return sheet_formats[i].name;
    return bc_format_name((bc_format)format);
}

/* A text of the frame as plain text, its citations in full. */
static const char *frame_text(const bc_summary *s, const bc_text *t,
                              bc_arena *arena, bc_diags *diags)
{
    bc_citer *citer = bc_citer_new(s->frame);
    bc_buf marked = BC_BUF_INIT, text = BC_BUF_INIT;
    bc_cite_expand_heading(citer, t, &marked, diags);
    bc_writer_plain.bare(marked.ptr ? marked.ptr : "", marked.len, &text);
    const char *v = bc_arena_strndup(arena, text.ptr ? text.ptr : "",
                                     text.len);
    bc_buf_fini(&marked);
    bc_buf_fini(&text);
    bc_citer_free(citer);
    return v;
}

/* The workbook's properties: its title the subject, its author the
 * agency, its date the signing date or 1980-01-01, as a DOCX's. */
static void workbook_info(const bc_summary *s, bc_arena *arena,
                          bc_xlsx_info *info, bc_diags *diags)
{
    const bc_document *d = &s->frame->document;
    info->title = frame_text(s, &d->subject, arena, diags);
    info->author = frame_text(s, &d->issuer.short_name, arena, diags);
    info->year = d->date.set ? d->date.value.year : 1980;
    info->month = d->date.set ? d->date.value.month : 1;
    info->day = d->date.set ? d->date.value.day : 1;
}

static bool write_output(const bc_summary *s, const bc_summary_options *o,
                         bc_arena *arena, bc_buf *out, bc_diags *diags)
{
    if (o->format == BC_SUMMARY_CSV) {
        bc_csv_write(s->tables, BC_SUMMARY_TABLE_COUNT, out);
        return true;
    }
    if (o->format == BC_SUMMARY_XLSX) {
        bc_xlsx_info info;
        workbook_info(s, arena, &info, diags);
        return bc_xlsx_write(s->tables, BC_SUMMARY_TABLE_COUNT, &info,
                             o->output, out, diags);
    }
    bc_build_options build = {.template_dir = o->template_dir,
                              .format = (bc_format)o->format,
                              .pdf_engine = o->pdf_engine};
    return bc_build_view(summary_view, (void *)s, &build, out, diags);
}

/* The status of the first error added to diags since its item from. */
static bc_status first_error(const bc_diags *diags, size_t from)
{
    for (size_t i = from; i < diags->count; i++)
        if (diags->items[i].level == BC_ERROR)
            return diags->items[i].status;
    return BC_OK;
}

bool bc_summary_build(const char *const *paths, size_t count,
                      const bc_summary_options *options, bc_buf *out,
                      bc_summary_result *result, bc_diags *diags)
{
    result->files = count;
    result->failed = 0;
    size_t from = diags->count;
    if (options->format == BC_SUMMARY_PDF) {
        /* A missing engine is said before any data is read, as build
         * says it. */
        bc_pdf_engine engine;
        bool found = bc_pdf_find_engine(options->pdf_engine, &engine, diags);
        result->status = first_error(diags, from);
        if (!found)
            return false;
        bc_pdf_engine_fini(&engine);
    }
    bc_arena *arena = bc_arena_new();
    bc_summary *s = summary_read(paths, count, options->header, arena,
                                 diags);
    /* A file left out, or none to summarise, is bad data (65), whatever
     * kept it out (a missing file is 66 for build). */
    result->status = s ? (s->failed ? BC_EX_DATAERR : BC_OK)
                       : first_error(diags, from);
    if (s && !s->units.count) {
        bc_pos none = {NULL, 0, 0};
        bc_diag_error(diags, none,
                      _("no report could be read: nothing was written"));
    }
    size_t before = diags->count;
    bool ok = s && s->units.count && write_output(s, options, arena, out,
                                                  diags);
    if (s && s->units.count && !ok)
        result->status = first_error(diags, before);
    if (s)
        result->failed = s->failed;
    bc_arena_free(arena);
    return ok;
}

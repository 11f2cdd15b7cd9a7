/* view.c - the view model (see view.h). */
#include "bcreport/view.h"

#include <string.h>

#include "bcreport/cite.h"
#include "bcreport/vnformat.h"

typedef struct builder {
    const bc_report *report;
    bc_arena *arena;
    bc_diags *diags;
    bc_citer *citer;
    bc_buf scratch; /* citations expanded */
    bc_buf text;    /* the finished text */
    bc_value *self_partner; /* self_name as the first partner */
} builder;

static void set(builder *b, bc_value *map, const char *key, bc_value *v)
{
    bc_value_map_assign(b->arena, map, key, v);
}

static bc_value *string_of(builder *b, const bc_buf *buf)
{
    return bc_value_new_string(b->arena, buf->ptr, buf->len);
}

/* A text with its citations expanded, then end (NULL: nothing) added, as
 * Markdown or as plain text; null for an absent text.  The punctuation
 * that the layout adds goes in before the escaping, so that "2024" then
 * "." cannot become an ordered list "2024." at the start of a line. */
static bc_value *expanded(builder *b, const bc_text *t, bool markdown,
                          bool heading, const char *end)
{
    if (!t->s)
        return bc_value_new_null(b->arena);
    bc_buf_clear(&b->scratch);
    bc_buf_clear(&b->text);
    if (heading)
        bc_cite_expand_heading(b->citer, t, &b->scratch, b->diags);
    else
        bc_cite_expand(b->citer, t, &b->scratch, b->diags);
    if (end)
        bc_buf_puts(&b->scratch, end);
    const char *s = b->scratch.ptr;
    if (markdown)
        bc_cite_finish_markdown(s, b->scratch.len, &b->text);
    else
        bc_cite_finish_plain(s, b->scratch.len, &b->text);
    return string_of(b, &b->text);
}

static bc_value *md(builder *b, const bc_text *t)
{
    return expanded(b, t, true, false, NULL);
}

static bc_value *plain(builder *b, const bc_text *t)
{
    return expanded(b, t, false, false, NULL);
}

/* t without the punctuation in chars (and blanks) at its end: what a clerk
 * copied from an old document where the layout adds its own. */
static bc_text without_trailing(bc_text t, const char *chars)
{
    bc_text rest = t;
    while (rest.len > 0 && strchr(chars, rest.s[rest.len - 1]))
        rest.len--;
    return rest.len > 0 ? rest : t; /* all punctuation: leave it be */
}

/* A list of texts, each as written. */
static bc_value *text_list(builder *b, const bc_texts *ts, bool markdown)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < ts->count; i++)
        bc_value_seq_push(b->arena, seq, expanded(b, &ts->items[i], markdown,
                                                  false, NULL));
    return seq;
}

/* A list as the layout punctuates it (Kính gửi, Nơi nhận): ";" after each
 * item, "." after the last, in place of what the clerk typed. */
static bc_value *punctuated_list(builder *b, const bc_texts *ts)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < ts->count; i++) {
        bc_text t = without_trailing(ts->items[i], ";., \t\n");
        const char *end = i + 1 == ts->count ? "." : ";";
        bc_value_seq_push(b->arena, seq, expanded(b, &t, false, false, end));
    }
    return seq;
}

/* ---- narrative ---- */

static bc_value *bullets_value(builder *b, const bc_block *block)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < block->bullets.count; i++) {
        const bc_bullet *bullet = &block->bullets.items[i];
        bc_value *item = bc_value_new_map(b->arena);
        set(b, item, "text", md(b, &bullet->text));
        set(b, item, "subs", text_list(b, &bullet->subs, true));
        bc_value_seq_push(b->arena, seq, item);
    }
    return seq;
}

static bc_value *blocks_value(builder *b, const bc_blocks *blocks)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < blocks->count; i++) {
        const bc_block *block = &blocks->items[i];
        bc_value *v = bc_value_new_map(b->arena);
        /* Every key, null when not this kind: a strict template asks. */
        set(b, v, "paragraph", bc_value_new_null(b->arena));
        set(b, v, "bullets", bc_value_new_null(b->arena));
        set(b, v, "note", bc_value_new_null(b->arena));
        switch (block->kind) {
        case BC_BLOCK_PARAGRAPH:
            set(b, v, "paragraph", md(b, &block->text));
            break;
        case BC_BLOCK_BULLETS:
            set(b, v, "bullets", bullets_value(b, block));
            break;
        case BC_BLOCK_NOTE: {
            bc_value *note = bc_value_new_map(b->arena);
            set(b, note, "label", plain(b, &block->label));
            set(b, note, "text", md(b, &block->text));
            set(b, v, "note", note);
            break;
        }
        }
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* ---- records written as sentences by the templates ---- */

static bc_value *year_value(builder *b)
{
    return bc_value_new_int(b->arena, b->report->document.year);
}

/* "Hàn Quốc", "Hàn Quốc và Nhật Bản", "A, B và C". */
static bc_value *joined(builder *b, const bc_texts *ts)
{
    bc_buf out = BC_BUF_INIT;
    for (size_t i = 0; i < ts->count; i++) {
        if (i > 0)
            bc_buf_puts(&out, i + 1 == ts->count ? " và " : ", ");
        bc_buf_append(&out, ts->items[i].s, ts->items[i].len);
    }
    bc_value *v = string_of(b, &out);
    bc_buf_fini(&out);
    return v;
}

/* "115.000.000 đồng", or in words "Một trăm mười lăm triệu đồng"; null
 * when not set (and in words past 10^15, which has no reading). */
static bc_value *money(builder *b, const bc_amount *a, bool in_words)
{
    bc_buf out = BC_BUF_INIT;
    bool ok = a->set && (in_words ? bc_vn_money_words(&out, a->value)
                                  : (bc_vn_money(&out, a->value), true));
    bc_value *v = ok ? string_of(b, &out) : bc_value_new_null(b->arena);
    bc_buf_fini(&out);
    return v;
}

static bc_value *delegations_value(builder *b, const bc_task *task)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < task->delegations.count; i++) {
        const bc_delegation *d = &task->delegations.items[i];
        bc_value *v = bc_value_new_map(b->arena);
        set(b, v, "year", year_value(b));
        set(b, v, "who", plain(b, &d->who));
        set(b, v, "with", plain(b, &d->with));
        set(b, v, "countries", joined(b, &d->countries));
        set(b, v, "purpose", plain(b, &d->purpose));
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* The partner of an aid project, by default the issuer's self_name: every
 * project after the first that prints it counts its length against the
 * citer's budget, as a citation would (otherwise a long self_name and many
 * aliased projects would multiply).  Past the budget the build fails, and
 * the first expansion stands in, so nothing more is made. */
static bc_value *partner(builder *b, const bc_aid_project *p)
{
    if (p->partner.s)
        return plain(b, &p->partner);
    if (b->self_partner &&
        !bc_cite_charge(b->citer, &p->donor,
                        "this aid project has no partner, so self_name "
                        "stands in for it once more",
                        b->self_partner->as.string.len, b->diags))
        return b->self_partner;
    bc_value *v = plain(b, &b->report->document.issuer.self_name);
    if (!b->self_partner)
        b->self_partner = v;
    return v;
}

static bc_value *aid_value(builder *b, const bc_task *task)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < task->aid_projects.count; i++) {
        const bc_aid_project *p = &task->aid_projects.items[i];
        bc_value *v = bc_value_new_map(b->arena);
        set(b, v, "year", year_value(b));
        set(b, v, "partner", partner(b, p));
        set(b, v, "donor", plain(b, &p->donor));
        set(b, v, "legal_basis", md(b, &p->legal_basis));
        set(b, v, "status", plain(b, &p->status));
        set(b, v, "project", plain(b, &p->project));
        set(b, v, "place", plain(b, &p->place));
        set(b, v, "amount", money(b, &p->amount, false));
        set(b, v, "amount_words", money(b, &p->amount, true));
        set(b, v, "disbursed", money(b, &p->disbursed, false));
        set(b, v, "disbursed_words", money(b, &p->disbursed, true));
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* ---- the outline: I. / 1. / a) ---- */

static bc_value *numbered(builder *b, bool (*fmt)(bc_buf *, int), int n,
                          const bc_text *at)
{
    bc_buf out = BC_BUF_INIT;
    if (!fmt(&out, n)) {
        bc_pos pos = {b->report->file, at->line, at->col};
        bc_diag_error(b->diags, pos,
                      "item %d cannot be numbered: the Vietnamese letters "
                      "a) to y) stop at %d; split the list",
                      n, BC_VN_LETTER_COUNT);
    }
    bc_value *v = string_of(b, &out);
    bc_buf_fini(&out);
    return v;
}

static bool arabic(bc_buf *out, int n)
{
    bc_buf_printf(out, "%d", n);
    return true;
}

static bc_value *new_item(builder *b, int n, const bc_text *title)
{
    bc_value *item = bc_value_new_map(b->arena);
    set(b, item, "number", numbered(b, arabic, n, title));
    set(b, item, "title", md(b, title));
    set(b, item, "causes", bc_value_new_null(b->arena));
    set(b, item, "points", bc_value_new_seq(b->arena));
    return item;
}

static bc_value *part_item(builder *b, int n, const bc_part *part)
{
    bc_value *item = new_item(b, n, &part->title);
    set(b, item, "blocks", blocks_value(b, &part->body));
    return item;
}

static bc_value *tasks_item(builder *b, int n, const bc_tasks *tasks)
{
    bc_value *item = new_item(b, n, &tasks->title);
    set(b, item, "blocks", bc_value_new_seq(b->arena));
    bc_value *points = bc_value_map_get(item, "points");
    for (size_t i = 0; i < tasks->items.count; i++) {
        const bc_task *task = &tasks->items.items[i];
        bc_value *p = bc_value_new_map(b->arena);
        set(b, p, "letter", numbered(b, bc_vn_letter, (int)i + 1,
                                     &task->title));
        set(b, p, "title", md(b, &task->title));
        set(b, p, "delegations", delegations_value(b, task));
        set(b, p, "aid_projects", aid_value(b, task));
        set(b, p, "blocks", blocks_value(b, &task->body));
        bc_value_seq_push(b->arena, points, p);
    }
    return item;
}

static bc_value *new_section(builder *b, int n, const bc_text *title)
{
    bc_value *s = bc_value_new_map(b->arena);
    set(b, s, "number", numbered(b, bc_vn_roman, n, title));
    set(b, s, "title", md(b, title));
    set(b, s, "to", bc_value_new_null(b->arena));
    set(b, s, "blocks", bc_value_new_seq(b->arena));
    set(b, s, "items", bc_value_new_seq(b->arena));
    return s;
}

static void add_item(builder *b, bc_value *section, bc_value *item)
{
    bc_value_seq_push(b->arena, bc_value_map_get(section, "items"), item);
}

static bc_value *sections_value(builder *b)
{
    const bc_report *r = b->report;
    bc_value *seq = bc_value_new_seq(b->arena);
    int n = 0;

    bc_value *results = new_section(b, ++n, &r->results.title);
    add_item(b, results, part_item(b, 1, &r->results.dissemination));
    add_item(b, results, tasks_item(b, 2, &r->results.tasks));
    bc_value_seq_push(b->arena, seq, results);

    bc_value *assessment = new_section(b, ++n, &r->assessment.title);
    add_item(b, assessment, part_item(b, 1, &r->assessment.strengths));
    bc_value *limits = part_item(b, 2, &r->assessment.limitations);
    set(b, limits, "causes", md(b, &r->assessment.causes));
    add_item(b, assessment, limits);
    bc_value_seq_push(b->arena, seq, assessment);

    if (r->proposals.title.s) {
        bc_value *proposals = new_section(b, ++n, &r->proposals.title);
        /* "Kính đề nghị {{to}}:" */
        bc_text to = without_trailing(r->proposals.to, ": \t\n");
        set(b, proposals, "to", plain(b, &to));
        set(b, proposals, "blocks", blocks_value(b, &r->proposals.body));
        bc_value_seq_push(b->arena, seq, proposals);
    }
    return seq;
}

/* ---- the header and the footer ---- */

static bc_value *number_line(builder *b)
{
    const bc_document *d = &b->report->document;
    bc_buf out = BC_BUF_INIT;
    bc_buf_puts(&out, "Số:");
    if (d->number.s && d->number.len)
        bc_buf_putc(&out, ' ');
    if (d->number.s && d->number.len == 1 && d->number.s[0] >= '1' &&
        d->number.s[0] <= '9')
        bc_buf_putc(&out, '0'); /* numbers below 10 take two digits: 05 */
    if (d->number.s && d->number.len)
        bc_buf_append(&out, d->number.s, d->number.len);
    else
        bc_buf_puts(&out, BC_VN_BLANK); /* for the records office */
    bc_buf_putc(&out, '/');
    bc_buf_append(&out, d->symbol.s, d->symbol.len);
    bc_value *v = string_of(b, &out);
    bc_buf_fini(&out);
    return v;
}

static bc_value *place_date(builder *b)
{
    const bc_document *d = &b->report->document;
    bc_buf out = BC_BUF_INIT;
    bc_buf_append(&out, d->place.s, d->place.len);
    bc_buf_puts(&out, ", ");
    bc_date date = d->date.value;
    if (!d->date.set) {
        date.year = (int)d->year;
        date.month = date.day = 0;
    }
    if (!bc_vn_date_long(&out, date)) {
        bc_pos pos = {b->report->file, d->date.line, d->date.col};
        bc_diag_error(b->diags, pos, "the year %lld cannot be printed in a "
                      "date", (long long)d->year);
    }
    bc_value *v = string_of(b, &out);
    bc_buf_fini(&out);
    return v;
}

static bc_value *issuer_value(builder *b)
{
    const bc_issuer *is = &b->report->document.issuer;
    bc_value *v = bc_value_new_map(b->arena);
    set(b, v, "parent", plain(b, &is->parent));
    set(b, v, "name", text_list(b, &is->name, false));
    set(b, v, "short_name", plain(b, &is->short_name));
    return v;
}

static bc_value *closing(builder *b)
{
    const bc_report *r = b->report;
    if (r->closing.s) { /* the layout ends it with "./." */
        bc_text t = without_trailing(r->closing, ". \t\n");
        return md(b, &t);
    }
    bc_text t = r->document.issuer.short_name;
    bc_buf text = BC_BUF_INIT;
    bc_buf_append(&text, t.s, t.len);
    bc_buf_puts(&text, " kính báo cáo");
    t.s = text.ptr;
    t.len = text.len;
    bc_value *v = md(b, &t);
    bc_buf_fini(&text);
    return v;
}

static void build(builder *b, bc_value *view)
{
    const bc_report *r = b->report;
    const bc_document *d = &r->document;
    set(b, view, "issuer", issuer_value(b));
    set(b, view, "number_line", number_line(b));
    set(b, view, "place_date", place_date(b));
    set(b, view, "type", plain(b, &d->type));
    set(b, view, "year", year_value(b));
    set(b, view, "subject", expanded(b, &d->subject, false, true, NULL));
    bc_value *recipients = punctuated_list(b, &d->recipients);
    set(b, view, "recipients", recipients);
    set(b, view, "recipient",
        recipients->as.seq.count == 1 ? recipients->as.seq.items[0]
                                      : bc_value_new_null(b->arena));
    set(b, view, "preamble", blocks_value(b, &r->preamble));
    set(b, view, "sections", sections_value(b));
    set(b, view, "closing", closing(b));
    set(b, view, "distribution", punctuated_list(b, &r->distribution));
    bc_value *sig = bc_value_new_map(b->arena);
    set(b, sig, "lines", text_list(b, &r->signature.lines, false));
    set(b, sig, "title", plain(b, &r->signature.title));
    set(b, sig, "name", plain(b, &r->signature.name));
    set(b, view, "signature", sig);
}

bc_value *bc_view_build(const bc_report *report, bc_arena *arena,
                        bc_cite_use *uses, bc_diags *diags)
{
    size_t errors = diags->errors;
    builder b = {report, arena, diags, bc_citer_new(report), BC_BUF_INIT,
                 BC_BUF_INIT, NULL};
    bc_citer_check_titles(b.citer, diags);
    bc_value *view = bc_value_new_map(arena);
    build(&b, view);
    for (size_t i = 0; uses && i < report->citations.count; i++)
        uses[i] = *bc_citer_use(b.citer, i);
    bc_citer_free(b.citer);
    bc_buf_fini(&b.scratch);
    bc_buf_fini(&b.text);
    return diags->errors == errors ? view : NULL;
}

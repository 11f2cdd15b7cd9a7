/* view.c - the view model: texts, the outline, the header and the footer
 * (see view.h; narrative, tables and activities are view_content.c's). */
#include <inttypes.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "bcreport/chars.h"
#include "bcreport/i18n.h"
#include "bcreport/utf8.h"
#include "bcreport/vnformat.h"
#include "bcreport/escape.h"
#include "view_internal.h"

/* The string node of key, made once per view. */
static bc_value *shared_key(builder *b, const char *key, size_t len)
{
    /* Fibonacci hashing of the address: literals sit close together. */
    size_t slot = (size_t)(((uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15u) >>
                           57) % BC_COUNT(b->recent);
    bc_value *k = b->recent[slot].node;
    if (b->recent[slot].literal == key && k->as.string.len == len &&
        !memcmp(k->as.string.ptr, key, len))
        return k;
    k = bc_strmap_get(&b->keys, key, len);
    if (!k) {
        k = bc_value_new_string(b->keep ? b->keep : b->arena, key, len);
        bc_strmap_put(&b->keys, k->as.string.ptr, len, k);
    }
    b->recent[slot].literal = key;
    b->recent[slot].node = k;
    return k;
}

void view_set(builder *b, bc_value *map, const char *key, bc_value *v)
{
    size_t len = strlen(key);
    bc_value *k = shared_key(b, key, len);
    for (size_t i = 0; i < map->as.map.count; i++) {
        bc_member *m = &map->as.map.members[i];
        if (m->key == k || (m->key->as.string.len == len &&
                            !memcmp(m->key->as.string.ptr, key, len))) {
            m->value = v;
            return;
        }
    }
    bc_value_map_put(b->arena, map, k, v);
}

bc_value *view_word(builder *b, const char *word)
{
    return shared_key(b, word, strlen(word));
}

bc_value *view_null(builder *b)
{
    if (!b->null)
        b->null = bc_value_new_null(b->keep ? b->keep : b->arena);
    return b->null;
}

static bc_value *string_of(builder *b, const bc_buf *buf)
{
    return bc_value_new_string(b->arena, buf->ptr, buf->len);
}

bc_value *view_made(builder *b, const char *s, size_t len, bool rich)
{
    bc_buf_clear(&b->text);
    b->writer->text(s, len, rich, &b->text);
    return string_of(b, &b->text);
}

bool view_cites(const bc_text *t)
{
    bc_cite_token tok;
    return t->s && bc_cite_next(t->s, t->len, 0, &tok);
}

void view_expand(builder *b, const bc_text *t, bc_buf *out)
{
    if (!t->s)
        return;
    if (b->replay) /* it cites nothing: expanded, it is itself */
        bc_buf_append(out, t->s, t->len);
    else
        bc_cite_expand(b->citer, t, out, b->diags);
}

static void note_citation(void *ctx, const bc_text *t)
{
    *(bool *)ctx |= view_cites(t);
}

bool view_cites_nothing(const builder *b, const bc_schema *schema,
                        const void *obj)
{
    bool cites = view_cites(&b->report->document.issuer.self_name);
    bc_schema_visit_texts(schema, obj, note_citation, &cites);
    return !cites;
}

/* Item i of a lazy list, made by the view's builder (replaying) in the
 * reader's arena. */
static bc_value *make_lazily(const bc_lazy_maker *maker, size_t i,
                             bc_arena *arena)
{
    const view_lazy *l = (const view_lazy *)(const void *)maker;
    builder *b = l->b;
    bc_arena *view = b->arena;
    b->arena = arena;
    bc_value *item = l->make(b, l, i);
    b->arena = view;
    return item;
}

bc_value *view_lazy_list(builder *b, size_t n, const view_lazy *how)
{
    if (!b->lazy || n == 0) {
        bc_value *seq = bc_value_new_seq_of(b->arena, n);
        for (size_t i = 0; i < n; i++)
            bc_value_seq_push(b->arena, seq, NULL);
        return seq;
    }
    view_lazy *l = bc_arena_alloc(b->arena, sizeof *l);
    *l = *how;
    l->maker = (bc_lazy_maker){make_lazily, NULL, NULL};
    l->b = b;
    return bc_value_new_lazy_seq(b->arena, NULL, n, &l->maker);
}

/* A text with its citations expanded (the subject's in full: heading),
 * then end, written by the format's writer. */
static bc_value *expanded(builder *b, const bc_text *t, bool rich,
                          bool heading, const char *end)
{
    if (!t->s)
        return view_null(b);
    bc_buf_clear(&b->scratch);
    if (heading)
        bc_cite_expand_heading(b->citer, t, &b->scratch, b->diags);
    else
        view_expand(b, t, &b->scratch);
    /* The punctuation the layout adds goes in before the escaping, so that
     * "2024" then "." cannot become an ordered list "2024." at the start
     * of a line. */
    if (end)
        bc_buf_puts(&b->scratch, end);
    return view_made(b, b->scratch.ptr, b->scratch.len, rich);
}

bc_value *view_text(builder *b, const bc_text *t, bool rich, const char *end)
{
    return expanded(b, t, rich, false, end);
}

static bc_value *plain(builder *b, const bc_text *t)
{
    return view_text(b, t, false, NULL);
}

/* A label (the type, the short name) with no markup at all, as the
 * format's writer gives it where none is allowed (a DOCX's properties).
 * Read as it is: a citation in it is printed by plain() alone, so that
 * "already cited" does not change. */
static bc_value *bare(builder *b, const bc_text *t)
{
    bc_buf_clear(&b->text);
    b->writer->bare(t->s, t->len, &b->text);
    return string_of(b, &b->text);
}

/* The signing date as YYYY-MM-DD, for document properties; null while the
 * document is a draft. */
static bc_value *date_iso(builder *b)
{
    const bc_date_field *date = &b->report->document.date;
    if (!date->set)
        return view_null(b);
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", date->value.year,
             date->value.month, date->value.day);
    return bc_value_new_cstring(b->arena, iso);
}

static bc_value *made_string(builder *b, const char *s)
{
    return view_made(b, s, strlen(s), false);
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
static bc_value *text_list(builder *b, const bc_texts *ts)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < ts->count; i++)
        bc_value_seq_push(b->arena, seq, plain(b, &ts->items[i]));
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
        bc_value_seq_push(b->arena, seq, view_text(b, &t, false, end));
    }
    return seq;
}

/* ---- the outline: I. / 1. / a) ---- */

bc_value *view_numbered(builder *b, bool (*fmt)(bc_buf *, int), int n,
                        const bc_text *at)
{
    bc_buf out = BC_BUF_INIT;
    bc_pos none = {b->report->file, 0, 0};
    if (!fmt(&out, n))
        bc_diag_error(b->diags, at ? bc_text_pos(at, b->report->file) : none,
                      _("item %d cannot be numbered: the Vietnamese letters "
                      "a) to y) stop at %d; split the list"),
                      n, BC_VN_LETTER_COUNT);
    bc_value *v = string_of(b, &out);
    bc_buf_fini(&out);
    return v;
}

bool view_arabic(bc_buf *out, int n)
{
    bc_buf_put_int(out, n, 1);
    return true;
}

/* t, or the default title when t is absent. */
static bc_value *title_or(builder *b, const bc_text *t, const char *fallback)
{
    return t->s ? view_text(b, t, false, NULL) : made_string(b, fallback);
}

bc_value *view_item(builder *b, bc_value *number, bc_value *title)
{
    bc_value *v = bc_value_new_map_of(b->arena, 6);
    view_set(b, v, "number", number);
    view_set(b, v, "title", title);
    view_set(b, v, "activities", bc_value_new_seq(b->arena));
    view_set(b, v, "blocks", bc_value_new_seq(b->arena));
    view_set(b, v, "causes", bc_value_new_null(b->arena));
    view_set(b, v, "points", bc_value_new_seq(b->arena));
    return v;
}

bc_value *view_part(builder *b, bc_value *number, bc_value *title)
{
    bc_value *s = bc_value_new_map_of(b->arena, 5);
    view_set(b, s, "number", number);
    view_set(b, s, "title", title);
    view_set(b, s, "to", bc_value_new_null(b->arena));
    view_set(b, s, "blocks", bc_value_new_seq(b->arena));
    view_set(b, s, "items", bc_value_new_seq(b->arena));
    return s;
}

/* A point (a, b...): its title, activities and blocks. */
static bc_value *entry_value(builder *b, const bc_entry *e, bc_value *title)
{
    bc_value *v = bc_value_new_map_of(b->arena, 4); /* a point's letter too */
    view_set(b, v, "title", title);
    view_set(b, v, "activities", view_activities(b, e));
    view_set(b, v, "blocks", view_blocks(b, &e->body));
    return v;
}

static bc_value *points_value(builder *b, const bc_entry *item)
{
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < item->points.count; i++) {
        const bc_entry *p = &item->points.items[i];
        bc_value *v = entry_value(b, p, view_text(b, &p->title, false, NULL));
        view_set(b, v, "letter",
                 view_numbered(b, bc_vn_letter, (int)i + 1, &p->title));
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* The default title of a named item (dissemination, strengths...). */
static const char *named_title(const bc_part *part, const bc_entry *e)
{
    return e == &part->dissemination   ? "Công tác tuyên truyền, quán triệt"
           : e == &part->tasks         ? "Kết quả thực hiện các nhiệm vụ"
           : e == &part->strengths     ? "Ưu điểm"
           : e == &part->limitations   ? "Khó khăn, hạn chế"
                                       : "";
}

static bc_value *item_value(builder *b, const bc_part *part,
                            const bc_entry *e, int n)
{
    bc_value *title = title_or(b, &e->title, named_title(part, e));
    bc_value *v = view_item(b, view_numbered(b, view_arabic, n, &e->title),
                            title);
    view_set(b, v, "activities", view_activities(b, e));
    view_set(b, v, "blocks", view_blocks(b, &e->body));
    view_set(b, v, "points", points_value(b, e));
    /* "* Nguyên nhân:" closes the limitations. */
    bool causes = e == &part->limitations && part->causes.s;
    view_set(b, v, "causes", causes ? view_text(b, &part->causes, true, NULL)
                                    : view_null(b));
    return v;
}

static bc_value *numbered_item(builder *b, const view_lazy *l, size_t i)
{
    return item_value(b, l->part, l->part->numbered.items[i], (int)i + 1);
}

static bool has_table(const bc_blocks *blocks)
{
    for (size_t i = 0; i < blocks->count; i++)
        if (blocks->items[i].kind == BC_BLOCK_TABLE)
            return true;
    return false;
}

/* Whether item e of part may be made lazily, whole: nothing in it cites;
 * it holds no table (a table made from activities counts against the
 * budget, and the DOCX lays a table out before rendering) and no points
 * (lettered: past the letters, an error); it is not the limitations,
 * closed by their causes.  Its activities are then counted now. */
static bool item_deferred(builder *b, const bc_part *part, const bc_entry *e)
{
    if (e->points.count || e == &part->limitations || has_table(&e->body) ||
        !view_cites_nothing(b, &bc_item_schema, e))
        return false;
    view_count_activities(b, e);
    return true;
}

static bc_value *items_value(builder *b, const bc_part *part)
{
    size_t n = part->numbered.count;
    view_lazy l = {.make = numbered_item, .part = part};
    bc_value *items = view_lazy_list(b, n, &l);
    for (size_t i = 0; i < n; i++)
        if (!items->lazy || !item_deferred(b, part, part->numbered.items[i]))
            items->as.seq.items[i] = numbered_item(b, &l, i);
    return items;
}

static void default_title(builder *b, const bc_part *part, bc_buf *out)
{
    switch (part->kind) {
    case BC_PART_RESULTS:
        bc_buf_puts(out, "KẾT QUẢ THỰC HIỆN");
        break;
    case BC_PART_ASSESSMENT:
        bc_buf_puts(out, "ĐÁNH GIÁ CHUNG");
        break;
    case BC_PART_PLANS:
        bc_buf_printf(out, "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %" PRId64,
                      b->report->document.year + 1);
        break;
    case BC_PART_PROPOSALS:
        bc_buf_puts(out, "ĐỀ XUẤT, KIẾN NGHỊ");
        break;
    case BC_PART_SECTION:
        break; /* its title is required */
    }
}

static bc_value *part_value(builder *b, const bc_part *part, int n)
{
    bc_buf fallback = BC_BUF_INIT;
    default_title(b, part, &fallback);
    bc_value *title = title_or(b, &part->title, fallback.ptr);
    bc_buf_fini(&fallback);
    bc_value *s = view_part(b, view_numbered(b, bc_vn_roman, n, &part->title),
                            title);
    /* "Kính đề nghị {{to}}:" */
    bc_text to = without_trailing(part->to, ": \t\n");
    view_set(b, s, "to", part->to.s ? plain(b, &to)
                                    : view_null(b));
    view_set(b, s, "blocks", view_blocks(b, &part->body));
    view_set(b, s, "items", items_value(b, part));
    return s;
}

static bc_value *sections_value(builder *b)
{
    const bc_report *r = b->report;
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < r->outline.count; i++)
        bc_value_seq_push(b->arena, seq,
                          part_value(b, r->outline.items[i], (int)i + 1));
    return seq;
}

/* ---- the header ---- */

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
    bc_value *v = view_made(b, out.ptr, out.len, false);
    bc_buf_fini(&out);
    return v;
}

/* The document's date as its lines print it: the date, or the blanks of
 * an unsigned document. */
static void document_date(builder *b, bc_buf *out)
{
    const bc_document *d = &b->report->document;
    bc_date date = d->date.value;
    if (!d->date.set) {
        date.year = (int)d->year;
        date.month = date.day = 0;
    }
    if (!bc_vn_date_long(out, date)) {
        bc_pos pos = {b->report->file, d->date.line, d->date.col};
        bc_diag_error(b->diags, pos, _("the year %lld cannot be printed in a "
                      "date"), (long long)d->year);
    }
}

static bc_value *place_date(builder *b)
{
    const bc_document *d = &b->report->document;
    bc_buf out = BC_BUF_INIT;
    bc_buf_append(&out, d->place.s, d->place.len);
    bc_buf_puts(&out, ", ");
    document_date(b, &out);
    bc_value *v = view_made(b, out.ptr, out.len, false);
    bc_buf_fini(&out);
    return v;
}

static bc_value *issuer_value(builder *b)
{
    const bc_issuer *is = &b->report->document.issuer;
    bc_value *v = bc_value_new_map(b->arena);
    view_set(b, v, "parent", plain(b, &is->parent));
    view_set(b, v, "name", text_list(b, &is->name));
    view_set(b, v, "short_name", plain(b, &is->short_name));
    return v;
}

/* ---- the end: closing, signatures, appendices ---- */

static bc_value *closing(builder *b)
{
    const bc_report *r = b->report;
    if (r->closing.s) { /* the layout ends it with "./." */
        bc_text t = without_trailing(r->closing, ". \t\n");
        return view_text(b, &t, false, NULL);
    }
    bc_text t = r->document.issuer.short_name;
    bc_buf text = BC_BUF_INIT;
    bc_buf_append(&text, t.s, t.len);
    bc_buf_puts(&text, " kính báo cáo");
    t.s = text.ptr;
    t.len = text.len;
    bc_value *v = view_text(b, &t, false, NULL);
    bc_buf_fini(&text);
    return v;
}

/* The signers, the lead agency last: the decree lays joint signatures
 * out with the lead on the right. */
static bc_value *signers_value(builder *b)
{
    const bc_report *r = b->report;
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = r->signatures.count; i-- > 0;) {
        const bc_signature *s = &r->signatures.items[i];
        bc_value *v = bc_value_new_map(b->arena);
        view_set(b, v, "lines", text_list(b, &s->lines));
        view_set(b, v, "title", plain(b, &s->title));
        view_set(b, v, "name", plain(b, &s->name));
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

/* "(Kèm theo Báo cáo số 05/BC-UBND ngày 05/12/2025 của UBND xã Tịnh
 * Khê)", or the blanks of an unsigned document. */
static bc_value *appendix_reference(builder *b)
{
    const bc_document *d = &b->report->document;
    bc_buf out = BC_BUF_INIT;
    bc_buf_puts(&out, "(Kèm theo ");
    bc_utf8_sentence_case(d->type.s, d->type.len, &out);
    bc_buf_puts(&out, " số");
    if (d->number.s && d->number.len)
        bc_buf_printf(&out, " %s%.*s", d->number.len == 1 ? "0" : "",
                      (int)d->number.len, d->number.s);
    else
        bc_buf_puts(&out, BC_VN_BLANK); /* for the records office */
    bc_buf_printf(&out, "/%.*s ", (int)d->symbol.len, d->symbol.s);
    document_date(b, &out);
    bc_buf_puts(&out, " của ");
    bc_buf_append(&out, d->issuer.short_name.s, d->issuer.short_name.len);
    bc_buf_putc(&out, ')');
    bc_value *v = view_made(b, out.ptr, out.len, false);
    bc_buf_fini(&out);
    return v;
}

static bc_value *appendices_value(builder *b)
{
    const bc_report *r = b->report;
    bc_value *seq = bc_value_new_seq(b->arena);
    for (size_t i = 0; i < r->appendices.count; i++) {
        const bc_appendix *a = &r->appendices.items[i];
        bc_value *v = bc_value_new_map(b->arena);
        bc_buf label = BC_BUF_INIT;
        bc_appendix_label(r, i, &label);
        view_set(b, v, "label", view_made(b, label.ptr, label.len, false));
        bc_buf_fini(&label);
        view_set(b, v, "title", plain(b, &a->title));
        view_set(b, v, "reference", appendix_reference(b));
        view_set(b, v, "blocks", view_blocks(b, &a->body));
        bc_value_seq_push(b->arena, seq, v);
    }
    return seq;
}

static void build(builder *b, bc_value *view)
{
    const bc_report *r = b->report;
    const bc_document *d = &r->document;
    view_set(b, view, "issuer", issuer_value(b));
    view_set(b, view, "number_line", number_line(b));
    view_set(b, view, "place_date", place_date(b));
    view_set(b, view, "type", plain(b, &d->type));
    view_set(b, view, "year", bc_value_new_int(b->arena, d->year));
    view_set(b, view, "subject", expanded(b, &d->subject, false, true, NULL));
    /* The same with no markup, for the title of an HTML page. */
    bc_buf_clear(&b->text);
    b->writer->bare(b->scratch.ptr, b->scratch.len, &b->text);
    view_set(b, view, "subject_text", string_of(b, &b->text));
    view_set(b, view, "type_text", bare(b, &d->type));
    view_set(b, view, "issuer_text", bare(b, &d->issuer.short_name));
    view_set(b, view, "date_iso", date_iso(b));
    bc_value *recipients = punctuated_list(b, &d->recipients);
    view_set(b, view, "recipients", recipients);
    view_set(b, view, "recipient",
             recipients->as.seq.count == 1 ? recipients->as.seq.items[0]
                                           : view_null(b));
    view_set(b, view, "preamble", view_blocks(b, &r->preamble));
    view_set(b, view, "sections", sections_value(b));
    view_set(b, view, "closing", closing(b));
    view_set(b, view, "distribution", punctuated_list(b, &r->distribution));
    bc_value *signers = signers_value(b);
    view_set(b, view, "signers", signers);
    view_set(b, view, "signature", /* the lead's, for simple templates */
             signers->as.seq.count
                 ? signers->as.seq.items[signers->as.seq.count - 1]
                 : bc_value_new_null(b->arena));
    view_set(b, view, "several_signers",
             bc_value_new_bool(b->arena, signers->as.seq.count > 1));
    view_set(b, view, "appendices", appendices_value(b));
}

static void builder_fini(void *ctx)
{
    builder *b = ctx;
    bc_citer_free(b->citer);
    bc_buf_fini(&b->scratch);
    bc_buf_fini(&b->text);
    bc_strmap_fini(&b->keys);
    bc_diags_fini(&b->quiet);
}

static bc_value *build_view(builder *b, bc_cite_record *cites)
{
    size_t errors = b->diags->errors;
    bc_citer_check_titles(b->citer, b->diags);
    bc_value *view = bc_value_new_map(b->arena);
    build(b, view);
    if (cites)
        bc_citer_record(b->citer, b->arena, cites);
    bc_citer_free(b->citer);
    b->citer = NULL;
    return b->diags->errors == errors ? view : NULL;
}

bc_value *bc_view_build(const bc_report *report, const bc_writer *writer,
                        bc_arena *arena, bc_cite_record *cites,
                        bc_diags *diags)
{
    builder b = {.report = report, .arena = arena, .diags = diags,
                 .citer = bc_citer_new(report), .writer = writer,
                 .scratch = BC_BUF_INIT, .text = BC_BUF_INIT};
    bc_diags_init(&b.quiet);
    bc_value *view = build_view(&b, cites);
    builder_fini(&b);
    return view;
}

bc_value *bc_view_build_lazy(const bc_report *report,
                             const bc_writer *writer, bc_arena *arena,
                             bc_cite_record *cites, bc_diags *diags)
{
    /* The builder lives as long as the view: it makes the lazy items. */
    builder *b = bc_arena_calloc(arena, 1, sizeof *b);
    *b = (builder){.report = report, .arena = arena, .diags = diags,
                   .citer = bc_citer_new(report), .writer = writer,
                 .scratch = BC_BUF_INIT, .text = BC_BUF_INIT};
    bc_diags_init(&b->quiet);
    bc_arena_defer(arena, builder_fini, b);
    b->keep = arena;
    b->lazy = true;
    bc_value *view = build_view(b, cites);
    b->replay = true;
    b->diags = &b->quiet;
    return view;
}

bool bc_view_render(bc_resolver *resolver, const char *name,
                    const bc_value *view, const char *folder, bc_buf *out,
                    bc_diags *diags)
{
    return bc_view_stream(resolver, name, view, folder, out, NULL, NULL,
                          diags);
}

bool bc_view_stream(bc_resolver *resolver, const char *name,
                    const bc_value *view, const char *folder, bc_buf *out,
                    bc_render_sink sink, void *sink_ctx, bc_diags *diags)
{
    const bc_template *t = NULL;
    bc_pos where = {folder, 0, 0};
    bc_resolve_result found =
        bc_resolver_load(resolver, name, &t, where, diags);
    struct stat st;
    if (found == BC_RESOLVE_MISSING && folder && stat(folder, &st) != 0)
        /* -T given a folder that is not there: say that, not which
         * template is missing from it. */
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, where,
                    _("cannot open the template folder: %s"),
                    strerror(errno));
    else if (found == BC_RESOLVE_MISSING && folder && !S_ISDIR(st.st_mode))
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, where,
                    _("the template folder is not a folder; -T takes the "
                      "folder that holds the templates"));
    else if (found == BC_RESOLVE_MISSING)
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, where,
                    _("no template \"%s\" (%s.mustache) in the template folder"),
                    name, name);
    if (found != BC_RESOLVE_FOUND)
        return false;
    bc_render_options ro = {0};
    ro.escape = bc_escape_none;
    ro.strict = true;
    ro.resolver = resolver;
    ro.sink = sink;
    ro.sink_ctx = sink_ctx;
    return bc_template_render(t, view, &ro, out, diags);
}

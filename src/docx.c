/* docx.c - the report as a Word document: parts from templates, lengths
 * from text widths, zipped (see docx.h). */
#include "bcreport/docx.h"

#include <stdio.h>
#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/textwidth.h"
#include "bcreport/view.h"
#include "bcreport/zip.h"

const bc_docx_part bc_docx_parts[] = {
    {"[Content_Types].xml", "docx-content-types.xml"},
    {"_rels/.rels", "docx-package-rels.xml"},
    {"word/_rels/document.xml.rels", "docx-document-rels.xml"},
    {"word/document.xml", "docx-document.xml"},
    {"word/styles.xml", "docx-styles.xml"},
    {"word/settings.xml", "docx-settings.xml"},
    {"word/fontTable.xml", "docx-font-table.xml"},
    {"word/header1.xml", "docx-header-first.xml"},
    {"word/header2.xml", "docx-header.xml"},
    {"docProps/core.xml", "docx-core.xml"},
    {"docProps/app.xml", "docx-app.xml"},
};
const size_t bc_docx_part_count = BC_COUNT(bc_docx_parts);

/* ---- lengths, in twips (1/20 pt) ---- */

/* A4 less the margins of Decree 30: 210 mm - 30 mm - 15 mm = 165 mm. */
#define TEXT_WIDTH 9355
/* The header's columns, as the HTML's grid: 41 % and 59 %. */
#define AGENCY_COLUMN 3836
#define MOTTO_COLUMN (TEXT_WIDTH - AGENCY_COLUMN)
/* Nơi nhận and the signature: 45 % and 55 %. */
#define DISTRIBUTION_COLUMN 4210
#define SIGNATURE_COLUMN (TEXT_WIDTH - DISTRIBUTION_COLUMN)

/* Half-points of the texts measured, as in the styles. */
#define AGENCY_SIZE 24 /* 12 pt */
#define BODY_SIZE 28   /* 14 pt */

/* The text of WordprocessingML runs (what bc_writer_wml wrote): the
 * content of each w:t, unescaped, a non-breaking hyphen as "-". */
static void runs_text(const char *wml, bc_buf *out)
{
    static const struct {
        const char *from, *to;
    } entities[] = {{"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},
                    {"&quot;", "\""}, {"&#39;", "'"}};
    bool in_text = false;
    for (const char *p = wml; *p;) {
        if (*p == '<') {
            if (!strncmp(p, "<w:t>", 5) || !strncmp(p, "<w:t ", 5))
                in_text = true;
            else if (!strncmp(p, "</w:t>", 6))
                in_text = false;
            else if (!strncmp(p, "<w:noBreakHyphen/>", 18))
                bc_buf_putc(out, '-');
            const char *end = strchr(p, '>');
            p = end ? end + 1 : p + strlen(p);
            continue;
        }
        size_t n = 1;
        const char *rep = NULL;
        for (size_t i = 0; *p == '&' && i < BC_COUNT(entities); i++)
            if (!strncmp(p, entities[i].from, strlen(entities[i].from))) {
                n = strlen(entities[i].from);
                rep = entities[i].to;
            }
        if (in_text)
            bc_buf_append(out, rep ? rep : p, rep ? strlen(rep) : 1);
        p += n;
    }
}

/* How wide a text of the view (WordprocessingML runs) prints; 0 for
 * none. */
static unsigned long width_of(const bc_value *runs, bc_face face, int size)
{
    if (!runs || runs->kind != BC_VALUE_STRING)
        return 0;
    bc_buf text = BC_BUF_INIT;
    runs_text(runs->as.string.ptr, &text);
    unsigned long w = bc_text_twips(text.ptr, text.len, face, size);
    bc_buf_fini(&text);
    return w;
}

/* The widest of a list of texts of the view. */
static unsigned long widest_of(const bc_value *list, bc_face face, int size)
{
    unsigned long widest = 0;
    for (size_t i = 0; list && list->kind == BC_VALUE_SEQ &&
                       i < list->as.seq.count;
         i++) {
        unsigned long w = width_of(list->as.seq.items[i], face, size);
        widest = w > widest ? w : widest;
    }
    return widest;
}

static unsigned long cwidth(const char *s, bc_face face, int size)
{
    return bc_text_twips(s, strlen(s), face, size);
}

/* The indent, on each side, that centres a rule of 40 % of a line of
 * width text_width (no wider than column) in column: Decree 30 asks for a
 * third to a half. */
static long rule_indent(unsigned long text_width, long column)
{
    unsigned long line = text_width < (unsigned long)column
                             ? text_width
                             : (unsigned long)column;
    long rule = (long)(line * 2 / 5);
    return (column - rule) / 2;
}

static void put_length(bc_arena *arena, bc_value *map, const char *key,
                       long twips)
{
    bc_value_map_set(arena, map, key, bc_value_new_int(arena, twips));
}

/* Where the block "Kính gửi:" with its list of recipients starts so that
 * it stands centred, the dashes under the colon: the list is as far in as
 * "Kính gửi" is wide; a recipient too long for the line wraps under its
 * own text (the hanging indent of the dash). */
static void recipients_layout(const bc_value *view, bc_arena *arena,
                              bc_value *docx)
{
    unsigned long label = cwidth("Kính gửi", BC_FACE_REGULAR, BODY_SIZE);
    unsigned long dash = cwidth("- ", BC_FACE_REGULAR, BODY_SIZE);
    unsigned long colon = cwidth(":", BC_FACE_REGULAR, BODY_SIZE);
    /* each recipient with its dash, and its ";" or "." already */
    unsigned long widest = dash + widest_of(bc_value_map_get(view,
                                                             "recipients"),
                                            BC_FACE_REGULAR, BODY_SIZE);
    unsigned long block = label + (widest > colon ? widest : colon);
    long left = block < TEXT_WIDTH ? (long)(TEXT_WIDTH - block) / 2 : 0;
    put_length(arena, docx, "to_indent", left);
    put_length(arena, docx, "list_indent", left + (long)label + (long)dash);
    put_length(arena, docx, "list_hanging", (long)dash);
}

/* ---- several signers ---- */

/* The signing space (28 mm) and a line of the authority (14 pt at 1.25). */
#define SIGN_SPACE 1587
#define AUTHORITY_LINE 350

/* The lines a signer's authority and title take in a column. */
static long authority_lines(const bc_value *signer, long column)
{
    long lines = 0;
    const bc_value *list = bc_value_map_get(signer, "lines");
    const bc_value *title = bc_value_map_get(signer, "title");
    size_t n = list && list->kind == BC_VALUE_SEQ ? list->as.seq.count : 0;
    for (size_t i = 0; i <= n; i++) {
        const bc_value *text = i < n ? list->as.seq.items[i] : title;
        unsigned long w = width_of(text, BC_FACE_BOLD, BODY_SIZE);
        lines += w ? (long)((w + (unsigned long)column - 1) /
                            (unsigned long)column)
                   : 0;
    }
    return lines;
}

/* Each signer's space before the name ("sign_space"), so that side by
 * side the names stand on one line, under authorities of different
 * lengths, as in the HTML. */
static void signing_spaces(bc_value *signers, long column, bc_arena *arena)
{
    long most = 0;
    for (size_t i = 0; i < signers->as.seq.count; i++) {
        long n = authority_lines(signers->as.seq.items[i], column);
        most = n > most ? n : most;
    }
    for (size_t i = 0; i < signers->as.seq.count; i++) {
        long n = authority_lines(signers->as.seq.items[i], column);
        put_length(arena, signers->as.seq.items[i], "sign_space",
                   SIGN_SPACE + (most - n) * AUTHORITY_LINE);
    }
}

/* ---- the columns of the tables ---- */

/* Cells are 12 pt, with 3 pt of margin on each side and a border. */
#define CELL_SIZE 24
#define CELL_PADDING 132

/* What a column needs: its longest word (it cannot be narrower) and its
 * longest text on one line. */
typedef struct column_need {
    unsigned long least, most;
} column_need;

static void need_text(column_need *c, const char *wml, bc_face face,
                      bool wraps)
{
    bc_buf text = BC_BUF_INIT;
    runs_text(wml, &text);
    unsigned long whole = bc_text_twips(text.ptr, text.len, face, CELL_SIZE);
    unsigned long word = 0;
    for (size_t start = 0, i = 0; i <= text.len; i++) {
        if (i < text.len && text.ptr[i] != ' ')
            continue;
        unsigned long w = bc_text_twips(text.ptr + start, i - start, face,
                                        CELL_SIZE);
        word = w > word ? w : word;
        start = i + 1;
    }
    bc_buf_fini(&text);
    unsigned long least = (wraps ? word : whole) + CELL_PADDING;
    c->least = least > c->least ? least : c->least;
    c->most = whole + CELL_PADDING > c->most ? whole + CELL_PADDING : c->most;
}

static const char *string_at(const bc_value *map, const char *key)
{
    const bc_value *v = bc_value_map_get(map, key);
    return v && v->kind == BC_VALUE_STRING ? v->as.string.ptr : "";
}

/* In a roomy table (view.h) a column of figures is at least 3.6 em wide
 * (12 pt: 864 twips), as style.css.mustache makes it, so that its header
 * wraps at two or three words a line above small counts, not at one. */
#define FIGURES_LEAST (864 + CELL_PADDING)

/* Each cell of row (a list of cells) tells its column what it needs;
 * figures and dates (not left-aligned) never wrap, as in the HTML. */
static void need_row(const bc_value *cells, column_need *need, size_t n,
                     bc_face face, bool roomy)
{
    for (size_t c = 0; cells && c < cells->as.seq.count && c < n; c++) {
        const bc_value *cell = cells->as.seq.items[c];
        const char *align = string_at(cell, "align");
        need_text(&need[c], string_at(cell, "text"), face,
                  !strcmp(align, "left"));
        if (roomy && !strcmp(align, "right")) {
            column_need *k = &need[c];
            k->least = k->least > FIGURES_LEAST ? k->least : FIGURES_LEAST;
            k->most = k->most > FIGURES_LEAST ? k->most : FIGURES_LEAST;
        }
    }
}

static void set_widths(bc_arena *arena, const bc_value *cells,
                       const long *width, size_t n)
{
    for (size_t c = 0; cells && c < cells->as.seq.count && c < n; c++)
        put_length(arena, cells->as.seq.items[c], "width", width[c]);
}

/* The widths of a table's columns, for the rows of a lazy list. */
typedef struct column_widths {
    const long *width;
    size_t n;
} column_widths;

static void finish_row(void *ctx, bc_value *row, bc_arena *arena)
{
    const column_widths *w = ctx;
    set_widths(arena, bc_value_map_get(row, "cells"), w->width, w->n);
}

/* Widths as a browser lays out an automatic table: each column gets what
 * it needs at least, then the rest of the text width in proportion to
 * what it would take on one line, so that no word breaks and text
 * columns get the room figures do not need. */
static void share_width(const column_need *need, long *width, size_t n)
{
    unsigned long least = 0, most = 0;
    for (size_t c = 0; c < n; c++) {
        least += need[c].least;
        most += need[c].most;
    }
    for (size_t c = 0; c < n; c++) {
        double w;
        if (most <= TEXT_WIDTH) /* all on one line: the rest shared out */
            w = (double)need[c].most * TEXT_WIDTH / (double)most;
        else if (least >= TEXT_WIDTH) /* too wide: the least, scaled */
            w = (double)need[c].least * TEXT_WIDTH / (double)least;
        else
            w = need[c].least + (double)(need[c].most - need[c].least) *
                                    (TEXT_WIDTH - least) / (most - least);
        width[c] = (long)w;
    }
}

/* Gives each cell of a table of the view (header, rows, total) the
 * width of its column, in twips. */
static void lay_out_table(bc_arena *arena, const bc_value *table)
{
    const bc_value *header = bc_value_map_get(table, "header");
    const bc_value *rows = bc_value_map_get(table, "rows");
    const bc_value *total = bc_value_map_get(table, "total");
    const bc_value *roomy = bc_value_map_get(table, "roomy");
    bool room = roomy && roomy->kind == BC_VALUE_BOOL && roomy->as.boolean;
    size_t n = header->as.seq.count;
    column_need *need = bc_arena_calloc(arena, n ? n : 1, sizeof *need);
    long *width = bc_arena_calloc(arena, n ? n : 1, sizeof *width);
    for (size_t c = 0; c < n; c++) /* a heading wraps above its figures */
        need_text(&need[c], string_at(header->as.seq.items[c], "text"),
                  BC_FACE_BOLD, true);
    for (size_t c = 0; c < n; c++)
        need[c].most = need[c].least;
    /* The rows of a lazy list are made one at a time to be measured. */
    bc_arena *scratch = bc_arena_new();
    for (size_t r = 0; rows && r < rows->as.seq.count; r++) {
        need_row(bc_value_map_get(bc_value_seq_item(rows, r, scratch),
                                  "cells"),
                 need, n, BC_FACE_REGULAR, room);
        bc_arena_reset(scratch);
    }
    bc_arena_free(scratch);
    if (total && total->kind == BC_VALUE_MAP)
        need_row(bc_value_map_get(total, "cells"), need, n, BC_FACE_BOLD,
                 room);
    share_width(need, width, n);
    set_widths(arena, header, width, n);
    for (size_t r = 0; rows && r < rows->as.seq.count; r++)
        if (rows->as.seq.items[r]) /* made already */
            set_widths(arena,
                       bc_value_map_get(rows->as.seq.items[r], "cells"),
                       width, n);
    bc_lazy_maker *lazy = bc_value_lazy_maker(rows);
    if (lazy) { /* the others, as they are made */
        column_widths *w = bc_arena_alloc(arena, sizeof *w);
        *w = (column_widths){width, n};
        lazy->finish = finish_row;
        lazy->finish_ctx = w;
    }
    if (total && total->kind == BC_VALUE_MAP)
        set_widths(arena, bc_value_map_get(total, "cells"), width, n);
}

/* Finds the tables anywhere in the view: maps with a header and rows. */
static void lay_out_tables(bc_arena *arena, const bc_value *v)
{
    if (v->kind == BC_VALUE_SEQ) {
        /* Not made yet: an item of a lazy list, which holds no table
         * (view.h). */
        for (size_t i = 0; i < v->as.seq.count; i++)
            if (v->as.seq.items[i])
                lay_out_tables(arena, v->as.seq.items[i]);
        return;
    }
    if (v->kind != BC_VALUE_MAP)
        return;
    const bc_value *header = bc_value_map_get(v, "header");
    if (header && header->kind == BC_VALUE_SEQ &&
        bc_value_map_get(v, "rows")) {
        lay_out_table(arena, v);
        return;
    }
    for (size_t i = 0; i < v->as.map.count; i++)
        lay_out_tables(arena, v->as.map.members[i].value);
}

/* The "docx" map of the view: the lengths the templates cannot compute,
 * from the view's own texts (citations expanded). */
static void add_layout(bc_value *view, bc_arena *arena)
{
    bc_value *docx = bc_value_new_map(arena);
    const bc_value *issuer = bc_value_map_get(view, "issuer");
    unsigned long agency = widest_of(bc_value_map_get(issuer, "name"),
                                     BC_FACE_BOLD, AGENCY_SIZE);
    put_length(arena, docx, "text_width", TEXT_WIDTH);
    put_length(arena, docx, "agency_column", AGENCY_COLUMN);
    put_length(arena, docx, "motto_column", MOTTO_COLUMN);
    put_length(arena, docx, "agency_rule",
               rule_indent(agency, AGENCY_COLUMN));
    /* The Tiêu ngữ's rule is its bottom border, as long as the text: the
     * indents leave it a point of slack on each side, so that it never
     * wraps. */
    unsigned long slogan = cwidth("Độc lập - Tự do - Hạnh phúc",
                                  BC_FACE_BOLD, 26);
    put_length(arena, docx, "slogan_indent",
               ((long)MOTTO_COLUMN - (long)slogan - 40) / 2);
    put_length(arena, docx, "subject_rule",
               rule_indent(width_of(bc_value_map_get(view, "subject"),
                                    BC_FACE_BOLD, BODY_SIZE),
                           TEXT_WIDTH));
    recipients_layout(view, arena, docx);
    put_length(arena, docx, "distribution_column", DISTRIBUTION_COLUMN);
    put_length(arena, docx, "signature_column", SIGNATURE_COLUMN);
    bc_value *signers = bc_value_map_get(view, "signers");
    size_t n = signers && signers->as.seq.count ? signers->as.seq.count : 1;
    put_length(arena, docx, "signer_column", TEXT_WIDTH / (long)n);
    if (signers)
        signing_spaces(signers, TEXT_WIDTH / (long)n, arena);
    lay_out_tables(arena, view);
    bc_value_map_set(arena, view, "docx", docx);
}

/* ---- the parts ---- */

/* A part's bytes as its template renders them, deflated at once. */
typedef struct part_sink {
    bc_zip *zip;
    bc_diags *diags;
} part_sink;

static bool to_zip(void *ctx, const char *s, size_t len)
{
    part_sink *p = ctx;
    return bc_zip_write(p->zip, s, len, p->diags);
}

bool bc_docx_write(bc_value *view, bc_arena *arena, bc_resolver *resolver,
                   const char *folder, bc_buf *out, bc_diags *diags)
{
    add_layout(view, arena);
    bc_zip *zip = bc_zip_new(diags);
    if (!zip)
        return false;
    /* The document of a long report is 2.3 times its data in XML:
     * streamed into the archive, it is never held whole. */
    bc_buf piece = BC_BUF_INIT;
    part_sink sink = {zip, diags};
    bool ok = true;
    for (size_t i = 0; ok && i < bc_docx_part_count; i++)
        ok = bc_zip_begin(zip, bc_docx_parts[i].path, diags) &&
             bc_view_stream(resolver, bc_docx_parts[i].template, view, folder,
                            &piece, to_zip, &sink, diags) &&
             bc_zip_end(zip, diags);
    bc_buf_fini(&piece);
    if (!ok) {
        bc_zip_free(zip);
        return false;
    }
    return bc_zip_finish(zip, out, diags);
}

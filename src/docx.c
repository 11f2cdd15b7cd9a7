/* docx.c - the report as a Word document: parts from templates, lengths
 * from text widths, zipped (see docx.h). */
#include "bcreport/docx.h"

#include <stdio.h>
#include <string.h>

#include "bcreport/chars.h"
#include "bcreport/escape.h"
#include "bcreport/textwidth.h"
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

static unsigned long width_of(const bc_text *t, bc_face face, int size)
{
    return t->s ? bc_text_twips(t->s, t->len, face, size) : 0;
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
static void recipients_layout(const bc_document *d, bc_arena *arena,
                              bc_value *docx)
{
    unsigned long label = cwidth("Kính gửi", BC_FACE_REGULAR, BODY_SIZE);
    unsigned long dash = cwidth("- ", BC_FACE_REGULAR, BODY_SIZE);
    unsigned long widest = cwidth(":", BC_FACE_REGULAR, BODY_SIZE);
    for (size_t i = 0; i < d->recipients.count; i++) {
        /* the dash, the recipient and its ";" or "." */
        unsigned long w = dash +
                          width_of(&d->recipients.items[i], BC_FACE_REGULAR,
                                   BODY_SIZE) +
                          cwidth(";", BC_FACE_REGULAR, BODY_SIZE);
        if (w > widest)
            widest = w;
    }
    unsigned long block = label + widest;
    long left = block < TEXT_WIDTH ? (long)(TEXT_WIDTH - block) / 2 : 0;
    put_length(arena, docx, "to_indent", left);
    put_length(arena, docx, "list_indent", left + (long)label + (long)dash);
    put_length(arena, docx, "list_hanging", (long)dash);
}

/* The "docx" map of the view: the lengths the templates cannot compute. */
static void add_layout(const bc_report *report, bc_value *view,
                       bc_arena *arena)
{
    const bc_document *d = &report->document;
    bc_value *docx = bc_value_new_map(arena);
    unsigned long agency = 0;
    for (size_t i = 0; i < d->issuer.name.count; i++) {
        unsigned long w = width_of(&d->issuer.name.items[i], BC_FACE_BOLD,
                                   AGENCY_SIZE);
        agency = w > agency ? w : agency;
    }
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
               rule_indent(width_of(&d->subject, BC_FACE_BOLD, BODY_SIZE),
                           TEXT_WIDTH));
    recipients_layout(d, arena, docx);
    put_length(arena, docx, "distribution_column", DISTRIBUTION_COLUMN);
    put_length(arena, docx, "signature_column", SIGNATURE_COLUMN);
    size_t signers = report->signatures.count ? report->signatures.count : 1;
    put_length(arena, docx, "signer_column", TEXT_WIDTH / (long)signers);
    bc_value_map_set(arena, view, "docx", docx);
}

/* ---- the parts ---- */

static bool render_part(bc_resolver *resolver, const bc_docx_part *part,
                        const bc_value *view, bc_buf *out, bc_diags *diags)
{
    const bc_template *t = NULL;
    bc_pos where = {NULL, 0, 0};
    bc_resolve_result found =
        bc_resolver_load(resolver, part->template, &t, where, diags);
    if (found == BC_RESOLVE_MISSING)
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, where,
                    "no template \"%s\" (%s.mustache) in the template "
                    "folder, for the DOCX part %s",
                    part->template, part->template, part->path);
    if (found != BC_RESOLVE_FOUND)
        return false;
    bc_render_options ro = {0};
    ro.escape = bc_escape_none;
    ro.strict = true;
    ro.resolver = resolver;
    return bc_template_render(t, view, &ro, out, diags);
}

bool bc_docx_write(const bc_report *report, bc_value *view, bc_arena *arena,
                   bc_resolver *resolver, bc_buf *out, bc_diags *diags)
{
    add_layout(report, view, arena);
    bc_zip *zip = bc_zip_new(diags);
    if (!zip)
        return false;
    bc_buf part = BC_BUF_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < bc_docx_part_count; i++) {
        bc_buf_clear(&part);
        ok = render_part(resolver, &bc_docx_parts[i], view, &part, diags) &&
             bc_zip_add(zip, bc_docx_parts[i].path, part.ptr, part.len,
                        diags);
    }
    bc_buf_fini(&part);
    if (!ok) {
        bc_zip_free(zip);
        return false;
    }
    return bc_zip_finish(zip, out, diags);
}

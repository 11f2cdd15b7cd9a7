/* writer.c - the texts of the report in each output format (see
 * writer.h). */
#include "bcreport/writer.h"

#include <string.h>

#include "bcreport/escape.h"
#include "bcreport/md_html.h"

/* ---- Markdown ---- */

static void markdown_text(const char *s, size_t len, bool rich, bc_buf *out)
{
    size_t start = out->len;
    bc_escape_markdown_marked(s, len, rich, out);
    /* A Markdown reader lays out no page: numbers may break there.  Most
     * texts hold no number (a close mark follows an open one). */
    if (!memchr(out->ptr + start, BC_MARK_NOBREAK_OPEN, out->len - start))
        return;
    size_t kept = start;
    for (size_t i = start; i < out->len; i++)
        if (out->ptr[i] != BC_MARK_NOBREAK_OPEN &&
            out->ptr[i] != BC_MARK_NOBREAK_CLOSE)
            out->ptr[kept++] = out->ptr[i];
    out->len = kept;
    out->ptr[kept] = '\0';
}

static void markdown_bare(const char *s, size_t len, bc_buf *out)
{
    markdown_text(s, len, false, out);
}

const bc_writer bc_writer_markdown = {"md", markdown_text, markdown_bare};

/* Text without its marks. */
static void drop_marks(const char *s, size_t len, bc_buf *out)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] > BC_MARK_NOBREAK_CLOSE)
            bc_buf_putc(out, s[i]);
}

/* ---- HTML ---- */

/* Text escaped as HTML, with the marks of escape.h as markup. */
static void html_put(void *user, const char *s, size_t len)
{
    bc_buf *out = user;
    size_t done = 0;
    for (size_t i = 0; i < len; i++) {
        const char *tag;
        switch (s[i]) {
        case BC_MARK_EMPH_OPEN:
            tag = "<em>";
            break;
        case BC_MARK_EMPH_CLOSE:
            tag = "</em>";
            break;
        case BC_MARK_NOBREAK_OPEN:
            tag = "<span class=\"bc-nb\">";
            break;
        case BC_MARK_NOBREAK_CLOSE:
            tag = "</span>";
            break;
        case BC_MARK_LITERAL_OPEN:
        case BC_MARK_LITERAL_CLOSE:
            tag = "";
            break;
        default:
            continue;
        }
        bc_escape_html(s + done, i - done, out);
        bc_buf_puts(out, tag);
        done = i + 1;
    }
    bc_escape_html(s + done, len - done, out);
}

static void html_strong(void *user, bool open)
{
    bc_buf_puts(user, open ? "<strong>" : "</strong>");
}

static void html_emph(void *user, bool open)
{
    bc_buf_puts(user, open ? "<em>" : "</em>");
}

/* Escaped for Markdown as the Markdown output has it, then read back by
 * cmark, so that the HTML says what the Markdown means, emphasis
 * included. */
static void html_text(const char *s, size_t len, bool rich, bc_buf *out)
{
    bc_buf md = BC_BUF_INIT;
    bc_escape_markdown_marked(s, len, rich, &md);
    bc_inline_sink sink = {out, html_put, html_strong, html_emph};
    bc_md_inline(md.ptr, md.len, &sink);
    bc_buf_fini(&md);
}

static void html_bare(const char *s, size_t len, bc_buf *out)
{
    bc_buf text = BC_BUF_INIT;
    drop_marks(s, len, &text);
    bc_escape_html(text.ptr, text.len, out);
    bc_buf_fini(&text);
}

const bc_writer bc_writer_html = {"html", html_text, html_bare};

/* ---- WordprocessingML (DOCX) ---- */

/* The runs of one text: the format of each run, and the marks' state. */
typedef struct wml_runs {
    bc_buf *out;
    int strong, emph; /* open spans: cmark's and the marks' */
    bool nobreak;
} wml_runs;

/* Escaped text of a run's w:t: in a document number, a hyphen is Word's
 * non-breaking one and a space a no-break space; tabs and line breaks
 * are spaces, as the other formats show them. */
static void wml_chars(const wml_runs *w, const char *s, size_t len)
{
    size_t done = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            rep = " ";
        else if (w->nobreak && s[i] == '-')
            rep = "</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">";
        else if (w->nobreak && s[i] == ' ')
            rep = "\u00a0";
        else
            continue;
        bc_escape_html(s + done, i - done, w->out);
        bc_buf_puts(w->out, rep);
        done = i + 1;
    }
    bc_escape_html(s + done, len - done, w->out);
}

static void wml_run(const wml_runs *w, const char *s, size_t len)
{
    if (len == 0)
        return;
    bc_buf_puts(w->out, "<w:r>");
    if (w->strong || w->emph) {
        bc_buf_puts(w->out, "<w:rPr>");
        if (w->strong)
            bc_buf_puts(w->out, "<w:b/><w:bCs/>");
        if (w->emph)
            bc_buf_puts(w->out, "<w:i/><w:iCs/>");
        bc_buf_puts(w->out, "</w:rPr>");
    }
    bc_buf_puts(w->out, "<w:t xml:space=\"preserve\">");
    wml_chars(w, s, len);
    bc_buf_puts(w->out, "</w:t></w:r>");
}

/* Text with the marks of escape.h: a run between two marks. */
static void wml_put(void *user, const char *s, size_t len)
{
    wml_runs *w = user;
    size_t done = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if ((unsigned char)c > BC_MARK_NOBREAK_CLOSE)
            continue;
        wml_run(w, s + done, i - done);
        done = i + 1;
        if (c == BC_MARK_EMPH_OPEN || c == BC_MARK_EMPH_CLOSE)
            w->emph += c == BC_MARK_EMPH_OPEN ? 1 : -1;
        else if (c == BC_MARK_NOBREAK_OPEN || c == BC_MARK_NOBREAK_CLOSE)
            w->nobreak = c == BC_MARK_NOBREAK_OPEN;
    }
    wml_run(w, s + done, len - done);
}

static void wml_strong(void *user, bool open)
{
    ((wml_runs *)user)->strong += open ? 1 : -1;
}

static void wml_emph(void *user, bool open)
{
    ((wml_runs *)user)->emph += open ? 1 : -1;
}

/* Runs (w:r) for a paragraph of a template: read by cmark as the HTML
 * is, so that the formats agree on what is bold or italic. */
static void wml_text(const char *s, size_t len, bool rich, bc_buf *out)
{
    bc_buf md = BC_BUF_INIT;
    bc_escape_markdown_marked(s, len, rich, &md);
    wml_runs w = {out, 0, 0, false};
    bc_inline_sink sink = {&w, wml_put, wml_strong, wml_emph};
    bc_md_inline(md.ptr, md.len, &sink);
    bc_buf_fini(&md);
}

/* Plain escaped text, for the document's properties (docProps). */
static void wml_bare(const char *s, size_t len, bc_buf *out)
{
    html_bare(s, len, out);
}

const bc_writer bc_writer_wml = {"docx", wml_text, wml_bare};

/* ---- plain text (CSV, spreadsheets) ---- */

static void plain_put(void *user, const char *s, size_t len)
{
    drop_marks(s, len, user);
}

static void plain_span(void *user, bool open)
{
    (void)user;
    (void)open;
}

/* Rich text is read by cmark as in the other formats, so that its
 * emphasis is dropped where the others make it bold or italic, and its
 * escapes are undone; line by line, as a cell keeps its lines where a
 * paragraph would join them.  Other text only loses its marks. */
static void plain_text(const char *s, size_t len, bool rich, bc_buf *out)
{
    if (!rich) {
        drop_marks(s, len, out);
        return;
    }
    bc_buf md = BC_BUF_INIT;
    bc_inline_sink sink = {out, plain_put, plain_span, plain_span};
    for (size_t start = 0; start <= len;) {
        const char *nl = memchr(s + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - s) : len;
        if (start > 0)
            bc_buf_putc(out, '\n');
        bc_buf_clear(&md);
        bc_escape_markdown_marked(s + start, end - start, true, &md);
        bc_md_inline(md.ptr ? md.ptr : "", md.len, &sink);
        start = end + 1;
    }
    bc_buf_fini(&md);
}

const bc_writer bc_writer_plain = {"plain", plain_text, drop_marks};

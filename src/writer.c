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
    /* A Markdown reader lays out no page: numbers may break there. */
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

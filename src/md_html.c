/* md_html.c - reading Markdown through libcmark (see md_html.h). */
#include "bcreport/md_html.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"

static void *mem_calloc(size_t count, size_t size)
{
    return bc_xcalloc(count, size);
}

static void *mem_realloc(void *p, size_t size)
{
    return bc_xreallocarray(p, size, 1);
}

static cmark_mem allocator = {mem_calloc, mem_realloc, free};

/* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29; no SMART: the
 * data's "--" and quotes stay as typed. */
static cmark_node *parse(const char *md, size_t len)
{
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
                                                     &allocator);
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}

void bc_markdown_to_html(const char *md, size_t len, bc_buf *out)
{
    cmark_node *doc = parse(md, len);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    bc_buf_puts(out, html);
    allocator.free(html);
    cmark_node_free(doc);
}

static void put_literal(const bc_inline_sink *sink, cmark_node *node)
{
    const char *s = cmark_node_get_literal(node);
    if (s && *s)
        sink->text(sink->user, s, strlen(s));
}

/* One node: leaves are text; emphasis opens and closes around its
 * children; other containers (a paragraph, a link) only hold children. */
static void visit(const bc_inline_sink *sink, cmark_node *node,
                  cmark_event_type ev, bool *first_block)
{
    bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        put_literal(sink, node);
        break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        sink->text(sink->user, " ", 1);
        break;
    case CMARK_NODE_STRONG:
        sink->strong(sink->user, enter);
        break;
    case CMARK_NODE_EMPH:
        sink->emph(sink->user, enter);
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
        if (enter && !*first_block) /* never from escaped text: kept apart */
            sink->text(sink->user, " ", 1);
        *first_block = false;
        if (enter && (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK ||
                      cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK))
            put_literal(sink, node); /* leaves: entered only */
        break;
    default:
        break;
    }
}

void bc_md_inline(const char *md, size_t len, const bc_inline_sink *sink)
{
    cmark_node *doc = parse(md, len);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    bool first_block = true;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        visit(sink, cmark_iter_get_node(it), ev, &first_block);
    cmark_iter_free(it);
    cmark_node_free(doc);
}

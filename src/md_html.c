/* md_html.c - CommonMark to HTML through libcmark (see md_html.h). */
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

void bc_markdown_to_html(const char *md, size_t len, bc_buf *out)
{
    /* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29; no SMART: the
     * data's "--" and quotes stay as typed. */
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
                                                     &allocator);
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    bc_buf_puts(out, html);
    allocator.free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
}

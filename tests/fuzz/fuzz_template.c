/*
 * fuzz_template.c - libFuzzer target: Mustache compile and render.
 *
 * The input is split at its first two NUL bytes:
 *
 *     TEMPLATE \0 YAML-DATA \0 PARTIAL
 *
 * (missing parts are empty).  The partial is served by a table resolver
 * under the names "p" and "q", so {{>p}}, {{<p}}...{{/p}} and dynamic names
 * reach it.  TEMPLATE is compiled and rendered against the data (an empty
 * context when the data does not load) four times: HTML and Markdown
 * escaping, each strict and not strict.  TEMPLATE and the data are also
 * passed straight to the escaping functions.  See tests/fuzz/README.md.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "fuzz_common.h"
#include "bcreport/template.h"
#include "bcreport/yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next part of [*p, end) up to a NUL (or the end). */
static void next_part(const char **p, const char *end, const char **s,
                      size_t *len)
{
    const char *nul = *p < end ? memchr(*p, '\0', (size_t)(end - *p)) : NULL;
    *s = *p;
    if (nul) {
        *len = (size_t)(nul - *p);
        *p = nul + 1;
    } else {
        *len = (size_t)(end - *p);
        *p = end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    const char *tsrc, *ysrc, *psrc;
    size_t tlen, ylen, plen;
    next_part(&p, end, &tsrc, &tlen);
    next_part(&p, end, &ysrc, &ylen);
    next_part(&p, end, &psrc, &plen);

    bc_buf scratch = BC_BUF_INIT;
    bc_escape_markdown(tsrc, tlen, &scratch);
    bc_buf_clear(&scratch);
    bc_escape_markdown(ysrc, ylen, &scratch);
    bc_buf_clear(&scratch);
    bc_escape_html(tsrc, tlen, &scratch);
    bc_buf_fini(&scratch);

    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    bc_value *ctx = NULL;
    if (ylen > 0)
        ctx = bc_yaml_load(arena, "data.yaml", ysrc, ylen, NULL, &diags);

    /* The resolver borrows the partial's text: a NUL-terminated copy, as a
     * zero length would mean strlen(). */
    char *ptext = bc_arena_strndup(arena, psrc, plen);
    bc_template_entry entries[2] = {
        {"p", ptext, plen},
        {"q", ptext, plen},
    };
    bc_resolver *resolver = bc_resolver_new_table(entries, 2);

    bc_template *t = bc_template_compile("fuzz", tsrc, tlen, &diags);
    if (t) {
        static const bc_escape_fn modes[2] = {bc_escape_html,
                                                bc_escape_markdown};
        for (int m = 0; m < 2; m++) {
            for (int strict = 0; strict < 2; strict++) {
                bc_render_options opts;
                memset(&opts, 0, sizeof opts);
                opts.escape = modes[m];
                opts.strict = strict != 0;
                opts.resolver = resolver;
                /* budgets of their own: the defaults (10^8 steps, 1 GiB)
                 * take seconds, which libFuzzer would call a hang */
                opts.max_steps = 1000000;
                opts.max_output = 16u * 1024u * 1024u;
                bc_buf out = BC_BUF_INIT;
                bc_template_render(t, ctx, &opts, &out, &diags);
                bc_buf_fini(&out);
            }
        }
        bc_template_free(t);
    }

    fuzz_format_diags(&diags);
    bc_resolver_free(resolver);
    bc_arena_free(arena);
    bc_diags_fini(&diags);
    return 0;
}

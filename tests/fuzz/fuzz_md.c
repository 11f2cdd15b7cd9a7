/*
 * fuzz_md.c - libFuzzer target: a data file -> the Markdown report.
 *
 * The input is one data file (YAML).  It goes the way of `bcreport build
 * -f md`: bc_build_view (build.h) over the file in memory
 * (fuzz_view_maker: bc_report_parse, bc_view_build_lazy with the Markdown
 * writer) renders "report.md" strictly with the built-in templates.  The
 * Markdown made is then read by cmark (bc_markdown_to_html), as the tests
 * read it to check what it means.  The whole view (bc_view_build) must
 * print the same bytes with the same diagnostics (fuzz_build_both).  See
 * tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/build.h"
#include "bcreport/md_html.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {"fuzz.yaml", (const char *)data, size};
    bc_build_options opts = {.format = BC_FORMAT_MD};
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    if (fuzz_build_both(&in, &opts, &out, &diags)) {
        bc_buf html = BC_BUF_INIT;
        bc_markdown_to_html(out.ptr, out.len, &html);
        bc_buf_fini(&html);
    }
    fuzz_format_diags(&diags);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    fuzz_end_run();
    return 0;
}

/*
 * fuzz_html.c - libFuzzer target: a data file -> the HTML report.
 *
 * The input is one data file (YAML).  It goes the way of `bcreport build
 * -f html`: bc_build_view (build.h) over the file in memory
 * (fuzz_view_maker: bc_report_parse, bc_view_build_lazy with the HTML
 * writer, whose texts cmark reads for their emphasis, md_html.h) renders
 * "report.html" strictly with the built-in templates, then the fragment
 * "article.html" (--fragment).  See tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/build.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {"fuzz.yaml", (const char *)data, size};
    for (int fragment = 0; fragment < 2; fragment++) {
        bc_build_options opts = {.format = BC_FORMAT_HTML,
                                 .fragment = fragment != 0};
        bc_diags diags;
        bc_diags_init(&diags);
        bc_buf out = BC_BUF_INIT;
        bool ok = bc_build_view(fuzz_view_maker, &in, &opts, &out, &diags);
        fuzz_format_diags(&diags);
        bc_buf_fini(&out);
        bc_diags_fini(&diags);
        if (!ok) /* the data is wrong: the fragment would say the same */
            break;
    }
    fuzz_end_run();
    return 0;
}

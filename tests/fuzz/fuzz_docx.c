/*
 * fuzz_docx.c - libFuzzer target: a data file -> the Word document.
 *
 * The input is one data file (YAML).  It goes the way of `bcreport build
 * -f docx`: bc_build_view (build.h) over the file in memory
 * (fuzz_view_maker: bc_report_parse, bc_view_build_lazy with the
 * WordprocessingML writer), then bc_docx_write: the "docx" lengths from
 * the texts' widths, every part's template rendered, the package zipped
 * in memory (zip.h, over zlib).  The whole view (bc_view_build) must
 * give the same bytes with the same diagnostics (fuzz_build_both).  See
 * tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/build.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {"fuzz.yaml", (const char *)data, size};
    bc_build_options opts = {.format = BC_FORMAT_DOCX};
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bool ok = fuzz_build_both(&in, &opts, &out, &diags);
    /* a package is a zip: its end-of-central-directory record is there */
    if (ok && (out.len < 22 || memcmp(out.ptr, "PK\3\4", 4) != 0))
        abort();
    fuzz_format_diags(&diags);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    fuzz_end_run();
    return 0;
}

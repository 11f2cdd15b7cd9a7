/*
 * fuzz_report.c - libFuzzer target: the whole `bcreport check` path.
 *
 * The input is one data file (YAML): bc_report_parse checks it into a
 * report, bc_view_build builds the view model (citations expanded, numbers,
 * dates and amounts formatted), and bc_lint runs the checks, both plain and
 * with --final, as src/main.c does for `check`.  See tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "fuzz_common.h"
#include "bcreport/lint.h"
#include "bcreport/report.h"
#include "bcreport/view.h"
#include "bcreport/writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    bc_report *r = bc_report_parse("fuzz.yaml", (const char *)data, size,
                                   arena, &diags);
    if (r) {
        bc_cite_record cites;
        bc_view_build(r, &bc_writer_markdown, arena, &cites, &diags);
        bc_lint_options lint = {false};
        bc_lint(r, &cites, &lint, &diags);
        lint.final = true;
        bc_lint(r, &cites, &lint, &diags);
    }
    fuzz_format_diags(&diags);
    bc_arena_free(arena);
    bc_diags_fini(&diags);
    fuzz_end_run();
    return 0;
}

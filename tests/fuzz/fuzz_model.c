/*
 * fuzz_model.c - libFuzzer target: YAML -> the typed report (report.h).
 *
 * The input is one data file.  bc_report_parse reads it through the
 * schema into a bc_report (the registry, the outline, the signers, the
 * ids), then every text is visited (bc_report_visit_texts) and placed in
 * the source (bc_report_locate, at its start, middle and end), every item
 * and point is walked (bc_report_each_entry) and every appendix labelled.
 * The same bytes are then read as a summary's frame
 * (bc_report_parse_frame, the --header of `bcreport summary`).  No view,
 * no template: fuzz_report, fuzz_md and the others go further.  See
 * tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/report.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct walk {
    const bc_report *r;
    size_t texts, bytes, entries;
} walk;

static void visit_text(void *ctx, const bc_text *t)
{
    walk *w = ctx;
    w->texts++;
    if (!t->s)
        return;
    for (size_t i = 0; i < t->len; i++) /* every byte readable */
        w->bytes += (unsigned char)t->s[i];
    bc_report_locate(w->r, t, 0, t->len);
    if (t->len > 1) {
        bc_report_locate(w->r, t, t->len / 2, 1);
        bc_report_locate(w->r, t, t->len - 1, 1);
    }
}

static void visit_entry(const bc_entry *e, void *ctx)
{
    walk *w = ctx;
    w->entries++;
    if (e->title.s)
        w->bytes += e->title.len;
}

static void read_model(const uint8_t *data, size_t size, bool frame)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    bc_report *r =
        frame ? bc_report_parse_frame("header.yaml", (const char *)data,
                                      size, arena, &diags)
              : bc_report_parse("fuzz.yaml", (const char *)data, size, arena,
                                &diags);
    if (r) {
        walk w = {r, 0, 0, 0};
        bc_report_visit_texts(r, visit_text, &w);
        bc_report_each_entry(r, visit_entry, &w);
        bc_buf label = BC_BUF_INIT;
        for (size_t i = 0; i < r->appendices.count; i++) {
            bc_buf_clear(&label);
            bc_appendix_label(r, i, &label);
        }
        bc_buf_fini(&label);
    }
    fuzz_format_diags(&diags);
    bc_arena_free(arena);
    bc_diags_fini(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_model(data, size, false);
    read_model(data, size, true);
    fuzz_end_run();
    return 0;
}

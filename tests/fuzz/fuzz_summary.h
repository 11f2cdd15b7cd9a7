/* fuzz_summary.h - the input of the summary targets (fuzz_summary,
 * fuzz_xlsx, fuzz_csv), written as files for bc_summary_build.
 *
 * The input is split at its NUL bytes into at most FUZZ_SUMMARY_MAX_PARTS
 * parts (what follows the last is ignored):
 *
 *     REPORT \0 REPORT \0 REPORT \0 REPORT \0 ...
 *
 * A part that starts with "#header" is the frame (--header FILE; the
 * first such part only); each other part is one unit's data file, at most
 * four.  With no part a frame, the built-in frame is used.  An empty
 * input is one empty data file.  Each part is written to a file of its
 * own in a temporary folder, and bc_summary_build runs over them once
 * for each format asked. */
#ifndef BC_FUZZ_SUMMARY_H
#define BC_FUZZ_SUMMARY_H

#include "bcreport/summary.h"
#include "fuzz_common.h"

#define FUZZ_SUMMARY_MAX_REPORTS 4
#define FUZZ_SUMMARY_MAX_PARTS (FUZZ_SUMMARY_MAX_REPORTS + 1)

static inline void fuzz_summary(const uint8_t *data, size_t size,
                                const bc_summary_format *formats,
                                size_t format_count)
{
    static const char *const names[FUZZ_SUMMARY_MAX_REPORTS] = {
        "xa-1.yaml", "xa-2.yaml", "xa-3.yaml", "xa-4.yaml"};
    const char *p = (const char *)data, *end = p + size;
    const char *paths[FUZZ_SUMMARY_MAX_REPORTS];
    size_t count = 0;
    const char *header = NULL;
    for (int part = 0; part < FUZZ_SUMMARY_MAX_PARTS && (part == 0 || p < end);
         part++) {
        const char *s;
        size_t len;
        fuzz_next_part(&p, end, '\0', &s, &len);
        if (!header && len >= 7 && memcmp(s, "#header", 7) == 0) {
            header = fuzz_path(FUZZ_MAX_FILES - 1, "header.yaml");
            fuzz_write_file(header, s, len);
        } else if (count < FUZZ_SUMMARY_MAX_REPORTS) {
            paths[count] = fuzz_path((int)count, names[count]);
            fuzz_write_file(paths[count], s, len);
            count++;
        }
    }
    for (size_t f = 0; f < format_count; f++) {
        bc_summary_options opts = {.format = formats[f], .header = header};
        bc_summary_result result;
        bc_diags diags;
        bc_diags_init(&diags);
        bc_buf out = BC_BUF_INIT;
        bc_summary_build(paths, count, &opts, &out, &result, &diags);
        fuzz_format_diags(&diags);
        bc_buf_fini(&out);
        bc_diags_fini(&diags);
    }
    fuzz_end_run();
}

#endif

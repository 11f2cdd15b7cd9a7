/* fuzz_common.h - shared by the libFuzzer targets (header-only: each
 * target is built from one .c file, with the library, src/ but main.c). */
#ifndef BC_FUZZ_COMMON_H
#define BC_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/build.h"
#include "bcreport/diag.h"
#include "bcreport/io.h"
#include "bcreport/report.h"
#include "bcreport/value.h"
#include "bcreport/view.h"
#include "bcreport/writer.h"

/* Formats every diagnostic, which exercises the messages' arguments. */
static inline void fuzz_format_diags(const bc_diags *diags)
{
    bc_buf msg = BC_BUF_INIT;
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf_clear(&msg);
        bc_diag_format(&diags->items[i], &msg);
    }
    bc_buf_fini(&msg);
}

/* The end of a run of a target whose input may name files (a data file's
 * registry, the summary's files): io.h remembers every file read until
 * told to forget, which would carry state from one run to the next. */
static inline void fuzz_end_run(void)
{
    bc_io_forget_inputs();
}

/* A data file held in memory, for fuzz_view_maker. */
typedef struct fuzz_input {
    const char *file;
    const char *text;
    size_t len;
} fuzz_input;

/* The view of the data file in memory at ctx, made by build (the report
 * in the view's arena, so that a lazy view may borrow it). */
static inline bc_value *fuzz_view_by(void *ctx, const bc_writer *writer,
                                     bc_arena *arena, bc_diags *diags,
                                     bc_value *(*build)(
                                         const bc_report *, const bc_writer *,
                                         bc_arena *, bc_cite_record *,
                                         bc_diags *))
{
    const fuzz_input *in = ctx;
    bc_report *r = bc_report_parse(in->file, in->text, in->len, arena, diags);
    if (!r)
        return NULL;
    bc_cite_record cites;
    return build(r, writer, arena, &cites, diags);
}

/* A bc_view_maker (build.h) over a data file in memory: what bc_build
 * does with a file (bc_report_parse, then bc_view_build_lazy for the
 * format's writer), so that bc_build_view renders it with the built-in
 * templates exactly as `bcreport build` would. */
static inline bc_value *fuzz_view_maker(void *ctx, const bc_writer *writer,
                                        bc_arena *arena, bc_diags *diags)
{
    return fuzz_view_by(ctx, writer, arena, diags, bc_view_build_lazy);
}

/* The same with the whole view (bc_view_build), made at once. */
static inline bc_value *fuzz_whole_view_maker(void *ctx,
                                              const bc_writer *writer,
                                              bc_arena *arena,
                                              bc_diags *diags)
{
    return fuzz_view_by(ctx, writer, arena, diags, bc_view_build);
}

/* Builds in with both makers: the lazy view must print what the whole
 * view prints, byte for byte, with the same diagnostics (view.h); a
 * difference is a finding (abort).  What the lazy one printed is in out,
 * its diagnostics in diags; returns whether it succeeded. */
static inline bool fuzz_build_both(fuzz_input *in,
                                   const bc_build_options *opts,
                                   bc_buf *out, bc_diags *diags)
{
    bool ok = bc_build_view(fuzz_view_maker, in, opts, out, diags);
    bc_diags whole_diags;
    bc_diags_init(&whole_diags);
    bc_buf whole = BC_BUF_INIT;
    bool whole_ok =
        bc_build_view(fuzz_whole_view_maker, in, opts, &whole, &whole_diags);
    if (ok != whole_ok || whole_diags.count != diags->count ||
        (ok && (whole.len != out->len ||
                memcmp(whole.ptr, out->ptr, out->len) != 0)))
        abort();
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
        bc_diag_format(&diags->items[i], &a);
        bc_diag_format(&whole_diags.items[i], &b);
        if (strcmp(a.ptr, b.ptr) != 0)
            abort();
        bc_buf_fini(&a);
        bc_buf_fini(&b);
    }
    bc_buf_fini(&whole);
    bc_diags_fini(&whole_diags);
    return ok;
}

/* ---- files on disk, for the entry points that take paths ---- */

#define FUZZ_MAX_FILES 5

static char fuzz_dir[4096];
static char fuzz_paths[FUZZ_MAX_FILES][4200];

static void fuzz_remove_files(void)
{
    for (int i = 0; i < FUZZ_MAX_FILES; i++)
        if (fuzz_paths[i][0])
            unlink(fuzz_paths[i]);
    if (fuzz_dir[0])
        rmdir(fuzz_dir);
}

/* The path of file i (0 to FUZZ_MAX_FILES - 1), named name, in a folder of
 * the process's own under $TMPDIR (or /tmp), made on the first call and
 * removed at exit. */
static inline const char *fuzz_path(int i, const char *name)
{
    if (!fuzz_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/bcreport-fuzz-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir)) {
            perror(fuzz_dir);
            abort();
        }
        atexit(fuzz_remove_files);
    }
    snprintf(fuzz_paths[i], sizeof fuzz_paths[i], "%s/%s", fuzz_dir, name);
    return fuzz_paths[i];
}

/* Writes len bytes to path, replacing it. */
static inline void fuzz_write_file(const char *path, const char *s, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(s, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

/* The next part of [*p, end) up to the byte sep (or the end). */
static inline void fuzz_next_part(const char **p, const char *end, char sep,
                                  const char **s, size_t *len)
{
    const char *at = *p < end ? memchr(*p, sep, (size_t)(end - *p)) : NULL;
    *s = *p;
    if (at) {
        *len = (size_t)(at - *p);
        *p = at + 1;
    } else {
        *len = (size_t)(end - *p);
        *p = end;
    }
}

#endif

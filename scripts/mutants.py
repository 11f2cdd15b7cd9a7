#!/usr/bin/env python3
"""mutants.py - mutation testing of bcreport (make mutants).

Plants one bug at a time in a scratch copy of the tree, builds it and runs
the test suite, to see whether some test notices.  Each mutant below is a
one-line change: a file of src/, the exact text of a line (or a substring
of it that occurs once in the file) and its replacement, so that the list
survives small moves of the code.  A mutant whose text is not found, or
is found more than once, is reported "not applicable", never skipped.  A
mutant may give the same bug in another form ("also"), for a version of
the code written otherwise: the first form found once applies.

For each mutant:
  killed          a test program failed (the first one, named): the suite
                  runs fail-fast, the mutant's own tests first
  survived        the whole suite passed: a test is missing, unless the
                  mutant has an "equivalent" note saying why the change
                  cannot alter behaviour (then "equivalent")
  build-failed    the mutant does not compile (not counted in the score)
  not-applicable  its text is not in the file (once)
  false-kill      the test program that failed fails on the tree without
                  any mutant too (checked once per program and slot): no
                  proof; fix that test first

The worktree is never changed: the tree (tracked and untracked files, and
build/ to start from the objects already built) is copied under
$TMPDIR/bcreport-mutants-*, and each slot mutates, builds, tests and
restores its own copy.

Usage: scripts/mutants.py [-j N] [--keep-going] [--list] [ID ...]
       make mutants [MUTANTS="id ..."] [MUTANTS_JOBS=N]
The report is printed and written to build/mutants/report.txt, and what
the killing test printed to build/mutants/ID.log.  The exit
status is 1 when the score (killed / (killed + survived), equivalent
mutants aside) is below 95 %, or a mutant is not applicable or a false
kill.

Python 3 standard library only.
"""

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The test programs that take longest run last (seconds on a loaded
# two-core machine): a mutant is usually killed before them.
SLOW = ["test_schema_json", "test_limits", "test_pdf", "test_summary",
        "test_build", "test_catalogue", "test_html", "test_install",
        "test_print"]

# Longest a test program may run before the mutant counts as a hang
# (killed, "timeout"): the slowest takes about 100 s on a loaded machine.
TEST_TIMEOUT = 900

# Each mutant: id, file (under src/), find (a line's text or a substring
# found once), replace, kind, tests (run first, besides test_<module>),
# and "equivalent" (why the change cannot alter behaviour) when it is so.
M = []


def mutant(id, file, find, replace, kind, tests=(), equivalent=None,
           sanitize=False, also=()):
    """also: other (find, replace) pairs, for the same bug in another
    version of the code; the first whose text is found once applies."""
    M.append(dict(id=id, file=file, find=find, replace=replace, kind=kind,
                  tests=list(tests), equivalent=equivalent,
                  sanitize=sanitize, forms=[(find, replace)] + list(also)))


def applicable(m, text):
    """The (find, replace) of m that applies to text, or None; and the
    counts of each form's text."""
    counts = [text.count(f) for f, _ in m["forms"]]
    for (f, r), n in zip(m["forms"], counts):
        if n == 1:
            return (f, r), counts
    return None, counts


# ---- the mutants ----------------------------------------------------------
# Strings are Python literals: "\\" in them is one backslash of the C text.

# vnformat.c: Vietnamese dates, money, numbering
mutant("vn-month-pad", "vnformat.c", 'return month <= 2 ? "%02d" : "%d";',
       'return month <= 1 ? "%02d" : "%d";', "padding rule (05/01 -> 05/2)",
       also=[("bc_buf_put_int(out, month, month <= 2 ? 2 : 1);",
              "bc_buf_put_int(out, month, month <= 1 ? 2 : 1);")])
mutant("vn-day-pad", "vnformat.c", 'bc_buf_printf(out, "%02d/", date.day);',
       'bc_buf_printf(out, "%d/", date.day);', "padding rule (05/01 -> 5/01)",
       also=[("bc_buf_put_int(out, date.day, 2);\n    bc_buf_putc(out, '/');",
              "bc_buf_put_int(out, date.day, 1);\n    bc_buf_putc(out, '/');")])
mutant("vn-thousands", "vnformat.c", "if (i > 0 && (len - i) % 3 == 0)",
       "if (i > 0 && (len - i) % 4 == 0)", "money thousand separators")
mutant("vn-words-tu", "vnformat.c", "if (u == 4 && t >= 2)",
       "if (u == 4 && t >= 1)", "boundary (mười bốn -> mười tư)")
mutant("vn-letter-range", "vnformat.c", "if (n < 1 || n > BC_VN_LETTER_COUNT)",
       "if (n < 1 || n >= BC_VN_LETTER_COUNT)", "boundary (the last letter, y)")
mutant("vn-read-dots", "vnformat.c", "if (dots && group != 3)",
       "if (dots && group > 3)", "condition (1.5 read as 15)")
# date.c
mutant("date-leap", "date.c",
       "return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;",
       "return (y % 4 == 0 && y % 100 != 0) && y % 400 == 0;", "&& for ||")
mutant("date-last-day", "date.c", "return day <= last;", "return day < last;",
       "boundary (31/12 refused)")
mutant("date-before", "date.c", ": a.day < b.day;", ": a.day <= b.day;",
       "boundary (same day is before)")
# escape.c
mutant("esc-html-lt", "escape.c", 'rep = "&lt;";', 'rep = "<";',
       "HTML escape dropped")
mutant("esc-md-skip-pipe", "escape.c",
       "[']'] = true, ['<'] = true, ['&'] = true, ['|'] = true, ['#'] = true,",
       "[']'] = true, ['<'] = true, ['&'] = true, ['#'] = true,",
       "escape dropped (a pipe skipped as plain text)")
mutant("esc-md-bracket", "escape.c", "    case '[':\n", "    case '{':\n",
       "Markdown backslash dropped ([)")
mutant("esc-md-ordered", "escape.c",
       "(s[j] == '.' || s[j] == ')') &&", "(s[j] == '.' && s[j] == ')') &&",
       "|| for && (1. at a line start)")
mutant("esc-md-hash", "escape.c", "return i > 0 && bc_is_space(s[i - 1]);",
       "return i > 0 && !bc_is_space(s[i - 1]);", "condition negated (# )")
# csv.c
mutant("csv-quote", "csv.c", "        if (s[i] == '\"')\n",
       "        if (0)\n", "CSV quote doubling dropped")
mutant("csv-stt", "csv.c", 'bc_buf_printf(out, "%zu", ++stt);',
       'bc_buf_printf(out, "%zu", stt++);', "numbering step (STT from 0)")
# suggest.c
mutant("suggest-allowed", "suggest.c", "size_t allowed = strlen(word) / 3;",
       "size_t allowed = strlen(word) / 2;", "boundary (distance allowed)")
mutant("suggest-swap", "suggest.c", "back[j - 2] + 1 < cur[j]",
       "back[j - 2] + 2 < cur[j]", "a swap of letters costs two")
# diag.c
mutant("diag-sort", "diag.c", "return x->line < y->line ? -1 : 1;",
       "return x->line > y->line ? -1 : 1;", "sort order flipped")
mutant("diag-max-shown", "diag.c", "                                                     : BC_DIAG_MAX_SHOWN;",
       "                                                     : BC_DIAG_MAX_SHOWN + 1;",
       "boundary (51 shown)")
mutant("diag-col", "diag.c", 'bc_buf_printf(out, ":%d", d->col);',
       'bc_buf_printf(out, ":%d", d->col + 1);', "column off by one")
mutant("diag-leak", "diag.c",
       "        free(d->message);\n    }\n    diags->count = kept;",
       "    }\n    diags->count = kept;", "free removed (leak)",
       sanitize=True)
# yaml_load.c
mutant("yaml-col", "yaml_load.c",
       "(int)mark.line + 1, (int)mark.column + 1};",
       "(int)mark.line + 1, (int)mark.column};", "column off by one")
mutant("yaml-line", "yaml_load.c",
       "(int)mark.line + 1, (int)mark.column + 1};",
       "(int)mark.line, (int)mark.column + 1};", "line off by one")
mutant("yaml-bool", "yaml_load.c",
       'if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))',
       'if (!strcmp(s, "true") || !strcmp(s, "TRUE"))', "check removed (True)")
mutant("yaml-float", "yaml_load.c", "if (int_digits == 0 && frac_digits == 0)",
       "if (int_digits == 0 || frac_digits == 0)", "&& for ||")
# locate.c
mutant("locate-line", "locate.c", "bc_pos pos = {loc->file, (int)lo + 1, col};",
       "bc_pos pos = {loc->file, (int)lo + 2, col};", "line off by one")
# text.c
mutant("text-dd", "text.c", "if (cp == 0x110 || cp == 0x111)",
       "if (cp == 0x110)", "check removed (đ)")
# lint.c
mutant("lint-year-later", "lint.c",
       "return number_year(number, len) > date.year;",
       "return number_year(number, len) >= date.year;", "boundary")
mutant("lint-invisible-more", "lint.c", "    if (count > 1)\n        bc_buf_printf(&more",
       "    if (count > 2)\n        bc_buf_printf(&more", "boundary (and 1 more)")
# cite.c
mutant("cite-next", "cite.c", "!(s[i] == '[' && s[i + 1] == '@')",
       "!(s[i] == '[' || s[i + 1] == '@')", "&& for ||")
mutant("cite-empty-locator", "cite.c",
       "else if (tok->has_locator && tok->locator_len == 0)",
       "else if (tok->has_locator && tok->locator_len == 1)", "boundary")
# report.c
mutant("report-disbursed", "report.c",
       "p->disbursed.value <= p->amount.value)",
       "p->disbursed.value < p->amount.value)", "boundary (all disbursed)")
mutant("report-reload-mtime", "report.c",
       "a->st_mtim.tv_sec == b->st_mtim.tv_sec &&",
       "1 &&", "a file saved again taken for the one read")
mutant("report-identity-after", "report.c",
       "S_ISREG(held->st.st_mode) && same_file(&before, &held->st);",
       "S_ISREG(held->st.st_mode);",
       "a file saved again while it is read taken for the one read")
mutant("report-reload-offset", "report.c",
       "held->offset = inside ? (size_t)(s - held->data) : 0;",
       "held->offset = 0;", "the byte-order mark counted in positions")
mutant("report-appendix-label", "report.c",
       "if (r->appendices.count > 1) { /* numbered only when several */",
       "if (r->appendices.count > 2) { /* numbered only when several */",
       "boundary (two appendices)")
mutant("report-date-order", "report.c",
       "bc_date_before(to->value, from->value)",
       "bc_date_before(from->value, to->value)", "order flipped")
# schema.c
mutant("schema-negative", "schema.c", "} else if (n < 0) {",
       "} else if (n < -1) {", "boundary (-1 taken)")
mutant("schema-year", "schema.c",
       "(v->as.integer < 1000 || v->as.integer > 9999)",
       "(v->as.integer < 1000 && v->as.integer > 9999)", "|| for &&")
# blocks.c
mutant("blocks-total-limit", "blocks.c",
       "if ((x > 0 && sum > BC_TABLE_MAX_TOTAL - x) ||",
       "if ((x > 0 && sum >= BC_TABLE_MAX_TOTAL - x) ||",
       "boundary (a total of exactly 10^15)")
mutant("blocks-amount-zero", "blocks.c",
       'return whole_cell(v, "đồng", &cell->integer) && cell->integer >= 0 &&',
       'return whole_cell(v, "đồng", &cell->integer) && cell->integer >= 1 &&',
       "boundary (0 đồng)")
# value.c
mutant("value-index-min", "value.c", "#define INDEX_MIN_MEMBERS 8",
       "#define INDEX_MIN_MEMBERS 9", "boundary",
       equivalent="the index only speeds up bc_value_map_get on mappings of "
       "8 members or more; a mapping of 8 is searched member by member "
       "instead, with the same result")
mutant("value-float-plain", "value.c", "if (exponent >= -6 && exponent < 21) {",
       "if (exponent >= -6 && exponent < 20) {", "boundary (1e20)")
mutant("value-index-kept", "value.c", "    *index_slot(map) = NULL;",
       "    ;", "index kept after a new member (a stale lookup)")
mutant("value-tag-lost", "value.c",
       "return v->tagged ? ((const char *const *)v)[-1] : NULL;",
       "return NULL;", "tag dropped")
# json.c
mutant("json-quote", "json.c", 'bc_buf_append(out, "\\\\\\"", 2);',
       'bc_buf_append(out, "\\"", 1);', "JSON escape dropped")
mutant("json-control", "json.c", "if (c >= 0x20 && c != '\"' && c != '\\\\')",
       "if (c >= 0x1F && c != '\"' && c != '\\\\')", "boundary (U+001F)")
# strmap.c
mutant("strmap-match", "strmap.c",
       "s->len == len && memcmp(s->key, key, len) == 0)",
       "s->len == len && memcmp(s->key, key, len) != 0)", "condition negated")
mutant("strmap-empty", "strmap.c", "return s->key ? s->value : NULL;",
       "return s->value;", "check removed",
       equivalent="an empty slot's value is NULL: the slots are calloc'd "
       "and a value is only set with its key")
# arena.c
mutant("arena-round", "arena.c",
       "size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);",
       "size_t rounded = (size + ALIGN - 2) & ~(size_t)(ALIGN - 1);",
       "rounding (a piece's size or start rounded down)",
       also=[("(b->used + align - 1) & ~(align - 1)",
              "(b->used + align - 2) & ~(align - 1)")])
mutant("arena-big", "arena.c", "if (rounded > BLOCK_SIZE / 4) {",
       "if (rounded > BLOCK_SIZE / 2) {", "boundary",
       also=[("if (size > arena->next_size / 4) {",
              "if (size > arena->next_size / 2) {")],
       equivalent="where a piece of a quarter to a half block goes (its own "
       "block, or a new shared one) changes only the memory used")
# buf.c
mutant("buf-printf", "buf.c",
       "vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);",
       "vsnprintf(buf->ptr + buf->len, (size_t)n, fmt, ap);",
       "boundary (last character lost)")
# utf8.c
mutant("utf8-surrogate", "utf8.c", "(v >= 0xD800 && v <= 0xDFFF)",
       "(v >= 0xD800 && v < 0xDFFF)", "boundary (U+DFFF taken)")
# textwidth.c
mutant("textwidth-order", "textwidth.c", "return cp < at ? -1 : cp > at;",
       "return cp > at ? -1 : cp < at;", "sort order flipped")
# md_html.c
mutant("md-first-block", "md_html.c",
       "if (enter && !*first_block) /* never",
       "if (enter && *first_block) /* never", "condition negated")
# writer.c
mutant("writer-nbsp", "writer.c", 'rep = "\\u00a0";', 'rep = " ";',
       "no-break space of a document number dropped (DOCX)")
mutant("writer-docx-escape", "writer.c",
       "    bc_escape_html(s + done, len - done, w->out);",
       "    bc_buf_append(w->out, s + done, len - done);",
       "XML escape in DOCX dropped")
# docx.c
mutant("docx-lazy-widths", "docx.c", "        lazy->finish = finish_row;",
       "        (void)finish_row;", "widths not given (a lazy table's rows)")
mutant("docx-figures-least", "docx.c",
       'if (roomy && !strcmp(align, "right")) {',
       'if (roomy && !strcmp(align, "center")) {',
       "a column of small counts as narrow as its longest header word")
mutant("docx-roomy-ignored", "docx.c",
       'if (roomy && !strcmp(align, "right")) {',
       'if (!strcmp(align, "right")) {',
       "every table's figures 3.6 em wide, twelve of them past the margin")
mutant("docx-wraps", "docx.c",
       '!strcmp(align, "left"));',
       '!strcmp(align, "right"));',
       "condition (which columns wrap)")
mutant("docx-centre", "docx.c",
       "long left = block < TEXT_WIDTH ? (long)(TEXT_WIDTH - block) / 2 : 0;",
       "long left = block < TEXT_WIDTH ? (long)(TEXT_WIDTH - block) / 3 : 0;",
       "rounding (Kính gửi no longer centred)")
# zip.c
mutant("zip-date", "zip.c", "#define DOS_DATE ((0u << 9) | (1u << 5) | 1u)",
       "#define DOS_DATE ((0u << 9) | (1u << 5) | 2u)",
       "date in the ZIP (1980-01-02)")
# pdf.c
mutant("pdf-timeout", "pdf.c", "v <= 0 || v > MAX_TIMEOUT ? BC_PDF_TIMEOUT",
       "v < 0 || v > MAX_TIMEOUT ? BC_PDF_TIMEOUT", "boundary (timeout 0)")
mutant("pdf-status", "pdf.c",
       "bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){path, 0, 0},",
       "bc_diag_add(diags, BC_ERROR, BC_EX_SOFTWARE, (bc_pos){path, 0, 0},",
       "status swapped (69 -> 70)")
# watch.c
mutant("watch-backup", "watch.c",
       "if (name[0] == '.' || (len > 0 && name[len - 1] == '~'))",
       "if (name[0] == '.' && (len > 0 && name[len - 1] == '~'))",
       "|| for && (backup files)")
# xlsx.c
mutant("xlsx-margin", "xlsx.c", "widest += 2; /* the cell's margins */",
       "widest += 3; /* the cell's margins */", "a column's width")
mutant("xlsx-date", "xlsx.c", "int y = info->year - (info->month <= 2);",
       "int y = info->year - (info->month <= 3);", "boundary (March dates)")
# summary.c
mutant("summary-years", "summary.c", 's->year_count > 1 ? "các năm " : "năm "',
       's->year_count > 2 ? "các năm " : "năm "', "boundary (two years)")
mutant("summary-year-order", "summary.c",
       "while (i < s->year_count && s->years[i] < year)",
       "while (i < s->year_count && s->years[i] > year)", "sort order flipped")
# schema_json.c
mutant("schemajson-range", "schema_json.c", "if (run >= 3) {",
       "if (run >= 2) {", "boundary (a range of two characters)",
       equivalent="no set of characters of a field (digits; the letters, "
       "digits and _.- of an id) holds a run of exactly two consecutive "
       "characters, so the schema is the same bytes; and [^a-b] would mean "
       "what [^ab] means")
mutant("schemajson-year-min", "schema_json.c",
       'jw_int(&c->w, "minimum", 1000);', 'jw_int(&c->w, "minimum", 999);',
       "boundary (the year's minimum)")
# template.c, template_render.c, template_resolve.c
mutant("tpl-col", "template.c", "            l++;\n            c = 1;",
       "            l++;\n            c = 0;", "column off by one")
mutant("tplr-last", "template_render.c",
       "return f->index + 1 == f->count ? &true_value : &false_value;",
       "return f->index + 2 == f->count ? &true_value : &false_value;",
       "boundary (-last)")
mutant("tplr-lazy-kept", "template_render.c",
       "            if (scratch)\n                bc_arena_reset(scratch);",
       "            if (scratch)\n                (void)0;",
       "free removed (a lazy list's items all kept)")
mutant("tplr-truthy", "template_render.c",
       "return v->as.string.len > 0;", "return v->as.string.len > 1;",
       "boundary (a one-letter text is falsy)")
mutant("tplres-dotdot", "template_resolve.c",
       "(n == 2 && p[0] == '.' && p[1] == '.')) {",
       "(n == 2 && p[0] == '.' && p[1] == '/')) {", "check removed (..)")
# view.c, view_content.c
mutant("view-roomy-boundary", "view_content.c",
       "g->figures <= VIEW_ROOMY_FIGURES", "g->figures < VIEW_ROOMY_FIGURES",
       "boundary (six columns of figures no longer roomy)")
mutant("view-number-pad", "view.c", "d->number.s[0] <= '9')",
       "d->number.s[0] <= '8')", "padding rule (Số: 09)")
mutant("view-appendix-pad", "view.c", 'd->number.len == 1 ? "0" : ""',
       'd->number.len == 2 ? "0" : ""', "padding rule (Kèm theo ... số 05)")
mutant("view-point-letter", "view.c",
       "view_numbered(b, bc_vn_letter, (int)i + 1, &p->title)",
       "view_numbered(b, bc_vn_letter, (int)i + 2, &p->title)",
       "numbering step (b) first)")
mutant("vc-stt", "view_content.c", '"%zu", ++g->numbered);',
       '"%zu", g->numbered++);', "numbering step (STT from 0)")
mutant("vc-typed-stt", "view_content.c", 'snprintf(stt, sizeof stt, "%zu", i + 1);',
       'snprintf(stt, sizeof stt, "%zu", i);',
       "numbering step (a typed table's STT from 0)")
mutant("vc-lazy-uncounted", "view_content.c", "            count_activity(b, e, i);",
       "            ;", "budget not counted (self_name in a lazy activity)")
mutant("view-lazy-cites", "view.c",
       "    bc_schema_visit_texts(schema, obj, note_citation, &cites);",
       "    (void)note_citation;",
       "check removed (a citing element made lazily)")
mutant("view-lazy-points", "view.c", "    if (e->points.count || e == &part->limitations",
       "    if (e == &part->limitations", "check removed (an item with points made lazily)")
mutant("vc-total-limit", "view_content.c",
       "if (n > BC_TABLE_MAX_TOTAL - a->sums[c]) {",
       "if (n >= BC_TABLE_MAX_TOTAL - a->sums[c]) {",
       "boundary (a total of exactly 10^15)")
# build.c
mutant("build-sep", "build.c", "bool sep = flen > 0 && folder[flen - 1] != '/';",
       "bool sep = flen > 0 && folder[flen - 1] == '/';", "condition negated")
# next_year.c
mutant("ny-next-year", "next_year.c",
       "if (!year || (n != w->from && n != w->from + 1)) {",
       "if (!year || n != w->from) {", "check removed (next year's dates)")
mutant("ny-backslash", "next_year.c", "if (c == '\"' || c == '\\\\')",
       "if (c == '\"')", "YAML escape dropped (backslash)")
# output.c
mutant("out-onto-input", "output.c",
       "bc_diag_add(diags, BC_ERROR, BC_EX_USAGE, pos,",
       "bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,",
       "status swapped (64 -> 73)")
mutant("out-regular", "output.c", "if (!S_ISREG(st.st_mode)) {", "if (0) {",
       "check removed (not a regular file)")
mutant("out-umask", "output.c", "return fchmod(fd, 0666 & ~mask) == 0;",
       "return fchmod(fd, 0644 & ~mask) == 0;", "mode of a new file")
mutant("out-fsync-ignored", "output.c", "bool ok = fsync(o->fd) == 0;",
       "bool ok = (fsync(o->fd), true);", "error ignored (fsync)")
mutant("out-close-ignored", "output.c", "    if (close(o->fd) != 0 && ok) {",
       "    if (close(o->fd) != 0 && 0) {", "error ignored (close)")
mutant("out-late-input", "output.c",
       "    if (!may_replace(o->path, o->target.ptr, o->diags)) {\n"
       "        drop_temp",
       "    if (0) {\n        drop_temp",
       "check removed (an input read after the first piece)")
# dynlib.c
mutant("dynlib-last-symbol", "dynlib.c",
       "    for (size_t i = 0; i < count; i++) {",
       "    for (size_t i = 0; i + 1 < count; i++) {",
       "boundary (the last symbol not looked up)")
# io.c, alloc.c
mutant("io-status", "io.c",
       'bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, pos, _("cannot open: %s"),',
       'bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos, _("cannot open: %s"),',
       "status swapped (66 -> 74)")
mutant("alloc-status", "alloc.c", "exit(BC_EX_OSERR);", "exit(BC_EX_SOFTWARE);",
       "status swapped (71 -> 70)")
# i18n.c, paths.c
mutant("i18n-lang", "i18n.c", 'return strncmp(v, "vi", 2) == 0;',
       'return strncmp(v, "vi", 2) != 0;', "condition negated")
mutant("i18n-plural", "i18n.c", "return n == 1 ? singular : plural;",
       "return n <= 1 ? singular : plural;", "boundary (0 takes the singular)")
mutant("paths-share", "paths.c",
       'bc_buf_printf(&beside, "%s/../share/bcreport/templates", here.ptr);',
       'bc_buf_printf(&beside, "%s/../share/bcreport/template", here.ptr);',
       "the installed templates' folder misnamed")
# main.c
mutant("main-batch-status", "main.c",
       "status = failed ? BC_EX_DATAERR : BC_OK;",
       "status = failed ? BC_EX_CANTCREAT : BC_OK;", "status swapped (65 -> 73)")
mutant("main-flush-check", "main.c",
       "if (status != BC_EX_IOERR && (fflush(stdout) != 0 || ferror(stdout))) {",
       "if (status == BC_EX_IOERR && (fflush(stdout) != 0 || ferror(stdout))) {",
       "condition negated (help onto a full disk)")

# ---- the machinery --------------------------------------------------------


def test_programs(tree):
    names = sorted(f[:-2] for f in os.listdir(os.path.join(tree, "tests",
                                                           "unit"))
                   if f.startswith("test_") and f.endswith(".c"))
    fast = [n for n in names if n not in SLOW]
    return fast + [n for n in SLOW if n in names]


# The test programs of a module that has none named after it.
MODULE_TESTS = {
    "alloc": ["test_cli"], "arena": ["test_core"], "buf": ["test_core"],
    "build": ["test_batch", "test_cli"], "csv": ["test_summary"],
    "date": ["test_vnformat"], "diag": ["test_core", "test_cli"],
    "docx": ["test_docx"],
    "escape": ["test_markdown_property", "test_md_html", "test_template",
               "test_html"],
    "i18n": ["test_i18n"], "io": ["test_core", "test_cli"],
    "lint": ["test_check"], "main": ["test_cli"], "next_year": ["test_init"],
    "output": ["test_output"], "paths": ["test_install"], "pdf": ["test_pdf"],
    "schema": ["test_report", "test_mistakes"],
    "blocks": ["test_outline", "test_report"],
    "cite": ["test_report", "test_check"], "strmap": ["test_core"],
    "suggest": ["test_report", "test_cli"], "template": ["test_template"],
    "template_render": ["test_template"],
    "template_resolve": ["test_template"], "value": ["test_core"],
    "view": ["test_cli", "test_outline", "test_formats"],
    "view_content": ["test_outline", "test_forms", "test_formats"],
    "watch": ["test_watch"], "writer": ["test_docx", "test_formats"],
    "xlsx": ["test_summary"], "yaml_load": ["test_yaml_load"],
    "zip": ["test_docx"], "md_html": ["test_md_html"],
}


def order_tests(m, programs):
    stem = os.path.splitext(os.path.basename(m["file"]))[0]
    first = list(m["tests"]) + MODULE_TESTS.get(stem, [])
    for cand in ("test_" + stem, "test_" + stem.split("_")[0]):
        if cand in programs and cand not in first:
            first.append(cand)
    first = [t for t in first if t in programs]
    return first + [t for t in programs if t not in first]


def copy_tree(dst):
    """The worktree's files (tracked and untracked, not ignored) and its
    build folder, mtimes kept, into dst."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"], cwd=ROOT, check=True,
        stdout=subprocess.PIPE).stdout.split(b"\0")
    for f in files:
        if not f:
            continue
        f = f.decode()
        src = os.path.join(ROOT, f)
        if not os.path.lexists(src):
            continue  # deleted in the worktree, not yet committed
        d = os.path.join(dst, f)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copy2(src, d, follow_symlinks=False)
    build = os.path.join(ROOT, "build")
    if os.path.isdir(build):
        shutil.copytree(build, os.path.join(dst, "build"), symlinks=True,
                        ignore=shutil.ignore_patterns("mutants", "asan",
                                                      "fuzz"))
    if os.path.exists(os.path.join(ROOT, "bcreport")):
        shutil.copy2(os.path.join(ROOT, "bcreport"),
                     os.path.join(dst, "bcreport"))


def run(cmd, cwd, env, timeout=None, log=None):
    """(status, output); status "timeout" past timeout."""
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           start_new_session=True)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return "timeout", out


# A mutant may undo a refusal (an -o that is not a regular file): its test
# would then rename over /dev/null or /dev/stdout of the whole machine.
# As root, each test program runs in a mount namespace of its own where
# /dev is read-only: nothing in it can be replaced or removed.  Its
# devices are mounted over themselves first, read-write, so that a shell
# may still open "> /dev/null" (O_CREAT|O_TRUNC fails on a read-only
# mount, and a test's redirection failing would kill every mutant).
SANDBOX = ("mount --rbind /dev /dev && "
           "for f in null zero full random urandom tty; do "
           "[ -e /dev/$f ] && mount --bind /dev/$f /dev/$f; done; "
           "mount -o remount,bind,ro /dev && "
           'exec "$@"')


def sandboxed(cmd):
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return cmd
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            SANDBOX, "sh"] + cmd


SAN_FLAGS = ("-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined "
             "-fno-sanitize-recover=all")


def make(tree, env, targets, sanitize=False):
    """make in tree; sanitize: the build of make check-asan (build/asan)."""
    extra = []
    if sanitize:
        extra = ["BUILDDIR=build/asan", "BIN=build/asan/bcreport",
                 "CFLAGS=" + SAN_FLAGS, "LDFLAGS=-fsanitize=address,undefined"]
    return run(["nice", "make", "--no-print-directory", "-s"] + extra +
               targets, tree, env)


def shared_env(tree):
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"):
        env.pop(k, None)
    env["BCREPORT_BIN"] = os.path.join(tree, "bcreport")
    shared = os.path.realpath(os.path.join(ROOT, "..", "shared"))
    for var, sub in (("MUSTACHE_SPEC_DIR", "mustache-spec"),
                     ("BCREPORT_SEED_DIR", "seed")):
        if var not in env and os.path.isdir(os.path.join(shared, sub)):
            env[var] = os.path.join(shared, sub)
    return env


def failing_line(out):
    """The first failed test's name in a cmocka log, or ""."""
    for line in out.splitlines():
        if line.startswith("[  FAILED  ]"):
            rest = line.split("]", 1)[1].strip()
            if rest and not rest[0].isdigit():
                return rest
    return ""


def test_mutant(m, tree, programs, keep_going):
    """Applies m in tree, builds, tests, restores; returns the result."""
    path = os.path.join(tree, "src", m["file"])
    res = dict(id=m["id"], killer="", detail="", seconds=0.0)
    t0 = time.time()
    try:
        with open(path, encoding="utf-8") as f:
            original = f.read()
    except OSError as e:
        res.update(status="not-applicable", detail=str(e))
        return res
    form, counts = applicable(m, original)
    if not form:
        res.update(status="not-applicable",
                   detail="text found %s times" % "/".join(map(str, counts)))
        return res
    env = shared_env(tree)
    san = m["sanitize"]
    bindir = os.path.join("build", "asan") if san else "build"
    if san:  # as make check-asan runs the suite
        env["BCREPORT_BIN"] = os.path.join(tree, bindir, "bcreport")
        env["ASAN_OPTIONS"] = "detect_leaks=1"
        env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace(form[0], form[1], 1))
        st, out = make(tree, env, [os.path.join(bindir, "bcreport") if san
                                   else "bcreport"], san)
        if st != 0:
            res.update(status="build-failed",
                       detail=out.strip().splitlines()[-1] if out.strip()
                       else str(st))
            return res
        failed = []
        for t in order_tests(m, programs):
            st, out = make(tree, env, [bindir + "/tests/" + t], san)
            if st != 0:
                res.update(status="build-failed",
                           detail="%s: %s" % (t, out.strip()[-200:]))
                return res
            st, out = run(sandboxed(["nice", os.path.join(bindir, "tests",
                                                          t)]),
                          tree, env, timeout=TEST_TIMEOUT)
            if st != 0:
                what = "timeout" if st == "timeout" else failing_line(out)
                failed.append("%s (%s)" % (t, what) if what else t)
                if len(failed) == 1:  # what the killing test printed
                    logs = os.path.join(ROOT, "build", "mutants")
                    os.makedirs(logs, exist_ok=True)
                    with open(os.path.join(logs, m["id"] + ".log"), "w",
                              encoding="utf-8") as f:
                        f.write(out)
                if not keep_going:
                    break
        if failed:
            res.update(status="killed", killer=failed[0],
                       detail=", ".join(failed[1:]))
        else:
            res.update(status="equivalent" if m["equivalent"]
                       else "survived")
        return res
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        res["seconds"] = time.time() - t0


def passes_unmutated(tree, prog, san):
    """Whether test program prog passes on tree with no mutant in it (each
    mutant's file is restored after its run): a kill by a test that fails
    anyway is no kill."""
    env = shared_env(tree)
    bindir = os.path.join("build", "asan") if san else "build"
    if san:
        env["BCREPORT_BIN"] = os.path.join(tree, bindir, "bcreport")
        env["ASAN_OPTIONS"] = "detect_leaks=1"
    st, _ = make(tree, env, [os.path.join(bindir, "bcreport") if san
                             else "bcreport", bindir + "/tests/" + prog], san)
    if st != 0:
        return False
    st, _ = run(sandboxed(["nice", os.path.join(bindir, "tests", prog)]),
                tree, env, timeout=TEST_TIMEOUT)
    return st == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*", help="the mutants to run (all)")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--keep-going", action="store_true",
                    help="run every test program on each mutant")
    ap.add_argument("--list", action="store_true",
                    help="list the mutants and exit")
    a = ap.parse_args()
    ids = [i for arg in a.ids for i in arg.split()]
    known = {m["id"] for m in M}
    if len(known) != len(M):
        sys.exit("mutants.py: two mutants share an id")
    unknown = [i for i in ids if i not in known]
    if unknown:
        sys.exit("mutants.py: no mutant " + ", ".join(unknown))
    chosen = [m for m in M if not ids or m["id"] in ids]
    if a.list:
        for m in M:
            try:
                with open(os.path.join(ROOT, "src", m["file"]),
                          encoding="utf-8") as f:
                    form, counts = applicable(m, f.read())
            except OSError:
                form, counts = None, [0]
            print("%-22s %-18s %s%s" % (
                m["id"], m["file"], m["kind"],
                "" if form else "  [NOT APPLICABLE: found %s times]" %
                "/".join(map(str, counts))))
        print("%d mutants" % len(M))
        return 0

    start = time.time()
    base = tempfile.mkdtemp(prefix="bcreport-mutants-")
    trees = []
    try:
        print("mutants: copying the tree into %s" % base, flush=True)
        for s in range(max(1, a.jobs)):
            tree = os.path.join(base, "slot%d" % s)
            copy_tree(tree)
            st, out = make(tree, shared_env(tree), ["bcreport"])
            if st == 0 and any(m["sanitize"] for m in chosen):
                st, out = make(tree, shared_env(tree),
                               ["build/asan/bcreport"], True)
            if st != 0:
                print(out)
                sys.exit("mutants.py: the unmutated tree does not build")
            trees.append(tree)
        programs = test_programs(trees[0])
        work = queue.Queue()
        for m in chosen:
            work.put(m)
        results = {}
        lock = threading.Lock()

        def worker(tree):
            baseline = {}  # (sanitize, program) -> passes unmutated
            while True:
                try:
                    m = work.get_nowait()
                except queue.Empty:
                    return
                r = test_mutant(m, tree, programs, a.keep_going)
                if r["status"] == "killed":
                    key = (m["sanitize"], r["killer"].split(" ")[0])
                    if key not in baseline:
                        baseline[key] = passes_unmutated(tree, key[1],
                                                         key[0])
                    if not baseline[key]:
                        r.update(status="false-kill", detail=(
                            "%s fails without the mutant too: fix it, "
                            "then run again" % key[1]))
                with lock:
                    results[m["id"]] = r
                    print("%-28s %-15s %6.0fs %s%s" % (
                        r["id"], r["status"], r["seconds"], r["killer"],
                        (" " + r["detail"]) if r["detail"] else ""),
                        flush=True)

        threads = [threading.Thread(target=worker, args=(t,))
                   for t in trees]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        shutil.rmtree(base, ignore_errors=True)

    elapsed = time.time() - start
    counts = {}
    for r in results.values():
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    killed = counts.get("killed", 0)
    survived = counts.get("survived", 0)
    scored = killed + survived
    score = 100.0 * killed / scored if scored else 100.0
    lines = ["bcreport mutants: %d run in %d min %02d s (%d job%s)" % (
        len(results), elapsed // 60, elapsed % 60, len(trees),
        "" if len(trees) == 1 else "s")]
    for st in ("killed", "survived", "equivalent", "build-failed",
               "not-applicable", "false-kill"):
        lines.append("  %-15s %d" % (st, counts.get(st, 0)))
    lines.append("  score           %.1f %% killed of %d (equivalent, "
                 "build-failed and not-applicable aside)" % (score, scored))
    lines.append("")
    for m in chosen:
        r = results[m["id"]]
        lines.append("%-28s %-15s %-18s %s" % (
            m["id"], r["status"], m["file"], m["kind"]))
        if r["killer"]:
            lines.append("    killed by %s" % r["killer"])
        if r["detail"]:
            lines.append("    " + r["detail"])
        if r["status"] in ("equivalent", "survived") and m["equivalent"]:
            lines.append("    equivalent: " + m["equivalent"])
    report = "\n".join(lines) + "\n"
    print()
    print(report, end="")
    os.makedirs(os.path.join(ROOT, "build", "mutants"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "mutants", "report.txt"), "w",
              encoding="utf-8") as f:
        f.write(report)
    bad = (score < 95.0 or counts.get("not-applicable", 0) or
           counts.get("false-kill", 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

/* pdfcheck.c - measuring a printed report (see pdfcheck.h). */
#include "pdfcheck.h"

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <utf8proc.h>

int pc_shell(const char *cmd, bc_buf *out)
{
    bc_buf full = BC_BUF_INIT;
    bc_buf_printf(&full, "(%s) 2>&1", cmd);
    FILE *p = popen(full.ptr, "r");
    assert_non_null(p);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        if (out)
            bc_buf_append(out, chunk, n);
    int status = pclose(p);
    bc_buf_fini(&full);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

void pc_require(const char *tool, const char *package)
{
    bc_buf cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd, "command -v %s >/dev/null", tool);
    bool found = pc_shell(cmd.ptr, NULL) == 0;
    bc_buf_fini(&cmd);
    if (found)
        return;
    fprintf(stderr, "\n*** SKIPPED: %s not found; apt-get install %s ***\n\n",
            tool, package);
    if (tu_in_ci())
        fail_msg("CI=true: %s (Debian package %s) is required", tool,
                 package);
    skip();
}

void pc_run_tool(const char *fmt, const char *pdf, bc_buf *out)
{
    bc_buf cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd, fmt, pdf);
    bc_buf_clear(out);
    if (pc_shell(cmd.ptr, out) != 0)
        fail_msg("%s failed:\n%s", cmd.ptr, out->ptr);
    bc_buf_fini(&cmd);
}

/* ---- words ---- */

static void add_word(pc_words *ws, size_t *cap, const pc_word *w)
{
    if (ws->count == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        ws->items = realloc(ws->items, *cap * sizeof *ws->items);
        assert_non_null(ws->items);
    }
    ws->items[ws->count++] = *w;
}

void pc_read_words(const char *pdf, pc_words *out)
{
    bc_buf xml = BC_BUF_INIT;
    pc_run_tool("pdftotext -bbox '%s' -", pdf, &xml);
    out->items = NULL;
    out->count = 0;
    int page = 0;
    size_t cap = 0;
    for (char *line = xml.ptr; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strstr(line, "<page "))
            page++;
        pc_word w = {page, 0, 0, 0, 0, ""};
        char *text = strchr(line, '>');
        if (strstr(line, "<word ") && text &&
            sscanf(strstr(line, "xMin"),
                   "xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                   &w.x0, &w.y0, &w.x1, &w.y1) == 4) {
            char *close = strstr(text, "</word>");
            size_t n = close ? (size_t)(close - text - 1) : 0;
            if (n >= sizeof w.text)
                n = sizeof w.text - 1;
            memcpy(w.text, text + 1, n);
            w.text[n] = '\0';
            add_word(out, &cap, &w);
        }
        line = end ? end + 1 : NULL;
    }
    bc_buf_fini(&xml);
}

void pc_words_fini(pc_words *ws)
{
    free(ws->items);
    ws->items = NULL;
    ws->count = 0;
}

long pc_word_index(const pc_words *ws, int page, const char *text)
{
    for (size_t i = 0; i < ws->count; i++)
        if ((page == 0 || ws->items[i].page == page) &&
            !strcmp(ws->items[i].text, text))
            return (long)i;
    return -1;
}

const pc_word *pc_find_word(const pc_words *ws, int page, const char *text)
{
    long i = pc_word_index(ws, page, text);
    return i < 0 ? NULL : &ws->items[i];
}

double pc_centre(const pc_word *w)
{
    return (w->x0 + w->x1) / 2;
}

bool pc_near(double a, double b, double tolerance)
{
    return a - b <= tolerance && b - a <= tolerance;
}

int pc_page_count(const char *pdf)
{
    bc_buf out = BC_BUF_INIT;
    pc_run_tool("pdfinfo '%s'", pdf, &out);
    /* Chromium: 594.96 x 841.92; LibreOffice: 595.304 x 841.89 */
    if (!strstr(out.ptr, "(A4)"))
        fail_msg("not A4:\n%s", out.ptr);
    char *pages = strstr(out.ptr, "Pages:");
    assert_non_null(pages);
    int n = (int)strtol(pages + 6, NULL, 10);
    bc_buf_fini(&out);
    return n;
}

/* ---- rules and fonts ---- */

/* The numbers after each letter of path d ("M x y L x y ..."), up to
 * max. */
static size_t path_numbers(const char *d, double *v, size_t max)
{
    size_t n = 0;
    for (const char *p = d; *p && n < max;) {
        char *end;
        double x = strtod(p, &end);
        if (end == p) {
            p++;
            continue;
        }
        v[n++] = x;
        p = end;
    }
    return n;
}

/* The value of attribute name in element el, into out (empty if none). */
static void attribute(const char *el, const char *name, char *out,
                      size_t size)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *at = strstr(el, key);
    out[0] = '\0';
    if (!at)
        return;
    at += strlen(key);
    const char *end = strchr(at, '"');
    size_t n = end ? (size_t)(end - at) : 0;
    n = n < size - 1 ? n : size - 1;
    memcpy(out, at, n);
    out[n] = '\0';
}

/* One drawn path as a rule, if it is one: a black box under 1.5 pt high
 * (Chromium), or a stroked horizontal line through transform
 * matrix(a,0,0,d,e,f) (LibreOffice). */
static bool as_rule(const char *el, pc_rule *r)
{
    char d[512], style[512], transform[128];
    attribute(el, "d", d, sizeof d);
    attribute(el, "style", style, sizeof style);
    attribute(el, "transform", transform, sizeof transform);
    double v[16];
    size_t n = path_numbers(d, v, 16);
    if (strstr(style, "fill:rgb(0%,0%,0%)") && n >= 8) {
        double x0 = v[0], x1 = v[2], y0 = v[1], y1 = v[5];
        if (y1 - y0 > 1.5 || x1 - x0 < 5)
            return false;
        *r = (pc_rule){x0, x1, (y0 + y1) / 2};
        return true;
    }
    if (!strstr(style, "stroke:rgb(0%,0%,0%)") || n != 4 || v[1] != v[3])
        return false;
    double m[6] = {1, 0, 0, 1, 0, 0};
    if (transform[0])
        path_numbers(transform, m, 6);
    double xa = m[0] * v[0] + m[4], xb = m[0] * v[2] + m[4];
    *r = (pc_rule){xa < xb ? xa : xb, xa < xb ? xb : xa, m[3] * v[1] + m[5]};
    return true;
}

static int by_y(const void *a, const void *b)
{
    double ya = ((const pc_rule *)a)->y, yb = ((const pc_rule *)b)->y;
    return ya < yb ? -1 : ya > yb;
}

size_t pc_read_rules(const char *pdf, int page, pc_rule *rules, size_t max)
{
    bc_buf svg = BC_BUF_INIT, cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd, "pdftocairo -svg -f %d -l %d '%%s' -", page, page);
    pc_run_tool(cmd.ptr, pdf, &svg);
    const char *body = strstr(svg.ptr, "</defs>");
    size_t n = 0;
    for (const char *p = body ? body : svg.ptr; (p = strstr(p, "<path "));) {
        const char *end = strchr(p, '>');
        assert_non_null(end);
        char el[2048];
        size_t len = (size_t)(end - p) < sizeof el - 1 ? (size_t)(end - p)
                                                       : sizeof el - 1;
        memcpy(el, p, len);
        el[len] = '\0';
        pc_rule r;
        if (n < max && as_rule(el, &r)) {
            bool twice = false; /* LibreOffice draws some lines twice */
            for (size_t i = 0; i < n; i++)
                twice |= pc_near(rules[i].x0, r.x0, 0.1) &&
                         pc_near(rules[i].x1, r.x1, 0.1) &&
                         pc_near(rules[i].y, r.y, 0.1);
            if (!twice)
                rules[n++] = r;
        }
        p = end;
    }
    qsort(rules, n, sizeof *rules, by_y);
    bc_buf_fini(&svg);
    bc_buf_fini(&cmd);
    return n;
}

void pc_fonts(const char *pdf, bc_buf *out)
{
    bc_buf list = BC_BUF_INIT;
    pc_run_tool("pdffonts '%s'", pdf, &list);
    bc_buf_clear(out);
    char *line = strchr(list.ptr, '\n'); /* the heading and its rule */
    line = line ? strchr(line + 1, '\n') : NULL;
    for (line = line ? line + 1 : NULL; line && *line;) {
        char *end = strchr(line, '\n');
        char *plus = strchr(line, '+');
        char *name = plus && (!end || plus < end) ? plus + 1 : line;
        size_t n = strcspn(name, " \n");
        bc_buf_append(out, name, n);
        bc_buf_putc(out, '\n');
        line = end ? end + 1 : NULL;
    }
    bc_buf_fini(&list);
}

/* ---- the layout of Decree 30 ---- */

/* The Quốc hiệu: its eight words in a row, on one baseline, in 12 pt.
 * pdftotext's word boxes are as tall as the font's ascent and descent,
 * in proportion to its size: the Tên loại ("BÁO", 14 pt) gives the
 * scale. */
static void check_country(const pc_words *ws)
{
    static const char *const country[] = {"CỘNG", "HÒA", "XÃ", "HỘI",
                                          "CHỦ", "NGHĨA", "VIỆT", "NAM"};
    long at = pc_word_index(ws, 1, "CỘNG");
    const pc_word *type = pc_find_word(ws, 1, "BÁO");
    assert_true(at >= 0);
    assert_non_null(type);
    assert_true((size_t)at + 8 <= ws->count);
    const pc_word *first = &ws->items[at];
    for (size_t i = 0; i < 8; i++) {
        const pc_word *w = &ws->items[(size_t)at + i];
        if (strcmp(w->text, country[i]) != 0 || w->page != 1)
            fail_msg("the Quốc hiệu reads \"%s\" where \"%s\" belongs",
                     w->text, country[i]);
        if (!pc_near(w->y1, first->y1, 0.3) || !pc_near(w->y0, first->y0, 0.3))
            fail_msg("\"%s\" of the Quốc hiệu is off its line: %.2f, not "
                     "%.2f", w->text, w->y1, first->y1);
    }
    double size = 14 * (first->y1 - first->y0) / (type->y1 - type->y0);
    if (!pc_near(size, 12, 0.15))
        fail_msg("the Quốc hiệu in %.2f pt, not 12 (Decree 30: 12 to 13, "
                 "the example 12)", size);
}

/* The lines of the trích yếu are evenly spaced. */
static void check_subject(const pc_words *ws)
{
    long from = pc_word_index(ws, 1, "BÁO");
    long to = pc_word_index(ws, 1, "Kính");
    assert_true(from >= 0 && to > from);
    double line[16];
    size_t lines = 0;
    for (long i = from + 2; i < to; i++) { /* after "BÁO CÁO" */
        double y = ws->items[i].y0;
        if (lines == 0 || !pc_near(y, line[lines - 1], 1)) {
            assert_true(lines < 16);
            line[lines++] = y;
        }
    }
    for (size_t i = 2; i < lines; i++)
        if (!pc_near(line[i] - line[i - 1], line[1] - line[0], 1))
            fail_msg("the subject's lines are %.2f and %.2f pt apart",
                     line[1] - line[0], line[i] - line[i - 1]);
}

void pc_check_page_number(const pc_words *ws, int p, int expected)
{
    const pc_word *number = NULL;
    for (size_t i = 0; i < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page != p || w->y0 >= PC_TOP)
            continue;
        char text[16]; /* the top margin holds the page number alone */
        snprintf(text, sizeof text, "%d", expected);
        if (strcmp(w->text, text) != 0)
            fail_msg("page %d: \"%s\" in the top margin, not %d", p,
                     w->text, expected);
        number = w;
    }
    if (expected == 0 && number)
        fail_msg("page %d shows a number", p);
    if (expected != 0 && !number)
        fail_msg("page %d has no number, %d expected", p, expected);
    if (number && !pc_near(pc_centre(number), PC_MIDDLE, 3))
        fail_msg("page %d: its number is not centred (%.1f mm)", p,
                 pc_centre(number) / PC_MM);
}

/* One page: its text within the margins (the widest right edge in
 * *widest), and the number expected in its top margin (0: none). */
static void check_page(const pc_words *ws, int p, int expected,
                       double *widest)
{
    double x0 = 1e9, x1 = 0;
    for (size_t i = 0; i < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page != p || w->y0 < PC_TOP)
            continue;
        x0 = w->x0 < x0 ? w->x0 : x0;
        x1 = w->x1 > x1 ? w->x1 : x1;
    }
    if (x0 < PC_LEFT - 1 || x0 > PC_LEFT + 2 || x1 > PC_RIGHT + 1)
        fail_msg("page %d: text from %.1f to %.1f mm, not 30 to 195 mm", p,
                 x0 / PC_MM, x1 / PC_MM);
    *widest = x1 > *widest ? x1 : *widest;
    pc_check_page_number(ws, p, expected);
}

void pc_check_layout(const pc_words *ws, int pages, const int *numbers)
{
    double widest = 0;
    for (int p = 1; p <= pages; p++)
        check_page(ws, p, numbers ? numbers[p - 1] : p == 1 ? 0 : p,
                   &widest);
    if (widest < PC_RIGHT - 3) /* justified lines reach the right margin */
        fail_msg("no line reaches the right margin (%.1f mm)",
                 widest / PC_MM);
    check_country(ws);
    check_subject(ws);
    const pc_word *so = pc_find_word(ws, 1, "Số:");
    const pc_word *ngay = pc_find_word(ws, 1, "ngày");
    assert_non_null(so);
    assert_non_null(ngay);
    if (!pc_near(so->y0, ngay->y0, 2))
        fail_msg("\"Số:\" at %.1f mm, the date at %.1f mm: not one row",
                 so->y0 / PC_MM, ngay->y0 / PC_MM);
}

/* ---- the header ---- */

/* The extent of the words of page 1 above y and within [from, to). */
static void block_extent(const pc_words *ws, double y, double from,
                         double to, double *x0, double *x1)
{
    *x0 = 1e9;
    *x1 = 0;
    for (size_t i = 0; i < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page != 1 || w->y1 > y || w->y0 < PC_TOP ||
            pc_centre(w) < from || pc_centre(w) >= to)
            continue;
        *x0 = w->x0 < *x0 ? w->x0 : *x0;
        *x1 = w->x1 > *x1 ? w->x1 : *x1;
    }
    assert_true(*x1 > *x0);
}

/* The first rule under y (from 3 pt above: a word box takes in the
 * descenders, and a border may cross them) to 12 pt below it, centred
 * on centre; or NULL. */
static const pc_rule *rule_under(const pc_rule *rules, size_t n, double y,
                                 double centre)
{
    for (size_t i = 0; i < n; i++)
        if (rules[i].y > y - 3 && rules[i].y < y + 12 &&
            pc_near((rules[i].x0 + rules[i].x1) / 2, centre, 3))
            return &rules[i];
    return NULL;
}

static void check_rule(const pc_rule *r, const char *what, double line,
                       double least, double most)
{
    if (!r)
        fail_msg("no rule under %s", what);
    double len = r->x1 - r->x0;
    if (len < least * line - 1 || len > most * line + 1)
        fail_msg("the rule under %s is %.1f pt for a line of %.1f pt", what,
                 len, line);
}

void pc_check_header(const char *pdf, const pc_words *ws)
{
    const double split = PC_LEFT + 0.41 * (PC_RIGHT - PC_LEFT);
    const pc_word *so = pc_find_word(ws, 1, "Số:");
    const pc_word *type = pc_find_word(ws, 1, "BÁO");
    const pc_word *type2 = pc_find_word(ws, 1, "CÁO");
    const pc_word *slogan = pc_find_word(ws, 1, "Độc");
    const pc_word *happy = pc_find_word(ws, 1, "phúc");
    const pc_word *to = pc_find_word(ws, 1, "Kính");
    assert_true(so && type && type2 && slogan && happy && to);
    double a0, a1, m0, m1;
    block_extent(ws, so->y0, 0, split, &a0, &a1);
    block_extent(ws, so->y0, split, 1e9, &m0, &m1);
    if (!pc_near((a0 + a1) / 2, (PC_LEFT + split) / 2, 3))
        fail_msg("the agency is centred at %.1f mm, not over the left "
                 "column (%.1f mm)", (a0 + a1) / 2 / PC_MM,
                 (PC_LEFT + split) / 2 / PC_MM);
    if (!pc_near((m0 + m1) / 2, (split + PC_RIGHT) / 2, 3))
        fail_msg("the Quốc hiệu is centred at %.1f mm, not over the right "
                 "column (%.1f mm)", (m0 + m1) / 2 / PC_MM,
                 (split + PC_RIGHT) / 2 / PC_MM);
    if (!pc_near((type->x0 + type2->x1) / 2, PC_MIDDLE, 2))
        fail_msg("the title is centred at %.1f mm, not in the middle",
                 (type->x0 + type2->x1) / 2 / PC_MM);
    pc_rule rules[32];
    size_t n = pc_read_rules(pdf, 1, rules, 32);
    double agency_bottom = 0, subject_bottom = 0, subject_width = 0;
    double line_y = -1, line_x0 = 0, line_x1 = 0;
    for (size_t i = 0; i < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page == 1 && w->y1 < so->y0 && pc_centre(w) < split &&
            w->y1 > agency_bottom)
            agency_bottom = w->y1;
        if (w->page != 1 || w->y0 < type->y0 + 8 || w->y1 >= to->y0)
            continue;
        subject_bottom = w->y1 > subject_bottom ? w->y1 : subject_bottom;
        if (!pc_near(w->y0, line_y, 1)) { /* a new line of the subject */
            line_y = w->y0;
            line_x0 = w->x0;
        }
        line_x1 = w->x1;
        subject_width = line_x1 - line_x0 > subject_width ? line_x1 - line_x0
                                                          : subject_width;
    }
    check_rule(rule_under(rules, n, agency_bottom, (a0 + a1) / 2),
               "the agency", a1 - a0, 1.0 / 3, 0.5);
    check_rule(rule_under(rules, n, happy->y1, (slogan->x0 + happy->x1) / 2),
               "the Tiêu ngữ", happy->x1 - slogan->x0, 0.97, 1.03);
    check_rule(rule_under(rules, n, subject_bottom, PC_MIDDLE),
               "the subject", subject_width, 1.0 / 3, 0.5);
}

/* ---- the end ---- */

void pc_check_end(const pc_words *ws, const char *signer, int page)
{
    const pc_word *name = pc_find_word(ws, 0, signer);
    const pc_word *to = pc_find_word(ws, 0, "Nơi");
    assert_non_null(name);
    assert_non_null(to);
    if (name->page != page || to->page != page)
        fail_msg("the signer on page %d, Nơi nhận on page %d, not %d",
                 name->page, to->page, page);
    if (pc_centre(name) < PC_MIDDLE)
        fail_msg("the signer at %.1f mm, left of the middle",
                 pc_centre(name) / PC_MM);
    if (!pc_near(to->x0, PC_LEFT, 2))
        fail_msg("Nơi nhận at %.1f mm, not at the left margin",
                 to->x0 / PC_MM);
}

/* ---- the text ---- */

/* The words of text, split at spaces and no-break spaces, with the
 * characters in strip taken off their ends, case-folded; empty words
 * left out. */
static char **split_words(char *text, const char *strip, size_t *count)
{
    size_t cap = 1024, n = 0;
    char **v = malloc(cap * sizeof *v);
    assert_non_null(v);
    for (char *p = text; *p;) {
        size_t blank = strspn(p, " \t\n\f\r");
        if (!strncmp(p, "\xC2\xA0", 2))
            blank = 2;
        if (blank) {
            p += blank;
            continue;
        }
        char *start = p;
        while (*p && !strchr(" \t\n\f\r", *p) && strncmp(p, "\xC2\xA0", 2))
            p++;
        char *end = p;
        while (start < end && strchr(strip, *start))
            start++;
        while (end > start && strchr(strip, end[-1]))
            end--;
        if (end == start)
            continue;
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        /* In lower case: the page prints some texts in capitals
         * (text-transform, w:caps) that the Markdown keeps as typed. */
        utf8proc_uint8_t *folded = NULL;
        assert_true(utf8proc_map((const utf8proc_uint8_t *)start,
                                 end - start, &folded,
                                 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) >= 0);
        v[n++] = (char *)folded;
    }
    *count = n;
    return v;
}

/* The Markdown without its table rows and escapes. */
static void markdown_text(const char *md, bc_buf *out)
{
    for (const char *line = md; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        for (size_t i = 0; line[0] != '|' && i < len; i++) {
            if (line[i] == '\\' && i + 1 == len)
                continue; /* a hard line break */
            if (line[i] == '\\')
                i++; /* the escaped character itself */
            else if (line[i] == '*' || line[i] == '_')
                continue; /* emphasis */
            bc_buf_putc(out, line[i]);
        }
        bc_buf_putc(out, '\n');
        line = end ? end + 1 : line + len;
    }
}

void pc_check_text_order(const char *pdf, const char *md)
{
    bc_buf text = BC_BUF_INIT, plain = BC_BUF_INIT;
    pc_run_tool("pdftotext -raw '%s' -", pdf, &text);
    markdown_text(md, &plain);
    size_t np, nm;
    char **printed = split_words(text.ptr, "", &np);
    char **wanted = split_words(plain.ptr, "#", &nm);
    size_t at = 0;
    for (size_t i = 0; i < nm; i++) {
        if (!strcmp(wanted[i], "---")) /* the rule before an appendix */
            continue;
        size_t j = at;
        while (j < np && strcmp(printed[j], wanted[i]) != 0)
            j++;
        if (j == np)
            fail_msg("\"%s\" (word %zu of the Markdown) is not printed "
                     "after \"%s\"", wanted[i], i, at ? printed[at - 1] : "");
        at = j + 1;
    }
    for (size_t i = 0; i < np; i++)
        free(printed[i]);
    for (size_t i = 0; i < nm; i++)
        free(wanted[i]);
    free(printed);
    free(wanted);
    bc_buf_fini(&text);
    bc_buf_fini(&plain);
}

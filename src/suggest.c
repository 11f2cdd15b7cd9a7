/* suggest.c - the nearest known word (see suggest.h). */
#include "bcreport/suggest.h"

#include <stdint.h>
#include <string.h>

#define MAX_WORD 64

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t bc_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_WORD || lb > MAX_WORD)
        return SIZE_MAX;
    /* three rows: two back (for a swap), the last, the current */
    size_t rows[3][MAX_WORD + 1];
    for (size_t j = 0; j <= lb; j++)
        rows[1][j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t *cur = rows[(i + 1) % 3], *last = rows[i % 3],
               *back = rows[(i + 2) % 3];
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = min3(last[j] + 1, cur[j - 1] + 1, last[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && back[j - 2] + 1 < cur[j])
                cur[j] = back[j - 2] + 1;
        }
    }
    return rows[(la + 1) % 3][lb];
}

const char *bc_suggest(const char *const *words, size_t n, const char *word)
{
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < n && words[i]; i++) {
        size_t d = bc_edit_distance(word, words[i]);
        if (d < best_distance) {
            best_distance = d;
            best = words[i];
        }
    }
    size_t allowed = strlen(word) / 3;
    if (allowed < 1)
        allowed = 1;
    return best_distance <= allowed ? best : NULL;
}

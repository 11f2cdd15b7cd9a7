/*
 * template_resolve.c - finding partials and parents: resolvers and their
 * cache of compiled templates (see template.h).
 */
#include "template_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/i18n.h"
#include "bcreport/io.h"
#include "bcreport/strmap.h"
#include "bcreport/chars.h"

/* One cached lookup; t NULL remembers a miss. */
typedef struct cache_entry {
    char *name; /* the key of the cache map */
    bc_template *t;
} cache_entry;

struct bc_resolver {
    bc_resolve_fn fn;
    void *user;
    char *dir;                  /* bc_resolver_new_dir */
    bc_template_entry *entries; /* bc_resolver_new_table */
    size_t entry_count;
    bc_resolver *first, *fallback; /* bc_resolver_new_chain: owned */
    bc_strmap cache; /* name -> cache_entry */
};

bc_resolver *bc_resolver_new(bc_resolve_fn fn, void *user)
{
    bc_resolver *r = bc_xcalloc(1, sizeof *r);
    r->fn = fn;
    r->user = user;
    return r;
}

void bc_resolver_free(bc_resolver *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->cache.cap; i++) {
        cache_entry *e = r->cache.slots[i].value;
        if (!r->cache.slots[i].key)
            continue;
        free(e->name);
        bc_template_free(e->t);
        free(e);
    }
    bc_strmap_fini(&r->cache);
    free(r->dir);
    free(r->entries);
    bc_resolver_free(r->first);
    bc_resolver_free(r->fallback);
    free(r);
}

static void cache_put(bc_resolver *r, const char *name, bc_template *t)
{
    cache_entry *e = bc_xcalloc(1, sizeof *e);
    e->name = bc_xstrdup(name);
    e->t = t;
    bc_strmap_put(&r->cache, e->name, strlen(e->name), e);
}

bc_resolve_result bc_resolver_load(bc_resolver *r, const char *name,
                                   const bc_template **out, bc_pos at,
                                   bc_diags *diags)
{
    *out = NULL;
    const cache_entry *cached = bc_strmap_get(&r->cache, name, strlen(name));
    if (cached) {
        *out = cached->t;
        return cached->t ? BC_RESOLVE_FOUND : BC_RESOLVE_MISSING;
    }
    bc_buf text = BC_BUF_INIT, display = BC_BUF_INIT, error = BC_BUF_INIT;
    bc_resolve_result res = r->fn(r->user, name, &text, &display, &error);
    bc_template *t = NULL;
    if (res == BC_RESOLVE_FOUND) {
        const char *shown = display.len ? display.ptr : name;
        t = bc_template_compile(shown, text.ptr, text.len,
                                diags);
        if (!t) {
            res = BC_RESOLVE_ERROR;
            /* A partial's include site; not the top template, which
             * nothing includes (at is then the folder alone). */
            if (at.file && at.line > 0)
                bc_diag_add(diags, BC_NOTE, BC_OK, at,
                            _("in template \"%s\" included here"), name);
        }
    } else if (res == BC_RESOLVE_ERROR) {
        bc_diag_error(diags, at, _("cannot load template \"%s\": %s"), name,
                      error.len ? error.ptr : _("unknown error"));
    }
    if (res != BC_RESOLVE_ERROR)
        cache_put(r, name, t); /* errors are not cached: report them again */
    bc_buf_fini(&text);
    bc_buf_fini(&display);
    bc_buf_fini(&error);
    *out = t;
    return res;
}

/* ---- a folder --------------------------------------------------------- */

/* Subfolders are fine; escaping the folder is not. */
static bool valid_path_name(const char *name, bc_buf *error)
{
    if (!*name || name[0] == '/') {
        bc_buf_puts(error, _("a template name must be a relative path"));
        return false;
    }
    const char *p = name;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') ||
            (n == 2 && p[0] == '.' && p[1] == '.')) {
            bc_buf_puts(error, _("a template name must not contain empty, "
                                 "\".\" or \"..\" parts"));
            return false;
        }
        if (!slash)
            return true;
        p = slash + 1;
    }
}

/* Reads a regular file at path.  MISSING when there is none (a folder of
 * the same name counts as none). */
static bc_resolve_result read_template(const char *path, bc_buf *text,
                                       bc_buf *error)
{
    int error_number;
    bc_buf_clear(text);
    switch (bc_read_into(path, BC_TEMPLATE_MAX_SIZE, text, &error_number)) {
    case BC_READ_OK:
        return BC_RESOLVE_FOUND;
    case BC_READ_MISSING:
        return BC_RESOLVE_MISSING;
    case BC_READ_CANNOT_OPEN:
        if (error_number == EISDIR)
            return BC_RESOLVE_MISSING;
        break;
    case BC_READ_TOO_LARGE:
        bc_buf_printf(error, _("%s: larger than %u bytes"), path,
                      (unsigned)BC_TEMPLATE_MAX_SIZE);
        return BC_RESOLVE_ERROR;
    case BC_READ_FAILED:
        break;
    }
    bc_buf_printf(error, "%s: %s", path, strerror(error_number));
    return BC_RESOLVE_ERROR;
}

static bc_resolve_result dir_find(void *user, const char *name, bc_buf *text,
                                  bc_buf *display, bc_buf *error)
{
    const char *dir = user;
    if (!valid_path_name(name, error))
        return BC_RESOLVE_ERROR;
    static const char *const suffixes[] = {".mustache", ""};
    for (size_t i = 0; i < BC_COUNT(suffixes); i++) {
        bc_buf_clear(display);
        bc_buf_printf(display, "%s/%s%s", dir, name, suffixes[i]);
        bc_resolve_result res = read_template(display->ptr, text, error);
        if (res != BC_RESOLVE_MISSING)
            return res;
    }
    bc_buf_clear(display);
    return BC_RESOLVE_MISSING;
}

bc_resolver *bc_resolver_new_dir(const char *dir)
{
    bc_resolver *r = bc_resolver_new(dir_find, NULL);
    r->dir = bc_xstrdup(dir);
    r->user = r->dir;
    return r;
}

/* ---- a table ---------------------------------------------------------- */

static bc_resolve_result table_find(void *user, const char *name,
                                    bc_buf *text, bc_buf *display,
                                    bc_buf *error)
{
    const bc_resolver *r = user;
    (void)display;
    (void)error;
    for (size_t i = 0; i < r->entry_count; i++) {
        const bc_template_entry *e = &r->entries[i];
        if (strcmp(e->name, name) == 0) {
            bc_buf_append(text, e->text, e->len ? e->len : strlen(e->text));
            return BC_RESOLVE_FOUND;
        }
    }
    return BC_RESOLVE_MISSING;
}

bc_resolver *bc_resolver_new_table(const bc_template_entry *entries,
                                   size_t count)
{
    bc_resolver *r = bc_resolver_new(table_find, NULL);
    r->user = r;
    if (count) {
        r->entries = bc_xcalloc(count, sizeof *entries);
        memcpy(r->entries, entries, count * sizeof *entries);
    }
    r->entry_count = count;
    return r;
}

/* ---- a chain ---------------------------------------------------------- */

static bc_resolve_result chain_find(void *user, const char *name,
                                    bc_buf *text, bc_buf *display,
                                    bc_buf *error)
{
    const bc_resolver *r = user;
    bc_resolve_result res =
        r->first->fn(r->first->user, name, text, display, error);
    if (res != BC_RESOLVE_MISSING)
        return res;
    bc_buf_clear(text);
    bc_buf_clear(display);
    return r->fallback->fn(r->fallback->user, name, text, display, error);
}

bc_resolver *bc_resolver_new_chain(bc_resolver *first, bc_resolver *fallback)
{
    bc_resolver *r = bc_resolver_new(chain_find, NULL);
    r->user = r;
    r->first = first;
    r->fallback = fallback;
    return r;
}

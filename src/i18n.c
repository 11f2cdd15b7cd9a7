/* i18n.c - messages in the user's language (see i18n.h). */
#include "bcreport/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bcreport/buf.h"
#include "bcreport/paths.h"

#define DOMAIN "bcreport"

#ifndef BC_LOCALEDIR
#define BC_LOCALEDIR "/usr/local/share/locale"
#endif

static bool vietnamese;
static bool initialised;

/* The language variables, in gettext's order of precedence; the first
 * that is set decides (LANGUAGE only when it is not empty). */
static bool environment_says_vietnamese(void)
{
    static const char *const names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES",
                                        "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return strncmp(v, "vi", 2) == 0;
    }
    return false;
}

static bool has_catalogue(const char *dir)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/vi/LC_MESSAGES/" DOMAIN ".mo", dir);
    struct stat st;
    bool found = stat(path.ptr, &st) == 0;
    bc_buf_fini(&path);
    return found;
}

/* Where the catalogues are (see i18n.h). */
static void locale_dir(const char *argv0, bc_buf *out)
{
    const char *env = getenv("BCREPORT_LOCALEDIR");
    if (env && *env) {
        bc_buf_puts(out, env);
        return;
    }
    bc_buf here = BC_BUF_INIT;
    if (!bc_program_folder(argv0, &here))
        bc_buf_putc(&here, '.');
    /* the build tree (./bcreport, build/asan/bcreport), then installed */
    static const char *const beside[] = {"%s/build/locale", "%s/locale",
                                         "%s/../share/locale"};
    for (size_t i = 0; i < 3; i++) {
        bc_buf_clear(out);
        bc_buf_printf(out, beside[i], here.ptr);
        if (has_catalogue(out->ptr)) {
            bc_buf_fini(&here);
            return;
        }
    }
    bc_buf_fini(&here);
    bc_buf_clear(out);
    bc_buf_puts(out, BC_LOCALEDIR);
}

void bc_i18n_init(const char *argv0)
{
    vietnamese = environment_says_vietnamese();
    bool ok = setlocale(LC_MESSAGES, "") && setlocale(LC_CTYPE, "");
    if (!ok) { /* the locale named is not generated here */
        setlocale(LC_MESSAGES, "C.UTF-8");
        setlocale(LC_CTYPE, "C.UTF-8");
        if (vietnamese)
            setenv("LANGUAGE", "vi", 0);
    }
    bc_buf dir = BC_BUF_INIT;
    locale_dir(argv0, &dir);
    bindtextdomain(DOMAIN, dir.ptr);
    bc_buf_fini(&dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
    initialised = true;
}

const char *bc_gettext(const char *msgid)
{
    return initialised ? dgettext(DOMAIN, msgid) : msgid;
}

const char *bc_ngettext(const char *singular, const char *plural,
                        unsigned long n)
{
    if (!initialised)
        return n == 1 ? singular : plural;
    return dngettext(DOMAIN, singular, plural, n);
}

bool bc_i18n_vietnamese(void)
{
    return vietnamese && initialised;
}

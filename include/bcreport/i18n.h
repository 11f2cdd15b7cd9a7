/*
 * i18n.h - messages in the user's language: Vietnamese when the locale
 * says so, English otherwise (GNU gettext, text domain "bcreport").
 *
 * Vietnamese is chosen when LANGUAGE, LC_ALL, LC_MESSAGES or LANG starts
 * with "vi".  Only the categories that choose the language and the
 * character set (LC_MESSAGES, LC_CTYPE) follow the environment: numbers
 * are always read and printed the C way (a Vietnamese LC_NUMERIC would
 * write 1,5 for 1.5 in JSON).  When the vi_VN.UTF-8 locale is not
 * generated on the machine, C.UTF-8 stands in for it and LANGUAGE=vi asks
 * gettext for the Vietnamese messages all the same.
 *
 * The catalogues (bcreport.mo) are looked for in $BCREPORT_LOCALEDIR,
 * then beside the program in a build tree (build/locale, or locale beside
 * a binary under build/), then where it
 * is installed (PREFIX/share/locale beside PREFIX/bin), then in
 * BC_LOCALEDIR, the folder it was built for.  Without a catalogue,
 * messages stay in English.
 *
 * In the source, a message is written _("...") where it is used, or
 * N_("...") where it is stored and translated later with _(); gettext's
 * xgettext collects both into po/bcreport.pot.
 */
#ifndef BC_I18N_H
#define BC_I18N_H

#include <stdbool.h>

/* Chooses the language and finds the catalogues; argv0 as main got it.
 * Call once, first. */
void bc_i18n_init(const char *argv0);

/* msgid in the user's language, or as it is.  (format_arg: the compiler
 * checks a printf format given through _() against its arguments.) */
const char *bc_gettext(const char *msgid) __attribute__((format_arg(1)));

/* singular or plural in the user's language, for n. */
const char *bc_ngettext(const char *singular, const char *plural,
                        unsigned long n) __attribute__((format_arg(1)))
    __attribute__((format_arg(2)));

/* True when messages are in Vietnamese. */
bool bc_i18n_vietnamese(void);

#define _(msgid) bc_gettext(msgid)
#define N_(msgid) (msgid)

#endif

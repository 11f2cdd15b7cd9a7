/*
 * main.c - the command line: options, commands, exit statuses.
 *
 * Only parsing and dispatch live here; each command calls the stages and
 * turns their diagnostics into an exit status (sysexits values, diag.h).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/i18n.h"
#include "bcreport/io.h"
#include "bcreport/build.h"
#include "bcreport/output.h"
#include "bcreport/lint.h"
#include "bcreport/next_year.h"
#include "bcreport/report.h"
#include "bcreport/schema_json.h"
#include "bcreport/suggest.h"
#include "bcreport/summary.h"
#include "bcreport/version.h"
#include "bcreport/watch.h"
#include "bcreport/chars.h"

typedef struct cli {
    bool colour; /* colour diagnostics on stderr */
    bool quiet;  /* errors only */
} cli;

typedef struct command {
    const char *name;
    const char *summary;
    const char *help;
    int (*run)(const cli *c, const struct command *self, int argc,
               char **argv);
} command;

static int cmd_build(const cli *c, const command *self, int argc,
                     char **argv);
/* "2 files checked: 1 error, 3 warnings", each count in its own plural. */
static void print_check_summary(int files, size_t errors, size_t warnings)
{
    bc_buf line = BC_BUF_INIT;
    bc_buf_printf(&line, bc_ngettext("%d file checked", "%d files checked",
                                     (unsigned long)files),
                  files);
    bc_buf_puts(&line, ": ");
    bc_buf_printf(&line, bc_ngettext("%zu error", "%zu errors", errors),
                  errors);
    bc_buf_puts(&line, ", ");
    bc_buf_printf(&line, bc_ngettext("%zu warning", "%zu warnings", warnings),
                  warnings);
    fprintf(stderr, "%s\n", line.ptr);
    bc_buf_fini(&line);
}

static int cmd_check(const cli *c, const command *self, int argc,
                     char **argv);
static int cmd_dump(const cli *c, const command *self, int argc, char **argv);
static int cmd_render(const cli *c, const command *self, int argc,
                      char **argv);
static int cmd_schema(const cli *c, const command *self, int argc,
                      char **argv);
static int cmd_help(const cli *c, const command *self, int argc, char **argv);
static int cmd_new(const cli *c, const command *self, int argc, char **argv);
static int cmd_init(const cli *c, const command *self, int argc, char **argv);

static int cmd_summary(const cli *c, const command *self, int argc,
                       char **argv);

/* Summaries and help are N_(): translated where they are printed. */
static const command commands[] = {
    {"new", N_("write a data file to start a report from"),
     N_("Usage: bcreport new [OPTIONS]\n"
        "\n"
        "Writes a data file to start a report from: every part of the\n"
        "report, each key explained in Vietnamese, with an example.  Write\n"
        "your own text where the file says «...»: check lists each such\n"
        "place as not filled in, and check --final refuses them.\n"
        "\n"
        "Options:\n"
        "  -o, --output=FILE   write to FILE instead of standard output; a\n"
        "                      FILE that exists is left alone unless --force\n"
        "                      is given\n"
        "  -l, --level=LEVEL   the agency: xa (a commune or ward, the\n"
        "                      default), tinh (a province) or so (a\n"
        "                      provincial department)\n"
        "  -y, --year=YEAR     the year reported on (default: this year)\n"
        "      --force         replace FILE if it exists\n"
        "  -h, --help          show this help\n"),
     cmd_new},
    {"init", N_("write next year's data file from this year's"),
     N_("Usage: bcreport init --from FILE [OPTIONS]\n"
        "\n"
        "Writes the data file of next year's report from this year's FILE:\n"
        "the same agency, recipients, citations, signers and structure; the\n"
        "year moved on in the subject and the titles (\"năm 2025\" becomes\n"
        "\"năm 2026\"), each change reported; the number and the date blank;\n"
        "each narrative replaced by «...» to fill, last year's text kept\n"
        "above it as comments; the activities (delegations, visits, aid\n"
        "projects, events) left out, last year's kept as comments to copy\n"
        "from; a cited document marked as replaced reported with what\n"
        "replaced it.  check then lists what is still to fill in.\n"
        "\n"
        "Options:\n"
        "      --from=FILE     this year's data file\n"
        "  -o, --output=FILE   write to FILE instead of standard output; a\n"
        "                      FILE that exists is left alone unless --force\n"
        "                      is given\n"
        "  -y, --year=YEAR     the new year (default: FILE's year + 1)\n"
        "      --force         replace FILE if it exists\n"
        "  -h, --help          show this help\n"),
     cmd_init},
    {"build", N_("write the report of a data file (Markdown, HTML, Word, PDF)"),
     N_("Usage: bcreport build [OPTIONS] FILE\n"
        "       bcreport build [OPTIONS] FILE... -o FOLDER/\n"
        "\n"
        "Checks the data file FILE (\"-\" for standard input) and writes its\n"
        "report (BÁO CÁO) in the official layout, as Markdown, a print-ready\n"
        "HTML page, a Word document or a PDF, to standard output or to the\n"
        "file given with -o.  Every mistake in the data is reported as\n"
        "FILE:LINE:COLUMN: error: ... and nothing is written.\n"
        "\n"
        "With -o FOLDER/ (a folder, or a name ending in /), each FILE is\n"
        "built into the folder, named after it (2025.yaml gives 2025.md, or\n"
        "2025.docx with -f docx); a failing file stops none of the others\n"
        "and leaves nothing behind; a last line counts them.  Exit status\n"
        "65 when any failed.\n"
        "\n"
        "Options:\n"
        "  -f, --format=FORMAT    md (Markdown, the default), html (one\n"
        "                         standalone page, A4, CSS inline), docx (Word)\n"
        "                         or pdf; without -f, the extension of OUT\n"
        "                         chooses (.md, .html, .docx, .pdf)\n"
        "      --fragment         html: only the <article>, to embed in a page\n"
        "  -o, --output=OUT       write to OUT instead of standard output,\n"
        "                         through a temporary file renamed at the end:\n"
        "                         a failed build leaves OUT as it was\n"
        "      --pdf-engine=ENGINE  pdf: chromium (the default: chromium,\n"
        "                         chromium-browser or google-chrome on PATH),\n"
        "                         libreoffice (prints the DOCX), or the path of\n"
        "                         either program\n"
        "  -T, --templates=DIR    use the templates in DIR instead of the\n"
        "                         built-in ones (report.md, report.html,\n"
        "                         article.html, the docx-*.xml parts and\n"
        "                         their partials)\n"
        "      --watch            with -o: build again each time FILE, its\n"
        "                         registry or the templates change, until\n"
        "                         Ctrl-C; a bad edit keeps the last good OUT\n"
        "  -h, --help             show this help\n"),
     cmd_build},
    {"check", N_("check data files without writing a report"),
     N_("Usage: bcreport check [OPTIONS] FILE...\n"
        "\n"
        "Loads and checks each data file as build does, then looks for the\n"
        "mistakes that slip into official documents: a citation typed by hand\n"
        "that disagrees with the registered document or with another mention,\n"
        "a document number whose year is later than its date, a reference to\n"
        "a document that is not registered (\"Kế hoạch 12\"), a registered\n"
        "document never cited, Nơi nhận without \"Lưu: VT\" or with an entry\n"
        "twice, a place still to fill in («...»).  Prints every finding as\n"
        "FILE:LINE:COLUMN: error|warning: ..., then a summary line.  Exit\n"
        "status 0 when there is no error, 65 when there is.\n"
        "\n"
        "Options:\n"
        "      --werror  treat warnings as errors\n"
        "      --final   the document is about to be issued: its number and\n"
        "                date must be filled in, nothing left as «...», and\n"
        "                it cannot be dated before a document it cites\n"
        "  -h, --help    show this help\n"),
     cmd_check},
    {"summary",
     N_("summarise many units' reports: tables, a spreadsheet, a document"),
     N_("Usage: bcreport summary [OPTIONS] FILE...\n"
        "\n"
        "Reads the data files of many units (communes, wards...), each\n"
        "checked as build checks it, and writes their summary: the reports\n"
        "received and the activities per unit, the aid projects with a\n"
        "total per unit and overall, the foreign delegations received, the\n"
        "trips abroad, the events, and the proposals by unit.  A file with\n"
        "an error is reported as FILE:LINE:COLUMN: error: ... and left out;\n"
        "the others are summarised, the summary says how many could not be\n"
        "read, and the exit status is 65.  With no readable file, nothing\n"
        "is written.\n"
        "\n"
        "Options:\n"
        "  -f, --format=FORMAT    md (the default), html, docx or pdf: a report\n"
        "                         in the official layout; xlsx: a workbook, one\n"
        "                         sheet a table, totals as formulas; csv: the\n"
        "                         tables one after another (UTF-8, for Excel);\n"
        "                         without -f, the extension of OUT chooses\n"
        "  -o, --output=OUT       write to OUT instead of standard output,\n"
        "                         through a temporary file renamed at the end\n"
        "      --header=FILE      the summary's own document, distribution and\n"
        "                         signature, written as in a data file; without\n"
        "                         it they are left blank, to fill in by hand\n"
        "      --pdf-engine=ENGINE  pdf: as for build\n"
        "  -T, --templates=DIR    use the templates in DIR (as for build)\n"
        "  -h, --help             show this help\n"),
     cmd_summary},
    {"dump", N_("print a YAML file as JSON, exactly as bcreport reads it"),
     N_("Usage: bcreport dump FILE\n"
        "\n"
        "Loads FILE (\"-\" for standard input) as bcreport loads every data\n"
        "file and prints it as JSON: UTF-8, keys in file order, the same\n"
        "output every run.  Errors are printed as FILE:LINE:COLUMN: error: ...\n"
        "\n"
        "Options:\n"
        "  -h, --help   show this help\n"),
     cmd_dump},
    {"render", N_("render a Mustache template with YAML data"),
     N_("Usage: bcreport render [OPTIONS] TEMPLATE [DATA]\n"
        "\n"
        "Renders the Mustache template TEMPLATE with the YAML file DATA (\"-\"\n"
        "for standard input; without DATA, no data) and writes the result to\n"
        "standard output, byte for byte.  The whole Mustache specification\n"
        "(v1.4.2) is followed, with inheritance and dynamic names, unless\n"
        "--strict is given.  Nothing is written on error.\n"
        "\n"
        "Options:\n"
        "  -P, --partials=DIR  where {{> name}} looks: DIR/name.mustache, then\n"
        "                      DIR/name (default: the template's folder)\n"
        "  -e, --escape=MODE   html (the default), markdown (the default for a\n"
        "                      template named *.md or *.md.mustache) or none\n"
        "      --strict        an undefined name or an unknown partial is an\n"
        "                      error at its line and column\n"
        "  -h, --help          show this help\n"),
     cmd_render},
    {"schema", N_("print the JSON Schema of the data files"),
     N_("Usage: bcreport schema\n"
        "\n"
        "Prints the JSON Schema (draft 2020-12) of bcreport's data files, with\n"
        "Vietnamese descriptions, for editors: VS Code's YAML extension gives\n"
        "completion and help on hover to a file that starts with\n"
        "    # yaml-language-server: $schema=../schema/report.schema.json\n"
        "(schema/report.schema.json in the source tree is this output).\n"
        "\n"
        "Options:\n"
        "  -h, --help   show this help\n"),
     cmd_schema},
    {"help", N_("show the help of a command"),
     N_("Usage: bcreport help [COMMAND]\n"), cmd_help},
};

#define N_COMMANDS BC_COUNT(commands)

static void print_usage(FILE *out)
{
    fputs(_("Usage: bcreport [OPTIONS] COMMAND [ARGS]\n"
            "\n"
            "Turns a YAML data file into a Vietnamese official report.\n"
            "\n"
            "Commands:\n"),
          out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
    fputs(_("\n"
            "Options (also after the command):\n"
            "  -h, --help          show this help\n"
            "  -V, --version       show the version\n"
            "      --color=WHEN    colour diagnostics: auto (the default: on a\n"
            "                      terminal, unless NO_COLOR is set), always,\n"
            "                      never\n"
            "  -q, --quiet         print errors only: no warnings, notes or\n"
            "                      summary\n"
            "\n"
            "Exit status: 0 success, 64 usage error, 65 bad data, 66 cannot\n"
            "open input, 69 no PDF engine, 70 internal error, 71 out of\n"
            "memory, 73 cannot create output, 74 input/output error.\n"
            "\n"
            "Messages are in Vietnamese when LANGUAGE, LC_ALL, LC_MESSAGES or\n"
            "LANG starts with \"vi\" (LANG=vi_VN.UTF-8).\n"
            "\n"
            "Run 'bcreport help COMMAND' for the help of one command.\n"),
          out);
}

static int usage_error(const char *fmt, ...) BC_PRINTF(1, 2);
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bcreport: %s: ", _("error"));
    vfprintf(stderr, fmt, ap);
    fputs(_("\nTry 'bcreport --help'.\n"), stderr);
    va_end(ap);
    return BC_EX_USAGE;
}

/* The long option of opts nearest to the one written (without its
 * "=value"), for "did you mean"; NULL if none is near. */
static const char *nearest_option(const struct option *opts, const char *arg)
{
    const char *names[32];
    size_t n = 0;
    for (; opts[n].name && n < BC_COUNT(names); n++)
        names[n] = opts[n].name;
    char word[64];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof word)
        return NULL;
    memcpy(word, arg, len);
    word[len] = '\0';
    return bc_suggest(names, n, word);
}

/* Reports the option getopt_long just refused: a long one as written, a
 * short one by its letter (it may be bundled, as in "-xh"), with the
 * nearest option of the command when one is near. */
static int unknown_option(const struct option *opts, char **argv)
{
    const char *arg = argv[optind - 1];
    char shown[3] = {'-', (char)optopt, '\0'};
    bool is_long = strncmp(arg, "--", 2) == 0;
    const char *near = is_long ? nearest_option(opts, arg + 2) : NULL;
    size_t len = strcspn(arg + 2, "=");
    if (near && strlen(near) == len && !strncmp(near, arg + 2, len))
        return usage_error(_("option \"--%s\" takes no value"), near);
    if (near)
        return usage_error(_("unknown option \"%s\"; did you mean \"--%s\"?"),
                           arg, near);
    return usage_error(_("unknown option \"%s\""),
                       is_long || !optopt ? arg : shown);
}

/* getopt_long returned ':' (a value is missing) or '?' (unknown). */
static int option_error(int ch, const struct option *opts, char **argv)
{
    if (ch == ':')
        return usage_error(_("option \"%s\" needs a value"), argv[optind - 1]);
    return unknown_option(opts, argv);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    const char *near = bc_suggest(names, N_COMMANDS, name);
    if (near)
        return usage_error(_("unknown command \"%s\"; did you mean \"%s\"?"),
                           name, near);
    return usage_error(_("unknown command \"%s\""), name);
}

/* Writes all of data to stdout; a failure (a full disk, a closed pipe) is
 * status 74, never a silent truncation. */
static int write_stdout(const char *data, size_t len)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, _("bcreport: error: cannot write to standard output: "
                          "%s\n"),
                strerror(errno));
        return BC_EX_IOERR;
    }
    return BC_OK;
}

static void print_diags(const cli *c, bc_diags *diags)
{
    if (c->quiet)
        bc_diags_keep_errors(diags);
    bc_diags_print(diags, stderr, c->colour);
}

/* Ends a command: when there was no error, the output file the document
 * was written to (o: through a temporary file, never onto an input) is
 * committed, or, o NULL, data goes to standard output; then the
 * diagnostics are printed.  Nothing is written after an error (o is
 * removed).  Returns the exit status. */
static int finish(const cli *c, bc_diags *diags, bc_output *o,
                  const bc_buf *data)
{
    if (diags->errors == 0 && o) {
        /* The warnings are made text before the file is replaced: once
         * it is, nothing is left to allocate, so running out of memory
         * (71) always leaves the old file. */
        if (c->quiet)
            bc_diags_keep_errors(diags);
        bc_buf said = BC_BUF_INIT;
        bc_diags_format(diags, c->colour, &said);
        bool written = bc_output_commit(o);
        if (written && said.len) {
            fwrite(said.ptr, 1, said.len, stderr);
            fflush(stderr);
        }
        bc_buf_fini(&said);
        if (written)
            return diags->status;
        /* Notes tell what the output holds (init's changes): moot when it
         * could not be written. */
        bc_diags_drop_notes(diags);
    } else if (o) {
        if (bc_output_failed(o))
            bc_diags_drop_notes(diags);
        bc_output_abort(o);
    }
    print_diags(c, diags);
    if (diags->errors == 0 && !o)
        return write_stdout(data->ptr, data->len);
    return diags->status;
}

/* Standard output as a document's sink (build.h): each piece goes out
 * as it is rendered, never held whole.  A rendering that fails writes
 * no more (and, within its first 64 KiB, nothing: template.h). */
static bool to_stdout(void *diags, const char *data, size_t len)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, (bc_pos){NULL, 0, 0},
                    _("cannot write to standard output: %s"),
                    strerror(errno));
        return false;
    }
    return true;
}

/* Where output goes: a file (not "-"), or NULL for standard output. */
static bc_output *output_of(const char *output, bc_diags *diags)
{
    return output && strcmp(output, "-") != 0 ? bc_output_open(output, diags)
                                              : NULL;
}

/* The output out of a command to the file named output, or for NULL or
 * "-" to standard output (finish). */
static int deliver(const cli *c, bc_diags *diags, const bc_buf *out,
                   const char *output)
{
    bc_output *o = output_of(output, diags);
    if (o && diags->errors == 0)
        bc_output_write(o, out->ptr, out->len);
    return finish(c, diags, o, out);
}

/* Parses a command's options, which are only --help; returns -1 to go on,
 * or the exit status to stop with. */
static int parse_command_options(const command *cmd, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int ch;
    optind = 0; /* glibc: a full reset, as this is the second getopt run */
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (ch == 'h') {
            fputs(_(cmd->help), stdout);
            return BC_OK;
        }
        return unknown_option(opts, argv);
    }
    return -1;
}

static int cmd_dump(const cli *c, const command *self, int argc, char **argv)
{
    int stop = parse_command_options(self, argc, argv);
    if (stop >= 0)
        return stop;
    if (argc - optind != 1)
        return argc - optind == 0
                   ? usage_error(_("dump needs a FILE (\"-\" for standard "
                                   "input)"))
                   : usage_error(_("dump takes one FILE"));
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bc_dump_file(argv[optind], &out, &diags);
    int status = deliver(c, &diags, &out, NULL);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

/* Standard input can be read once: "-" twice among files is a mistake. */
#define STDIN_TWICE N_("standard input (\"-\") can be read only once")

static bool stdin_twice(int n, char **files)
{
    int dashes = 0;
    for (int i = 0; i < n; i++)
        dashes += strcmp(files[i], "-") == 0;
    return dashes > 1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}


static int parse_render_args(const command *self, int argc, char **argv,
                             bc_render_request *a)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"partials", required_argument, NULL, 'P'},
        {"escape", required_argument, NULL, 'e'},
        {"strict", no_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    const char *escape = NULL;
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":hP:e:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(_(self->help), stdout);
            return BC_OK;
        case 'P':
            a->partials = optarg;
            break;
        case 'e':
            escape = optarg;
            break;
        case 's':
            a->strict = true;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    int n = argc - optind;
    if (n < 1 || n > 2)
        return n < 1 ? usage_error(_("render needs a TEMPLATE"))
                     : usage_error(_("render takes a TEMPLATE and at most "
                                     "one DATA file"));
    a->template_path = argv[optind];
    a->data_path = n == 2 ? argv[optind + 1] : NULL;
    if (stdin_twice(n, argv + optind))
        return usage_error("%s", _(STDIN_TWICE));
    if (!escape)
        a->escape = ends_with(a->template_path, ".md") ||
                            ends_with(a->template_path, ".md.mustache")
                        ? bc_escape_markdown
                        : bc_escape_html;
    else if (!strcmp(escape, "html"))
        a->escape = bc_escape_html;
    else if (!strcmp(escape, "markdown"))
        a->escape = bc_escape_markdown;
    else if (!strcmp(escape, "none"))
        a->escape = bc_escape_none;
    else
        return usage_error(_("--escape takes html, markdown or none, not "
                           "\"%s\""), escape);
    return -1;
}

/* The output is written only when all went well, so a failed render never
 * leaves half a document on stdout. */
static int cmd_render(const cli *c, const command *self, int argc,
                      char **argv)
{
    bc_render_request a = {0};
    int stop = parse_render_args(self, argc, argv, &a);
    if (stop >= 0)
        return stop;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bc_render_file(&a, &out, &diags);
    int status = deliver(c, &diags, &out, NULL);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

typedef struct build_args {
    char **inputs; /* one, or several with -o FOLDER/ */
    int count;
    const char *output; /* NULL or "-": standard output */
    bool to_folder;     /* -o names a folder: one output per input */
    bc_build_options options;
    bool watch; /* --watch (watch.h) */
} build_args;

/* The format from -f and the output's name: they must agree, and a name
 * that says no format needs -f; binary formats go to a file or a pipe,
 * not to a terminal.  Returns -1 to go on, or the exit status. */
static int choose_format(const char *named, build_args *a)
{
    bc_format by_f = BC_FORMAT_MD, by_name = BC_FORMAT_MD;
    if (named && !bc_format_named(named, &by_f))
        return usage_error(_("unknown format \"%s\" (formats: %s)"), named,
                           BC_FORMAT_NAMES);
    bool to_file = a->output && strcmp(a->output, "-") != 0;
    bool has_name = to_file && !a->to_folder &&
                    bc_format_of_path(a->output, &by_name);
    if (named && has_name && by_name != by_f)
        return usage_error(_("-f %s but the output \"%s\" is named as %s; "
                           "make them agree"),
                           named, a->output, bc_format_name(by_name));
    if (!named && to_file && !has_name && !a->to_folder)
        return usage_error(_("cannot tell the format of \"%s\" from its "
                           "name: end it in .md, .html, .docx or .pdf, or "
                           "give -f (formats: %s)"),
                           a->output, BC_FORMAT_NAMES);
    a->options.format = named ? by_f : has_name ? by_name : BC_FORMAT_MD;
    const char *name = bc_format_name(a->options.format);
    bool binary = a->options.format == BC_FORMAT_DOCX ||
                  a->options.format == BC_FORMAT_PDF;
    if (binary && !to_file && isatty(STDOUT_FILENO))
        return usage_error(_("%s is not text for a terminal: write it to a "
                           "file with -o NAME.%s"),
                           name, name);
    if (a->options.fragment && a->options.format != BC_FORMAT_HTML)
        return usage_error(_("--fragment goes with HTML output (-f html)"));
    if (a->options.pdf_engine && a->options.format != BC_FORMAT_PDF)
        return usage_error(_("--pdf-engine goes with PDF output (-f pdf)"));
    return -1;
}

/* --watch rebuilds a file from a file: standard output could not be
 * rewritten, nor standard input read again. */
static int check_watch(const build_args *a)
{
    if (!a->watch)
        return -1;
    if (!a->output || !strcmp(a->output, "-"))
        return usage_error(_("--watch needs -o OUT: it rewrites a file each "
                             "time FILE changes"));
    if (a->to_folder)
        return usage_error(_("--watch builds one FILE into one OUT file, "
                             "not into a folder"));
    if (!strcmp(a->inputs[0], "-"))
        return usage_error(_("--watch needs a FILE to watch, not standard "
                             "input"));
    return -1;
}

static int parse_build_args(const command *self, int argc, char **argv,
                            build_args *a)
{
    const char *format = NULL;
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"fragment", no_argument, NULL, 'F'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"templates", required_argument, NULL, 'T'},
        {"pdf-engine", required_argument, NULL, 'P'},
        {"watch", no_argument, NULL, 'W'},
        {NULL, 0, NULL, 0}};
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":hf:o:T:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(_(self->help), stdout);
            return BC_OK;
        case 'f':
            format = optarg;
            break;
        case 'F':
            a->options.fragment = true;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'T':
            a->options.template_dir = optarg;
            break;
        case 'P':
            a->options.pdf_engine = optarg;
            break;
        case 'W':
            a->watch = true;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    a->inputs = argv + optind;
    a->count = argc - optind;
    if (a->count == 0)
        return usage_error(_("build needs a FILE (\"-\" for standard "
                             "input)"));
    a->to_folder = a->output && bc_names_folder(a->output);
    if (a->count > 1 && !a->to_folder)
        return usage_error(_("several FILEs need -o FOLDER/, where one "
                             "output is written for each, named after it"));
    for (int i = 0; a->to_folder && i < a->count; i++)
        if (!strcmp(a->inputs[i], "-"))
            return usage_error(_("standard input (\"-\") has no name to "
                                 "give its output in a folder"));
    int stop = choose_format(format, a);
    return stop >= 0 ? stop : check_watch(a);
}

/* The output folder, made if missing when the first output is about to
 * be written: a usage error, or files that all fail, leave no empty
 * folder behind. */
static bool folder_ready(const char *folder)
{
    struct stat st;
    if (stat(folder, &st) == 0 || mkdir(folder, 0777) == 0)
        return true;
    fprintf(stderr, "%s: %s: %s: %s\n", folder, _("error"),
            _("cannot create the folder"), strerror(errno));
    return false;
}

/* Several inputs into a folder: each output named after its input, built
 * and written on its own (a failing file stops none of the others and
 * leaves nothing), then one line that counts them. */
static int build_into_folder(const cli *c, const build_args *a)
{
    char **names = bc_xcalloc((size_t)a->count, sizeof *names);
    int status = BC_OK;
    for (int i = 0; i < a->count && status == BC_OK; i++) {
        names[i] = bc_output_name(a->output, a->inputs[i], a->options.format);
        for (int j = 0; j < i; j++)
            if (!strcmp(names[i], names[j]))
                status = usage_error(_("\"%s\" and \"%s\" would both be "
                                       "written to \"%s\""),
                                     a->inputs[j], a->inputs[i], names[i]);
    }
    int built = 0, failed = 0;
    bool folder = false; /* there, or made */
    for (int i = 0; i < a->count && status == BC_OK; i++) {
        bc_diags diags;
        bc_diags_init(&diags);
        bc_buf out = BC_BUF_INIT;
        if (bc_build(a->inputs[i], &a->options, &out, &diags) &&
            diags.errors == 0) {
            if (!folder && !(folder = folder_ready(a->output)))
                status = BC_EX_CANTCREAT;
            else
                bc_write_file_atomic(names[i], out.ptr, out.len, &diags);
        }
        print_diags(c, &diags);
        if (diags.errors == 0)
            built++;
        else
            failed++;
        bc_buf_fini(&out);
        bc_diags_fini(&diags);
    }
    if (status == BC_OK) {
        fprintf(stderr,
                bc_ngettext("%d file: %d built, %d failed\n",
                            "%d files: %d built, %d failed\n",
                            (unsigned long)a->count),
                a->count, built, failed);
        status = failed ? BC_EX_DATAERR : BC_OK;
    }
    for (int i = 0; i < a->count; i++)
        free(names[i]);
    free(names);
    return status;
}

static int cmd_build(const cli *c, const command *self, int argc,
                     char **argv)
{
    build_args a = {0};
    int stop = parse_build_args(self, argc, argv, &a);
    if (stop >= 0)
        return stop;
    if (a.watch)
        return bc_watch(&(bc_watch_request){a.inputs[0], a.output, a.options,
                                            c->colour, c->quiet});
    if (a.to_folder)
        return build_into_folder(c, &a);
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bc_output *o = output_of(a.output, &diags);
    /* Markdown and HTML go to their file, or to standard output, as they
     * are rendered: a document of 14 MB is never held whole.  The DOCX
     * is zipped in memory, and a PDF printed from a document made
     * first. */
    bool streamed = a.options.format == BC_FORMAT_MD ||
                    a.options.format == BC_FORMAT_HTML;
    if (streamed) {
        a.options.sink = o ? bc_output_sink : to_stdout;
        a.options.sink_ctx = o ? (void *)o : (void *)&diags;
    }
    bc_build(a.inputs[0], &a.options, &out, &diags);
    if (o && !streamed && diags.errors == 0)
        bc_output_write(o, out.ptr, out.len);
    int status = finish(c, &diags, o, &out); /* out empty when streamed */
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

static int cmd_check(const cli *c, const command *self, int argc,
                     char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"werror", no_argument, NULL, 'W'},
                                         {"final", no_argument, NULL, 'F'},
                                         {NULL, 0, NULL, 0}};
    bool werror = false;
    bc_lint_options lint = {false};
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (ch == 'h') {
            fputs(_(self->help), stdout);
            return BC_OK;
        }
        if (ch == 'W')
            werror = true;
        else if (ch == 'F')
            lint.final = true;
        else
            return option_error(ch, opts, argv);
    }
    if (optind == argc)
        return usage_error(_("check needs at least one FILE"));
    if (stdin_twice(argc - optind, argv + optind))
        return usage_error("%s", _(STDIN_TWICE));
    bc_diags diags;
    bc_diags_init(&diags);
    for (int i = optind; i < argc; i++)
        bc_check_file(argv[i], &lint, &diags);
    if (werror)
        bc_diags_promote_warnings(&diags);
    size_t warnings = bc_diags_count(&diags, BC_WARNING);
    print_diags(c, &diags);
    if (!c->quiet)
        print_check_summary(argc - optind, diags.errors, warnings);
    int status = diags.status;
    bc_diags_fini(&diags);
    return status;
}

/* ---- bcreport summary ---- */

typedef struct summary_args {
    const char *output; /* NULL or "-": standard output */
    bc_summary_options options;
} summary_args;

/* As choose_format, with the summary's formats. */
static int choose_summary_format(const char *named, summary_args *a)
{
    bc_summary_format by_f = BC_SUMMARY_MD, by_name = BC_SUMMARY_MD;
    if (named && !bc_summary_format_named(named, &by_f))
        return usage_error(_("unknown format \"%s\" (formats: %s)"), named,
                           BC_SUMMARY_FORMAT_NAMES);
    bool to_file = a->output && strcmp(a->output, "-") != 0;
    bool has_name = to_file && bc_summary_format_of_path(a->output, &by_name);
    if (named && has_name && by_name != by_f)
        return usage_error(_("-f %s but the output \"%s\" is named as %s; "
                             "make them agree"),
                           named, a->output, bc_summary_format_name(by_name));
    if (!named && to_file && !has_name)
        return usage_error(_("cannot tell the format of \"%s\" from its "
                             "name: end it in .md, .html, .docx, .pdf, .xlsx "
                             "or .csv, or give -f (formats: %s)"),
                           a->output, BC_SUMMARY_FORMAT_NAMES);
    bc_summary_format f = named ? by_f : has_name ? by_name : BC_SUMMARY_MD;
    a->options.format = f;
    const char *name = bc_summary_format_name(f);
    bool binary = f == BC_SUMMARY_DOCX || f == BC_SUMMARY_PDF ||
                  f == BC_SUMMARY_XLSX;
    if (binary && !to_file && isatty(STDOUT_FILENO))
        return usage_error(_("%s is not text for a terminal: write it to a "
                             "file with -o NAME.%s"),
                           name, name);
    if (a->options.pdf_engine && f != BC_SUMMARY_PDF)
        return usage_error(_("--pdf-engine goes with PDF output (-f pdf)"));
    if (a->options.template_dir &&
        (f == BC_SUMMARY_XLSX || f == BC_SUMMARY_CSV))
        return usage_error(_("--templates goes with the documents (md, html, "
                             "docx, pdf), not with %s"),
                           name);
    return -1;
}

static int parse_summary_args(const command *self, int argc, char **argv,
                              summary_args *a)
{
    const char *format = NULL;
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"header", required_argument, NULL, 'H'},
        {"templates", required_argument, NULL, 'T'},
        {"pdf-engine", required_argument, NULL, 'P'},
        {NULL, 0, NULL, 0}};
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":hf:o:T:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(_(self->help), stdout);
            return BC_OK;
        case 'f':
            format = optarg;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'H':
            a->options.header = optarg;
            break;
        case 'T':
            a->options.template_dir = optarg;
            break;
        case 'P':
            a->options.pdf_engine = optarg;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    if (optind == argc)
        return usage_error(_("summary needs at least one FILE"));
    int dashes = a->options.header && !strcmp(a->options.header, "-");
    for (int i = optind; i < argc; i++)
        dashes += !strcmp(argv[i], "-");
    if (dashes > 1)
        return usage_error("%s", _(STDIN_TWICE));
    a->options.output = a->output;
    return choose_summary_format(format, a);
}

/* "3 files: 2 summarised, 1 could not be read". */
static void print_summary_line(const bc_summary_result *r)
{
    bc_buf line = BC_BUF_INIT;
    bc_buf_printf(&line, bc_ngettext("%zu file", "%zu files", r->files),
                  r->files);
    bc_buf_puts(&line, ": ");
    bc_buf_printf(&line, bc_ngettext("%zu summarised", "%zu summarised",
                                     r->files - r->failed),
                  r->files - r->failed);
    bc_buf_puts(&line, ", ");
    bc_buf_printf(&line, bc_ngettext("%zu could not be read",
                                     "%zu could not be read", r->failed),
                  r->failed);
    fprintf(stderr, "%s\n", line.ptr);
    bc_buf_fini(&line);
}

/* Unlike the other commands, summary writes its output when some files
 * fail: they are left out and counted in it, and the status says 65. */
static int cmd_summary(const cli *c, const command *self, int argc,
                       char **argv)
{
    summary_args a = {0};
    int stop = parse_summary_args(self, argc, argv, &a);
    if (stop >= 0)
        return stop;
    bc_diags diags, written;
    bc_diags_init(&diags);
    bc_diags_init(&written);
    bc_buf out = BC_BUF_INIT;
    bc_summary_result result;
    bool made = bc_summary_build((const char *const *)argv + optind,
                                 (size_t)(argc - optind), &a.options, &out,
                                 &result, &diags);
    bool to_file = a.output && strcmp(a.output, "-") != 0;
    if (made && to_file)
        bc_write_file_atomic(a.output, out.ptr, out.len, &written);
    print_diags(c, &diags);
    print_diags(c, &written);
    if (!c->quiet && result.failed)
        print_summary_line(&result);
    int status = result.status;
    if (written.errors)
        status = written.status;
    else if (made && !to_file) {
        int wrote = write_stdout(out.ptr, out.len);
        if (wrote != BC_OK)
            status = wrote;
    }
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    bc_diags_fini(&written);
    return status;
}

typedef struct new_args {
    bc_new_options options;
    const char *output; /* NULL or "-": standard output */
    bool force;
} new_args;

/* --year: digits only, a year a report can be about. */
static bool read_year(const char *text, int *year)
{
    if (strlen(text) != 4 || strspn(text, "0123456789") != 4)
        return false;
    *year = atoi(text);
    return *year >= 2000 && *year <= 2099;
}

static int this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    return localtime_r(&now, &tm) ? tm.tm_year + 1900 : 2026;
}

static int parse_new_args(const command *self, int argc, char **argv,
                          new_args *a)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"level", required_argument, NULL, 'l'},
        {"year", required_argument, NULL, 'y'},
        {"force", no_argument, NULL, 'F'},
        {NULL, 0, NULL, 0}};
    a->options.level = BC_AGENCY_XA;
    a->options.year = this_year();
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":ho:l:y:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(_(self->help), stdout);
            return BC_OK;
        case 'o':
            a->output = optarg;
            break;
        case 'l':
            if (!bc_agency_level_named(optarg, &a->options.level))
                return usage_error(_("--level takes %s, not \"%s\""),
                                   BC_AGENCY_LEVEL_NAMES, optarg);
            break;
        case 'y':
            if (!read_year(optarg, &a->options.year))
                return usage_error(_("--year takes a year from 2000 to 2099, "
                                     "such as 2026, not \"%s\""),
                                   optarg);
            break;
        case 'F':
            a->force = true;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    if (optind != argc)
        return usage_error(_("new takes no FILE: give the file to write "
                             "with -o FILE"));
    return -1;
}

/* A data file is the clerk's work: new and init never replace one
 * unasked. */
static void keep_existing(const char *output, bool force, bc_diags *diags)
{
    struct stat st;
    bool to_file = output && strcmp(output, "-") != 0;
    if (to_file && !force && lstat(output, &st) == 0)
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, (bc_pos){output, 0, 0},
                    _("the file exists and is kept; give --force to replace "
                      "it, or another name with -o"));
}

typedef struct init_args {
    const char *from;
    const char *output;
    int year; /* 0: the file's year + 1 */
    bool force;
} init_args;

static int parse_init_args(const command *self, int argc, char **argv,
                           init_args *a)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"from", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"year", required_argument, NULL, 'y'},
        {"force", no_argument, NULL, 'F'},
        {NULL, 0, NULL, 0}};
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":hf:o:y:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(_(self->help), stdout);
            return BC_OK;
        case 'f':
            a->from = optarg;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'y':
            if (!read_year(optarg, &a->year))
                return usage_error(_("--year takes a year from 2000 to 2099, "
                                     "such as 2026, not \"%s\""),
                                   optarg);
            break;
        case 'F':
            a->force = true;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    if (optind != argc || !a->from)
        return usage_error(_("init takes this year's file with --from FILE, "
                             "and writes next year's with -o FILE"));
    if (!strcmp(a->from, "-"))
        return usage_error(_("--from needs a file, not standard input"));
    return -1;
}

static int cmd_init(const cli *c, const command *self, int argc, char **argv)
{
    init_args a = {0};
    int stop = parse_init_args(self, argc, argv, &a);
    if (stop >= 0)
        return stop;
    bc_diags diags;
    bc_diags_init(&diags);
    keep_existing(a.output, a.force, &diags);
    bc_buf out = BC_BUF_INIT;
    if (diags.errors == 0)
        bc_next_year(a.from, a.year, &out, &diags);
    int status = deliver(c, &diags, &out, a.output);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

/* A data file is the clerk's work: new never replaces one unasked. */
static int cmd_new(const cli *c, const command *self, int argc, char **argv)
{
    new_args a = {0};
    int stop = parse_new_args(self, argc, argv, &a);
    if (stop >= 0)
        return stop;
    bc_diags diags;
    bc_diags_init(&diags);
    keep_existing(a.output, a.force, &diags);
    bc_buf out = BC_BUF_INIT;
    if (diags.errors == 0)
        bc_new_file(&a.options, &out, &diags);
    int status = deliver(c, &diags, &out, a.output);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

static int cmd_schema(const cli *c, const command *self, int argc,
                      char **argv)
{
    int stop = parse_command_options(self, argc, argv);
    if (stop >= 0)
        return stop;
    if (optind != argc)
        return usage_error(_("schema takes no FILE"));
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bc_schema_json_write(&bc_report_schema, &out); /* report.h's tables */
    int status = deliver(c, &diags, &out, NULL);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

static int cmd_help(const cli *c, const command *self, int argc, char **argv)
{
    (void)c;
    (void)self;
    if (argc < 2) {
        print_usage(stdout);
        return BC_OK;
    }
    if (argc > 2)
        return usage_error(_("help takes one COMMAND"));
    const command *cmd = find_command(argv[1]);
    if (!cmd)
        return unknown_command(argv[1]);
    fputs(_(cmd->help), stdout);
    return BC_OK;
}

static int set_colour(cli *c, const char *when)
{
    if (!strcmp(when, "always"))
        c->colour = true;
    else if (!strcmp(when, "never"))
        c->colour = false;
    else if (strcmp(when, "auto") != 0)
        return usage_error(_("--color takes auto, always or never, not "
                             "\"%s\""),
                           when);
    return -1;
}

/* The value of --color=WHEN or --colour=WHEN in arg, or NULL. */
static const char *colour_value(const char *arg)
{
    if (!strncmp(arg, "--color=", 8))
        return arg + 8;
    if (!strncmp(arg, "--colour=", 9))
        return arg + 9;
    return NULL;
}

/* The global options may follow the command too ("check --color=always
 * FILE"): they are applied and taken out of the command's arguments, up
 * to a "--".  Returns -1 to go on, or the exit status. */
static int take_global_options(cli *c, int *argc, char **argv)
{
    int kept = 1;
    int i = 1;
    for (; i < *argc && strcmp(argv[i], "--") != 0; i++) {
        const char *arg = argv[i];
        const char *when = colour_value(arg);
        bool spaced = !strcmp(arg, "--color") || !strcmp(arg, "--colour");
        if (spaced && i + 1 >= *argc)
            return usage_error(_("option \"%s\" needs a value"), arg);
        if (spaced)
            when = argv[++i];
        if (when) {
            int stop = set_colour(c, when);
            if (stop >= 0)
                return stop;
        } else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
            c->quiet = true;
        } else {
            argv[kept++] = argv[i];
        }
    }
    while (i < *argc)
        argv[kept++] = argv[i++];
    argv[kept] = NULL;
    *argc = kept;
    return -1;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    cli c = {bc_diag_colour_auto(stderr), false};
    int ch, stop;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+:hVq", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            print_usage(stdout);
            return BC_OK;
        case 'V':
            printf("bcreport %s\n", BC_VERSION);
            return BC_OK;
        case 'c':
            if ((stop = set_colour(&c, optarg)) >= 0)
                return stop;
            break;
        case 'q':
            c.quiet = true;
            break;
        default:
            return option_error(ch, opts, argv);
        }
    }
    if (optind >= argc) {
        print_usage(stderr);
        return BC_EX_USAGE;
    }
    const command *cmd = find_command(argv[optind]);
    if (!cmd)
        return unknown_command(argv[optind]);
    int cmd_argc = argc - optind;
    if ((stop = take_global_options(&c, &cmd_argc, argv + optind)) >= 0)
        return stop;
    return cmd->run(&c, cmd, cmd_argc, argv + optind);
}

int main(int argc, char **argv)
{
    /* A write past the file-size limit (ulimit -f) or into a closed pipe
     * fails with EFBIG or EPIPE and is reported with status 74, instead of
     * killing the program, which would leave a temporary file behind. */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    bc_i18n_init(argv[0]);
    int status = run(argc, argv);
    bc_io_forget_inputs();
    /* Help and version text too must reach its reader, or fail loudly
     * (once: write_stdout has already reported its own failures). */
    if (status != BC_EX_IOERR && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, _("bcreport: error: cannot write to standard output: "
                          "%s\n"),
                strerror(errno));
        if (status == BC_OK)
            status = BC_EX_IOERR;
    }
    return status;
}

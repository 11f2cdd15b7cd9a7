/*
 * testutil.h - helpers shared by the unit tests (cmocka 1.x).
 *
 * Includes cmocka with the headers it needs first.  Everything returned is
 * malloc'd unless said otherwise; free it (tu_result_fini for results).
 */
#ifndef BC_TESTUTIL_H
#define BC_TESTUTIL_H

/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <stdbool.h>

#include "bcreport/buf.h" /* BC_PRINTF */

/* Reads a whole file; NULL when it cannot be read. */
char *tu_read_file(const char *path, size_t *len);

/* text with its first from (which must be there) replaced by to. */
char *tu_replaced(const char *text, const char *from, const char *to);

/* Writes len bytes to a new temporary file and returns its path. */
char *tu_temp_file(const void *data, size_t len, const char *suffix);

/* Result of running the bcreport binary. */
typedef struct tu_result {
    int status; /* exit status, or 128 + signal number */
    char *out;  /* standard output, NUL-terminated */
    size_t out_len;
    char *err; /* standard error, NUL-terminated */
    size_t err_len;
} tu_result;

/* The absolute path of the binary under test ($BCREPORT_BIN, default
 * ./bcreport), resolved on the first call: call it before changing folder. */
const char *tu_bin(void);

/* The binary itself, for tests that install or copy it or look beside
 * it: under make check-valgrind tu_bin() is a wrapper that runs it under
 * valgrind, and $BCREPORT_REAL_BIN names it (the copies run without
 * valgrind); otherwise tu_bin(). */
const char *tu_real_bin(void);

/* Runs $BCREPORT_BIN (default ./bcreport) with the NULL-terminated
 * arguments args (not including argv[0]), feeding input (may be NULL) on
 * standard input, with NO_COLOR=1 so diagnostics are plain. */
void tu_run(tu_result *r, const char *input, size_t input_len,
            const char *const *args);
void tu_result_fini(tu_result *r);

/* Runs a shell command line (printf-style) with /bin/sh, in which
 * $BCREPORT is the binary under test, collecting its outputs and status
 * like tu_run. */
void tu_shell(tu_result *r, const char *fmt, ...) BC_PRINTF(2, 3);

/* Runs a shell command line (printf-style) as tu_shell does, its output
 * going where the test's goes; returns the exit status (128 + the signal
 * when killed). */
int tu_sh(const char *fmt, ...) BC_PRINTF(1, 2);

/* For a child the test starts: SIGPIPE, SIGINT, SIGHUP, SIGQUIT and
 * SIGTERM as a shell gives them to a command typed at it, whatever the
 * suite was started under (nohup, or a shell's background job, ignore
 * some, and an ignored signal stays ignored across exec). */
void tu_default_signals(void);

/* Appends a narrative block, "  - table:" (under preamble: or a body:),
 * of a text column "Đơn vị" and n columns of counts, with one row
 * ("UBND xã Bình Sơn", 1, 2, ... n). */
void tu_yaml_count_table(bc_buf *yaml, int n);

/* Parts of a valid data file, for tests that build big or hostile ones:
 * the document (up to its recipients), what follows the preamble up to
 * the signature, and a signature. */
#define TU_YAML_DOCUMENT                                                      \
    "document:\n"                                                             \
    "  issuer: {name: [\"ỦY BAN NHÂN DÂN XÃ A\"], short_name: UBND xã A, "    \
    "self_name: UBND xã}\n"                                                   \
    "  symbol: BC-UBND\n  place: A\n  year: 2025\n"                            \
    "  type: BÁO CÁO\n  subject: Kết quả\n"                                    \
    "  recipients: [Sở Ngoại vụ]\n"
#define TU_YAML_TASKS_TO_DISTRIBUTION                                         \
    "  tasks: {title: N, items: [{title: a}]}\n"                              \
    "assessment:\n  title: ĐÁNH GIÁ\n"                                        \
    "  strengths: {title: Ưu điểm, body: [x]}\n"                              \
    "  limitations: {title: Hạn chế, body: [x]}\n"                            \
    "distribution: [\"Lưu: VT, VP\"]\n"
#define TU_YAML_SIGNATURE "signature: {title: CHỦ TỊCH, name: Nguyễn Văn A}\n"

/* Seven citations (c0 to c6), each title citing the next one's title
 * twenty times: 3 KB that would print gigabytes. */
void tu_fan_out_citations(bc_buf *yaml);

/* The folder of shared test data (../shared/<sub> beside the clone, or the
 * folder named by env_var when it is set), or NULL when it is missing.  The
 * result is malloc'd. */
char *tu_shared_dir(const char *env_var, const char *sub);

/* The example report (../shared/seed/000_128ea849c527b4f7.txt, or the
 * folder named by BCREPORT_SEED_DIR), malloc'd; when it is missing the
 * calling test is skipped with a loud message, or fails under CI=true. */
char *tu_read_example(size_t *len);

/* The names of the files in dir that start with prefix and end with
 * suffix, sorted; free them with tu_free_names. */
char **tu_list_files(const char *dir, const char *prefix, const char *suffix,
                     size_t *count);
void tu_free_names(char **names, size_t count);

/* True when running in CI (CI=true): missing shared data is then a
 * failure rather than a skip. */
bool tu_in_ci(void);

/* True under make check-valgrind (BC_UNDER_VALGRIND=1), where the test
 * programs and the binary run under valgrind memcheck, some fifty times
 * slower. */
bool tu_under_valgrind(void);

/* Under valgrind, skips the calling test with a loud message saying why
 * (a CPU-time limit, a memory limit, a size only a fast build reaches);
 * otherwise returns. */
void tu_skip_under_valgrind(const char *why);

#endif

/*
 * bench.c - make bench: bcreport against the parse floor, side by side.
 *
 *   bench BCREPORT PARSE_ONLY WORKDIR INPUT...
 *
 * For each input (a file of bench/gen.c) the commands are run in rounds,
 * each round running every command once, so that the load of a shared
 * machine falls on all of them alike:
 *
 *   floor        PARSE_ONLY INPUT (libyaml's event parser, nothing else)
 *   cmark        Debian's cmark on the Markdown the build produced
 *   build md     BCREPORT build INPUT            (stdout to a file)
 *   build html   BCREPORT build -f html INPUT
 *   build docx   BCREPORT build -f docx INPUT
 *   check        BCREPORT check INPUT
 *
 * Each time is a whole process's wall time (spawn to exit).  A ratio is the
 * median over the rounds of the ratio within a round (html against floor
 * + cmark, the others against the floor); times are medians with their
 * spread (min-max).  Peak memory is /usr/bin/time -f %M of one more run.
 *
 * The number of rounds fits a time budget per input (BENCH_SECONDS, 30 by
 * default), at least BENCH_MIN_ROUNDS (5) and at most 41.  Exits 0 when
 * every command ran, whatever the figures; targets are printed, not
 * enforced (timing is no test on a shared machine).
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { MAX_ROUNDS = 41, MAX_ARGS = 8, CMD_COUNT = 6 };
enum { FLOOR, CMARK, MD, HTML, DOCX, CHECK };

typedef struct command {
    const char *label;
    const char *argv[MAX_ARGS];
    char out[512]; /* where its stdout goes */
    double secs[MAX_ROUNDS];
    long peak_kib;
} command;

typedef struct goal {
    const char *against; /* what the ratio is to */
    double most;         /* the target, 0 for none */
} goal;

static const goal goals[CMD_COUNT] = {
    [FLOOR] = {"", 0},
    [CMARK] = {"", 0},
    [MD] = {"floor", 2.0},
    [HTML] = {"floor+cmark", 1.5},
    [DOCX] = {"floor", 3.0},
    [CHECK] = {"floor", 3.0},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv with stdout to out and stderr to /dev/null; the wall time
 * in seconds, or -1 when it could not run or failed. */
static double run(const char *const argv[], const char *out)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    double start = now();
    pid_t pid;
    int err = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv,
                          environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        fprintf(stderr, "bench: cannot run %s: %s\n", argv[0], strerror(err));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    double secs = now() - start;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed (status %d)\n", argv[0],
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    return secs;
}

/* Peak memory in KiB of one run under /usr/bin/time -f %M; -1 if none. */
static long peak_memory(const command *c, const char *workdir)
{
    char report[600];
    snprintf(report, sizeof report, "%s/peak.txt", workdir);
    const char *argv[MAX_ARGS + 5] = {"/usr/bin/time", "-f", "%M", "-o",
                                      report};
    for (int i = 0; c->argv[i]; i++)
        argv[5 + i] = c->argv[i];
    if (run(argv, c->out) < 0)
        return -1;
    FILE *f = fopen(report, "r");
    long kib = -1;
    if (!f || fscanf(f, "%ld", &kib) != 1)
        kib = -1;
    if (f)
        fclose(f);
    return kib;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
    double s[MAX_ROUNDS];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double min_of(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

static double max_of(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = v[i] > m ? v[i] : m;
    return m;
}

/* The median over the rounds of command k's time over its floor's. */
static double ratio(const command *cmds, int k, int rounds)
{
    double r[MAX_ROUNDS];
    for (int i = 0; i < rounds; i++) {
        double floor = cmds[FLOOR].secs[i];
        if (k == HTML)
            floor += cmds[CMARK].secs[i];
        r[i] = cmds[k].secs[i] / floor;
    }
    return median(r, rounds);
}

static int env_int(const char *name, int fallback)
{
    const char *v = getenv(name);
    return v && atoi(v) > 0 ? atoi(v) : fallback;
}

/* One round: every command once, in order; false if one failed. */
static bool round_of(command *cmds, int i)
{
    for (int k = 0; k < CMD_COUNT; k++)
        if ((cmds[k].secs[i] = run(cmds[k].argv, cmds[k].out)) < 0)
            return false;
    return true;
}

static void set_command(command *c, const char *label, const char *workdir,
                        const char *const argv[])
{
    c->label = label;
    for (int i = 0; i < MAX_ARGS && argv[i]; i++)
        c->argv[i] = argv[i];
    snprintf(c->out, sizeof c->out, "%s/out-%s", workdir, label);
    for (char *p = strrchr(c->out, '/') + 1; *p; p++)
        if (*p == ' ')
            *p = '-';
}

static void print_header(void)
{
    printf("  %-11s %10s %19s %8s  %-19s %-16s %9s %7s\n", "command",
           "median ms", "min-max ms", "MB/s", "ratio", "goal", "peak MiB",
           "/input");
}

static void print_row(const command *cmds, int k, int rounds, double mb,
                      double input_mib)
{
    const command *c = &cmds[k];
    double med = median(c->secs, rounds);
    char spread[64], ratio_text[64] = "", goal_text[64] = "";
    snprintf(spread, sizeof spread, "%.2f-%.2f", min_of(c->secs, rounds) * 1e3,
             max_of(c->secs, rounds) * 1e3);
    if (goals[k].most > 0) {
        double r = ratio(cmds, k, rounds);
        snprintf(ratio_text, sizeof ratio_text, "%.2fx %s", r,
                 goals[k].against);
        snprintf(goal_text, sizeof goal_text, "<= %.1fx %s", goals[k].most,
                 r <= goals[k].most ? "met" : "NOT met");
    } else {
        snprintf(ratio_text, sizeof ratio_text, "%s",
                 k == FLOOR ? "(the floor)" : "(on the md)");
    }
    double peak = (double)c->peak_kib / 1024;
    printf("  %-11s %10.2f %19s %8.1f  %-19s %-16s %9.1f %6.1fx\n", c->label,
           med * 1e3, spread, mb / med, ratio_text, goal_text, peak,
           peak / input_mib);
}

/* Benches one input; the median md and html times go to med[]. */
static bool bench_input(const char *bcreport, const char *parse_only,
                        const char *workdir, const char *input, double med[2])
{
    struct stat st;
    if (stat(input, &st) != 0) {
        perror(input);
        return false;
    }
    command cmds[CMD_COUNT];
    memset(cmds, 0, sizeof cmds);
    char md[600];
    snprintf(md, sizeof md, "%s/out-build-md", workdir);
    set_command(&cmds[FLOOR], "parse only", workdir,
                (const char *[]){parse_only, input, NULL});
    set_command(&cmds[CMARK], "cmark", workdir,
                (const char *[]){"/usr/bin/cmark", md, NULL});
    set_command(&cmds[MD], "build md", workdir,
                (const char *[]){bcreport, "build", input, NULL});
    set_command(&cmds[HTML], "build html", workdir,
                (const char *[]){bcreport, "build", "-f", "html", input, NULL});
    set_command(&cmds[DOCX], "build docx", workdir,
                (const char *[]){bcreport, "build", "-f", "docx", input, NULL});
    set_command(&cmds[CHECK], "check", workdir,
                (const char *[]){bcreport, "check", input, NULL});
    /* The Markdown cmark reads comes first; then a round to size the
     * others by. */
    if (run(cmds[MD].argv, cmds[MD].out) < 0)
        return false;
    double start = now();
    if (!round_of(cmds, 0))
        return false;
    double per_round = now() - start;
    int budget = env_int("BENCH_SECONDS", 30);
    int rounds = (int)(budget / per_round);
    int least = env_int("BENCH_MIN_ROUNDS", 5);
    rounds = rounds < least ? least : rounds > MAX_ROUNDS ? MAX_ROUNDS : rounds;
    for (int i = 1; i < rounds; i++)
        if (!round_of(cmds, i))
            return false;
    for (int k = 0; k < CMD_COUNT; k++)
        cmds[k].peak_kib = peak_memory(&cmds[k], workdir);
    double mb = (double)st.st_size / 1e6, mib = (double)st.st_size / 1048576;
    printf("\n%s: %.3f MB, %d rounds\n", input, mb, rounds);
    print_header();
    for (int k = 0; k < CMD_COUNT; k++)
        print_row(cmds, k, rounds, mb, mib);
    med[0] = median(cmds[MD].secs, rounds);
    med[1] = median(cmds[HTML].secs, rounds);
    fflush(stdout);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr,
                "usage: bench BCREPORT PARSE_ONLY WORKDIR INPUT...\n");
        return 64;
    }
    double med[2][2] = {{0}};
    int ok = 1;
    for (int i = 4; i < argc; i++) {
        double m[2];
        if (!bench_input(argv[1], argv[2], argv[3], argv[i], m)) {
            ok = 0;
            continue;
        }
        /* Growth: the last input against the one before it. */
        memcpy(med[0], med[1], sizeof med[0]);
        memcpy(med[1], m, sizeof m);
    }
    if (ok && argc > 5)
        printf("\ngrowth, last input against the one before: md %.0fx, "
               "html %.0fx (goal for scale 10000 against 100: 80-130x)\n",
               med[1][0] / med[0][0], med[1][1] / med[0][1]);
    return ok ? 0 : 1;
}

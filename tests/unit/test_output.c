/* test_output.c - build -o: the output file is written whole or not at
 * all, never onto an input, never onto what is not a file; signals,
 * limits and closed pipes leave no temporary file behind. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/output.h"

/* Each test gets a fresh folder holding a copy of data/2023.yaml. */
typedef struct fixture {
    char *dir;
    bc_buf data;   /* dir/d.yaml */
    bc_buf out;    /* dir/bc.md */
    char *golden;  /* tests/golden/2023.md */
    size_t golden_len;
    char *original; /* data/2023.yaml */
    size_t original_len;
} fixture;

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->dir = strdup("/tmp/bctest-out-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    bc_buf_printf(&fx->data, "%s/d.yaml", fx->dir);
    bc_buf_printf(&fx->out, "%s/bc.md", fx->dir);
    fx->golden = tu_read_file("tests/golden/2023.md", &fx->golden_len);
    fx->original = tu_read_file("data/2023.yaml", &fx->original_len);
    assert_non_null(fx->golden);
    assert_non_null(fx->original);
    write_file(fx->data.ptr, fx->original, fx->original_len);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    tu_result r;
    tu_shell(&r, "chmod -R u+w '%s'; rm -rf '%s'", fx->dir, fx->dir);
    tu_result_fini(&r);
    free(fx->dir);
    bc_buf_fini(&fx->data);
    bc_buf_fini(&fx->out);
    free(fx->golden);
    free(fx->original);
    free(fx);
    return 0;
}

/* The names in the fixture's folder, sorted, one a line. */
static char *listing(const fixture *fx)
{
    tu_result r;
    tu_shell(&r, "ls -A '%s'", fx->dir);
    assert_int_equal(r.status, 0);
    free(r.err);
    return r.out;
}

static void assert_listing(const fixture *fx, const char *want)
{
    char *got = listing(fx);
    assert_string_equal(got, want);
    free(got);
}

static void assert_file_is(const char *path, const char *want, size_t len)
{
    size_t got_len;
    char *got = tu_read_file(path, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, want, len);
    free(got);
}

static void assert_data_intact(const fixture *fx)
{
    assert_file_is(fx->data.ptr, fx->original, fx->original_len);
}

/* Builds data/2023.yaml into -o fx->out: the golden report. */
static void build_out(const fixture *fx)
{
    const char *args[] = {"build", "data/2023.yaml", "-o", fx->out.ptr, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(r.out_len, 0);
    tu_result_fini(&r);
}

/* Runs a shell line in the fixture's folder and checks status and stderr
 * (NULL: not checked). */
static void expect_shell(const fixture *fx, int status, const char *err,
                         const char *script)
{
    tu_result r;
    tu_shell(&r, "cd '%s' && %s", fx->dir, script);
    if (r.status != status)
        fail_msg("%s: status %d, expected %d; stderr: %s", script, r.status,
                 status, r.err);
    if (err)
        assert_string_equal(r.err, err);
    tu_result_fini(&r);
}

static bool have(const char *tool)
{
    tu_result r;
    tu_shell(&r, "command -v %s", tool);
    bool found = r.status == 0;
    tu_result_fini(&r);
    if (!found && tu_in_ci())
        fail_msg("CI=true: %s is missing (make check installs it)", tool);
    return found;
}

/* ---- the file is written ---- */

static void test_writes_the_report(void **state)
{
    fixture *fx = *state;
    build_out(fx);
    assert_file_is(fx->out.ptr, fx->golden, fx->golden_len);
    assert_listing(fx, "bc.md\nd.yaml\n");
}

static void test_new_file_mode_follows_umask(void **state)
{
    fixture *fx = *state;
    mode_t old = umask(022);
    build_out(fx);
    umask(old);
    struct stat st;
    assert_int_equal(stat(fx->out.ptr, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
}

static void test_replaced_file_keeps_its_mode(void **state)
{
    fixture *fx = *state;
    write_file(fx->out.ptr, "old\n", 4);
    assert_int_equal(chmod(fx->out.ptr, 0640), 0);
    build_out(fx);
    struct stat st;
    assert_int_equal(stat(fx->out.ptr, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_file_is(fx->out.ptr, fx->golden, fx->golden_len);
}

/* Root may write a read-only file and set owners: the new file keeps both.
 * Anyone else is refused, as writing the file in place would be. */
static void test_read_only_file(void **state)
{
    fixture *fx = *state;
    write_file(fx->out.ptr, "old\n", 4);
    assert_int_equal(chmod(fx->out.ptr, 0444), 0);
    if (geteuid() == 0) {
        assert_int_equal(chown(fx->out.ptr, 1234, 5678), 0);
        build_out(fx);
        struct stat st;
        assert_int_equal(stat(fx->out.ptr, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0444);
        assert_int_equal(st.st_uid, 1234);
        assert_int_equal(st.st_gid, 5678);
        return;
    }
    expect_shell(fx, 73,
                 "bc.md: error: cannot write: the file is read-only "
                 "(Permission denied)\n",
                 "\"$BCREPORT\" build d.yaml -o bc.md");
    assert_file_is(fx->out.ptr, "old\n", 4);
}

static void test_link_is_followed(void **state)
{
    fixture *fx = *state;
    build_out(fx);
    expect_shell(fx, 0, "",
                 "ln -s bc.md link.md && "
                 "\"$BCREPORT\" build \"$OLDPWD/data/2025-xa.yaml\" "
                 "-o link.md && test -L link.md");
    size_t len;
    char *golden = tu_read_file("tests/golden/2025-xa.md", &len);
    assert_file_is(fx->out.ptr, golden, len);
    free(golden);
}

/* A name of 250 bytes and more cannot take ".NAME.XXXXXX" within the 255
 * bytes of a file name: the temporary file gets a short name. */
static void test_long_name(void **state)
{
    fixture *fx = *state;
    char name[256];
    memset(name, 'a', 252);
    strcpy(name + 252, ".md");
    expect_shell(fx, 0, "", "\"$BCREPORT\" build d.yaml -o "
                            "$(printf '%0252d' 0 | tr 0 a).md");
    assert_int_equal(strlen(name), 255);
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", fx->dir, name);
    assert_file_is(path.ptr, fx->golden, fx->golden_len);
    bc_buf_fini(&path);
}

/* The temporary file is ".NAME.XXXXXX" while that fits in 255 bytes: up
 * to a name of 247 bytes; from 248 on, ".bcreport.XXXXXX".  strace shows
 * the name given to rename. */
static void expect_temporary_name(const fixture *fx, int len,
                                  const char *temp_pattern)
{
    if (!have("strace"))
        skip();
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    bc_buf cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd,
                  "n=$(printf '%%0%dd' 0 | tr 0 a).md && "
                  "ASAN_OPTIONS=detect_leaks=0 strace -o trace "
                  "-e trace=rename \"$BCREPORT\" build d.yaml -o \"$n\" && "
                  "grep -q \"^rename(\\\"%s\\.[A-Za-z0-9]\\{6\\}\\\", "
                  "\\\"$n\\\") = 0\" trace && cmp -s \"$n\" '%s/tests/golden/"
                  "2023.md'",
                  len - 3, temp_pattern, cwd);
    expect_shell(fx, 0, "", cmd.ptr);
    bc_buf_fini(&cmd);
}

static void test_temporary_name_of_a_long_name(void **state)
{
    expect_temporary_name(*state, 247, "\\.$n");
}

static void test_temporary_name_past_the_limit(void **state)
{
    expect_temporary_name(*state, 248, "\\.bcreport");
}

/* The temporary file reaches the disk before it takes the old one's
 * place: fsync, then rename. */
static void test_flushed_before_rename(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    expect_shell(fx, 0, "",
                 "ASAN_OPTIONS=detect_leaks=0 strace -o trace "
                 "-e trace=fsync,rename \"$BCREPORT\" build d.yaml -o bc.md "
                 "&& grep -o '^[a-z]*' trace | tr '\\n' ' ' > calls && "
                 "test \"$(cat calls)\" = 'fsync rename '");
}

/* The disk refusing the data when it is flushed (fsync) or when the file
 * is closed (an NFS server's quota): status 74, the old file as it was,
 * no temporary file left. */
static void test_flush_or_close_failing_keeps_old(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    static const char *const calls[] = {"fsync", "close"};
    for (size_t i = 0; i < 2; i++) {
        write_file(fx->out.ptr, "old\n", 4);
        bc_buf cmd = BC_BUF_INIT;
        /* the output's own: the last fsync, the close before the rename */
        bc_buf_printf(&cmd,
                      "ASAN_OPTIONS=detect_leaks=0 strace -qq -o trace "
                      "-e trace=%s,rename \"$BCREPORT\" build d.yaml -o bc.md "
                      "> /dev/null 2>&1; "
                      "n=$(awk '/^rename[(]/ { print c; exit } /^%s[(]/ "
                      "{ c++ }' trace); "
                      "printf old\\\\n > bc.md; rm trace; "
                      "ASAN_OPTIONS=detect_leaks=0 strace -qq -o /dev/null "
                      "-e inject=%s:error=EIO:when=$n \"$BCREPORT\" build "
                      "d.yaml -o bc.md",
                      calls[i], calls[i], calls[i]);
        expect_shell(fx, 74, "bc.md: error: cannot write: Input/output error\n",
                     cmd.ptr);
        bc_buf_fini(&cmd);
        assert_file_is(fx->out.ptr, "old\n", 4);
        assert_listing(fx, "bc.md\nd.yaml\n");
    }
}

/* A signal that was ignored (nohup, a background job) stays ignored: the
 * interrupted rename is an error, the old file stays, nothing is left. */
static void test_ignored_signal_stays_ignored(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    write_file(fx->out.ptr, "old\n", 4);
    expect_shell(fx, 73, "bc.md: error: cannot create: Interrupted system "
                         "call\n",
                 "trap '' TERM; ASAN_OPTIONS=detect_leaks=0 strace -o "
                 "/dev/null -e trace=rename "
                 "-e inject=rename:error=EINTR:signal=TERM "
                 "\"$BCREPORT\" build d.yaml -o bc.md");
    assert_file_is(fx->out.ptr, "old\n", 4);
    assert_listing(fx, "bc.md\nd.yaml\n");
}

/* ---- never onto an input ---- */

static void test_refuses_the_input_by_another_path(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 64,
                 "./d.yaml: error: refusing to write the output onto an "
                 "input of this command (d.yaml)\n",
                 "\"$BCREPORT\" build -f md d.yaml -o ./d.yaml");
    assert_data_intact(fx);
}

static void test_refuses_standard_input(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 64,
                 "d.yaml: error: refusing to write the output onto an "
                 "input of this command (standard input)\n",
                 "\"$BCREPORT\" build -f md - -o d.yaml < d.yaml");
    assert_data_intact(fx);
    assert_listing(fx, "d.yaml\n");
}

static void test_refuses_dev_stdin(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 64,
                 "/dev/stdin: error: refusing to write the output onto an "
                 "input of this command (standard input)\n",
                 "\"$BCREPORT\" build -f md - -o /dev/stdin < d.yaml");
    assert_data_intact(fx);
}

static void test_refuses_a_template(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 64,
                 "T/footer.md.mustache: error: refusing to write the output "
                 "onto an input of this command (T/footer.md.mustache)\n",
                 "mkdir T && cp \"$OLDPWD\"/templates/*.mustache T/ && "
                 "\"$BCREPORT\" build -f md d.yaml -T T -o T/footer.md.mustache");
    tu_result r;
    tu_shell(&r, "cmp '%s/T/footer.md.mustache' templates/footer.md.mustache",
             fx->dir);
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
}

/* ---- never onto what is not a file; clear messages ---- */

static void test_refuses_devices(void **state)
{
    fixture *fx = *state;
    /* (a folder is where several files are built: test_batch.c) */
    static const char *const not_files[] = {"/dev/null", "/dev/zero"};
    for (size_t i = 0; i < 2; i++) {
        bc_buf want = BC_BUF_INIT, cmd = BC_BUF_INIT;
        bc_buf_printf(&want, "%s: error: cannot create: not a regular file; "
                             "bcreport only writes files (leave out -o, or "
                             "give -o -, for standard output)\n",
                      not_files[i]);
        bc_buf_printf(&cmd, "\"$BCREPORT\" build -f md d.yaml -o %s", not_files[i]);
        expect_shell(fx, 73, want.ptr, cmd.ptr);
        bc_buf_fini(&want);
        bc_buf_fini(&cmd);
    }
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static void test_refuses_piped_dev_stdout(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 73,
                 "/dev/stdout: error: cannot create: not a regular file; "
                 "bcreport only writes files (leave out -o, or give -o -, "
                 "for standard output)\n",
                 "{ \"$BCREPORT\" build -f md d.yaml -o /dev/stdout; "
                 "echo $? > st; } | cat > piped; test -s piped && exit 1; "
                 "exit $(cat st)");
}

static void test_missing_folder(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 73,
                 "no/such/bc.md: error: cannot create: there is no folder "
                 "\"no/such\"\n",
                 "\"$BCREPORT\" build d.yaml -o no/such/bc.md");
}

static void test_folder_without_new_files(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 73,
                 "/proc/version: error: cannot create: the folder \"/proc\" "
                 "does not take new files\n",
                 "\"$BCREPORT\" build -f md d.yaml -o /proc/version");
}

static void test_link_loop(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 73,
                 "a.md: error: cannot create: the link leads round in a "
                 "loop\n",
                 "ln -s b.md a.md && ln -s a.md b.md && "
                 "\"$BCREPORT\" build d.yaml -o a.md");
}

static void test_dangling_link(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 73,
                 "a.md: error: cannot create: the link points nowhere\n",
                 "ln -s gone/b.md a.md && \"$BCREPORT\" build d.yaml -o a.md");
}

/* ---- failures leave the old output and no temporary file ---- */

static void test_failed_build_keeps_old_output(void **state)
{
    fixture *fx = *state;
    build_out(fx);
    const char *bad[] = {"build", "tests/fixtures/build/bad-date.yaml", "-o",
                         fx->out.ptr, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, bad);
    assert_int_equal(r.status, 65);
    tu_result_fini(&r);
    assert_file_is(fx->out.ptr, fx->golden, fx->golden_len);
    assert_listing(fx, "bc.md\nd.yaml\n");
}

/* ulimit -f: the write fails with EFBIG (SIGXFSZ is ignored) and is
 * reported, instead of the signal killing the program mid-file. */
static void test_file_size_limit(void **state)
{
    fixture *fx = *state;
    write_file(fx->out.ptr, "old\n", 4);
    expect_shell(fx, 74, "bc.md: error: cannot write: File too large\n",
                 "ulimit -f 4 && \"$BCREPORT\" build d.yaml -o bc.md");
    assert_file_is(fx->out.ptr, "old\n", 4);
    assert_listing(fx, "bc.md\nd.yaml\n");
}

/* A signal when the file is complete but not yet renamed: strace makes
 * rename fail with EINTR and delivers the signal there.  The program dies
 * of the signal, and its temporary file is gone.  (LeakSanitizer cannot
 * run under ptrace: it is off for traced runs.) */
static void test_signal_before_rename(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    static const char *const signals[] = {"INT", "TERM", "HUP"};
    static const int numbers[] = {2, 15, 1};
    for (size_t i = 0; i < 3; i++) {
        write_file(fx->out.ptr, "old\n", 4);
        bc_buf cmd = BC_BUF_INIT;
        bc_buf_printf(&cmd,
                      "ASAN_OPTIONS=detect_leaks=0 strace -o /dev/null "
                      "-e trace=rename "
                      "-e inject=rename:error=EINTR:signal=%s "
                      "\"$BCREPORT\" build d.yaml -o bc.md",
                      signals[i]);
        expect_shell(fx, 128 + numbers[i], NULL, cmd.ptr);
        bc_buf_fini(&cmd);
        assert_file_is(fx->out.ptr, "old\n", 4);
        assert_listing(fx, "bc.md\nd.yaml\n");
    }
}

/* ---- standard output and standard input ---- */

static void test_closed_pipe_is_74(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 74, NULL,
                 "{ sleep 1; \"$BCREPORT\" build d.yaml; echo $? > st; } "
                 "| true; exit $(cat st)");
}

static void test_full_disk_is_74(void **state)
{
    fixture *fx = *state;
    if (access("/dev/full", W_OK) != 0)
        fail_msg("no /dev/full");
    expect_shell(fx, 74,
                 "bcreport: error: cannot write to standard output: No "
                 "space left on device\n",
                 "\"$BCREPORT\" build d.yaml > /dev/full");
}

static void test_small_stack(void **state)
{
    fixture *fx = *state;
    expect_shell(fx, 0, "",
                 "ulimit -s 64 && \"$BCREPORT\" build d.yaml -o bc.md");
    assert_file_is(fx->out.ptr, fx->golden, fx->golden_len);
}

/* An input that cannot be opened for want of memory is out of memory
 * (71), not "cannot open" (66). */
static void test_open_out_of_memory_is_71(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    expect_shell(fx, 71, "bcreport: error: out of memory\n",
                 "ASAN_OPTIONS=detect_leaks=0 strace -o /dev/null "
                 "-P \"$PWD/d.yaml\" -e trace=openat "
                 "-e inject=openat:error=ENOMEM "
                 "\"$BCREPORT\" build \"$PWD/d.yaml\"");
}

/* Under umask 0 a new file is 0666: nothing but the umask takes a
 * permission away. */
static void test_new_file_mode_under_umask_zero(void **state)
{
    fixture *fx = *state;
    mode_t old = umask(0);
    build_out(fx);
    umask(old);
    struct stat st;
    assert_int_equal(stat(fx->out.ptr, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0666);
}

/* ---- written as it is rendered ---- */

/* fx->dir/big.yaml: 3 000 paragraphs, a Markdown document of 330 KB,
 * five pieces of 64 KiB and more. */
static void write_big(const fixture *fx)
{
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n");
    for (int i = 0; i < 3000; i++)
        bc_buf_printf(&yaml,
                      "  - \"Đoạn %d: các đơn vị báo cáo số đoàn, số hoạt "
                      "động và số đề xuất trong năm.\"\n",
                      i + 1);
    bc_buf_puts(&yaml, "results:\n  title: KẾT QUẢ\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/big.yaml", fx->dir);
    write_file(path.ptr, yaml.ptr, yaml.len);
    bc_buf_fini(&path);
    bc_buf_fini(&yaml);
}

/* Markdown and HTML go to the temporary file in pieces as they are
 * rendered, never held whole: the same bytes as on standard output. */
static void test_streamed_in_pieces(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    tu_skip_under_valgrind("strace counts valgrind's own writes too");
    write_big(fx);
    static const char *const formats[] = {"md", "html"};
    for (size_t i = 0; i < 2; i++) {
        bc_buf cmd = BC_BUF_INIT;
        /* The writes to the temporary file's descriptor, counted. */
        bc_buf_printf(&cmd,
                      "ASAN_OPTIONS=detect_leaks=0 strace -o trace "
                      "-e trace=openat,write \"$BCREPORT\" build -f %s "
                      "big.yaml -o out && "
                      "fd=$(sed -n 's/^openat(.*\"\\.out\\.[^\"]*\".* = "
                      "\\([0-9]*\\)$/\\1/p' trace) && "
                      "test $(grep -c \"^write($fd,\" trace) -ge 5 && "
                      "\"$BCREPORT\" build -f %s big.yaml > stdout && "
                      "cmp out stdout && rm trace out stdout",
                      formats[i], formats[i]);
        expect_shell(fx, 0, "", cmd.ptr);
        bc_buf_fini(&cmd);
    }
    assert_listing(fx, "big.yaml\nd.yaml\n");
}

/* A template that fails after pieces were written: the old file stays,
 * the temporary one is gone. */
static void test_failure_after_pieces_keeps_old(void **state)
{
    fixture *fx = *state;
    write_big(fx);
    write_file(fx->out.ptr, "old\n", 4);
    expect_shell(fx, 65, NULL,
                 "mkdir T && printf '{{#preamble}}{{paragraph}}\\n"
                 "{{/preamble}}{{no_such_name}}' > T/report.md.mustache && "
                 "\"$BCREPORT\" build big.yaml -T T -o bc.md 2> err && "
                 "grep -q no_such_name err");
    tu_result r;
    tu_shell(&r, "cd '%s' && grep -c 'no_such_name' err && rm -r T err",
             fx->dir);
    assert_string_equal(r.out, "1\n");
    tu_result_fini(&r);
    assert_file_is(fx->out.ptr, "old\n", 4);
    assert_listing(fx, "bc.md\nbig.yaml\nd.yaml\n");
}

/* Standard output gets the pieces as they come too: a template that
 * fails after them leaves them out, with the error and status 65; one
 * that fails within the first 64 KiB, nothing. */
static void test_standard_output_in_pieces(void **state)
{
    fixture *fx = *state;
    write_big(fx);
    expect_shell(fx, 0, NULL,
                 "mkdir T && printf '{{#preamble}}{{paragraph}}\\n"
                 "{{/preamble}}{{no_such_name}}' > T/report.md.mustache && "
                 "{ \"$BCREPORT\" build big.yaml -T T > out 2> err; "
                 "test $? = 65; } && grep -q no_such_name err && "
                 "test $(wc -c < out) -ge 65536 && "
                 "grep -q 'Đoạn 1:' out && "
                 "{ \"$BCREPORT\" build d.yaml -T T > out 2> err; "
                 "test $? = 65; } && test ! -s out && rm -r T out err");
    assert_listing(fx, "big.yaml\nd.yaml\n");
}

/* A partial read after the first pieces were written is an input too:
 * the output is refused at the end, the partial kept. */
static void test_refuses_a_partial_read_late(void **state)
{
    fixture *fx = *state;
    write_big(fx);
    expect_shell(fx, 64,
                 "T/tail.mustache: error: refusing to write the output "
                 "onto an input of this command (T/tail.mustache)\n",
                 "mkdir T && printf '{{#preamble}}{{paragraph}}\\n"
                 "{{/preamble}}{{> tail}}' > T/report.md.mustache && "
                 "printf 'the end\\n' > T/tail.mustache && "
                 "\"$BCREPORT\" build -f md big.yaml -T T -o T/tail.mustache");
    tu_result r;
    tu_shell(&r, "cd '%s' && cat T/tail.mustache && ls -A T", fx->dir);
    assert_string_equal(r.out, "the end\nreport.md.mustache\ntail.mustache\n");
    tu_result_fini(&r);
}

/* bc_output: a document of one piece (64 KiB) or less is held and
 * written whole at commit, so that nothing is allocated while its
 * temporary file exists; a larger one goes to the temporary file as it
 * comes, and abort removes it. */
static void test_small_output_held_until_commit(void **state)
{
    fixture *fx = *state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_output *o = bc_output_open(fx->out.ptr, &diags);
    assert_true(bc_output_write(o, "Báo ", strlen("Báo ")));
    assert_true(bc_output_write(o, "cáo\n", strlen("cáo\n")));
    assert_listing(fx, "d.yaml\n"); /* no temporary file yet */
    assert_true(bc_output_commit(o));
    assert_file_is(fx->out.ptr, "Báo cáo\n", strlen("Báo cáo\n"));
    assert_listing(fx, "bc.md\nd.yaml\n");
    assert_int_equal(diags.count, 0);
    bc_diags_fini(&diags);
}

static void test_large_output_written_as_it_comes(void **state)
{
    fixture *fx = *state;
    write_file(fx->out.ptr, "old\n", 4);
    bc_diags diags;
    bc_diags_init(&diags);
    bc_output *o = bc_output_open(fx->out.ptr, &diags);
    static char piece[40 * 1024];
    memset(piece, 'x', sizeof piece);
    assert_true(bc_output_write(o, piece, sizeof piece));
    assert_listing(fx, "bc.md\nd.yaml\n");
    assert_true(bc_output_write(o, piece, sizeof piece)); /* past 64 KiB */
    char *names = listing(fx);
    assert_non_null(strstr(names, ".bc.md."));
    free(names);
    bc_output_abort(o);
    assert_file_is(fx->out.ptr, "old\n", 4);
    assert_listing(fx, "bc.md\nd.yaml\n");
    o = bc_output_open(fx->out.ptr, &diags);
    for (int i = 0; i < 3; i++)
        assert_true(bc_output_write(o, piece, sizeof piece));
    assert_true(bc_output_commit(o));
    size_t len;
    char *got = tu_read_file(fx->out.ptr, &len);
    assert_int_equal(len, 3 * sizeof piece);
    free(got);
    assert_listing(fx, "bc.md\nd.yaml\n");
    assert_int_equal(diags.count, 0);
    bc_diags_fini(&diags);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_streamed_in_pieces),
        T(test_small_output_held_until_commit),
        T(test_large_output_written_as_it_comes),
        T(test_failure_after_pieces_keeps_old),
        T(test_standard_output_in_pieces),
        T(test_refuses_a_partial_read_late),
        T(test_writes_the_report),
        T(test_new_file_mode_follows_umask),
        T(test_new_file_mode_under_umask_zero),
        T(test_replaced_file_keeps_its_mode),
        T(test_read_only_file),
        T(test_link_is_followed),
        T(test_long_name),
        T(test_temporary_name_of_a_long_name),
        T(test_temporary_name_past_the_limit),
        T(test_flushed_before_rename),
        T(test_flush_or_close_failing_keeps_old),
        T(test_ignored_signal_stays_ignored),
        T(test_refuses_the_input_by_another_path),
        T(test_refuses_standard_input),
        T(test_refuses_dev_stdin),
        T(test_refuses_a_template),
        T(test_refuses_devices),
        T(test_refuses_piped_dev_stdout),
        T(test_missing_folder),
        T(test_folder_without_new_files),
        T(test_link_loop),
        T(test_dangling_link),
        T(test_failed_build_keeps_old_output),
        T(test_file_size_limit),
        T(test_signal_before_rename),
        T(test_closed_pipe_is_74),
        T(test_full_disk_is_74),
        T(test_small_stack),
        T(test_open_out_of_memory_is_71),
    };
#undef T
    return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}

# bcreport - Makefile (GNU make).
#
#   make            build ./bcreport
#   make run        install missing packages, build, render data/2023.yaml
#   make check      install missing packages, build, run the whole test suite
#   make check-asan the suite again under AddressSanitizer and UBSan
#   make check-valgrind the suite again under valgrind memcheck
#   make bench      time and memory against libyaml's parse (bench/)
#   make coverage   the suite with a --coverage build; gcovr over src/
#   make check-faults every allocation, write, rename... failing in turn
#   make install    install into $(DESTDIR)$(PREFIX); make uninstall
#
# CC, CFLAGS, LDFLAGS, LDLIBS, PREFIX and DESTDIR may be overridden (and
# BINDIR, LOCALEDIR, TEMPLATEDIR, MANDIR, BASHCOMPDIR); the
# flags bcreport needs are kept apart in BC_CFLAGS and always added.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LOCALEDIR ?= $(PREFIX)/share/locale
# The templates an office may adapt system-wide (paths.h), the manual
# page, bash completion (loaded on demand by the bash-completion package).
TEMPLATEDIR ?= $(PREFIX)/share/bcreport/templates
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
BUILDDIR ?= build
BIN ?= bcreport

PKGS = yaml-0.1 libcmark libutf8proc zlib xlsxwriter
TEST_PKGS = cmocka libzip

BC_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -Iinclude \
	-DBC_LOCALEDIR='"$(LOCALEDIR)"' -DBC_BINDIR='"$(BINDIR)"' \
	-DBC_TEMPLATEDIR='"$(TEMPLATEDIR)"' \
	-Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wshadow -MMD -MP
# Recursive (=) on purpose: pkg-config runs when a rule needs the flags,
# which is after the deps step has installed the packages.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
# The program itself opens libxlsxwriter when it makes a workbook
# (src/dynlib.c), by the name the library gives itself, so that other
# commands do not pay for the libcrypto it brings; the tests link it as
# usual.
DYNLIBS = xlsxwriter
BIN_LIBS = $(shell $(PKG_CONFIG) --libs $(filter-out $(DYNLIBS),$(PKGS))) -ldl
soname_of = $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir $(1))/$(2)" \
	2>/dev/null | sed -n 's/^ *SONAME *//p')
LIBXLSXWRITER_SONAME = $(call soname_of,xlsxwriter,libxlsxwriter.so)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
TEMPLATES = $(sort $(wildcard templates/*.mustache))
# The default templates, compiled in: generated C, see tools/embed.c.
EMBED = $(BUILDDIR)/tools/embed
TEMPLATES_C = $(BUILDDIR)/gen/templates.c
TEMPLATES_OBJ = $(BUILDDIR)/obj/gen/templates.o
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILDDIR)/obj/%.o) $(TEMPLATES_OBJ)
MAIN_OBJ = $(BUILDDIR)/obj/main.o
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILDDIR)/tests/%)
TEST_SUPPORT = $(BUILDDIR)/obj/tests/testutil.o $(BUILDDIR)/obj/tests/yaml_cases.o \
    $(BUILDDIR)/obj/tests/pdfcheck.o
HEADERS = $(wildcard include/bcreport/*.h)

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

# Test objects and programs are kept between runs.
.SECONDARY:

.PHONY: all run check check-run check-asan check-valgrind check-faults fault-build deps deps-tests install uninstall clean \
	check-headers golden catalogue-expect fuzz fuzz-smoke pot bench bench-run deps-bench coverage mutants

all: $(BIN)

# The messages in Vietnamese: po/vi.po compiled where the binary in the
# build tree finds it (i18n.h); msgfmt --check refuses a broken entry.
MO = $(BUILDDIR)/locale/vi/LC_MESSAGES/bcreport.mo

$(BIN): $(MAIN_OBJ) $(LIB_OBJ) $(MO)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJ) $(BIN_LIBS) $(LDLIBS)

$(MO): po/vi.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Collects the messages of the source into po/bcreport.pot and merges
# them into po/vi.po: translate what is new, then commit both.
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
		--keyword=bc_ngettext:1,2 --add-comments=TRANSLATORS: \
		--package-name=bcreport --msgid-bugs-address= --no-location \
		--sort-output -o po/bcreport.pot src/*.c
	msgmerge --quiet --update --backup=none --no-fuzzy-matching \
		--sort-output po/vi.po po/bcreport.pot
	msgattrib --no-obsolete --sort-output -o po/vi.po po/vi.po

$(BUILDDIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(BC_CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/obj/xlsx.o: BC_CFLAGS += $(if $(LIBXLSXWRITER_SONAME),\
	-DBC_LIBXLSXWRITER_SONAME='"$(LIBXLSXWRITER_SONAME)"')

$(EMBED): tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(BC_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(TEMPLATES_C): $(TEMPLATES) $(EMBED)
	@mkdir -p $(@D)
	$(EMBED) $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(TEMPLATES_OBJ): $(TEMPLATES_C)
	@mkdir -p $(@D)
	$(CC) $(BC_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/obj/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(BC_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/tests/%: $(BUILDDIR)/obj/tests/%.o $(TEST_SUPPORT) $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(TEST_WRAP) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

# test_report saves a file again while io.c reads it (its __wrap_fread).
$(BUILDDIR)/tests/test_report: TEST_WRAP = -Wl,--wrap=fread

# What building needs; deps-tests adds everything the suite uses.
deps:
	@sh scripts/deps.sh $(PKGS)

deps-tests:
	@sh scripts/deps.sh --tests $(PKGS) $(TEST_PKGS)

deps-bench:
	@sh scripts/deps.sh --bench $(PKGS)

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) build data/2023.yaml

check: deps-tests
	@$(MAKE) --no-print-directory check-run

# The suite itself, without the deps step (check-asan reuses it).
check-run: $(BIN) $(TEST_BIN) check-headers
	@BCREPORT_BIN=$(abspath $(BIN)) sh tests/run-tests.sh $(TEST_BIN)

# Every public header compiles on its own; only yaml_load.c sees libyaml,
# only md_html.c sees libcmark, only zip.c sees zlib, only xlsx.c sees
# libxlsxwriter.
check-headers:
	@for h in $(HEADERS); do \
		printf '#include "%s"\ntypedef int bc_header_check;\n' "$${h#include/}" | \
		$(CC) $(filter-out -MMD -MP,$(BC_CFLAGS)) -fsyntax-only -x c - \
			|| exit 1; \
	done
	@bad=$$(grep -l '#include <yaml.h>' src/*.c include/bcreport/*.h | grep -v '^src/yaml_load.c$$'); \
	if [ -n "$$bad" ]; then echo "only src/yaml_load.c may include yaml.h: $$bad"; exit 1; fi
	@bad=$$(grep -l '#include <cmark.h>' src/*.c include/bcreport/*.h | grep -v '^src/md_html.c$$'); \
	if [ -n "$$bad" ]; then echo "only src/md_html.c may include cmark.h: $$bad"; exit 1; fi
	@bad=$$(grep -l '#include <zlib.h>' src/*.c include/bcreport/*.h | grep -v '^src/zip.c$$'); \
	if [ -n "$$bad" ]; then echo "only src/zip.c may include zlib.h: $$bad"; exit 1; fi
	@bad=$$(grep -l '#include <xlsxwriter.h>' src/*.c include/bcreport/*.h | grep -v '^src/xlsx.c$$'); \
	if [ -n "$$bad" ]; then echo "only src/xlsx.c may include xlsxwriter.h: $$bad"; exit 1; fi

check-asan: deps-tests
	@ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) --no-print-directory BUILDDIR=$(BUILDDIR)/asan \
		BIN=$(BUILDDIR)/asan/bcreport CFLAGS="$(SAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" check-run

# The suite under valgrind memcheck, with the binaries of make check:
# each test program, and each run of bcreport the tests make, checked for
# memory errors and leaks (tests/valgrind.sh).
check-valgrind: deps-tests
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN) check-headers
	@sh tests/valgrind.sh $(BIN) $(TEST_BIN)

# make coverage: the suite again, every test program and every run of
# bcreport built with --coverage (-O0) in $(COV_DIR), counts from zero;
# then gcovr over src/ only: line and branch coverage of each file on the
# terminal, the annotated sources in $(COV_DIR)/html/index.html.  Branches
# gcov marks unreachable (the compiler's own, on lines without code) are
# left out; docs/coverage.md says what stays uncovered and why.  The
# report is made even when a test fails; the status is the suite's.
# libgcov's own complaints (a run under ulimit -f cannot save its counts)
# go to $(COV_DIR)/gcov-errors.log, not into the output the tests check.
COV_DIR = $(BUILDDIR)/cov
COV_FLAGS = -O0 -g --coverage
GCOVR = gcovr --root . --filter 'src/' --object-directory $(COV_DIR)/obj \
	--exclude-unreachable-branches --exclude-throw-branches

# Issue 16's floor: make coverage fails below it.
COV_MIN_LINES ?= 95
COV_MIN_BRANCHES ?= 85
coverage:
	@sh scripts/deps.sh --coverage $(PKGS) $(TEST_PKGS)
	@mkdir -p $(COV_DIR)
	@find $(COV_DIR) -name '*.gcda' -delete
	@rm -f $(COV_DIR)/gcov-errors.log
	@status=0; \
	GCOV_ERROR_FILE=$(abspath $(COV_DIR))/gcov-errors.log \
	$(MAKE) --no-print-directory BUILDDIR=$(COV_DIR) \
		BIN=$(COV_DIR)/bcreport CFLAGS="$(COV_FLAGS)" \
		LDFLAGS="--coverage" check-run || status=$$?; \
	rm -rf $(COV_DIR)/html && mkdir -p $(COV_DIR)/html && \
	$(GCOVR) --json $(COV_DIR)/coverage.json \
		--html-details $(COV_DIR)/html/index.html \
		--html-title 'bcreport: coverage of src/' && \
	echo "== lines ==" && gcovr -a $(COV_DIR)/coverage.json --txt && \
	echo "== branches ==" && gcovr -a $(COV_DIR)/coverage.json --txt -b && \
	gcovr -a $(COV_DIR)/coverage.json --print-summary --txt /dev/null \
		--fail-under-line $(COV_MIN_LINES) \
		--fail-under-branch $(COV_MIN_BRANCHES) && \
	echo "HTML: $(COV_DIR)/html/index.html" || status=1; \
	if [ -s $(COV_DIR)/gcov-errors.log ]; then \
		echo "libgcov could not write $$(wc -l < $(COV_DIR)/gcov-errors.log)" \
			"counts files (runs under ulimit -f; docs/coverage.md):" \
			"$(COV_DIR)/gcov-errors.log"; \
	fi; \
	exit $$status
# make mutants: plants each bug of scripts/mutants.py in a scratch copy of
# the tree, builds it and runs the suite (fail-fast), and reports which
# test killed it; MUTANTS="id ..." for some, MUTANTS_JOBS=2 two at a time.
# The report goes to $(BUILDDIR)/mutants/report.txt.  Not part of check.
MUTANTS ?=
MUTANTS_JOBS ?= 1

mutants: $(BIN) $(TEST_BIN)
	python3 scripts/mutants.py -j $(MUTANTS_JOBS) $(MUTANTS)

# The fault build, $(BUILDDIR)/fault/bcreport (ASan, LSan, UBSan):
# every allocation of ours, libyaml's, utf8proc's and libcmark's (their
# static libraries linked in) goes through tests/faults/inject.c, which
# fails the ones the environment names; libcmark's default allocator,
# which aborts, is renamed there so that reaching it is a loud failure.
# make check-faults runs tests/faults.sh with it: allocation, write,
# fsync, rename, close and open failures, signals, concurrent writers.
FAULT_DIR = $(BUILDDIR)/fault
FAULT_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=mmap
libdir_of = $(shell $(PKG_CONFIG) --variable=libdir $(1))

$(FAULT_DIR)/lib/libcmark.a:
	@mkdir -p $(@D)
	objcopy --redefine-sym calloc=bc_fault_cmark_default_calloc \
		--redefine-sym realloc=bc_fault_cmark_default_realloc \
		$(call libdir_of,libcmark)/libcmark.a $@

$(FAULT_DIR)/obj/faults/inject.o: tests/faults/inject.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_XOPEN_SOURCE=700 -Wall -Wextra $(SAN_FLAGS) -c -o $@ $<

fault-build: deps-tests $(FAULT_DIR)/lib/libcmark.a $(FAULT_DIR)/obj/faults/inject.o
	@test $(FAULT_DIR)/bcreport -nt $(FAULT_DIR)/obj/faults/inject.o \
		|| rm -f $(FAULT_DIR)/bcreport
	@$(MAKE) --no-print-directory BUILDDIR=$(FAULT_DIR) \
		BIN=$(FAULT_DIR)/bcreport CFLAGS="$(SAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined $(FAULT_WRAP)" \
		BIN_LIBS="$(FAULT_DIR)/obj/faults/inject.o \
			$(call libdir_of,yaml-0.1)/libyaml.a $(FAULT_DIR)/lib/libcmark.a \
			$(call libdir_of,libutf8proc)/libutf8proc.a \
			$(filter-out -lyaml -lcmark -lutf8proc,$(BIN_LIBS))" \
		$(FAULT_DIR)/bcreport

check-faults: fault-build
	@bash tests/faults.sh $(FAULT_DIR)/bcreport

# The reports summarised in tests/golden/summary.* (test_summary.c runs
# the same list): the examples and a few communes of tests/fixtures.
SUMMARY_GOLDEN = data/2025-xa.yaml data/2026-xa.yaml \
	tests/fixtures/summary/xa-binh-son.yaml \
	tests/fixtures/summary/xa-dong-son.yaml \
	tests/fixtures/summary/xa-van-tuong.yaml

# Regenerates the golden documents, the committed JSON Schema and the
# messages expected of tests/fixtures/build (.err, .err.vi): review
# the diff before committing.
golden: $(BIN)
	./$(BIN) build data/2023.yaml > tests/golden/2023.md
	./$(BIN) build data/2025-xa.yaml > tests/golden/2025-xa.md
	./$(BIN) build data/2026-xa.yaml > tests/golden/2026-xa.md
	./$(BIN) build -f html data/2023.yaml > tests/golden/2023.html
	./$(BIN) build -f html data/2025-xa.yaml > tests/golden/2025-xa.html
	./$(BIN) build -f html data/2026-xa.yaml > tests/golden/2026-xa.html
	./$(BIN) summary $(SUMMARY_GOLDEN) > tests/golden/summary.md
	./$(BIN) summary -f html $(SUMMARY_GOLDEN) > tests/golden/summary.html
	./$(BIN) summary -f csv $(SUMMARY_GOLDEN) > tests/golden/summary.csv
	./$(BIN) schema > schema/report.schema.json
	cd tests/fixtures/build && for f in bad-*.yaml; do \
		env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 \
			$(abspath $(BIN)) build $$f 2> $${f%.yaml}.err; \
		env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 \
			$(abspath $(BIN)) build $$f 2> $${f%.yaml}.err.vi; \
	done; true
	python3 scripts/guide-errors.py $(BIN)

# Records what bcreport says to each case of the catalogue of bad input
# (tests/fixtures/bad: .status, .err, .err.vi, .out), running them as
# test_catalogue does; CASES="NNN-name ..." for some only.  Review every
# message in the diff before committing.
catalogue-expect: $(BIN) $(BUILDDIR)/tests/test_catalogue
	BCREPORT_BIN=$(abspath $(BIN)) BCREPORT_CATALOGUE_RECORD=1 \
		CATALOGUE_CASES="$(CASES)" $(BUILDDIR)/tests/test_catalogue

# make fuzz: the libFuzzer targets (tests/fuzz/fuzz_*.c) in $(BUILDDIR)/fuzz,
# the library compiled once for them with coverage, ASan, LSan and UBSan;
# needs clang.  make fuzz-smoke: each target for FUZZ_TIME seconds from its
# seed corpus, with its dictionary.  New inputs and findings go to
# $(BUILDDIR)/fuzz, never into tests/fuzz.  Standard input is /dev/null: a
# data file may name "-" somewhere.
FUZZ_CC ?= clang
FUZZ_TIME ?= 20
FUZZ_TARGETS = yaml model report template md html docx summary xlsx csv
FUZZ_SAN = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_BIN = $(FUZZ_TARGETS:%=$(BUILDDIR)/fuzz/fuzz_%)
FUZZ_OBJ = $(LIB_SRC:src/%.c=$(BUILDDIR)/fuzz/obj/%.o) \
	$(BUILDDIR)/fuzz/obj/gen/templates.o
FUZZ_COMPILE = $(FUZZ_CC) $(filter-out -MMD -MP,$(BC_CFLAGS)) $(PKG_CFLAGS) \
	$(FUZZ_SAN)

fuzz: $(FUZZ_BIN)

$(BUILDDIR)/fuzz/obj/%.o: src/%.c $(HEADERS) src/template_internal.h \
		src/view_internal.h
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILDDIR)/fuzz/obj/gen/templates.o: $(TEMPLATES_C)
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -c -o $@ $<

$(BUILDDIR)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
		tests/fuzz/fuzz_summary.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

fuzz-smoke: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
		rm -rf $(BUILDDIR)/fuzz/new-$$t && mkdir -p $(BUILDDIR)/fuzz/new-$$t || exit 1; \
		d=tests/fuzz/$$( [ $$t = template ] && echo mustache || echo yaml ).dict; \
		echo "fuzz_$$t: $(FUZZ_TIME)s"; \
		$(BUILDDIR)/fuzz/fuzz_$$t -dict=$$d -max_total_time=$(FUZZ_TIME) \
			-max_len=4096 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(BUILDDIR)/fuzz/ -print_final_stats=1 \
			$(BUILDDIR)/fuzz/new-$$t tests/fuzz/corpus/$$t \
			</dev/null 2>$(BUILDDIR)/fuzz/$$t.log \
			|| { tail -n 60 $(BUILDDIR)/fuzz/$$t.log; exit 1; }; \
		grep -E 'DONE|number_of_executed_units' $(BUILDDIR)/fuzz/$$t.log; \
	done

# make bench: bcreport against the floor of libyaml's event parser on
# the example and inputs of bench/gen.c at BENCH_SCALES (13 MB at
# 10000), whole processes
# side by side in rounds, with their peak memory (bench/bench.c says
# how).  Not part of check: timing is no test on a shared machine.
BENCH_DIR = $(BUILDDIR)/bench
BENCH_SCALES ?= 1 100 10000
BENCH_INPUTS = data/2026-xa.yaml $(BENCH_SCALES:%=$(BENCH_DIR)/scale-%.yaml)
BENCH_CFLAGS = $(filter-out -MMD -MP,$(BC_CFLAGS)) $(CFLAGS)

bench: deps-bench
	@$(MAKE) --no-print-directory bench-run

bench-run: $(BIN) $(BENCH_DIR)/parse_only $(BENCH_DIR)/bench $(BENCH_INPUTS)
	@echo "bench: $$(nproc) cores, $$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $$(date -u +%Y-%m-%d)"
	@$(BENCH_DIR)/bench ./$(BIN) $(BENCH_DIR)/parse_only $(BENCH_DIR) $(BENCH_INPUTS)

$(BENCH_DIR)/gen $(BENCH_DIR)/bench: $(BENCH_DIR)/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $<

$(BENCH_DIR)/parse_only: bench/parse_only.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(shell $(PKG_CONFIG) --cflags yaml-0.1) $(LDFLAGS) \
		-o $@ $< $(shell $(PKG_CONFIG) --libs yaml-0.1)

$(BENCH_DIR)/scale-%.yaml: $(BENCH_DIR)/gen
	$(BENCH_DIR)/gen $* > $@.tmp && mv $@.tmp $@

# The binary, the Vietnamese messages, the templates (read before the
# compiled-in ones, name by name), the manual page and bash completion.
# Build with the same PREFIX: the binary falls back on the folders it was
# built for (paths.h, i18n.h).  Uninstall leaves a template an office
# added of its own, and with it the folder.
install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES \
		$(DESTDIR)$(TEMPLATEDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/bcreport
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/bcreport.mo
	install -m 644 $(TEMPLATES) $(DESTDIR)$(TEMPLATEDIR)
	install -m 644 docs/bcreport.1 $(DESTDIR)$(MANDIR)/man1/bcreport.1
	install -m 644 completion/bcreport.bash $(DESTDIR)$(BASHCOMPDIR)/bcreport

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bcreport
	rm -f $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/bcreport.mo
	rm -f $(addprefix $(DESTDIR)$(TEMPLATEDIR)/,$(notdir $(TEMPLATES)))
	rmdir $(DESTDIR)$(TEMPLATEDIR) $(dir $(DESTDIR)$(TEMPLATEDIR)) 2>/dev/null || true
	rm -f $(DESTDIR)$(MANDIR)/man1/bcreport.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/bcreport

clean:
	rm -rf $(BUILDDIR) bcreport

-include $(wildcard $(BUILDDIR)/obj/*.d $(BUILDDIR)/obj/tests/*.d)

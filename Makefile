# whosaid: build, test, benchmark.
#   make            library (static + shared) and CLI under build/
#   make deps       install the Debian packages the build needs (as root;
#                   python-deps, test-deps, dev-deps: see tools/deps.sh)
#   make run        build, run on examples/seed.txt
#   make test       every test under ASan+UBSan
#   make bench      throughput and peak RSS over the PolNeAR texts (the
#                   library, then ws_run at -j1 and -j2 over BENCH_MB MB),
#                   then ws_run against gzip -1 on the same BENCH_MB MB
#   make fuzz       the libFuzzer harnesses, FUZZ_SECONDS (60) each
#   make fixtures   WARC test fixtures in build/fixtures (for CLI tests)
#   make warc-bench a .warc.gz of PolNeAR pages (WARC_MB, default 100) in build/
#   make python     the Python package (python/) in the venv build/venv
#   make install    CLI, man page, header, libraries, whosaid.pc under PREFIX
#                   (/usr/local; DESTDIR for staging)
CC      ?= cc
CFLAGS  ?= -O3 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
# The libraries the library uses, found through pkg-config (make checks
# for them before compiling: see check-deps).
PKGS    := libutf8proc libxml-2.0 libzstd zlib
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC     := $(wildcard src/*.c)
HDR     := $(wildcard src/*.h src/*.def include/*.h data/*.def)
OBJ     := $(SRC:src/%.c=build/obj/%.o)
SOBJ    := $(SRC:src/%.c=build/san/obj/%.o)
TESTS   := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
SHARED  ?= ../shared
BENCH_MB ?= 100

.PHONY: all run test deps python-deps test-deps dev-deps check-deps check-python-deps check-test-deps check-dev-deps install uninstall clean bench clang-check fuzz valgrind fixtures warc-bench python bench-python
all: build/whosaid build/libwhosaid.a build/libwhosaid.so

# ---- library and CLI ---------------------------------------------------
build/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@
build/libwhosaid.a: $(OBJ)
	ar rcs $@ $^
# The shared library carries its SONAME: the major version, which changes
# when the ABI does (0 while it is 0.x). -z defs: no symbol left undefined.
VERSION := $(shell sed -n 's/^\#define WHOSAID_VERSION "\(.*\)"/\1/p' include/whosaid.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME  := libwhosaid.so.$(SOMAJOR)
build/libwhosaid.so: $(OBJ) Makefile
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs -o $@ $(OBJ) $(LDLIBS)
CLI     := cli/whosaid.c cli/index.c cli/common.c
CLI_HDR := cli/index.h cli/common.h
build/whosaid: $(CLI) $(CLI_HDR) include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $(CLI) build/libwhosaid.a $(LDLIBS)

# ---- sanitizer build: library, CLI and tests ---------------------------
build/san/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -c $< -o $@
build/san/libwhosaid.a: $(SOBJ)
	ar rcs $@ $^
build/san/whosaid: $(CLI) $(CLI_HDR) include/whosaid.h build/san/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -o $@ $(CLI) build/san/libwhosaid.a $(LDLIBS)
build/san/test_%: tests/test_%.c tests/test.h tests/stage.h tests/warc_fixture.h build/san/libwhosaid.a $(HDR)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -o $@ $< build/san/libwhosaid.a $(LDLIBS)

# ---- valgrind build: no sanitizers (they do not mix with valgrind) ------
VOBJ    := $(SRC:src/%.c=build/vg/obj/%.o)
build/vg/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g -c $< -o $@
build/vg/libwhosaid.a: $(VOBJ)
	ar rcs $@ $^
build/vg/whosaid-bin: $(CLI) $(CLI_HDR) include/whosaid.h build/vg/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g -o $@ $(CLI) build/vg/libwhosaid.a $(LDLIBS)
build/vg/whosaid: build/vg/whosaid-bin
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$$(dirname "$$0")/whosaid-bin" "$$@"\n' > $@
	chmod +x $@
build/vg/test_%: tests/test_%.c tests/test.h tests/stage.h tests/warc_fixture.h build/vg/libwhosaid.a $(HDR)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g -o $@ $< build/vg/libwhosaid.a $(LDLIBS)

# The whole suite under valgrind memcheck: every C test and the CLI
# scripts (through a wrapper running the CLI under valgrind); any error
# or definite leak fails the suite.
valgrind: check-dev-deps $(TESTS:%=build/vg/%) build/vg/whosaid build/make_warc_fixtures all
	@TEST_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
	  tests/run_all.sh build/vg "$(TESTS)"

# ---- set-up on a fresh Debian 12 ---------------------------------------
# tools/deps.sh holds the package lists: build (library, CLI, install),
# python (make python, the wheel), test (make test) and dev (make
# valgrind, make fuzz). Each target checks its set before the
# first compile and stops with one line naming what is missing; only the
# *-deps targets install (apt-get, --no-install-recommends).
DEPS := tools/deps.sh
deps:
	@CC='$(CC)' $(DEPS) install build
python-deps:
	@CC='$(CC)' $(DEPS) install build python
test-deps:
	@CC='$(CC)' $(DEPS) install build python test
dev-deps:
	@CC='$(CC)' $(DEPS) install build python test dev

# need SETS,TARGET: stop (one line, make's "*** ... Stop.") when a package
# of SETS is missing, naming them and the target that installs them.
need = $(eval missing_ := $(shell CC='$(CC)' $(DEPS) missing $(1)))$(if \
  $(missing_),$(error missing Debian packages: $(missing_); `make $(2)` (as root) installs them))
check-deps:
	@$(call need,build,deps):
check-python-deps:
	@$(call need,build python,python-deps):
check-test-deps:
	@$(call need,build python test,test-deps):
check-dev-deps:
	@$(call need,build python test dev,dev-deps):
# Every compile waits for the check (order-only: a check never makes a
# file out of date).
$(OBJ) $(SOBJ) $(VOBJ) build/make_warc_fixtures: | check-deps
clang-check: | check-test-deps

run: all
	build/whosaid examples/seed.txt

# ---- tests -------------------------------------------------------------
# Every test runs against the ASan+UBSan build; the spec file runs through
# the library (tests/test_spec.c) and through the CLI (tests/spec_cli.sh).
test: check-test-deps all clang-check $(TESTS:%=build/san/%) build/san/whosaid build/make_warc_fixtures
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run_all.sh build/san "$(TESTS)"

# Warning-free under clang as well as gcc.
clang-check:
	@for f in $(SRC) $(CLI) $(wildcard bench/*.c) tests/make_warc_fixtures.c tests/install_prog.c $(wildcard tests/test_*.c); do \
	  clang $(CPPFLAGS) $(WARN) -fsyntax-only $$f || exit 1; done

build/bench_throughput: bench/throughput.c bench/corpus.h include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/throughput.c build/libwhosaid.a $(LDLIBS)
build/bench_run: bench/run.c bench/corpus.h include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/run.c build/libwhosaid.a $(LDLIBS)
build/bench_ratio: bench/ratio.c bench/corpus.h include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/ratio.c build/libwhosaid.a $(LDLIBS)
bench: build/bench_throughput build/bench_run build/bench_ratio
	build/bench_throughput $(SHARED)/corpus/polnear
	build/bench_run $(SHARED)/corpus/polnear $(BENCH_MB)
	build/bench_ratio $(SHARED)/corpus/polnear $(BENCH_MB)

# WARC fixtures (tests/warc_fixture.h) as files, for CLI tests.
build/make_warc_fixtures: tests/make_warc_fixtures.c tests/warc_fixture.h include/whosaid.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tests/make_warc_fixtures.c $(LDLIBS)
fixtures: build/make_warc_fixtures
	@mkdir -p build/fixtures
	build/make_warc_fixtures build/fixtures

# A .warc.gz of the PolNeAR texts wrapped in HTML pages, WARC_MB in size.
WARC_MB ?= 100
build/make_warc: bench/make_warc.c include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/make_warc.c build/libwhosaid.a $(LDLIBS)
warc-bench: build/make_warc
	build/make_warc $(SHARED)/corpus/polnear $(WARC_MB) build/polnear.warc.gz

# libFuzzer harnesses (fuzz/): FUZZ_SECONDS per harness, crashes in build/fuzz/.
FUZZ_SECONDS ?= 60
fuzz: check-dev-deps
	fuzz/run.sh $(FUZZ_SECONDS)

# ---- Python ------------------------------------------------------------
# The package installed offline (Debian's setuptools, no PyPI) into a venv
# that sees the system's site-packages (dask.distributed); python/setup.py
# puts a copy of build/libwhosaid.so into the package.
VENV := build/venv
python: check-python-deps build/libwhosaid.so
	@test -x $(VENV)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q --no-index --no-build-isolation --force-reinstall --no-deps ./python
	$(VENV)/bin/python -c 'import whosaid; print("whosaid", whosaid.__version__, "uses", whosaid.library_path)'
	rm -rf python/build python/whosaid.egg-info

# The binding's overhead: extract_many against the CLI on the same input.
bench-python: all
	/usr/bin/python3 bench/python_overhead.py $(SHARED)/corpus/polnear

# ---- install -------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=staging]: the CLI, its man page,
# the header, both libraries (libwhosaid.so.$(VERSION) with the
# $(SONAME) and libwhosaid.so links) and whosaid.pc for pkg-config. The .pc
# is written with PREFIX (not DESTDIR), where the files will be used.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
PCDIR   ?= $(LIBDIR)/pkgconfig
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PCDIR)
	install -m 755 build/whosaid $(DESTDIR)$(BINDIR)/whosaid
	install -m 644 docs/whosaid.1 $(DESTDIR)$(MANDIR)/man1/whosaid.1
	install -m 644 include/whosaid.h $(DESTDIR)$(INCLUDEDIR)/whosaid.h
	install -m 644 build/libwhosaid.a $(DESTDIR)$(LIBDIR)/libwhosaid.a
	install -m 755 build/libwhosaid.so $(DESTDIR)$(LIBDIR)/libwhosaid.so.$(VERSION)
	ln -sf libwhosaid.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libwhosaid.so
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|; s|@REQUIRES@|$(PKGS)|' whosaid.pc.in \
	    >$(DESTDIR)$(PCDIR)/whosaid.pc
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/whosaid $(DESTDIR)$(MANDIR)/man1/whosaid.1 \
	    $(DESTDIR)$(INCLUDEDIR)/whosaid.h $(DESTDIR)$(LIBDIR)/libwhosaid.a \
	    $(DESTDIR)$(LIBDIR)/libwhosaid.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libwhosaid.so $(DESTDIR)$(PCDIR)/whosaid.pc

clean:
	rm -rf build

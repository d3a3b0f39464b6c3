# whosaid: build, test, benchmark.
#   make            library (static + shared) and CLI under build/
#   make run        install what is missing, build, run on examples/seed.txt
#   make test       install what is missing, then every test under ASan+UBSan
#   make bench      throughput and peak RSS over the PolNeAR texts
#   make fuzz       the libFuzzer harnesses, FUZZ_SECONDS (60) each
#   make fixtures   WARC test fixtures in build/fixtures (for CLI tests)
#   make warc-bench a .warc.gz of PolNeAR pages (WARC_MB, default 100) in build/
CC      ?= cc
CFLAGS  ?= -O3 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude
LDLIBS  := -lutf8proc $(shell pkg-config --libs zlib 2>/dev/null || echo -lz)
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC     := $(wildcard src/*.c)
HDR     := $(wildcard src/*.h src/*.def include/*.h data/*.def)
OBJ     := $(SRC:src/%.c=build/obj/%.o)
SOBJ    := $(SRC:src/%.c=build/san/obj/%.o)
TESTS   := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
SHARED  ?= ../shared

.PHONY: all run test deps check-deps clean bench clang-check fuzz fixtures warc-bench
all: build/whosaid build/libwhosaid.a build/libwhosaid.so

# ---- library and CLI ---------------------------------------------------
build/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@
build/libwhosaid.a: $(OBJ)
	ar rcs $@ $^
build/libwhosaid.so: $(OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS)
build/whosaid: cli/whosaid.c include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ cli/whosaid.c build/libwhosaid.a $(LDLIBS)

# ---- sanitizer build: library, CLI and tests ---------------------------
build/san/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -c $< -o $@
build/san/libwhosaid.a: $(SOBJ)
	ar rcs $@ $^
build/san/whosaid: cli/whosaid.c include/whosaid.h build/san/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -o $@ cli/whosaid.c build/san/libwhosaid.a $(LDLIBS)
build/san/test_%: tests/test_%.c tests/test.h tests/stage.h tests/warc_fixture.h build/san/libwhosaid.a $(HDR)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -o $@ $< build/san/libwhosaid.a $(LDLIBS)

# ---- set-up on a fresh Debian 12 ---------------------------------------
DEBS := gcc clang make pkg-config libutf8proc-dev zlib1g-dev python3
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

run: deps all
	build/whosaid examples/seed.txt

# ---- tests -------------------------------------------------------------
# Every test runs against the ASan+UBSan build; the spec file runs through
# the library (tests/test_spec.c) and through the CLI (tests/spec_cli.sh).
test: deps all clang-check $(TESTS:%=build/san/%) build/san/whosaid
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run_all.sh build/san "$(TESTS)"

# Warning-free under clang as well as gcc.
clang-check:
	@for f in $(SRC) cli/whosaid.c bench/throughput.c bench/make_warc.c \
	    tests/make_warc_fixtures.c $(wildcard tests/test_*.c); do \
	  clang $(CPPFLAGS) $(WARN) -fsyntax-only $$f || exit 1; done

build/bench_throughput: bench/throughput.c include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/throughput.c build/libwhosaid.a $(LDLIBS)
bench: build/bench_throughput
	build/bench_throughput $(SHARED)/corpus/polnear

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
fuzz:
	fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build

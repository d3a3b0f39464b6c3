# whosaid: build, test, benchmark.
#   make            library (static + shared) and CLI under build/
#   make run        install what is missing, build, run on examples/seed.txt
#   make test       install what is missing, then every test under ASan+UBSan
#   make bench      throughput and peak RSS over the PolNeAR texts (the
#                   library, then ws_run at -j1 and -j2 over BENCH_MB MB)
#   make fuzz       the libFuzzer harnesses, FUZZ_SECONDS (60) each
#   make python     the Python package (python/) in the venv build/venv
CC      ?= cc
CFLAGS  ?= -O3 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude
LDLIBS  := -lutf8proc $(shell pkg-config --libs libzstd zlib 2>/dev/null || echo -lzstd -lz) -lpthread
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC     := $(wildcard src/*.c)
HDR     := $(wildcard src/*.h src/*.def include/*.h data/*.def)
OBJ     := $(SRC:src/%.c=build/obj/%.o)
SOBJ    := $(SRC:src/%.c=build/san/obj/%.o)
TESTS   := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
SHARED  ?= ../shared
BENCH_MB ?= 100

.PHONY: all run test deps check-deps clean bench clang-check fuzz python bench-python
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
build/san/test_%: tests/test_%.c tests/test.h tests/stage.h build/san/libwhosaid.a $(HDR)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -o $@ $< build/san/libwhosaid.a $(LDLIBS)

# ---- set-up on a fresh Debian 12 ---------------------------------------
DEBS := gcc clang make pkg-config libutf8proc-dev libzstd-dev zlib1g-dev zstd man-db python3 \
        python3-venv python3-setuptools python3-pytest python3-distributed
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
	@for f in $(SRC) cli/whosaid.c $(wildcard bench/*.c) $(wildcard tests/test_*.c); do \
	  clang $(CPPFLAGS) $(WARN) -fsyntax-only $$f || exit 1; done

build/bench_throughput: bench/throughput.c include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/throughput.c build/libwhosaid.a $(LDLIBS)
build/bench_run: bench/run.c include/whosaid.h build/libwhosaid.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/run.c build/libwhosaid.a $(LDLIBS)
bench: build/bench_throughput build/bench_run
	build/bench_throughput $(SHARED)/corpus/polnear
	build/bench_run $(SHARED)/corpus/polnear $(BENCH_MB)

# libFuzzer harnesses (fuzz/): FUZZ_SECONDS per harness, crashes in build/fuzz/.
FUZZ_SECONDS ?= 60
fuzz:
	fuzz/run.sh $(FUZZ_SECONDS)

# ---- Python ------------------------------------------------------------
# The package installed offline (Debian's setuptools, no PyPI) into a venv
# that sees the system's site-packages (dask.distributed); python/setup.py
# puts a copy of build/libwhosaid.so into the package.
VENV := build/venv
python: deps build/libwhosaid.so
	@test -x $(VENV)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q --no-index --no-build-isolation --force-reinstall --no-deps ./python
	$(VENV)/bin/python -c 'import whosaid; print("whosaid", whosaid.__version__, "uses", whosaid.library_path)'
	rm -rf python/build python/whosaid.egg-info

# The binding's overhead: extract_many against the CLI on the same input.
bench-python: all
	/usr/bin/python3 bench/python_overhead.py $(SHARED)/corpus/polnear

clean:
	rm -rf build

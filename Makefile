# Two commands: `make run` and `make test`. Everything else is plumbing.
BUILDDIR ?= _build
MESON_TEST_ARGS ?=

.PHONY: all deps build run screenshots test clean update-po bench asan-test valgrind-test fuzz soak clang-build

all: build

deps:
	@./.ci/install-deps

# Every build the Makefile sets up treats warnings as errors (-Dwerror=true),
# as CI does; a packager's plain `meson setup` does not, except for the
# deprecation errors that keep API newer than Debian 12's out (meson.build).
$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) -Ddevelopment=true -Dwerror=true

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# Starts the demo portal (lockthreat-devportal --demo) on loopback and the
# application against it, both in a throw-away profile, and stops the
# portal when the application exits (.ci/run-demo). The random token goes
# through the environment only, never a command line.
run: build
	@./.ci/run-demo $(BUILDDIR)

# Renders every page and the main dialogs, light and dark, of the demo
# customer (tests/lt-app-demo-data.c) to docs/screenshots/*.png under Xvfb,
# with the clock pinned so that the pictures only change with the code.
screenshots: build
	@profile=$$(mktemp -d -t ltsupport-shots.XXXXXX); \
	trap 'rm -rf "$$profile"' EXIT; \
	$(BUILDDIR)/tests/ui-demo-seed "$$profile" && \
	GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$(CURDIR)/$(BUILDDIR)/data" \
	GDK_DEBUG=gl-disable LC_ALL=C.UTF-8 TZ=America/Indiana/Indianapolis \
	dbus-run-session -- xvfb-run -a -s '-screen 0 1400x1000x24' \
	  $(BUILDDIR)/tests/instrumented/lockthreat-support-instrumented --profile "$$profile" \
	  --now 2026-11-30T15:00:00Z --screenshot "$(CURDIR)/docs/screenshots"
	./.ci/screenshot-notifications $(BUILDDIR) docs/screenshots

# UI tests need a display and a session bus; the rest run inside the same
# wrapper harmlessly. The summary line is the one CI reads.
test: build
	dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
	  meson test -C $(BUILDDIR) --print-errorlogs $(MESON_TEST_ARGS); \
	status=$$?; \
	python3 .ci/summarize-tests $(BUILDDIR)/meson-logs/testlog.json; \
	exit $$status

# Lists every file with translatable strings in po/POTFILES.in,
# regenerates po/lockthreat-support.pot from them, merges it into every
# po/<lang>.po and reports what is left to translate (docs/i18n.md). The
# po-complete test fails until that is nothing.
update-po: deps $(BUILDDIR)/build.ninja
	python3 tests/check-potfiles.py --update .
	meson compile -C $(BUILDDIR) lockthreat-support-update-po
	@python3 tests/check-po.py --report .

# Every benchmark of docs/performance.md (start-up, memory, the ticket list,
# filter-as-you-type, sync pull, outbox drain), each against a bare
# baseline timed in the same run, in a release build of its own; writes
# docs/performance.md. Exit 1 when a goal is missed (the page is written).
BENCH_BUILDDIR ?= _build-bench

bench: deps
	tests/bench/run-bench.sh $(BENCH_BUILDDIR)

# The crash soak of docs/reliability.md: SOAK_ITEMS tickets and as many
# change notices filed through ltsupport against the devportal while the
# client is SIGKILLed at random moments and the portal injects faults; then
# it syncs to completion and checks that the portal holds each exactly
# once. Writes its figures into SOAK_DOCS (empty: nowhere, as CI does).
SOAK_ITEMS ?= 1000
SOAK_SEED ?= 20261126
SOAK_DOCS ?= docs/reliability.md

soak: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR) src/cli/ltsupport src/devportal/lockthreat-devportal
	python3 tests/soak/run-soak.py --builddir $(BUILDDIR) --items $(SOAK_ITEMS) \
	  --seed $(SOAK_SEED) $(if $(SOAK_DOCS),--docs $(SOAK_DOCS))

# The whole suite built with AddressSanitizer and UBSan (docs/reliability.md):
# memory errors and undefined behaviour fail a test, UBSan at its first
# report; G_SLICE hands every allocation to malloc so that ASan sees it.
# Leaks are valgrind-test's: LeakSanitizer's stacks stop at g_malloc (GLib
# has no frame pointers), so GLib's own by-design leaks cannot be told from
# ours without an unwinder that makes the suite fifty times slower.
# With -fsanitize=undefined gcc 12 adds a NULL branch after each
# g_malloc0() and then warns that the branch passes NULL on (-Wnonnull);
# the plain build keeps -Werror=nonnull for the real cases.
ASAN_BUILDDIR ?= _asan

$(ASAN_BUILDDIR)/build.ninja:
	meson setup $(ASAN_BUILDDIR) -Ddevelopment=true -Dwerror=true -Db_sanitize=address,undefined \
	  -Dc_args=-Wno-error=nonnull

asan-test: deps $(ASAN_BUILDDIR)/build.ninja
	meson compile -C $(ASAN_BUILDDIR)
	export ASAN_OPTIONS=detect_leaks=0 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  G_SLICE=always-malloc GDK_DEBUG=gl-disable; \
	dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
	  meson test -C $(ASAN_BUILDDIR) --no-rebuild --print-errorlogs --timeout-multiplier 3 \
	  $(MESON_TEST_ARGS); \
	status=$$?; \
	python3 .ci/summarize-tests $(ASAN_BUILDDIR)/meson-logs/testlog.json | sed 's/^tests:/asan-test:/'; \
	exit $$status

# The core, store and command-line suites under valgrind's memcheck: memory
# errors and definite leaks fail (the 'valgrind' setup in tests/meson.build).
valgrind-test: build
	meson test -C $(BUILDDIR) --setup valgrind --suite core --suite store --suite cli \
	  --print-errorlogs $(MESON_TEST_ARGS)

# libFuzzer on the version parser, the policy and catalog loaders, the JSON
# gate and the portal's JSON mappers, FUZZ_SECONDS each; prints the figures
# and writes them to $(FUZZ_BUILDDIR)/fuzz-results.md (docs/reliability.md).
# The whole tree, tests included, built by clang with the same -Werror
# flags: its warnings (unused cleanup variables, casts that change
# alignment) are not gcc's, and the fuzzers already need clang for src/.
CLANG_BUILDDIR ?= _build-clang

$(CLANG_BUILDDIR)/build.ninja:
	CC=clang meson setup $(CLANG_BUILDDIR) -Ddevelopment=true -Dwerror=true

clang-build: deps $(CLANG_BUILDDIR)/build.ninja
	meson compile -C $(CLANG_BUILDDIR)

FUZZ_BUILDDIR ?= _build-fuzz
FUZZ_SECONDS ?= 60

fuzz: deps
	tests/fuzz/run-fuzzers $(FUZZ_BUILDDIR) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILDDIR)

# Two commands: `make run` and `make test`. Everything else is plumbing.
BUILDDIR ?= _build
MESON_TEST_ARGS ?=

.PHONY: all deps build run test clean

all: build

deps:
	@./.ci/install-deps

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) -Ddevelopment=true

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# Until the GTK application lands, `run` shows the command-line tool against
# the bundled policy and release catalog in a throw-away profile.
run: build
	@profile=$$(mktemp -d -t ltsupport-profile.XXXXXX); \
	trap 'rm -rf "$$profile"' EXIT; \
	export XDG_DATA_HOME="$$profile/data" XDG_CONFIG_HOME="$$profile/config"; \
	set -x; \
	$(BUILDDIR)/src/cli/ltsupport --help; \
	$(BUILDDIR)/src/cli/ltsupport policy show; \
	$(BUILDDIR)/src/cli/ltsupport eligibility 3.2.1 || true; \
	$(BUILDDIR)/src/cli/ltsupport eligibility 3.4.0 --json || true; \
	$(BUILDDIR)/src/cli/ltsupport calendar holidays 2026; \
	$(BUILDDIR)/src/cli/ltsupport sla due --opened 2026-11-25T16:00:00-05:00 --tier enterprise --severity s3; \
	$(BUILDDIR)/src/cli/ltsupport change-notice check --notice 2026-11-25 --start 2026-11-30

# UI tests need a display and a session bus; the rest run inside the same
# wrapper harmlessly. The summary line is the one CI reads.
test: build
	dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
	  meson test -C $(BUILDDIR) --print-errorlogs $(MESON_TEST_ARGS); \
	status=$$?; \
	python3 .ci/summarize-tests $(BUILDDIR)/meson-logs/testlog.json; \
	exit $$status

clean:
	rm -rf $(BUILDDIR)

# VyomaOS: top-level build. Every target a person types is listed by
# `make help`. External inputs come from deps.lock through scripts/deps.sh,
# which writes build/deps.mk; heavy builds are cached in $(VYOMA_CACHE).
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
SHELL := /bin/bash

B     ?= build
REL   := $(B)/rel
MUSL  := $(B)/musl
ASAN  := $(B)/asan
FUZZB := $(B)/fuzz

# build/deps.mk is (re)made by scripts/deps.sh whenever the lock changes
# (`make deps` reruns it unconditionally).
.PRECIOUS: $(B)/deps.mk
$(B)/deps.mk: deps.lock scripts/musl-libs.sh
	@VYOMA_DEPS_MK=$@ bash scripts/deps.sh
# Every goal but help and clean needs it: a failed deps.sh stops make with
# its own message (not make's "No rule to make target").
ifneq ($(filter-out help clean distclean,$(or $(MAKECMDGOALS),all)),)
include $(B)/deps.mk
endif

CC      := gcc
CLANG   := clang-19
WCC     := clang-19
WLD     := wasm-ld-19

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
# libdrm's headers include <drm.h> from their own directory.
DRM_INC := -isystem /usr/include/libdrm
# Include paths follow the layers (docs/supervisor.md): a file sees the
# headers of its own layer and of the layers below, never of one above.
# lib/ < supervisor/core < supervisor/app < supervisor/svc < supervisor/start.
SUP_LAYERS := core app svc start
INC_lib    := -Ilib
INC_runner := -Ilib -Irunner
INC_core   := -Ilib -Isupervisor/core
INC_app    := $(INC_core) -Isupervisor/app
INC_svc    := $(INC_app) -Isupervisor/svc
INC_start  := $(INC_svc) -Isupervisor/start
# Tests, fuzzers and benchmarks stand outside the layers and may use any.
INC_all    := $(INC_start)
CFLAGS  := -std=c17 $(WARN) -D_GNU_SOURCE $(DRM_INC) -g \
           -ffile-prefix-map=$(CURDIR)/=
REL_CF  := $(CFLAGS) -O2 -fstack-protector-strong -D_FORTIFY_SOURCE=2
ASAN_CF := $(CFLAGS) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=undefined -DVYOMA_SANITIZE=1
ASAN_LD := -fsanitize=address,undefined

LIB_SRC  := $(sort $(wildcard lib/*.c))
$(foreach l,$(SUP_LAYERS),$(eval SRC_$(l) := $(sort $(filter-out supervisor/start/main.c,$(wildcard supervisor/$(l)/*.c)))))
SUP_SRC  := $(foreach l,$(SUP_LAYERS),$(SRC_$(l)))
RUN_SRC  := $(sort $(filter-out runner/main.c,$(wildcard runner/*.c)))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))

SYS_LIBS := -lseccomp -lpng -lz -ldrm -lsodium -lmd -lm

# The PID 1 binary (build/vyoma) is built against musl, at -Os with one
# section per function and the unused ones collected, and links the libraries
# scripts/musl-libs.sh builds for musl (MUSL_LIBS, from build/deps.mk): the
# image's supervisor is a third of the glibc one (docs/perf.md, sizes). The
# ASan build (tests) and the benchmarks stay on glibc. musl-gcc sees only
# musl's headers, the kernel's UAPI headers and MUSL_LIBS's include/.
MUSL_CC  := musl-gcc
MUSL_INC := -isystem $(MUSL_LIBS)/include/libdrm -isystem $(MUSL_LIBS)/include \
            -isystem $(MUSL_LIBS)/kinc
MUSL_CF  := -std=c17 $(WARN) -D_GNU_SOURCE $(MUSL_INC) -g -ffile-prefix-map=$(CURDIR)/= \
            -Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
            -fstack-protector-strong
# relay.ld puts the relay's code, ours and musl's, on two pages (docs/perf.md).
RELAY_LD := supervisor/start/relay.ld
MUSL_LD  := -static -Wl,--gc-sections -L$(MUSL_LIBS)/lib -Wl,-T,$(RELAY_LD)
# The objects and the link depend on the libraries' build (its directory is
# named by its cache key); a deleted cache is built again, never by hand.
MUSL_OK  := $(MUSL_LIBS)/.ok
$(MUSL_OK):
	@bash scripts/musl-libs.sh >/dev/null

# ---- object rules, one pattern per variant ---------------------------------
# INC is the include path of the file's layer (pattern-specific below).
INC = $(INC_all)
$(foreach v,$(REL) $(ASAN) $(MUSL),$(eval $(v)/lib/%.o: INC = $(INC_lib)))
$(foreach v,$(REL) $(ASAN),$(eval $(v)/runner/%.o: INC = $(INC_runner)))
$(foreach v,$(REL) $(ASAN) $(MUSL),$(foreach l,$(SUP_LAYERS),$(eval $(v)/supervisor/$(l)/%.o: INC = $(INC_$(l)))))
$(REL)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(REL_CF) $(INC) -MMD -MP -c $< -o $@
$(ASAN)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CF) $(INC) -MMD -MP -c $< -o $@
$(MUSL)/%.o: %.c $(MUSL_OK)
	@mkdir -p $(@D)
	$(MUSL_CC) $(MUSL_CF) $(INC) -MMD -MP -c $< -o $@

# libvyoma.a is lib/ alone (the runner links only that). libvcore.a and
# libvapp.a are layers, so that the app layer's unit tests link with it and
# what is below and nothing else. The supervisor, the other tests and the
# benchmarks link libvsup.a: lib/ and every layer, members in file-name
# order as before the layers: the drawing loops are sensitive to where the
# linker places them (make bench: the same objects in layer order made
# fill_rect commands 0.95 us instead of 0.60).
REL_LIB  := $(REL)/libvyoma.a
ASAN_LIB := $(ASAN)/libvyoma.a
$(REL_LIB): $(patsubst %.c,$(REL)/%.o,$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
$(ASAN_LIB): $(patsubst %.c,$(ASAN)/%.o,$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
SUP_BY_NAME := $(foreach n,$(sort $(notdir $(SUP_SRC))),$(filter %/$(n),$(SUP_SRC)))
$(foreach v,$(REL) $(ASAN),$(foreach l,core app,$(eval $(v)/libv$(l).a: $(patsubst %.c,$(v)/%.o,$(SRC_$(l))))))
$(foreach v,$(REL) $(ASAN) $(MUSL),$(eval $(v)/libvsup.a: $(patsubst %.c,$(v)/%.o,$(LIB_SRC) $(SUP_BY_NAME))))
$(REL)/libv%.a:
	@rm -f $@; ar rcs $@ $^
$(MUSL)/libv%.a:
	@rm -f $@; ar rcs $@ $^
$(ASAN)/libv%.a:
	@rm -f $@; ar rcs $@ $^
REL_LIBS  := $(REL)/libvsup.a
ASAN_LIBS := $(ASAN)/libvsup.a

-include $(shell find $(B) -type f -name '*.d' 2>/dev/null)

# ---- supervisor --------------------------------------------------------------
# The PID 1 binary is static: the initramfs has no dynamic loader for it.
# musl (MUSL_CF above); the hosted tests run it too, beside the ASan one.
SUPERVISOR      := $(B)/vyoma
SUPERVISOR_ASAN := $(ASAN)/vyoma
$(SUPERVISOR): $(MUSL)/supervisor/start/main.o $(MUSL)/libvsup.a $(MUSL_OK) $(RELAY_LD)
	$(MUSL_CC) $(MUSL_LD) -Wl,-Map=$@.map -o $@ $(filter %.o %.a,$^) $(SYS_LIBS)
	@strip -o $@.stripped $@ && printf 'supervisor: %s bytes stripped, static\n' $$(stat -c %s $@.stripped)
$(SUPERVISOR_ASAN): $(ASAN)/supervisor/start/main.o $(ASAN_LIBS)
	$(CC) $(ASAN_LD) -o $@ $^ $(SYS_LIBS)

.PHONY: supervisor
supervisor: $(SUPERVISOR) $(SUPERVISOR_ASAN)
# make bench's baseline for the sizes: the same code linked as before the
# musl build (glibc, -O2, Debian's libraries), never shipped.
$(B)/bench-sizes/vyoma-glibc: $(REL)/supervisor/start/main.o $(REL_LIBS)
	@mkdir -p $(@D)
	$(CC) -static -Wl,-Map=$@.map -o $@ $^ $(SYS_LIBS)
	@strip -o $@.stripped $@

# ---- runner ----------------------------------------------------------------
# Static, like PID 1: Wasmtime's C API is linked in from the static library
# scripts/wasmtime.sh builds (docs/runner.md), so the image holds no shared
# library and no dynamic loader. WASMTIME_BUILD (the build's cache key) is
# in the names of precompiled components beside the version.
RUNNER := $(B)/vyoma-run
WASMTIME_LIB := $(WASMTIME_DIR)/lib/libwasmtime.a
RUN_CF := -isystem $(WASMTIME_DIR)/include \
          -DVYOMA_WASMTIME_VERSION='"$(WASMTIME_VERSION)-$(WASMTIME_BUILD)"'
$(REL)/runner/%.o: runner/%.c $(B)/deps.mk
	@mkdir -p $(@D)
	$(CC) $(REL_CF) $(INC_runner) $(RUN_CF) -MMD -MP -c $< -o $@
$(RUNNER): $(REL)/runner/main.o $(patsubst %.c,$(REL)/%.o,$(RUN_SRC)) $(REL_LIB) $(WASMTIME_LIB)
	$(CC) -static -o $@ $(filter %.o %.a,$^) -Wl,--gc-sections \
	  -lseccomp -lmd -lm -lpthread -ldl -lrt -lutil
	@strip -o $@.stripped $@ && printf 'runner: %s bytes stripped, static\n' $$(stat -c %s $@.stripped)

.PHONY: runner
runner: $(RUNNER)

# ---- viewer: an SDL2 window onto a hosted supervisor's --fb-file -----------
# Hosted only, its own dynamic binary: SDL never reaches the static PID 1.
VIEWER := $(B)/vyoma-view
SDL_CF := $(patsubst -I%,-isystem %,$(shell sdl2-config --cflags 2>/dev/null))
$(VIEWER): viewer/main.c supervisor/svc/fb.h supervisor/svc/canvas.h
	@mkdir -p $(@D)
	$(CC) $(REL_CF) -Isupervisor/svc $(SDL_CF) -o $@ $< $(shell sdl2-config --libs 2>/dev/null)

.PHONY: viewer
viewer: $(VIEWER)

# ---- apps (C -> wasm32 -> WASI 0.2 component) -------------------------------
include mk/apps.mk

# ---- the app developer's loop: make dev APP=name (scripts/dev.sh) ----------
.PHONY: dev
dev: $(SUPERVISOR) $(RUNNER) viewer
	@bash scripts/dev.sh "$(APP)"

# ---- kernel, image, QEMU -------------------------------------------------------
.PHONY: kernel rootfs run
kernel: $(B)/deps.mk
	@bash scripts/kernel.sh
rootfs: supervisor runner apps kernel packages
	@bash scripts/rootfs.sh
run: rootfs
	@bash scripts/qemu.sh
# docs/screenshot.png from a real (headless) boot of the default desktop.
.PHONY: screenshot
screenshot: rootfs
	@python3 scripts/screenshot.py

# ---- packages: signed bundles and their index (docs/packages.md) -------------
PKG_KEY ?= $(VYOMA_CACHE)/keys/dev
PKG_SEQ ?= 1
.PHONY: packages
packages: $(SUPERVISOR) app-wasms
	@bash scripts/packages.sh $(SUPERVISOR) $(B)/packages $(PKG_KEY) $(PKG_SEQ) $(APP_NAMES)

# ---- tests -----------------------------------------------------------------
UNIT_BINS := $(patsubst tests/unit/%.c,$(ASAN)/tests/%,$(UNIT_SRC))
# Tests of the app layer link with it and what is below, nothing else.
$(ASAN)/tests/test_app%: $(ASAN)/tests/unit/test_app%.o $(ASAN)/libvapp.a $(ASAN)/libvcore.a $(ASAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ASAN_LD) -o $@ $^ -lcmocka $(SYS_LIBS)
$(ASAN)/tests/%: $(ASAN)/tests/unit/%.o $(ASAN_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_LD) -o $@ $^ -lcmocka $(SYS_LIBS)

.PHONY: unit test test-unit test-integration test-qemu test-deps test-conformance
unit: $(UNIT_BINS)
test-unit: unit
	@bash scripts/test.sh unit $(UNIT_BINS)
test-integration: supervisor runner apps viewer
	@bash scripts/test.sh integration
test-qemu: rootfs
	@bash scripts/test.sh qemu
test-deps: $(B)/deps.mk
	@bash scripts/test.sh deps
# The command apps against busybox/coreutils (tests/conformance).
test-conformance: runner apps
	@bash scripts/test.sh conformance
# The builds use every core (JOBS); the suites run one at a time.
JOBS ?= $(shell nproc)
test: $(B)/deps.mk
	@bash scripts/step.sh "build supervisor, runner, viewer, unit tests, fuzzers" \
	  $(MAKE) --no-print-directory -j$(JOBS) supervisor runner viewer unit $(FUZZ_BINS)
	@bash scripts/step.sh "build apps" $(MAKE) --no-print-directory -j$(JOBS) apps
	@bash scripts/step.sh "build kernel" $(MAKE) --no-print-directory kernel
	@bash scripts/step.sh "build image" $(MAKE) --no-print-directory -j$(JOBS) rootfs
	@bash scripts/test.sh all $(UNIT_BINS)
# The layer rule (docs/supervisor.md): the include and call graphs of
# supervisor/, checked and printed (make test runs it too).
.PHONY: layers
layers: $(SUPERVISOR)
	@python3 scripts/layers.py --objs $(MUSL)/supervisor

# ---- fuzzing (libFuzzer from Debian's clang) ----------------------------------------
FUZZ_SECS ?= 30
FUZZ_CF := -std=c17 -D_GNU_SOURCE $(INC_all) $(DRM_INC) -g -O1 \
           -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_BINS := $(patsubst fuzz/%.c,$(FUZZB)/%,$(FUZZ_SRC))
$(FUZZB)/%: fuzz/%.c $(LIB_SRC) $(SUP_SRC) $(SDK_SRC)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CF) -o $@ $< $(LIB_SRC) $(SUP_SRC) $(SYS_LIBS)
# fuzz_httpd includes httpd's parser, which is an app's, not the SDK's.
$(FUZZB)/fuzz_httpd: apps/httpd/http.c apps/httpd/http.h
# fuzz_tar includes tar's header code (apps/tar/th.c), an app's too.
$(FUZZB)/fuzz_tar: apps/tar/th.c apps/tar/th.h
# fuzz_calc includes the calculator's arithmetic (apps/calc/calc.c).
$(FUZZB)/fuzz_calc: apps/calc/calc.c apps/calc/calc.h
# fuzz_json includes json's parser and printer (an app's too, which finds
# the SDK's headers as apps do).
$(FUZZB)/fuzz_json: apps/json/jv.c apps/json/json.h
$(FUZZB)/fuzz_json: FUZZ_CF += -Isdk
# fuzz_cmd_<app> includes a command's main.c and the SDK files it links,
# built natively over fuzz/cmdhost.h (a command's host from one input): the
# SDK's wit-bindgen header, and fuzz/cmdhost.ld to gather their static data.
# Nothing of lib/ or supervisor/ (whose app.h is not the SDK's).
$(FUZZB)/fuzz_cmd_%: fuzz/fuzz_cmd_%.c fuzz/fuzz.h fuzz/cmdhost.h fuzz/cmdhost.ld $(WIT_GEN)/.stamp $(SDK_SRC) $(wildcard apps/*/*.c)
	@mkdir -p $(@D)
	$(CLANG) -std=c17 -D_GNU_SOURCE -Isdk -I$(WIT_GEN) -g -O1 -Wno-unknown-attributes \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Wl,-T,fuzz/cmdhost.ld -o $@ $<
# fuzz_cmd_base64 and fuzz_cmd_base32 share their checks (one codec).
$(FUZZB)/fuzz_cmd_base64 $(FUZZB)/fuzz_cmd_base32: fuzz/cmdbase.h
.PHONY: fuzz
fuzz: $(FUZZ_BINS)
	@bash scripts/fuzz.sh $(FUZZ_SECS) $(FUZZ_BINS)

# ---- benchmarks ----------------------------------------------------------------
BENCH_BINS := $(patsubst bench/%.c,$(B)/bench/%,$(sort $(wildcard bench/*.c)))
$(B)/bench/%: bench/%.c $(REL_LIBS)
	@mkdir -p $(@D)
	$(CC) $(REL_CF) $(INC_all) -o $@ $< $(REL_LIBS) $(SYS_LIBS)
# The relay floor (epoll against io_uring, no supervisor code): liburing-dev.
$(B)/bench/relay_floor: bench/relay_floor.c
	@mkdir -p $(@D)
	$(CC) $(REL_CF) -o $@ $< -luring
.PHONY: bench
bench: supervisor runner apps $(BENCH_BINS) $(B)/bench-sizes/vyoma-glibc
	@bash scripts/bench.sh

# ---- housekeeping --------------------------------------------------------------
.PHONY: all deps clean distclean help
all: supervisor runner apps viewer
deps:
	@VYOMA_DEPS_MK=$(B)/deps.mk bash scripts/deps.sh
clean:
	rm -rf $(B)
help:
	@echo 'make run        build whatever is missing and boot VyomaOS in QEMU'
	@echo 'make test       build and run every test (unit, integration, QEMU smoke)'
	@echo 'make bench      benchmarks, with baselines measured in the same run'
	@echo 'make deps       install and verify the pinned inputs of deps.lock'
	@echo 'make packages   signed bundles of every app and their index in build/packages/'
	@echo 'make supervisor | runner | apps | viewer | kernel | rootfs | fuzz | clean'
	@echo 'make new-app NAME=foo   scaffold apps/foo'
	@echo 'make dev APP=foo        run foo hosted, rebuild and restart it on every change'

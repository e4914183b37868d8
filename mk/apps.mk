# apps.mk: C apps -> wasm32 core modules -> WASI 0.2 components.
#
# Bindings for the SDK's world (sdk/wit/world.wit, over the pinned WASI 0.2
# WIT) come from wit-bindgen; clang-19 compiles against a wasm32-wasi
# sysroot that holds nothing of the host; wasm-ld links without crt1 (the
# entry point is the wasi:cli/run export, not _start, so no preview1
# import is ever pulled in); wasm-tools turns the core module into a
# component. Each app's output has a .sha256 stamp beside it, and make
# rebuilds only the apps whose inputs changed.
#
# Core-level names: scripts/app-slim.py renames, after the strip step, the
# core module's imports and the core instances that satisfy them to "0",
# "1", ...: private to the component, they were spelled as the WIT names
# twice over (600-1,800 bytes of an app). The component's own imports and
# exports, which the runtime and the audit match, are untouched; the main
# module's imports then come from one core instance, not one per interface
# (scripts/app-slim.py merge_args), and the imported functions that need
# only the memory are lowered before the main instance, with no stand-in
# (scripts/compmem.py: the shim module defines the memory, the main module
# imports it), and so are those that need cabi_realloc when there are two
# or more, their allocator a trampoline in the shim through a table slot
# the fixup module fills with the main instance's cabi_realloc. Then
# scripts/comppack.py encodes the wrapper more tightly (aliases, lowerings
# and core instances grouped into fewer sections, no default canonical
# options, the `run` export as one instance instead of a nested component,
# and scripts/comptypes.py: one alias per imported resource type):
# the same indices, types and WIT. --check: the result must validate and
# have the input's WIT (`wasm-tools component wit`), or the build fails.
#
# Unused type names: scripts/comptrim.py then drops, from the instance
# types of the component's imports, each `(export "error" (type (eq N)))`
# whose N is an outer alias (a type of another interface: the WIT's `use`
# lines) and which the component never aliases by name; uses of it name
# the alias instead and the instance's type indices are renumbered (30-325
# bytes an app). A type the interface defines itself stays. Only those
# instance types change; --check: the result must validate, keep every
# other section byte for byte and the same imports and exports, and have
# the input's WIT but for `use` lines, or the build fails.
#
# Plain type aliases: scripts/compinline.py then drops, from the same
# instance types, each `(export "filesize" (type (eq N)))` whose N the
# instance defines as a primitive, tuple, list, option, result, own or
# borrow (WIT's `type filesize = u64;`) and which the component never
# aliases by name; its uses name N (10-80 bytes an app). Wasmtime does
# not match an instance's value-type exports. --check: the result must
# validate, keep every other section byte for byte and the same imports
# and exports, and have the input's WIT with those aliases inlined.
#
# Parameter names: scripts/compparams.py then renames the parameters of
# the imported functions' types a, b, c, ... (a method's first, `self`,
# stays: the validator wants it): Wasmtime matches an import by the
# parameters' types, not their names (60-130 bytes an app). --check: the
# result must validate, keep every other section byte for byte and the
# same imports and exports, and have the input's WIT and text but for
# those parameter names, or the build fails.
#
# Fewer sections: scripts/comporder.py then declares the types, imports
# and aliases at the front of the component in rounds (every type whose
# aliases are declared, then the imports, in order, whose types are, then
# their aliases) instead of one section each, and renumbers the types
# (20-45 bytes an app). --check: the result must validate, import and
# export the same names in order, have the same WIT, and the same
# declarations and text with every type named by what it is (the aliased
# export for a resource), or the build fails.
#
# Capability marks: scripts/app-marks.py appends, after the strip step, a
# "vyoma-marks" section naming the protocol features the linked SDK code
# uses (draw, clip, mouse, shell); the audit refuses a component whose
# marks exceed its vyoma.toml (docs/audit.md, "SDK marks").
#
# Size (the spec's apps are 1-10 KB; docs/sdk.md): the SDK and the apps are
# compiled to LLVM bitcode (-flto), so the link optimises an app and the
# SDK parts it uses as one program (inlining across files, dropping what is
# unused). binaryen's wasm-opt -Oz then shrinks the linked core module
# before it is wrapped. Its features are given, not detected: exactly those
# clang-19 emits for wasm32-wasi (mutable-globals, sign-ext, multivalue,
# reference-types) and the bulk memory of sdk/mem.c, so its output depends
# on nothing but its input and the pinned version.

WASM_B  := $(B)/wasm
APP_B   := $(B)/apps
WIT_B   := $(WASM_B)/wit
WIT_GEN := $(WASM_B)/gen
SDK_A   := $(WASM_B)/libvyoma_sdk.a

# Wasm features beyond clang-19's defaults, all of WebAssembly 2.0 (Wasmtime
# has them on): bulk memory (memcpy and memset as one instruction) and
# saturating float-to-int conversions (one instruction, not a range check
# around a trapping one).
WFEAT   := -mbulk-memory -mnontrapping-fptoint
# -Wformat-nonliteral: every format is a string literal, which the choice
# of formatter below relies on (an app that builds formats at run time
# says VY_RUNTIME_FORMAT, sdk/vyoma.h).
WCFLAGS := --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -std=c17 -Oz -flto $(WFEAT) $(WARN) -Wformat-nonliteral \
           -ffile-prefix-map=$(CURDIR)/= -fno-ident -ffunction-sections -fdata-sections \
           -Isdk -I$(WIT_GEN)
# wit-bindgen's output is not ours to warn about. Its helpers that free a
# result the host placed (app_list_u8_free, ...) call sdk_res_free, not
# free, and its weak cabi_realloc (sdk/alloc.c's replaces it) no realloc:
# so the bindings alone never pull the heap in (sdk/alloc.c, sdk/heap.c).
# sdk_res_realloc is defined nowhere on purpose: were the bindings' weak
# cabi_realloc ever linked in place of sdk/alloc.c's, the link would fail.
WGENFLAGS := --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -std=c17 -Oz -flto $(WFEAT) -w \
           -ffile-prefix-map=$(CURDIR)/= -fno-ident -ffunction-sections -fdata-sections \
           -Dfree=sdk_res_free -Drealloc=sdk_res_realloc
WLDFLAGS := --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -nostartfiles \
           -Wl,--no-entry -Wl,--gc-sections -Wl,--strip-all -Wl,-z,stack-size=65536
STRIP_FLAGS := --all

# make apps DEBUG=1: function names kept (the linker's, wasm-opt's and the
# strip step's name sections), so a trap's backtrace names the function
# (app.c's main, not "<wasm function 6>"); no size guard, since names cost
# bytes. $(WASM_B)/.debug records the choice, so switching rebuilds.
DEBUG ?= 0
comma := ,
ifeq ($(DEBUG),1)
WLDFLAGS := $(subst -Wl$(comma)--strip-all,-Wl$(comma)--strip-debug,$(WLDFLAGS))
STRIP_FLAGS :=
endif

# --low-memory-unused: wasm-ld places data at 1024 and the stack above it,
# so addresses below 1024 are never used and wasm-opt may fold constant
# offsets into loads and stores. --converge: repeat -Oz while it still
# shrinks (a few dozen bytes per app).
WASM_OPT  := wasm-opt
WOPTFLAGS := -Oz --converge --low-memory-unused $(if $(filter 1,$(DEBUG)),-g) \
           --mvp-features --enable-mutable-globals --enable-sign-ext --enable-bulk-memory \
           --enable-multivalue --enable-reference-types --enable-nontrapping-float-to-int

$(WIT_GEN)/.stamp: sdk/wit/world.wit $(B)/deps.mk
	@rm -rf $(WIT_B) $(WIT_GEN) && mkdir -p $(WIT_B) $(WIT_GEN)
	@cp sdk/wit/world.wit $(WIT_B)/ && cp -r $(WASI_WIT_DIR) $(WIT_B)/deps
	$(WIT_BINDGEN) c $(WIT_B) --world app --out-dir $(WIT_GEN) >/dev/null
	@touch $@

SDK_SRC := $(sort $(wildcard sdk/*.c))
SDK_OBJ := $(patsubst sdk/%.c,$(WASM_B)/sdk/%.o,$(SDK_SRC))
$(WASM_B)/sdk/%.o: sdk/%.c $(WIT_GEN)/.stamp mk/apps.mk
	@mkdir -p $(@D)
	$(WCC) $(WCFLAGS) -MMD -MP -c $< -o $@
# calloc without -flto: sdk/calloc.c says why.
$(WASM_B)/sdk/calloc.o: sdk/calloc.c $(WIT_GEN)/.stamp mk/apps.mk
	@mkdir -p $(@D)
	$(WCC) $(filter-out -flto,$(WCFLAGS)) -MMD -MP -c $< -o $@
$(WASM_B)/gen/app.o: $(WIT_GEN)/.stamp mk/apps.mk
	$(WCC) $(WGENFLAGS) -c $(WIT_GEN)/app.c -o $@
# The bindings, the entry point and the allocator are linked as objects (not
# archive members) so their exports are always present; the rest of the SDK
# is an archive, so an app links only the parts it calls.
SDK_CORE := $(WASM_B)/gen/app.o $(WASM_B)/sdk/run.o $(WASM_B)/sdk/alloc.o
# The narrow formatter (sdk/fmtn.c): an object of its own, not an archive
# member, since it defines vy_vsnprintf as sdk/fmt.c does. Every app is
# linked with it first, before the archive, so the archive's full one is
# not pulled in; scripts/fmt-narrow.py then reads the linked module's data
# (every format is a literal there) and, if any '%' starts a conversion
# the narrow one does not know (a width, a precision, hex, %f, ...), the
# app is linked again without it. Either way the app prints the same; the
# narrow one is about 600 bytes smaller. $(WASM_B)/app/<app>/fmt says which
# one the app got.
SDK_FMTN := $(WASM_B)/sdk/fmtn.o
$(SDK_A): $(filter-out $(SDK_CORE) $(SDK_FMTN),$(SDK_OBJ))
	@rm -f $@ && llvm-ar-19 rcsD $@ $^

# The size guard (spec: apps are 1-10 KB): the build of an app of apps/ fails
# when its component is over APP_SIZE_MAX bytes (10 KB), or over its own
# APP_SIZE_MAX_<app> below, or over the figure its header gives with a
# reason ("Size: up to N KB, because ..."). The apps of APP_SIZE_IO_APPS
# alone would get APP_SIZE_IO more for each of wasi:filesystem and
# wasi:sockets they import (the allowance of when those interfaces cost
# 7 KB); the list is empty since issue 15: the display apps still over
# 10 KB have their own limits below, at their size plus about 2%
# (rounded up to 128 bytes), so none can grow back unnoticed. An app
# under 10 KB loses its line and is held to APP_SIZE_MAX (hexview did);
# a header's "Size: up to" line on an app under 10 KB fails its build.
# scripts/app-size.sh checks. Test apps (tests/apps) are exempt.
APP_SIZE_MAX := 10240
APP_SIZE_IO  := 7168
APP_SIZE_IO_APPS :=
# Per-app limits, each with its reason.
# Display apps with files or sockets (docs/perf.md, "Apps' sizes"): the
# filesystem interface is about 3 KB of component types, wiring and SDK
# code (the descriptor resource, the 37-name error-code enum and its
# names for vy_err_str), sockets about 5 KB (five interfaces). Sizes
# after session 6 (SDK, UI and network cuts merged): fetch 14,266, files
# 13,563, httpd 18,356, notes 12,226, todo 12,993 (paint came under
# 10 KB and lost its line). Session 7's network cuts: fetch 13,749, httpd
# 16,814; its ui branch (no formatter, sdk/fs.c and sdk/draw.c cuts):
# files 11,826, notes 10,692, todo 11,615; its notes branch (notes' small
# statics low, cursor line counted in the draw's walk, the text's '\0' as
# a bound): notes 10,341; session 8's ui and core branches (draw, mouse and
# list cuts; the allocator's lowerings made directly, scripts/compmem.py)
# each brought notes under 10 KB, and it lost its line; all of session 8
# merged (with scripts/comptrim.py): fetch 11,843, files 11,121, httpd
# 14,466, todo 11,175; session 9's imports' parameter names
# (scripts/compparams.py), the front in fewer sections
# (scripts/comporder.py), the plain type aliases inlined
# (scripts/compinline.py) and the host's results stacked with no heap
# unless the app's code calls it (sdk/alloc.c, sdk/heap.c): fetch 11,570,
# files 10,877, httpd 14,129, todo 10,940. Each limit is the size plus 2%,
# rounded up to 128 bytes.
APP_SIZE_MAX_fetch := 11904
APP_SIZE_MAX_files := 11136
APP_SIZE_MAX_httpd := 14464
APP_SIZE_MAX_todo := 11264
# gzip: the SDK's own deflate and inflate (sdk/deflate.c, sdk/inflate.c,
# not zlib since session 7) cost about 4.4 KB and 1.6 KB of component,
# and writing FILE.gz and removing the operand (the descriptor write and
# unlink imports, vy_cmd_gz_file) about 1.2 KB, on a base that reads
# files and parses options: 14,540 bytes; session 8 (the codec's small
# statics in the SDK's low segment, a smaller Huffman build and code-length
# coding, the options and the inflate's state static): 13,923; with the
# other branches merged: 13,537; session 9 (the wrapper steps and the
# results' stack): 13,404. gunzip (9,385) and zcat (8,393) are under 10 KB
# since their messages are
# joined strings, no formatter. The limit is the size plus 2%, rounded up
# to 128.
APP_SIZE_MAX_gzip := 13696


# app_template NAME SRCDIR CHECK_SIZE (empty: a test app, not checked)
define app_template
$(1)_SRC := $$(sort $$(wildcard $(2)/*.c))
$(1)_OBJ := $$(patsubst $(2)/%.c,$(WASM_B)/app/$(1)/%.o,$$($(1)_SRC))
$(WASM_B)/app/$(1)/%.o: $(2)/%.c $(WIT_GEN)/.stamp mk/apps.mk $(APP_LIBS_$(1))
	@mkdir -p $$(@D)
	$(WCC) $(WCFLAGS) $(APP_CFLAGS_$(1)) -MMD -MP -c $$< -o $$@
$(APP_B)/$(1)/$(1).wasm: $$($(1)_OBJ) $(SDK_CORE) $(SDK_FMTN) $(SDK_A) $(APP_LIBS_$(1)) $(2)/vyoma.toml mk/apps.mk scripts/app-marks.py scripts/app-slim.py scripts/compmem.py scripts/comppack.py scripts/comptypes.py scripts/fmt-narrow.py scripts/wasmleb.py $(WASM_B)/.debug
	@mkdir -p $$(@D) $(WASM_B)/app/$(1)
	$(WCC) $(WLDFLAGS) -o $(WASM_B)/app/$(1)/core.wasm $$($(1)_OBJ) $(SDK_CORE) $(SDK_FMTN) $(SDK_A) $(APP_LIBS_$(1)) \
	  $(WIT_GEN)/app_component_type.o
	@if python3 scripts/fmt-narrow.py $(WASM_B)/app/$(1)/core.wasm 2>/dev/null; then echo narrow; else \
	  $(WCC) $(WLDFLAGS) -o $(WASM_B)/app/$(1)/core.wasm $$($(1)_OBJ) $(SDK_CORE) $(SDK_A) $(APP_LIBS_$(1)) \
	    $(WIT_GEN)/app_component_type.o && echo full; fi > $(WASM_B)/app/$(1)/fmt
	$(WASM_OPT) $(WOPTFLAGS) $(WASM_B)/app/$(1)/core.wasm -o $(WASM_B)/app/$(1)/opt.wasm
	$(WASM_TOOLS) component new $(WASM_B)/app/$(1)/opt.wasm -o $(WASM_B)/app/$(1)/full.wasm
	$(WASM_TOOLS) strip $(STRIP_FLAGS) $(WASM_B)/app/$(1)/full.wasm -o $(WASM_B)/app/$(1)/strip.wasm
	python3 scripts/app-slim.py --check $(WASM_TOOLS) $(WASM_B)/app/$(1)/strip.wasm $$@
	python3 scripts/comptrim.py --check $(WASM_TOOLS) $$@ $$@
	python3 scripts/compinline.py --check $(WASM_TOOLS) $$@ $$@
	python3 scripts/compparams.py --check $(WASM_TOOLS) $$@ $$@
	python3 scripts/comporder.py --check $(WASM_TOOLS) $$@ $$@
	@python3 scripts/app-marks.py $(WASM_B)/app/$(1)/opt.wasm $$@
	$(if $(3),$(if $(filter 1,$(DEBUG)),,@APP_SIZE_MAX=$(or $(APP_SIZE_MAX_$(1)),$(APP_SIZE_MAX)) APP_SIZE_BASE=$(APP_SIZE_MAX) APP_SIZE_IO=$(APP_SIZE_IO) APP_SIZE_IO_APPS="$(APP_SIZE_IO_APPS)" bash scripts/app-size.sh $(1) $$@))
	@cp $(2)/vyoma.toml $(APP_B)/$(1)/vyoma.toml
	@sha256sum $$@ | cut -d' ' -f1 > $$@.sha256
APP_WASMS += $(APP_B)/$(1)/$(1).wasm
endef

APP_NAMES  := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard apps/*/vyoma.toml)))))
TAPP_NAMES := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard tests/apps/*/vyoma.toml)))))
$(foreach a,$(APP_NAMES),$(eval $(call app_template,$(a),apps/$(a),yes)))
$(foreach a,$(TAPP_NAMES),$(eval $(call app_template,$(a),tests/apps/$(a))))

$(APP_WASMS): scripts/comptrim.py scripts/compinline.py scripts/compparams.py scripts/comporder.py scripts/compstep.py

# Rewritten only when DEBUG changes: the apps' rebuild trigger.
$(WASM_B)/.debug: FORCE
	@mkdir -p $(@D); [ "$$(cat $@ 2>/dev/null)" = "$(DEBUG)" ] || echo "$(DEBUG)" > $@
.PHONY: FORCE
FORCE:

.PHONY: apps app-wasms
app-wasms: $(APP_WASMS)
apps: $(APP_WASMS) $(RUNNER)
	@APP_SIZE_MAX=$(APP_SIZE_MAX) APP_SIZE_IO_APPS="$(APP_SIZE_IO_APPS)" bash scripts/apps-table.sh $(APP_NAMES) $(TAPP_NAMES)

.PHONY: new-app
new-app:
	@bash scripts/new-app.sh "$(NAME)"

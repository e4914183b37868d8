# zlib.mk: Debian's zlib (deps.lock, scripts/deps.sh zlib_src) built for
# wasm32 by scripts/zlib.sh into the cache, keyed by its version and the
# hash of the compiler flags and the script, and linked only into the apps
# that name it: APP_LIBS_<app> / APP_CFLAGS_<app> (mk/apps.mk). Compiled
# as the apps are (-Oz, LTO bitcode), so the link keeps only the zlib code
# an app calls (gunzip and zcat: inflate only).
# Size over speed, as the apps: no braided CRC (-DZ_TESTW= leaves W
# undefined: a byte at a time, no 8 KB of tables and their unrolled code),
# and the CRC and fixed-Huffman tables computed at the first use
# (DYNAMIC_CRC_TABLE, BUILDFIXED) rather than stored in the component.
ZLIB_FLAGS := $(WGENFLAGS) -DZ_TESTW= -DDYNAMIC_CRC_TABLE -DBUILDFIXED
ZLIB_KEY   := $(ZLIB_VERSION)-$(shell printf '%s\n' '$(ZLIB_FLAGS)' | cat - scripts/zlib.sh | sha256sum | cut -c1-12)
ZLIB_DIR   := $(VYOMA_CACHE)/zlib-wasm32/$(ZLIB_KEY)
ZLIB_A     := $(ZLIB_DIR)/libz.a

$(ZLIB_A): $(ZLIB_TARBALL) scripts/zlib.sh
	bash scripts/zlib.sh $(ZLIB_TARBALL) $(ZLIB_DIR) llvm-ar-19 $(WCC) $(ZLIB_FLAGS)

ZLIB_APPS := gzip gunzip zcat
$(foreach a,$(ZLIB_APPS),$(eval APP_LIBS_$(a) := $(ZLIB_A)))
$(foreach a,$(ZLIB_APPS),$(eval APP_CFLAGS_$(a) := -isystem $(ZLIB_DIR)/include))

# The SDK's gzip code (sdk/cmdgz.c) includes zlib.h: an archive member, so
# only the apps that call it link it (and zlib).
$(WASM_B)/sdk/cmdgz.o: WCFLAGS += -isystem $(ZLIB_DIR)/include
$(WASM_B)/sdk/cmdgz.o: $(ZLIB_A)

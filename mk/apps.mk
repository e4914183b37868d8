# apps: filled in by the app toolchain
.PHONY: apps
apps:

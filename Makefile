# Front door for a fresh Debian 12 machine. The real build lives in CMake (see CMakePresets.json).
BUILD_DIR ?= build
JOBS ?= 2

.PHONY: deps build test demo bench clean

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset dev -B $(BUILD_DIR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

demo: build
	./scripts/demo.sh $(BUILD_DIR)

# Times ims import of 100,000 evidence rows against sqlite3 .import (docs/performance.md).
bench: build
	./bench/import_bench.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

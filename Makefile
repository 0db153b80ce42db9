# Front door for a fresh Debian 12 machine. The real build lives in CMake (see CMakePresets.json).
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
JOBS ?= 2
# How long each fuzz target runs: briefly in `make test`, longer in `make fuzz`.
FUZZ_TEST_SECONDS ?= 10
FUZZ_SECONDS ?= 300

.PHONY: deps build asan-build fuzz-build test fuzz demo bench docs schema clean

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset dev -B $(BUILD_DIR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer (preset asan).
asan-build: deps
	cmake --preset asan -B $(ASAN_DIR)
	cmake --build $(ASAN_DIR) -j $(JOBS)

# The libFuzzer targets (clang with ASan and UBSan, tests/fuzz/) in their own build directory.
fuzz-build: deps
	cmake --preset fuzz -B $(FUZZ_DIR)
	cmake --build $(FUZZ_DIR) --target ims_fuzzers -j $(JOBS)

# The whole suite, the whole suite under ASan/UBSan, then each fuzz target's regression inputs
# and a short fuzzing run.
test: build asan-build fuzz-build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) ctest --test-dir $(FUZZ_DIR) --output-on-failure -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS; the corpus grows in $(FUZZ_DIR)/fuzz/corpus between runs.
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --test-dir $(FUZZ_DIR) --output-on-failure -j $(JOBS)

demo: build
	./scripts/demo.sh $(BUILD_DIR)

# Rewrites the usage lines and option tables of docs/cli.md from the command descriptions in
# apps/ims/*_command.cpp, and the table of checks in docs/checks.md from the check definitions
# (the tests that otherwise fail when they differ write them instead).
docs: build
	IMS_UPDATE_DOCS=1 $(BUILD_DIR)/bin/ims_cli_tests --gtest_filter=CliDocs.UsageAndOptionTablesAreGeneratedFromTheDescriptions
	IMS_UPDATE_DOCS=1 $(BUILD_DIR)/bin/ims_unit_tests --gtest_filter=ChecksDoc.TableOfEveryShippedCheckIsGeneratedFromTheDefinitions

# After a change to the data model (core/src/model/entities.cpp): writes the next store migration
# (core/src/store/migrations/NNNN.sql), the generated tables of docs/data-model.md and the import
# JSON Schema. Commit what it writes; a test fails until it has run (docs/store.md).
schema:
	cmake --preset dev -B $(BUILD_DIR)
	cmake --build $(BUILD_DIR) --target ims_schemagen -j $(JOBS)
	$(BUILD_DIR)/bin/ims_schemagen $(CURDIR)

# Times every store command at 1/4x, 1x and 4x of a synthetic store against the sqlite3 shell
# doing the same work (docs/performance.md); BENCH_RUNS=3 takes the median of three runs.
bench: build
	./bench/scale_bench.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)

# LayerSlim's two entry points on a fresh Debian 12 machine:
#   make run   installs what is missing, builds, stages the demo layer and opens LayerSlim on it
#   make test  installs what is missing, builds and runs every test (ctest's summary at the end)
BUILD ?= build
DEMO  ?= $(BUILD)/fixtures/demo
JOBS  ?= $(shell nproc)

.PHONY: deps configure build run test bench bench-detail clean

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@scripts/stage-demo-layer.sh $(DEMO)
	@if [ -x $(BUILD)/app/gui/layerslim ]; then LAYERSLIM_DEMO_LAYER=$(abspath $(DEMO))/python $(BUILD)/app/gui/layerslim $(DEMO)/python; \
	else $(BUILD)/app/cli/layerslim-cli scan $(DEMO)/python --rules tests,bytecode,dist-info,pyproject,datasets; fi

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# One table: LayerSlim beside du, ncdu, gdu, zip and 7zz on the demo layer, a
# generated 200,000-file tree and this machine's dist-packages.
bench: build
	@scripts/install-deps.sh --bench
	@scripts/stage-demo-layer.sh $(DEMO)
	@cmake --build $(BUILD) --target benchmarks
	@$(BUILD)/tests/bench/bench_table $(DEMO)/python

# The detailed benchmarks: scan and rule toggles, export phases, treemap.
bench-detail: build
	@scripts/stage-demo-layer.sh $(DEMO)
	@cmake --build $(BUILD) --target benchmarks
	@for b in scan export treemap window; do [ -x $(BUILD)/tests/bench/bench_$$b ] && $(BUILD)/tests/bench/bench_$$b $(DEMO)/python; done

clean:
	rm -rf $(BUILD)

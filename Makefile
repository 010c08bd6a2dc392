# LayerSlim's two entry points on a fresh Debian 12 machine:
#   make run   installs what is missing, builds, stages the demo layer and opens LayerSlim on it
#   make test  installs what is missing, builds and runs every test (ctest's summary at the end)
BUILD ?= build
DEMO  ?= $(BUILD)/fixtures/demo
JOBS  ?= $(shell nproc)

.PHONY: deps configure build run test bench clean

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

bench: build
	@scripts/stage-demo-layer.sh $(DEMO)
	@cmake --build $(BUILD) --target benchmarks
	@for b in $(BUILD)/tests/bench/bench_*; do [ -x "$$b" ] && "$$b" $(DEMO)/python; done

clean:
	rm -rf $(BUILD)

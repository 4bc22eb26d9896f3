# hlbot — build, test and run. Works on a machine with only node + npm: a pinned Bun is
# installed from the npm registry into .tools/ when `bun` is not already on PATH.
BUN_VERSION := 1.4.5
TOOLS := $(CURDIR)/.tools
SYSTEM_BUN := $(shell command -v bun 2>/dev/null)
ifeq ($(SYSTEM_BUN),)
BUN := $(TOOLS)/node_modules/.bin/bun
else
BUN := $(SYSTEM_BUN)
endif
export PATH := $(TOOLS)/node_modules/.bin:$(CURDIR)/node_modules/.bin:$(PATH)
VERSION := $(shell node -p "require('./package.json').version")
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
TEST_TIMEOUT ?= 120000
# `make run` starts the demo (docs/demo.md); `make run ARGS="trade --live"` runs anything else.
ARGS ?= demo

.PHONY: all setup test typecheck unit build run bench lint format clean

all: build

$(TOOLS)/node_modules/.bin/bun:
	@echo "bun not found on PATH: installing bun@$(BUN_VERSION) from the npm registry into .tools/"
	npm install --no-save --no-audit --no-fund --prefix $(TOOLS) bun@$(BUN_VERSION)

node_modules/.installed: package.json bun.lock | $(BUN)
	$(BUN) install --frozen-lockfile
	@touch $@

setup: node_modules/.installed

typecheck: setup
	$(BUN) x tsc --noEmit -p .

unit: setup
	mkdir -p reports
	@sh scripts/ensure-chromium.sh
	@sh scripts/ensure-tmux.sh
	$(BUN) test --timeout=$(TEST_TIMEOUT) --reporter=junit --reporter-outfile=reports/junit.xml $(TESTS) || (node scripts/test-summary.mjs reports/junit.xml; exit 1)
	@node scripts/test-summary.mjs reports/junit.xml

test: typecheck build unit

# The demo's sample (demo/sample/*.csv.gz) is embedded through the imports in src/demo/sample-files.ts.
build: setup
	mkdir -p dist
	$(BUN) build src/main.ts src/cli/cli-main.ts src/sim/job-worker.ts src/market/parse-worker.ts --compile --minify --sourcemap --bytecode --format=esm \
	  --no-compile-autoload-dotenv --no-compile-autoload-bunfig \
	  --define HLBOT_VERSION='"$(VERSION)"' --define HLBOT_COMMIT='"$(COMMIT)"' \
	  --outfile dist/hlbot

run: build
	./dist/hlbot $(ARGS)

bench: setup build
	$(BUN) run bench/index.ts

lint: setup
	$(BUN) x biome check .

format: setup
	$(BUN) x biome check --write .

clean:
	rm -rf dist reports node_modules .tools

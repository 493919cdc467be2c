# LeakLens — the two commands that matter: `make demo` (build everything and serve the checker
# page) and `make test` (every test). Both install what is missing first (scripts/setup.sh).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8080
WASM_ENV := . .tools/wasm-env.sh
# The WASM packages' output folders, from wasm-pack.toml (their build settings live there only)
CORE := $(shell python3 tools/wasm_pack_settings.py core out_dir)
CORE_WWW := $(shell python3 tools/wasm_pack_settings.py core-www out_dir)

.PHONY: demo setup core core-www extension www test lint test-rust test-wasm test-js test-e2e lint-firefox serve bench fuzz clean setup-python python test-python spark bench-smoke

demo: extension www
	@echo
	@echo "LeakLens is built."
	@echo "  Chrome/Chromium: open chrome://extensions, turn on Developer mode, 'Load unpacked': $(CURDIR)/dist/chrome"
	@echo "  Firefox: open about:debugging#/runtime/this-firefox, 'Load Temporary Add-on': $(CURDIR)/dist/firefox/manifest.json"
	@echo "  Zips: dist/leaklens-chrome.zip dist/leaklens-firefox.zip"
	@$(MAKE) --no-print-directory serve

setup:
	@scripts/setup.sh

# The WASM core and its JS glue, optimized by wasm-opt, as wasm-pack.toml sets them: the
# extension's (core), and the checker page's (core-www: the same core with the page's UI).
core: setup
	@$(WASM_ENV); scripts/build-core.sh core

core-www: setup
	@$(WASM_ENV); scripts/build-core.sh core-www

extension: core
	@node tools/build-extension.mjs $(CORE) dist
	@cd dist/chrome && rm -f ../leaklens-chrome.zip && python3 -m zipfile -c ../leaklens-chrome.zip ./*
	@cd dist/firefox && rm -f ../leaklens-firefox.zip && python3 -m zipfile -c ../leaklens-firefox.zip ./*
	@echo "extension: dist/chrome dist/firefox dist/leaklens-chrome.zip dist/leaklens-firefox.zip"

www: core-www
	@rm -rf dist/www && mkdir -p dist/www/core
	@cp -r www/. dist/www/ && cp $(CORE_WWW)/leaklens.js $(CORE_WWW)/leaklens_bg.wasm dist/www/core/
	@cp extension/content/card.css dist/www/card.css
	@cp extension/shared/report.js dist/www/report.js
	@echo "checker page: dist/www"

serve:
	@echo "Serving dist/www on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist/www

test: setup lint test-rust test-python test-wasm extension www test-js lint-firefox test-e2e bench-smoke
	@echo "make test: all passed"

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	@if grep -q "route: rustup" .tools/wasm-env.sh; then \
	  echo "cargo clippy --target wasm32-unknown-unknown --lib --tests --all-features -- -D warnings"; \
	  $(WASM_ENV); cargo clippy --target wasm32-unknown-unknown --lib --tests --all-features -- -D warnings; \
	else echo "lint: wasm32 clippy needs rustup's wasm32 target; on the Debian rustc-web route only native clippy runs"; fi

test-rust:
	cargo test

# The same core tests compiled to wasm32, in Node and in headless Chromium.
test-wasm: setup
	$(WASM_ENV); cargo test --target wasm32-unknown-unknown --test wasm
	$(WASM_ENV); WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test wasm

test-js: core
	node --test tests/js/

lint-firefox: extension
	npx web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors

# End-to-end: every test in Chromium (Playwright); the extension's tests again in Firefox ESR
# (puppeteer-core over WebDriver BiDi); and a narrow-screen Firefox run at 390 px (Firefox for
# Android's width) of the extension's tests but the long timeline.
E2E_EXTENSION := $(filter-out tests/e2e/checker.test.mjs,$(wildcard tests/e2e/*.test.mjs))
test-e2e: extension www
	node --test --test-concurrency=1 tests/e2e/
	LEAKLENS_BROWSER=firefox node --test --test-concurrency=1 $(E2E_EXTENSION)
	LEAKLENS_BROWSER=firefox LEAKLENS_VIEWPORT=390x844 node --test --test-concurrency=1 $(filter-out tests/e2e/timeline.test.mjs,$(E2E_EXTENSION))

# The Python package (python/, PyO3 + maturin) built as a wheel into build/wheels and installed
# into .venv/; its tests and the Spark job's (local mode) against the CLI.
PY := .venv/bin/python
setup-python:
	@scripts/setup-python.sh

python: setup-python
	@rm -f build/wheels/leaklens-*.whl
	cd python && ../.venv/bin/maturin build --release --quiet -o ../build/wheels
	$(PY) -m pip install --quiet --force-reinstall --no-deps build/wheels/leaklens-*.whl

test-python: python
	cargo fmt --check --manifest-path python/Cargo.toml
	cargo clippy --quiet --manifest-path python/Cargo.toml -- -D warnings
	cargo build --quiet
	LEAKLENS_CLI=target/debug/leaklens $(PY) -m pytest -q python/tests spark/tests

# The Spark job in local mode: make spark IN=posts.jsonl OUT=dir [MASTER=local[2]]
MASTER ?= local[*]
spark: python
	@test -n "$(IN)" -a -n "$(OUT)" || { echo "usage: make spark IN=posts.jsonl OUT=dir"; exit 2; }
	$(PY) spark/leaklens_job.py "$(IN)" "$(OUT)" --master "$(MASTER)"

# Benchmarks (not tests), side by side in one run: native, batch CLI, WASM under Node, the
# same algorithm in plain JS, start-up, sizes, the extension in Chromium, linear time. Writes bench/REPORT.md.
bench: extension www python
	node bench/report.mjs
	node bench/checker.mjs

# The same bench scripts on a small corpus, one run each, no targets enforced (part of make
# test, so that make bench keeps working from a fresh clone).
bench-smoke: extension www
	node bench/report.mjs --smoke
	node bench/checker.mjs --smoke

# Fuzzing (cargo fuzz, libFuzzer): each target for FUZZ_SECONDS (default 600). The seed corpora
# are in fuzz/corpus/; what a run adds goes to fuzz/corpus-run/ (not committed).
FUZZ_SECONDS ?= 600
fuzz: setup
	command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz
	for t in check knowledge vocabulary; do mkdir -p fuzz/corpus-run/$$t; \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $$t corpus-run/$$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS)) || exit 1; done

clean:
	rm -rf target build dist tests/artifacts

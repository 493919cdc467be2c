# LeakLens — the two commands that matter: `make demo` (build everything and serve the checker
# page) and `make test` (every test). Both install what is missing first (scripts/setup.sh).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8080
WASM_ENV := . .tools/wasm-env.sh
CORE := build/core

.PHONY: demo setup core extension www test lint test-rust test-wasm test-js test-e2e lint-firefox serve bench clean

demo: extension www
	@echo
	@echo "LeakLens is built."
	@echo "  Chrome/Chromium: open chrome://extensions, turn on Developer mode, 'Load unpacked': $(CURDIR)/dist/chrome"
	@echo "  Firefox: open about:debugging#/runtime/this-firefox, 'Load Temporary Add-on': $(CURDIR)/dist/firefox/manifest.json"
	@echo "  Zips: dist/leaklens-chrome.zip dist/leaklens-firefox.zip"
	@$(MAKE) --no-print-directory serve

setup:
	@scripts/setup.sh

# The WASM core and its JS glue (wasm-bindgen --target web), optimized by wasm-opt.
core: setup
	@$(WASM_ENV); scripts/build-core.sh $(CORE)

extension: core
	@node tools/build-extension.mjs $(CORE) dist
	@cd dist/chrome && rm -f ../leaklens-chrome.zip && python3 -m zipfile -c ../leaklens-chrome.zip ./*
	@cd dist/firefox && rm -f ../leaklens-firefox.zip && python3 -m zipfile -c ../leaklens-firefox.zip ./*
	@echo "extension: dist/chrome dist/firefox dist/leaklens-chrome.zip dist/leaklens-firefox.zip"

www: core
	@rm -rf dist/www && mkdir -p dist/www/core
	@cp -r www/. dist/www/ && cp $(CORE)/leaklens.js $(CORE)/leaklens_bg.wasm dist/www/core/
	@cp extension/content/card.css dist/www/card.css
	@echo "checker page: dist/www"

serve:
	@echo "Serving dist/www on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist/www

test: setup lint test-rust test-wasm extension www test-js lint-firefox test-e2e
	@echo "make test: all passed"

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	$(WASM_ENV); cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings

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

test-e2e: extension www
	node --test --test-concurrency=1 tests/e2e/

# Benchmarks (not tests): the detector natively (criterion), and the extension in Chromium.
bench: extension www
	cargo bench --bench check
	node bench/extension.mjs
	node bench/checker.mjs

clean:
	rm -rf target build dist tests/artifacts

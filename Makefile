# The two commands the README opens with: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install report lab test bench render-sample print-sample clean

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

# The tests, and the notebooks under nbval: cells marked NBVAL_CHECK_OUTPUT must print what is committed.
test: $(STAMP)
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
	rm -rf $(VENV) data/processed/*.pkl

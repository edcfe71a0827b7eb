# The two commands the README opens with: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install report test bench render-sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,render]"
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/juesuan facts xinzhou-hrss-2022 --format csv -o reports/xinzhou-hrss-2022-facts.csv
	@echo "The notebooks and HTML reports are not built yet (issue 4); the bundled sample's facts are in reports/xinzhou-hrss-2022-facts.csv."

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_time.py

render-sample: $(STAMP)
	$(BIN)/python scripts/render_sample.py

clean:
	rm -rf $(VENV) data/processed/*.pkl

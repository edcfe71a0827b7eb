# The two commands the README opens with: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install report lab test bench render-sample print-sample clean poppler browser screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,render,notebooks,dask]"
	touch $(STAMP)

# JupyterLab is big: installed only for `make lab`.
$(VENV)/.lab: $(STAMP)
	$(BIN)/pip install --quiet -e ".[lab]"
	touch $(VENV)/.lab

install: $(STAMP)

# Every notebook on the bundled sample → reports/xinzhou-hrss-2022/*.html and reports/index.html.
report: $(STAMP)
	$(BIN)/juesuan report xinzhou-hrss-2022 --jobs 2 -o reports

# JupyterLab on notebooks/, listening on LAB_IP:LAB_PORT (127.0.0.1:8888, or the next free port); it prints the
# URL with its token (http://127.0.0.1:8888/lab?token=…). Root (containers, CI) needs --allow-root.
LAB_PORT ?= 8888
LAB_IP ?= 127.0.0.1
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(VENV)/.lab
	$(BIN)/jupyter lab notebooks/ --ip $(LAB_IP) --port $(LAB_PORT) --no-browser $(LAB_ROOT)

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

# Speed, each figure beside its baseline measured in the same run: the parse (both PDF readers, a bare
# pdfplumber pass, 400 pages against 16 × 25), then the reports (start-up, one document, 50 documents
# with --jobs 1, --jobs 2 and a Dask LocalCluster). About half an hour on 2 cores; not part of `make test`.
bench: $(STAMP)
	$(BIN)/python benchmarks/parse_time.py
	$(BIN)/python benchmarks/report_time.py

render-sample: $(STAMP)
	$(BIN)/python scripts/render_sample.py
	$(BIN)/python scripts/render_workbook.py

# Optional: needs Chromium and Noto CJK (Debian: apt-get install chromium fonts-noto-cjk).
print-sample: $(STAMP)
	$(BIN)/python scripts/print_sample_chromium.py

# Chromium and Noto CJK for screenshots: installed where they are missing and we are root with apt.
browser:
	-@(command -v chromium >/dev/null && fc-list 2>/dev/null | grep -q "Noto Sans CJK") || \
	 (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1 || \
	   (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1)))

# The report pages as PNGs, 1280 and 390 px wide: reports/screenshots/<doc>/<page>-<width>.png.
# The sample, and two Shanghai 决算 and a budget of ../shared where it is there. Not part of `make test`.
SHARED_RAW := ../shared/corpus/raw
SHOT_DOCS := $(SHARED_RAW)/shanghai-putuo_caizhengju_2024_juesuan.pdf \
	$(SHARED_RAW)/shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf \
	$(SHARED_RAW)/shanghai-putuo_wanli-jiedao_2025_yusuan-dept.pdf
screenshots: $(STAMP) browser
	$(BIN)/juesuan report xinzhou-hrss-2022 --jobs 2 -o reports
	@if [ -d $(SHARED_RAW) ]; then $(BIN)/juesuan report $(SHOT_DOCS) --jobs 2 -o reports; \
	 else echo "screenshots: $(SHARED_RAW) not found, so only the sample (the Shanghai documents are in ../shared)"; fi
	$(BIN)/python scripts/screenshots.py reports

clean:
	rm -rf $(VENV) data/processed/*.json data/processed/*.pkl

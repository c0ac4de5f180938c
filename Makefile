# Two entry points (see README): `make site` builds the book, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: setup site site-strict serve test test-unit test-notebooks test-site chromium lint \
	clean bench bench-site golden translations test-release release mutation

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check .

# The site: a clean build that executes every notebook (never a stale output) -> _build/html,
# and the Korean edition from the same outputs -> _build/html/ko.
site: setup
	$(PY) tools/build_site.py

# After editing English text: re-extract the messages, update locale/ko/LC_MESSAGES/*.po
# (changed messages become fuzzy) and regenerate the Korean notebooks (locale/ko/book/).
translations: setup
	$(PY) tools/i18n.py update

# The same build with Sphinx warnings treated as errors (what the tests use).
site-strict: setup
	$(PY) tools/build_site.py --strict

serve:
	$(PY) -m http.server --directory _build/html --bind 127.0.0.1 8000

# Debian's Chromium drives the browser tests (Playwright cannot download its own here);
# fonts-noto-cjk lets the Korean pages show Hangul in screenshots instead of empty boxes.
chromium:
	@missing=""; [ -x $(CHROMIUM) ] || missing="chromium"; \
	if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  missing="$$missing fonts-noto-cjk"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif [ ! -x $(CHROMIUM) ]; then \
	    echo "error: $(CHROMIUM) is missing. Install it with 'sudo apt-get install chromium':" \
	         "the browser tests drive Debian's Chromium through Playwright." >&2; \
	    exit 1; \
	  else \
	    echo "note: fonts-noto-cjk is missing; Korean screenshots will show boxes" \
	         "('sudo apt-get install fonts-noto-cjk')." >&2; \
	  fi; \
	fi

# Unit tests and the doctests of every lib/softmax_lab module.
test-unit: setup
	$(PY) -m pytest -m "not browser and not site and not release" tests lib/softmax_lab

# The wheel: builds, passes twine check, and runs a chapter in a fresh venv (offline).
test-release: setup
	$(PY) -m pytest -m release tests

# Every chapter notebook in a live kernel: 120 s per cell, 300 s per notebook.
test-notebooks: setup
	$(PY) -m pytest --nbmake --nbmake-timeout=120 --timeout=300 book

# A clean, strict build, then the site read as files and driven in Chromium.
test-site: setup chromium site-strict
	SL_SITE_DIR=_build/html $(PY) -m pytest -m "site or browser" tests

test: setup chromium lint test-unit test-release test-notebooks test-site

# Build and check the sdist and wheel, smoke-test the wheel, and tag v<version> (tools/release.py).
release: setup
	$(PY) tools/release.py

# Mutation testing of the math and the trainers (slow; not part of `make test`).
mutation: setup
	$(PY) benchmarks/mutation.py

bench: setup
	$(PY) benchmarks/bench_ops.py
	$(PY) benchmarks/bench_train.py
	$(PY) benchmarks/bench_explorer.py

# First visit to each chapter on a slow phone (needs a built site: `make site`).
bench-site: setup chromium
	$(PY) benchmarks/bench_site.py

# Regenerate the JS golden vectors after a change to the library's math.
golden: setup
	$(PY) tools/make_golden.py

clean:
	rm -rf _build

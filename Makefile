# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv run test lint typecheck bench clean adb screenshots

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: venv
	$(PY) main.py $(ARGS)

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: venv
	$(PY) -m mypy

test: venv lint typecheck
	$(PY) -m pytest -q

bench: venv
	$(PY) -m bench.run_all
	$(PY) -m bench.exports
	$(PY) -m bench.device
	$(PY) -m bench.startup

screenshots: venv
	$(PY) scripts/screenshots.py

# For checking a real phone during development: Debian's adb (tests use a fake one).
adb:
	command -v adb >/dev/null || { apt-get update && apt-get install -y adb; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench/.data

# Kenesh: two commands do all the set-up.
#   make run   install, migrate, load the demo school, serve on http://127.0.0.1:8000
#   make test  install the test tools, lint, check, and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Development settings for `make run`: DEBUG on, SQLite under var/ unless DATABASE_URL is set.
RUN_ENV := DEBUG=1

.PHONY: run test install install-dev check-weasyprint migrate demo lint messages compilemessages clean bench load

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

check-weasyprint: install
	@$(PY) -c "import weasyprint" 2>/dev/null || { \
	  echo "WeasyPrint cannot load its system libraries (Pango, HarfBuzz)."; \
	  echo "Install them with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; \
	  exit 1; }

migrate: install
	@mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(RUN_ENV) $(PY) manage.py seed_demo

run: check-weasyprint demo
	@echo "Serving Kenesh on http://$(HOST):$(PORT)/"
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install-dev lint
	$(PY) manage.py check --settings=config.test_settings
	$(PY) manage.py makemigrations --check --dry-run --settings=config.test_settings
	$(PY) scripts/check_catalogs.py
	$(VENV)/bin/pytest

# Translators: extract new strings into every .po file, then compile.
messages: install-dev
	$(RUN_ENV) $(PY) scripts/messages.py extract

compilemessages: install-dev
	$(RUN_ENV) $(PY) scripts/messages.py compile

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Speed: see README "Speed". Both need PostgreSQL on 127.0.0.1:5432 (user postgres, trust)
# and create their own databases kenesh_bench_school and kenesh_bench_district.
#   make bench  seed a heavy school and a district, time pages, PDFs and throughput
#               (about 10 minutes); writes bench/results.md
#   make load   50 users for 60 s on gunicorn with a PostgreSQL restart in the middle, then
#               200 protocol PDFs in one worker (about 4 minutes); writes bench/load-results.md
#               (needs `make bench` first: it runs on the heavy school's database)
bench: install-dev
	timeout 1200 $(PY) -m bench.run

load: install-dev
	timeout 420 $(PY) -m bench.load

# 学而: the README's two commands.
#   make run   set up .venv, migrate the local SQLite database, load the demo, serve on 127.0.0.1:8000
#              (with a background worker for reading uploads and generating items)
#   make test  set up .venv with the test tools and run the whole suite (browser tests included)
#   make lint  ruff's lint and format checks, with the configuration in pyproject.toml
#   make serve the production-like server for a reverse proxy: DEBUG off, migrations, static files
#              collected and served by whitenoise, uvicorn (ASGI) with the background worker beside
#              it; needs SECRET_KEY and ALLOWED_HOSTS (see the README's Production section)

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint bench clean-venv messages

run: $(VENV)/.installed-run
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "学而 is at http://$(HOST):$(PORT)/  (demo accounts: teacher / xueer-teacher, learner / xueer-learner)"
	@# Reading uploaded files and generating items run in a background worker, as in production,
	@# so no request waits for them; the worker stops with the server. The server is uvicorn, as
	@# in production (the live quiz's event streams need ASGI), reloading when the code changes.
	TASKS_BACKEND=database $(PY) manage.py db_worker --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	TASKS_BACKEND=database $(PY) -m uvicorn studyapp.asgi:application --host $(HOST) --port $(PORT) \
		--reload --reload-dir corpus --reload-dir quizzes --reload-dir studyapp \
		--timeout-graceful-shutdown 1 --lifespan off

serve: $(VENV)/.installed-run
	@# scripts/serve checks the variables, migrates, collects static files, then runs uvicorn
	@# and `manage.py db_worker` together and stops both when either stops (or on Ctrl-C).
	HOST=$(HOST) PORT=$(PORT) PYTHON_BIN=$(PY) exec scripts/serve

test: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(VENV)/.installed-test
	$(PY) -m tests.bench.bench_parse
	$(PY) -m tests.bench.bench_pdf
	$(PY) -m tests.bench.bench_generate
	$(PY) -m tests.bench.bench_answer
	$(PY) -m tests.bench.bench_dashboards
	$(PY) -m tests.bench.bench_live

# A venv made by an old Python (or a half-made one) is replaced, not patched.
$(VENV)/.python:
	@python=$$(scripts/find-python) || exit 1; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Replacing $(VENV): it was made with an older Python."; rm -rf $(VENV); fi; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi; \
	$(PY) -m pip install --quiet --upgrade pip && touch $@

$(VENV)/.installed-run: pyproject.toml $(VENV)/.python
	$(PY) -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.python
	$(PY) -m pip install --quiet ".[test]"
	@touch $@ $(VENV)/.installed-run

# axe-core and the Nu HTML checker (vnu-jar) for the browser tests, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The browser tests need Node.js and npm (for axe-core and vnu-jar)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

messages: $(VENV)/.installed-run
	$(PY) manage.py makemessages --locale zh_Hans --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "tests/*"
	$(PY) manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

clean-venv:
	rm -rf $(VENV) node_modules

# One entry point. A fresh machine needs only python3 (3.11) and make.
#   make test    install from the lock file into .venv, then run the test suite
#   make serve   install, then serve the site on http://127.0.0.1:8000/
PYTHON ?= python3
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# (drift: the newest TensorFlow/Keras/tf-keras releases against the goldens)
.PHONY: install browser matrix drift preview release test family serve build bench lighthouse update-goldens lock clean differential fuzz scanners

install: $(STAMP)

# The browser tests drive Debian's chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Re-installs only when the lock file (or the project metadata) changed. tensorflow-cpu is
# reinstalled then: a `tensorflow` the lock no longer holds shares its files, and removing it
# would take them away (uv removes before it installs).
# --compile-bytecode: .pyc files written once here, so no run compiles TensorFlow's sources
# again (measured: `import keras` 4.4 s -> 1.9 s where PYTHONDONTWRITEBYTECODE is set).
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python --reinstall-package tensorflow-cpu requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# The other runtimes (runtimes/registry.toml), each from its lock in runtimes/locks/;
# rebuilt only when its lock changed.
matrix: install
	$(BIN)/python -m kb.tools.environments build

# Newest published TensorFlow, Keras, tf-keras (pins dropped) against the committed goldens;
# the previews (the next Keras: a nightly, not a release) on the newest nightly and TF pre-release.
drift: install
	$(BIN)/python -m kb.tools.environments drift

# The previews on their pinned nightly: goldens and results/<preview>.json recorded (what the
# site's "Coming in the next Keras" reads). RELOCK=1 first moves the pin to the newest nightly.
preview: install
	$(BIN)/python -m kb.tools.environments preview $(if $(RELOCK),--relock) --update-goldens

# The day of a release: make release FAMILY=keras3 VERSION=3.16.0 (registry, lock, build, run,
# goldens and results written, what changed printed)
release: install
	$(BIN)/python -m kb.tools.environments release '$(FAMILY)' '$(VERSION)'

# Two pytest workers on the 2 cores (pytest-xdist): one holds every snippet pair and the one
# scheduler, the other takes the browser and site tests meanwhile (kb/engine/plugin.py). WORKERS=0
# runs in one process.
RUNTIME ?= all
WORKERS ?= 2
test: install browser matrix
	$(BIN)/python -m pytest --runtime '$(RUNTIME)' -n $(WORKERS) --dist loadgroup

# One CI job's part of the axis: a family's runtimes (and the producers its snippets need),
# its results written to out/results/ for the last job to check together (kb.engine.results check).
FAMILY ?= keras3
family: install browser
	$(BIN)/python -m kb.tools.environments build $$($(BIN)/python -m kb.engine.snippets closure '$(FAMILY)')
	$(BIN)/python -m pytest tests/test_snippets.py --runtime '$(FAMILY)' --results-out out/results

update-goldens: install
	$(BIN)/python -m pytest tests/test_snippets.py --update-goldens

serve: install
	@echo "Serving the site at http://127.0.0.1:8000/"
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

bench: install
	$(BIN)/python -m kb.tools.bench

# keras-doctor against real Keras: seeded random models saved and loaded by several releases of
# each family (kb/tools/differential.py); prints files, claims checked, claims false (each named)
differential: install
	$(BIN)/python -m kb.tools.differential $(RUNTIME_ARGS)

# keras-doctor beside modelscan and ModelAudit (kb/tools/scanners.py): each scanner installed from
# its lock (runtimes/scanners/) into .runtimes/, the corpus made by real Keras, all three run on
# every file; writes results/scanners/ (what the site's side-by-side page shows)
scanners: install
	$(BIN)/python -m kb.tools.scanners run

# Lighthouse scores (mobile) of every built page, in Debian's chromium (CPU throttling calibrated to the host).
lighthouse: install browser
	$(BIN)/python -m kb.tools.lighthouse

# keras-doctor's fuzz target (doctor/fuzz.py): COUNT seeded mutations of its conformance corpus,
# each under a time and memory cap; crashes and hangs are listed and kept in out/fuzz/.
SEED  ?= 0
COUNT ?= 2000
fuzz: install
	$(BIN)/python doctor/fuzz.py --seed $(SEED) --count $(COUNT)

# Regenerate requirements.lock from pyproject.toml (maintainers only), with the registry's
# lock_drop for the default runtime (one TensorFlow: tf-keras's `tensorflow` left out).
lock:
	$(BIN)/python -m kb.tools.environments lock $$($(BIN)/python -c "from kb.engine.runtimes import DEFAULT; print(DEFAULT)")

clean:
	rm -rf $(VENV) site .kb-cache

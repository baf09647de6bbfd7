# SPDX-License-Identifier: GPL-3.0-or-later
# Every target does its own set-up on a fresh machine: `make test` and `make demo` need nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EDA_VENV := build/venv-eda
EDA_STAMP := $(EDA_VENV)/.installed
# The EDA integration test runs ansible-rulebook from here, and fails (not skips) under make when it is missing.
export SDX_EDA_VENV := $(CURDIR)/$(EDA_VENV)
# The oldest supported ansible-core (requirements-oldest.txt); the newest is .venv's.
OLDEST_VENV := build/venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed
OLDEST_PYTHON_VERSION := 3.11
export SDX_OLDEST_VENV := $(CURDIR)/$(OLDEST_VENV)
IMPORTER_VENV := build/venv-importer
IMPORTER_STAMP := $(IMPORTER_VENV)/.installed
export SDX_IMPORTER_VENV := $(CURDIR)/$(IMPORTER_VENV)
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

SIM_PORT ?= 8765
SIM_TOKEN ?= alto_sk_demo
SIM_SITES ?= 5
SIM_STATE ?=
# The realistic profile: SIM_PROFILE=realistic (every part), SIM_REALISTIC=part,part (some parts),
# SIM_RATE_LIMIT=N (requests per minute per token; 0 = none). See tests/simulator/README.md.
SIM_PROFILE ?=
SIM_REALISTIC ?=
SIM_RATE_LIMIT ?=
# SIM_EXPORT: one or more .rsc exports the first sites become.
SIM_EXPORT ?=
export SIM_PORT SIM_TOKEN SIM_SITES SIM_STATE SIM_EXPORT

.PHONY: help venv venv-eda test unit sanity lint integration molecule demo sim bench soak clean
.PHONY: venv-oldest matrix venv-importer integration-realistic

help:
	@echo "make demo   - start the SDX simulator, run playbooks/demo.yml against it, stop it"
	@echo "make integration-realistic - the modules' integration suites against the simulator's realistic profile"
	@echo "make test   - unit tests, ansible-test sanity, lint, integration tests and molecule against the simulator, matrix"
	@echo "make lint   - ansible-lint (production profile), antsibull-docs, antsibull-changelog lint, galaxy-importer"
	@echo "make molecule - the roles' molecule scenarios, each against a fresh simulator"
	@echo "make sim    - run the simulator in the foreground (SIM_PORT, SIM_TOKEN, SIM_SITES, SIM_STATE,"
	@echo "              SIM_PROFILE=realistic, SIM_REALISTIC=part,part, SIM_RATE_LIMIT=N, SIM_EXPORT=file.rsc)"
	@echo "make bench  - benchmarks, printed as ratios against baselines run side by side"
	@echo "make soak   - 1,000 job submissions under injected faults and simulator restarts, under each profile; prints summaries"
	@echo "make venv   - build .venv (Python >= 3.12) with the pinned tools"
	@echo "make venv-eda - build build/venv-eda with ansible-rulebook (requirements-eda.txt; needs Java 17+)"
	@echo "make matrix - ansible-test sanity on the oldest supported ansible-core, the smoke playbook on the oldest and newest"
	@echo "make venv-oldest - build build/venv-oldest with the oldest supported ansible-core (requirements-oldest.txt)"
	@echo "make venv-importer - build build/venv-importer with galaxy-importer (requirements-importer.txt)"

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt tools/find-python
	@python=$$(tools/find-python) || exit 1; \
	  echo "building $(VENV) with $$python"; \
	  rm -rf $(VENV) && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv-eda: $(EDA_STAMP)

# Its own venv, since ansible-rulebook pins its own dependencies; under build/, which git, sanity and the
# collection build leave out.
$(EDA_STAMP): requirements.txt requirements-eda.txt tools/find-python
	@python=$$(tools/find-python) || exit 1; \
	  echo "building $(EDA_VENV) with $$python"; \
	  rm -rf $(EDA_VENV) && "$$python" -m venv $(EDA_VENV)
	$(EDA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-eda.txt
	touch $@

test: venv unit sanity lint integration integration-realistic molecule matrix

unit: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/unit

sanity: venv
	tools/sanity

integration: venv venv-eda
	$(PY) -m pytest -q -p no:cacheprovider tests/integration --ignore=tests/integration/test_roles.py \
	  --ignore=tests/integration/test_matrix.py

# The modules' suites again, against the simulator's realistic profile (rate limit, Laravel error bodies,
# offline sites that hang or answer 504, lagging has_pulse, cancelled and platform jobs, job pages, late
# asynchronous jobs, the job wrapper, ...) with its clocks shortened, two test modules at a time.
REALISTIC_SUITES := job plan_promise command config offline facts job_info_and_backup site_info
integration-realistic: venv
	SDX_SIM_PROFILE=realistic SDX_SIM_RATE_LIMIT=600 \
	  SDX_SIM_REALISM=rate_window=10,checkin_seconds=0.5,offline_hang=5,async_delay=1,notify_backoff=0.2,platform_history=20 \
	  $(PY) -m pytest -q -p no:cacheprovider -n 2 --dist loadfile $(foreach s,$(REALISTIC_SUITES),tests/integration/test_$(s).py)

# ansible-lint runs with a throwaway HOME, so that no copy of the collection in ~/.ansible shadows this one.
lint: venv venv-importer
	@mkdir -p build/collections/ansible_collections/altostrat
	@ln -sfn $(CURDIR) build/collections/ansible_collections/altostrat/sdx
	home=$$(mktemp -d) && trap 'rm -rf "$$home"' EXIT && \
	  HOME=$$home ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/build/collections ansible-lint --offline
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/build/collections \
	  antsibull-docs lint-collection-docs --plugin-docs build/collections/ansible_collections/altostrat/sdx
	antsibull-changelog lint
	$(PY) tools/galaxy_import.py

venv-importer: $(IMPORTER_STAMP)

$(IMPORTER_STAMP): requirements-importer.txt tools/find-python
	@python=$$(tools/find-python) || exit 1; \
	  echo "building $(IMPORTER_VENV) with $$python"; \
	  rm -rf $(IMPORTER_VENV) && "$$python" -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-importer.txt
	touch $@

venv-oldest: $(OLDEST_STAMP)

# Python 3.11 is the oldest controller Python of ansible-core 2.19; under build/, like build/venv-eda.
$(OLDEST_STAMP): requirements.txt requirements-oldest.txt tools/find-python
	@python=$$(tools/find-python $(OLDEST_PYTHON_VERSION)) || exit 1; \
	  echo "building $(OLDEST_VENV) with $$python"; \
	  rm -rf $(OLDEST_VENV) && "$$python" -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-oldest.txt
	touch $@

# The newest ansible-core's sanity is `make sanity`; here the oldest's, on its own Python, then the smoke on both.
matrix: venv venv-oldest
	SANITY_VENV=$(OLDEST_VENV) tools/sanity --python $(OLDEST_PYTHON_VERSION)
	$(PY) -m pytest -q -p no:cacheprovider tests/integration/test_matrix.py

molecule: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/integration/test_roles.py

demo: venv
	$(PY) tools/demo.py

sim: venv
	$(PY) -m tests.simulator --port $(SIM_PORT) --token $(SIM_TOKEN) --sites $(SIM_SITES) $(if $(SIM_STATE),--state $(SIM_STATE)) \
		$(if $(SIM_PROFILE),--profile $(SIM_PROFILE)) $(if $(SIM_REALISTIC),--realistic $(SIM_REALISTIC)) \
		$(if $(SIM_RATE_LIMIT),--rate-limit $(SIM_RATE_LIMIT)) $(foreach f,$(SIM_EXPORT),--export $(f))

bench: venv
	$(PY) -m tests.bench

# Once against the documented behaviour, once against the realistic profile (its clocks shortened; more sites, since
# every altostrat_job run reads all of its site's job list, 15 jobs a page there).
soak: venv
	$(PY) -m tests.soak --submissions $(or $(SOAK_SUBMISSIONS),1000)
	$(PY) -m tests.soak --submissions $(or $(SOAK_SUBMISSIONS),1000) --profile realistic --hosts 8

clean:
	rm -rf $(VENV) $(EDA_VENV) build tests/output collections .pytest_cache

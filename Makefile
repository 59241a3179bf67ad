# The two commands of the README:
#   make run    install what is missing, train if the model is stale, start the assistant
#   make test   run every test
# Everything else here is a step of those two.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv runs from the project's Python (3.10, see .python-version); it is installed there if missing.
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/tpm.tar.gz
SPACY_PIPELINE := .spacy/en_tpm_lookup

# Defaults for endpoints.yml and the Procfile; any of them can be overridden from the environment.
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export TRACKER_DB ?= $(CURDIR)/.rasa/tracker.db
# Rasa and TensorFlow print a lot at start-up; keep the console to what matters.
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa reports usage and errors to its servers by default; this assistant sends nothing out.
export RASA_TELEMETRY_ENABLED ?= false

TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

.PHONY: help install train run shell test lint validate test-stories test-nlu test-pytest clean

help:
	@echo "make run    install, train if needed, and start the assistant (chat page, REST, socket.io)"
	@echo "make test   run every test (lint, data validation, rasa test, held-out NLU, pytest)"
	@echo "make shell  talk to the assistant in the terminal (with 'make run' going in another terminal)"

install: $(VENV)/.installed $(SPACY_PIPELINE)/meta.json

$(VENV)/.installed: pyproject.toml uv.lock .python-version
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==0.13.9"
	$(UV) sync --frozen
	@touch $@

$(SPACY_PIPELINE)/meta.json: scripts/build_spacy_pipeline.py $(VENV)/.installed
	$(BIN)/python scripts/build_spacy_pipeline.py $(SPACY_PIPELINE)

# Rasa's own fingerprinting also skips unchanged parts; make skips the whole step when the
# model is newer than everything it is trained from.
train: $(MODEL)

$(MODEL): $(TRAINING_FILES) $(SPACY_PIPELINE)/meta.json
	$(BIN)/rasa train --fixed-model-name tpm --out models

run: install train
	@mkdir -p $(dir $(TRACKER_DB))
	@echo "Starting the assistant:"
	@echo "  REST:      http://127.0.0.1:$(RASA_PORT)/webhooks/rest/webhook"
	@echo "  socket.io: http://127.0.0.1:$(RASA_PORT)/socket.io"
	@echo "  terminal:  make shell   (in another terminal)"
	$(BIN)/honcho start -f Procfile

shell: install train
	$(BIN)/rasa shell --model $(MODEL) --endpoints endpoints.yml

lint: install
	$(BIN)/ruff check actions channels serving tests scripts
	$(BIN)/ruff format --check actions channels serving tests scripts

validate: install
	$(BIN)/rasa data validate --fail-on-warnings

# `rasa test` exits 0 when stories fail, so the report is checked by our own script.
test-stories: train
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml --out results/core \
		--fail-on-prediction-errors

test-nlu: train
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/holdout.yml --out results/nlu
	$(BIN)/python scripts/check_nlu_report.py results/nlu/intent_report.json --min-accuracy 0.95

test-pytest: train
	$(BIN)/pytest

test: lint validate test-stories test-nlu test-pytest

clean:
	rm -rf results models .rasa

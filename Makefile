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
# Stamp of `npm ci` in web/: the chat widget (rasa-webchat) installed from web/package-lock.json.
WEBCHAT := web/node_modules/.installed

# Defaults for endpoints.yml and the Procfile; any of them can be overridden from the environment.
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export TRACKER_DB ?= $(CURDIR)/.rasa/tracker.db
# Rasa and TensorFlow print a lot at start-up; keep the console to what matters.
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa's HTTP API stays off unless a token is given; with RASA_AUTH_TOKEN it is on and needs it.
export RASA_API_ARGS := $(if $(RASA_AUTH_TOKEN),--enable-api --auth-token $(RASA_AUTH_TOKEN),)
# The listen queue of every server we start: the Rasa server (Rasa reads SANIC_BACKLOG), the action
# server (actions/__main__.py) and the chat page (web/server.py). Their defaults (100, 100 and 5)
# overflow when a burst of clients opens new connections at once, each then waiting 1-31 s for
# its retry; 1024 stays within the kernel's limit (net.core.somaxconn, 4096 here).
export SANIC_BACKLOG ?= 1024
# Rasa reports usage and errors to its servers by default; this assistant sends nothing out.
export RASA_TELEMETRY_ENABLED ?= false
# The chat page (web/server.py). The socket.io channel accepts this page's origin unless
# WEB_ALLOWED_ORIGINS says otherwise (channels/webchat.py).
export WEB_HOST ?= 127.0.0.1
export WEB_PORT ?= 8080
# Slack (docs/SLACK.md): on when both the bot token and the signing secret are set.
# credentials.yml reads them and Rasa refuses an unset variable, so they always get a
# value here; empty token and secret leave Slack off and everything else runs as before.
export SLACK_BOT_TOKEN ?=
export SLACK_SIGNING_SECRET ?=
# Slack's Web API; the tests point it at a fake Slack on loopback.
export SLACK_API_URL ?= https://www.slack.com/api/
# Redis for the record of answered Slack events (credentials.yml, dedup_redis_url). Empty: the
# Rasa server's memory, right for one server; Procfile.scaled points it at the lock store's Redis.
export SLACK_DEDUP_REDIS_URL ?=
# The path of channels/slack.py's webhook, for events and button clicks alike.
SLACK_WEBHOOK_PATH := /webhooks/slack/webhook

# The scaled-out setup (make run-scaled, endpoints.scaled.yml): PostgreSQL and Redis on this machine,
# nginx in front (deploy/nginx.conf): PROXY_PORT for REST, Slack, socket.io and the chat page,
# ACTION_PROXY_PORT for the action server, which the replicas reach through it.
export RASA_PORT_B ?= 5006
export PROXY_HOST ?= 127.0.0.1
export PROXY_PORT ?= 8000
export ACTION_PROXY_PORT ?= 5056
NGINX_PREFIX := $(CURDIR)/.rasa/nginx
export POSTGRES_HOST ?= 127.0.0.1
export POSTGRES_PORT ?= 5432
export POSTGRES_DB ?= tpm_assistant
export POSTGRES_USER ?= postgres
export POSTGRES_PASSWORD ?=
export POSTGRES_LOGIN_DB ?= postgres
export REDIS_HOST ?= 127.0.0.1
export REDIS_PORT ?= 6379
export REDIS_DB ?= 0

# NumPy's OpenBLAS (0.3.20) picks its matrix kernels by CPU model, and gives a virtual CPU it does
# not know ("Intel(R) Xeon(R) Processor") its slowest, pre-AVX ones. Where the CPU has AVX-512 or
# AVX2, the matching kernels are named here: the sentence encoder (components/) runs twice as fast,
# in training and in the Rasa server. Set OPENBLAS_CORETYPE yourself to choose others.
OPENBLAS_CORETYPE ?= $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo SkylakeX || \
	{ grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo Haswell; })
ifneq ($(OPENBLAS_CORETYPE),)
export OPENBLAS_CORETYPE
endif

TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

.PHONY: help install train run run-scaled nginx slack-status shell test lint validate sync sync-check test-stories test-nlu test-pytest test-unit test-server audit unanswered benchmark load soak accuracy capacity clean

help:
	@echo "make run    install, train if needed, and start the assistant (chat page, REST, socket.io)"
	@echo "make test   run every test (lint, data validation, rasa test, held-out NLU, pytest)"
	@echo "make shell  talk to the assistant in the terminal (with 'make run' going in another terminal)"
	@echo "make test-unit   the tests that start no server (under a minute)"
	@echo "make sync   write what Rasa needs for each topic from knowledge/roles.yml (README, How to add a topic)"
	@echo "make unanswered  what people asked that the assistant could not answer, most frequent first"
	@echo "make benchmark   our config against Rasa's default: speed, memory, accuracy (docs/BENCHMARKS.md)"
	@echo "make load        50 concurrent conversations of 20 messages against the real servers"
	@echo "make soak        20,000 messages and one 2,000-message conversation: memory, latency drift (docs/SOAK.md)"
	@echo "make accuracy    every evaluation set against the real servers (docs/ACCURACY.md)"
	@echo "make capacity    bursts of users on one and two replicas behind nginx (docs/CAPACITY.md)"
	@echo "make run-scaled  two Rasa replicas on PostgreSQL and Redis behind nginx (docs/DEPLOYMENT.md)"

install: $(VENV)/.installed $(VENV)/.compiled $(VENV)/.project-compiled $(WEBCHAT)

$(VENV)/.installed: pyproject.toml uv.lock .python-version
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==0.13.9"
	$(UV) sync --frozen
	@touch $@

# Python caches compiled modules (.pyc) only where it may write them; with PYTHONDONTWRITEBYTECODE
# set (as on this machine) every process compiled every module it imported, TensorFlow and Rasa
# included: half of the Rasa server's cold start. uv compiles them once, at install.
$(VENV)/.compiled: $(VENV)/.installed
	$(UV) sync --frozen --compile-bytecode
	@touch $@

# The same for this project's own modules, which uv does not compile: every Rasa server start
# compiled the 41 it imports from source (components, knowledge, serving; `python -v`), and the
# action server its own. Again whenever one of them changed.
PROJECT_PACKAGES := actions channels components knowledge serving
$(VENV)/.project-compiled: $(shell find $(PROJECT_PACKAGES) -name '*.py' 2>/dev/null) $(VENV)/.installed
	$(BIN)/python -m compileall -q $(PROJECT_PACKAGES)
	@touch $@

# Only when web/node_modules is missing or the lock file changed; npm ci starts from scratch.
$(WEBCHAT): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

# Rasa's own fingerprinting also skips unchanged parts; make skips the whole step when the
# model is newer than everything it is trained from.
train: $(MODEL)

# Rasa's cache knows a component by its configuration, not its code: when the code the model's
# components run changed (components/*.py and every project module they import, listed by
# scripts/model_inputs.py), everything is trained again (--force).
MODEL_CODE := $(shell $(PYTHON) scripts/model_inputs.py 2>/dev/null || echo $(wildcard components/*.py))
$(MODEL): $(TRAINING_FILES) $(MODEL_CODE) $(VENV)/.installed
	$(BIN)/rasa train --fixed-model-name tpm --out models $(if $(filter $(MODEL_CODE),$?),--force)

run: install train
	@mkdir -p $(dir $(TRACKER_DB))
	@echo "Starting the assistant:"
	@echo "  web chat:  http://$(WEB_HOST):$(WEB_PORT)/   (open this address in a browser)"
	@echo "  REST:      http://127.0.0.1:$(RASA_PORT)/webhooks/rest/webhook"
	@echo "  socket.io: http://127.0.0.1:$(RASA_PORT)/socket.io"
	@echo "  terminal:  make shell   (in another terminal)"
	@$(MAKE) --no-print-directory -s slack-status
	$(BIN)/honcho start -f Procfile

# Says whether Slack is on and where Slack must send its requests; refuses a half configuration
# (the Rasa server would refuse it too, after a slower start).
slack-status:
	@if [ -n "$$SLACK_BOT_TOKEN" ] && [ -n "$$SLACK_SIGNING_SECRET" ]; then \
		echo "  Slack:     on. Request URL: https://<your public address>$(SLACK_WEBHOOK_PATH)"; \
		echo "             (forward it to http://127.0.0.1:$(RASA_PORT)$(SLACK_WEBHOOK_PATH))"; \
	elif [ -n "$$SLACK_BOT_TOKEN$$SLACK_SIGNING_SECRET" ]; then \
		echo "Slack is half configured: set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither." >&2; \
		exit 1; \
	else \
		echo "  Slack:     off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on; docs/SLACK.md)"; \
	fi

# Two Rasa server replicas and the action server on PostgreSQL + Redis (endpoints.scaled.yml),
# behind nginx (deploy/nginx.conf, written for these ports into .rasa/nginx by
# scripts/nginx_conf.py). The replicas reach the action server through nginx, and the chat page
# tells the browser nginx's address, which the replicas accept as the page's origin.
run-scaled: install train nginx $(WEBCHAT)
	@$(PYTHON) scripts/nginx_conf.py $(NGINX_PREFIX) >/dev/null
	@echo "Starting two replicas on PostgreSQL $(POSTGRES_HOST):$(POSTGRES_PORT)/$(POSTGRES_DB) and Redis $(REDIS_HOST):$(REDIS_PORT), behind nginx:"
	@echo "  web chat:  http://$(PROXY_HOST):$(PROXY_PORT)/"
	@echo "  REST:      http://$(PROXY_HOST):$(PROXY_PORT)/webhooks/rest/webhook"
	@echo "  Slack:     http://$(PROXY_HOST):$(PROXY_PORT)$(SLACK_WEBHOOK_PATH)"
	@echo "  replicas:  http://127.0.0.1:$(RASA_PORT), http://127.0.0.1:$(RASA_PORT_B) (behind nginx)"
	ACTION_ENDPOINT_URL=http://127.0.0.1:$(ACTION_PROXY_PORT)/webhook \
	WEB_SOCKET_URL=http://$(PROXY_HOST):$(PROXY_PORT) \
	WEB_ALLOWED_ORIGINS="http://$(PROXY_HOST):$(PROXY_PORT) http://localhost:$(PROXY_PORT)" \
	NGINX_PREFIX=$(NGINX_PREFIX) $(BIN)/honcho start -f Procfile.scaled

# nginx from Debian, for the scaled-out setup and its tests; installed where missing.
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx)

# The terminal talks to the assistant `make run` started, over REST (`rasa shell` would start a
# second Rasa server on the port `make run` holds).
shell: install
	$(BIN)/python scripts/chat_shell.py

# What the assistant could not answer, grouped and counted, from the tracker store
# (docs/CONVERSATION.md, "Learning from unanswered questions"). Options go in UNANSWERED_ARGS, e.g.
# UNANSWERED_ARGS="--endpoints endpoints.scaled.yml --since 2024-05-01".
unanswered: install
	$(BIN)/python scripts/list_unanswered.py $(UNANSWERED_ARGS)

# Our config against Rasa's default config, each trained from scratch and served by the real
# servers on this machine (docs/PERFORMANCE.md); writes docs/BENCHMARKS.md and docs/latency.png.
# About 15 minutes on two cores, most of it training Rasa's default config.
benchmark: install
	$(BIN)/python -m benchmarks.run $(BENCHMARK_ARGS)

# N concurrent conversations of M messages over REST (benchmarks/load.py). It starts its own
# action server and Rasa server with models/tpm.tar.gz and a fresh tracker database; with
# LOAD_URL=http://127.0.0.1:5005 it loads the servers of `make run` instead.
# E.g. LOAD_ARGS="--conversations 16 --messages 20".
load: install train
	$(BIN)/python -m benchmarks.load $(if $(LOAD_URL),--url $(LOAD_URL)) $(LOAD_ARGS)

# 200 conversations of 100 messages, 16 at a time, then one conversation of 2,000 messages
# (benchmarks/soak.py): RSS of both servers after warm-up and at the end, latency per tenth of the
# run, errors, each target met or missed; writes docs/SOAK.md. Not part of `make test`. Like
# `make load`, it starts its own servers unless SOAK_URL names a running Rasa server.
# E.g. SOAK_ARGS="--conversations 40 --messages 50 --long-conversation 500".
soak: install train
	$(BIN)/python -m benchmarks.soak $(if $(SOAK_URL),--url $(SOAK_URL)) $(SOAK_ARGS)

# Bursts of 16, 64, 128 and 256 conversations at once, every message on a new connection, on one
# Rasa replica and on two behind nginx (PostgreSQL and Redis on this machine), then 200 socket.io
# visitors through nginx (benchmarks/capacity.py); writes docs/CAPACITY.md and docs/capacity.png.
# About 10 minutes. Not part of `make test`, which holds a burst of 256 (tests/test_behind_nginx.py).
capacity: install train nginx $(WEBCHAT)
	$(BIN)/python -m benchmarks.capacity $(CAPACITY_ARGS)

# Held-out, blind, off-topic and everyday messages sent to the real servers, each reply judged
# (benchmarks/accuracy.py); writes docs/ACCURACY.md. About 5 minutes. `make test` checks a fixed
# sample of the same sets (tests/test_accuracy.py). E.g. ACCURACY_ARGS="--sample 300".
accuracy: install train
	$(BIN)/python -m benchmarks.accuracy $(ACCURACY_ARGS)

lint: install
	$(BIN)/ruff check actions channels serving tests scripts web benchmarks components knowledge
	$(BIN)/ruff format --check actions channels serving tests scripts web benchmarks components knowledge

# What Rasa needs for each topic (intents and lists in domain.yml, data/rules_topics.yml, the
# story checks) is written from knowledge/roles.yml (README, "How to add a topic").
sync: install
	$(BIN)/python -m scripts.sync_topics

# Fails naming each file `make sync` would change, and each topic without NLU examples.
sync-check: install
	$(BIN)/python -m scripts.sync_topics --check

validate: install sync-check
	$(BIN)/rasa data validate --fail-on-warnings

# `rasa test` exits 0 when stories fail, so the report is checked by our own script.
test-stories: train
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml --out results/core \
		--fail-on-prediction-errors

test-nlu: train
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/holdout.yml --out results/nlu
	$(BIN)/python scripts/check_nlu_report.py results/nlu/intent_report.json --min-accuracy 0.95

# pytest in two layers, each test once: first the unit layer (tests that start no server: Trackers,
# the knowledge file, make sync, the model loaded in-process; under a minute), then the tests
# marked `server` (pyproject.toml), which start the real servers on loopback. A test that starts a
# server without the marker fails (tests/server_permit.py). The browser tests
# (tests/test_web_chat.py) also need the widget and Debian's Chromium (.ci/run installs it).
test-unit: install train
	$(BIN)/pytest -m "not server"

test-server: train $(WEBCHAT) nginx
	$(BIN)/pytest -m server

test-pytest: test-unit test-server

# pip-audit over uv.lock; every finding needs a decision in docs/SECURITY.md.
audit: install
	$(PYTHON) scripts/audit_dependencies.py

test: lint validate audit test-stories test-nlu test-pytest

clean:
	rm -rf results models .rasa

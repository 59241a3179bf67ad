"""The one seam onto the internals of Rasa and the packages under it.

Where a public extension point will do (custom components, input and output channels, tracker
store classes, rasa_sdk actions), that is what the assistant uses. A few things need more: a
faster path Rasa has no setting for, a failure Rasa would hide, an origin check Rasa switches
off. Each of those depends on a name the package never promised to keep (a private method, an
attribute set inside another method, a data file, an undocumented behaviour), so each is listed
here, once: what it is, how we use it, why, and the test that proves ours equal to theirs
(or different only where we say). docs/RASA_SEAM.md is the same list for readers.

- `SEAM` is the list. Its replacements are the only changes made to another package's objects,
  and `install()` here is what makes them: no other module assigns to Rasa. The other uses
  (a private method overridden in our subclass, a private attribute read) are listed and
  checked: tests/test_rasa_seam.py fails when our code uses a private name of Rasa, rasa_sdk,
  python-socketio or python-engineio that is not listed here, or when a listed one is gone.
- `TESTED_VERSIONS` are the versions every entry was proven with, the ones uv.lock pins. At
  start-up the Rasa server compares the installed versions of the packages the entries depend
  on (`version_check`) and refuses to start on a difference, in one line naming each package:
  an upgrade could break an entry silently (the tracker store writes Rasa's rows itself). To
  start anyway, e.g. while trying an upgrade out, set TPM_ALLOW_UNTESTED_VERSIONS=1; the
  server then starts with a warning naming the same packages. The action server uses only
  rasa_sdk's public API and has no entry.
- Every entry kept only for speed (`speed`) must pay for itself: `make benchmark
  BENCHMARK_ARGS=--seam` measures each left out and writes the gains into docs/RASA_SEAM.md.

Importing this module imports nothing but the standard library: `python -m serving` checks
versions before Rasa or TensorFlow are loaded.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.resources
import inspect
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ALLOW_UNTESTED_ENV = "TPM_ALLOW_UNTESTED_VERSIONS"
# Names of entries `python -m serving` leaves out, comma-separated: only to measure what each
# entry gains (`make benchmark BENCHMARK_ARGS=--seam`, docs/RASA_SEAM.md).
LEAVE_OUT_ENV = "TPM_SEAM_LEAVE_OUT"
# Exit code of a server that refuses to start on untested versions.
UNTESTED_VERSIONS_EXIT = 4

# The versions uv.lock pins, which every entry of SEAM was proven with (tests/test_rasa_seam.py
# keeps the two equal: change uv.lock, run `make test`, then change these).
TESTED_VERSIONS: dict[str, str] = {
    "rasa": "3.6.21",
    "tensorflow": "2.12.0",
    "python-socketio": "5.8.0",
    "python-engineio": "4.4.1",
}

# Which process depends on an entry, and so checks its packages' versions at start-up.
RASA_SERVER = "Rasa server"

# How an entry touches the other package.
REPLACED = "replaced"  # install() puts ours in its place
WRAPPED = "wrapped"  # install() puts ours(original) in its place
OVERRIDDEN = "overridden"  # a private method, overridden in our subclass
READ = "read"  # a private attribute or method, used by our code
SET = "set"  # an attribute set after the package built the object
COPIED = "copied"  # behaviour written out again in our code, which must stay equal to it
RELIED_ON = "relied on"  # an undocumented behaviour or data file our code depends on
HOWS = (REPLACED, WRAPPED, OVERRIDDEN, READ, SET, COPIED, RELIED_ON)


@dataclass(frozen=True)
class SeamEntry:
    """One dependency on a name another package does not promise to keep.

    `name` is `module:qualified.name` (a data file: `package:path/in/package`); `ours` names
    our code that uses it, the same way; `proof` a pytest node id; `evidence` text that must
    occur in the source of `name`, for behaviour that no name alone can show.
    """

    name: str
    how: str
    ours: str
    why: str
    proof: str
    packages: tuple[str, ...] = ("rasa",)
    process: str = RASA_SERVER
    evidence: str = ""
    # Kept only for speed: `make benchmark BENCHMARK_ARGS=--seam` measures it left out.
    speed: bool = False

    @property
    def attribute(self) -> str:
        """The last part of the name, what our code spells (a data file: its path)."""
        rest = self.name.partition(":")[2]
        return rest if "/" in rest else rest.rsplit(".", 1)[-1]


# The entry serving.startup stands for (it changes no object, so install() does nothing for it).
JAX_KEPT_OUT = "tensorflow.lite.python.util:_xla_computation"

SEAM: tuple[SeamEntry, ...] = (
    # The processor: every message answered, never one lost.
    SeamEntry(
        "rasa.core.agent:MessageProcessor",
        REPLACED,
        "serving.processor:CarefulMessageProcessor",
        "Rasa has no setting for the processor class; the agent builds the one it imported.",
        "tests/test_faults.py::test_action_server_down_gets_an_apology_then_recovers",
    ),
    SeamEntry(
        "rasa.core.processor:MessageProcessor._run_action",
        OVERRIDDEN,
        "serving.processor:CarefulMessageProcessor._run_action",
        "Wraps a custom action so that a failing action server gets an apology, not silence.",
        "tests/test_faults.py::test_action_server_down_during_the_readiness_check_gets_an_apology",
    ),
    SeamEntry(
        "rasa.core.processor:MessageProcessor._has_session_expired",
        OVERRIDDEN,
        "serving.processor:CarefulMessageProcessor._has_session_expired",
        "Rasa's idle timeout, or a session of MAX_SESSION_TURNS turns (serving.session_length).",
        "tests/test_session_length.py::test_a_long_conversation_starts_new_sessions_and_keeps_its_role",
    ),
    # A hot path: work Rasa redoes per message, done once.
    SeamEntry(
        "rasa.core.actions.action:RemoteAction._validate_action_result",
        WRAPPED,
        "serving.hot_paths:validating_with_one_validator",
        "Rasa builds a JSON Schema validator and checks its schema on every action call.",
        "tests/test_hot_paths.py::test_invalid_action_results_get_rasas_error",
        speed=True,
    ),
    # The conversation store: fails loudly, and remembers the current session.
    SeamEntry(
        "rasa.core.agent:FailSafeTrackerStore",
        REPLACED,
        "serving.store_health:LoudTrackerStore",
        "Rasa's wrapper falls back to memory when the database fails, losing what follows.",
        "tests/test_tracker_store_failures.py::test_sqlite_unwritable_mid_conversation",
    ),
    SeamEntry(
        "rasa.core.tracker_store:SQLTrackerStore._additional_events",
        OVERRIDDEN,
        "serving.tracker_store:CachedSQLTrackerStore._additional_events",
        "Knows which events are new without counting the stored ones with a query.",
        "tests/test_tracker_store.py::test_rows_and_conversations_match_rasas_store",
        speed=True,
    ),
    SeamEntry(
        "rasa.core.tracker_store:SQLTrackerStore.save",
        COPIED,
        "serving.tracker_store:Row.of",
        "Inserts Rasa's rows (same table, columns and values) in one statement.",
        "tests/test_tracker_store.py::test_rows_hold_what_rasa_writes",
        evidence="action_name=action,",
    ),
    SeamEntry(
        "rasa.core.tracker_store:SQLTrackerStore.retrieve",
        COPIED,
        "serving.tracker_store:CachedSQLTrackerStore.retrieve",
        "Rebuilds a remembered conversation as Rasa rebuilds it from the rows it reads back.",
        "tests/test_tracker_store.py::test_rows_and_conversations_match_rasas_store",
    ),
    # Channels.
    SeamEntry(
        "rasa.core.channels.socketio:SocketIOInput.sio",
        READ,
        "channels.webchat:WebChatInput.blueprint",
        "The socket.io server Rasa's `blueprint` builds, with CORS handling switched off.",
        "tests/test_web_chat.py::test_socketio_accepts_the_page_origin_only",
        packages=("rasa", "python-socketio"),
    ),
    SeamEntry(
        "engineio.server:Server.cors_allowed_origins",
        SET,
        "channels.webchat:WebChatInput.blueprint",
        "Set on the server Rasa built; engine.io reads it on every request.",
        "tests/test_web_chat.py::test_socketio_accepts_the_page_origin_only",
        packages=("python-socketio", "python-engineio"),
    ),
    SeamEntry(
        "rasa.core.actions.action:create_bot_utterance",
        RELIED_ON,
        "channels.slack_blocks:display_of",
        "An action's extra message fields (the sources line's display mark, an offer) become "
        "the bot message's metadata, stored and handed to the output channel.",
        "tests/test_e2e_slack.py::test_direct_message_is_answered_with_its_sources_and_buttons",
        evidence="metadata=message",
    ),
    # What the model and the NLU components load.
    SeamEntry(
        JAX_KEPT_OUT,
        RELIED_ON,
        "serving.startup:prepare",
        "TensorFlow imports jax if it can, for a converter we never use: kept out at start-up.",
        "tests/test_rasa_seam.py::test_tensorflow_loads_with_jax_kept_out",
        packages=("tensorflow",),
        evidence="from jax import",
        speed=True,
    ),
)

# Private names our code spells the same as Rasa spells some of its own, for our own things.
SAME_NAME_OURS: dict[str, str] = {
    "_model_storage": "our graph components keep their ModelStorage under the name Rasa's use",
    "_resource": "our graph components keep their Resource under the name Rasa's use",
    "_tracker_store": "LoudTrackerStore keeps the store it wraps, as FailSafeTrackerStore does",
}


class SeamError(RuntimeError):
    """A listed name is missing from the installed package."""


# --- Versions ---------------------------------------------------------------------------------


def installed_version(package: str) -> str | None:
    """The installed version of `package`, None when it is not installed."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def packages_of(process: str) -> list[str]:
    """The packages whose versions `process` depends on, through its entries."""
    names = (package for entry in SEAM if entry.process == process for package in entry.packages)
    return list(dict.fromkeys(names))


def version_differences(
    packages: Iterable[str], installed: Callable[[str], str | None] = installed_version
) -> list[str]:
    """`package 1.2 (tested: 1.1)` for each package whose installed version is not the tested."""
    differences = []
    for package in packages:
        found = installed(package)
        if found != TESTED_VERSIONS[package]:
            shown = found if found is not None else "not installed"
            differences.append(f"{package} {shown} (tested: {TESTED_VERSIONS[package]})")
    return differences


@dataclass(frozen=True)
class VersionCheck:
    """What a server says at start-up: a refusal to stop with, or a warning to start with."""

    refusal: str | None = None
    warning: str | None = None


def allows_untested(environ: Mapping[str, str]) -> bool:
    """True when the operator set the override to a yes."""
    return environ.get(ALLOW_UNTESTED_ENV, "").strip().lower() in {"1", "true", "yes"}


def version_check(
    process: str,
    environ: Mapping[str, str] = os.environ,
    installed: Callable[[str], str | None] = installed_version,
) -> VersionCheck:
    """Compare the installed versions of `process`'s packages with the tested ones."""
    differences = version_differences(packages_of(process), installed)
    if not differences:
        return VersionCheck()
    found = "; ".join(differences)
    if allows_untested(environ):
        return VersionCheck(
            warning=f"Starting the {process} with untested versions ({ALLOW_UNTESTED_ENV} is "
            f"set): {found}. Its uses of their internals (docs/RASA_SEAM.md) are unproven."
        )
    return VersionCheck(
        refusal=f"Refusing to start the {process}: installed versions differ from the tested "
        f"ones: {found}. Our uses of their internals (docs/RASA_SEAM.md) may no longer hold; "
        f"run `make test` with them and update serving/rasa_seam.py, or set "
        f"{ALLOW_UNTESTED_ENV}=1 to start anyway."
    )


# --- Names ------------------------------------------------------------------------------------


def resolve(name: str) -> Any:
    """The object `module:qualified.name` names (imports the module)."""
    module_name, _, qualified = name.partition(":")
    found: Any = importlib.import_module(module_name)
    for part in qualified.split("."):
        found = getattr(found, part)
    return found


def owner_and_attribute(name: str) -> tuple[Any, str]:
    """The object holding the last part of `name`, and that part."""
    module_name, _, qualified = name.partition(":")
    owner_path, _, attribute = qualified.rpartition(".")
    owner = resolve(f"{module_name}:{owner_path}") if owner_path else None
    if owner is None:
        owner = importlib.import_module(module_name)
    return owner, attribute


def problem_with(entry: SeamEntry) -> str | None:
    """None when `entry`'s name (and evidence) is in the installed package, else what is not."""
    module_name, _, rest = entry.name.partition(":")
    if "/" in rest:
        path = importlib.resources.files(module_name).joinpath(rest)
        return None if path.is_file() else f"{entry.name}: no such file"
    try:
        owner, attribute = owner_and_attribute(entry.name)
    except (ImportError, AttributeError) as error:
        return f"{entry.name}: {error}"
    if hasattr(owner, attribute):
        target = getattr(owner, attribute)
        defined_here = getattr(target, "__module__", None) == module_name
        if (inspect.isfunction(target) or inspect.isclass(target)) and defined_here:
            source = source_of(target)
        else:
            source = source_of(owner)
    elif inspect.isclass(owner):
        # An instance attribute, set in one of the class's methods.
        source = source_of(owner)
        if not re.search(rf"self\.{re.escape(attribute)}\b\s*[:=]", source):
            return f"{entry.name}: not found"
    else:
        return f"{entry.name}: not found"
    if entry.evidence and entry.evidence not in source:
        return f"{entry.name}: {entry.evidence!r} is no longer in its source"
    return None


def source_of(target: Any) -> str:
    """The source of a function, class or module; of its class bases too for a class."""
    objects = inspect.getmro(target) if inspect.isclass(target) else (target,)
    parts = []
    for item in objects:
        try:
            parts.append(inspect.getsource(inspect.unwrap(item)))
        except (OSError, TypeError):
            continue
    return "\n".join(parts)


def left_out(environ: Mapping[str, str] = os.environ) -> set[str]:
    """The entries named in LEAVE_OUT_ENV; a name that is no entry is refused, not ignored."""
    names = {name.strip() for name in environ.get(LEAVE_OUT_ENV, "").split(",") if name.strip()}
    unknown = names - {entry.name for entry in SEAM}
    if unknown:
        raise SeamError(f"{LEAVE_OUT_ENV} names no entry: {', '.join(sorted(unknown))}")
    return names


# --- Replacements -----------------------------------------------------------------------------

# Marks what install() put in place, so installing twice changes nothing.
INSTALLED_MARK = "__rasa_seam__"


def install(ours_prefix: str = "", entries: Iterable[SeamEntry] = SEAM) -> list[str]:
    """Make the replacements of `entries` whose `ours` starts with `ours_prefix`; idempotent.

    Returns the names replaced now. Raises SeamError when a name is not in the installed
    package, rather than let Rasa start without a change we rely on.
    """
    replaced = []
    for entry in entries:
        if entry.how not in (REPLACED, WRAPPED) or not entry.ours.startswith(ours_prefix):
            continue
        try:
            owner, attribute = owner_and_attribute(entry.name)
            current = getattr(owner, attribute)
            ours = resolve(entry.ours)
        except (ImportError, AttributeError) as error:
            raise SeamError(f"{entry.name} ({entry.how} by {entry.ours}): {error}") from error
        if current is ours or getattr(current, INSTALLED_MARK, None) == entry.name:
            continue
        replacement = ours(current) if entry.how == WRAPPED else ours
        if entry.how == WRAPPED:
            setattr(replacement, INSTALLED_MARK, entry.name)
        if isinstance(inspect.getattr_static(owner, attribute), staticmethod):
            replacement = staticmethod(replacement)
        setattr(owner, attribute, replacement)
        replaced.append(entry.name)
    return replaced

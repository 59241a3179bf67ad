"""serving.rasa_seam: every private name we use is listed and still there; untested versions
are refused at start-up, by both servers, unless the override is set."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli

from serving import rasa_seam, seam_doc
from serving.rasa_seam import SEAM, SeamEntry
from tests.servers import ROOT, base_env

# Where our code is, and the packages whose private names it may only use through the seam.
OUR_CODE = ("serving", "channels", "components", "actions")
THEIR_PACKAGES = ("rasa", "rasa_sdk", "socketio", "engineio")


def our_modules() -> Iterator[tuple[Path, ast.Module]]:
    for folder in OUR_CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_names_defined_by(package: str) -> set[str]:
    """Every `_name` the installed package defines: functions, methods, attributes it sets."""
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_private(node.name):
                names.add(node.name)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and is_private(node.attr)
            ):
                names.add(node.attr)
    return names


def test_every_private_name_our_code_shares_with_theirs_is_listed() -> None:
    """A private method overridden, called or read without an entry in SEAM fails here."""
    theirs = set().union(*(private_names_defined_by(package) for package in THEIR_PACKAGES))
    listed = {entry.attribute for entry in SEAM} | set(rasa_seam.SAME_NAME_OURS)
    unlisted = set()
    for path, tree in our_modules():
        for node in ast.walk(tree):
            name = getattr(node, "attr", None) or getattr(node, "name", None)
            if isinstance(name, str) and is_private(name) and name in theirs - listed:
                unlisted.add(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert not unlisted, "private names of Rasa's packages not in serving/rasa_seam.py"


def imported_from_them(tree: ast.Module) -> set[str]:
    """The names a module binds to other packages' modules and objects."""
    theirs = ("rasa", "rasa_sdk", "socketio", "engineio", "tensorflow", "dask", "sanic")
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in theirs:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in theirs:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def test_only_the_seam_changes_their_objects() -> None:
    """No `Rasa.thing = ours` (nor setattr on it) anywhere but serving/rasa_seam.py."""
    changes = []
    for path, tree in our_modules():
        if path == ROOT / "serving" / "rasa_seam.py":
            continue
        imported = imported_from_them(tree)
        for node in ast.walk(tree):
            targets: list[ast.AST] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr":
                targets = [ast.Attribute(value=node.args[0], attr="?")]
            for target in targets:
                if isinstance(target, ast.Attribute) and root_name(target) in imported:
                    changes.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert changes == []


@pytest.mark.parametrize("entry", SEAM, ids=lambda entry: entry.name)
def test_every_listed_name_is_in_the_installed_packages(entry: SeamEntry) -> None:
    assert rasa_seam.problem_with(entry) is None


@pytest.mark.parametrize("entry", SEAM, ids=lambda entry: entry.name)
def test_every_entry_names_our_code_and_a_proof_that_exists(entry: SeamEntry) -> None:
    assert rasa_seam.resolve(entry.ours) is not None
    assert entry.how in rasa_seam.HOWS and entry.why and entry.packages
    path, _, test = entry.proof.partition("::")
    assert re.search(rf"^def {re.escape(test)}\(", (ROOT / path).read_text(), re.MULTILINE)
    assert all(package in rasa_seam.TESTED_VERSIONS for package in entry.packages)


def test_a_listed_name_that_is_gone_is_named() -> None:
    gone = SeamEntry("rasa.core.agent:NoSuchProcessor", rasa_seam.REPLACED, "serving.x:y", "", "")
    assert rasa_seam.problem_with(gone) == "rasa.core.agent:NoSuchProcessor: not found"
    with pytest.raises(rasa_seam.SeamError, match="rasa.core.agent:NoSuchProcessor"):
        rasa_seam.install(entries=[gone])
    moved = SeamEntry(
        "rasa.core.run:load_agent_on_start", rasa_seam.RELIED_ON, "", "", "", evidence="app.x ="
    )
    assert "no longer in its source" in (rasa_seam.problem_with(moved) or "")


def test_tested_versions_are_the_ones_uv_lock_pins() -> None:
    lock = tomli.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = {package["name"]: package["version"] for package in lock["package"]}
    assert {name: locked.get(name) for name in rasa_seam.TESTED_VERSIONS} == (
        rasa_seam.TESTED_VERSIONS
    )
    # And they are what is installed here, so the servers start.
    assert rasa_seam.version_check(rasa_seam.RASA_SERVER) == rasa_seam.VersionCheck()


def test_a_difference_is_refused_in_one_line_naming_each_package() -> None:
    installed = {"rasa": "3.6.22", "tensorflow": None}

    def version(package: str) -> str | None:
        return installed.get(package, rasa_seam.TESTED_VERSIONS[package])

    check = rasa_seam.version_check(rasa_seam.RASA_SERVER, environ={}, installed=version)
    assert check.warning is None and check.refusal is not None
    assert "\n" not in check.refusal
    assert "rasa 3.6.22 (tested: 3.6.21)" in check.refusal
    assert "tensorflow not installed (tested: 2.12.0)" in check.refusal
    assert "TPM_ALLOW_UNTESTED_VERSIONS=1" in check.refusal
    allowed = rasa_seam.version_check(
        rasa_seam.RASA_SERVER, environ={"TPM_ALLOW_UNTESTED_VERSIONS": "1"}, installed=version
    )
    assert allowed.refusal is None and "rasa 3.6.22 (tested: 3.6.21)" in (allowed.warning or "")


def installed_as(tmp_path: Path, package: str, version: str) -> dict[str, str]:
    """An environment in which Python finds `package` at `version`: a distribution's metadata
    ahead of the virtual environment on the path, as a second installation would be."""
    folder = tmp_path / "other-site"
    info = folder / f"{package.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
    env = base_env(tmp_path)
    env.pop(rasa_seam.ALLOW_UNTESTED_ENV, None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))
    return env


@pytest.mark.server
def test_the_rasa_server_refuses_an_untested_engineio_unless_told(tmp_path: Path) -> None:
    env = installed_as(tmp_path, "python-engineio", "9.9.9")
    command = [sys.executable, "-m", "serving", "run", "--model", "models/tpm.tar.gz"]
    refused = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode == rasa_seam.UNTESTED_VERSIONS_EXIT
    [line] = refused.stderr.strip().splitlines()
    assert line.startswith("Refusing to start the Rasa server")
    assert "python-engineio 9.9.9 (tested: 4.4.1)" in line

    # With the override it goes on into Rasa (here as far as `run --help`, which loads no model).
    env[rasa_seam.ALLOW_UNTESTED_ENV] = "1"
    allowed = subprocess.run(
        [sys.executable, "-m", "serving", "run", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert "python-engineio 9.9.9 (tested: 4.4.1)" in allowed.stderr
    assert "--credentials" in allowed.stdout  # Rasa's own help for `rasa run`


def test_tensorflow_loads_with_jax_kept_out() -> None:
    """TensorFlow treats the jax that serving.startup keeps out as not installed, and works."""
    script = (
        "import sys\n"
        "from serving import startup\n"
        "startup.prepare()\n"
        "import tensorflow as tf\n"
        "from tensorflow.lite.python import util\n"
        "assert sys.modules['jax'] is None and util._xla_computation is None\n"
        "print(int(tf.constant(20) + 22))\n"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "42"


def test_the_docs_page_lists_what_the_seam_lists() -> None:
    written = seam_doc.DOC.read_text(encoding="utf-8")
    assert seam_doc.BEGIN in written and seam_doc.END in written
    assert seam_doc.rewritten(written) == written, "run: .venv/bin/python -m serving.seam_doc"


def test_leaving_out_names_entries_or_refuses() -> None:
    """`make benchmark BENCHMARK_ARGS=--seam` leaves entries out by name; a typo is refused, so
    a run never measures an entry it did not leave out."""
    assert rasa_seam.left_out({}) == set()
    names = f" {rasa_seam.JAX_KEPT_OUT} ,{rasa_seam.SEAM[0].name}"
    assert rasa_seam.left_out({rasa_seam.LEAVE_OUT_ENV: names}) == {
        rasa_seam.JAX_KEPT_OUT,
        rasa_seam.SEAM[0].name,
    }
    with pytest.raises(rasa_seam.SeamError, match="no:such"):
        rasa_seam.left_out({rasa_seam.LEAVE_OUT_ENV: "no:such"})
    # Every speed entry is one the benchmark can leave out, and there are some.
    speed = [entry for entry in rasa_seam.SEAM if entry.speed]
    assert speed and len(rasa_seam.SEAM) <= 12

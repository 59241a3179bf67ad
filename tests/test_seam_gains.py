"""benchmarks/seam_gains.py: how an entry is left out, and when it pays for itself."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks import seam_gains
from serving import rasa_seam


def entry(ours: str) -> rasa_seam.SeamEntry:
    return next(entry for entry in rasa_seam.SEAM if entry.ours.startswith(ours))


def test_the_store_is_left_out_by_serving_rasas_own(tmp_path: Path) -> None:
    env = seam_gains.environment_without(entry("serving.tracker_store"), tmp_path)
    written = yaml.safe_load(Path(env["ENDPOINTS_FILE"]).read_text(encoding="utf-8"))
    assert written["tracker_store"]["type"] == "SQL"
    assert "cached_conversations" not in written["tracker_store"]
    assert written["tracker_store"]["db"] == "${TRACKER_DB}"


def test_other_entries_are_left_out_by_name(tmp_path: Path) -> None:
    validator = entry("serving.hot_paths")
    assert seam_gains.environment_without(validator, tmp_path) == {
        rasa_seam.LEAVE_OUT_ENV: validator.name
    }
    # Every speed entry can be measured, and each appears once in the table.
    names = [speed.name for speed in seam_gains.speed_entries()]
    assert len(names) == len(set(names)) >= 3


def test_an_entry_pays_from_five_percent_of_cpu_start_or_memory() -> None:
    base = {"cpu_ms_per_message": 20.0, "cold_start_s": 5.0, "rss_mb": 800.0, "p95_ms": 50.0}
    slower = {**base, "cpu_ms_per_message": 22.0}  # 2 of 22 ms: 9% gained
    assert seam_gains.pays(seam_gains.gains(base, slower))
    barely = {**base, "cpu_ms_per_message": 20.5, "p95_ms": 90.0}  # p95 alone does not count
    assert not seam_gains.pays(seam_gains.gains(base, barely))
    heavier = {**base, "rss_mb": 880.0}
    assert seam_gains.pays(seam_gains.gains(base, heavier))


def test_the_table_goes_between_the_markers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"intro\n{seam_gains.START}\nold\n{seam_gains.END}\nafter\n", encoding="utf-8")
    seam_gains.write_page("| new |", page)
    assert page.read_text(encoding="utf-8") == (
        f"intro\n{seam_gains.START}\n| new |\n{seam_gains.END}\nafter\n"
    )

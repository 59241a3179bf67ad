"""Turn two measured setups into the comparison table, docs/BENCHMARKS.md and the latency plot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.load import LoadResult
from benchmarks.serving import ServingResult

MB = 1024 * 1024


@dataclass(frozen=True)
class SetupResult:
    """Everything measured for one config."""

    name: str
    config: str
    train_s: float
    nlu: dict[str, Any]
    serving: ServingResult


@dataclass(frozen=True)
class Figure:
    """One row of the table: how to read it from a result and what counts as better."""

    label: str
    unit: str
    value: Callable[[SetupResult], float]
    lower_is_better: bool
    # Our target; accuracies must also be at least the default's (`at_least_default`).
    target: float | None = None
    at_least_default: bool = False
    digits: int = 1


def _rss_mb(r: SetupResult) -> float:
    return r.serving.rasa_rss_bytes / MB


FIGURES: tuple[Figure, ...] = (
    # The target of the issue that brought the sentence encoder in: 60 s, embeddings included.
    Figure("Training from scratch", "s", lambda r: r.train_s, True, target=60),
    # Cold start, memory and single-user p95: the targets of the issue that brought spaCy in
    # (6 s, 780 MB and 18 ms, against 3.6 s, 685 MB and 14.8 ms measured before it).
    Figure(
        "Cold start until the first answer (median)",
        "s",
        lambda r: r.serving.cold_start_s,
        True,
        target=6,
    ),
    Figure("Rasa server resident memory (peak)", "MB", _rss_mb, True, target=780, digits=0),
    Figure(
        "Action server resident memory (peak)",
        "MB",
        lambda r: r.serving.actions_rss_bytes / MB,
        True,
        digits=0,
    ),
    Figure("Latency p50, single user", "ms", lambda r: r.serving.single_user.percentile(50), True),
    Figure(
        "Latency p95, single user",
        "ms",
        lambda r: r.serving.single_user.percentile(95),
        True,
        target=18,
    ),
    Figure("Latency p99, single user", "ms", lambda r: r.serving.single_user.percentile(99), True),
    Figure(
        "Throughput, 16 concurrent conversations",
        "messages/s",
        lambda r: r.serving.concurrent.throughput,
        False,
        target=100,
    ),
    Figure(
        "Errors (single user and 16 concurrent)",
        "",
        lambda r: len(r.serving.concurrent.errors) + len(r.serving.single_user.errors),
        True,
        target=0,
        digits=0,
    ),
    Figure(
        "Rasa server CPU time per message (16 concurrent)",
        "ms",
        lambda r: r.serving.rasa_cpu_ms_per_message,
        True,
    ),
    Figure(
        "Action server CPU time per message (16 concurrent)",
        "ms",
        lambda r: r.serving.actions_cpu_ms_per_message,
        True,
    ),
    Figure(
        "Latency p95, 16 concurrent conversations",
        "ms",
        lambda r: r.serving.concurrent.percentile(95),
        True,
    ),
    Figure(
        "Held-out intent accuracy",
        "%",
        lambda r: 100 * r.nlu["intent_accuracy"],
        False,
        target=95,
        at_least_default=True,
    ),
    Figure(
        "Held-out out-of-scope accuracy",
        "%",
        lambda r: 100 * r.nlu["out_of_scope_accuracy"],
        False,
        target=90,
        at_least_default=True,
    ),
    Figure(
        "Held-out in-scope questions answered with the right intent",
        "%",
        lambda r: 100 * r.nlu["in_scope_answered"],
        False,
    ),
    Figure(
        "Held-out `role` entities found exactly",
        "%",
        lambda r: 100 * r.nlu["role_exact_match"],
        False,
    ),
)


def formatted(value: float, figure: Figure) -> str:
    unit = "" if not figure.unit else (figure.unit if figure.unit == "%" else f" {figure.unit}")
    return f"{value:,.{figure.digits}f}{unit}"


def comparison(ours: float, default: float, figure: Figure) -> str:
    """How ours compares, in words a reader can quote."""
    if figure.unit == "%":
        return f"{ours - default:+.1f} points"
    if ours == default:
        return "same"
    if ours == 0 or default == 0:
        return "ours is 0" if ours == 0 else "default is 0"
    if figure.lower_is_better:
        ratio = default / ours
        better, worse = ("faster", "slower") if figure.unit in {"s", "ms"} else ("less", "more")
    else:
        ratio = ours / default
        better, worse = "more", "less"
    if abs(ratio - 1) < 0.05:
        return "about the same"
    word = better if ratio >= 1 else worse
    return f"{ratio if ratio >= 1 else 1 / ratio:.1f}× {word}"


def verdict(ours: float, default: float | None, figure: Figure) -> str:
    """Whether our figure meets its target ("—" when it has none); with no default measured,
    the target alone."""
    if figure.target is None:
        return "—"
    meets = ours <= figure.target if figure.lower_is_better else ours >= figure.target
    if figure.at_least_default and default is not None:
        meets = meets and ours >= default
    return "yes" if meets else "**missed**"


def target_text(figure: Figure) -> str:
    if figure.target is None:
        return ""
    if figure.target == 0:
        return "0"
    sign = "≤" if figure.lower_is_better else "≥"
    text = f"{sign} {formatted(figure.target, figure)}"
    return text + " and ≥ default" if figure.at_least_default else text


def table(ours: SetupResult, default: SetupResult) -> list[list[str]]:
    """Rows: figure, ours, default, comparison, target, met."""
    rows = []
    for figure in FIGURES:
        a, b = figure.value(ours), figure.value(default)
        rows.append(
            [
                figure.label,
                formatted(a, figure),
                formatted(b, figure),
                comparison(a, b, figure),
                target_text(figure),
                verdict(a, b, figure),
            ]
        )
    return rows


def table_ours(ours: SetupResult) -> list[list[str]]:
    """Rows of a run without the default: figure, ours, target, met."""
    return [
        [
            figure.label,
            formatted(figure.value(ours), figure),
            target_text(figure),
            verdict(figure.value(ours), None, figure),
        ]
        for figure in FIGURES
    ]


HEADER = ["Figure", "Ours", "Rasa default", "Ours vs default", "Target (ours)", "Met"]
HEADER_OURS = ["Figure", "Ours", "Target", "Met"]


def header_for(rows: list[list[str]]) -> list[str]:
    return HEADER if not rows or len(rows[0]) == len(HEADER) else HEADER_OURS


def markdown_table(rows: list[list[str]]) -> str:
    header = header_for(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(rows: list[list[str]]) -> str:
    """The same table for a terminal, columns aligned."""
    header = header_for(rows)
    plain = [[cell.replace("**", "") for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in plain) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in plain]
    return "\n".join(lines)


def headline(ours: SetupResult, default: SetupResult) -> str:
    """One sentence of ratios, for docs/BENCHMARKS.md's summary and the terminal."""

    def ratio(label: str) -> str:
        figure = next(f for f in FIGURES if f.label == label)
        return comparison(figure.value(ours), figure.value(default), figure)

    return (
        f"cold start {ratio('Cold start until the first answer (median)')}, "
        f"p95 latency {ratio('Latency p95, single user')}, "
        "throughput at 16 concurrent conversations "
        f"{ratio('Throughput, 16 concurrent conversations')}, "
        f"Rasa server memory {ratio('Rasa server resident memory (peak)')}, "
        f"training {ratio('Training from scratch')}; held-out intent accuracy "
        f"{ratio('Held-out intent accuracy')}"
    )


def plot_latency(results: list[SetupResult], path: Path) -> None:
    """Latency distribution of each setup: share of messages answered within x ms."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    colours = ["tab:green", "tab:gray"]
    for result, colour in zip(results, colours, strict=False):
        for run, style, label in (
            (result.serving.single_user, "-", "single user"),
            (result.serving.concurrent, "--", "16 concurrent conversations"),
        ):
            _ecdf(ax, run, colour, style, f"{result.name}, {label}")
    ax.axvline(20, color="tab:red", linewidth=0.8, linestyle=":", label="p95 target, 20 ms")
    ax.set_xscale("log")
    ax.set_xlabel("latency per message over REST, including the action server (ms, log scale)")
    ax.set_ylabel("share of messages answered")
    ax.set_title("Latency distribution: our config vs Rasa's default config")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="center", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def _ecdf(ax: Any, run: LoadResult, colour: str, style: str, label: str) -> None:
    values = sorted(run.latencies_ms)
    if not values:
        return
    shares = [(i + 1) / len(values) for i in range(len(values))]
    ax.step(values, shares, where="post", color=colour, linestyle=style, label=label)

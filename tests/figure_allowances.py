"""Figures a hand-written page may give though no report holds them, each with its reason:
a target or a limit, a setting, or a one-off measurement that says when and how it was taken
(tests/test_figures_written_once.py)."""

from __future__ import annotations

from dataclasses import dataclass

# Hand-written, but pasted by benchmarks/run.py at the end of docs/BENCHMARKS.md (`{notes}`).
NOTES = "benchmarks/NOTES.md"


@dataclass(frozen=True)
class Allowed:
    """Figures a page may give that no report holds, in the paragraph, table or list that
    contains `where`, and why."""

    page: str
    where: str
    figures: str
    why: str


ALLOWED = (
    Allowed(
        NOTES,
        "| figure | before (03ad07f) | after (first run) | after (reported run) |",
        "81.2 s, 68.3 s, 74.0 s, 6.3 s, 5.9 s, 6.8 s, 683 MB, 682 MB, 16.6 ms, 20.8 ms, "
        "18.5 ms, 27.6 ms, 31.4 ms, 29.2 ms, 66.7 messages/s, 58.5 messages/s, "
        "58.2 messages/s, 25.2 ms, 28.6 ms, 28.5 ms",
        "runs of 03ad07f and of the last commit on the Intel Xeon of 2026-12-05, early morning; "
        "docs/BENCHMARKS.md now holds a later run on another machine",
    ),
    Allowed(
        NOTES,
        "What it removed (profiled on this machine, November 2026)",
        "23 MB, 1 MB, 46%, 2 s, 70 MB, 20 ms, 8%, 2%, 7%, 310 ms",
        "py-spy profiles of the Rasa server taken for each change, dated in the table's heading",
    ),
    Allowed(
        NOTES,
        "| figure | before (two runs) | after (the run reported in 9265be2;",
        "90.6 s, 97.3 s, 95.9 s, 101.4 s, 90.4 s, 8.5 s, 7.4 s, 7.6 s, 10.2 s, 8.1 s, "
        "654 MB, 735 MB, 725 MB, 734 MB, "
        "28.8 / 38.7 ms, 22.0 / 33.9 ms, 28.2 / 37.7 ms, 25.1 / 35.9 ms, 31.2 / 43.3 ms",
        "what spaCy costs: runs of 2026-12-03 before (64e06d5) and after the change, compared "
        "with each other, as the paragraph above the table says",
    ),
    Allowed(
        NOTES,
        "| Role names compared with rapidfuzz first |",
        "10%, 1.7 s",
        "a py-spy profile of `rasa train` and the masking timed before and after, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| GELU with a float32 rational approximation of erf |",
        "30%",
        "a py-spy profile of the sentence encoder, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| Training texts batched by token count |",
        "41%, 2%, 13.5–15.4 s, 9.5–10.3 s",
        "the padding counted and the encoder's CPU time in three rounds each way, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| figure | before (1e269c2) | after |",
        "99.1 s, 100.7 s, 7.7 s, 8.3 s, 731 MB, 40.0 ms, 37.9 ms",
        "runs of the morning of 2026-12-04 before (1e269c2) and after that work, compared with "
        "each other, as the paragraph above the table says",
    ),
    Allowed(
        NOTES,
        "| figure | before (97d90b0) | after |",
        "71.0 s, 5.6 s, 768 MB, 29.3 ms, 60.3 s, 6.5 s, 769 MB, 29.2 ms",
        "the run of 97d90b0 in a clean clone, and the run after it reported in 5b906c3, on the "
        "AMD EPYC of the afternoon of 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| The heap's freed memory given back after loading |",
        "796 MB, 737 MB, 813 MB, 759 MB",
        "the server's VmRSS read before and after the trim, and `make benchmark` before and "
        "after the change on the same machine, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| figure | before (97b1add) | after (first run) | after (reported run) |",
        "52.8 s, 4.7 s, 813 MB, 16.8 ms, 53.4 s, 4.5 s, 18.1 ms",
        "the session's first run (97b1add) and the first of two runs at the last commit, on "
        "the Intel Xeon of the evening of 2026-12-04",
    ),
    Allowed(
        NOTES,
        "Memory is 62 MB lower",
        "62 MB, 1.5 ms, 18 ms",
        "the differences of the table above it, and the target",
    ),
    Allowed(
        NOTES,
        "Training is 11 s shorter",
        "11 s, 30 s, 15 s, 16 s, 1.6 s",
        "the difference of the table above, a py-spy profile of `rasa train` on 2026-12-04, and "
        "the spread of the cold starts the table shows",
    ),
    Allowed(
        NOTES,
        "What it costs: about 80 MB of memory",
        "80 MB, 43 ms",
        "the difference the table above it measured, and an earlier run of the change in it",
    ),
    Allowed(
        NOTES,
        "**Training with the current NLU (target 60 s).**",
        "60 s, 133 s, 14–17 s, 11–13 s, 3 s, 1 s",
        "the training target; the first version's training time; the parts of training timed "
        "apart on 2026-11-29",
    ),
    Allowed(
        NOTES,
        "- The second model was a regression on the n-grams",
        "30 s, 1 s",
        "the two versions of the second model, timed apart on 2026-11-29",
    ),
    Allowed(
        NOTES,
        "**Training (target 45 s).**",
        "45 s, 42 s, 13 s, 19 to 26 s, 0.7 to 1 s, 93.1%, 95.4%, 93.7%, 92.1%, 86%",
        "the previous NLU (DIET): its target then, and py-spy profiles and trials of 2026-11-22",
    ),
    Allowed(
        NOTES,
        "Profiled again on the machine of that run",
        "63%, 37%, 41 s, 144 s, 1.2 s, 7%",
        "a py-spy profile of DIET's training, 2026-11-22",
    ),
    Allowed(
        NOTES,
        "**Throughput at 16 concurrent conversations (target 100 messages/s).**",
        "100 messages/s, 1000 ms, 43%, 27%, 13%, 12%, 23%, 20%, 11%, 9%, 4%",
        "the target; 1000 ms in a second; a py-spy profile under load with DIET, 2026-11-22",
    ),
    Allowed(
        "docs/PERFORMANCE.md",
        "memory growing less than 10%, the last tenth's p95 within 20%",
        "10%, 20%",
        "the soak's targets (benchmarks/soak.py)",
    ),
    Allowed(
        "docs/PERFORMANCE.md",
        "A session ends after 25 turns as well as after 60 minutes of silence",
        "60 minutes",
        "a setting: the session's idle timeout",
    ),
    Allowed(
        "docs/TESTING.md",
        "`scripts/check_nlu_report.py` fails the run",
        "95%",
        "the floor make test holds held-out intent accuracy to",
    ),
    Allowed(
        "docs/SECURITY.md",
        "| Slack webhook |",
        "5 min",
        "a limit: how old a Slack request's timestamp may be",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "An entry kept only for speed must pay for itself",
        "5%",
        "the floor an entry's gain is held to (GAIN_FLOOR in benchmarks/seam_gains.py)",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "kept only while it pays for itself: at least 5%",
        "5%",
        "the same floor, in the page's introduction",
    ),
    Allowed(
        NOTES,
        "Three changes of this kind were removed in December 2026",
        "5%",
        "the same floor, where the notes say which changes were removed",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "The last three were kept only for speed. Measured at commit 9da5850",
        "6%, 5%, 49%, 32%, 9%",
        "the run at 9da5850 that measured the removed entries: their code is gone, so no "
        "later report can hold them",
    ),
    Allowed(
        NOTES,
        "| figure | before (97b1add) | after (first run) | after (reported run) |",
        "52.2 s, 4.4 s, 751 MB, 18.5 ms",
        "the reported run of an earlier session, on an Intel Xeon; docs/BENCHMARKS.md now "
        "holds a later run on another machine",
    ),
    Allowed(
        NOTES,
        "| run (time of day, UTC) | training | cold start |",
        "51.9 s, 51.4 s, 57.9 s, 59.8 s, 58.3 s, 53.6 s, 50.7 s, 3.9 s, 4.8 s, 5.3 s, 5.5 s, "
        "6.7 s, 660 MB, 724 MB, 695 MB, 690 MB, 688 MB, 684 MB, 682 MB, 18.0 ms, 15.6 ms, "
        "25.1 ms, 24.2 ms, 24.0 ms, 17.2 ms, 17.3 ms, 17.4 ms, 17.8 ms, 24.7 ms, 22.1 ms, "
        "23.4 ms, 19.2 ms, 18.6 ms",
        "runs of 64e06d5, 1727fc8 and the work's commits on the AMD EPYC of the morning of "
        "2026-12-05; the last run of the work is the table at the top of docs/BENCHMARKS.md",
    ),
    Allowed(
        NOTES,
        "Every run had 0 errors. The same commit measured at different times",
        "6 s, 780 MB, 18 ms, 60 s, 20 to 60 MB",
        "the issue's targets, and the memory the table's runs differ by",
    ),
)

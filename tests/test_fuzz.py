"""The fuzzer's short run (issue 11): a few dozen seeded cases of mutated networks and
commands, each checked for its exit code, tracebacks, writes outside the output folder and
time. A failing case names its seed and number: `bench/fuzz.py --seed S --case N --keep`
replays it. The long run is `bench/fuzz.py --cases 1000 --seed N`.

PAE_FUZZ_SEED and PAE_FUZZ_CASES change the seed and the number of cases.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fuzzing import run_case

SEED = int(os.environ.get("PAE_FUZZ_SEED", "11"))
CASES = int(os.environ.get("PAE_FUZZ_CASES", "40"))


@pytest.mark.parametrize("number", range(CASES))
def test_fuzz_case(number: int, tmp_path: Path) -> None:
    outcome = run_case(SEED, number, tmp_path)
    assert not outcome.broken, outcome.report()


def test_a_case_is_the_same_each_time(tmp_path: Path) -> None:
    first = run_case(SEED, 3, tmp_path / "un")
    second = run_case(SEED, 3, tmp_path / "deux")
    assert (first.mutations, first.code) == (second.mutations, second.code)
    assert first.argv[2:] == [a.replace("/deux/", "/un/") for a in second.argv[2:]]

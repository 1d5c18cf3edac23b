"""The long run of the fuzzer (tests/fuzzing.py): many seeded cases, each a mutated copy
of a small network and one command, checked for exit codes, tracebacks, writes outside the
output folder and time.

    .venv/bin/python bench/fuzz.py --cases 1000 --seed 7          # in-process, all cores
    .venv/bin/python bench/fuzz.py --cases 200 --seed 7 --subprocess
    .venv/bin/python bench/fuzz.py --seed 7 --case 123 --keep     # replay one case

Each failure is printed with its seed and number (and the command to replay it); --keep
leaves the case's folders in bench/out/fuzz/ for a look. Exit status: 0 if every case
holds, 1 otherwise. A summary of times per command goes to bench/out/fuzz/summary.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from fuzzing import LIMIT_SECONDS, Outcome, run_case  # noqa: E402

OUT = HERE / "out" / "fuzz"


def one(job: tuple[int, int, bool, bool]) -> Outcome:
    seed, number, in_process, keep = job
    if keep:
        work = OUT / f"seed-{seed}-case-{number}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return run_case(seed, number, work, in_process)
    with tempfile.TemporaryDirectory(prefix=f"pae-fuzz-{number}-") as name:
        return run_case(seed, number, Path(name), in_process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--start", type=int, default=0, help="first case number")
    parser.add_argument("--case", type=int, default=None, help="replay this case only")
    parser.add_argument("--keep", action="store_true", help="keep the cases' folders")
    parser.add_argument("--subprocess", action="store_true", help="run pae as a program")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    numbers = [args.case] if args.case is not None else range(args.start, args.start + args.cases)
    jobs = [(args.seed, n, not args.subprocess, args.keep) for n in numbers]
    OUT.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    # Not multiprocessing.Pool: its workers are daemonic, and `pae site` starts a process.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max(1, min(args.jobs, len(jobs))), mp_context=context) as pool:
        for outcome in pool.map(one, jobs):
            outcomes.append(outcome)
            if outcome.broken or args.case is not None:
                print(outcome.report(), flush=True)
    broken = [o for o in outcomes if o.broken]
    times: dict[str, list[float]] = defaultdict(list)
    for o in outcomes:
        command = next((a for a in o.argv[2:] if not a.startswith("-")), "?")
        times[command].append(o.seconds)
    summary = {
        "seed": args.seed,
        "cases": len(outcomes),
        "broken": [o.number for o in sorted(broken, key=lambda o: o.number)],
        "limit_seconds": LIMIT_SECONDS,
        "seconds": {
            c: {"n": len(t), "median": statistics.median(t), "max": max(t)}
            for c, t in sorted(times.items())
        },
        "codes": {
            str(c): sum(o.code == c for o in outcomes) for c in sorted({o.code for o in outcomes})
        },
        "slowest": [
            {
                "case": o.number,
                "seconds": round(o.seconds, 2),
                "argv": o.argv[2:],
                "mutations": o.mutations,
            }
            for o in sorted(outcomes, key=lambda o: -o.seconds)[:5]
        ],
    }
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: summary[k] for k in ("cases", "broken", "seconds", "codes")}, indent=2))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

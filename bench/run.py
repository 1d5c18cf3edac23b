"""Validation benchmark: `pae valider` against the C YAML loader alone, in the same run.

    .venv/bin/python bench/run.py                # 10,000 dossiers, medians of 3
    .venv/bin/python bench/run.py --n 2000 --repeat 5

One run generates the dossiers into bench/out/ (git-ignored), then times, `--repeat`
times each, interleaved:
  (a) reading the bytes of every file of records/;
  (b) the floor: reading, decoding and `yaml.load(text, Loader=yaml.CSafeLoader)` of
      every file, one core, in this process;
  (c) `pae valider --date 2026-11-27` as a subprocess (all cores), and with `--jobs 1`.
It checks that `pae valider` exits with 1 and reports exactly the planted errors (one
extra run with `--format json`, not timed), prints medians of the wall time, their ratio
to the floor and the CPU time used (which, with the CPU time other programs took
meanwhile, tells whether the machine was busy), and exits with 1 if the default run
takes more than `--max-ratio` (1.5) times the floor, 2 if the result is wrong.
Every figure also goes to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY, generate, positive

HERE = Path(__file__).resolve().parent


def pae_command() -> list[str]:
    beside = Path(sys.executable).with_name("pae")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pae")
    if found:
        return [found]
    sys.exit("pae not found: run with .venv/bin/python bench/run.py")


def files_of(root: Path) -> list[Path]:
    return sorted(p for p in (root / "records").rglob("*.yaml") if p.is_file())


def read_bytes(paths: list[Path]) -> None:
    for path in paths:
        path.read_bytes()


def c_loader(paths: list[Path]) -> None:
    """The floor: what the C loader alone takes (the planted invalid files raise)."""
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        with contextlib.suppress(yaml.YAMLError, ValueError):
            yaml.load(text, Loader=yaml.CSafeLoader)


def run_pae(root: Path, *extra: str) -> Callable[[], None]:
    command = [*pae_command(), "--depot", str(root), "valider", "--date", TODAY.isoformat()]

    def run() -> None:
        done = subprocess.run([*command, *extra], stdout=subprocess.DEVNULL, check=False)
        if done.returncode != 1:
            sys.exit(f"pae valider {' '.join(extra)}: exit code {done.returncode}, expected 1")

    return run


def check_result(root: Path, manifest: dict[str, Any]) -> list[str]:
    """Differences between what `pae valider --format json` reports and what was planted."""
    command = [*pae_command(), "--depot", str(root), "valider", "--date", TODAY.isoformat()]
    done = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stdout)
    planted = manifest["planted"]
    found = Counter(
        (p["fichier"], p["code"]) for p in report["problemes"] if p["gravite"] == "erreur"
    )
    expected = Counter((p["fichier"], p["code"]) for p in planted)
    issues = []
    if done.returncode != 1:
        issues.append(f"exit code {done.returncode}, expected 1")
    if report["erreurs"] != len(planted):
        issues.append(f"{report['erreurs']} errors reported, {len(planted)} planted")
    for key in sorted(set(found) | set(expected)):
        if found[key] != expected[key]:
            issues.append(f"{key[0]} {key[1]}: {found[key]} reported, {expected[key]} expected")
    files = len(files_of(root))
    if report["fichiers_verifies"] != files:
        issues.append(f"{report['fichiers_verifies']} files checked out of {files}")
    return issues


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def machine_busy() -> float:
    """CPU seconds the whole machine spent busy since boot (Linux), NaN elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=positive, default=10_000, help="number of dossiers (10000)")
    parser.add_argument("--repeat", type=positive, default=3, help="timed runs of each (3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--max-ratio", type=float, default=1.5)
    args = parser.parse_args()

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    start = time.perf_counter()
    manifest = generate(args.out, args.n, args.seed)
    generated = time.perf_counter() - start
    paths = files_of(args.out)
    print(
        f"{args.n} dossiers generated in {generated:.1f} s "
        f"({manifest['lignes_par_dossier']} lines on average, "
        f"{len(manifest['planted'])} invalid, {len(paths)} files); "
        f"{cores} cores; Python {platform.python_version()}, PyYAML {yaml.__version__}"
    )

    issues = check_result(args.out, manifest)  # also warms the page cache
    if issues:
        print("Wrong result:\n  " + "\n  ".join(issues[:20]))
        return 2

    measures: dict[str, Callable[[], None]] = {
        "read": lambda: read_bytes(paths),
        "floor": lambda: c_loader(paths),
        "pae": run_pae(args.out),
        "pae_jobs1": run_pae(args.out, "--jobs", "1"),
    }
    # Wall time decides; CPU time (this process and its children) shows whether other
    # programs on the machine were competing for the cores during the run.
    times: dict[str, list[float]] = {name: [] for name in measures}
    cpu: dict[str, list[float]] = {name: [] for name in measures}
    busy_before, own_before = machine_busy(), cpu_seconds()
    wall_before = time.perf_counter()
    for _ in range(args.repeat):
        for name, measure in measures.items():
            cpu_start = cpu_seconds()
            start = time.perf_counter()
            measure()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(cpu_seconds() - cpu_start)
    others = machine_busy() - busy_before - (cpu_seconds() - own_before)
    others_share = others / ((time.perf_counter() - wall_before) * (cores or 1))
    median = {name: statistics.median(values) for name, values in times.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    floor = median["floor"]
    labels = {
        "read": "read the bytes (1 core)",
        "floor": "yaml.CSafeLoader alone (1 core) = floor",
        "pae": f"pae valider ({cores} cores)",
        "pae_jobs1": "pae valider --jobs 1",
    }
    print(f"\nMedians of {args.repeat} runs (wall time, ratio to the floor, CPU time, runs):")
    for name, label in labels.items():
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(
            f"  {label:<42} {median[name]:6.2f} s  ×{median[name] / floor:.2f}  "
            f"cpu {median_cpu[name]:6.2f} s  ({runs})"
        )
    if others == others:  # not NaN: /proc/stat was readable
        print(
            f"Other programs used {others:.0f} s of CPU meanwhile "
            f"({others_share:.0%} of the machine)"
        )
        if others_share > 0.1:
            print("  warning: the machine was busy; wall times and ratios are less reliable")
    ratio = median["pae"] / floor
    results = {
        "n": args.n,
        "fichiers": len(paths),
        "coeurs": cores,
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "repeat": args.repeat,
        "secondes": times,
        "medianes": median,
        "cpu": cpu,
        "medianes_cpu": median_cpu,
        "cpu_autres_programmes": others,
        "ratio_pae": ratio,
        "ratio_pae_jobs1": median["pae_jobs1"] / floor,
        "max_ratio": args.max_ratio,
    }
    (args.out / "results.json").write_text(json.dumps(results, indent=1), "utf-8")
    verdict = "OK" if ratio <= args.max_ratio else "TOO SLOW"
    print(f"\n{verdict}: pae valider = {ratio:.2f} × the floor (at most {args.max_ratio})")
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())

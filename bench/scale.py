"""The académie-scale table in one command: every figure next to its floor, interleaved.

    .venv/bin/python bench/scale.py             # 1,000 and 10,000; site 1,000 and 3,000
    .venv/bin/python bench/scale.py --quick     # no site at 3,000

Generates the dossiers with bench/generate.py into bench/out/scale-<N>/ (git-ignored), then
times, `--repeat` times each and interleaved (a round runs every measure once, so that a
busy moment of the machine weighs on all of them alike):
  - the floor: reading and `yaml.CSafeLoader` of every file, one core, in this process;
  - `pae valider` (all cores), with `--jobs 1`, and given every dossier file as an explicit
    path (must stay within 1.2x of the whole-repository run);
  - `pae statut --format json` and `pae echeances --format json` (target: 1.3x the floor);
  - `pae site` at 1,000 and 3,000 dossiers, next to a bare `mkdocs build` of the same
    generated pages (the floor of a site: MkDocs alone);
and for every command the peak RSS of its whole process tree (the sum over the process and
its workers, sampled every 20 ms). Prints medians, ratios, the load of the machine before
and after, and writes everything to bench/out/scale.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY, generate

HERE = Path(__file__).resolve().parent
PAE = Path(sys.executable).with_name("pae")
MKDOCS = Path(sys.executable).with_name("mkdocs")
DATE = ["--date", TODAY.isoformat()]


def tree_rss_kib(pid: int) -> int:
    """The resident memory of a process and all its descendants, in KiB."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = f"/proc/{entry}/stat"
            with contextlib.suppress(OSError), open(stat, encoding="ascii", errors="replace") as f:
                parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
    family, grew = {pid}, True
    while grew:
        grew = False
        for child, parent in parents.items():
            if parent in family and child not in family:
                family.add(child)
                grew = True
    total = 0
    for member in family:
        with contextlib.suppress(OSError), open(f"/proc/{member}/status", encoding="ascii") as f:
            total += next((int(x.split()[1]) for x in f if x.startswith("VmRSS:")), 0)
    return total


def measure(command: list[str], expect: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """(wall seconds, peak MiB of the process tree) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    if process.returncode not in expect:
        err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        sys.exit(f"{' '.join(command)}: exit {process.returncode}\n{err[-2000:]}")
    return wall, peak / 1024


def floor(root: Path) -> Callable[[], tuple[float, float]]:
    paths = sorted((root / "records").rglob("*.yaml"))

    def run() -> tuple[float, float]:
        start = time.perf_counter()
        for path in paths:
            with contextlib.suppress(yaml.YAMLError, ValueError):
                yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
        return time.perf_counter() - start, 0.0

    return run


def command(*args: str, expect: tuple[int, ...] = (0, 1)) -> Callable[[], tuple[float, float]]:
    return lambda: measure([str(PAE), *args], expect)


def mkdocs_floor(root: Path) -> Callable[[], tuple[float, float]]:
    """A bare `mkdocs build` of the pages `pae site` generated (build/site-src)."""
    config = root / "mkdocs-floor.yml"
    project = HERE.parent
    text = (project / "mkdocs.yml").read_text("utf-8")
    text = text.replace("docs_dir: build/site-src", f"docs_dir: {root / 'build/site-src'}")
    text = text.replace("site_dir: public", f"site_dir: {root / 'floor-public'}")
    text = text.replace("custom_dir: site/overrides", f"custom_dir: {project / 'site/overrides'}")
    config.write_text(text, "utf-8")
    return lambda: measure([str(MKDOCS), "build", "-q", "-f", str(config)], (0,))


def prepare(out: Path, n: int, unique: bool = False) -> Path:
    root = out / f"scale-{n}"
    generate(root, n, unique_names=unique)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--quick", action="store_true", help="no site at 3,000 dossiers")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    big, small = prepare(args.out, 10_000), prepare(args.out, 1_000)
    sites = [prepare(args.out, 1_000, unique=True)]
    if not args.quick:
        sites.append(prepare(args.out, 3_000, unique=True))
    for site_root in sites:  # the generated pages the bare MkDocs build reads
        measure([str(PAE), "--depot", str(site_root), "site", *DATE], (0,))
    explicit = [str(p) for p in sorted((small / "records/jeunes").rglob("*.yaml"))]
    measures: dict[str, Callable[[], tuple[float, float]]] = {
        "plancher : chargeur C seul, 10 000 (1 cœur)": floor(big),
        "pae valider, 10 000": command("--depot", str(big), "valider", *DATE),
        "pae valider --jobs 1, 10 000": command(
            "--depot", str(big), "valider", *DATE, "--jobs", "1"
        ),
        "pae statut --format json, 10 000": command(
            "--depot", str(big), "statut", *DATE, "--format", "json", expect=(0,)
        ),
        "pae echeances --format json, 10 000": command(
            "--depot", str(big), "echeances", *DATE, "--format", "json", expect=(0,)
        ),
        "plancher : chargeur C seul, 1 000": floor(small),
        "pae valider, 1 000": command("--depot", str(small), "valider", *DATE),
        "pae valider, 1 000 chemins explicites": command(
            "--depot", str(small), "valider", *DATE, *explicit
        ),
        "pae statut --format json, 1 000": command(
            "--depot", str(small), "statut", *DATE, "--format", "json", expect=(0,)
        ),
    }
    for site_root in sites:
        n = "1 000" if site_root.name.endswith("-1000") else "3 000"
        measures[f"plancher : mkdocs build seul, {n}"] = mkdocs_floor(site_root)
        measures[f"pae site, {n}"] = command("--depot", str(site_root), "site", *DATE, expect=(0,))
    load_before = os.getloadavg()
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in measures}
    for _ in range(args.repeat):
        for name, run in measures.items():
            results[name].append(run())
    load_after = os.getloadavg()
    report(results, load_before, load_after, args.out / "scale.json")


FLOORS = {
    "10 000": "plancher : chargeur C seul, 10 000 (1 cœur)",
    "1 000": "plancher : chargeur C seul, 1 000",
}


def report(
    results: dict[str, list[tuple[float, float]]],
    before: tuple[float, float, float],
    after: tuple[float, float, float],
    path: Path,
) -> None:
    median = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    peak = {k: max(m for _, m in v) for k, v in results.items()}
    rows: list[dict[str, Any]] = []
    print(f"charge de la machine : {before[0]:.2f} avant, {after[0]:.2f} après (1 min)")
    print(f"{'mesure':<48} {'médiane':>9} {'× plancher':>11} {'mémoire':>10}")
    for name in results:
        size = name.rsplit(", ", 1)[-1].split(" (")[0]
        base = next(
            (FLOORS[s] for s in FLOORS if s == size.replace(" chemins explicites", "")), None
        )
        if name.startswith("pae site"):
            base = f"plancher : mkdocs build seul, {size}"
        elif name.startswith("plancher"):
            base = None  # a floor is the unit of its own rows
        ratio = median[name] / median[base] if base and base != name else None
        memory = f"{peak[name]:.0f} Mio" if peak[name] else ""
        shown = f"{ratio:.2f}" if ratio else ""
        print(f"{name:<48} {median[name]:>8.1f}s {shown:>11} {memory:>10}")
        rows.append({"mesure": name, "secondes": median[name], "ratio": ratio, "mio": peak[name]})
    whole, paths = median["pae valider, 1 000"], median["pae valider, 1 000 chemins explicites"]
    print(f"chemins explicites / dépôt entier (1 000) : {paths / whole:.2f}")
    path.write_text(json.dumps({"charge": [before, after], "mesures": rows}, indent=2), "utf-8")


if __name__ == "__main__":
    main()

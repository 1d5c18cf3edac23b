"""A bounded, seeded fuzzer of `pae` (issue 11): mutate a copy of a small network, run one
command on it, and check that it ends as the house rules say.

Each case is a pure function of (seed, number): the same pair gives the same files and the
same command, so a failure is replayed with `bench/fuzz.py --seed S --case N --keep`.
`tests/test_fuzz.py` runs a few dozen cases in `make test`; `bench/fuzz.py` runs many.

What every case must satisfy:
- an exit code of 0, 1 or 2 (never 3, the internal error), no Python traceback;
- nothing written outside the output folder, and no build folder left beside it;
- a run under `LIMIT_SECONDS` when every file stays under the size limit (for `pae site`,
  on top of the time MkDocs takes to build the unmutated network on this machine).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from forge_helpers import add_second_lycee
from mutations import MUTATIONS, Context, yaml_files

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
LIMIT_SECONDS = 5.0
"""The issue's bound for one run on files under the size limit."""
EXIT_CODES = (0, 1, 2)

DATES = (
    "2026-10-15", "2026-07-01", "2026-09-30", "2026-12-31", "2027-03-01", "1900-01-01",
    "2100-12-31", "2028-02-29",
)  # fmt: skip
BAD_DATES = (
    "0001-01-01", "9999-12-31", "2026-02-29", "2026-13-01", "2026-9-1", "20261015",
    "2026-W42-4", "", "demain", "２０２６-１０-１５",
)  # fmt: skip
JOURS = ("0", "1", "14", "30", "366", "0", "7", "366", "367", "-1", "3000000", "1e3", "")
BAD_OPTIONS = (
    ["valider", "--format", "xml"],
    ["valider", "--jobs", "0"],
    ["valider", "--jobs", "100000"],
    ["valider", "--rapport", "pdf:x.pdf"],
    ["valider", "--depuis", "HEAD"],
    ["statut", "--etape", "inconnue"],
    ["statut", "--etablissement", "0990009X"],
    ["statut", "9999999N-2026-001"],
    ["echeances", "--referent", "personne"],
    ["echeances", "--format", "csv"],
    ["inconnue"],
    ["statut", "--inconnue"],
    ["site", "--sortie", "{depot}"],
    ["site", "--etablissement", "0750654D"],
    ["valider", "{depot}/ailleurs"],
    ["statut", "--date"],
)


@dataclass
class Outcome:
    """One case: what was done, what came out, and which rule it broke."""

    seed: int
    number: int
    mutations: list[str]
    argv: list[str]
    code: int = 0
    seconds: float = 0.0
    out: str = ""
    err: str = ""
    broken: list[str] = field(default_factory=list)

    @property
    def replay(self) -> str:
        return f"bench/fuzz.py --seed {self.seed} --case {self.number} --keep"

    def report(self) -> str:
        lines = [
            f"case {self.number} (seed {self.seed}), replay: {self.replay}",
            f"  mutations: {'; '.join(self.mutations) or 'none'}",
            f"  command: pae {' '.join(self.argv)}",
            f"  exit {self.code} in {self.seconds:.2f} s",
        ]
        lines += [f"  BROKEN: {b}" for b in self.broken]
        if self.broken:
            lines += [f"  stderr: {line}" for line in self.err.splitlines()[-15:]]
        return "\n".join(lines)


def build_base(depot: Path) -> None:
    """The small network every case starts from: two lycées, four dossiers, settings."""
    shutil.copytree(DATA / "reseau", depot)
    jeunes = depot / "records/jeunes/2026/0990001N"
    for path in sorted((DATA / "valid/jeune").glob("*.yaml")):
        shutil.copy(path, jeunes / path.name)
    shutil.copy(DATA / "valid/parametres/parametres.yaml", depot / "records/parametres.yaml")
    add_second_lycee(depot)
    shutil.copy(REPO / "mkdocs.yml", depot / "mkdocs.yml")
    shutil.copytree(REPO / "site", depot / "site")


def _options(rng: random.Random, ctx: Context) -> list[str]:
    out = str(ctx.out)
    kind = rng.choices(["valider", "statut", "echeances", "site", "bad"], [4, 3, 3, 1, 1])[0]
    date = ["--date", rng.choice(DATES if rng.random() < 0.85 else BAD_DATES)]
    date = date if rng.random() < 0.9 else []
    if kind == "valider":
        args = ["valider", *date, "--format", rng.choice(["texte", "json", "gitlab", "junit",
                "github", "sarif"])]  # fmt: skip
        if rng.random() < 0.3:
            args.append("--alertes")
        if rng.random() < 0.3:
            args += ["--rapport", f"{rng.choice(['sarif', 'junit', 'gitlab'])}:{out}/rapport"]
        if rng.random() < 0.2:
            args.append(str(rng.choice(yaml_files(ctx.depot) or [ctx.depot / "records"])))
        return args
    if kind == "statut":
        args = ["statut", *date, "--format", rng.choice(["texte", "csv", "json"])]
        if rng.random() < 0.2:
            args.append(rng.choice(["0990001N-2026-001", "0990001N-2026-002", "x"]))
        if rng.random() < 0.2:
            args += ["--referent", rng.choice(["c-durand", "m-roux", "b-martin"])]
        return args
    if kind == "echeances":
        args = ["echeances", *date, "--format", rng.choice(["texte", "json"])]
        if rng.random() < 0.5:
            args += ["--jours", rng.choice(JOURS)]
        if rng.random() < 0.3:
            args += ["--ics", f"{out}/agenda.ics"]
        return args
    if kind == "site":
        args = ["site", *date, "--sortie", f"{out}/site"]
        if rng.random() < 0.3:
            args.append(rng.choice(["--pseudonymiser", "--etablissement=0990001N"]))
        return args
    return [a.replace("{depot}", str(ctx.depot)) for a in rng.choice(BAD_OPTIONS)]


def snapshot(top: Path, skip: Path) -> dict[str, tuple[str, ...]]:
    """Every entry under `top` but `skip`: its kind and content (links are not followed)."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted(top.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[str(path)] = ("lien", os.readlink(path))
        elif stat.S_ISREG(mode):
            found[str(path)] = ("fichier", hashlib.sha1(path.read_bytes()).hexdigest())
        else:
            found[str(path)] = ("dossier" if stat.S_ISDIR(mode) else "spécial",)
    return found


def _in_process(argv: list[str]) -> tuple[int, str, str]:
    from pae.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # main itself let something through: a bug
            code = -1
            err.write(f"Traceback: exception {type(exc).__name__} escaped main: {exc}\n")
    return code, out.getvalue(), err.getvalue()


def _subprocess(argv: list[str]) -> tuple[int, str, str]:
    pae = Path(sys.executable).with_name("pae")
    env = {k: v for k, v in os.environ.items() if k not in ("PAE_DEBUG", "CI_PAGES_URL")}
    done = subprocess.run([str(pae), *argv], capture_output=True, env=env, timeout=600, check=False)
    return (
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def _mutate(mutation: Callable[[Context], str], ctx: Context) -> str:
    try:
        return mutation(ctx)
    except (OSError, LookupError, TypeError, ValueError) as exc:  # an earlier one got there
        return f"{mutation.__name__}: not applicable ({type(exc).__name__})"


def run_case(seed: int, number: int, work: Path, in_process: bool = True) -> Outcome:
    """Build case `number` of `seed` in the empty folder `work`, run it, check it."""
    rng = random.Random(f"{seed}:{number}")
    ctx = Context(rng, work / "depot", work / "ailleurs", work / "sortie")
    build_base(ctx.depot)
    ctx.outside.mkdir()
    ctx.out.mkdir()
    count = rng.choice((1, 1, 1, 2, 2, 3))
    mutations = [_mutate(rng.choice(MUTATIONS), ctx) for _ in range(count)]
    argv = ["--depot", str(ctx.depot), *_options(rng, ctx)]
    outcome = Outcome(seed, number, mutations, argv)
    before = snapshot(work, ctx.out)
    started = time.perf_counter()
    run: Callable[[list[str]], tuple[int, str, str]] = _in_process if in_process else _subprocess
    outcome.code, outcome.out, outcome.err = run(argv)
    outcome.seconds = time.perf_counter() - started
    _check(outcome, before, snapshot(work, ctx.out), ctx)
    return outcome


def _check(
    outcome: Outcome,
    before: dict[str, tuple[str, ...]],
    after: dict[str, tuple[str, ...]],
    ctx: Context,
) -> None:
    broken = outcome.broken
    if outcome.code not in EXIT_CODES:
        broken.append(f"exit code {outcome.code}")
    for stream in (outcome.out, outcome.err):
        if "Traceback" in stream or "Erreur interne" in stream:
            broken.append("a traceback or an internal error")
    if before != after:
        changed = sorted(set(before.items()) ^ set(after.items()))
        broken.append(f"written outside the output folder: {[c[0] for c in changed][:5]}")
    leftovers = [p.name for p in ctx.out.iterdir() if p.name.startswith(".")]
    if leftovers:
        broken.append(f"build folders left beside the output: {leftovers}")
    limit = LIMIT_SECONDS + (site_baseline() if "site" in outcome.argv else 0.0)
    if outcome.seconds > limit and not ctx.huge:
        broken.append(f"{outcome.seconds:.1f} s, over {limit:.1f} s")


@cache
def site_baseline() -> float:
    """How long `pae site` takes on the unmutated network here: MkDocs alone takes a few
    seconds, which the bound of a case comes on top of."""
    with tempfile.TemporaryDirectory(prefix="pae-fuzz-base-") as name:
        work = Path(name)
        build_base(work / "depot")
        argv = ["--depot", str(work / "depot"), "site", "--date", "2026-10-15"]
        started = time.perf_counter()
        code, _, err = _in_process([*argv, "--sortie", str(work / "sortie" / "site")])
        assert code == 0, err
        return time.perf_counter() - started

"""Time `pae site` on N generated dossiers (the site must stay well under a minute at 1,000).

    python bench/site.py --n 1000

Writes the records with bench/generate.py into bench/out/site-<N>/ (git-ignored), every
young person with a surname of their own (the redaction of names must not slow down with
their number), then builds the site twice: each phase in-process (load and compute, the
redaction of a pseudonymised and of a one-lycée site, write the pages, the calendars,
MkDocs), then the whole command as users run it (calendars written in a second process
while MkDocs builds). Prints seconds, the number of pages and the size of the site and of
its search index. `--sans-site` stops after the redaction (for large N).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import TODAY, generate
from pae.repository import usable as usable_network
from pae.site import calendars
from pae.site.assembly import Options, assemble, prepare
from pae.site.builder import build
from pae.site.narrowing import pseudonymise, restrict
from pae.site.publish import sync


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _redaction(root: Path, today: date) -> None:
    network = usable_network(root, today).network
    texts = [
        p.resume or ""
        for d in network.dossiers
        for p in d.points  # what the redactor reads on every page
    ]
    t0 = time.perf_counter()
    _, redact = pseudonymise(network)
    t1 = time.perf_counter()
    for text in texts:
        redact(text)
    t2 = time.perf_counter()
    restrict(network, next(iter(sorted(network.etablissements))))
    t3 = time.perf_counter()
    print(f"pseudonymisation de tous les dossiers : {t1 - t0:6.2f} s")
    print(f"caviardage de {len(texts)} résumés     : {t2 - t1:6.2f} s")
    print(f"restriction à un lycée               : {t3 - t2:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of dossiers")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--sans-site", action="store_true", help="time the redaction only")
    args = parser.parse_args()
    root = args.out / f"site-{args.n}"
    manifest = generate(root, args.n, unique_names=True)
    print(f"{args.n} dossiers générés ({len(manifest['planted'])} invalides exprès) dans {root}")
    today = date.fromisoformat(TODAY.isoformat())
    _redaction(root.resolve(), today)
    if args.sans_site:
        return

    opts = Options(root.resolve(), today, root / "public")
    t0 = time.perf_counter()
    site, project = prepare(opts)
    t1 = time.perf_counter()
    gen = assemble(site, project, opts.root, with_calendars=False)
    sync(gen.docs_dir, gen.files)
    t2 = time.perf_counter()
    ics = dict(calendars.calendar_files(site))
    t3 = time.perf_counter()
    build(gen, (root / "public").resolve())
    t4 = time.perf_counter()
    print(f"lecture, validation et calculs : {t1 - t0:6.1f} s")
    print(f"écriture des pages            : {t2 - t1:6.1f} s ({len(gen.files)} fichiers)")
    print(f"calendriers (en parallèle)     : {t3 - t2:6.1f} s ({len(ics)} fichiers)")
    print(f"construction MkDocs           : {t4 - t3:6.1f} s")

    pae = Path(sys.executable).with_name("pae")
    start = time.perf_counter()
    subprocess.run(
        [str(pae), "--depot", str(root), "site", "--date", TODAY.isoformat()],
        check=True,
        capture_output=True,
    )
    total = time.perf_counter() - start
    public = root / "public"
    pages = sum(1 for _ in public.rglob("index.html"))
    index = public / "search" / "search_index.json"
    dossier = next((public / "dossiers").glob("*/index.html"))
    print(f"pae site (commande complète)  : {total:6.1f} s")
    print(
        f"{pages} pages, site de {_size(public) / 1e6:.1f} Mo, index de recherche de "
        f"{index.stat().st_size / 1e6:.2f} Mo, une page de dossier de "
        f"{dossier.stat().st_size / 1e3:.0f} Ko"
    )


if __name__ == "__main__":
    main()

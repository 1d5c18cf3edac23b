"""The small network of the `pae statut` and `pae echeances` tests: two lycées, six
young people at every step, seen on 2026-10-15."""

from __future__ import annotations

from pathlib import Path

from dossier_builder import Jeune, en_parcours, write_network

TODAY = "2026-10-15"


def jeunes() -> list[Jeune]:
    return [
        en_parcours(1),
        Jeune(2, resultat="ajourne", nom="Bernard", prenom="Yanis"),
        Jeune(3, nom="Diallo", prenom="Moussa")
        .contact("2026-07-09")
        .info("2026-09-10")
        .inscription("2026-09-12", referent="m-roux")
        .approfondi("2026-09-15")
        .action("a1", "2026-10-20", "2026-11-27"),
        Jeune(1, uai="0990002P", nom="Petit", prenom="Inès")
        .contact("2026-07-10")
        .info("2026-09-10", france_travail={"inscrit": True}),
        Jeune(5, nom="Leroy", prenom="Hugo")
        .contact("2026-07-06")
        .info("2026-09-07")
        .inscription("2026-09-08")
        .approfondi("2026-09-09")
        .action("a1", "2026-09-14", "2026-10-02")
        .point("2026-09-25")
        .bilan("2026-10-09", "emploi", transmis="2026-10-12"),
        Jeune(6, nom="Moreau", prenom="Sarah")
        .contact("2026-07-06")
        .info("2026-09-07")
        .inscription("2026-09-08")
        .approfondi("2026-09-09")
        .action("a1", "2026-09-14", "2026-10-02")
        .sortie("2026-10-02", "formation")
        .bilan("2026-10-09", "formation", imilo=False),
    ]


def write_depot(tmp_path: Path) -> Path:
    root = write_network(tmp_path / "depot", *jeunes())
    # A second lycée, same mission locale and référent ids.
    first = (root / "records/etablissements/0990001N.yaml").read_text("utf-8")
    second = first.replace("0990001N", "0990002P").replace(
        "Lycée professionnel de Test", "Lycée des Métiers du Test"
    )
    (root / "records/etablissements/0990002P.yaml").write_text(second, "utf-8")
    return root

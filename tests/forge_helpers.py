"""Helpers of the forge tests: `pae` through its real entry point, git repositories, a
second lycée beside the test network."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from pae.cli.main import main


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def pae(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Outcome:
    """Run `pae` as users do, through `main`: French errors and exit codes included."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exited.value.code
    return Outcome(code if isinstance(code, int) else 1, out, err)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def init_repo(root: Path) -> None:
    """A git repository of `root` on branch main, with everything in one first commit."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test PAE")
    git(root, "config", "user.email", "test@pae.example")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, "Réseau de test")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


LYCEE_2 = """\
uai: 0990002P
nom: Lycée professionnel Deux
commune: Deuxville
zone_vacances: A
chef_etablissement: M. Deux
forge_chef: mdeux
mission_locale: ml-deux
referents:
  - id: b-martin
    nom: Bruno Martin
    courriel: bruno.martin@ac-demo.example
"""

ML_2 = """\
id: ml-deux
nom: Mission locale Deux
courriel: contact@ml-deux.example
conseillers:
  - id: c-petit
    nom: Chloé Petit
    courriel: c.petit@ml-deux.example
"""

DOSSIER_2 = """\
id: 0990002P-2026-001
session: 2026
etablissement: 0990002P
volontaire: true
identite:
  nom: Durand
  prenom: Paul
  date_naissance: 2007-05-01
examen:
  diplome: bac_pro
  specialite: Métiers du commerce et de la vente
  resultat: ajourne
  premiere_session: 2026
reperage:
  motif: echec_examen
  contacts:
    - date: 2026-07-08
      canal: telephone
      resultat: joint
      propositions: [reinscription]
      reponse: en_reflexion
"""

FILE_2 = "records/jeunes/2026/0990002P/0990002P-2026-001.yaml"
FILE_1 = "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"


def add_second_lycee(root: Path) -> None:
    """Lycée 0990002P, its mission locale ml-deux and one dossier naming neither the first
    lycée, nor ml-test, nor the offre boulangerie-du-centre."""
    files = {
        "records/etablissements/0990002P.yaml": LYCEE_2,
        "records/missions-locales/ml-deux.yaml": ML_2,
        FILE_2: DOSSIER_2,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

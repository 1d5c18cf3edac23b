"""A small network for the site tests: two lycées, a dozen dossiers, a git history.

Built from tests/data/reseau (lycée 0990001N, mission locale ml-test) plus a second lycée
(0990002P) with its own mission locale, dossiers with distinctive names, contact details and
birth dates (what pseudonymisation must hide), one dossier whose free text is an XSS attempt,
one (TALKATIVE) whose free text names the other lycée, its staff and young people and types
its own contact details, an action at the other lycée, an entry of the local offer whose
contact is the other lycée's head, and, on request, an invalid dossier.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RESEAU = Path(__file__).parent / "data" / "reseau"
TEMPLATE = RESEAU / "records/jeunes/2026/0990001N/0990001N-2026-001.yaml"
TODAY = "2026-10-20"
FORGE = "https://forge.example/academie/pae"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_LINK = "[x](javascript:alert(1))"

OTHER_LYCEE = {
    "uai": "0990002P",
    "nom": "Lycée professionnel Quentin Ravelsberg",
    "commune": "Ravelville",
    "zone_vacances": "A",
    "chef_etablissement": "M. Ostrowski-Vandamme",
    "mission_locale": "ml-ravel",
    "referents": [
        {"id": "b-hurtaud", "nom": "Bérénice Hurtaud", "courriel": "b.hurtaud@ac-demo.example"}
    ],
}
OTHER_ML = {
    "id": "ml-ravel",
    "nom": "Mission locale du Ravel",
    "courriel": "contact@ml-ravel.example",
    "conseillers": [{"id": "y-kervella", "nom": "Yann Kervella", "courriel": "y.k@ml.example"}],
}


@dataclass
class Person:
    prenom: str
    nom: str
    naissance: str
    telephone: str
    courriel: str
    uai: str
    ident: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


PEOPLE = [
    Person(
        "Zéphyrine",
        "Quillacq",
        "2007-05-14",
        "06 11 22 33 01",
        "zephyrine.q@example.org",
        "0990001N",
    ),
    Person(
        "Anatole", "Brisebarre", "2008-02-03", "06 11 22 33 02", "anatole.b@example.org", "0990001N"
    ),
    Person(
        "Ombeline",
        "Trouvadec",
        "2007-11-30",
        "06 11 22 33 03",
        "ombeline.t@example.org",
        "0990001N",
    ),
    Person(
        "Gatien", "Lemercorre", "2008-07-19", "06 11 22 33 04", "gatien.l@example.org", "0990002P"
    ),
    Person(
        "Philippine",
        "Daubraque",
        "2007-01-08",
        "06 11 22 33 05",
        "philippine.d@example.org",
        "0990002P",
    ),
    Person(
        "Célestin",
        "Vauquelard",
        "2008-09-22",
        "06 11 22 33 06",
        "celestin.v@example.org",
        "0990002P",
    ),
]
TALKATIVE = 1
"""Index in PEOPLE of the young person (of 0990001N) whose record says too much."""
INE = "2607031234K"
MLDS = {
    "id": "mlds-ravel",
    "nom": "MLDS du bassin (fictive)",
    "type": "mlds",
    "commune": "Testville",
    "contact": {"nom": "M. Ostrowski-Vandamme", "courriel": "mlds@ac-demo.example"},
    "actions": [{"id": "remobilisation", "type": "mlds_remobilisation", "intitule": "Module"}],
}
FIRST = Person("Honorine", "Castagnède", "2007-04-09", "", "", "0990001N", "0990001N-2026-001")
"""The young person of the template dossier, renamed."""
REFERENT = {"0990001N": "c-durand", "0990002P": "b-hurtaud"}
CONSEILLER = {"0990001N": ("ml-test", "a-benali"), "0990002P": ("ml-ravel", "y-kervella")}


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def dossier(person: Person, number: int) -> dict[str, Any]:
    """The template dossier (valid at TODAY, in programme) made this person's."""
    data = copy.deepcopy(yaml.safe_load(TEMPLATE.read_text(encoding="utf-8")))
    uai = person.uai
    person.ident = f"{uai}-2026-{number:03d}"
    data["id"] = person.ident
    data["etablissement"] = uai
    data["identite"] = {
        "nom": person.nom,
        "prenom": person.prenom,
        "date_naissance": person.naissance,
        "telephone": person.telephone,
        "courriel": person.courriel,
    }
    ml, conseiller = CONSEILLER[uai]
    data["entretien_information"]["mission_locale"] = ml
    data["inscription"]["referent"] = REFERENT[uai]
    data["inscription"]["conseiller_ml"] = conseiller
    data["suivi"]["points"][0]["resume"] = f"{person.prenom} s'intègre bien ; à revoir."
    data.update(person.extra)
    return data


def write_network(root: Path, *, invalid: bool = False, git: bool = True) -> list[Person]:
    """Write the network under `root` (which becomes a git repository); return the people."""
    shutil.copytree(RESEAU, root)
    records = root / "records"
    _dump(records / "etablissements/0990002P.yaml", OTHER_LYCEE)
    _dump(records / "missions-locales/ml-ravel.yaml", OTHER_ML)
    _dump(records / "parametres.yaml", {"forge": {"url_depot": FORGE}})
    # The template dossier stays, under a name as distinctive as the others.
    first = records / "jeunes/2026/0990001N/0990001N-2026-001.yaml"
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["identite"].update(nom=FIRST.nom, prenom=FIRST.prenom, date_naissance=FIRST.naissance)
    _dump(first, data)
    people = [copy.deepcopy(p) for p in PEOPLE]
    numbers = {"0990001N": 2, "0990002P": 1}
    for person in people:
        data = dossier(person, numbers[person.uai])
        numbers[person.uai] += 1
        _dump(records / f"jeunes/2026/{person.uai}/{person.ident}.yaml", data)
    _talkative(records, people[TALKATIVE], people[3])
    _dump(records / "offre/mlds-ravel.yaml", MLDS)
    xss = people[0]
    path = records / f"jeunes/2026/{xss.uai}/{xss.ident}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["suivi"]["points"][0]["resume"] = f"Attention {XSS_SCRIPT} et {XSS_LINK}"
    data["entretien_approfondi"]["projet_detail"] = "**gras** <b>pas gras</b> | `code`"
    data["parcours"]["actions"][0]["intitule"] = "Immersion <img src=x onerror=alert(2)>"
    _dump(path, data)
    if invalid:
        bad = dossier(
            Person("Invalide", "Cassé", "2007-01-01", "0", "x@example.org", "0990001N"), 90
        )
        bad["examen"]["resultat"] = "peut-etre"
        _dump(records / "jeunes/2026/0990001N/0990001N-2026-090.yaml", bad)
    if git:
        _git_history(root, xss)
    return people


def _talkative(records: Path, person: Person, other: Person) -> None:
    """Free text naming the other lycée, its head, a référent and a young person, and the
    young person's own phone, e-mail, INE and birth date typed another way; an action at
    the other lycée."""
    path = records / f"jeunes/2026/{person.uai}/{person.ident}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    year, month, day = person.naissance.split("-")
    phone = person.telephone.replace(" ", ".")
    data["identite"]["ine"] = INE
    data["suivi"]["points"][0]["resume"] = (
        f"Joignable au {phone} ou {person.courriel} (né le {day}/{month}/{year}, "
        f"INE {INE}). Vu au lycée Quentin Ravelsberg avec {other.prenom} {other.nom} ; "
        f"{OTHER_LYCEE['chef_etablissement']} et {OTHER_LYCEE['referents'][0]['nom']} prévenus."
    )
    data["parcours"]["actions"].append(
        {
            "id": "a2",
            "type": "atelier_orientation",
            "intitule": "Découverte des ateliers",
            "structure": OTHER_LYCEE["uai"],
            "lieu": "etablissement",
            "debut": "2026-10-19",
            "fin": "2026-10-23",
        }
    )
    _dump(path, data)


def _git(root: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Claire Durand",
        "GIT_AUTHOR_EMAIL": "claire@example.org",
        "GIT_COMMITTER_NAME": "Claire Durand",
        "GIT_COMMITTER_EMAIL": "claire@example.org",
        "GIT_AUTHOR_DATE": "2026-10-01T10:00:00+02:00",
        "GIT_COMMITTER_DATE": "2026-10-01T10:00:00+02:00",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(root),
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def _git_history(root: Path, person: Person) -> None:
    """Three commits; the XSS dossier is renamed once, so its history must follow it."""
    folder = root / "records/jeunes/2026" / person.uai
    final = folder / f"{person.ident}.yaml"
    first = folder / "brouillon.yaml"
    final.rename(first)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Premier jet <script>alert(3)</script>")
    _git(root, "mv", str(first.relative_to(root)), str(final.relative_to(root)))
    _git(root, "commit", "-q", "-m", "Renommage du dossier")
    with final.open("a", encoding="utf-8") as f:
        f.write("# relu\n")
    _git(root, "commit", "-q", "-am", f"Point de suivi de {person.prenom} {person.nom}")

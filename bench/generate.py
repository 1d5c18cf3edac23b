"""Write a synthetic data repository of realistic size for the validation benchmark.

    python bench/generate.py --n 10000 --out bench/out

Writes `records/` (lycées, missions locales, local offer, settings and N dossiers of about
100 lines, session 2026, valid as of 2026-11-27) and `planted.json`: the dossiers made
invalid on purpose (1 %), each with exactly one error whose code is recorded, so that
the slow path (French messages, positions) is exercised and its result can be checked.
The output depends only on N and the seed. No `schema/` is written: `pae` falls back to
the schemas shipped with the package. Every name is invented.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SESSION = 2026
TODAY = date(2026, 11, 27)
"""Reference date the dossiers are valid at (`pae valider --date 2026-11-27`)."""
UAI_KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schema/jeune.schema.json"

# (department prefix of the UAI, commune, school-holiday zone)
PLACES = [
    ("075", "Paris", "C"),
    ("093", "Saint-Denis", "C"),
    ("094", "Créteil", "C"),
    ("069", "Lyon", "A"),
    ("013", "Marseille", "B"),
    ("059", "Lille", "B"),
    ("033", "Bordeaux", "A"),
    ("031", "Toulouse", "C"),
    ("044", "Nantes", "B"),
    ("067", "Strasbourg", "B"),
    ("006", "Nice", "B"),
    ("035", "Rennes", "B"),
    ("034", "Montpellier", "C"),
    ("021", "Dijon", "A"),
    ("063", "Clermont-Ferrand", "A"),
    ("076", "Rouen", "B"),
    ("054", "Nancy", "B"),
    ("037", "Tours", "B"),
    ("087", "Limoges", "A"),
    ("080", "Amiens", "B"),
]
PATRONS = [
    "Jean Jaurès",
    "Louise Michel",
    "Gustave Eiffel",
    "Marie Curie",
    "Jean Moulin",
    "Simone Veil",
    "Paul Langevin",
    "Victor Hugo",
    "Olympe de Gouges",
    "Camille Claudel",
    "Jules Ferry",
    "Aimé Césaire",
]
PRENOMS = [
    "Léa",
    "Chloé",
    "Inès",
    "Maëlys",
    "Manon",
    "Camille",
    "Sarah",
    "Yasmine",
    "Jade",
    "Anaïs",
    "Lucas",
    "Noé",
    "Mathis",
    "Enzo",
    "Rayan",
    "Théo",
    "Hugo",
    "Bilal",
    "Kylian",
    "Mamadou",
    "Adam",
    "Nathan",
    "Océane",
    "Zoé",
]
NOMS = [
    "Martin",
    "Bernard",
    "Petit",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Garcia",
    "Roux",
    "Fontaine",
    "Benali",
    "Diallo",
    "Nguyen",
    "Lemaire",
    "Girard",
    "Mercier",
    "Traoré",
    "Da Silva",
    "Bonnet",
    "Chevalier",
    "Rousseau",
    "Haddad",
    "Lopez",
    "N'Diaye",
    "Perrin",
]
SPECIALITES = {
    "cap": [
        "Équipier polyvalent du commerce",
        "Cuisine",
        "Maintenance des véhicules",
        "Électricien",
        "Agent accompagnant au grand âge",
        "Boulanger",
        "Menuisier fabricant",
    ],
    "bac_pro": [
        "Métiers du commerce et de la vente",
        "Métiers de l'accueil",
        "Assistance à la gestion des organisations et de leurs activités",
        "Logistique",
        "Maintenance des systèmes de production connectés",
        "Accompagnement, soins et services à la personne",
        "Métiers de l'électricité et de ses environnements connectés",
    ],
    "bma": ["Ébéniste", "Verrier décorateur"],
    "dtms": ["Techniques de l'habillage", "Machiniste constructeur"],
}
UNITES = {"cap": ["EP1", "EP2", "EP3", "EG1", "EG2"], "bac_pro": ["E2", "E31", "E32", "E4"]}
PROJETS = [
    ("emploi", "Vendeuse en boulangerie, permis B en cours"),
    ("emploi", "Employé de rayon en grande surface"),
    ("apprentissage", "CAP Boulanger en apprentissage"),
    ("apprentissage", "BTS Négociation et digitalisation de la relation client en alternance"),
    ("formation_complementaire", "Certificat de spécialisation Vendeur spécialisé en alimentation"),
    ("formation_complementaire", "Repasser les épreuves générales au lycée"),
    ("emploi", "Agent logistique en entrepôt, CACES à passer"),
]
RESUMES = [
    "Bonne intégration dans l'équipe.",
    "Motivation en hausse, projet qui se précise.",
    "Quelques retards le matin, point fait avec le jeune.",
    "Recherche de contrat en cours, deux candidatures envoyées.",
    "Le tuteur est satisfait du travail fourni.",
    "Rendez-vous pris pour une visite du CFA.",
    "CV et lettre de motivation retravaillés ensemble.",
    "Le jeune souhaite prolonger l'immersion.",
]
OFFRE_TYPES = [
    ("entreprise", "stage_immersion", "Immersion en entreprise"),
    ("entreprise", "stage_clause_sociale", "Stage au titre des clauses sociales"),
    ("association", "competences_psychosociales", "Ateliers confiance en soi"),
    ("organisme_formation", "consolidation_acquis", "Remise à niveau en français et calcul"),
    ("cio", "atelier_orientation", "Atelier découverte des métiers"),
    ("mlds", "mlds_remobilisation", "Session de remobilisation"),
    ("tiers_lieu", "ateliers_recherche_emploi", "Ateliers de recherche d'emploi"),
    ("foquale", "foquale", "Accompagnement FOQUALE"),
]
ENTREPRISES = [
    "Boulangerie du Centre",
    "Garage des Tilleuls",
    "Supermarché de la Gare",
    "Entrepôt Logistique Nord",
    "Restaurant Le Bon Accueil",
    "Menuiserie Artisanale",
    "Pharmacie des Halles",
    "Hôtel du Parc",
]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
PLANTED_KINDS = [
    # (name, code): each mutation makes exactly one error of that code
    ("statut_inconnu", "E1"),
    ("cle_inconnue", "E1"),
    ("date_impossible", "E1"),
    ("tabulation", "E1"),
    ("champ_manquant", "E1"),
    ("referent_inconnu", "E2"),
    ("structure_inconnue", "E2"),
    ("mef_incompatible", "E5"),
    ("inscription_tardive", "E6"),
    ("presence_hors_action", "E8"),
    ("point_futur", "E8"),
]


def uai(digits: str) -> str:
    return digits + UAI_KEYS[int(digits) % 23]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][^:#\n\"\[\]{}]*[^\s:]")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def q(value: Any, flow: bool = False) -> str:
    """A scalar as a person would type it: plain when YAML reads it back unchanged."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return str(value)
    text = str(value)
    plain = _PLAIN.fullmatch(text) and text.lower() not in _RESERVED
    if plain and not (flow and _FLOW_UNSAFE.search(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(q(i, flow=True) for i in items) + "]"


# --- reference data ---------------------------------------------------------------------


@dataclass
class Lycee:
    uai: str
    commune: str
    zone: str
    ml: str
    referents: list[str]
    conseillers: list[str]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(PRENOMS), rng.choice(NOMS)


SYLLABLES = ["ba", "ke", "lo", "mi", "nu", "ra", "so", "ti", "vo", "zu"]
SYLLABLES += ["dan", "fer", "gal", "hou", "jar", "mor", "pel", "quin", "sil", "tur"]


def unique_surname(i: int) -> str:
    """An invented surname, different for each i below 20**4: "Bakelomi", "Kebalo"…"""
    parts = []
    for _ in range(4):
        i, r = divmod(i, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def staff(rng: random.Random, count: int, domain: str) -> list[tuple[str, str, str]]:
    """(id, nom, courriel) of `count` distinct people."""
    out: dict[str, tuple[str, str, str]] = {}
    while len(out) < count:
        prenom, nom = person(rng)
        ident = slug(f"{prenom[0]}-{nom}")
        if ident not in out:
            courriel = f"{slug(prenom)}.{slug(nom)}@{domain}".replace("-", "")
            out[ident] = (ident, f"{prenom} {nom}", courriel)
    return list(out.values())


def write_reference(records: Path, rng: random.Random, lycees_count: int) -> list[Lycee]:
    for sub in ("etablissements", "missions-locales", "offre"):
        (records / sub).mkdir(parents=True, exist_ok=True)
    (records / "parametres.yaml").write_text(
        "# Paramètres du réseau (jeu de données généré pour la mesure de performance)\n"
        "suivi:\n  intervalle_points_jours_ecole: 10\n  seuil_assiduite_pourcent: 80\n",
        encoding="utf-8",
    )
    lycees: list[Lycee] = []
    for i in range(lycees_count):
        dept, commune, zone = PLACES[i % len(PLACES)]
        digits = f"{dept}{(1000 + 37 * i) % 10000:04d}"
        code = uai(digits)
        ml = f"ml-{slug(commune)}" + (f"-{i // len(PLACES) + 1}" if i >= len(PLACES) else "")
        conseillers = staff(rng, rng.randint(3, 5), "ml-demo.example")
        _write_ml(records, ml, commune, conseillers)
        referents = staff(rng, rng.randint(3, 6), "ac-demo.example")
        _write_lycee(records, code, commune, zone, ml, referents, PATRONS[i % len(PATRONS)])
        lycees.append(
            Lycee(code, commune, zone, ml, [r[0] for r in referents], [c[0] for c in conseillers])
        )
    return lycees


def _write_ml(records: Path, ml: str, commune: str, people: list[tuple[str, str, str]]) -> None:
    lines = [
        f"id: {ml}",
        f"nom: {q('Mission locale de ' + commune)}",
        f"commune: {q(commune)}",
        f"courriel: contact@{ml}.example",
        'telephone: "01 23 45 67 89"',
        "conseillers:",
    ]
    for ident, nom, courriel in people:
        lines += [f"  - id: {ident}", f"    nom: {q(nom)}", f"    courriel: {courriel}"]
    (records / "missions-locales" / f"{ml}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def _write_lycee(
    records: Path,
    code: str,
    commune: str,
    zone: str,
    ml: str,
    people: list[tuple[str, str, str]],
    patron: str,
) -> None:
    lines = [
        f"uai: {code}",
        f"nom: {q('Lycée professionnel ' + patron)}",
        f"commune: {q(commune)}",
        f"zone_vacances: {zone}",
        "chef_etablissement: Mme Exemple",
        f"mission_locale: {ml}",
        "psyen: M. Exemple",
        "referents:",
    ]
    for ident, nom, courriel in people:
        lines += [
            f"  - id: {ident}",
            f"    nom: {q(nom)}",
            f"    courriel: {courriel}",
            f"    forge: {ident.replace('-', '')}",
        ]
    (records / "etablissements" / f"{code}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def write_offre(records: Path, rng: random.Random) -> dict[str, list[str]]:
    """The local offer; returns structure ids by action type."""
    by_type: dict[str, list[str]] = {}
    for i in range(40):
        kind, action_type, intitule = OFFRE_TYPES[i % len(OFFRE_TYPES)]
        name = ENTREPRISES[i % len(ENTREPRISES)] if kind == "entreprise" else intitule
        ident = f"{slug(name)}-{i}"
        commune = PLACES[i % len(PLACES)][1]
        lines = [
            f"id: {ident}",
            f"nom: {q(name)}",
            f"type: {kind}",
            f"commune: {q(commune)}",
            "contact:",
            f"  nom: {q('M. ' + rng.choice(NOMS))}",
            f"  courriel: contact@{ident}.example",
            "actions:",
            f"  - id: {slug(action_type)}",
            f"    type: {action_type}",
            f"    intitule: {q(intitule)}",
        ]
        (records / "offre" / f"{ident}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        by_type.setdefault(action_type, []).append(ident)
    return by_type


# --- dossiers -------------------------------------------------------------------------


def weekdays_between(start: date, end: date, days: list[str]) -> list[date]:
    wanted = {JOURS.index(d) for d in days}
    out, day = [], start
    while day <= end:
        if day.weekday() in wanted:
            out.append(day)
        day += timedelta(days=1)
    return out


def next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def dossier(
    rng: random.Random,
    lycee: Lycee,
    number: int,
    offre: dict[str, list[str]],
    planted: str | None,
    surname: str | None = None,
) -> str:
    """One dossier as YAML text, valid as of TODAY unless `planted` names a mutation."""
    ident = f"{lycee.uai}-{SESSION}-{number:03d}"
    diplome = rng.choices(["cap", "bac_pro", "bma", "dtms"], [45, 50, 3, 2])[0]
    resultat = "ajourne" if rng.random() < 0.7 else "admis"
    motif = (
        "echec_examen"
        if resultat == "ajourne"
        else rng.choice(["sans_proposition_parcoursup", "sans_solution_connue"])
    )
    prenom, nom = person(rng)
    nom = surname or nom
    early_exit = planted is None and rng.random() < 0.12
    ei_date = date(SESSION, 9, 1) + timedelta(days=rng.randint(0, 14))
    ins_date = ei_date + timedelta(days=rng.randint(0, 4))
    if planted == "inscription_tardive":
        # Late, and the plan after it: the only error is the enrolment's date (E6), not
        # actions before it (E10).
        ins_date = date(SESSION, 10, 1)
    ea_date = ei_date + timedelta(days=rng.randint(2, 6))
    conseiller = rng.choice(lycee.conseillers)
    referent = rng.choice(lycee.referents)
    mef = "pae_n3" if diplome == "cap" else "pae_n4"

    # The plan: an action at the lycée, a company placement after the Toussaint holidays,
    # then an action of the local offer; weekly slots, attendance up to today.
    a1_start = next_weekday(max(ins_date, ea_date) + timedelta(days=rng.randint(1, 8)), 0)
    a1: dict[str, Any] = {
        "id": "a1",
        "type": rng.choice(["ateliers_recherche_emploi", "mobilisation_bilan_competences"]),
        "intitule": "Ateliers de recherche d'emploi au lycée",
        "structure": lycee.uai,
        "lieu": "etablissement",
        "debut": a1_start,
        "fin": date(SESSION, 10, 16),
        "creneaux": [
            ("mardi", "09:00", "12:00"),
            ("jeudi", "14:00", "17:00"),
            ("vendredi", "09:00", "12:00"),
        ],
    }
    stage_type = rng.choice(["stage_immersion", "stage_clause_sociale"])
    a2: dict[str, Any] = {
        "id": "a2",
        "type": stage_type,
        "intitule": rng.choice(
            ["Immersion en boulangerie", "Stage en magasin", "Stage en atelier"]
        ),
        "structure": rng.choice(offre[stage_type]),
        "lieu": "entreprise",
        "debut": date(SESSION, 11, 2),
        "fin": date(SESSION, 11, 20),
        "convention": f"{{date_signature: {date(SESSION, 10, 12)}, reference: CS-{number:03d}}}",
        "creneaux": [
            ("lundi", "09:00", "17:00"),
            ("mardi", "09:00", "17:00"),
            ("jeudi", "09:00", "17:00"),
        ],
    }
    a2["creneaux"].append(("vendredi", "09:00", "12:00"))
    a3_type = rng.choice(
        ["consolidation_acquis", "atelier_orientation", "competences_psychosociales"]
    )
    a3: dict[str, Any] = {
        "id": "a3",
        "type": a3_type,
        "intitule": rng.choice(["Remise à niveau", "Découverte des métiers", "Confiance en soi"]),
        "structure": rng.choice(offre[a3_type]),
        "lieu": "structure_psad",
        "debut": date(SESSION, 11, 23),
        "fin": date(SESSION, 12, 11) - timedelta(days=rng.randint(0, 4)),
        "creneaux": [
            ("lundi", "14:00", "17:00"),
            ("mercredi", "09:00", "12:00"),
            ("jeudi", "09:00", "12:00"),
        ],
    }
    actions = [a1, a2, a3]
    exit_date = date(SESSION, 11, 24) + timedelta(days=rng.randint(0, 2)) if early_exit else None
    last_day = exit_date or TODAY
    sessions: list[tuple[date, str]] = []
    for a in actions:
        days = [c[0] for c in a["creneaux"]]
        for day in weekdays_between(a["debut"], min(a["fin"], last_day), days):
            sessions.append((day, a["id"]))
    assiduite: list[dict[str, Any]] = []
    for day, action in sorted(sessions):
        statut = rng.choices(["present", "absent", "absent_justifie", "retard"], [85, 5, 5, 5])[0]
        assiduite.append({"date": day, "action": action, "statut": statut})
    points: list[dict[str, Any]] = []
    day = ins_date + timedelta(days=rng.randint(10, 14))
    while day <= last_day and len(points) < 3:
        avec = ["jeune"] if rng.random() < 0.6 else ["jeune", "conseiller_ml"]
        points.append({"date": day, "avec": avec})
        day += timedelta(days=rng.randint(18, 30))
    for p in points:
        p["resume"] = rng.choice(RESUMES)

    # Planted errors: exactly one error each (see PLANTED_KINDS).
    mutate_text = None
    if planted == "statut_inconnu":
        assiduite[len(assiduite) // 2]["statut"] = "presnt"
    elif planted == "cle_inconnue":
        points[0]["resumer"] = points[0].pop("resume")
    elif planted == "date_impossible":
        pass  # written below, on the birth date
    elif planted == "tabulation":
        mutate_text = ("\n  prenom:", "\n\tprenom:")
    elif planted == "referent_inconnu":
        referent = "x-inconnu"
    elif planted == "structure_inconnue":
        a3["structure"] = "structure-inconnue"
    elif planted == "mef_incompatible":
        mef = "pae_n4" if mef == "pae_n3" else "pae_n3"
    elif planted == "presence_hors_action":
        assiduite[0]["date"] = a1["debut"] - timedelta(days=1)
    elif planted == "point_futur":
        points[-1]["date"] = TODAY + timedelta(days=5)

    birth = date(SESSION - rng.randint(17, 20), rng.randint(1, 12), rng.randint(1, 28))
    birth_text = f"{birth.year}-02-30" if planted == "date_impossible" else str(birth)
    out = [
        SCHEMA_LINE,
        f"id: {ident}",
        f"session: {SESSION}",
        f"etablissement: {lycee.uai}",
        "volontaire: true",
    ]
    if rng.random() < 0.5:
        out.append("dispositif: avenirpro_plus")
    out.append(f"boursier: {q(rng.random() < 0.4)}")
    out += [
        "",
        "identite:",
        f"  nom: {q(nom)}",
        f"  prenom: {q(prenom)}",
        f"  date_naissance: {birth_text}",
        f'  telephone: "06 {rng.randint(10, 99)} {rng.randint(10, 99)} '
        f'{rng.randint(10, 99)} {rng.randint(10, 99)}"',
    ]
    if rng.random() < 0.6:
        out.append(f"  courriel: {slug(prenom)}.{slug(nom)}{number}@example.org".replace("-", ""))
    out += [
        "",
        "examen:",
        f"  diplome: {diplome}",
        f"  specialite: {q(rng.choice(SPECIALITES[diplome]))}",
    ]
    if planted != "champ_manquant":
        out.append(f"  resultat: {resultat}")
    out.append(f"  premiere_session: {SESSION - (1 if rng.random() < 0.2 else 0)}")
    if resultat == "ajourne" and diplome in UNITES and rng.random() < 0.4:
        out.append("  notes_conservees:")
        for unite in rng.sample(UNITES[diplome], rng.randint(1, 2)):
            out.append(f"    - {{unite: {unite}, note: {rng.randint(20, 36) / 2}}}")

    out += ["", "reperage:", f"  motif: {motif}", "  contacts:"]
    first = date(SESSION, 7, 3) + timedelta(days=rng.randint(0, 6))
    if rng.random() < 0.3:
        out += [
            f"    - date: {first}",
            "      canal: telephone",
            "      resultat: message_laisse",
        ]
        first += timedelta(days=rng.randint(2, 7))
    out += [
        f"    - date: {first}",
        f"      canal: {rng.choice(['telephone', 'sms', 'rencontre'])}",
        "      resultat: joint",
        "      propositions: [reinscription, entretien_information]",
        "      reponse: entretien_accepte",
    ]

    besoins = rng.sample(["logement", "mobilite", "financier", "autre"], rng.randint(0, 1))
    inscrit_ft = rng.random() < 0.3
    out += [
        "",
        "entretien_information:",
        f"  date: {ei_date}",
        f"  mission_locale: {lycee.ml}",
        "  participants: [chef_etablissement, conseiller_ml, referent, jeune]",
    ]
    if besoins:
        out.append(f"  besoins: {flow_list(besoins)}")
    if inscrit_ft:
        out += ["  france_travail:", "    inscrit: true", "    verifie: true"]
    elif rng.random() < 0.3:
        out += ["  france_travail:", "    inscrit: false"]
    out += [
        "  decision: inscription",
        "",
        "inscription:",
        f"  date: {ins_date}",
        f"  mef: {mef}",
        f"  referent: {referent}",
        f"  conseiller_ml: {conseiller}",
        "  dossier_imilo: true",
    ]
    projet, detail = rng.choice(PROJETS)
    out += [
        "",
        "entretien_approfondi:",
        f"  date: {ea_date}",
        "  participants: [referent, conseiller_ml, jeune]",
        f"  projet: {projet}",
        f"  projet_detail: {q(detail)}",
        "",
        "parcours:",
        "  actions:",
    ]
    for a in actions:
        out += [
            f"    - id: {a['id']}",
            f"      type: {a['type']}",
            f"      intitule: {q(a['intitule'])}",
            f"      structure: {a['structure']}",
            f"      lieu: {a['lieu']}",
            f"      debut: {a['debut']}",
            f"      fin: {a['fin']}",
        ]
        if "convention" in a:
            out.append(f"      convention: {a['convention']}")
        out.append("      creneaux:")
        for jour, debut, fin in a["creneaux"]:
            out.append(f'        - {{jour: {jour}, debut: "{debut}", fin: "{fin}"}}')

    out += ["", "suivi:", "  points:"]
    for p in points:
        out.append(f"    - date: {p['date']}")
        out.append(f"      avec: {flow_list(p['avec'])}")
        for key in ("resume", "resumer"):
            if key in p:
                out.append(f"      {key}: {q(p[key])}")
    out.append("  assiduite:")
    for line in assiduite:
        out.append(
            f"    - {{date: {line['date']}, action: {line['action']}, statut: {line['statut']}}}"
        )

    if exit_date:
        solution, sol_detail = rng.choice(
            [("emploi", "CDD de six mois en magasin"), ("apprentissage", "Contrat signé au CFA")]
        )
        out += [
            "",
            "sortie_anticipee:",
            f"  date: {exit_date}",
            f"  motif: {solution}",
            "",
            "bilan:",
            f"  date: {exit_date + timedelta(days=1)}",
            "  participants: [referent, conseiller_ml, jeune]",
            f"  solution: {solution}",
            f"  solution_detail: {q(sol_detail)}",
            f"  transmis_chef_etablissement: {exit_date + timedelta(days=1)}",
            "  imilo_mis_a_jour: true",
        ]
    else:
        out += [
            "",
            "bilan:",
            f"  date: {date(SESSION, 12, 14) + timedelta(days=rng.randint(0, 4))}",
            "  participants: [referent, conseiller_ml, jeune]",
        ]
    text = "\n".join(out) + "\n"
    if mutate_text:
        text = text.replace(*mutate_text, 1)
    return text


def generate(
    out: Path, n: int, seed: int = 2026, invalid_rate: float = 0.01, unique_names: bool = False
) -> dict[str, Any]:
    """(Re)write `out/records` and `out/planted.json`; return the manifest.

    `unique_names`: every young person gets a surname of their own, as in a real network
    (the site's redaction of names must not slow down with their number)."""
    rng = random.Random(seed)
    records = out / "records"
    if records.exists():
        if not (out / "planted.json").exists():  # never wipe a real repository's data
            raise SystemExit(f"{records} was not written by this script: choose another --out")
        shutil.rmtree(records)
    out.mkdir(parents=True, exist_ok=True)
    lycees = write_reference(records, rng, max(20, -(-n // 900)))
    offre = write_offre(records, rng)
    planted_count = round(n * invalid_rate) if n >= 100 else min(n, 1)
    planted_at = set(rng.sample(range(n), planted_count))
    planted: list[dict[str, str]] = []
    counters: dict[str, int] = {}
    lines = 0
    for i in range(n):
        lycee = lycees[i % len(lycees)]
        counters[lycee.uai] = number = counters.get(lycee.uai, 0) + 1
        kind, code = PLANTED_KINDS[len(planted) % len(PLANTED_KINDS)]
        mutation = kind if i in planted_at else None
        surname = unique_surname(i) if unique_names else None
        text = dossier(rng, lycee, number, offre, mutation, surname)
        folder = records / "jeunes" / str(SESSION) / lycee.uai
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{lycee.uai}-{SESSION}-{number:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        lines += text.count("\n")
        if mutation:
            rel = path.relative_to(out).as_posix()
            planted.append({"fichier": rel, "code": code, "erreur": kind})
    manifest = {
        "n": n,
        "unique_names": unique_names,
        "seed": seed,
        "date": TODAY.isoformat(),
        "lignes_par_dossier": round(lines / n, 1) if n else 0,
        "planted": planted,
    }
    (out / "planted.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return manifest


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=positive, default=10_000, help="number of dossiers")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument(
        "--unique-names", action="store_true", help="a surname of their own for each young person"
    )
    args = parser.parse_args()
    manifest = generate(args.out, args.n, args.seed, unique_names=args.unique_names)
    print(
        f"{args.n} dossiers ({manifest['lignes_par_dossier']} lines on average), "
        f"{len(manifest['planted'])} invalid, in {args.out}"
    )


if __name__ == "__main__":
    main()

"""French words for the enumerated values and dates: one table each, for every output."""

from __future__ import annotations

from datetime import date

DIPLOMA_LABELS = {"cap": "CAP", "bac_pro": "bac pro", "bma": "BMA", "dtms": "DTMS"}
STEP_LABELS = {
    "a_contacter": "À contacter",
    "contacte": "Contacté",
    "entretien_information": "Entretien d'information",
    "inscrit": "Inscrit",
    "en_parcours": "En parcours",
    "bilan": "Bilan",
    "termine": "Terminé",
    "non_inscrit": "Non inscrit",
}
OUTCOME_LABELS = {
    "formation": "Formation",
    "apprentissage": "Apprentissage",
    "emploi": "Emploi",
    "service_civique": "Service civique",
    "parcours_insertion": "Parcours d'insertion",
    "sans_solution": "Sans solution",
    "non_renseignee": "Non renseignée",
}
ACTORS = {
    "chef_etablissement": "chef d'établissement",
    "referent": "référent",
    "conseiller_ml": "conseiller de la mission locale",
}

ACTION_TYPES = {
    "mobilisation_bilan_competences": "Mobilisation et bilan de compétences",
    "ateliers_recherche_emploi": "Ateliers de recherche d'emploi",
    "competences_psychosociales": "Compétences psychosociales",
    "consolidation_acquis": "Consolidation des acquis",
    "stage_immersion": "Stage ou immersion en entreprise",
    "stage_clause_sociale": "Stage (clause sociale)",
    "positionnement_scolaire": "Positionnement scolaire",
    "atelier_orientation": "Atelier d'orientation",
    "mlds_remobilisation": "Remobilisation MLDS",
    "preparation_epreuves": "Préparation d'épreuves",
    "foquale": "Solution FOQUALE",
    "service_civique_alterne": "Service civique alterné",
    "autre": "Autre",
}
OFFRE_TYPES = {
    "lycee": "Lycée",
    "mission_locale": "Mission locale",
    "mlds": "MLDS",
    "cio": "CIO",
    "foquale": "Réseau FOQUALE",
    "organisme_formation": "Organisme de formation",
    "entreprise": "Entreprise",
    "association": "Association",
    "tiers_lieu": "Tiers-lieu",
    "autre": "Autre",
}
LIEUX = {
    "etablissement": "au lycée",
    "structure_psad": "structure de la PSAD",
    "foquale": "réseau FOQUALE",
    "tiers_lieu": "tiers-lieu",
    "entreprise": "en entreprise",
}
PEOPLE = {
    "chef_etablissement": "chef d'établissement",
    "conseiller_ml": "conseiller de la mission locale",
    "psyen": "psychologue de l'Éducation nationale",
    "mlds": "coordonnateur MLDS",
    "referent": "référent",
    "jeune": "jeune",
    "responsable_legal": "responsable légal",
    "structure": "structure d'accueil",
}
MOTIFS = {
    "echec_examen": "examen non obtenu",
    "sans_proposition_parcoursup": "sans proposition Parcoursup acceptée",
    "sans_solution_connue": "sans solution connue",
}
CANAUX = {
    "telephone": "téléphone",
    "sms": "SMS",
    "courriel": "courriel",
    "courrier": "courrier",
    "rencontre": "rencontre",
}
CONTACT_RESULTS = {
    "joint": "joint",
    "injoignable": "injoignable",
    "message_laisse": "message laissé",
}
PROPOSITIONS = {
    "reinscription": "réinscription",
    "entretien_information": "entretien d'information",
    "autre": "autre",
}
REPONSES = {
    "entretien_accepte": "entretien accepté",
    "reinscription_acceptee": "réinscription acceptée",
    "refus": "refus",
    "en_reflexion": "en réflexion",
}
BESOINS = {
    "logement": "logement",
    "mobilite": "mobilité",
    "sante": "santé",
    "financier": "financier",
    "autre": "autre",
}
DECISIONS = {
    "inscription": "inscription au parcours",
    "reinscription_diplome": "réinscription pour repasser le diplôme",
    "refus": "refus",
    "en_reflexion": "en réflexion",
}
PROJETS = {
    "emploi": "emploi",
    "apprentissage": "apprentissage",
    "formation_complementaire": "formation complémentaire",
}
PRESENCE = {
    "present": "présent",
    "absent": "absent",
    "absent_justifie": "absence justifiée",
    "retard": "retard",
}
EXIT_REASONS = {
    "emploi": "emploi",
    "formation": "formation",
    "apprentissage": "apprentissage",
    "cej": "contrat d'engagement jeune (CEJ)",
    "demenagement": "déménagement",
    "abandon": "abandon",
    "autre": "autre",
}
HANDOVER_TO = {
    "psad": "plateforme de suivi et d'appui aux décrocheurs (PSAD)",
    "mission_locale": "mission locale",
}
RESULTATS = {"admis": "admis", "ajourne": "ajourné"}
SEXES = {"feminin": "féminin", "masculin": "masculin"}
HANDOVER = {
    "psad": "PSAD (plateforme de suivi et d'appui aux décrocheurs)",
    "mission_locale": "mission locale",
}
MEF = {"pae_n3": "PAE N3", "pae_n4": "PAE N4"}
DISPOSITIFS = {"pae": "Parcours Ambition Emploi", "avenirpro_plus": "AvenirPro+"}
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def label(table: dict[str, str], key: str | None) -> str:
    """The French word for an enumerated value; the value itself if unknown."""
    if key is None:
        return "—"
    return table.get(key, key.replace("_", " "))


def labels(table: dict[str, str], keys: tuple[str, ...] | list[str]) -> str:
    return ", ".join(label(table, k) for k in keys) or "—"


def fr(day: date) -> str:
    """A date as French users read it: 30/09/2026."""
    return day.strftime("%d/%m/%Y")


def fr_day_month(day: date) -> str:
    """30/09, for timetables and week ranges."""
    return day.strftime("%d/%m")


def fr_long(day: date) -> str:
    """lundi 5 octobre 2026."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def number(count: int) -> str:
    """1 950: French groups thousands with a narrow no-break space (U+202F)."""
    return f"{count:,}".replace(",", "\u202f")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 erreur`, `2 erreurs`, `0 erreur` (French: the singular up to one)."""
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"

"""The catalogue of codes: every error (E), warning (W) and alert (A) as data, one entry each.

Pages, reporters and exports read titles, severities and actors here, and match on the
members of `Code`, never on strings such as "A9".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pae.labels import ACTORS


class Severity(StrEnum):
    ERROR = "erreur"
    """The file is invalid: `pae valider` fails, the views set the file aside."""
    WARNING = "avertissement"
    """Probably a mistake, maybe not: printed, exit 0 unless `pae valider --strict`."""
    ALERT = "alerte"
    """A valid dossier where someone must act (`statut`, the site, `valider --alertes`)."""


class Actor(StrEnum):
    """Who must act on an alert or a deadline."""

    CHEF = "chef_etablissement"
    REFERENT = "referent"
    CONSEILLER = "conseiller_ml"

    @property
    def label(self) -> str:
        return ACTORS[self.value]


class Code(StrEnum):
    """A problem's code; its entry in `CATALOGUE` says what it means and who acts."""

    E1 = "E1"
    E2 = "E2"
    E3 = "E3"
    E4 = "E4"
    E5 = "E5"
    E6 = "E6"
    E7 = "E7"
    E8 = "E8"
    E9 = "E9"
    E10 = "E10"
    E11 = "E11"
    A1 = "A1"
    A2 = "A2"
    A3 = "A3"
    A4 = "A4"
    A5 = "A5"
    A6 = "A6"
    A7 = "A7"
    A8 = "A8"
    A9 = "A9"
    A10 = "A10"
    A11 = "A11"
    A12 = "A12"
    A13 = "A13"
    W1 = "W1"
    W2 = "W2"
    CODEOWNERS = "CODEOWNERS"

    @property
    def entry(self) -> Entry:
        return CATALOGUE[self]

    @property
    def label(self) -> str:
        return CATALOGUE[self].title

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self].severity

    @property
    def is_alert(self) -> bool:
        return CATALOGUE[self].severity is Severity.ALERT

    @property
    def is_warning(self) -> bool:
        return CATALOGUE[self].severity is Severity.WARNING

    @property
    def order(self) -> tuple[str, int]:
        """By letter, then by number (A2 before A10, A11 before E1, E9 before W1);
        CODEOWNERS last."""
        digits = self.value[1:]
        return (self.value[0], int(digits)) if digits.isdigit() else ("~", 0)


@dataclass(frozen=True)
class Entry:
    title: str
    """Short French title, shown beside the code by pages and forges."""
    severity: Severity
    actors: tuple[Actor, ...] = ()
    """Who may be asked to act (alerts); the problem itself names the one who must."""
    facts: tuple[str, ...] = ()
    """The predicates of `pae.programme.facts` the rule reads (a test checks they exist)."""


_C, _R, _M = Actor.CHEF, Actor.REFERENT, Actor.CONSEILLER
_E, _W, _A = Severity.ERROR, Severity.WARNING, Severity.ALERT

CATALOGUE: dict[Code, Entry] = {
    Code.E1: Entry(
        "Format du fichier : types, valeurs permises, champs obligatoires, clés inconnues", _E
    ),
    Code.E2: Entry(
        "Référence à une fiche qui n'existe pas (lycée, mission locale, référent, structure)", _E
    ),
    Code.E3: Entry("Nom ou emplacement du fichier, identifiant unique", _E),
    Code.E4: Entry("Éligibilité : diplôme et volontariat", _E),
    Code.E5: Entry("MEF incompatible avec le diplôme", _E),
    Code.E6: Entry("Inscription après la date limite", _E),
    Code.E7: Entry(
        "Fin et durée maximale du parcours", _E, facts=("programme_dates", "programme_end")
    ),
    Code.E8: Entry("Ordre des dates", _E, facts=("past_events",)),
    Code.E9: Entry("Cohérence du dossier", _E, facts=("events_closed_by_exit",)),
    Code.E10: Entry(
        "Statut scolaire : action ou présence avant l'inscription ou la rentrée",
        _E,
        facts=("programme_start",),
    ),
    Code.E11: Entry(
        "Stage en entreprise sans convention signée à temps", _E, facts=("is_company_placement",)
    ),
    Code.A1: Entry(
        "Entretien approfondi en retard",
        _A,
        (_C, _R),
        ("info_held", "in_depth_held", "in_depth_actor"),
    ),
    Code.A2: Entry("Date limite d'inscription", _A, (_C,), ("enrolled", "accepted")),
    Code.A3: Entry("Réinscription non proposée", _A, (_C,), ("re_enrolment_offered",)),
    Code.A4: Entry("Inscription incomplète", _A, (_C, _M), ("enrolled",)),
    Code.A5: Entry("Point de suivi en retard", _A, (_R,), ("last_check_in",)),
    Code.A6: Entry(
        "Assiduité insuffisante", _A, (_R,), ("attendance_counts", "unexcused_absence_run")
    ),
    Code.A7: Entry("Créneau pendant les vacances ou un jour férié", _A, (_R,), ("slot_dates",)),
    Code.A8: Entry("Créneaux qui se chevauchent", _A, (_R,), ("slot_dates",)),
    Code.A9: Entry(
        "Bilan à faire ou à compléter",
        _A,
        (_R, _M),
        ("enrolled", "exit_date", "bilan_held", "bilan_with_solution", "bilan_sent"),
    ),
    Code.A10: Entry("France Travail non vérifié", _A, (_M,), ("info_held",)),
    Code.A11: Entry(
        "Trop de stages en entreprise",
        _A,
        (_R,),
        ("programme_start", "programme_end", "company_placement_spans"),
    ),
    Code.A12: Entry(
        "Bilan tenu ou transmis après la fin du parcours", _A, (_R,), ("bilan_held", "bilan_sent")
    ),
    Code.A13: Entry(
        "Passation à la PSAD ou à la mission locale non notée",
        _A,
        (_C,),
        (
            "declined",
            "unreachable",
            "left_without_solution",
            "moved_away",
            "minor_on",
            "handover_done",
        ),
    ),
    Code.W1: Entry(
        "Entretien approfondi sans le référent ou sans le conseiller", _W, facts=("in_depth_held",)
    ),
    Code.W2: Entry("Bilan sans le jeune, sans raison notée", _W, facts=("bilan_held",)),
    Code.CODEOWNERS: Entry("Fichier CODEOWNERS à régénérer", _E),
}

ALERT_CODES = tuple(code for code in Code if code.is_alert)
WARNING_CODES = tuple(code for code in Code if code.is_warning)

FIXES: dict[Code, str] = {
    Code.E1: "Corriger le fichier pour qu'il suive son schéma (dossier schema/) : le message "
    "nomme le champ, dit ce qui est attendu et donne un exemple. Un éditeur qui connaît les "
    "schémas (extension YAML de Red Hat) signale ces erreurs pendant la saisie.",
    Code.E2: "Corriger l'identifiant cité (lycée, mission locale, conseiller, référent, "
    "structure ou action) ou ajouter la fiche qui manque dans records/ : le message donne "
    "les identifiants connus.",
    Code.E3: "Nommer et ranger le fichier comme l'indique le message : "
    "records/jeunes/<session>/<UAI>/<identifiant>.yaml pour un dossier, <identifiant>.yaml "
    "pour une fiche ; un identifiant n'appartient qu'à un fichier : supprimer les copies.",
    Code.E4: "N'inscrire que des jeunes volontaires (volontaire: true), issus d'un diplôme du "
    "parcours : corriger le dossier ou retirer l'inscription.",
    Code.E5: "Choisir le MEF qui va avec le diplôme : pae_n3 après un CAP, pae_n4 après un "
    "bac pro, un BMA ou un DTMS.",
    Code.E6: "Corriger la date d'inscription (au plus tard la date limite du dispositif, le "
    "30 septembre par défaut) ou retirer l'inscription.",
    Code.E7: "Ramener les actions et la sortie dans la durée du parcours (4 mois au plus, "
    "jusqu'au 31 décembre de la session par défaut).",
    Code.E8: "Remettre les dates dans l'ordre (contacts, entretiens, inscription, actions, "
    "suivi, bilan) et n'enregistrer que ce qui a déjà eu lieu.",
    Code.E9: "Rendre le dossier cohérent comme l'indique le message (motif de repérage, sortie "
    "anticipée, bilan).",
    Code.A1: "Tenir l'entretien approfondi dans la semaine (5 jours d'école) qui suit "
    "l'entretien d'information, puis l'enregistrer dans entretien_approfondi.",
    Code.A2: "Inscrire le jeune avant la date limite, ou statuer et l'orienter si elle est passée.",
    Code.A3: "Proposer au jeune de se réinscrire à l'examen (propositions: [reinscription] "
    "dans un contact).",
    Code.A4: "Compléter l'inscription : référent, conseiller de la mission locale, dossier "
    "I-Milo créé (dossier_imilo: true).",
    Code.A5: "Faire un point de suivi avec le jeune et l'enregistrer dans suivi.points.",
    Code.A6: "Faire le point avec le jeune sur son assiduité et enregistrer les présences.",
    Code.A7: "Déplacer le créneau ou exclure ces dates : le lycée est fermé (vacances "
    "scolaires ou jour férié).",
    Code.A8: "Décaler l'un des deux créneaux : le jeune ne peut pas suivre deux actions à la "
    "même heure.",
    Code.A9: "Tenir le bilan avec sa solution de sortie, le transmettre au chef "
    "d'établissement et mettre I-Milo à jour.",
    Code.A10: "Vérifier l'inscription du jeune à France Travail, puis l'indiquer "
    "(france_travail.verifie: true).",
    Code.A11: "Raccourcir les stages en entreprise ou ajouter d'autres actions : au plus les "
    "deux tiers de la durée du parcours.",
    Code.E10: "Dater les actions et l'assiduité à partir de l'inscription et de la rentrée : "
    "avant, le jeune n'est pas sous statut scolaire (ni convention ni couverture).",
    Code.E11: "Noter la convention du stage (pae convention), signée au plus tard le premier "
    "jour : sans convention, pas de stage en entreprise.",
    Code.A12: "Tenir le bilan et le transmettre au plus tôt ; noter leurs dates réelles.",
    Code.A13: "Signaler le jeune à la PSAD ou à la mission locale et noter la passation "
    "(pae passation).",
    Code.W1: "Tenir l'entretien approfondi avec le référent et le conseiller de la mission "
    "locale, et les noter parmi les participants.",
    Code.W2: "Tenir le bilan avec le jeune, ou noter pourquoi il n'était pas là "
    "(bilan.absence_jeune).",
    Code.CODEOWNERS: "Régénérer le fichier avec « pae codeowners », puis l'enregistrer avec "
    "les fiches modifiées.",
}
"""How to fix each code, in general (each problem's own hint says it for its case): the
`help` of code scanning's rules."""

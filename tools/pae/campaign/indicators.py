"""`pae indicateurs`: the figures a rectorat / DRAIO asks for, computed once for the
command, the exports and the cohort bilan page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from pae.labels import DIPLOMA_LABELS, OUTCOME_LABELS, RESULTATS
from pae.programme.context import Context
from pae.programme.facts import enrolled, info_held, reached_contacts
from pae.programme.status import POSITIVE, DossierStatus, dossier_status

INDICATORS_VERSION = 1
SEXES = {"feminin": "Femmes", "masculin": "Hommes"}
POSITIVE_DEFINITION = (
    "Taux de sorties positives : jeunes sortis vers une formation, un apprentissage, un "
    "emploi ou un service civique, rapportés aux jeunes dont la solution est connue (bilan "
    "tenu ou sortie anticipée vers un emploi, une formation ou un apprentissage). Les "
    "parcours d'insertion (CEJ…) sont comptés à part, ni positifs ni sans solution."
)


@dataclass(frozen=True)
class Line:
    """One figure, for everyone and for each column (level, then sex where known)."""

    section: str
    label: str
    values: dict[str, int | float | None]
    """Column → value; `Total` first."""
    rate: bool = False
    """A share (0–1), not a count."""
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """For a share: (numerator, denominator) per column, so that shares can be combined."""


@dataclass
class Indicators:
    session: int | None
    today: date
    columns: list[str]
    lines: list[Line] = field(default_factory=list)
    definition: str = POSITIVE_DEFINITION


Group = Callable[[DossierStatus], bool]


def share(parts: dict[str, tuple[int, int]]) -> dict[str, int | float | None]:
    return {name: (n / d if d else None) for name, (n, d) in parts.items()}


def _groups(statuses: list[DossierStatus]) -> dict[str, Group]:
    groups: dict[str, Group] = {
        "Total": lambda st: True,
        "N3": lambda st: st.niveau == "N3",
        "N4": lambda st: st.niveau == "N4",
    }
    present = {(st.dossier.raw.get("identite") or {}).get("sexe") for st in statuses}
    for code, heading in SEXES.items():
        if code in present:  # absent = not counted, never guessed
            groups[heading] = _sex_is(code)
    return groups


def indicators(statuses: list[DossierStatus], ctx: Context, session: int | None) -> Indicators:
    """The table for these dossiers as of ctx.today; outcomes also as of 31 December."""
    groups = _groups(statuses)
    out = Indicators(session, ctx.today, list(groups))

    def add(
        section: str,
        text: str,
        test: Callable[[DossierStatus], bool],
        among: list[DossierStatus] = statuses,
    ) -> None:
        values: dict[str, int | float | None] = {
            name: sum(1 for st in among if keep(st) and test(st)) for name, keep in groups.items()
        }
        out.lines.append(Line(section, text, values))

    def rate(section: str, text: str, among: list[DossierStatus]) -> None:
        parts: dict[str, tuple[int, int]] = {}
        for name, keep in groups.items():
            known = [st for st in among if keep(st) and st.sortie != "non_renseignee"]
            parts[name] = (sum(st.sortie in POSITIVE for st in known), len(known))
        out.lines.append(Line(section, text, share(parts), rate=True, parts=parts))

    today = ctx.today
    intake = "Repérage et inscription"
    add(intake, "Jeunes repérés", lambda st: True)
    add(intake, "Jeunes contactés (joints)", lambda st: bool(reached_contacts(st.dossier, today)))
    add(intake, "Entretien d'information tenu", lambda st: info_held(st.dossier, today))
    add(intake, "Inscrits au parcours", lambda st: enrolled(st.dossier, today))
    add(intake, "dont inscrits au plus tard le 30 septembre", _enrolled_in_time(ctx))
    add(
        intake,
        "dont boursiers",
        lambda st: enrolled(st.dossier, today) and bool(st.dossier.boursier),
    )
    by_exam = "Par diplôme et résultat (jeunes repérés / inscrits)"
    for diploma, diploma_label in DIPLOMA_LABELS.items():
        for result, result_label in RESULTATS.items():

            def same(st: DossierStatus, d: str = diploma, r: str = result) -> bool:
                return st.dossier.diplome == d and st.dossier.resultat == r

            if any(same(st) for st in statuses):
                add(by_exam, f"{diploma_label}, {result_label} : repérés", same)
                add(
                    by_exam,
                    f"{diploma_label}, {result_label} : inscrits",
                    _and_enrolled(same, today),
                )
    at_end = _as_of_end(statuses, ctx)
    for title, chosen in (
        ("Sorties au 31 décembre", at_end),
        ("Sorties après les bilans", statuses),
    ):
        cohort = [st for st in chosen if enrolled(st.dossier, ctx.today)]
        for outcome, text in OUTCOME_LABELS.items():
            shown = "Inconnue (bilan non tenu)" if outcome == "non_renseignee" else text
            add(title, shown, _outcome_is(outcome), cohort)
        rate(title, "Taux de sorties positives", cohort)
    add("Sorties anticipées", "Sorties anticipées",
        lambda st: st.dossier.sortie_anticipee is not None
        and st.dossier.sortie_anticipee.date <= today)  # fmt: skip
    return out


def _sex_is(code: str) -> Group:
    return lambda st: (st.dossier.raw.get("identite") or {}).get("sexe") == code


def _and_enrolled(test: Group, today: date) -> Group:
    return lambda st: test(st) and enrolled(st.dossier, today)


def _outcome_is(outcome: str) -> Callable[[DossierStatus], bool]:
    return lambda st: st.sortie == outcome


def _enrolled_in_time(ctx: Context) -> Callable[[DossierStatus], bool]:
    def test(st: DossierStatus) -> bool:
        d = st.dossier
        limite = ctx.settings.dispositif(d.dispositif).limite(d.session)
        return bool(d.inscription and d.inscription.date <= min(limite, ctx.today))

    return test


def _as_of_end(statuses: list[DossierStatus], ctx: Context) -> list[DossierStatus]:
    """The statuses as of each dossier's 31 December (or as of today, if earlier)."""
    out = []
    for st in statuses:
        fin = ctx.settings.dispositif(st.dossier.dispositif).fin(st.dossier.session)
        out.append(dossier_status(st.dossier, replace(ctx, today=min(fin, ctx.today))))
    return out


def as_json(table: Indicators) -> dict[str, object]:
    return {
        "format": "pae-indicateurs",
        "version": INDICATORS_VERSION,
        "session": table.session,
        "date": table.today.isoformat(),
        "colonnes": table.columns,
        "definition": table.definition,
        "lignes": [
            {
                "rubrique": line.section,
                "libelle": line.label,
                "valeurs": line.values,
                **({"parts": {k: list(v) for k, v in line.parts.items()}} if line.rate else {}),
            }
            for line in table.lines
        ],
    }


def from_json(data: dict[str, object]) -> Indicators:
    """An indicator file written by `as_json` (for `pae agreger`)."""
    table = Indicators(
        data["session"] if isinstance(data["session"], int) else None,
        date.fromisoformat(str(data["date"])),
        [str(c) for c in data["colonnes"]] if isinstance(data["colonnes"], list) else [],
    )
    for item in data["lignes"] if isinstance(data["lignes"], list) else []:
        parts = {k: (int(v[0]), int(v[1])) for k, v in (item.get("parts") or {}).items()}
        table.lines.append(
            Line(item["rubrique"], item["libelle"], dict(item["valeurs"]), bool(parts), parts)
        )
    return table

"""The programme's dates: its end and length (E7), their order (E8), consistency (E9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pae.codes import Code
from pae.labels import fr
from pae.problems import Problem
from pae.programme.clock import rentree
from pae.programme.context import Context
from pae.programme.facts import (
    events_closed_by_exit,
    past_events,
    programme_dates,
    programme_end,
    programme_start,
)
from pae.records.dossier import Dossier
from pae.records.settings import add_months


def e7_end_of_programme(d: Dossier, ctx: Context) -> Iterator[Problem]:
    disp = ctx.settings.dispositif(d.dispositif)
    fin = disp.fin(d.session)
    for day, where, label in programme_dates(d):
        if day > fin:
            yield Problem(
                Code.E7,
                d.file,
                f"{label} le {fr(day)} : le parcours s'achève au plus tard le {fr(fin)}",
                where,
                hint=f"ramener la date au {fr(fin)} au plus tard",
            )
    school_year = rentree(ctx, d)
    start, end = programme_start(d, school_year), programme_end(d)
    if start and end:
        longest = add_months(start, disp.duree_max_mois)
        if end > longest:
            enrolled_before = d.inscription is None or d.inscription.date < school_year
            since = "rentrée" if start == school_year and enrolled_before else ""
            yield Problem(
                Code.E7,
                d.file,
                f"parcours trop long : du {fr(start)}{f' ({since})' if since else ''} au "
                f"{fr(end)}, au plus {disp.duree_max_mois} mois (jusqu'au {fr(longest)})",
                ("inscription", "date") if d.inscription else _first_action(d),
                hint="raccourcir les actions ou avancer la sortie",
            )


def _first_action(d: Dossier) -> tuple[str | int, ...]:
    first = min(d.actions, key=lambda a: a.debut)
    return ("parcours", "actions", first.index, "debut")


def e8_chronology(d: Dossier, ctx: Context) -> Iterator[Problem]:
    ei, ins, ea = d.entretien_information, d.inscription, d.entretien_approfondi
    if ei:
        for i, c in enumerate(d.contacts):
            if c.date > ei.date:
                yield _order(
                    d,
                    ("reperage", "contacts", i, "date"),
                    "contact",
                    c.date,
                    "l'entretien d'information",
                    ei.date,
                )
        if ins and ins.date < ei.date:
            yield _order(
                d,
                ("inscription", "date"),
                "inscription",
                ins.date,
                "l'entretien d'information",
                ei.date,
                before=False,
            )
        if ea and ea.date and ea.date < ei.date:
            yield _order(
                d,
                ("entretien_approfondi", "date"),
                "entretien approfondi",
                ea.date,
                "l'entretien d'information",
                ei.date,
                before=False,
            )
    for a in d.actions:
        if a.debut > a.fin:
            yield Problem(
                Code.E8,
                d.file,
                f"l'action {a.id} finit le {fr(a.fin)}, avant son début le {fr(a.debut)}",
                ("parcours", "actions", a.index, "fin"),
                hint="vérifier les dates debut et fin",
            )
        for n, slot in enumerate(a.creneaux):
            if slot.debut >= slot.fin:
                yield Problem(
                    Code.E8,
                    d.file,
                    f"créneau du {slot.jour} de l'action {a.id} : fin à {slot.fin:%H:%M}, "
                    f"pas après le début à {slot.debut:%H:%M}",
                    ("parcours", "actions", a.index, "creneaux", n, "fin"),
                    hint="l'heure de fin vient après l'heure de début, par exemple "
                    'debut: "09:00", fin: "12:00"',
                )
    yield from _check_ins_before_enrolment(d)
    for p in d.assiduite:
        action = d.action(p.action)
        if action and not action.debut <= p.date <= action.fin:
            yield Problem(
                Code.E8,
                d.file,
                f"présence du {fr(p.date)} hors des dates de l'action {action.id} "
                f"({fr(action.debut)} – {fr(action.fin)})",
                ("suivi", "assiduite", p.index, "date"),
                hint="corriger la date ou l'action",
            )
    if ctx.future_events_are_errors:
        yield from _not_in_future(d, ctx.today)


def _check_ins_before_enrolment(d: Dossier) -> Iterator[Problem]:
    """A check-in (« point de suivi ») follows the young person enrolled in the programme:
    none before the enrolment, none without one."""
    ins = d.inscription
    for p in d.points:
        if ins is None:
            yield Problem(
                Code.E8,
                d.file,
                f"point de suivi du {fr(p.date)} alors que le jeune n'est pas inscrit",
                ("suivi", "points", p.index, "date"),
                hint="noter d'abord l'inscription (section « inscription »), ou noter cet "
                "échange comme un contact (reperage.contacts)",
            )
        elif p.date < ins.date:
            yield Problem(
                Code.E8,
                d.file,
                f"point de suivi le {fr(p.date)}, avant l'inscription du {fr(ins.date)}",
                ("suivi", "points", p.index, "date"),
                hint="un point de suivi vient après l'inscription : corriger sa date, ou "
                "celle de l'inscription",
            )


def _order(
    d: Dossier,
    where: tuple[str | int, ...],
    what: str,
    day: date,
    other: str,
    other_day: date,
    before: bool = True,
) -> Problem:
    relation = "après" if before else "avant"
    return Problem(
        Code.E8,
        d.file,
        f"{what} le {fr(day)}, {relation} {other} du {fr(other_day)}",
        where,
        hint="vérifier l'ordre des dates : contacts, entretien d'information, inscription "
        "et entretien approfondi",
    )


_FEMININE = {
    "présence",
    "transmission du bilan",
    "inscription",
    "sortie anticipée",
    "passation du suivi",
}


def _not_in_future(d: Dossier, today: date) -> Iterator[Problem]:
    for day, where, label in past_events(d):
        if day > today:
            dated = "datée" if label in _FEMININE else "daté"
            yield Problem(
                Code.E8,
                d.file,
                f"{label} {dated} du {fr(day)}, dans le futur (date de référence : {fr(today)})",
                where,
                hint="on n'enregistre qu'un événement qui a eu lieu : corriger la date",
            )


def e9_consistency(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if d.bilan and d.bilan.solution and not d.bilan.date:
        yield Problem(
            Code.E9,
            d.file,
            "un bilan avec une solution doit être daté",
            ("bilan",),
            hint="ajouter « date: AAAA-MM-JJ » au bilan",
        )
    if d.premiere_session is not None and d.premiere_session > d.session:
        yield Problem(
            Code.E9,
            d.file,
            f"première session {d.premiere_session} postérieure à la session {d.session} du "
            "dossier",
            ("examen", "premiere_session"),
            hint="la première session est celle où le candidat s'est présenté pour la première "
            f"fois à ce diplôme : au plus tard {d.session}",
        )
    if d.resultat == "admis" and d.motif == "echec_examen":
        yield Problem(
            Code.E9,
            d.file,
            "motif « echec_examen » incompatible avec le résultat « admis »",
            ("reperage", "motif"),
            hint="motifs possibles pour un diplômé : sans_proposition_parcoursup, "
            "sans_solution_connue",
        )
    exit_ = d.sortie_anticipee
    if exit_:
        after = [
            (day, where, label)
            for day, where, label in events_closed_by_exit(d)
            if day > exit_.date
        ]
        for day, where, label in after:
            yield Problem(
                Code.E9,
                d.file,
                f"{label} le {fr(day)}, après la sortie anticipée du {fr(exit_.date)}",
                where,
                hint="une sortie anticipée clôt le parcours : corriger la date de sortie "
                "ou retirer ce qui suit",
            )

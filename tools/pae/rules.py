"""Rules E1–E9 beyond the schema: one function per rule, each naming its code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from pae.labels import DIPLOMA_LABELS, fr
from pae.model import Dossier, Network
from pae.problems import Problem
from pae.settings import Settings, add_months

UAI_KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ"
MEF_BY_DIPLOMA = {"cap": "pae_n3", "bac_pro": "pae_n4", "bma": "pae_n4", "dtms": "pae_n4"}


@dataclass(frozen=True)
class Context:
    network: Network
    settings: Settings
    today: date
    future_events_are_errors: bool = True
    """False for the views of a dossier as of a date, where later events have not happened."""


def uai_key(digits: str) -> str:
    return UAI_KEYS[int(digits) % 23]


def bad_uai(uai: str) -> str | None:
    """French message when the key letter does not match the digits, else None."""
    expected = uai_key(uai[:7])
    if uai[7] != expected:
        return f"la lettre clé de l'UAI « {uai} » est fausse : {uai[:7]}{expected} attendu"
    return None


# --- reference data -------------------------------------------------------------------


def check_reference(ctx: Context) -> Iterator[Problem]:
    """E1 (UAI key), E2 (mission locale of a lycée) and E3 (file names) of reference files."""
    net = ctx.network
    for uai, etab in net.etablissements.items():
        if message := bad_uai(uai):
            yield Problem("E1", etab.file, message, ("uai",))
        if PurePosixPath(etab.file).stem != uai:
            yield _wrong_name(etab.file, uai, ("uai",))
        ml = etab.mission_locale
        if ml not in net.missions_locales and ml not in net.broken_refs:
            yield Problem(
                "E2",
                etab.file,
                f"la mission locale « {ml} » n'existe pas",
                ("mission_locale",),
                hint=_known("missions locales connues", net.missions_locales),
            )
    for ident, ml_ in net.missions_locales.items():
        if PurePosixPath(ml_.file).stem != ident:
            yield _wrong_name(ml_.file, ident, ("id",))
    for ident, offre in net.offres.items():
        if PurePosixPath(offre.file).stem != ident:
            yield _wrong_name(offre.file, ident, ("id",))


def _wrong_name(file: str, ident: str, path: tuple[str, ...]) -> Problem:
    return Problem(
        "E3",
        file,
        f"le nom du fichier ne correspond pas à l'identifiant « {ident} »",
        path,
        hint=f"renommer le fichier en {ident}.yaml",
    )


def _known(label: str, items: Iterable[str]) -> str:
    names = sorted(items)
    return f"{label} : {', '.join(names)}" if names else f"{label} : aucune"


# --- dossiers ---------------------------------------------------------------------------

DossierRule = Callable[[Dossier, Context], Iterator[Problem]]


def e1_uai(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if message := bad_uai(d.etablissement):
        yield Problem("E1", d.file, message, ("etablissement",))


def e2_references(d: Dossier, ctx: Context) -> Iterator[Problem]:
    net = ctx.network
    etab = net.etablissements.get(d.etablissement)
    if etab is None:
        if d.etablissement not in net.broken_refs:
            yield Problem(
                "E2",
                d.file,
                f"l'établissement « {d.etablissement} » n'existe pas",
                ("etablissement",),
                hint="ajouter records/etablissements/<UAI>.yaml ; "
                + _known("établissements connus", net.etablissements),
            )
        return
    ei = d.entretien_information
    unknown_ml = ei and ei.mission_locale and ei.mission_locale not in net.missions_locales
    if ei and unknown_ml and ei.mission_locale not in net.broken_refs:
        yield Problem(
            "E2",
            d.file,
            f"la mission locale « {ei.mission_locale} » n'existe pas",
            ("entretien_information", "mission_locale"),
            hint=_known("missions locales connues", net.missions_locales),
        )
    ml = net.mission_locale_of(d)
    ins = d.inscription
    advisers = (
        (ei.conseiller_ml if ei else None, ("entretien_information", "conseiller_ml")),
        (ins.conseiller_ml if ins else None, ("inscription", "conseiller_ml")),
    )
    for adviser, where in advisers:
        if adviser and ml is not None and ml.conseiller(adviser) is None:
            ids = [c.id for c in ml.conseillers]
            yield Problem(
                "E2",
                d.file,
                f"le conseiller « {adviser} » n'existe pas à la mission locale {ml.id}",
                where,
                hint=f"conseillers de {ml.id} : {', '.join(ids) or 'aucun'} (liste dans {ml.file})",
            )
    if ins and ins.referent and etab.referent(ins.referent) is None:
        ids = [r.id for r in etab.referents]
        yield Problem(
            "E2",
            d.file,
            f"le référent « {ins.referent} » n'existe pas",
            ("inscription", "referent"),
            hint=f"référents de {etab.uai} : {', '.join(ids) or 'aucun'} (liste dans {etab.file})",
        )
    places = set(net.offres) | set(net.etablissements) | net.broken_refs
    for action in d.actions:
        if action.structure and action.structure not in places:
            yield Problem(
                "E2",
                d.file,
                f"la structure « {action.structure} » n'existe pas",
                ("parcours", "actions", action.index, "structure"),
                hint="indiquer l'identifiant d'un fichier de records/offre/ ou l'UAI d'un lycée ; "
                + _known("structures connues", net.offres),
            )
    action_ids = [a.id for a in d.actions]
    for line in d.assiduite:
        if line.action not in action_ids:
            yield Problem(
                "E2",
                d.file,
                f"l'action « {line.action} » n'existe pas dans le parcours",
                ("suivi", "assiduite", line.index, "action"),
                hint=f"actions du parcours : {', '.join(action_ids) or 'aucune'}",
            )


def e3_placement(d: Dossier, ctx: Context) -> Iterator[Problem]:
    path = PurePosixPath(d.file)
    if path.stem != d.id:
        yield _wrong_name(d.file, d.id, ("id",))
    expected_dir = f"records/jeunes/{d.session}/{d.etablissement}"
    if str(path.parent) != expected_dir:
        yield Problem(
            "E3",
            d.file,
            f"dossier mal rangé : un dossier de la session {d.session} du lycée "
            f"{d.etablissement} va dans {expected_dir}/",
            ("id",),
            hint=f"déplacer le fichier dans {expected_dir}/",
        )
    prefix = f"{d.etablissement}-{d.session}-"
    if not d.id.startswith(prefix):
        yield Problem(
            "E3",
            d.file,
            f"l'identifiant « {d.id} » doit commencer par {prefix}",
            ("id",),
            hint=f"identifiant attendu : {prefix}NNN",
        )


def e4_eligibility(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if d.inscription and not d.volontaire:
        yield Problem(
            "E4",
            d.file,
            "un jeune inscrit doit être volontaire (volontaire: true)",
            ("volontaire",),
            hint="le parcours ne concerne que des volontaires : corriger, ou retirer l'inscription",
        )


def e5_mef(d: Dossier, ctx: Context) -> Iterator[Problem]:
    expected = MEF_BY_DIPLOMA.get(d.diplome)
    if d.inscription and expected and d.inscription.mef != expected:
        yield Problem(
            "E5",
            d.file,
            f"MEF « {d.inscription.mef} » incompatible avec le diplôme {DIPLOMA_LABELS[d.diplome]}",
            ("inscription", "mef"),
            hint=f"un jeune issu de {DIPLOMA_LABELS[d.diplome]} est inscrit en {expected}",
        )


def e6_enrolment_deadline(d: Dossier, ctx: Context) -> Iterator[Problem]:
    limite = ctx.settings.dispositif(d.dispositif).limite(d.session)
    if d.inscription and d.inscription.date > limite:
        yield Problem(
            "E6",
            d.file,
            f"inscription le {fr(d.inscription.date)}, après la date limite du {fr(limite)}",
            ("inscription", "date"),
            hint="l'inscription n'est plus possible après cette date : corriger la date "
            "ou retirer l'inscription",
        )


def programme_dates(d: Dossier) -> Iterator[tuple[date, tuple[str | int, ...], str]]:
    """Every dated event of the programme, with its place and a French label."""
    for a in d.actions:
        yield a.debut, ("parcours", "actions", a.index, "debut"), f"début de l'action {a.id}"
        yield a.fin, ("parcours", "actions", a.index, "fin"), f"fin de l'action {a.id}"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    if d.sortie_anticipee:
        yield d.sortie_anticipee.date, ("sortie_anticipee", "date"), "sortie anticipée"
    if d.bilan and d.bilan.date:
        yield d.bilan.date, ("bilan", "date"), "bilan"


def programme_end(d: Dossier) -> date | None:
    """Last day of the programme as planned: the early exit, else the last action's end."""
    if d.sortie_anticipee:
        return d.sortie_anticipee.date
    return max((a.fin for a in d.actions), default=None)


def e7_end_of_programme(d: Dossier, ctx: Context) -> Iterator[Problem]:
    disp = ctx.settings.dispositif(d.dispositif)
    fin = disp.fin(d.session)
    for day, where, label in programme_dates(d):
        if day > fin:
            yield Problem(
                "E7",
                d.file,
                f"{label} le {fr(day)} : le parcours s'achève au plus tard le {fr(fin)}",
                where,
                hint=f"ramener la date au {fr(fin)} au plus tard",
            )
    end = programme_end(d)
    if d.inscription and end:
        longest = add_months(d.inscription.date, disp.duree_max_mois)
        if end > longest:
            yield Problem(
                "E7",
                d.file,
                f"parcours trop long : du {fr(d.inscription.date)} au {fr(end)}, "
                f"au plus {disp.duree_max_mois} mois (jusqu'au {fr(longest)})",
                ("inscription", "date"),
                hint="raccourcir les actions ou avancer la sortie",
            )


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
                "E8",
                d.file,
                f"l'action {a.id} finit le {fr(a.fin)}, avant son début le {fr(a.debut)}",
                ("parcours", "actions", a.index, "fin"),
                hint="vérifier les dates debut et fin",
            )
        for n, slot in enumerate(a.creneaux):
            if slot.debut >= slot.fin:
                yield Problem(
                    "E8",
                    d.file,
                    f"créneau du {slot.jour} de l'action {a.id} : fin à {slot.fin:%H:%M}, "
                    f"pas après le début à {slot.debut:%H:%M}",
                    ("parcours", "actions", a.index, "creneaux", n, "fin"),
                    hint="l'heure de fin vient après l'heure de début, par exemple "
                    'debut: "09:00", fin: "12:00"',
                )
    for p in d.assiduite:
        action = d.action(p.action)
        if action and not action.debut <= p.date <= action.fin:
            yield Problem(
                "E8",
                d.file,
                f"présence du {fr(p.date)} hors des dates de l'action {action.id} "
                f"({fr(action.debut)} – {fr(action.fin)})",
                ("suivi", "assiduite", p.index, "date"),
                hint="corriger la date ou l'action",
            )
    if ctx.future_events_are_errors:
        yield from _not_in_future(d, ctx.today)


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
        "E8",
        d.file,
        f"{what} le {fr(day)}, {relation} {other} du {fr(other_day)}",
        where,
        hint="vérifier l'ordre des dates : contacts, entretien d'information, inscription "
        "et entretien approfondi",
    )


def _past_events(d: Dossier) -> Iterator[tuple[date, tuple[str | int, ...], str]]:
    for i, c in enumerate(d.contacts):
        yield c.date, ("reperage", "contacts", i, "date"), "contact"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"
    if d.bilan and d.bilan.transmis_chef_etablissement:
        day = d.bilan.transmis_chef_etablissement
        yield day, ("bilan", "transmis_chef_etablissement"), "transmission du bilan"


_FEMININE = {"présence", "transmission du bilan"}


def _not_in_future(d: Dossier, today: date) -> Iterator[Problem]:
    for day, where, label in _past_events(d):
        if day > today:
            dated = "datée" if label in _FEMININE else "daté"
            yield Problem(
                "E8",
                d.file,
                f"{label} {dated} du {fr(day)}, dans le futur (date de référence : {fr(today)})",
                where,
                hint="on n'enregistre qu'un événement qui a eu lieu : corriger la date",
            )


def e9_consistency(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if d.bilan and d.bilan.solution and not d.bilan.date:
        yield Problem(
            "E9",
            d.file,
            "un bilan avec une solution doit être daté",
            ("bilan",),
            hint="ajouter « date: AAAA-MM-JJ » au bilan",
        )
    if d.resultat == "admis" and d.motif == "echec_examen":
        yield Problem(
            "E9",
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
            for day, where, label in _events_closed_by_exit(d)
            if day > exit_.date
        ]
        for day, where, label in after:
            yield Problem(
                "E9",
                d.file,
                f"{label} le {fr(day)}, après la sortie anticipée du {fr(exit_.date)}",
                where,
                hint="une sortie anticipée clôt le parcours : corriger la date de sortie "
                "ou retirer ce qui suit",
            )


def _events_closed_by_exit(d: Dossier) -> Iterator[tuple[date, tuple[str | int, ...], str]]:
    # The bilan is expected after an early exit (A9), so it is not closed by it.
    for a in d.actions:
        yield a.debut, ("parcours", "actions", a.index, "debut"), f"début de l'action {a.id}"
    for pt in d.points:
        yield pt.date, ("suivi", "points", pt.index, "date"), "point de suivi"
    for p in d.assiduite:
        yield p.date, ("suivi", "assiduite", p.index, "date"), "présence"


DOSSIER_RULES: tuple[DossierRule, ...] = (
    e1_uai,
    e2_references,
    e3_placement,
    e4_eligibility,
    e5_mef,
    e6_enrolment_deadline,
    e7_end_of_programme,
    e8_chronology,
    e9_consistency,
)


def check_network(ctx: Context, dossiers: list[Dossier] | None = None) -> list[Problem]:
    """Every E-rule on the reference data and the given dossiers (all by default)."""
    problems = list(check_reference(ctx))
    chosen = ctx.network.dossiers if dossiers is None else dossiers
    for d in chosen:
        for rule in DOSSIER_RULES:
            problems.extend(rule(d, ctx))
    counts = Counter(d.id for d in ctx.network.dossiers)
    for d in chosen:
        if counts[d.id] > 1:
            duplicate = Problem(
                "E3",
                d.file,
                f"identifiant « {d.id} » utilisé par {counts[d.id]} dossiers",
                ("id",),
                hint="chaque dossier a un identifiant unique",
            )
            problems.append(duplicate)
    return problems

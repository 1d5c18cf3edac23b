"""Rules on files and references: UAI keys (E1), references between files (E2), file
names, places and unique identifiers (E3)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from pae.codes import Code
from pae.problems import Problem
from pae.programme.context import Context
from pae.records.dossier import Dossier
from pae.records.identifiers import free_id, prefix

UAI_KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ"


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
    """E1 (UAI key), E2 (mission locale of a lycée) and E3 (file names, identifiers used
    twice) of reference files."""
    net = ctx.network
    for uai, etab in net.etablissements.items():
        if message := bad_uai(uai):
            yield Problem(Code.E1, etab.file, message, ("uai",))
        if PurePosixPath(etab.file).stem != uai:
            yield _wrong_name(etab.file, uai, ("uai",))
        ml = etab.mission_locale
        if ml not in net.missions_locales and ml not in net.broken_refs:
            yield Problem(
                Code.E2,
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
    for copy in net.copies:
        yield Problem(
            Code.E3,
            copy.file,
            f"identifiant « {copy.ident} » déjà utilisé par {copy.original}",
            (copy.field,),
            hint="supprimer ce fichier s'il en est une copie, ou lui donner son propre "
            "identifiant (et le nom de fichier qui va avec)",
        )


def _wrong_name(file: str, ident: str, path: tuple[str, ...]) -> Problem:
    return Problem(
        Code.E3,
        file,
        f"le nom du fichier ne correspond pas à l'identifiant « {ident} »",
        path,
        hint=f"renommer le fichier en {ident}.yaml",
    )


def _known(label: str, items: Iterable[str]) -> str:
    names = sorted(items)
    return f"{label} : {', '.join(names)}" if names else f"{label} : aucune"


def e1_uai(d: Dossier, ctx: Context) -> Iterator[Problem]:
    if message := bad_uai(d.etablissement):
        yield Problem(Code.E1, d.file, message, ("etablissement",))


def e2_references(d: Dossier, ctx: Context) -> Iterator[Problem]:
    net = ctx.network
    etab = net.etablissements.get(d.etablissement)
    if etab is None:
        if d.etablissement not in net.broken_refs:
            yield Problem(
                Code.E2,
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
            Code.E2,
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
            people = [(c.id, c.nom) for c in ml.conseillers]
            yield Problem(
                Code.E2,
                d.file,
                f"le conseiller « {adviser} » n'existe pas à la mission locale {ml.id}",
                where,
                hint=people_hint(adviser, f"conseillers de {ml.id}", people, ml.file),
            )
    if ins and ins.referent and etab.referent(ins.referent) is None:
        people = [(r.id, r.nom) for r in etab.referents]
        yield Problem(
            Code.E2,
            d.file,
            f"le référent « {ins.referent} » n'existe pas",
            ("inscription", "referent"),
            hint=people_hint(ins.referent, f"référents de {etab.uai}", people, etab.file),
        )
    places = set(net.offres) | set(net.etablissements) | net.broken_refs
    for action in d.actions:
        if action.structure and action.structure not in places:
            yield Problem(
                Code.E2,
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
                Code.E2,
                d.file,
                f"l'action « {line.action} » n'existe pas dans le parcours",
                ("suivi", "assiduite", line.index, "action"),
                hint=f"actions du parcours : {', '.join(action_ids) or 'aucune'}",
            )


def people_hint(written: object, heading: str, people: list[tuple[str, str]], file: str) -> str:
    """The people one may name, each with the id to write; a name written instead of an
    id (« Céline Girardot ») is told which id is that person's."""
    listed = ", ".join(f"{ident} ({name})" for ident, name in people) or "aucun"
    hint = f"{heading} : {listed} (liste dans {file})"
    typed = _folded(str(written))
    named = [ident for ident, name in people if _folded(name) == typed]
    if named:
        return f"c'est un nom : écrire l'identifiant « {named[0]} » ; {hint}"
    return f"écrire l'identifiant, pas le nom ; {hint}" if " " in str(written).strip() else hint


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def e3_placement(d: Dossier, ctx: Context) -> Iterator[Problem]:
    path = PurePosixPath(d.file)
    if path.stem != d.id:
        if _taken(ctx).get(d.id, 0) > 1:  # a copy of another dossier: give it its own id
            yield Problem(
                Code.E3,
                d.file,
                f"le nom du fichier ne correspond pas à l'identifiant « {d.id} », déjà pris "
                "par un autre dossier",
                ("id",),
                hint=_copy_hint(d, ctx),
            )
        else:
            yield _wrong_name(d.file, d.id, ("id",))
    expected_dir = f"records/jeunes/{d.session}/{d.etablissement}"
    if str(path.parent) != expected_dir:
        yield Problem(
            Code.E3,
            d.file,
            f"dossier mal rangé : un dossier de la session {d.session} du lycée "
            f"{d.etablissement} va dans {expected_dir}/",
            ("id",),
            hint=f"déplacer le fichier dans {expected_dir}/",
        )
    start = prefix(d.etablissement, d.session)
    if not d.id.startswith(start):
        yield Problem(
            Code.E3,
            d.file,
            f"l'identifiant « {d.id} » doit commencer par {start}",
            ("id",),
            hint=f"identifiant attendu : {start}NNN",
        )


def duplicate_ids(ctx: Context, chosen: list[Dossier]) -> Iterator[Problem]:
    """E3: an identifier used by several dossiers, reported on each of the chosen ones."""
    counts = Counter(d.id for d in ctx.network.dossiers)
    for d in chosen:
        if counts[d.id] > 1:
            yield Problem(
                Code.E3,
                d.file,
                f"identifiant « {d.id} » utilisé par {counts[d.id]} dossiers",
                ("id",),
                hint="chaque dossier a un identifiant unique"
                + ("" if PurePosixPath(d.file).stem == d.id else " ; " + _copy_hint(d, ctx)),
            )


def _taken(ctx: Context) -> Counter[str]:
    """How many dossiers use each identifier (read only when something looks copied)."""
    return Counter(d.id for d in ctx.network.dossiers)


def _copy_hint(d: Dossier, ctx: Context) -> str:
    """The fix for a copied dossier: a free identifier, never one already taken."""
    ids = {x.id for x in ctx.network.dossiers}
    stem = PurePosixPath(d.file).stem
    if stem.startswith(prefix(d.etablissement, d.session)) and stem not in ids:
        free = stem  # the copy's own file name is free: keep it
    else:
        taken = ids | {PurePosixPath(x.file).stem for x in ctx.network.dossiers}
        free = free_id(taken, d.etablissement, d.session)
    return (
        f"pour la copie, écrire « id: {free} » (identifiant libre) et renommer le fichier "
        f"en {free}.yaml"
    )

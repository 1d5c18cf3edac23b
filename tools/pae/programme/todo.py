"""Who must act, by name: each pending deadline and each alert under the person who acts
on it — the chef d'établissement, the référent, the conseiller of the mission locale — for
`pae echeances`, the calendars and the pages of each person. While a young person has no
référent, what the référent would do goes to the chef d'établissement, who designates one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pae.codes import Actor
from pae.programme.deadlines import Deadline, Due
from pae.programme.status import DossierStatus, DueItem, due_within

NOBODY = "non désigné"


@dataclass(frozen=True)
class Person:
    """One person who acts: a role, an id (the UAI for a chef d'établissement), a name
    (None while nobody is designated) and where they work (the lycée, the mission locale)."""

    actor: Actor
    ident: str | None
    name: str | None
    place: str

    @property
    def heading(self) -> str:
        """« Référent — Céline Girardot (Lycée professionnel Jean Jaurès) »."""
        return f"{self.actor.label.capitalize()} — {self.name or NOBODY} ({self.place})"

    def sort_key(self) -> tuple[int, str, bool, str]:
        """Chefs, then référents, then conseillers; by workplace; the undesignated last."""
        return (ACTOR_ORDER.index(self.actor), self.place, self.name is None, self.name or "")


ACTOR_ORDER = (Actor.CHEF, Actor.REFERENT, Actor.CONSEILLER)

JOINT = {Due.ENTRETIEN_APPROFONDI: "entretien approfondi avec le référent"}
"""The référent's deadlines the conseiller shares (vademecum, step 3: the référent
« prépare et réalise avec le conseiller de la mission locale » the in-depth interview)."""


def person(st: DossierStatus, actor: Actor) -> Person:
    """Who acts for this young person in this role."""
    etab = st.etablissement
    lycee = etab.nom if etab else f"Établissement {st.dossier.etablissement}"
    if actor is Actor.CHEF:
        chef = etab.chef_etablissement if etab else None
        return Person(actor, st.dossier.etablissement, chef, lycee)
    if actor is Actor.REFERENT:
        ref = st.referent
        if ref is None:  # nobody to read it: the chef, who designates the référent
            return person(st, Actor.CHEF)
        return Person(actor, ref.id, ref.nom, lycee)
    ml = st.mission_locale
    place = ml.nom if ml else "mission locale non renseignée"
    adviser = st.conseiller
    return Person(actor, adviser.id if adviser else None, adviser.nom if adviser else None, place)


def acting(st: DossierStatus, deadline: Deadline) -> str:
    """« référent (Céline Girardot) »: who acts on this deadline, by role and name."""
    who = person(st, deadline.actor)
    return f"{who.actor.label} ({who.name or NOBODY})"


def todo_within(
    statuses: Iterable[DossierStatus], today: date, days: int | None = None
) -> list[DueItem]:
    """The pending deadlines up to `days` after today (`status.due_within`, overdue ones
    included) and every alert due by then, under the person who acts on it, earliest
    first. An alert that a deadline of the same person and day already says is left out
    (A5 beside « point de suivi », A9 beside « mettre à jour I-Milo »)."""
    chosen = list(statuses)
    horizon = today + timedelta(days=days) if days is not None else date.max
    items = due_within(chosen, today, days)
    for item in list(items):  # held together: the conseiller has it to do too
        dl, st = item.deadline, item.status
        if dl.kind in JOINT and dl.actor is Actor.REFERENT and st.conseiller_id:
            joint = Deadline(dl.date, JOINT[dl.kind], Actor.CONSEILLER, dl.kind)
            items.append(DueItem(joint, st))
    for st in chosen:
        for alert in st.alertes:
            if alert.actor is None:
                continue
            day = alert.due or today
            said = any(dl.actor is alert.actor and dl.date == day for dl in st.deadlines)
            if day <= horizon and not said:
                what = f"{alert.code} : {alert.message}"
                items.append(DueItem(Deadline(day, what, alert.actor), st, alert))
    return sorted(items, key=lambda x: (x.deadline.date, x.status.dossier.id))


def by_person(items: Iterable[DueItem]) -> list[tuple[Person, list[DueItem]]]:
    """The items under each person who acts: chefs, then référents, then conseillers, each
    by workplace and name; each person's items in the order given."""
    groups: dict[Person, list[DueItem]] = {}
    for item in items:
        groups.setdefault(person(item.status, item.deadline.actor), []).append(item)
    return sorted(groups.items(), key=lambda g: g[0].sort_key())


def for_person(items: Iterable[DueItem], actor: Actor, ident: str) -> list[DueItem]:
    """What this one person acts on (`--referent ID`, `--conseiller ID`, `--chef UAI`)."""
    return [i for i in items if _acts(person(i.status, i.deadline.actor), actor, ident)]


def _acts(who: Person, actor: Actor, ident: str) -> bool:
    return who.actor is actor and who.ident == ident

"""Who must act, by name: each pending deadline (and each alert of the conseiller) under
the person who acts on it — the chef d'établissement, the référent, the conseiller of the
mission locale — for `pae echeances`, the calendars and the pages of each person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pae.codes import Actor
from pae.programme.deadlines import Deadline
from pae.programme.status import DossierStatus, DueItem, conseiller_todo, due_within

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


def person(st: DossierStatus, actor: Actor) -> Person:
    """Who acts for this young person in this role."""
    etab = st.etablissement
    lycee = etab.nom if etab else f"Établissement {st.dossier.etablissement}"
    if actor is Actor.CHEF:
        chef = etab.chef_etablissement if etab else None
        return Person(actor, st.dossier.etablissement, chef, lycee)
    if actor is Actor.REFERENT:
        ref = st.referent
        return Person(actor, ref.id if ref else None, ref.nom if ref else None, lycee)
    ml = st.mission_locale
    place = ml.nom if ml else "mission locale non renseignée"
    adviser = st.conseiller
    return Person(actor, adviser.id if adviser else None, adviser.nom if adviser else None, place)


def todo_within(
    statuses: Iterable[DossierStatus], today: date, days: int | None = None
) -> list[DueItem]:
    """The pending deadlines up to `days` after today (`status.due_within`, overdue ones
    included) and the conseiller's alerts due by then (A4, A9, A10: `conseiller_todo`),
    earliest first."""
    chosen = list(statuses)
    horizon = today + timedelta(days=days) if days is not None else date.max
    items = due_within(chosen, today, days)
    for st, alert in conseiller_todo(chosen):
        day = alert.due or today
        # A deadline of the same day already says it (A9's I-Milo: « mettre à jour I-Milo »).
        said = any(dl.actor is Actor.CONSEILLER and dl.date == day for dl in st.deadlines)
        if day <= horizon and not said:
            what = f"{alert.code} : {alert.message}"
            items.append(DueItem(Deadline(day, what, Actor.CONSEILLER), st, alert))
    return sorted(items, key=lambda x: (x.deadline.date, x.status.dossier.id))


def by_person(items: Iterable[DueItem]) -> list[tuple[Person, list[DueItem]]]:
    """The items under each person who acts: chefs, then référents, then conseillers, each
    by workplace and name; each person's items in the order given."""
    groups: dict[Person, list[DueItem]] = {}
    for item in items:
        groups.setdefault(person(item.status, item.deadline.actor), []).append(item)
    return sorted(groups.items(), key=lambda g: g[0].sort_key())


def for_person(items: Iterable[DueItem], actor: Actor, ident: str) -> list[DueItem]:
    """What this one person acts on (`--referent ID`, `--conseiller ID`)."""
    return [
        i for i in items if i.deadline.actor is actor and person(i.status, actor).ident == ident
    ]

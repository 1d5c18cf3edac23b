"""Who must act on each alert, by name, and the cohort table's alert filters: the
dashboard's alert rows link to the cohort table filtered on a code (`#alerte=A5`) or on the
person who must act (`#qui=referent:0990001N-c-durand`), which `pae.js` reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pae.codes import Actor, Code
from pae.problems import Problem
from pae.programme.status import DossierStatus
from pae.programme.todo import person
from pae.site.context import Site

TEAM = "equipe"
"""The token of an alert no role is named for."""


@dataclass(frozen=True, order=True)
class Who:
    """The person who must act on an alert: a token for the filter, words for people."""

    token: str
    text: str


def who(site: Site, st: DossierStatus, alert: Problem) -> Who:
    """The head of the lycée, the dossier's référent or conseiller (`todo.person`), by name;
    "non désigné" while the dossier names none (that is then the alert)."""
    if alert.actor is None:
        return Who(TEAM, "L'équipe")
    p = person(st, alert.actor)  # a référent's alert without a référent: the chef's
    ml = st.mission_locale
    place = ml.id if p.actor is Actor.CONSEILLER and ml else st.dossier.etablissement
    if p.actor is Actor.CHEF or p.ident is None:  # one head per lycée; or nobody yet
        return Who(f"{p.actor}:{place}", p.heading)
    return Who(f"{p.actor}:{place}-{p.ident}", p.heading)


def tokens(site: Site, st: DossierStatus) -> list[str]:
    """The `data-qui` of a row of the cohort table: everyone who must act on its alerts."""
    return sorted({who(site, st, a).token for a in st.alertes})


def codes(st: DossierStatus) -> list[Code]:
    """The `data-alertes` of a row: its alert codes, each once."""
    return sorted({a.code for a in st.alertes}, key=lambda c: c.order)


def options(site: Site, rows: Iterable[DossierStatus]) -> tuple[list[Code], list[Who]]:
    """The choices of the table's alert filters: the codes and the people of these rows."""
    found = [(a.code, who(site, st, a)) for st in rows for a in st.alertes]
    return (
        sorted({c for c, _ in found}, key=lambda c: c.order),
        sorted({w for _, w in found}, key=lambda w: w.text.casefold()),
    )


@dataclass(frozen=True)
class CodeRow:
    code: Code
    count: int
    people: list[DossierStatus]


def by_code(site: Site, counts: dict[Code, int], shown: int = 5) -> list[tuple[CodeRow, int]]:
    """Each code of the cohort's figures with the young people concerned (the first
    `shown` of them) and how many more there are."""
    rows = []
    for code, n in counts.items():
        people = [st for st in site.statuses if any(a.code is code for a in st.alertes)]
        rows.append((CodeRow(code, n, people[:shown]), max(len(people) - shown, 0)))
    return rows


def by_person(site: Site) -> list[tuple[Who, int]]:
    """How many alerts each person must act on, most first."""
    counts = Counter(who(site, st, a) for st in site.statuses for a in st.alertes)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].text.casefold()))

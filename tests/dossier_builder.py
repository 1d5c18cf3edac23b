"""Dossiers written in code, section by section, and their status at a date.

`Jeune()` produces the raw dict a YAML file would give (dates as ISO strings), so that a
test reads like the dossier it describes:

    Jeune().contact("2026-07-08").info("2026-09-10").inscription("2026-09-12")

`status_of(jeune, "2026-10-15")` checks that the dossier passes its schema and E1–E9
(alerts are about valid dossiers), then computes its status in the small test network
`tests/data/reseau/` (lycée 0990001N, zone C; mission locale ml-test).
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pae.problems import Problem
from pae.programme.cohort import cohort_figures
from pae.programme.context import Context
from pae.programme.rules import DOSSIER_RULES
from pae.programme.school_calendar import SchoolCalendar
from pae.programme.status import DossierStatus, dossier_status, network_status
from pae.records.dossier import Dossier
from pae.records.network import Network
from pae.records.reading import load_network
from pae.records.schemas import SchemaCheck
from pae.records.settings import Settings
from pae.site.context import Options as PageOptions
from pae.site.context import Site
from pae.site.history import Histories

RESEAU = Path(__file__).parent / "data" / "reseau"
UAI = "0990001N"
CALENDAR = SchoolCalendar()
"""One calendar for every test, as the tool keeps one for a whole run."""

Day = str | date


def iso(day: Day) -> str:
    return day if isinstance(day, str) else day.isoformat()


def as_date(day: Day) -> date:
    return date.fromisoformat(day) if isinstance(day, str) else day


def days(start: Day, count: int) -> list[str]:
    """`count` consecutive days from `start`, as ISO strings."""
    first = as_date(start)
    return [(first + timedelta(days=i)).isoformat() for i in range(count)]


class Jeune:
    """A dossier under construction; each method adds one section and returns the builder."""

    def __init__(
        self,
        n: int = 1,
        session: int = 2026,
        diplome: str = "cap",
        resultat: str = "admis",
        premiere_session: int | None = None,
        dispositif: str | None = None,
        uai: str = UAI,
        nom: str = "Martin",
        prenom: str = "Léa",
    ) -> None:
        self.raw: dict[str, Any] = {
            "id": f"{uai}-{session}-{n:03d}",
            "session": session,
            "etablissement": uai,
            "volontaire": True,
            "identite": {"nom": nom, "prenom": prenom, "date_naissance": "2007-03-14"},
            "examen": {
                "diplome": diplome,
                "specialite": "Spécialité de test",
                "resultat": resultat,
                "premiere_session": premiere_session or session,
            },
            "reperage": {
                "motif": "echec_examen" if resultat == "ajourne" else "sans_solution_connue"
            },
        }
        if dispositif:
            self.raw["dispositif"] = dispositif

    @property
    def id(self) -> str:
        return str(self.raw["id"])

    def _section(self, name: str) -> dict[str, Any]:
        section: dict[str, Any] = self.raw.setdefault(name, {})
        return section

    def contact(
        self,
        day: Day,
        resultat: str = "joint",
        reponse: str | None = "entretien_accepte",
        propositions: tuple[str, ...] = ("reinscription", "entretien_information"),
        canal: str = "telephone",
    ) -> Jeune:
        item: dict[str, Any] = {"date": iso(day), "canal": canal, "resultat": resultat}
        if resultat == "joint":
            item["propositions"] = list(propositions)
            if reponse:
                item["reponse"] = reponse
        self._section("reperage").setdefault("contacts", []).append(item)
        return self

    def attempts(self, *dates: Day) -> Jeune:
        """Unanswered calls."""
        for day in dates:
            self.contact(day, resultat="injoignable")
        return self

    def info(
        self,
        day: Day,
        decision: str = "inscription",
        france_travail: dict[str, bool] | None = None,
    ) -> Jeune:
        self.raw["entretien_information"] = {
            "date": iso(day),
            "mission_locale": "ml-test",
            "participants": ["chef_etablissement", "conseiller_ml"],
            "decision": decision,
        }
        if france_travail is not None:
            self.raw["entretien_information"]["france_travail"] = france_travail
        return self

    def inscription(
        self,
        day: Day,
        referent: str | None = "c-durand",
        conseiller_ml: str | None = "a-benali",
        dossier_imilo: bool | None = True,
    ) -> Jeune:
        mef = "pae_n3" if self.raw["examen"]["diplome"] == "cap" else "pae_n4"
        section: dict[str, Any] = {"date": iso(day), "mef": mef}
        if referent:
            section["referent"] = referent
        if conseiller_ml:
            section["conseiller_ml"] = conseiller_ml
        if dossier_imilo is not None:
            section["dossier_imilo"] = dossier_imilo
        self.raw["inscription"] = section
        return self

    def approfondi(self, day: Day, projet: str = "emploi") -> Jeune:
        self.raw["entretien_approfondi"] = {
            "date": iso(day),
            "participants": ["referent", "conseiller_ml"],
            "projet": projet,
        }
        return self

    def action(
        self,
        ident: str,
        debut: Day,
        fin: Day,
        type: str = "atelier_orientation",
        creneaux: tuple[tuple[str, str, str], ...] = (),
        intitule: str | None = None,
        convention: Day | None = None,
        sans_convention: bool = False,
    ) -> Jeune:
        """An action; a company placement gets a convention signed on its first day unless
        another date is given, or none with `sans_convention`."""
        item: dict[str, Any] = {
            "id": ident,
            "type": type,
            "intitule": intitule or f"Action {ident}",
            "structure": "boulangerie-du-centre" if type.startswith("stage") else UAI,
            "lieu": "entreprise" if type.startswith("stage") else "etablissement",
            "debut": iso(debut),
            "fin": iso(fin),
        }
        if type.startswith("stage") and not sans_convention:
            item["convention"] = {"date_signature": iso(convention or debut)}
        if creneaux:
            item["creneaux"] = [{"jour": j, "debut": a, "fin": b} for j, a, b in creneaux]
        self._section("parcours").setdefault("actions", []).append(item)
        return self

    def point(self, *dates: Day) -> Jeune:
        for day in dates:
            points = self._section("suivi").setdefault("points", [])
            points.append({"date": iso(day), "avec": ["jeune"]})
        return self

    def presence(self, statut: str, *dates: Day, action: str = "a1") -> Jeune:
        lines = self._section("suivi").setdefault("assiduite", [])
        lines.extend({"date": iso(day), "action": action, "statut": statut} for day in dates)
        return self

    def sortie(self, day: Day, motif: str) -> Jeune:
        self.raw["sortie_anticipee"] = {"date": iso(day), "motif": motif}
        return self

    def bilan(
        self,
        day: Day | None,
        solution: str | None = "apprentissage",
        transmis: Day | None = None,
        imilo: bool | None = True,
    ) -> Jeune:
        section: dict[str, Any] = {"participants": ["referent", "conseiller_ml", "jeune"]}
        if day is not None:
            section["date"] = iso(day)
        if solution:
            section["solution"] = solution
        if transmis is not None:
            section["transmis_chef_etablissement"] = iso(transmis)
        if imilo is not None:
            section["imilo_mis_a_jour"] = imilo
        self.raw["bilan"] = section
        return self

    def copy(self) -> Jeune:
        twin = Jeune.__new__(Jeune)
        twin.raw = copy.deepcopy(self.raw)
        return twin

    @property
    def file(self) -> str:
        return f"records/jeunes/{self.raw['session']}/{self.raw['etablissement']}/{self.id}.yaml"

    def dossier(self) -> Dossier:
        return Dossier.from_raw(copy.deepcopy(self.raw), self.file)


def en_parcours(n: int = 1) -> Jeune:
    """A dossier without any alert on 2026-10-15: enrolled, interviewed, in an action."""
    return (
        Jeune(n)
        .contact("2026-07-08")
        .info("2026-09-10")
        .inscription("2026-09-12")
        .approfondi("2026-09-16")
        .action("a1", "2026-10-05", "2026-10-16", creneaux=(("mardi", "09:00", "12:00"),))
        .point("2026-10-09")
        .presence("present", "2026-10-06", "2026-10-13")
    )


# --- the network and the computation --------------------------------------------------


@cache
def _reference() -> Network:
    loaded = load_network(RESEAU)
    assert not loaded.problems, loaded.problems
    return loaded.network


def network(*jeunes: Jeune, **etab_changes: Any) -> Network:
    """The test network's reference data with these dossiers (and a changed lycée)."""
    ref = _reference()
    etabs = dict(ref.etablissements)
    if etab_changes:
        etabs[UAI] = replace(etabs[UAI], **etab_changes)
    return Network(
        root=ref.root,
        etablissements=etabs,
        missions_locales=dict(ref.missions_locales),
        offres=dict(ref.offres),
        dossiers=[j.dossier() for j in jeunes],
    )


@cache
def _jeune_schema() -> SchemaCheck:
    return SchemaCheck("jeune")


def errors_of(jeune: Jeune, net: Network, settings: Settings) -> list[Problem]:
    """Schema and E1–E9 problems, with 'today' far away so that E8 never sees the future."""
    problems = [
        Problem("E1", jeune.file, message) for _, message, _, _ in _jeune_schema().errors(jeune.raw)
    ]
    ctx = Context(net, settings, date(2100, 1, 1))
    d = jeune.dossier()
    for rule in DOSSIER_RULES:
        problems.extend(rule(d, ctx))
    return problems


def core_at(today: Day, net: Network, settings: Settings | None = None) -> Context:
    return Context(net, settings or Settings(), as_date(today), CALENDAR)


def status_of(
    jeune: Jeune,
    today: Day,
    settings: Settings | None = None,
    check: bool = True,
    **etab_changes: Any,
) -> DossierStatus:
    """The status of one dossier at `today`; fails first if the dossier is not valid."""
    settings = settings or Settings()
    net = network(jeune, **etab_changes)
    if check:
        problems = errors_of(jeune, net, settings)
        assert not problems, "\n".join(f"{p.code} {p.message}" for p in problems)
    return dossier_status(net.dossiers[0], core_at(today, net, settings))


def statuses_of(jeunes: list[Jeune], today: Day) -> tuple[list[DossierStatus], Context]:
    net = network(*jeunes)
    core = core_at(today, net)
    return network_status(core), core


def codes(st: DossierStatus) -> list[str]:
    """The alert codes of a status, in the order the alerts are computed."""
    return [a.code for a in st.alertes]


def alert(st: DossierStatus, code: str) -> Problem:
    """The only alert of this code."""
    found = [a for a in st.alertes if a.code == code]
    assert len(found) == 1, f"{code}: {[a.message for a in st.alertes]}"
    return found[0]


# --- a network on disk ----------------------------------------------------------------


def write_network(root: Path, *jeunes: Jeune, parametres: dict[str, Any] | None = None) -> Path:
    """A copy of the test network at `root` holding these dossiers (and settings)."""
    shutil.copytree(RESEAU / "records", root / "records", ignore=shutil.ignore_patterns("jeunes"))
    for j in jeunes:
        path = root / j.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(j.raw, allow_unicode=True, sort_keys=False), "utf-8")
    if parametres is not None:
        text = yaml.safe_dump(parametres, allow_unicode=True, sort_keys=False)
        (root / "records" / "parametres.yaml").write_text(text, "utf-8")
    return root


def site_of(jeunes: list[Jeune], today: Day, pseudonymise: bool = False) -> Site:
    """The data of a site built from these dossiers of the small test network."""
    statuses, ctx = statuses_of(jeunes, today)
    figures = cohort_figures(statuses, ctx)
    return Site(ctx, statuses, figures, Histories({}, True), PageOptions(ctx.today, pseudonymise))

"""What each page module selects, checked on its own (the rules themselves are the core's,
tested in test_facts, test_status and test_alerts)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from dossier_builder import Jeune, en_parcours, site_of
from pae.codes import Code
from pae.site import calendars, conseillers, overview, places


def section(page: str, heading: str) -> str:
    """The text of a page from a `## heading` to the next one."""
    start = page.index(f"## {heading}")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def test_a_lycees_to_do_holds_the_last_day_of_the_horizon() -> None:
    # en_parcours: last check-in on 2026-10-09, so the next one is due 10 school days
    # later, the Toussaint break left out: on 2026-11-06.
    fourteen_days = dict(places.lycee_pages(site_of([en_parcours(1)], "2026-10-23")))
    assert "06/11/2026" in section(fourteen_days["lycees/0990001N.md"], "À faire")
    fifteen_days = dict(places.lycee_pages(site_of([en_parcours(1)], "2026-10-22")))
    assert "06/11/2026" not in section(fifteen_days["lycees/0990001N.md"], "À faire")


def test_the_dashboard_lists_what_is_due_within_the_horizon() -> None:
    site = site_of([en_parcours(1)], "2026-10-23")
    page = overview.dashboard(site, "")
    assert "06/11/2026" in page
    assert "31/12/2026" not in page.split("## ", 2)[1]  # the bilan is further away


def test_the_conseillers_i_milo_to_do() -> None:
    france_travail = (
        Jeune(1).contact("2026-07-08").info("2026-09-10", france_travail={"inscrit": True})
    )
    no_imilo = en_parcours(2).inscription("2026-09-12", dossier_imilo=False)
    bilan_not_in_imilo = en_parcours(3).bilan("2026-10-12", "emploi", imilo=False)
    without = en_parcours(4)
    site = site_of([france_travail, no_imilo, bilan_not_in_imilo, without], "2026-10-15")
    todo = places._imilo(site.statuses)
    assert [st.dossier.id[-3:] for st, _, _ in todo] == ["001", "002", "003"]
    page = dict(places.ml_pages(site))["missions-locales/ml-test.md"]
    assert "déclarée mais non vérifiée" in page
    assert "Bilan non reporté dans" in page


def test_a_referents_bilans_to_write() -> None:
    due = en_parcours(1).sortie("2026-10-12", "abandon")
    unsent = en_parcours(2).bilan("2026-10-13", "emploi")
    done = en_parcours(3).bilan("2026-10-13", "emploi", transmis="2026-10-14")
    site = site_of([due, unsent, done], "2026-10-15")
    chosen = places._bilans_to_write(site.statuses)
    assert sorted((st.dossier.id[-3:], what) for st, what, _ in chosen) == [
        ("001", "bilan à faire (sortie anticipée) : aucun bilan avec solution de sortie"),
        ("001", "entretien de bilan et solution de sortie"),
        ("002", "bilan non transmis au chef d'établissement"),
        ("002", "transmettre le bilan au chef d'établissement"),
    ]
    assert all(a.code is not Code.A9 for a in site.statuses[2].alertes)


def test_the_echeancier_puts_late_deadlines_first_then_weeks() -> None:
    late = Jeune(1).contact("2026-07-08")  # contact the young person: due 30 September
    site = site_of([late, en_parcours(2)], "2026-10-15")
    page = calendars.echeancier(site)
    assert page.index("En retard") < page.index("30/09/2026") < page.index("Semaine du")


def test_the_dossier_page_shows_the_written_bilan_and_unrecorded_sessions() -> None:
    from pae.site.dossier import dossier_page

    jeune = en_parcours(1).bilan("2026-10-16", "emploi")
    jeune.raw["bilan"]["competences_acquises"] = "Accueil des clients"
    jeune.raw["bilan"]["suite"] = "Suivi par la mission locale"
    # Tuesdays 6 and 13 October are recorded; the action ran until 16 October.
    site = site_of([jeune], "2026-10-20")
    page = dossier_page(site, site.statuses[0])
    assert '<th scope="row">Compétences acquises</th><td>Accueil des clients</td>' in page
    assert "Suite du parcours</th><td>Suivi par la mission locale</td>" in page
    assert site.statuses[0].sessions_planned == 2
    assert site.statuses[0].sessions_unrecorded == 0
    unrecorded = en_parcours(2).action(
        "a2", "2026-09-21", "2026-10-02", creneaux=(("lundi", "09:00", "12:00"),)
    )
    site = site_of([unrecorded], "2026-10-20")
    st = site.statuses[0]
    # Mondays 21 and 28 September have no line; the two Tuesdays of a1 are recorded.
    assert (st.sessions_planned, st.sessions_unrecorded) == (4, 2)
    assert "Séances non saisies : 2 sur 4" in dossier_page(site, st)


def test_a_conseillers_to_do_holds_their_deadlines_and_alerts_once_each() -> None:
    no_imilo = en_parcours(1).inscription("2026-09-12", dossier_imilo=False)
    bilan_not_in_imilo = en_parcours(2).bilan("2026-10-12", "emploi", imilo=False)
    other = en_parcours(3).inscription("2026-09-12", conseiller_ml=None, dossier_imilo=False)
    site = site_of([no_imilo, bilan_not_in_imilo, other], "2026-10-15")
    groups = conseillers.by_conseiller(site)
    assert list(groups) == [("ml-test", "a-benali")]
    mine = groups[("ml-test", "a-benali")]
    adviser = site.ctx.network.missions_locales["ml-test"].conseillers[0]
    todo = conseillers.to_do(site, adviser, mine)
    assert [(i.status.dossier.id[-3:], i.deadline.what) for i in todo] == [
        ("001", "A4 : dossier I-Milo non ouvert ou non rattaché au parcours"),
        ("002", "mettre à jour I-Milo"),  # which A9 says too: once
    ]
    page = dict(conseillers.conseiller_pages(site))["conseillers/ml-test-a-benali.md"]
    assert "# Mes jeunes — Amina Benali" in page
    assert "2 jeunes suivis" in page
    assert section(page, "Mes alertes").count("!!! ") == 2


def test_a_conseillers_page_links_their_calendar() -> None:
    site = site_of([en_parcours(1)], "2026-10-15")
    path = site.conseiller_calendar("ml-test", "a-benali")
    assert path in calendars.calendar_paths(site)
    page = dict(conseillers.conseiller_pages(site))["conseillers/ml-test-a-benali.md"]
    assert 'href="../../calendriers/ml-test-a-benali.ics">S\'abonner' in page


def test_attendance_weeks_run_monday_to_friday_and_unrecorded_sessions_lower_them() -> None:
    from pae.programme.status import planned_sessions
    from pae.site.dossier import attendance_weeks, dossier_page

    # a1: Tuesdays 6 and 13 October, both recorded present; a2: Mondays 5 and 12 October,
    # the 5th recorded absent, the 12th not recorded. Thursday 15 October: the current week
    # runs Monday 12 to Friday 16; the one before is 5–9 October.
    jeune = (
        en_parcours(1)
        .action("a2", "2026-10-05", "2026-10-16", creneaux=(("lundi", "14:00", "16:00"),))
        .presence("absent", "2026-10-05", action="a2")
    )
    site = site_of([jeune], "2026-10-15")
    st = site.statuses[0]
    weeks = attendance_weeks(st, site, planned_sessions(st.dossier, site.ctx))
    assert [(w.label, w.share, w.unrecorded) for w in weeks[-2:]] == [
        ("05/10–09/10", 0.5, 0),
        ("12/10–16/10", 0.5, 1),  # present on Tuesday, Monday « non saisi »
    ]
    assert all(w.label[:5] in {"14/09", "21/09", "28/09", "05/10", "12/10"} for w in weeks)
    page = dossier_page(site, st)
    assert "Séances non saisies : 1 sur 4" in page
    assert "<td>12/10/2026</td><td>Action a2</td><td>non saisi</td>" in page
    assert "une séance prévue sans présence notée (« non saisi ») compte comme non" in page


def test_a_weekly_timetable_says_its_span() -> None:
    from pae.site.dossier import dossier_page

    jeune = en_parcours(1).action(
        "a2", "2026-11-02", "2026-11-06", creneaux=(("lundi", "14:00", "16:00"),)
    )
    site = site_of([jeune], "2026-10-15")
    page = dossier_page(site, site.statuses[0])
    assert "Chaque semaine du 05/10 au 16/10 &#40;en cours&#41;" in page
    assert "Semaine du 02/11 au 06/11 &#40;à venir&#41;" in page
    assert "cette semaine" not in page


def test_dashboard_alert_rows_name_the_young_people_and_who_acts() -> None:
    no_imilo = en_parcours(1).inscription("2026-09-12", dossier_imilo=False)
    nobody = en_parcours(2).inscription("2026-09-12", conseiller_ml=None)
    site = site_of([no_imilo, nobody], "2026-10-15")
    page = overview.dashboard(site, "")
    doc = lxml_html.fromstring(section(page, "Alertes"))
    by_code = doc.xpath("//table[caption='Par type']/tbody/tr")
    assert [r.find("td/a").get("href") for r in by_code] == ["cohorte/#alerte=A4"]
    names = [a.text_content() for a in by_code[0].xpath("td[2]/a")]
    assert names == [site.name(st.dossier) for st in site.statuses]
    by_person = doc.xpath("//table[caption='Par personne qui doit agir']/tbody/tr/td/a")
    assert sorted((a.text_content(), a.get("href")) for a in by_person) == [
        (
            "Conseiller de la mission locale — Amina Benali (Mission locale de Test)",
            "cohorte/#qui=conseiller_ml:ml-test-a-benali",
        ),
        (
            "Conseiller de la mission locale — non désigné (Mission locale de Test)",
            "cohorte/#qui=conseiller_ml:ml-test",
        ),
    ]
    table = lxml_html.fromstring(overview.cohort(site).split("---\n", 2)[2])
    rows = table.xpath("//table[@class='pae-cohorte']/tbody/tr")
    assert [(r.get("data-alertes"), r.get("data-qui")) for r in rows] == [
        ("A4", "conseiller_ml:ml-test-a-benali"),
        ("A4", "conseiller_ml:ml-test"),
    ]
    options = table.xpath("//select[@data-pae-who]/option/@value")
    assert options == ["", "conseiller_ml:ml-test-a-benali", "conseiller_ml:ml-test"]


def test_the_dashboard_says_how_enrolled_and_in_programme_differ() -> None:
    done = en_parcours(1).bilan("2026-10-12", "emploi", transmis="2026-10-13")
    site = site_of([done, en_parcours(2)], "2026-10-15")
    page = overview.dashboard(site, "")
    assert "« Inscrits » (2) compte aussi les bilans faits et les sorties" in page
    assert "la carte « inscrits ou en parcours » (1) ne compte que les parcours en cours" in page


def test_the_dossier_page_shows_what_was_planned_not_what_came_later() -> None:
    from pae.site.dossier import dossier_page

    jeune = en_parcours(1).point("2026-10-20").sortie("2026-11-06", "abandon")
    jeune.bilan("2026-11-06", solution=None, imilo=None)
    site = site_of([jeune], "2026-10-15")
    st = site.statuses[0]
    page = dossier_page(site, st)
    start = page.index('<div class="pae-timeline"')
    table = lxml_html.fromstring(page[start : page.index("</div>", start) + 6])
    rows = [(tr.get("class"), [td.text_content() for td in tr]) for tr in table.iter("tr")]
    assert rows[-1] == ("pae-planned", ["06/11/2026", "Entretien de bilan", "prévu"])
    shown = " ".join(" ".join(cells) for _, cells in rows)
    assert "20/10/2026" not in shown and "Sortie anticipée" not in shown  # not known yet
    assert "## Sortie anticipée" not in page  # not known on 15 October
    assert "Entretien de bilan prévu le 06/11/2026" in page
    assert (
        "2 événements notés pour une date postérieure (contacts, points de suivi, sortie…) "
        "ne sont pas montrés" in page
    )
    assert st.etape.value == "en_parcours"


def test_the_dossier_history_as_of_d_leaves_out_later_commits() -> None:
    from datetime import datetime

    from pae.site.dossier import dossier_page
    from pae.site.escape import md_escape
    from pae.site.history import Commit, Histories

    site = site_of([en_parcours(1)], "2026-10-15")
    st = site.statuses[0]
    when = [
        datetime.fromisoformat(t)
        for t in ("2026-11-06T10:00:00+01:00", "2026-10-01T09:00:00+02:00")
    ]
    site.histories = Histories(
        {
            st.dossier.file: [
                Commit("b" * 40, when[0], "Claire Durand", "Sortie anticipée du 06/11/2026"),
                Commit("a" * 40, when[1], "Claire Durand", "Inscription"),
            ]
        },
        True,
    )
    page = dossier_page(site, st)
    assert "Inscription" in page
    assert "Sortie anticipée du 06/11/2026" not in page
    site.histories.by_file[st.dossier.file].pop()  # only the later commit left
    page = dossier_page(site, st)
    note = "Aucun enregistrement dans git au 15/10/2026 (les suivants ne sont pas montrés)."
    assert md_escape(note) in page


def test_the_site_names_who_acts_on_each_deadline() -> None:
    from pae.site import calendars
    from pae.site.escape import md_escape

    site = site_of([en_parcours(1)], "2026-10-15")
    st = site.statuses[0]
    assert st.next_deadline is not None
    name = st.referent.nom if st.referent else ""
    assert site.who(st.next_deadline, st) == f"référent ({name})"
    assert md_escape(f"référent ({name})") in calendars.echeancier(site)


@pytest.mark.parametrize(
    ("start", "end", "today", "title"),
    [
        ("2026-11-28", "2026-12-15", "2026-12-01", "Chaque semaine du 30/11 au 15/12 (en cours)"),
        ("2026-10-03", "2026-10-05", "2026-09-20", "Le 05/10 (à venir)"),
        ("2026-09-14", "2026-09-20", "2026-09-15", "Semaine du 14/09 au 18/09 (en cours)"),
    ],
)
def test_a_timetable_heading_runs_from_a_weekday_to_a_weekday(
    start: str, end: str, today: str, title: str
) -> None:
    from datetime import date

    from pae.site.timetable import Period, heading

    period = Period(date.fromisoformat(start), date.fromisoformat(end), ())
    assert heading(period, date.fromisoformat(today)) == title


def test_what_a_missing_referent_would_do_is_filtered_under_the_chef() -> None:
    from pae.codes import Actor
    from pae.site.alert_filters import tokens

    jeune = (
        Jeune(1).contact("2026-07-08").info("2026-09-10").inscription("2026-09-12", referent=None)
    )
    site = site_of([jeune], "2026-10-15")
    st = site.statuses[0]
    actors = {a.actor for a in st.alertes}
    assert {Actor.CHEF, Actor.REFERENT} <= actors  # A4, and what the référent would do
    assert tokens(site, st) == ["chef_etablissement:0990001N"]  # one person: the chef


def test_every_lycee_page_links_to_a_chef_calendar_that_is_written() -> None:
    site = site_of([], "2026-10-15")  # a lycée with no young person yet
    written = dict(calendars.calendar_files(site))
    assert list(site.ctx.network.etablissements) == ["0990001N"]
    for uai in site.ctx.network.etablissements:
        assert site.chef_calendar(uai) in written
        assert site.chef_calendar(uai) in calendars.calendar_paths(site)

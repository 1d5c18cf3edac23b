"""`pae echeances --ics`: an RFC 5545 file that two independent parsers read alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import ics
import pytest
from click.testing import Result
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from dossier_builder import Jeune, en_parcours, write_network
from pae.cli.main import main

PARIS = ZoneInfo("Europe/Paris")
TODAY = "2026-10-15"
Run = Callable[..., Result]


def jeunes() -> list[Jeune]:
    two_slots = (
        Jeune(2, nom="Diallo", prenom="Moussa")
        .contact("2026-07-09")
        .info("2026-09-11")
        .inscription("2026-09-14", referent="m-roux")
        .approfondi("2026-09-17")
        .action(
            "a1",
            "2026-11-02",
            "2026-12-18",
            creneaux=(("lundi", "14:00", "17:00"), ("jeudi", "09:00", "12:00")),
            intitule="Atelier de recherche d'emploi avec la mission locale, au pôle de services",
        )
        .point("2026-10-10")
    )
    waiting = Jeune(3, nom="Petit", prenom="Inès").contact("2026-07-10").info("2026-09-25")
    done = (
        Jeune(4, nom="Leroy", prenom="Hugo")
        .contact("2026-07-06")
        .info("2026-09-07")
        .inscription("2026-09-08")
        .approfondi("2026-09-09")
        .action("a1", "2026-09-14", "2026-10-02", creneaux=(("mardi", "09:00", "12:00"),))
        .sortie("2026-10-02", "emploi")
        .bilan("2026-10-09", "emploi", transmis="2026-10-12")
    )
    return [en_parcours(1), two_slots, waiting, done]


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    return write_network(tmp_path / "depot", *jeunes())


def write_ics(run: Run, depot: Path, target: Path, *extra: str) -> bytes:
    result = run("--depot", depot, "echeances", "--date", TODAY, "--ics", target, *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Calendrier écrit : {target}\n"
    return target.read_bytes()


@pytest.fixture
def data(run: Run, depot: Path, tmp_path: Path) -> bytes:
    """Everyone's calendar, 80 days ahead: to the end of the session."""
    return write_ics(run, depot, tmp_path / "agenda.ics", "--jours", "80")


def test_parses_with_icalendar(data: bytes) -> None:
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//pae//Parcours Ambition Emploi//FR"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_parses_with_a_second_parser(data: bytes) -> None:
    other = ics.Calendar(data.decode("utf-8"))
    mine = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    theirs = {e.uid: e for e in other.events}
    assert set(theirs) == set(mine)
    assert theirs["fin-pae-2026@pae"].name == "Parcours Ambition Emploi : fin du parcours, bilans"
    assert theirs["fin-pae-2026@pae"].begin.date() == date(2026, 12, 31)
    slot = theirs["0990001N-2026-002-a1-0@pae"]
    assert slot.begin.datetime == datetime(2026, 11, 2, 14, 0, tzinfo=PARIS)
    assert slot.name.startswith("Atelier de recherche d'emploi avec la mission locale")


def test_every_event_has_uid_dtstamp_dtstart_and_uids_are_unique(data: bytes) -> None:
    found = Calendar.from_ical(data).walk("VEVENT")
    assert len(found) > 10
    for event in found:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event, (prop, event.get("SUMMARY"))
    uids = [str(e["UID"]) for e in found]
    assert len(uids) == len(set(uids))


def test_lines_are_crlf_and_at_most_75_octets(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    # Long French summaries are folded (continuation lines start with a space), not cut.
    assert any(line.startswith(b" ") for line in lines)


def test_weekly_slots_repeat_until_the_last_session(data: bytes) -> None:
    slots = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT") if "RRULE" in e}
    assert sorted(slots) == [
        "0990001N-2026-001-a1-0@pae",
        "0990001N-2026-002-a1-0@pae",
        "0990001N-2026-002-a1-1@pae",
    ]
    for event in slots.values():
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"] and "UNTIL" in rule
    # From a week before today (8 October) on: the session of 6 October is left out.
    tuesday = slots["0990001N-2026-001-a1-0@pae"]
    start = tuesday.decoded("DTSTART")
    assert start == datetime(2026, 10, 13, 9, 0, tzinfo=PARIS)
    assert tuesday.decoded("DTEND") == datetime(2026, 10, 13, 12, 0, tzinfo=PARIS)
    occurrences = list(rrulestr(tuesday["RRULE"].to_ical().decode(), dtstart=start))
    assert [o.date() for o in occurrences] == [date(2026, 10, 13)]
    thursday = slots["0990001N-2026-002-a1-1@pae"]
    occurrences = list(
        rrulestr(thursday["RRULE"].to_ical().decode(), dtstart=thursday.decoded("DTSTART"))
    )
    assert (occurrences[0].date(), occurrences[-1].date(), len(occurrences)) == (
        date(2026, 11, 5),
        date(2026, 12, 17),
        7,
    )


def test_finished_dossiers_have_no_slots(data: bytes) -> None:
    uids = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert "0990001N-2026-004-a1-0@pae" not in uids
    assert "0990001N-2026-004-bilan@pae" in uids


def test_deadline_dates_of_the_programme(data: bytes) -> None:
    by_uid = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert "limite-pae-2026@pae" not in by_uid  # 30 September: more than a week ago
    fin = by_uid["fin-pae-2026@pae"]
    assert (fin.decoded("DTSTART"), fin.decoded("DTEND")) == (date(2026, 12, 31), date(2027, 1, 1))
    assert (fin.decoded("DTSTART"), str(fin["SUMMARY"])) == (
        date(2026, 12, 31),
        "Parcours Ambition Emploi : fin du parcours, bilans",
    )
    follow_up = by_uid["0990001N-2026-001-echeance-point_suivi@pae"]  # stable: named by kind
    assert str(follow_up["SUMMARY"]) == (
        "À faire : point de suivi avec le jeune — Léa Martin (0990001N-2026-001)"
    )
    assert str(follow_up["DESCRIPTION"]) == (
        "Qui agit : Référent — Claire Durand (Lycée professionnel de Test)"
    )
    assert follow_up.decoded("DTSTART") == date(2026, 11, 6)  # school days: Toussaint skipped


def test_same_data_same_bytes(run: Run, depot: Path, tmp_path: Path) -> None:
    first = write_ics(run, depot, tmp_path / "un.ics")
    second = write_ics(run, depot, tmp_path / "deux.ics")
    assert first == second


def test_referent_filter(run: Run, depot: Path, tmp_path: Path) -> None:
    data = write_ics(run, depot, tmp_path / "roux.ics", "--referent", "m-roux", "--jours", "80")
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Parcours Ambition Emploi — Marc Roux"
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == [
        "0990001N-2026-002-a1-0@pae",
        "0990001N-2026-002-a1-1@pae",
        "0990001N-2026-002-echeance-bilan@pae",
        "0990001N-2026-002-echeance-debut_action@pae",
        "0990001N-2026-002-echeance-point_suivi@pae",
        "fin-pae-2026@pae",
    ]


def test_unwritable_target_french_error_no_file(
    depot: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("un fichier, pas un dossier\n")
    target = blocker / "agenda.ics"
    with pytest.raises(SystemExit) as exit_:
        main(["--depot", str(depot), "echeances", "--date", TODAY, "--ics", str(target)])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert err == (
        f"Erreur : impossible d'écrire le calendrier {target} : "
        "un élément du chemin n'est pas un dossier\n"
    )
    assert "Traceback" not in out + err
    assert blocker.read_text() == "un fichier, pas un dossier\n"


def test_failed_write_leaves_no_partial_file(
    depot: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pae.files.os.replace", refuse)
    folder = tmp_path / "agendas"
    folder.mkdir()
    with pytest.raises(SystemExit) as exit_:
        main(["--depot", str(depot), "echeances", "--date", TODAY, "--ics", str(folder / "a.ics")])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(": permission refusée\n")
    assert list(folder.iterdir()) == []  # neither the target nor the temporary file


def test_a_directory_is_refused_in_french(run: Run, depot: Path, tmp_path: Path) -> None:
    result = run("--depot", depot, "echeances", "--date", TODAY, "--ics", tmp_path)
    assert result.exit_code == 2
    assert "est un dossier" in result.stderr


def _events(data: bytes) -> dict[str, Event]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def _day(event: Event) -> date:
    start = event.decoded("DTSTART")
    return start.date() if isinstance(start, datetime) else start


def test_the_horizon_bounds_every_calendar(run: Run, depot: Path, tmp_path: Path) -> None:
    """By default `horizon_echeances_jours` (14) ahead, a week back: 8–29 October."""
    events = _events(write_ics(run, depot, tmp_path / "tous.ics"))
    assert events
    for event in events.values():
        assert date(2026, 10, 8) <= _day(event) <= date(2026, 10, 29), event["SUMMARY"]
        if "RRULE" in event:
            until = event["RRULE"]["UNTIL"][0]
            assert until.date() <= date(2026, 10, 29)
    # Hugo Leroy's bilan (9 October) is last week's: still there; his interviews are not.
    assert "0990001N-2026-004-bilan@pae" in events
    assert "0990001N-2026-004-entretien-information@pae" not in events
    # Inès Petit's in-depth interview was due on 1 October (overdue): it stands on today.
    late = events["0990001N-2026-003-echeance-entretien_approfondi@pae"]
    assert _day(late) == date(2026, 10, 15)
    assert str(late["SUMMARY"]).startswith("En retard (depuis le ")


def test_a_weekly_slot_skips_the_holidays(run: Run, tmp_path: Path) -> None:
    """Zone C: Toussaint from 17 October to 1 November, 11 November a public holiday."""
    jeune = en_parcours(1).action(
        "a2",
        "2026-10-12",
        "2026-11-13",
        creneaux=(
            ("mardi", "09:00", "12:00"),
            ("vendredi", "09:00", "12:00"),
            ("mercredi", "14:00", "16:00"),
        ),
    )
    root = write_network(tmp_path / "depot", jeune)
    target = tmp_path / "durand.ics"
    data = write_ics(run, root, target, "--referent", "c-durand", "--jours", "30")
    events = _events(data)
    mornings = events["0990001N-2026-001-a2-0@pae"]  # Tuesdays and Fridays: one event
    assert "0990001N-2026-001-a2-1@pae" not in events
    assert mornings["RRULE"]["BYDAY"] == ["TU", "FR"]
    start = mornings.decoded("DTSTART")
    assert start == datetime(2026, 10, 13, 9, 0, tzinfo=PARIS)
    skipped = [d.dt for x in _list(mornings["EXDATE"]) for d in x.dts]
    assert [d.date() for d in skipped] == [
        date(2026, 10, 20),
        date(2026, 10, 23),
        date(2026, 10, 27),
        date(2026, 10, 30),
    ]
    rule = rrulestr(mornings["RRULE"].to_ical().decode(), dtstart=start, forceset=True)
    for day in skipped:
        rule.exdate(day)
    assert [o.date() for o in rule] == [
        date(2026, 10, 13),
        date(2026, 10, 16),
        date(2026, 11, 3),
        date(2026, 11, 6),
        date(2026, 11, 10),
        date(2026, 11, 13),
    ]
    wednesday = events["0990001N-2026-001-a2-2@pae"]
    skipped = [d.dt.date() for x in _list(wednesday["EXDATE"]) for d in x.dts]
    assert skipped == [date(2026, 10, 21), date(2026, 10, 28), date(2026, 11, 11)]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_a_conseillers_calendar(run: Run, depot: Path, tmp_path: Path) -> None:
    data = write_ics(
        run, depot, tmp_path / "benali.ics", "--conseiller", "a-benali", "--jours", "80"
    )
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Parcours Ambition Emploi — Amina Benali"
    events = _events(data)
    # No weekly slot, no référent's deadline: the interviews and the conseiller's own.
    assert not [e for e in events.values() if "RRULE" in e]
    assert not [u for u in events if "point_suivi" in u or "debut_action" in u]
    assert "0990001N-2026-004-bilan@pae" in events

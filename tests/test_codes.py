"""The catalogue of codes: one entry per code, facts that exist, actors the alerts use."""

from __future__ import annotations

from pae.codes import ALERT_CODES, CATALOGUE, WARNING_CODES, Actor, Code, Severity
from pae.problems import Problem
from pae.programme import facts
from pae.programme.alerts import ALERTS


def test_every_code_has_one_entry_with_a_french_title() -> None:
    assert set(CATALOGUE) == set(Code)
    for code in Code:
        assert code.label and code.label[0].isupper(), code


def test_the_facts_a_rule_reads_are_predicates_of_the_facts_module() -> None:
    for code, entry in CATALOGUE.items():
        for name in entry.facts:
            assert callable(getattr(facts, name, None)), f"{code}: {name}"


def test_alerts_and_errors_by_severity() -> None:
    assert [c.value for c in ALERT_CODES] == [f"A{n}" for n in range(1, 14)]
    assert len(ALERTS) == len(ALERT_CODES)
    assert all(Code(f"E{n}").severity is Severity.ERROR for n in range(1, 11))
    assert all(code.entry.actors for code in ALERT_CODES)
    assert [c.value for c in WARNING_CODES] == ["W1", "W2"]
    assert all(not code.is_alert and not code.entry.actors for code in WARNING_CODES)


def test_the_conseillers_codes_are_the_i_milo_and_france_travail_ones() -> None:
    theirs = [code for code in Code if Actor.CONSEILLER in code.entry.actors]
    assert theirs == [Code.A4, Code.A9, Code.A10]


def test_a_problem_takes_its_severity_from_its_code() -> None:
    assert Problem("E3", "f.yaml", "m").severity is Severity.ERROR
    assert Problem("A5", "f.yaml", "m").code is Code.A5
    assert Problem("A5", "f.yaml", "m").severity is Severity.ALERT


def test_codes_sort_by_letter_then_number() -> None:
    shuffled = [Code.E2, Code.W1, Code.A10, Code.CODEOWNERS, Code.A2, Code.E1]
    assert sorted(shuffled, key=lambda c: c.order) == [
        Code.A2,
        Code.A10,
        Code.E1,
        Code.E2,
        Code.W1,
        Code.CODEOWNERS,
    ]


def test_every_code_says_how_to_fix_it_in_french() -> None:
    from pae.codes import FIXES

    assert set(FIXES) == set(Code)
    for code, text in FIXES.items():
        assert text[0].isupper() and text.endswith("."), code
        assert len(text) <= 1024, code  # GitHub's limit on a rule's texts

"""records/parametres.yaml read into Settings: the forge behind the site's forms."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from pae.records.schemas import load_schema
from pae.records.settings import ForgeProject, Settings


def test_forge_settings_are_read_and_name_the_repository() -> None:
    settings = Settings.from_raw(
        {
            "forge": {
                "url_forge": "https://forge.example/",
                "projet": "a/b",
                "application_oauth": "x",
            }
        }
    )
    assert settings.forge_project == ForgeProject("https://forge.example/", "a/b", "x", "main")
    assert settings.url_depot == "https://forge.example/a/b"
    both = Settings.from_raw({"forge": {"url_depot": "https://autre.example/c", "projet": "a/b"}})
    assert both.url_depot == "https://autre.example/c"
    assert Settings.from_raw({}).forge_project.missing == (
        "url_forge",
        "projet",
        "application_oauth",
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("url_forge", "http://forge.example"),  # the OAuth login needs HTTPS
        ("url_forge", "https://forge.example/"),
        ("url_forge", "https://forge.example?x=1"),
        ("url_forge", "https://" + "f" * 200 + ".example"),
        ("projet", "pae"),  # a project lives in a group
        ("projet", "groupe/pro jet"),
        ("branche", "-main"),
        ("application_oauth", "a" * 129),
        ("application_oauth", "id secret"),
    ],
)
def test_forge_settings_are_bounded(key: str, value: str) -> None:
    validator = Draft202012Validator(load_schema("parametres"))
    good = {
        "url_forge": "https://forge.ac-exemple.fr",
        "projet": "lycee/pae",
        "branche": "main",
        "application_oauth": "4f1c" * 16,
    }
    assert not list(validator.iter_errors({"forge": good}))
    assert list(validator.iter_errors({"forge": {**good, key: value}}))

"""The whole Decap CMS configuration of /edition/, generated from the schemas and the
records: the forge (GitLab, PKCE login, editorial workflow: every save is a merge
request), one collection per lycée and session for the dossiers, the lycées, the missions
locales, the local offer and the settings; and what the YAML format needs per kind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pae.records.identifiers import free_id, taken_ids
from pae.records.network import Network
from pae.records.schemas import load_schema
from pae.records.settings import ForgeProject
from pae.site.edition.fields import Field, Form, schema_fields
from pae.site.edition.links import dossier_collection

GUIDE = "../guide/formulaires/"
"""The guide page about the forms, from /edition/: the CMS's "report it" link goes there."""

MEDIA_FOLDER = "records/.medias"
"""Decap requires a media folder; no field uploads anything, so it is never created."""

COMMIT = "{{collection}} {{slug}} : %s (formulaire du site)"
COMMIT_MESSAGES = {
    "create": COMMIT % "création",
    "update": COMMIT % "modification",
    "delete": COMMIT % "suppression",
    "uploadMedia": "fichier {{path}} : ajout (formulaire du site)",
    "deleteMedia": "fichier {{path}} : suppression (formulaire du site)",
}

CONSEILLER: Field = {
    "widget": "relation",
    "collection": "missions_locales",
    "value_field": "conseillers.*.id",
    "search_fields": ["conseillers.*.nom", "conseillers.*.id"],
    "display_fields": ["conseillers.*.nom"],
}
MISSION_LOCALE: Field = {
    "widget": "relation",
    "collection": "missions_locales",
    "value_field": "id",
    "search_fields": ["nom", "id"],
    "display_fields": ["nom"],
}


def referent(uai: str) -> Field:
    """The référents of one lycée: the list inside its file (a file collection)."""
    return {
        "widget": "relation",
        "collection": "etablissements",
        "file": uai,
        "value_field": "referents.*.id",
        "search_fields": ["referents.*.nom", "referents.*.id"],
        "display_fields": ["referents.*.nom"],
    }


@dataclass(frozen=True)
class Kind:
    """One kind of record: its schema, its format, where its files are."""

    schema: str
    format: str
    depth: int
    """Folders between the repository root and its files (records/offre/x.yaml: 2)."""
    key_fields: tuple[str, ...]
    """The fields that identify a file (the format's cache of original texts)."""

    def header(self) -> str:
        """The first line of a new file: editors find the schema (help, values, checks)."""
        return f"yaml-language-server: $schema={'../' * self.depth}schema/{self.schema}.schema.json"


JEUNE = Kind("jeune", "pae-jeune", 4, ("id",))
ETABLISSEMENT = Kind("etablissement", "pae-etablissement", 2, ("uai",))
MISSION_LOCALE_KIND = Kind("mission-locale", "pae-mission-locale", 2, ("id",))
OFFRE = Kind("offre", "pae-offre", 2, ("id",))
PARAMETRES = Kind("parametres", "pae-parametres", 1, ())
KINDS = (JEUNE, ETABLISSEMENT, MISSION_LOCALE_KIND, OFFRE, PARAMETRES)


@dataclass(frozen=True)
class Inputs:
    """What the configuration is generated from."""

    root: Path
    network: Network
    project: ForgeProject
    schema_dir: Path
    today: date
    proxy_url: str | None = None
    """decap-server's address (`pae site --servir --edition`, the tests); None on the forge."""


class _Builder:
    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.flow_paths: dict[str, list[str]] = {}

    def fields(self, kind: Kind, form: Form | None = None) -> list[Field]:
        schema = load_schema(kind.schema, self.inputs.schema_dir)
        generated = schema_fields(schema, form or Form())
        self.flow_paths[kind.format] = generated.flow_paths
        return generated.fields

    def dossiers(self) -> list[Field]:
        """One collection per lycée and session: the folders of records/jeunes/, and this
        year's session of every lycée (where the first dossiers are created)."""
        network, root = self.inputs.network, self.inputs.root
        wanted = {(self.inputs.today.year, uai) for uai in network.etablissements}
        for folder in (root / "records" / "jeunes").glob("*/*"):
            year, uai = folder.parent.name, folder.name
            if folder.is_dir() and year.isdigit() and uai in network.etablissements:
                wanted.add((int(year), uai))
        taken = taken_ids(root)
        out = []
        names = {uai: etab.nom.casefold() for uai, etab in network.etablissements.items()}
        for session, uai in sorted(wanted, key=lambda p: (-p[0], names[p[1]])):
            out.append(self.dossier_collection(session, uai, free_id(taken, uai, session)))
        return out

    def dossier_collection(self, session: int, uai: str, next_id: str) -> Field:
        hidden = {"widget": "hidden", "required": False}
        form = Form(
            {
                # Decap lower-cases the slugs it computes from fields (0990001n-…), and the
                # file name must equal the id: a new dossier gets the next free identifier,
                # written literally in `slug`, and the id, session and lycée as defaults.
                "id": {**hidden, "default": next_id},
                "session": {**hidden, "default": session},
                "etablissement": {**hidden, "default": uai},
                "inscription.referent": referent(uai),
                "inscription.conseiller_ml": CONSEILLER,
                "entretien_information.conseiller_ml": CONSEILLER,
                "entretien_information.mission_locale": MISSION_LOCALE,
                "parcours.actions.*.structure": self.structures(),
                # one of the dossier's own actions (cms/src/pae-cms.js: a relation lists
                # other entries only)
                "suivi.assiduite.*.action": {"widget": "pae-action"},
            }
        )
        name = self.inputs.network.etablissements[uai].nom
        return {
            "name": dossier_collection(session, uai),
            "label": f"Dossiers {session} — {name}",
            "label_singular": "dossier",
            "description": f"Les jeunes de la session {session} : records/jeunes/{session}/{uai}/.",
            "folder": f"records/jeunes/{session}/{uai}",
            "extension": "yaml",
            "format": JEUNE.format,
            "identifier_field": "id",
            "slug": next_id,
            "summary": "{{identite.prenom}} {{identite.nom}} — {{id}}",
            "sortable_fields": ["id", "identite.nom", "identite.prenom"],
            "create": True,
            "delete": False,
            "publish": False,
            "fields": self.fields(JEUNE, form),
        }

    def structures(self) -> Field:
        """An action's structure: an entry of the local offer, or a lycée (an action held at
        the lycée). A relation widget lists one collection only: a select, written from the
        records at each build, lists both."""
        network = self.inputs.network
        offres = sorted(network.offres.values(), key=lambda o: o.nom.casefold())
        etabs = sorted(network.etablissements.values(), key=lambda e: e.nom.casefold())
        options = [
            {"label": f"{o.nom} ({o.commune})" if o.commune else o.nom, "value": o.id}
            for o in offres
        ] + [{"label": f"{e.nom} (action au lycée)", "value": e.uai} for e in etabs]
        return {"widget": "select", "options": options}

    def lycees(self) -> Field:
        form = Form({"mission_locale": MISSION_LOCALE})
        etabs = sorted(self.inputs.network.etablissements.values(), key=lambda e: e.nom.casefold())
        return {
            "name": "etablissements",
            "label": "Lycées",
            "label_singular": "lycée",
            "extension": "yaml",
            "format": ETABLISSEMENT.format,
            "publish": False,
            "files": [
                {
                    "name": e.uai,
                    "label": e.nom,
                    "file": e.file,
                    "fields": self.fields(ETABLISSEMENT, form),
                }
                for e in etabs
            ],
        }

    def folder(self, kind: Kind, name: str, label: str, singular: str, folder: str) -> Field:
        return {
            "name": name,
            "label": label,
            "label_singular": singular,
            "folder": folder,
            "extension": "yaml",
            "format": kind.format,
            "identifier_field": "id",
            "summary": "{{nom}}",
            "sortable_fields": ["nom", "id"],
            "create": True,
            "delete": False,
            "publish": False,
            "fields": self.fields(kind),
        }

    def settings(self) -> Field:
        return {
            "name": "parametres",
            "label": "Paramètres",
            "label_singular": "paramètres",
            "extension": "yaml",
            "format": PARAMETRES.format,
            "publish": False,
            "files": [
                {
                    "name": "parametres",
                    "label": "Paramètres du réseau",
                    "file": "records/parametres.yaml",
                    "fields": self.fields(PARAMETRES),
                }
            ],
        }

    def collections(self) -> list[Field]:
        return [
            *self.dossiers(),
            self.lycees(),
            self.folder(
                MISSION_LOCALE_KIND,
                "missions_locales",
                "Missions locales",
                "mission locale",
                "records/missions-locales",
            ),
            self.folder(OFFRE, "offre", "Offre locale", "structure", "records/offre"),
            self.settings(),
        ]


def backend(project: ForgeProject) -> Field:
    """The GitLab backend: the forge's own address for everything (never gitlab.com), and
    the PKCE login (never Netlify's authenticator)."""
    url = (project.url_forge or "").rstrip("/")
    return {
        "name": "gitlab",
        "repo": project.projet,
        "branch": project.branche,
        "base_url": url,
        "api_root": f"{url}/api/v4",
        "auth_type": "pkce",
        "app_id": project.application_oauth,
        "commit_messages": COMMIT_MESSAGES,
    }


def cms_config(inputs: Inputs) -> dict[str, Any]:
    """`{config, formats}`: Decap's configuration, and the options of each YAML format."""
    builder = _Builder(inputs)
    config: dict[str, Any] = {
        "load_config_file": False,
        "locale": "fr",
        "backend": backend(inputs.project),
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "show_preview_links": False,
        "editor": {"preview": False},
        "search": False,
        "issue_reports": {"url": GUIDE},
        "collections": builder.collections(),
    }
    if inputs.proxy_url:
        config["local_backend"] = {"url": inputs.proxy_url}
    formats = {
        kind.format: {
            "schema": load_schema(kind.schema, inputs.schema_dir),
            "keyFields": list(kind.key_fields),
            "flowPaths": builder.flow_paths.get(kind.format, []),
            "header": [kind.header()],
        }
        for kind in KINDS
    }
    return {"config": config, "formats": formats}


def config_script(generated: dict[str, Any]) -> str:
    """pae-config.js: the configuration for pae-cms.js."""
    body = json.dumps(generated, ensure_ascii=False, indent=1)
    return f"// Generated by `pae site` from the schemas: do not edit.\nwindow.PAE_CMS = {body};\n"

"""Narrowed copies of the network: one lycée only, or young people pseudonymised; and the
redactor that takes names and contact details out of free text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from pae.records.dossier import Dossier
from pae.records.reference import Etablissement

FREE_TEXT = (
    *("resume", "projet_detail", "solution_detail", "competences_acquises", "difficultes"),
    *("suite", "commentaire", "intitule", "par", "absence_jeune"),
)
"""Keys of a dossier whose values are free text written by the team (never identifiers)."""

YOUNG = "[jeune]"
LYCEE = "[lycée]"
STAFF = "[personnel]"
OTHER_LYCEE = "un autre lycée du réseau"
"""An action's structure when it is another lycée (one-lycée site)."""

MIN_LETTERS = 3
PARTICLES = frozenset(
    {"le", "la", "les", "l", "de", "du", "des", "d", "da", "di", "do", "dos", "das", "van"}
    | {"von", "der", "den", "ten", "ben", "bin", "el", "al", "et"}
)
"""Small words of names ("Da Silva", "Le Petit", "lycée des Coteaux"): never redacted
alone, and free of the capital-letter rule inside a name."""
CIVILITIES = frozenset({"m", "mme", "mlle", "mr", "dr", "monsieur", "madame", "mademoiselle"})
LYCEE_WORDS = frozenset(
    {"lycée", "lycee", "lp", "lpo", "lgt", "lt", "professionnel", "professionnelle"}
    | {"polyvalent", "technologique", "général", "general"}
)
"""Words of a lycée's official name that do not tell it apart from the others."""

_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[\s\-'’.,]{1,3}")
"""What may separate two words of one name: "Jean-Pierre", "N'Diaye", "M. Hurstel"."""
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+33[\s.-]?(?:\(0\))?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_DATE = re.compile(
    r"(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))(?!\d)"
)


@lru_cache(maxsize=1 << 16)  # the words of free text are few, and met again and again
def fold(word: str) -> str:
    """A word as names are compared: case and accents left out ("Inès" = "ines")."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phone_key(text: str) -> str:
    """A phone number as ten digits, whatever its spacing: "+33 6 39.98" → "0639…"."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("330") and len(digits) == 12:
        digits = digits[3:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = digits[2:]
    return "0" + digits if len(digits) == 9 else digits


def _date_key(m: re.Match[str]) -> str:
    year, month, day = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


@dataclass(frozen=True)
class Name:
    """Words to redact together; `any_case`: also when typed in lower case."""

    words: tuple[str, ...]
    replacement: str
    any_case: bool


@dataclass
class Redactor:
    """Replaces names and contact details in free text.

    Text is cut into words, each looked up in a dict: the cost grows with the text, not
    with the number of names. A full name ("Inès Petit", "Petit Inès") or an identifier is
    redacted however it is typed; a part of a name ("Petit") only when written with a
    capital, so that "le petit déjeuner" survives.
    """

    singles: dict[str, Name] = field(default_factory=dict)
    """One-word names, by their folded word."""
    longer: dict[tuple[str, str], list[Name]] = field(default_factory=dict)
    """Names of several words, by their first two: a lookup, however common a first name."""
    phones: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)

    def add(self, words: tuple[str, ...], replacement: str, any_case: bool = False) -> None:
        folded = tuple(fold(w) for w in words if w)
        if not any(w not in PARTICLES and len(w) >= MIN_LETTERS for w in folded):
            return  # "Le", "Da", initials: too common to redact on their own
        name = Name(folded, replacement, any_case)
        if len(folded) == 1:
            self.singles.setdefault(folded[0], name)
            return
        entries = self.longer.setdefault((folded[0], folded[1]), [])
        if all(e.words != folded for e in entries):  # a handful at most
            entries.append(name)
            entries.sort(key=lambda e: -len(e.words))  # longest first: "Jean Jaurès" wins

    def names(self) -> Iterator[Name]:
        yield from self.singles.values()
        for entries in self.longer.values():
            yield from entries

    def then(self, other: Redactor) -> Redactor:
        merged = Redactor(
            dict(self.singles),
            {k: list(v) for k, v in self.longer.items()},
            {**self.phones, **other.phones},
            {**self.emails, **other.emails},
            {**self.dates, **other.dates},
        )
        for e in other.names():
            merged.add(e.words, e.replacement, e.any_case)
        return merged

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self.emails:
            text = _EMAIL.sub(lambda m: self.emails.get(m[0].casefold(), m[0]), text)
        if self.dates:
            text = _DATE.sub(lambda m: self.dates.get(_date_key(m), m[0]), text)
        if self.phones:
            text = _PHONE.sub(lambda m: self.phones.get(phone_key(m[0]), m[0]), text)
        return self._names(text) if self.singles or self.longer else text

    def _names(self, text: str) -> str:
        words = list(_WORD.finditer(text))
        folded = [fold(w[0]) for w in words]
        out: list[str] = []
        last = i = 0
        while i < len(words):
            hit = self._match(text, words, folded, i)
            if hit is None:
                i += 1
                continue
            count, replacement = hit
            out += [text[last : words[i].start()], replacement]
            last = words[i + count - 1].end()
            i += count
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    def _match(
        self, text: str, words: list[re.Match[str]], folded: list[str], i: int
    ) -> tuple[int, str] | None:
        candidates = (
            list(self.longer.get((folded[i], folded[i + 1]), ())) if i + 1 < len(words) else []
        )
        single = self.singles.get(folded[i])
        if single:
            candidates.append(single)
        for entry in candidates:
            end = i + len(entry.words)
            if end > len(words) or tuple(folded[i:end]) != entry.words:
                continue
            span = words[i:end]
            if any(not _GAP.fullmatch(text[a.end() : b.start()]) for a, b in pairwise(span)):
                continue
            if not entry.any_case and not all(
                w[0][0].isupper()
                for w, f in zip(span, folded[i:end], strict=True)
                if f not in PARTICLES
            ):
                continue
            return len(span), entry.replacement
        return None


def _words(text: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall(text or ""))


def initials(words: Iterable[str]) -> str:
    return " ".join(f"{w[:1].upper()}." for w in words if w)


# --- the forms under which people and lycées appear in free text ----------------------

Form = tuple[tuple[str, ...], bool]
"""Words of a name, and whether they are redacted in any case."""


def person_forms(prenom: str, nom: str) -> list[Form]:
    """Full name both ways (any case); first name, surname and each word (capitalised)."""
    first, last = _words(prenom), _words(nom)
    forms: list[Form] = []
    if first and last:
        forms += [((*first, *last), True), ((*last, *first), True)]
    forms += [(part, False) for part in (last, first) if len(part) > 1]
    forms += [((w,), False) for w in (*last, *first)]
    return forms


def staff_forms(name: str | None) -> list[Form]:
    """A member of staff as written in a record: "M. Thierry Hurstel", "Anne Stoessel"."""
    words = _words(name)
    while words and fold(words[0]) in CIVILITIES:
        words = words[1:]
    forms: list[Form] = [(words, True)] if len(words) > 1 else []
    return forms + [((w,), False) for w in words]


def lycee_forms(etab: Etablissement) -> list[Form]:
    """The UAI and official name (any case), and the distinctive part of the name:
    "Lycée professionnel du Rhin Vert" → "lycée du Rhin Vert", "LP Rhin Vert", "Rhin Vert"."""
    words = _words(etab.nom)
    forms: list[Form] = [((etab.uai,), True), (words, True)]
    rest = list(words)
    while rest and fold(rest[0]) in LYCEE_WORDS:
        rest.pop(0)
    article: list[str] = []
    while rest and fold(rest[0]) in PARTICLES:
        article.append(rest.pop(0))
    if not rest:
        return forms
    own = tuple(rest)
    for head in ("lycée", "LP", "lycée professionnel"):
        forms += [((*_words(head), *article, *own), True), ((*_words(head), *own), True)]
    if article:
        forms.append(((*article, *own), False))
    if len(own) > 1 or not article:
        forms.append((own, False))  # a single word after "des" may be a common noun
    return forms


def add_forms(
    redactor: Redactor, forms: list[Form], replacement: str, kept: set[tuple[str, ...]]
) -> None:
    for words, any_case in forms:
        if tuple(fold(w) for w in words) not in kept:
            redactor.add(words, replacement, any_case)


def add_details(redactor: Redactor, d: Dossier) -> None:
    """A young person's phone, e-mail, INE and birth date, wherever they are typed."""
    ident = d.raw.get("identite") or {}
    phone = ident.get("telephone")
    if isinstance(phone, str) and len(phone_key(phone)) == 10:
        redactor.phones[phone_key(phone)] = "[téléphone]"
    email = ident.get("courriel")
    if isinstance(email, str) and "@" in email:
        redactor.emails[email.casefold()] = "[courriel]"
    ine = ident.get("ine")
    if isinstance(ine, str) and ine.strip():
        redactor.add(_words(ine), "[INE]", any_case=True)
    if d.date_naissance:
        redactor.dates[d.date_naissance.isoformat()] = "[date de naissance]"

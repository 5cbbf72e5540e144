"""Readers of single metadata fields and small line classifiers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from almenhub.people.services import normalise_email, normalise_phone
from almenhub.projects.records import ContactRecord

from .tokens import (
    BLANK,
    BREAK,
    HEADING,
    MAX_NAME,
    MAX_PARTICIPANTS_TEXT,
    STATUSES,
    ParseError,
    Token,
    label_key,
)

_TERMINAL = frozenset(".,;:!")
_EMAIL_PREFIX = re.compile(r"^(?:e-?mail|mail|mailto)\s*:?\s*", re.IGNORECASE)
_PHONE_PREFIX = re.compile(
    r"^(?:tlf\.?|telefon|mobil|tel\.?|phone)\s*:?\s*", re.IGNORECASE
)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
_NAME_PARTICLES = frozenset({"van", "von", "de", "la", "du", "da", "di", "le", "ter"})
_DESCRIPTIVE_FIRST = frozenset(
    {
        "deltagerne",
        "deltagere",
        "medlemmerne",
        "medlemmer",
        "alle",
        "beboerne",
        "beboere",
        "repræsentanter",
        "medarbejdere",
    }
)
_DESCRIPTIVE_WORDS = frozenset({"på", "blandt", "hos", "fra", "ved"})


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    return all(w[0].isupper() or w in _NAME_PARTICLES for w in words)


def heading_like(line: str, following: str) -> bool:
    """A sub-heading of the scraped text: a short line without closing
    punctuation, glued to a paragraph that starts a new sentence."""
    return (
        len(line) <= 80
        and line[-1] not in _TERMINAL
        and bool(following)
        and (following[0].isupper() or following[0].isdigit())
    )


def title_like(line: str) -> bool:
    return len(line) <= 150 and not line.endswith(".")


def fact_heading_like(line: str) -> bool:
    return len(line) <= 80 and (
        line.endswith(("...", "…", "?")) or line[-1] not in _TERMINAL
    )


def _is_description(entry: str) -> bool:
    words = entry.split()
    return (
        entry[0].islower()
        or words[0].casefold() in _DESCRIPTIVE_FIRST
        or any(w in _DESCRIPTIVE_WORDS for w in words[1:])
    )


def split_blocks(tokens: Iterable[Token]) -> list[list[Token]]:
    """Tokens grouped into blocks separated by blank lines; a heading is a
    block of its own."""
    blocks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.kind in (BLANK, BREAK):
            if current:
                blocks.append(current)
                current = []
        elif token.kind == HEADING:
            if current:
                blocks.append(current)
            blocks.append([token])
            current = []
        else:
            current.append(token)
    if current:
        blocks.append(current)
    return blocks


def join_lines(lines: Sequence[str]) -> list[str]:
    """Lines of one block as paragraphs: a line that does not end a sentence
    was wrapped and continues on the next."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = f"{current} {line}" if current else line
        if line[-1] in '.!?:…"”»)':
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


# -- metadata fields: each reads one label's values into a plain value --------


def _single(label: Token, values: list[Token]) -> Token | None:
    if not values:
        return None
    if len(values) > 1:
        raise ParseError(
            f"“{label.text}” skal have én værdi, men har {len(values)}.",
            values[1].line,
        )
    return values[0]


def _read_status(label: Token, values: list[Token]) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    status = STATUSES.get(label_key(value.text))
    if status is None:
        raise ParseError(
            f"Ukendt status “{value.text}”: brug Planlagt, I gang eller Afsluttet.",
            value.line,
        )
    return status


def _read_year(label: Token, values: list[Token]) -> int | None:
    value = _single(label, values)
    if value is None:
        return None
    text = value.text
    if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
        raise ParseError(
            f"Udgivelsesåret “{text}” er ikke et årstal som 2023.", value.line
        )
    return int(text)


def _read_owner(label: Token, values: list[Token]) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    if len(value.text) > MAX_NAME:
        raise ParseError("Projektejerens navn er for langt.", value.line)
    return value.text


def _read_participants(label: Token, values: list[Token]) -> tuple[list[str], str]:
    """Organisations by name, and the groups that are not organisations
    ("Deltagerne på AlmenNets ERFA-møder") as free text."""
    organisations: list[str] = []
    descriptions: list[str] = []
    for value in values:
        for part in (p.strip() for p in value.text.split(";")):
            if not part:
                continue
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            entries = pieces if all(p[0].isupper() for p in pieces) else [part]
            for entry in entries:
                if _is_description(entry):
                    descriptions.append(entry)
                elif len(entry) > MAX_NAME:
                    raise ParseError(
                        f"Organisationsnavnet “{entry[:40]}…” er for langt.",
                        value.line,
                    )
                elif entry not in organisations:
                    organisations.append(entry)
    text = "; ".join(descriptions)
    if len(text) > MAX_PARTICIPANTS_TEXT:
        raise ParseError(
            "Teksten om projektdeltagere er for lang "
            f"({len(text)} tegn, højst {MAX_PARTICIPANTS_TEXT}).",
            values[0].line,
        )
    return organisations, text


def _read_contacts(label: Token, values: list[Token]) -> list[ContactRecord]:
    return read_contact_lines(values)


FIELD_READERS = {
    "status": _read_status,
    "year": _read_year,
    "owner": _read_owner,
    "participants": _read_participants,
    "contacts": _read_contacts,
}
FIELD_NAMES = {
    "status": "status",
    "year": "publication_year",
    "owner": "owner",
    "contacts": "contacts",
}


def read_contact_lines(values: list[Token]) -> list[ContactRecord]:
    contacts: list[ContactRecord] = []
    current: ContactRecord | None = None

    def needs_owner(token: Token, what: str) -> ContactRecord:
        if current is None:
            raise ParseError(
                f"{what} “{token.text}” står uden en kontaktperson foran: "
                "navnet skal stå først.",
                token.line,
            )
        return current

    for token in values:
        if token.kind == BREAK:
            current = None
            continue
        text = token.text
        if "@" in text:
            email = _EMAIL_PREFIX.sub("", text).strip()
            try:
                validate_email(email)
            except ValidationError:
                raise ParseError(
                    f"“{email}” er ikke en gyldig e-mailadresse.", token.line
                ) from None
            contact = needs_owner(token, "E-mailadressen")
            if contact.email:
                raise ParseError(
                    f"{contact.name} har allerede e-mailadressen {contact.email}; "
                    "en ny kontaktperson skal starte med sit navn.",
                    token.line,
                )
            contact.email = normalise_email(email)
            continue
        number = _PHONE_PREFIX.sub("", text).strip()
        # Six digits or more is meant as a phone number, and checked as one.
        if _PHONE.match(number) and sum(ch.isdigit() for ch in number) >= 6:
            contact = needs_owner(token, "Telefonnummeret")
            if contact.phone:
                raise ParseError(
                    f"{contact.name} har allerede telefonnummeret {contact.phone}.",
                    token.line,
                )
            try:
                contact.phone = normalise_phone(number)
            except ValidationError as error:
                raise ParseError(" ".join(error.messages), token.line) from None
            continue
        if len(text) > MAX_NAME or (len(text) > 60 and text.endswith(".")):
            raise ParseError(
                "Linjen ligner ikke en kontaktoplysning (navn, stilling, e-mail "
                "eller telefon). Mangler overskriften “Om projektet”?",
                token.line,
            )
        name_like = _looks_like_name(text)
        has_details = current is not None and bool(current.email or current.phone)
        if current is None:
            current = ContactRecord(name=text)
            contacts.append(current)
        elif name_like and (current.job_title or has_details or current.organisation):
            current = ContactRecord(name=text)
            contacts.append(current)
        elif name_like and not current.job_title:
            # Two names in a row: job titles rarely look like "Anna Holm".
            current = ContactRecord(name=text)
            contacts.append(current)
        elif not current.job_title and not has_details:
            current.job_title = text
        elif not current.organisation:
            current.organisation = text
        else:
            current = ContactRecord(name=text)
            contacts.append(current)
    return contacts

"""Readers of single metadata fields and small line classifiers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from almenhub.people.services import normalise_email, normalise_phone
from almenhub.projects.records import ContactRecord

from .tokens import (
    BLANK,
    BREAK,
    HEADING,
    LINE,
    MAX_NAME,
    STATUSES,
    ParseError,
    Token,
    label_key,
)
from .vocabulary import Vocabulary

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
    # The assembler hands single-valued fields one value; what followed it
    # is an unknown label of its own.
    return values[0] if values else None


def _read_status(
    label: Token, values: list[Token], vocabulary: Vocabulary
) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    status = STATUSES.get(label_key(value.text))
    if status is None:
        raise ParseError(
            f"Ukendt status “{value.text}”: brug Planlagt, Igangværende eller "
            "Afsluttet.",
            value.line,
        )
    return status


def _read_year(label: Token, values: list[Token], vocabulary: Vocabulary) -> int | None:
    value = _single(label, values)
    if value is None:
        return None
    text = value.text
    if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
        raise ParseError(
            f"Udgivelsesåret “{text}” er ikke et årstal som 2023.", value.line
        )
    return int(text)


def _read_owner(
    label: Token, values: list[Token], vocabulary: Vocabulary
) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    if len(value.text) > MAX_NAME:
        raise ParseError("Projektejerens navn er for langt.", value.line)
    return value.text


_AND = re.compile(r"\s+(?:og|&)\s+")


def _split_and(piece: str, vocabulary: Vocabulary) -> list[str]:
    """ "A og B" → two names, unless the whole is a known organisation or a
    side does not start like a name."""
    if vocabulary.known_organisation(piece):
        return [piece]
    parts = _AND.split(piece)
    if len(parts) > 1 and all(p and p[0].isupper() for p in parts):
        return parts
    return [piece]


def split_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """ "A, B og C" (or "A; B") → ["A", "B", "C"], in the page's order; a
    piece that starts in lower case belongs to the one before it."""
    names: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        if vocabulary.known_organisation(part):
            names.append(part)
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if not all(p[0].isupper() or p[0].isdigit() for p in pieces):
            names.append(part)
            continue
        for piece in pieces:
            names += _split_and(piece, vocabulary)
    return names


def _pair_run(text: str, vocabulary: Vocabulary) -> list[tuple[str, str]] | None:
    """A run of "Name, Organisation" pairs with only spaces between pairs
    ("Anna Holm, Lejerbo Peter Jensen, KAB") → its pairs, when every cut
    falls after a known organisation followed by a name; else None."""
    pieces = [p.strip() for p in text.split(",")]
    if len(pieces) < 3 or not _looks_like_name(pieces[0]):
        return None
    pairs: list[tuple[str, str]] = []
    person = pieces[0]
    for piece in pieces[1:-1]:
        organisation = vocabulary.organisation_prefix(piece)
        if organisation is None:
            return None
        name = piece[len(organisation) :].strip()
        if not _looks_like_name(name):
            return None
        pairs.append((person, organisation))
        person = name
    pairs.append((person, pieces[-1]))
    return pairs


def _read_participants(
    label: Token, values: list[Token], vocabulary: Vocabulary
) -> tuple[list[str], str]:
    """Organisations by name, and what is not an organisation (a group such
    as "Deltagerne på AlmenNets ERFA-møder", or people with their
    organisation) as free text, every word of it kept."""
    organisations: list[str] = []
    texts: list[str] = []

    def add(name: str, line: int) -> None:
        if len(name) > MAX_NAME:
            raise ParseError(f"Organisationsnavnet “{name[:40]}…” er for langt.", line)
        if name not in organisations:
            organisations.append(name)

    for value in values:
        pairs = _pair_run(value.text, vocabulary)
        if pairs is not None:
            texts += [f"{person}, {organisation}" for person, organisation in pairs]
            for _, organisation in pairs:
                add(organisation, value.line)
            continue
        pieces = [p.strip() for p in value.text.split(",")]
        if (
            len(pieces) > 2
            and _looks_like_name(pieces[0])
            and any(len(p.split()) >= 3 for p in pieces[1:-1])
        ):
            # A run of people that cannot be cut safely: kept whole.
            texts.append(value.text)
            continue
        for entry in split_names(value.text, vocabulary):
            if _is_description(entry):
                texts.append(entry)
            else:
                add(entry, value.line)
    return organisations, "; ".join(texts)


def _read_names(label: Token, values: list[Token], vocabulary: Vocabulary) -> list[str]:
    """ "Samarbejdspartnere" and "Støttet af": names in order; the site's "Se
    alle" link before the value is not one."""
    names: list[str] = []
    for value in values:
        if label_key(value.text).startswith("se alle"):
            continue
        for name in split_names(value.text, vocabulary):
            if len(name) > MAX_NAME:
                raise ParseError(f"Navnet “{name[:40]}…” er for langt.", value.line)
            if name not in names:
                names.append(name)
    return names


_ORGANISATION_WORDS = re.compile(
    r"bolig|forening|selskab|kommune|fond|sekretariat|center|centret|"
    r"\ba/s\b|\baps\b|net\b",
    re.IGNORECASE,
)


def _read_contacts(
    label: Token, values: list[Token], vocabulary: Vocabulary
) -> list[ContactRecord]:
    contacts = read_contact_lines(values)
    for contact in contacts:
        # An organisation as the contact: its name, e-mail and phone, no job
        # title. It stays the contact's name, and is its organisation too.
        if (
            not contact.job_title
            and not contact.organisation
            and (
                vocabulary.known_organisation(contact.name)
                or _ORGANISATION_WORDS.search(contact.name)
                or not _looks_like_name(contact.name)
            )
        ):
            contact.organisation = contact.name
    return contacts


_SHARED_MAILBOXES = frozenset(
    {"info", "kontakt", "post", "mail", "drift", "service", "admin", "sekretariat"}
)
_LEADER = re.compile(r"^(?P<organisation>.+?)\s+v/\s*(?P<name>.+)$")


def _read_leader(
    label: Token, values: list[Token], vocabulary: Vocabulary
) -> list[ContactRecord]:
    """The pool pages' "Projektleder" block: "<Organisation> v/ <Name>",
    then "Tlf: …" and an e-mail address."""
    if not values:
        return []
    found = _LEADER.match(values[0].text)
    if found is None:
        contacts = read_contact_lines(values)
    else:
        head = ContactRecord(
            name=found["name"].strip(),
            organisation=found["organisation"].strip(),
        )
        contacts = read_contact_lines(
            [Token(LINE, head.name, values[0].line), *values[1:]]
        )
        contacts[0].organisation = head.organisation
    for contact in contacts:
        contact.job_title = contact.job_title or "Projektleder"
    return contacts


FIELD_READERS: dict[str, Callable[[Token, list[Token], Vocabulary], object]] = {
    "status": _read_status,
    "year": _read_year,
    "owner": _read_owner,
    "participants": _read_participants,
    "contacts": _read_contacts,
    "leader": _read_leader,
    "partners": _read_names,
    "funders": _read_names,
}
SINGLE_VALUED = frozenset({"status", "year", "owner"})
FIELD_NAMES = {
    "status": "status",
    "year": "publication_year",
    "owner": "owner",
    "partners": "partners",
    "funders": "funders",
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

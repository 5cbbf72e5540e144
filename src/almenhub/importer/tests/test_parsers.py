"""The text parser: the seed page field by field, each tolerance, and the
errors a broken page gives."""

from __future__ import annotations

import pytest

from almenhub.importer.parsing import ParseError, parse_bytes, parse_text
from almenhub.projects.records import BodyPart, ContactRecord

from .conftest import FIXTURES, SEED_NAME, SHARED_SEEDS

TEASER = (
    "Inspiration og erfaringer om biodiversitet og socialt ansvar i driften fra "
    "sektoren selv."
)
QUOTE = (
    "Den almene boligsektor er en ufortalt succes. De får børn i fritidsjob og "
    "voksne i arbejde."
)
DELIVERABLE = (
    "En eksempelsamling over tiltag fra boligorganisationer ud fra temaerne "
    "biodiversitet og velfærdsudfordringer."
)


def test_fixture_is_a_verbatim_copy_of_the_shared_seed():
    shared = SHARED_SEEDS / SEED_NAME
    if not shared.exists():
        pytest.skip("../shared/seeds is not there")
    assert (FIXTURES / SEED_NAME).read_bytes() == shared.read_bytes()


def test_seed_page_every_field(seed_text, vocabulary):
    record = parse_text(seed_text, vocabulary=vocabulary)

    assert record.themes == [
        ("Drift og administration", "Drift og vedligehold"),
        ("Energi, klima og miljø", "Natur og biodiversitet"),
    ]
    assert record.title == "Værdiskabende gentagelser"
    assert record.teaser == TEASER
    assert record.status == "finished"
    assert record.publication_year == 2023
    assert record.owner == "AlmenNet"
    assert record.participants == []
    assert record.participants_text == "Deltagerne på AlmenNets ERFA-møder"
    # The metadata block appears twice on the page: it is kept once.
    assert record.contacts == [
        ContactRecord(
            name="Niklas Jarnit",
            job_title="Sekretariatsleder",
            email="nja@almennet.dk",
            phone="33762071",
        )
    ]

    headings = [p.text for p in record.body if p.kind == "heading"]
    assert headings == ["Værdiskabende gentagelser", "Driftens udvikling"]
    assert record.body[0].kind == "paragraph"
    assert record.body[0].text.startswith("I maj 2023 afholdt AlmenNet")
    heading = record.body.index(BodyPart("heading", "Værdiskabende gentagelser"))
    assert record.body[heading + 1].text.startswith("Driften er en værdiskaber.")
    assert record.body[-1] == BodyPart(
        "list", items=["Biodiversitet", "Vilde velfærdsproblemer"]
    )
    assert record.body[-2].text.endswith("nøglerolle i fremtiden:")
    assert len(record.body) == 14

    assert len(record.deliverables) == 1
    deliverable = record.deliverables[0]
    assert deliverable.title == "Værdiskabende gentagelser"
    assert deliverable.series == "AlmenRapport"
    assert deliverable.kind == "report"
    assert deliverable.description == DELIVERABLE

    assert len(record.quotes) == 1
    assert record.quotes[0].text == QUOTE
    assert record.quotes[0].author == "Nina Smith"
    assert record.quotes[0].role == "formand for Reformkommissionen"

    assert len(record.facts) == 1
    assert record.facts[0].heading == "Vidste du..."
    assert record.facts[0].text.startswith("At i 2013 udgjorde værdien")
    assert record.facts[0].text.endswith("driftes og vedligeholdes klogt.")


def test_the_fixture_copy_parses_like_the_seed(seed_text, vocabulary):
    copy = (FIXTURES / SEED_NAME).read_text(encoding="utf-8")
    assert parse_text(copy, vocabulary=vocabulary) == parse_text(
        seed_text, vocabulary=vocabulary
    )


# -- tolerances ---------------------------------------------------------------


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(
            lambda t: (
                t.replace("Niklas Jarnit", "Niklas\u00a0Jarnit")
                .replace("Drift og vedligehold", "Drift\u00a0og vedligehold")
                .replace("\n\nStatus", "\n\u00a0\nStatus")
            ),
            id="non-breaking-spaces",
        ),
        pytest.param(
            lambda t: "\n".join(line + " \t " for line in t.split("\n")),
            id="trailing-white-space",
        ),
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(
            lambda t: t.replace("nja@almennet.dk", "NJA@AlmenNet.DK"),
            id="mixed-case-email",
        ),
        pytest.param(
            lambda t: t.replace("33762071", "+45 33 76 20 71"), id="phone-with-45"
        ),
        pytest.param(
            lambda t: t.replace("33762071", "33 76 20 71"), id="phone-with-spaces"
        ),
        pytest.param(
            lambda t: t.replace("33762071", "Tlf.: +4533762071"), id="phone-label"
        ),
        pytest.param(
            lambda t: t.replace("nja@almennet.dk", "E-mail: nja@almennet.dk"),
            id="email-label",
        ),
    ],
)
def test_tolerances_give_the_same_record(seed_text, vocabulary, transform):
    expected = parse_text(seed_text, vocabulary=vocabulary)
    assert parse_text(transform(seed_text), vocabulary=vocabulary) == expected


def test_metadata_block_once_or_twice_is_the_same(seed_text, vocabulary):
    second = seed_text.index("Status", seed_text.index("Status") + 1)
    once = seed_text[:second] + seed_text[seed_text.index("Om projektet") :]
    assert once.count("Kontaktperson") == 1
    assert parse_text(once, vocabulary=vocabulary) == parse_text(
        seed_text, vocabulary=vocabulary
    )


def test_repeated_metadata_that_differs_is_an_error(seed_text, vocabulary):
    second = seed_text.rindex("2023\n\nProjektejer")
    text = seed_text[:second] + "2022" + seed_text[second + 4 :]
    with pytest.raises(ParseError) as caught:
        parse_text(text, vocabulary=vocabulary)
    assert "Udgivelsesår" in caught.value.message
    assert caught.value.line == text[:second].count("\n") - 1


def test_page_with_two_contacts(vocabulary):
    data = (FIXTURES / "101_to_kontaktpersoner.txt").read_bytes()
    record = parse_bytes(data, name="101_to_kontaktpersoner.txt", vocabulary=vocabulary)
    assert record.contacts == [
        ContactRecord(
            name="Anna Holm",
            job_title="Projektleder",
            email="anna.holm@civica.dk",
            phone="65432109",
        ),
        ContactRecord(
            name="Bo Østergaard",
            job_title="Boligsocial medarbejder",
            email="bo.oestergaard@civica.dk",
        ),
    ]
    assert record.status == "ongoing"
    assert record.participants == ["Odense Kommune", "Boligforeningen Civica"]
    assert record.participants_text == "Beboerne i afdeling 12"
    # A child the taxonomy does not know is kept under its parent, as written.
    assert ("Byggeri og renovering", "Grønne gårdrum") in record.themes
    assert [(d.title, d.series, d.kind) for d in record.deliverables] == [
        ("Trygge opgange trin for trin", "Håndbog", "report"),
        ("Film om opgangsmøderne", "", "film"),
    ]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            ["Anna Holm", "anna@kab.dk", "Bo Jensen", "Driftschef", "12345678"],
            [
                ContactRecord(name="Anna Holm", email="anna@kab.dk"),
                ContactRecord(
                    name="Bo Jensen", job_title="Driftschef", phone="12345678"
                ),
            ],
        ),
        (
            ["Anna Holm", "Bo Jensen"],
            [ContactRecord(name="Anna Holm"), ContactRecord(name="Bo Jensen")],
        ),
        (
            ["Anna Holm", "Projektleder", "KAB", "anna@kab.dk"],
            [
                ContactRecord(
                    name="Anna Holm",
                    job_title="Projektleder",
                    organisation="KAB",
                    email="anna@kab.dk",
                )
            ],
        ),
    ],
)
def test_contacts_with_missing_fields(vocabulary, lines, expected):
    text = "Titel\n\nKontaktperson\n\n" + "\n\n".join(lines) + "\n"
    assert parse_text(text, vocabulary=vocabulary).contacts == expected


def test_page_without_year_quote_or_facts(vocabulary):
    data = (FIXTURES / "102_minimal.txt").read_bytes()
    record = parse_bytes(data, name="102_minimal.txt", vocabulary=vocabulary)
    assert record.title == "Digital driftsjournal"
    assert record.publication_year is None
    assert record.quotes == []
    assert record.facts == []
    assert record.deliverables == []
    assert record.status == "planned"
    assert record.contacts == [ContactRecord(name="Karen Mortensen")]


def test_theme_split_is_case_and_space_blind(vocabulary):
    text = "• ENERGI, KLIMA  OG MILJØ  klimatilpasning\n\nTitel\n"
    record = parse_text(text, vocabulary=vocabulary)
    assert record.themes == [("Energi, klima og miljø", "Klimatilpasning")]


# -- broken pages ---------------------------------------------------------------


def _error(data: bytes, vocabulary, name: str = "side.txt") -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, name=name, vocabulary=vocabulary)
    return caught.value


def test_empty_file(vocabulary):
    assert _error(b"", vocabulary).message == "Filen er tom."
    assert _error(b" \r\n\n\t", vocabulary).message == "Filen er tom."


def test_binary_file(vocabulary):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    assert "binær" in _error(png, vocabulary).message


def test_latin1_file_names_the_line(seed_text, vocabulary):
    error = _error(seed_text.encode("cp1252"), vocabulary)
    assert "ikke gyldig UTF-8" in error.message
    assert "Windows-1252" in error.message
    assert error.line == 1  # the first bullet, "•" in Windows-1252

    text = "Titel\n\nStatus\n\nAfsluttet\n\nProjektejer\n\nØsterbo\n"
    assert _error(text.encode("latin-1"), vocabulary).line == 9


def test_utf16_file(seed_text, vocabulary):
    assert "UTF-16" in _error(seed_text.encode("utf-16"), vocabulary).message


def test_page_without_title(seed_text, vocabulary):
    start = seed_text.index("Værdiskabende gentagelser")
    end = seed_text.index("Status")
    text = seed_text[:start] + seed_text[end:]
    error = _error(text.encode(), vocabulary)
    assert error.message.startswith("Siden mangler en titel")
    assert error.line == 4


def test_unknown_parent_theme(vocabulary):
    error = _error("• Havebrug Frugttræer\n\nTitel\n".encode(), vocabulary)
    assert "kendt hovedtema" in error.message
    assert error.line == 1


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("Afsluttet", "Næsten færdig", "Ukendt status"),
        ("2023", "tyve-treogtyve", "ikke et årstal"),
        ("33762071", "3376207", "8 cifre"),
        ("nja@almennet.dk", "nja@almennet", "gyldig e-mailadresse"),
    ],
)
def test_bad_values_name_their_line(seed_text, vocabulary, old, new, message):
    position = seed_text.index(old)
    text = seed_text.replace(old, new)
    error = _error(text.encode(), vocabulary)
    assert message in error.message
    assert error.line == seed_text[:position].count("\n") + 1
    assert str(error).startswith(f"linje {error.line}: ")


def test_missing_section_header_is_caught_in_the_contacts(seed_text, vocabulary):
    text = seed_text.replace("Om projektet\n", "")
    error = _error(text.encode(), vocabulary)
    assert "kontaktoplysning" in error.message


def test_unsupported_file_type(vocabulary):
    assert "understøttes ikke" in _error(b"Titel", vocabulary, "side.pdf").message

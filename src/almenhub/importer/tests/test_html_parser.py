"""The HTML parser gives the same record as the text parser for the same
content, whatever markup the old site used for it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

import pytest

from almenhub.importer.parsing import ParseError, parse_bytes, parse_html, parse_text

from .conftest import FIXTURES


@pytest.mark.parametrize("stem", ["000_22080009db4a05a6", "101_to_kontaktpersoner"])
def test_html_page_gives_the_same_record_as_the_text_page(stem, vocabulary):
    text = (FIXTURES / f"{stem}.txt").read_bytes()
    html = (FIXTURES / f"{stem}.html").read_bytes()
    from_text = parse_bytes(text, name=f"{stem}.txt", vocabulary=vocabulary)
    from_html = parse_bytes(html, name=f"{stem}.html", vocabulary=vocabulary)
    assert from_html == from_text
    assert from_html.checksum() == from_text.checksum()


def test_seed_html_fields(vocabulary):
    html = (FIXTURES / "000_22080009db4a05a6.html").read_text(encoding="utf-8")
    record = parse_html(html, vocabulary=vocabulary)
    assert record.title == "Værdiskabende gentagelser"
    assert record.contacts[0].email == "nja@almennet.dk"  # from the mailto link
    assert record.contacts[0].phone == "33762071"
    assert record.quotes[0].author == "Nina Smith"
    assert record.facts[0].heading == "Vidste du..."
    assert [p.text for p in record.body if p.kind == "heading"] == [
        "Værdiskabende gentagelser",
        "Driftens udvikling",
    ]


MINIMAL = """<!DOCTYPE html>
<html lang="da"><body><main>
<h1>Digital driftsjournal</h1>
<p>Ejendomsfunktionærerne registrerer opgaver på telefonen.</p>
<table class="facts">
  <tr><th>Status</th><td>Planlagt</td></tr>
  <tr><th>Projektejer</th><td>AlmenNet</td></tr>
  <tr><th>Kontaktperson</th><td>Karen Mortensen</td></tr>
</table>
<h2>Om projektet</h2>
<p>Et lille forsøg med digital registrering af opgaver i driften.</p>
</main></body></html>
"""


def test_table_of_labels_and_a_list_of_themes_above_the_title(vocabulary):
    html = MINIMAL.replace(
        "<h1>", "<ul><li>Drift og administration Digitalisering</li></ul>\n<h1>"
    )
    text = (FIXTURES / "102_minimal.txt").read_text(encoding="utf-8")
    assert parse_html(html, vocabulary=vocabulary) == parse_text(
        text, vocabulary=vocabulary
    )


def test_quote_in_blockquote_with_footer(vocabulary):
    html = MINIMAL.replace(
        "</main>",
        "<blockquote><p>“Det virker.”</p><footer>— Ole Hansen, driftschef"
        "</footer></blockquote></main>",
    )
    quote = parse_html(html, vocabulary=vocabulary).quotes[0]
    assert (quote.text, quote.author, quote.role) == (
        "Det virker.",
        "Ole Hansen",
        "driftschef",
    )


def test_html_without_h1_names_the_problem(vocabulary):
    with pytest.raises(ParseError) as caught:
        parse_html(MINIMAL.replace("h1", "p"), vocabulary=vocabulary)
    assert "ingen <h1>" in caught.value.message


def test_html_errors_name_the_source_line(vocabulary):
    html = MINIMAL.replace("<td>Planlagt</td>", "<td>Måske</td>")
    with pytest.raises(ParseError) as caught:
        parse_html(html, vocabulary=vocabulary)
    assert "Ukendt status" in caught.value.message
    assert caught.value.line == 6


def test_txt_file_holding_html_is_read_as_html(vocabulary):
    html = (FIXTURES / "000_22080009db4a05a6.html").read_bytes()
    text = (FIXTURES / "000_22080009db4a05a6.txt").read_bytes()
    assert parse_bytes(html, name="x.txt", vocabulary=vocabulary) == parse_bytes(
        text, name="x.txt", vocabulary=vocabulary
    )


def test_a_records_checksum_is_the_one_pages_were_imported_with(vocabulary):
    # Pages imported before keep their checksum (a re-import of an unchanged
    # file changes nothing): the fingerprint is the JSON of asdict(record),
    # whatever builds it now.
    compared = 0
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix not in (".txt", ".html") or "nyheder" in path.parts:
            continue
        try:
            record = parse_bytes(
                path.read_bytes(), name=path.name, vocabulary=vocabulary
            )
        except ParseError:
            continue  # a fixture of a page that is no project, or of a bad one
        payload = json.dumps(asdict(record), sort_keys=True, ensure_ascii=False)
        assert record.checksum() == hashlib.sha256(payload.encode()).hexdigest()
        compared += 1
    assert compared >= 20

"""The project's Danish catalogues for Wagtail (src/almenhub/locale/da).

They are built by scripts/i18n_merge.py from Wagtail's English catalogues, its
Danish ones and the project's translation table; these tests hold the committed
files to that build and the admin, seen by an editor, to Danish.
"""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import polib
import pytest
from django.conf import settings
from django.utils import translation

MESSAGES = Path(settings.PACKAGE_DIR) / "locale" / "da" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]

# %(name)s / %s / %d, {name}, HTML tags and the ellipsis must survive translation.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>|…")


def _merge_script() -> ModuleType:
    path = Path(settings.BASE_DIR) / "scripts" / "i18n_merge.py"
    spec = importlib.util.spec_from_file_location("i18n_merge", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _translations(catalogue: polib.POFile | polib.MOFile) -> dict:
    found = {}
    for entry in catalogue:
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if all(forms):
                found[(entry.msgctxt, entry.msgid)] = forms
        elif entry.msgstr:
            found[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return found


@pytest.fixture(scope="module")
def merge() -> ModuleType:
    return _merge_script()


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_mo_is_the_compiled_po(domain):
    with translation.override("da"):
        po = polib.pofile(str(MESSAGES / f"{domain}.po"))
        mo = polib.mofile(str(MESSAGES / f"{domain}.mo"))
        assert _translations(mo) == _translations(po)
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_po_is_what_the_table_builds(merge, domain):
    """Editing the table without rerunning scripts/i18n_merge.py fails here."""
    built, _ = merge.build(domain, merge.load_table())
    committed = polib.pofile(str(MESSAGES / f"{domain}.po"))
    assert _translations(committed) == _translations(built)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_wagtail_msgid_of_the_installed_apps_is_in_danish(merge, domain):
    committed = _translations(polib.pofile(str(MESSAGES / f"{domain}.po")))
    missing = []
    for app in merge.CATALOGUES[domain]:
        english = polib.pofile(str(merge.catalogue_path(app, "en", domain)))
        for entry in english:
            text = committed.get((entry.msgctxt, entry.msgid))
            forms = text if isinstance(text, tuple) else (text,)
            if not all(forms) or len(forms) != (2 if entry.msgid_plural else 1):
                missing.append(f"{app}: {entry.msgid}")
    assert missing == []


def test_every_installed_wagtail_app_is_covered(merge):
    """A Wagtail app added to INSTALLED_APPS must be added to the build too."""
    installed = {
        "." if app == "wagtail" else app.removeprefix("wagtail.").replace(".", "/")
        for app in settings.INSTALLED_APPS
        if app == "wagtail" or app.startswith("wagtail.")
    }
    with_catalogue = {
        app for app in installed if merge.catalogue_path(app, "en", "django").exists()
    }
    assert "admin" in with_catalogue
    assert with_catalogue <= set(merge.CATALOGUES["django"])


@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_and_markup_survive(domain):
    po = polib.pofile(str(MESSAGES / f"{domain}.po"))
    wrong = []
    for entry in po:
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and Counter(PLACEHOLDER.findall(source)) != Counter(
                PLACEHOLDER.findall(text)
            ):
                wrong.append(f"{source!r} -> {text!r}")
    assert wrong == []


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="redaktoer", email="redaktoer@example.dk", password="hemmelig-kode-42"
    )
    client.force_login(user)
    return client


def _page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_dashboard_is_danish_for_an_english_browser(editor_client, home_page):
    text = _page_text(editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US"))
    # The sidebar (its menu is JSON in the page), the summary and the search.
    for danish in [
        '"Sider"',
        '"Uddrag"',
        '"Dokumenter"',
        '"Rapporter"',
        "Oversigt",
        "Søg i alle sider",
        "0 billeder",
    ]:
        assert danish in text
    for english in [
        '"Pages"',
        '"Snippets"',
        '"Documents"',
        '"Reports"',
        "Search all pages",
        "0 Images",
    ]:
        assert english not in text


@pytest.mark.django_db
def test_page_explorer_is_danish_for_an_english_browser(editor_client, home_page):
    text = _page_text(
        editor_client.get(f"/admin/pages/{home_page.pk}/", HTTP_ACCEPT_LANGUAGE="en-US")
    )
    for danish in ["Tilføj underside", "Sidetype", "Udgivet", "Massehandlinger"]:
        assert danish in text
    for english in ["Add child page", "Page type", "Bulk actions"]:
        assert english not in text


@pytest.mark.django_db
def test_snippet_listing_is_danish_for_an_english_browser(editor_client):
    text = _page_text(
        editor_client.get(
            "/admin/snippets/indicators/indicator/", HTTP_ACCEPT_LANGUAGE="en-US"
        )
    )
    for danish in ["Tilføj indikator", "Vælg alle uddrag i listen", "Filtrér efter"]:
        assert danish in text
    for english in ["Add indicator", "Select all snippets", "Filter by"]:
        assert english not in text

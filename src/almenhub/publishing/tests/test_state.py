"""The builder says one true thing about a draft, on its status screen, in
its status JSON and in the list: never compiled, compiled (N pages at time
T), or changed since the last compile."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from almenhub.publishing.services import BuildState, publication_compile

pytestmark = pytest.mark.django_db


def status_screen(client, draft) -> tuple[str, str]:
    html = client.get(reverse("publishing_admin:status", args=[draft.pk])).content
    label = BeautifulSoup(html, "html.parser").select_one("#status-label")
    return label["data-state"], label.get_text(strip=True)


def status_json(client, draft) -> dict:
    return client.get(reverse("publishing_admin:status_json", args=[draft.pk])).json()


def listing_row(client, draft) -> str:
    html = client.get(reverse("wagtailsnippets_publishing_publicationdraft:list"))
    soup = BeautifulSoup(html.content, "html.parser")
    edit = reverse("wagtailsnippets_publishing_publicationdraft:edit", args=[draft.pk])
    link = soup.find("a", href=edit)
    return " ".join(link.find_parent("tr").get_text(" ").split())


def test_a_new_draft_is_never_compiled(draft, client, editor):
    client.force_login(editor)
    state, label = status_screen(client, draft)
    assert (state, label) == (BuildState.NEVER, "Ikke kompileret")
    assert status_json(client, draft)["state"] == BuildState.NEVER
    row = listing_row(client, draft)
    assert "Ikke kompileret" in row and "sider" not in row


def test_a_compiled_draft_says_when_and_how_many_pages(draft, client, editor):
    client.force_login(editor)
    # Compiled directly, as the demo does: the stored job status is still
    # "draft", which once showed "Ikke kompileret" beside the compile date.
    publication_compile(draft=draft)
    draft.refresh_from_db()
    state, label = status_screen(client, draft)
    assert state == BuildState.COMPILED
    assert re.fullmatch(r"Kompileret \d+\. \w+ \d{4} kl\. \d\d\.\d\d, \d+ sider", label)
    assert f", {draft.pages} sider" in label
    assert (
        "Ikke kompileret"
        not in client.get(
            reverse("publishing_admin:status", args=[draft.pk])
        ).content.decode()
    )
    data = status_json(client, draft)
    assert (data["state"], data["state_label"]) == (BuildState.COMPILED, label)
    row = listing_row(client, draft)
    assert label in row and "Ikke kompileret" not in row


def test_editing_the_draft_or_an_example_makes_it_changed(
    draft, examples, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing_admin:compile", args=[draft.pk]))
    draft.refresh_from_db()
    assert status_screen(client, draft)[0] == BuildState.COMPILED

    draft.intro = "En ny indledning."
    draft.save()
    state, label = status_screen(client, draft)
    assert state == BuildState.CHANGED
    assert label.startswith("Ændret siden sidste kompilering (kompileret ")
    assert (
        "Uændret"
        not in client.get(
            reverse("publishing_admin:status", args=[draft.pk])
        ).content.decode()
    )
    assert "Ændret siden sidste kompilering" in listing_row(client, draft)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing_admin:compile", args=[draft.pk]))
    draft.refresh_from_db()
    assert status_screen(client, draft)[0] == BuildState.COMPILED

    # A published change to one of its examples changes the publication too.
    example = examples[0]
    example.teaser = "En ny manchet."
    example.save_revision().publish()
    assert status_screen(client, draft)[0] == BuildState.CHANGED


def test_a_failed_compile_says_so_and_what_still_stands(
    draft, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    publication_compile(draft=draft)
    draft.chosen_examples.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing_admin:compile", args=[draft.pk]))
    draft.refresh_from_db()
    state, label = status_screen(client, draft)
    assert state == BuildState.FAILED
    assert label.startswith("Kompileringen fejlede; den gældende PDF er kompileret ")

"""The builder's admin: compile with progress, fill from a meeting series."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.meetings.models import Contribution, MeetingPage
from almenhub.publishing.models import CompileStatus, PublicationDraft

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_login(draft, client):
    for name in ("status", "status_json"):
        response = client.get(reverse(f"publishing_admin:{name}", args=[draft.pk]))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_the_editor_compiles_from_the_admin(
    draft, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_publishing_publicationdraft:list"))
    status_url = reverse("publishing_admin:status", args=[draft.pk])
    assert status_url in listing.content.decode()
    page = client.get(status_url)
    assert "Kompilér" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing_admin:compile", args=[draft.pk]))
    assert response.status_code == 302
    data = client.get(reverse("publishing_admin:status_json", args=[draft.pk])).json()
    assert data["status"] == CompileStatus.DONE
    assert data["progress"] == 100
    assert data["pages"] >= 5
    assert "Hent PDF" in client.get(status_url).content.decode()


def test_compile_needs_post(draft, client, editor):
    client.force_login(editor)
    response = client.get(reverse("publishing_admin:compile", args=[draft.pk]))
    assert response.status_code == 405


def test_examples_come_from_the_meeting_series_highlights_first(
    examples, series_with_project, client, editor
):
    from almenhub.meetings.factories import meeting_create

    meeting = meeting_create(series_with_project)
    assert isinstance(meeting, MeetingPage)
    plain = Contribution.objects.create(meeting=meeting, title="Affald", sort_order=0)
    plain.examples.set([examples[1]])
    highlight = Contribution.objects.create(
        meeting=meeting, title="Engen", is_highlight=True, sort_order=1
    )
    highlight.examples.set([examples[0]])
    draft = PublicationDraft.objects.create(
        title="Fra møderne", meeting_series=series_with_project
    )
    from almenhub.publishing.content import draft_examples

    assert draft_examples(draft) == [examples[0], examples[1]]
    client.force_login(editor)
    client.post(reverse("publishing_admin:fill", args=[draft.pk]))
    chosen = list(
        draft.chosen_examples.order_by("sort_order").values_list(
            "example_id", flat=True
        )
    )
    assert chosen == [examples[0].pk, examples[1].pk]

"""Editors, and only editors, create projects in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from almenhub.projects.models import ProjectPage
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def add_url(programme) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("projects", "projectpage", programme.pk)
    )


def project_form_data(theme: Theme) -> dict:
    data = nested_form_data(
        {
            "title": "Fælles vaskeri i Vestparken",
            "slug": "faelles-vaskeri",
            "teaser": "Beboerne driver selv vaskeriet.",
            "status": "ongoing",
            "publication_year": 2025,
            "participants_text": "Beboere i afdelingen",
            "body": streamfield(
                [("heading", "Baggrund"), ("paragraph", rich_text("<p>Tekst</p>"))]
            ),
            "contacts": inline_formset([]),
            "deliverables": inline_formset(
                [{"title": "Guide til vaskerilaug", "kind": "tool", "description": ""}]
            ),
            "quotes": inline_formset([]),
            "facts": inline_formset(
                [{"heading": "Vidste du ...", "text": "Det virker."}]
            ),
            "related_links": inline_formset([]),
        }
    )
    data["themes"] = [str(theme.pk)]
    return data


def form_errors(response) -> str:
    form = response.context["form"]
    nested = {
        name: (formset.errors, formset.non_form_errors())
        for name, formset in form.formsets.items()
    }
    return f"{form.errors!r} {nested!r}"


def test_editor_can_create_and_publish_a_project(client, editor, programme):
    client.force_login(editor)
    theme = Theme.objects.get(name="Beboerdemokrati")
    data = project_form_data(theme)
    data["action-publish"] = "Udgiv"
    response = client.post(add_url(programme), data)
    assert response.status_code == 302, form_errors(response)
    page = ProjectPage.objects.get(slug="faelles-vaskeri")
    assert page.live
    assert list(page.themes.all()) == [theme]
    assert page.deliverables.get().title == "Guide til vaskerilaug"
    assert page.facts.get().text == "Det virker."
    assert client.get(page.url).status_code == 200


def test_missing_title_is_refused_with_a_message(client, editor, programme):
    client.force_login(editor)
    data = project_form_data(Theme.objects.get(name="Renovering"))
    data["title"] = ""
    response = client.post(add_url(programme), data)
    assert response.status_code == 200
    assert not ProjectPage.objects.exists()
    assert response.context["form"].errors["title"]


def test_anonymous_user_cannot_create_a_project(client, programme):
    data = project_form_data(Theme.objects.get(name="Renovering"))
    response = client.post(add_url(programme), data)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    assert not ProjectPage.objects.exists()


def test_user_without_admin_access_cannot_create_a_project(
    client, django_user_model, programme
):
    user = django_user_model.objects.create_user(
        username="beboer", password="x-y-z-123"
    )
    client.force_login(user)
    data = project_form_data(Theme.objects.get(name="Renovering"))
    response = client.post(add_url(programme), data)
    assert response.status_code in (302, 403)
    assert not ProjectPage.objects.exists()


def test_admin_speaks_danish(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()

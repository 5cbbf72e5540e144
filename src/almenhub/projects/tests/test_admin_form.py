"""The project editor as an editor gets it: Danish help texts and add buttons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.projects.models import ProjectPage


@pytest.mark.django_db
def test_new_project_form_explains_its_fields_in_danish(client, editor, programme):
    client.force_login(editor)

    response = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["projects", "projectpage", programme.pk],
        )
    )

    assert response.status_code == 200
    html = response.content.decode()
    for label in ("kontaktperson", "leverance", "citat", "faktaboks"):
        assert f"Tilføj {label}" in html
    teaser_help = ProjectPage._meta.get_field("teaser").help_text
    assert teaser_help[:40] in html
    assert "Projektets navn. Vises som overskrift" in html  # the title's own
    assert "Vælg personen i listen" in html  # an inline child's field

"""Two security policies: a strict one for the public site, one for the admin
that lets Wagtail's own inline scripts run (core/csp.py says why)."""

from __future__ import annotations

import pytest


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return dict(parts)


@pytest.mark.django_db
def test_the_public_site_runs_no_inline_script_and_is_never_framed(client, home_page):
    response = client.get("/")
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_allows_its_inline_scripts_but_nothing_from_elsewhere(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    policy = directives(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    # The editor's preview panel is a frame of the admin.
    assert policy["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_the_admin_login_has_the_admin_policy_too(client):
    response = client.get("/admin/login/")
    assert directives(response)["script-src"] == "'self' 'unsafe-inline'"


@pytest.mark.django_db
def test_a_preview_keeps_the_public_script_rule_and_may_be_framed_by_the_admin(
    rf, editor, programme, seed_record
):
    from almenhub.projects.services import project_upsert

    project = project_upsert(programme=programme, record=seed_record).page
    original = rf.get(f"/admin/pages/{project.pk}/edit/preview/")
    original.user = editor
    # Wagtail's preview: a stand-in request for the page's public address,
    # sent through the whole middleware chain.
    response = project.make_preview_request(original_request=original)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"

"""Security checks across the hub: every admin view refuses anonymous users,
and text typed into any field comes out escaped on the public pages."""

from __future__ import annotations

import re

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from almenhub.projects.services import project_upsert

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
# Views that serve the login screen itself or static assets (the icon sprite).
PUBLIC_ADMIN_VIEWS = ("login", "password_reset", "logout", "jsi18n", "sprite")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name or ""


def concrete(pattern: str) -> str:
    path = pattern.lstrip("^").rstrip("$")
    path = re.sub(
        r"<int:[^>]+>|<path:[^>]+>|<str:[^>]+>|<slug:[^>]+>|<[^>]+>", "1", path
    )
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", path)
    path = path.replace("\\", "").replace("^", "").replace("$", "").replace("?", "")
    return "/" + path


def admin_paths() -> list[tuple[str, str]]:
    found = []
    for pattern, name in walk(get_resolver().url_patterns):
        if not pattern.startswith(("admin/", "^admin/")):
            continue
        if any(public in pattern or public in name for public in PUBLIC_ADMIN_VIEWS):
            continue
        found.append((concrete(pattern), name))
    return sorted(set(found))


def test_every_admin_view_refuses_anonymous_users(client, home_page):
    paths = admin_paths()
    assert len(paths) > 100  # the walk really found Wagtail's admin and ours
    login = reverse("wagtailadmin_login")
    leaks = []
    for path, name in paths:
        response = client.get(path)
        if response.status_code == 200 or (
            response.status_code == 302 and not response["Location"].startswith(login)
        ):
            leaks.append(f"{path} ({name}): {response.status_code}")
    assert not leaks, leaks


def test_admin_refuses_users_without_admin_access(client, django_user_model, home_page):
    user = django_user_model.objects.create_user(
        username="beboer", password="x-y-z-123"
    )
    client.force_login(user)
    for path, _ in admin_paths()[:80]:
        response = client.get(path)
        assert response.status_code != 200, path


def text_fields(model: type[models.Model]) -> list[str]:
    names = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not isinstance(
            field, models.SlugField | models.URLField | models.EmailField
        ):
            if field.choices or field.name in {
                "slug",
                "url_path",
                "draft_title",
                "path",
            }:
                continue
            if field.name.startswith(("source_", "search_", "seo_", "locale")):
                continue
            names.append(field.name)
    return names


def test_stored_xss_in_every_text_field_comes_out_escaped(
    client, programme, seed_record
):
    from almenhub.organisations.models import Organisation
    from almenhub.people.models import Person
    from almenhub.projects.models import ProjectPage
    from almenhub.publications.models import PublicationPage
    from almenhub.taxonomy.models import Theme

    page = project_upsert(programme=programme, record=seed_record).page
    publication = PublicationPage.objects.get()
    for model, objects in (
        (ProjectPage, [page]),
        (PublicationPage, [publication]),
        (Organisation, Organisation.objects.all()),
        (Person, Person.objects.all()),
        (Theme, Theme.objects.all()),
    ):
        for n, obj in enumerate(objects):
            for name in text_fields(model):
                max_length = model._meta.get_field(name).max_length or 10_000
                # A number in front keeps names unique where they must be.
                setattr(obj, name, f"{n} {PAYLOAD}"[:max_length])
            obj.save()
    for relation in ("quotes", "facts", "deliverables"):
        for item in getattr(page, relation).all():
            for name in text_fields(type(item)):
                setattr(item, name, PAYLOAD)
            item.save()
    page.refresh_from_db()
    publication.refresh_from_db()
    for url in (page.url, publication.url, "/", "/tema/", "/soeg/?q=xss"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    assert "&lt;script&gt;alert" in client.get(page.url).content.decode()


def test_search_query_is_escaped(client, home_page):
    html = client.get("/soeg/", {"q": PAYLOAD}).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html

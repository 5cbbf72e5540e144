"""The search's declarations: the facets (search.facets) read by every layer,
the models' `search_kind`, checked by a system check, and one link builder."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import checks
from django.urls import reverse

from almenhub.opendata.api import SearchParams
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person
from almenhub.projects.models import ProjectPage, ProjectStatus
from almenhub.publications.models import PublicationPage
from almenhub.search.checks import declaration_problems
from almenhub.search.facets import FACETS, SEARCH_PARAMS, status_choices
from almenhub.search.forms import SearchForm
from almenhub.search.links import SearchLinks
from almenhub.search.registry import declared_kind, kind_by_name, kinds
from almenhub.search.services import search_rebuild


def test_every_facet_is_a_form_field_an_api_parameter_and_a_link():
    form = SearchForm({})
    api = SearchParams.model_json_schema()["properties"]
    for facet in FACETS:
        assert facet.param in form.fields
        assert facet.param in api
        assert facet.param in SEARCH_PARAMS
        link = SearchLinks({facet.param: "1"}).with_params()
        assert parse_qs(urlsplit(link).query) == {facet.param: ["1"]}


def test_project_statuses_come_from_the_model():
    assert status_choices() == [(v, str(label)) for v, label in ProjectStatus.choices]
    api = SearchParams.model_json_schema()["properties"]["status"]
    assert api["enum"] == list(ProjectStatus.values)


def test_the_kinds_are_the_models_declarations():
    assert [k.slug for k in kinds()] == [
        "projekt",
        "program",
        "publikation",
        "eksempel",
        "moede",
        "nyhed",
        "temaside",
        "side",
        "organisation",
        "person",
    ]
    assert all(declared_kind(k.model) is k.spec for k in kinds())


def test_a_kind_is_found_by_its_name_as_the_list_holds_it():
    for kind in kinds():
        assert kind_by_name(kind.kind) is next(
            k for k in kinds() if k.kind == kind.kind
        )
    assert kind_by_name("") is None and kind_by_name("ukendt") is None


def test_the_system_check_names_a_field_the_model_lacks():
    spec = declared_kind(ProjectPage)
    assert list(declaration_problems(ProjectPage, spec)) == []
    broken = dataclasses.replace(
        spec, year="year_published", owner=("themes",), status="title"
    )
    problems = list(declaration_problems(ProjectPage, broken))
    assert "'year_published' is neither a field nor an attribute of the model" in (
        problems
    )
    assert "owner 'themes' is not a foreign key" in problems
    assert "status 'title' is not a field with choices" in problems


def test_the_system_check_runs_clean_on_the_project(monkeypatch):
    assert [
        e for e in checks.run_checks() if e.id and e.id.startswith("sitesearch")
    ] == []
    broken = dataclasses.replace(declared_kind(ProjectPage), teaser="manchet")
    monkeypatch.setattr(ProjectPage, "search_kind", broken)
    ids = {e.id for e in checks.run_checks() if e.obj is ProjectPage}
    assert "sitesearch.E001" in ids


def test_links_keep_the_search_drop_the_page_and_export_the_fixed():
    links = SearchLinks(
        {"q": "affald", "side": "3", "status": "finished", "csrf": "x"},
        fixed={"tema": "natur"},
    )
    assert links.page(2) == "?q=affald&status=finished&side=2"
    assert links.toggle("status", "finished", selected=True) == "?q=affald"
    assert links.sort("nyeste") == "?q=affald&status=finished&sort=nyeste"
    assert links.hidden_fields() == [("status", "finished")]
    assert links.export("opendata:export-csv") == (
        reverse("opendata:export-csv") + "?q=affald&status=finished&tema=natur"
    )


@pytest.mark.django_db
def test_an_organisation_suggestion_links_to_its_own_page(client, indexed):
    orgs = client.get("/soeg/forslag/", {"q": "solstr"}).json()["suggestions"]
    org = next(s for s in orgs if s["kind"] == "Organisation")
    solstrand = Organisation.objects.get(name="Solstrand Boligforening")
    assert org["url"] == solstrand.get_absolute_url()
    page = client.get(org["url"])
    assert page.status_code == 200
    assert "Solstrand Boligforening" in page.content.decode()


@pytest.mark.django_db
def test_a_suggestion_says_whether_it_opens_a_page_or_is_searched(client, indexed):
    # The organisation's own document and the register both match "solstr":
    # one suggestion, which opens its page; a title is a search.
    orgs = client.get("/soeg/forslag/", {"q": "solstr"}).json()["suggestions"]
    assert [(s["label"], s["kind"], s["action"]) for s in orgs] == [
        ("Solstrand Boligforening", "Organisation", "open")
    ]
    titles = client.get("/soeg/forslag/", {"q": "elektrisk"}).json()["suggestions"]
    assert titles[0]["label"] == "Elektrisk snerydning"
    assert titles[0]["action"] == "search"
    themes = client.get("/soeg/forslag/", {"q": "natur"}).json()["suggestions"]
    assert ("Natur og biodiversitet", "open") in [
        (s["label"], s["action"]) for s in themes
    ]


@pytest.mark.django_db
def test_an_organisation_without_a_public_page_is_not_suggested(client, indexed):
    # A row inserted in bulk has no slug, so no public page to link to (and
    # no document: the index holds what may be found).
    Organisation.objects.filter(name="Solstrand Boligforening").update(slug="")
    search_rebuild()
    orgs = client.get("/soeg/forslag/", {"q": "solstr"}).json()["suggestions"]
    assert not [s for s in orgs if s["kind"] == "Organisation"]


def test_the_system_check_names_a_bad_context_or_group_field():
    spec = declared_kind(PublicationPage)
    assert list(declaration_problems(PublicationPage, spec)) == []
    broken = dataclasses.replace(spec, context=("serie",), belongs_to="series")
    problems = list(declaration_problems(PublicationPage, broken))
    assert "'serie' is neither a field nor an attribute of the model" in problems
    assert "belongs_to 'series' is not a relation to a search kind" in problems


def test_the_system_check_names_a_registers_missing_or_bad_selector():
    spec = declared_kind(Person)
    assert list(declaration_problems(Person, spec)) == []
    missing = dataclasses.replace(spec, public="")
    assert list(declaration_problems(Person, missing)) == [
        "a model that is not a page names its `public` selector"
    ]
    bad = dataclasses.replace(
        spec, public="almenhub.people.selectors.nobody", shown_elsewhere=("navn",)
    )
    assert set(declaration_problems(Person, bad)) == {
        "public 'almenhub.people.selectors.nobody' cannot be imported",
        "'navn' is neither a field nor an attribute of the model",
        "shown_elsewhere 'navn' is not a field",
    }

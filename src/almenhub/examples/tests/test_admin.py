"""Editors create examples in the Wagtail admin; values are checked there too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from almenhub.examples import services
from almenhub.examples.factories import indicator, task, theme
from almenhub.examples.models import ExamplePage

pytestmark = pytest.mark.django_db


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("examples", "examplepage", index.pk))


def admin_data(organisation, values: list[dict]) -> dict:
    data = nested_form_data(
        {
            "title": "Eng i stedet for plæne",
            "slug": "eng-i-stedet-for-plaene",
            "teaser": "Kort resumé.",
            "task": task("graesslaaning").pk,
            "status": "implemented",
            "organisation": organisation.pk,
            "municipality": "Odense",
            "latitude": "55.37",
            "longitude": "10.43",
            "what_was_done": rich_text("<p>Vi lod græsset gro.</p>"),
            "results": rich_text(""),
            "lessons": rich_text(""),
            "contacts": inline_formset([]),
            "building_blocks": inline_formset(
                [{"title": "Slåplan", "description": "To slæt."}]
            ),
            "values": inline_formset(values),
            "images": inline_formset([]),
        }
    )
    data["themes"] = [str(theme("Natur og biodiversitet").pk)]
    return data


def value_row(slug: str, value: str, start="2024-01-01", end="2024-12-31") -> dict:
    return {
        "indicator": indicator(slug).pk,
        "value": value,
        "period_start": start,
        "period_end": end,
        "method": "measured",
        "source": "",
    }


def test_editor_creates_example_with_values(
    client, editor, example_index, organisation
):
    client.force_login(editor)
    response = client.post(
        add_url(example_index),
        admin_data(organisation, [value_row("plaene-til-eng", "1200")]),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ExamplePage.objects.get()
    assert page.values.get().value == 1200
    assert page.values.get().year == 2024


def test_admin_refuses_bad_values_naming_the_field(
    client, editor, example_index, organisation
):
    client.force_login(editor)
    response = client.post(
        add_url(example_index),
        admin_data(
            organisation,
            [
                value_row("tilfredshed-udearealer", "120"),
                value_row("plaene-til-eng", "5", start="2024-06-01", end="2024-01-01"),
            ],
        ),
    )
    assert response.status_code == 200
    assert not ExamplePage.objects.exists()
    errors = response.context["form"].formsets["values"].errors
    assert errors[0] == {
        "value": ["Værdi: en procentdel skal ligge mellem 0 og 100 (enhed: %)."]
    }
    assert list(errors[1]) == ["period_end"]


def test_department_must_belong_to_the_organisation(
    client, editor, example_index, organisation, other_organisation
):
    client.force_login(editor)
    data = admin_data(organisation, [])
    data["department"] = str(other_organisation.departments.get().pk)
    response = client.post(add_url(example_index), data)
    assert response.status_code == 200
    assert "department" in response.context["form"].errors


def test_index_has_the_examples_moderation_workflow(example_index):
    assignment = WorkflowPage.objects.get(page=example_index)
    assert assignment.workflow.name == services.WORKFLOW_NAME
    task_ = assignment.workflow.tasks.get().specific
    assert set(task_.groups.values_list("name", flat=True)) == {"Moderators", "Editors"}


def test_snippets_are_in_the_admin(client, editor):
    client.force_login(editor)
    for model in ("examples/operationstask", "indicators/indicator"):
        response = client.get(f"/admin/snippets/{model}/")
        assert response.status_code == 200

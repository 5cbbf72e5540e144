"""Member staff submit and edit their organisation's examples through a public
form; nothing they write is public before an editor approves it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from almenhub.examples import services
from almenhub.examples.factories import example_create, indicator, task, theme
from almenhub.examples.models import ExamplePage
from almenhub.indicators.selectors import ValueFilters, indicator_summary

pytestmark = pytest.mark.django_db

SUBMIT = "/eksempler/indsend/"
MINE = "/eksempler/mine/"


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def form_data(organisation, **overrides) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "title": "Vild eng bag blok 4",
        "teaser": "Vi lod græsset gro.",
        "task": str(task("graesslaaning").pk),
        "status": "implemented",
        "themes": [str(theme("Natur og biodiversitet").pk)],
        "department": str(organisation.departments.get().pk),
        "municipality": "Odense",
        "latitude": "55,37",
        "longitude": "10,43",
        "what_was_done": "Vi slog kun to gange.\n\nOg såede frø.",
        "results": "Mange sommerfugle.",
        "lessons": "",
        **management("byggesten", 1),
        "byggesten-0-title": "Slåplan",
        "byggesten-0-description": "To slæt om året.",
        **management("vaerdier", 2),
        "vaerdier-0-indicator": str(indicator("plaene-til-eng").pk),
        "vaerdier-0-value": "1.200,5",
        "vaerdier-0-period_start": "2024-01-01",
        "vaerdier-0-period_end": "2024-12-31",
        "vaerdier-0-method": "measured",
        "vaerdier-0-source": "Opmålt",
        "vaerdier-1-indicator": "",
        "vaerdier-1-value": "",
        "vaerdier-1-period_start": "",
        "vaerdier-1-period_end": "",
        "vaerdier-1-method": "measured",
        "vaerdier-1-source": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member_client(client, member, example_index):
    client.force_login(member)
    return client


def test_anonymous_is_sent_to_login(client, example_index):
    for url in (SUBMIT, MINE, "/eksempler/mine/1/rediger/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_user_without_organisation_gets_a_danish_explanation(
    client, django_user_model, example_index
):
    user = django_user_model.objects.create_user(username="uden", password="x")
    client.force_login(user)
    response = client.get(SUBMIT)
    assert response.status_code == 403
    assert "ikke knyttet til en boligorganisation" in response.content.decode()


def test_form_is_danish_and_accessible(member_client):
    response = member_client.get(SUBMIT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "da"
    form = soup.find("main").find("form")
    assert form["method"] == "post"
    for field in form.find_all(["input", "select", "textarea"]):
        if field.get("type") in ("hidden", "checkbox", "submit"):
            continue
        assert soup.find("label", attrs={"for": field["id"]}), field["name"]
    assert [
        legend.get_text(strip=True) for legend in form.select(".form-section > legend")
    ][0] == "Om eksemplet"
    # Only the member's own departments can be chosen.
    options = [o.get_text() for o in form.find("select", id="id_department")("option")]
    assert options == ["Hele boligorganisationen", "Engen"]


def test_submission_is_a_draft_in_the_moderation_queue(
    member_client, member, organisation
):
    response = member_client.post(SUBMIT, form_data(organisation))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == MINE
    page = ExamplePage.objects.get()
    assert page.live is False
    assert page.organisation == organisation
    assert page.owner == member
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == services.WORKFLOW_NAME
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Vild eng bag blok 4"
    assert draft.what_was_done == "<p>Vi slog kun to gange.</p><p>Og såede frø.</p>"
    assert [(v.indicator.slug, str(v.value)) for v in draft.values.all()] == [
        ("plaene-til-eng", "1200.500")
    ]
    assert [b.title for b in draft.building_blocks.all()] == ["Slåplan"]
    # Not public, and not counted by the dashboard.
    assert (
        member_client.get(page.url or "/eksempler/vild-eng-bag-blok-4/").status_code
        == 404
    )
    assert indicator_summary(ValueFilters()) == []
    listing = member_client.get(MINE).content.decode()
    assert "Afventer godkendelse hos redaktionen" in listing
    assert "Eksemplet er sendt til redaktionen" in listing


def test_member_cannot_publish_only_an_editor_can(
    member_client, organisation, editor, client
):
    member_client.post(SUBMIT, form_data(organisation))
    page = ExamplePage.objects.get()
    # The member has no access to the admin, so its publish action fails.
    response = member_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"action-publish": "publish", "title": "Publiceret af mig"},
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.live is False
    # An editor approves the task; then, and only then, it is live.
    page.current_workflow_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live is True
    assert page.current_workflow_state is None
    rows = indicator_summary(ValueFilters())
    assert [(r.indicator.slug, r.total) for r in rows] == [
        ("plaene-til-eng", page.values.get().value)
    ]


def test_form_keeps_what_was_typed_on_error(member_client, organisation):
    data = form_data(
        organisation,
        **{
            "vaerdier-0-indicator": str(indicator("tilfredshed-udearealer").pk),
            "vaerdier-0-value": "150",
            "vaerdier-1-indicator": str(indicator("unge-i-fritidsjob").pk),
            "vaerdier-1-value": "mange",
            "vaerdier-1-period_start": "2024-05-01",
            "vaerdier-1-period_end": "2024-04-01",
            "latitude": "60",
        },
    )
    response = member_client.post(SUBMIT, data)
    assert response.status_code == 200
    assert not ExamplePage.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary").get_text(" ", strip=True)
    assert "Værdi 1 – Værdi: en procentdel skal ligge mellem 0 og 100" in summary
    assert "Værdi 2 – Værdi: skriv et tal" in summary
    assert "Breddegrad: skal ligge mellem 54,5 og 57,8" in summary
    assert soup.find("input", id="id_title")["value"] == "Vild eng bag blok 4"
    assert (
        soup.find("textarea", id="id_what_was_done")
        .get_text()
        .strip()
        .startswith("Vi slog kun to gange.")
    )
    assert soup.find("input", id="id_vaerdier-0-value")["value"] == "150"
    assert soup.find("input", id="id_vaerdier-1-value")["value"] == "mange"
    assert soup.find("input", id="id_vaerdier-1-value")["aria-invalid"] == "true"
    assert soup.find("input", id="id_byggesten-0-title")["value"] == "Slåplan"
    checked = soup.find("input", attrs={"name": "themes", "checked": True})
    assert checked["value"] == str(theme("Natur og biodiversitet").pk)


def test_csrf_is_required(member, organisation, example_index):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(SUBMIT, form_data(organisation)).status_code == 403
    assert not ExamplePage.objects.exists()
    strict.get(SUBMIT)
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        SUBMIT, {**form_data(organisation), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert ExamplePage.objects.count() == 1


def test_member_cannot_edit_another_organisations_example(
    member_client, example_index, other_organisation
):
    theirs = example_create(
        example_index, title="Deres eng", organisation=other_organisation
    )
    url = f"/eksempler/mine/{theirs.pk}/rediger/"
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, form_data(other_organisation)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Deres eng"
    assert theirs.latest_revision is None
    assert "Deres eng" not in member_client.get(MINE).content.decode()


def test_member_edits_own_example_through_moderation(
    member_client, member, example_index, organisation, editor
):
    ours = example_create(
        example_index,
        title="Vores eng",
        organisation=organisation,
        what_was_done="<p>Vi slog <b>mindre</b>.</p>",
        values=[("plaene-til-eng", 500, 2023)],
    )
    url = f"/eksempler/mine/{ours.pk}/rediger/"
    soup = BeautifulSoup(member_client.get(url).content, "html.parser")
    assert soup.find("input", id="id_title")["value"] == "Vores eng"
    assert soup.find("input", id="id_vaerdier-0-value")["value"] == "500"
    assert soup.find("input", id="id_vaerdier-INITIAL_FORMS")["value"] == "1"

    data = form_data(
        organisation,
        title="Vores vilde eng",
        what_was_done="Vi slog mindre.",
        **management("vaerdier", 3, initial=1),
        **{
            "vaerdier-0-value": "800",
            "vaerdier-0-period_start": "2023-01-01",
            "vaerdier-0-period_end": "2023-12-31",
            "vaerdier-2-indicator": "",
            "vaerdier-2-value": "",
            "vaerdier-2-period_start": "",
            "vaerdier-2-period_end": "",
            "vaerdier-2-method": "measured",
            "vaerdier-2-source": "",
        },
    )
    response = member_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    ours.refresh_from_db()
    # The public page is unchanged until an editor approves.
    assert ours.title == "Vores eng"
    assert ours.values.get().value == 500
    assert ours.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    draft = ours.get_latest_revision_as_object()
    assert draft.title == "Vores vilde eng"
    # An unchanged text keeps the editor's formatting.
    assert draft.what_was_done == "<p>Vi slog <b>mindre</b>.</p>"

    ours.current_workflow_task_state.approve(user=editor)
    ours.refresh_from_db()
    assert ours.title == "Vores vilde eng"
    assert ours.live
    assert [v.value for v in ours.values.all()] == [800]


def test_member_can_remove_a_value(member_client, example_index, organisation):
    ours = example_create(
        example_index,
        title="Vores eng",
        organisation=organisation,
        teaser="Græsset gror.",
        what_was_done="<p>Vi slog mindre.</p>",
        values=[("plaene-til-eng", 500, 2023), ("unge-i-fritidsjob", 3, 2023)],
    )
    soup = BeautifulSoup(
        member_client.get(f"/eksempler/mine/{ours.pk}/rediger/").content, "html.parser"
    )
    data = {
        el["name"]: el.get("value", "")
        for el in soup.find("main").find("form").find_all("input")
        if el.get("type") not in ("checkbox",) and el.get("name")
    }
    for select in soup.find("main").find("form").find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    for area in soup.find("main").find("form").find_all("textarea"):
        data[area["name"]] = area.get_text().strip()
    data["themes"] = [str(theme("Natur og biodiversitet").pk)]
    data["vaerdier-1-DELETE"] = "on"
    response = member_client.post(f"/eksempler/mine/{ours.pk}/rediger/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = ExamplePage.objects.get(pk=ours.pk).get_latest_revision_as_object()
    assert [v.indicator.slug for v in draft.values.all()] == ["plaene-til-eng"]


def test_submissions_are_rate_limited(member_client, organisation, monkeypatch):
    monkeypatch.setattr(services, "SUBMISSIONS_PER_HOUR", 2)
    for n in range(2):
        data = form_data(organisation, title=f"Eksempel {n}")
        assert member_client.post(SUBMIT, data).status_code == 302
    response = member_client.post(SUBMIT, form_data(organisation, title="For mange"))
    assert response.status_code == 429
    text = response.content.decode()
    assert "Du har indsendt 2 gange inden for den seneste time" in text
    assert 'value="For mange"' in text
    assert ExamplePage.objects.count() == 2


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_example_routes_refuse_other_methods(
    member_client, organisation, example_index, method
):
    ours = example_create(
        example_index, organisation=organisation, title="Vores eksempel"
    )
    for url, allowed in (
        (SUBMIT, "GET, HEAD, POST"),
        (MINE, "GET, HEAD"),
        (f"/eksempler/mine/{ours.pk}/rediger/", "GET, HEAD, POST"),
        ("/eksempler/kort/", "GET, HEAD"),
    ):
        response = getattr(member_client, method)(url)
        assert response.status_code == 405, url
        assert response["Allow"] == allowed
    assert ExamplePage.objects.get(pk=ours.pk).title == "Vores eksempel"


def test_a_refused_submission_says_when_to_try_again(
    member_client, organisation, monkeypatch
):
    monkeypatch.setattr(services, "SUBMISSIONS_PER_HOUR", 1)
    assert member_client.post(SUBMIT, form_data(organisation)).status_code == 302
    response = member_client.post(SUBMIT, form_data(organisation, title="Igen"))
    assert response.status_code == 429
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "Vent 60 minutter" in response.content.decode()


def test_a_submission_that_fails_costs_nothing(
    member_client, organisation, monkeypatch
):
    """Only submissions that reach the editors count against the allowance."""
    monkeypatch.setattr(services, "SUBMISSIONS_PER_HOUR", 1)
    bad = form_data(organisation, department=str(987654))
    assert member_client.post(SUBMIT, bad).status_code == 200
    assert member_client.post(SUBMIT, form_data(organisation)).status_code == 302


@pytest.mark.parametrize(
    "themes", ["99999999999999999999999", "9223372036854775808", "-1", "²", "1e3"]
)
def test_a_theme_id_out_of_range_is_a_form_error_not_a_500(
    member_client, organisation, themes
):
    response = member_client.post(SUBMIT, form_data(organisation, themes=[themes]))
    assert response.status_code == 200  # the form again, with its errors
    assert "Temaer: vælg temaer fra listen." in response.content.decode()
    assert not ExamplePage.objects.exists()


@pytest.mark.parametrize("pk", ["9223372036854775808", "99999999999999999999999"])
def test_an_example_id_out_of_range_is_not_found(member_client, pk):
    assert member_client.get(f"{MINE}{pk}/rediger/").status_code == 404

"""Sign-up, verification, organisation membership and the account's limits,
through the public pages at /konto/ as a visitor uses them."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from almenhub.users.models import MembershipRequest, MembershipStatus, User

from .conftest import PASSWORD, last_link, sign_up, verify_last_mail

pytestmark = pytest.mark.django_db


def test_matching_domain_joins_only_after_verification(client, organisation):
    response = sign_up(client, organisation, "mette@engen.dk")
    assert response.status_code == 302
    assert response["Location"] == "/konto/bekraeft/"
    user = User.objects.get(email="mette@engen.dk")
    assert (user.first_name, user.last_name, user.job_title) == (
        "Mette",
        "Jensen",
        "Driftschef",
    )
    assert user.organisation is None
    assert "Bekræft" in mail.outbox[-1].subject or "bekræft" in mail.outbox[-1].body

    # Not active before the link: the password alone does not log in.
    client.logout()
    login = client.post(
        "/konto/log-ind/", {"login": "mette@engen.dk", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert login.status_code in (200, 302)

    verify_last_mail(client)
    user.refresh_from_db()
    assert user.organisation == organisation
    assert user.membership_request.status == MembershipStatus.APPROVED


def test_other_domain_waits_for_approval(client, organisation):
    sign_up(client, organisation, "mette@gmail.com")
    verify_last_mail(client)
    user = User.objects.get(email="mette@gmail.com")
    assert user.organisation is None
    assert user.membership_request.status == MembershipStatus.WAITING
    # A look-alike domain is not the organisation's either.
    client.logout()
    sign_up(client, organisation, "x@notengen.dk")
    verify_last_mail(client)
    assert User.objects.get(email="x@notengen.dk").organisation is None


def test_contact_person_approves_a_waiting_member(
    client, organisation, contact_person, django_capture_on_commit_callbacks
):
    sign_up(client, organisation, "mette@gmail.com")
    with django_capture_on_commit_callbacks(execute=True):
        verify_last_mail(client)
    notice = mail.outbox[-1]
    assert notice.to == ["kontakt@engen.dk"]
    assert "/konto/organisation/" in notice.body
    request = MembershipRequest.objects.get(user__email="mette@gmail.com")

    client.force_login(contact_person)
    page = client.get("/konto/organisation/").content.decode()
    assert "mette@gmail.com" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/organisation/", {"action": "approve", "id": request.pk})
    request.refresh_from_db()
    assert request.status == MembershipStatus.APPROVED
    assert request.user.organisation == organisation
    assert mail.outbox[-1].to == ["mette@gmail.com"]


def test_contact_person_of_another_organisation_cannot_approve(
    client, organisation, other_organisation, django_user_model
):
    outsider = django_user_model.objects.create_user(
        username="ude",
        email="ude@skoven.dk",
        password=PASSWORD,
        organisation=other_organisation,
        is_organisation_contact=True,
    )
    sign_up(client, organisation, "mette@gmail.com")
    verify_last_mail(client)
    request = MembershipRequest.objects.get(user__email="mette@gmail.com")
    client.force_login(outsider)
    page = client.get("/konto/organisation/").content.decode()
    assert "Ingen venter." in page
    assert f'name="id" value="{request.pk}"' not in page
    client.post("/konto/organisation/", {"action": "approve", "id": request.pk})
    request.refresh_from_db()
    assert request.status == MembershipStatus.WAITING


def test_tampered_verification_link_is_refused(client, organisation):
    sign_up(client, organisation, "mette@engen.dk")
    link = last_link("/konto/bekraeft/")
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.get(tampered)
    assert "Linket er udløbet eller ugyldigt" in response.content.decode()
    client.post(tampered)
    assert not EmailAddress.objects.get(email="mette@engen.dk").verified
    assert User.objects.get(email="mette@engen.dk").organisation is None


def test_expired_verification_link_is_refused(client, organisation):
    sign_up(client, organisation, "mette@engen.dk")
    link = last_link("/konto/bekraeft/")
    later = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)
        client.post(link)
    assert "Linket er udløbet eller ugyldigt" in response.content.decode()
    assert not EmailAddress.objects.get(email="mette@engen.dk").verified
    assert User.objects.get(email="mette@engen.dk").organisation is None


def _verified_member(django_user_model, email, organisation=None):
    user = django_user_model.objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=PASSWORD,
        organisation=organisation,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_tampered_and_expired_reset_links_are_refused(client, django_user_model):
    _verified_member(django_user_model, "mette@engen.dk")
    client.post("/konto/nulstil/", {"email": "mette@engen.dk"})
    link = last_link("/konto/nulstil/noegle/")
    tampered = link.rstrip("/")[:-2] + "xx/"
    assert "Linket virker ikke" in client.get(tampered, follow=True).content.decode()
    later = time.time() + 2 * 24 * 3600
    with mock.patch(
        "django.contrib.auth.tokens.PasswordResetTokenGenerator._now"
    ) as now:
        import datetime

        now.return_value = datetime.datetime.fromtimestamp(later)
        expired = client.get(link, follow=True).content.decode()
    assert "Linket virker ikke" in expired
    good = client.get(link, follow=True)
    assert "Vælg ny adgangskode" in good.content.decode()


def _answer(response) -> tuple:
    return (response.status_code, response.get("Location"))


def test_reset_answers_the_same_for_known_and_unknown(client, django_user_model):
    _verified_member(django_user_model, "mette@engen.dk")
    known = client.post("/konto/nulstil/", {"email": "mette@engen.dk"})
    unknown = client.post("/konto/nulstil/", {"email": "ingen@engen.dk"})
    assert _answer(known) == _answer(unknown) == (302, "/konto/nulstil/sendt/")
    # Both addresses get a mail (the unknown one is told no account exists).
    assert [m.to for m in mail.outbox] == [["mette@engen.dk"], ["ingen@engen.dk"]]


def test_sign_up_answers_the_same_for_known_and_unknown(
    client, organisation, django_user_model
):
    _verified_member(django_user_model, "mette@engen.dk")
    known = sign_up(client, organisation, "mette@engen.dk")
    unknown = sign_up(client, organisation, "ny@engen.dk")
    assert _answer(known) == _answer(unknown) == (302, "/konto/bekraeft/")
    assert client.get("/konto/bekraeft/").status_code == 200
    assert User.objects.filter(email="mette@engen.dk").count() == 1
    assert [m.to for m in mail.outbox] == [["mette@engen.dk"], ["ny@engen.dk"]]


def test_login_answers_the_same_for_known_and_unknown(client, django_user_model):
    _verified_member(django_user_model, "mette@engen.dk")
    wrong = client.post("/konto/log-ind/", {"login": "mette@engen.dk", "password": "x"})
    unknown = client.post(
        "/konto/log-ind/", {"login": "ingen@engen.dk", "password": "x"}
    )
    assert wrong.status_code == unknown.status_code == 200
    text = "Den indtastede e-mailadresse og/eller adgangskode er ikke korrekt"
    assert text in wrong.content.decode().replace(
        "e-mail-adresse", "e-mailadresse"
    ) or (wrong.context["form"].errors == unknown.context["form"].errors)
    assert wrong.context["form"].errors == unknown.context["form"].errors
    ok = client.post(
        "/konto/log-ind/", {"login": "mette@engen.dk", "password": PASSWORD}
    )
    assert ok.status_code == 302 and ok["Location"] == "/konto/"


def test_sign_up_and_reset_are_rate_limited_alike(
    client, organisation, django_user_model
):
    _verified_member(django_user_model, "mette@engen.dk")
    for email in ("mette@engen.dk", "ingen@engen.dk"):
        statuses = [
            client.post("/konto/nulstil/", {"email": email}).status_code
            for _ in range(4)
        ]
        assert statuses == [302, 302, 302, 429]
        statuses = [sign_up(client, organisation, email).status_code for _ in range(4)]
        assert statuses == [302, 302, 302, 429]


def test_public_login_locks_after_failures(client, django_user_model):
    _verified_member(django_user_model, "mette@engen.dk")
    for _ in range(5):
        client.post("/konto/log-ind/", {"login": "mette@engen.dk", "password": "x"})
    locked = client.post(
        "/konto/log-ind/", {"login": "mette@engen.dk", "password": PASSWORD}
    )
    assert locked.status_code == 429


def test_invitation_joins_after_verification(client, organisation, contact_person):
    client.force_login(contact_person)
    client.post(
        "/konto/organisation/", {"action": "invite", "email": "kollega@gmail.com"}
    )
    assert mail.outbox[-1].to == ["kollega@gmail.com"]
    link = last_link("/konto/opret/?invitation=")
    client.logout()
    form = client.get(link)
    assert form.context["form"].initial["email"] == "kollega@gmail.com"
    token = link.split("invitation=")[1]
    sign_up(client, organisation, "kollega@gmail.com", invitation=token)
    verify_last_mail(client)
    assert User.objects.get(email="kollega@gmail.com").organisation == organisation


def test_contact_person_removes_a_member_and_hands_on_the_role(
    client, organisation, contact_person, django_user_model
):
    colleague = _verified_member(django_user_model, "ole@engen.dk", organisation)
    leaver = _verified_member(django_user_model, "stoppet@engen.dk", organisation)
    client.force_login(contact_person)
    assert "stoppet@engen.dk" in client.get("/konto/organisation/").content.decode()
    client.post("/konto/organisation/", {"action": "remove", "id": leaver.pk})
    leaver.refresh_from_db()
    assert leaver.organisation is None
    page = client.get("/konto/organisation/").content.decode()
    assert f'name="id" value="{leaver.pk}"' not in page

    client.post("/konto/organisation/", {"action": "hand_on", "id": colleague.pk})
    colleague.refresh_from_db()
    contact_person.refresh_from_db()
    assert (
        colleague.is_organisation_contact and not contact_person.is_organisation_contact
    )
    assert client.get("/konto/organisation/").status_code == 403


def test_member_cannot_remove_members(client, organisation, django_user_model):
    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    other = _verified_member(django_user_model, "eva@engen.dk", organisation)
    client.force_login(member)
    assert (
        client.post(
            "/konto/organisation/", {"action": "remove", "id": other.pk}
        ).status_code
        == 403
    )
    other.refresh_from_db()
    assert other.organisation == organisation


def test_submit_leads_to_the_public_login(client, example_index):
    response = client.get("/eksempler/indsend/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/log-ind/?next=/eksempler/indsend/"
    page = client.get(response["Location"]).content.decode()
    assert "Log ind" in page and "Wagtail" not in page
    assert '<html lang="da">' in page


def test_secretariat_approves_from_the_admin_queue(client, organisation, editor):
    sign_up(client, organisation, "mette@gmail.com")
    verify_last_mail(client)
    request = MembershipRequest.objects.get(user__email="mette@gmail.com")
    client.force_login(editor)
    queue = client.get("/admin/medlemmer/")
    assert queue.status_code == 200
    assert "mette@gmail.com" in queue.content.decode()
    client.post("/admin/medlemmer/", {"action": "approve", "id": request.pk})
    request.refresh_from_db()
    assert request.user.organisation == organisation


def test_member_cannot_open_the_admin_queue(client, organisation, django_user_model):
    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    client.force_login(member)
    assert client.get("/admin/medlemmer/").status_code in (302, 403)


def test_member_cannot_see_another_organisations_drafts(
    client, organisation, other_organisation, example_index, django_user_model
):
    from almenhub.examples.factories import example_create

    draft = example_create(
        example_index,
        title="Hemmelig kladde",
        organisation=other_organisation,
        live=False,
    )
    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    client.force_login(member)
    assert client.get(f"/eksempler/mine/{draft.pk}/rediger/").status_code == 404
    assert "Hemmelig kladde" not in client.get("/eksempler/mine/").content.decode()
    assert "Hemmelig kladde" not in client.get("/konto/").content.decode()
    assert client.get(draft.url or f"/eksempler/{draft.slug}/").status_code == 404


def test_delete_account_keeps_the_examples(
    client, organisation, example_index, django_user_model
):
    from almenhub.examples.factories import example_create
    from almenhub.examples.models import ExamplePage

    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    page = example_create(
        example_index, title="Vild eng", organisation=organisation, owner=member
    )
    page.save_revision(user=member)
    client.force_login(member)
    assert "Vild eng" in client.get("/konto/").content.decode()
    refused = client.post("/konto/slet/", {"password": "forkert"})
    assert refused.status_code == 400
    assert User.objects.filter(pk=member.pk).exists()
    response = client.post("/konto/slet/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email="ole@engen.dk").exists()
    kept = ExamplePage.objects.get(pk=page.pk)
    assert kept.organisation == organisation and kept.owner is None
    assert "_auth_user_id" not in client.session


def test_download_my_data(client, organisation, django_user_model):
    import json

    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    member.job_title = "Gartner"
    member.save()
    client.force_login(member)
    response = client.get("/konto/mine-data.json")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["konto"]["mail"] == "ole@engen.dk"
    assert data["konto"]["stilling"] == "Gartner"
    assert data["konto"]["organisation"] == organisation.name
    assert "følger" in data and "mødetilmeldinger" in data


def test_edit_details(client, organisation, django_user_model):
    member = _verified_member(django_user_model, "ole@engen.dk", organisation)
    client.force_login(member)
    client.post("/konto/oplysninger/", {"name": "Ole  Hansen", "job_title": "Gartner"})
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.job_title) == (
        "Ole",
        "Hansen",
        "Gartner",
    )
    empty = client.post("/konto/oplysninger/", {"name": "", "job_title": ""})
    assert "Navn: skriv dit for- og efternavn." in empty.content.decode()


def test_privacy_page(client, db):
    page = client.get("/privatliv/").content.decode()
    assert "7 dage" in page and "JSON" in page and "anonymiseres 6 måneder" in page
    assert '<html lang="da">' in page


def test_sign_up_form_lists_members_first_and_marked(
    client, organisation, other_organisation
):
    form = client.get("/konto/opret/").context["form"]
    labels = [label for _value, label in form.fields["organisation"].choices][1:]
    assert labels[0] == "Boligselskabet Engen (medlem)"
    assert "Anden Boligforening" in labels

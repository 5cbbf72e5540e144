"""The digest job, as a follower receives it: one mail with what is new in
what they follow, nothing when nothing is new, and a one-click unsubscribe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from almenhub.examples.factories import example_create
from almenhub.follows.digest import digest_run
from almenhub.follows.models import Follow, FollowKind
from almenhub.follows.services import follow_target
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def publish(index, organisation, title: str, theme: str):
    page = example_create(
        index, title=title, organisation=organisation, themes=[theme], live=False
    )
    page.save_revision().publish()
    return page


def member_follow(user, kind: str, target: str) -> Follow:
    found = follow_target(kind=kind, target=target)
    return Follow.objects.create(
        user=user,
        kind=found.kind,
        target=found.target,
        label=found.label,
        frequency="weekly",
        confirmed_at=timezone.now() - datetime.timedelta(minutes=5),
    )


def test_one_mail_with_the_three_matching_pages_then_nothing(
    member, organisation, example_index
):
    nature = Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)
    member_follow(member, FollowKind.THEME, nature.slug)
    member_follow(member, FollowKind.SEARCH, "q=regnvand&type=eksempel&side=3")
    other = (
        Theme.objects.filter(parent__isnull=False).exclude(pk=nature.pk).first().name
    )

    publish(example_index, organisation, "Vild eng bag blok 4", nature.name)
    # Matches both follows: shown once.
    publish(example_index, organisation, "Regnvand fra tagene i bede", nature.name)
    publish(example_index, organisation, "Regnvand i faskiner", other)
    publish(example_index, organisation, "Snerydning med el-fejemaskine", other)

    report = digest_run(frequency="weekly")
    assert report.mails_sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mette@engen.dk"]
    for title in (
        "Vild eng bag blok 4",
        "Regnvand fra tagene i bede",
        "Regnvand i faskiner",
    ):
        assert message.body.count(title) == 1, title
    assert "Snerydning" not in message.body
    html = message.alternatives[0][0]
    assert "Vild eng bag blok 4" in html and "Snerydning" not in html

    # A second run sends nothing: nothing is new since the first.
    assert digest_run(frequency="weekly").mails_sent == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert digest_run(frequency="weekly", now=later).mails_sent == 0
    assert len(mail.outbox) == 1

    # One click, no login, no CSRF token: the mail client's POST (RFC 8058).
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    url = re.fullmatch(
        r"<https?://[^/]+(/\S+)>", message.extra_headers["List-Unsubscribe"]
    )
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post(url.group(1), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(user=member).exists()


def test_tampered_unsubscribe_link_changes_nothing(member, client):
    member_follow(member, FollowKind.NEWS, "")
    response = client.post("/foelg/afmeld/u:1:forfalsket/")
    assert response.status_code == 400
    assert Follow.objects.filter(user=member).exists()


def test_unpublished_and_unconfirmed_get_nothing(member, organisation, example_index):
    nature = Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)
    follow = member_follow(member, FollowKind.THEME, nature.slug)
    follow.confirmed_at = None
    follow.save()
    publish(example_index, organisation, "Vild eng bag blok 4", nature.name)
    assert digest_run(frequency="weekly").mails_sent == 0
    assert mail.outbox == []


def test_a_long_section_lists_the_newest_and_links_to_the_rest(
    member, organisation, example_index, monkeypatch
):
    monkeypatch.setattr("almenhub.follows.digest.ITEMS_PER_SECTION", 2)
    nature = Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)
    member_follow(member, FollowKind.THEME, nature.slug)
    for title in ("Første eng", "Anden eng", "Tredje eng"):
        publish(example_index, organisation, title, nature.name)
    digest_run(frequency="weekly")
    (message,) = mail.outbox
    assert "Tredje eng" in message.body and "Anden eng" in message.body
    assert "Første eng" not in message.body
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert f"og 1 mere: {base}/tema/{nature.slug}/" in message.body
    assert message.subject == f"almenhub: nyt i Tema: {nature.name}"


def test_the_scheduler_runs_the_digest_and_the_pruning(
    member, organisation, example_index
):
    from django.core.management import call_command

    from almenhub.worker.scheduling import jobs

    names = set(jobs())
    assert {"follows.digests_send", "follows.unconfirmed_prune"} <= names
    nature = Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)
    member_follow(member, FollowKind.THEME, nature.slug)
    publish(example_index, organisation, "Vild eng bag blok 4", nature.name)
    call_command("run_scheduler", once=True)
    assert [m.to for m in mail.outbox] == [["mette@engen.dk"]]

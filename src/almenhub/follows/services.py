"""Writes for follows: what may be followed, following with and without an
account (double opt-in), confirming and unsubscribing by signed links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from almenhub.core import ratelimit
from almenhub.core.links import site_url
from almenhub.core.ratelimit import Rate
from almenhub.follows.models import Follow, FollowKind, Frequency
from almenhub.news.models import NewsIndexPage
from almenhub.organisations.models import Organisation
from almenhub.search.engines.base import SearchFilters
from almenhub.search.facets import FACET_PARAMS, FACETS, QUERY_PARAM
from almenhub.search.forms import SearchForm
from almenhub.search.links import search_url
from almenhub.taxonomy.models import Theme
from almenhub.worker.mail import mail_send

if TYPE_CHECKING:
    from almenhub.users.models import User

CONFIRM_SALT = "almenhub.follows.confirm"
RECIPIENT_SALT = "almenhub.follows.recipient"
UNCONFIRMED_DAYS = 7
# The parameters of /soeg/ that make a saved search; the page number and the
# sort order only change how the same hits are shown.
SAVED_SEARCH_PARAMS = (QUERY_PARAM, *FACET_PARAMS)
# A confirmation mail goes to an address someone typed: few per address.
CONFIRMATIONS_PER_EMAIL = Rate(scope="follows:confirm-email", limit=5, seconds=3600)
FOLLOWS_PER_CLIENT = Rate(scope="follows:client", limit=30, seconds=3600)


@dataclass(frozen=True)
class Target:
    kind: str
    target: str
    label: str
    url: str


def saved_search_query(params: QueryDict | dict) -> str:
    """The saved search's canonical query string: its own parameters only,
    in one order, empty ones dropped."""
    pairs = [(k, str(params.get(k, "")).strip()) for k in SAVED_SEARCH_PARAMS]
    return urlencode([(k, v) for k, v in pairs if v])


def follow_target(*, kind: str, target: str) -> Target:
    """What `kind` + `target` names, checked; ValidationError in Danish when
    it names nothing that can be followed."""
    if kind == FollowKind.THEME:
        theme = Theme.objects.filter(slug=target).select_related("parent").first()
        if theme is None:
            raise ValidationError(f"Temaet “{target[:60]}” findes ikke.")
        return Target(kind, theme.slug, f"Tema: {theme.name}", theme.get_absolute_url())
    if kind in (FollowKind.PROGRAMME, FollowKind.ORGANISATION):
        if not (target.isascii() and target.isdigit() and len(target) < 12):
            raise ValidationError("Vælg et program eller en organisation fra siden.")
        if kind == FollowKind.PROGRAMME:
            page = Page.objects.live().public().filter(pk=int(target)).first()
            if page is None or page.specific_class.__name__ != "ProgrammePage":
                raise ValidationError("Programmet findes ikke.")
            return Target(kind, target, f"Program: {page.title}", page.url or "/")
        organisation = Organisation.objects.filter(pk=int(target)).first()
        if organisation is None:
            raise ValidationError("Organisationen findes ikke.")
        return Target(
            kind,
            target,
            f"Organisation: {organisation.name}",
            search_url(ejer=target),
        )
    if kind == FollowKind.SEARCH:
        query = saved_search_query(QueryDict(target))
        if not query:
            raise ValidationError(
                "Søg eller vælg et filter først; så kan du følge det."
            )
        form = SearchForm(QueryDict(query))
        text, filters, _sort, _page = form.cleaned()
        if form.messages:
            raise ValidationError(form.messages[0])
        return Target(
            kind,
            query,
            _search_label(text, filters),
            f"{reverse('search:search')}?{query}",
        )
    if kind == FollowKind.NEWS:
        index = NewsIndexPage.objects.live().first()
        url = (index.url if index is not None else None) or "/"
        return Target(kind, "", "Nyhedsbrev: nyheder fra almenhub", url)
    raise ValidationError("Det kan ikke følges.")


def _search_label(text: str, filters: SearchFilters) -> str:
    """A saved search in words: its text and each filter as the search page's
    facet names it."""
    parts = [f"“{text}”"] if text else []
    for spec in FACETS:
        value = getattr(filters, spec.attr)
        if value in ("", None):
            continue
        value = str(value)
        label, _parent = spec.labels([value]).get(value, (value, ""))
        parts.append(label)
    return f"Søgning: {', '.join(parts)}"[:300]


def recipient_token(recipient_key: str) -> str:
    """The signed name of a digest's recipient, for its unsubscribe and
    manage links. It does not expire: a link in an old mail must still work."""
    return signing.dumps(recipient_key, salt=RECIPIENT_SALT, compress=True)


def recipient_from_token(token: str) -> str | None:
    try:
        return str(signing.loads(token, salt=RECIPIENT_SALT))
    except signing.BadSignature:
        return None


def recipient_follows(recipient_key: str) -> QuerySet[Follow]:
    kind, _, value = recipient_key.partition(":")
    if kind == "u" and value.isdigit():
        return Follow.objects.filter(user_id=int(value))
    if kind == "e" and value:
        return Follow.objects.filter(user__isnull=True, email=value)
    return Follow.objects.none()


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    mail_send(
        message=EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"follows/email/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
    )


def follow_create(
    *,
    target: Target,
    frequency: str,
    user: User | AnonymousUser | None = None,
    email: str = "",
    client: str = "",
) -> Follow | None:
    """Follow `target`. A member's follow is confirmed at once; an address
    gets a confirmation link (and the same answer whether or not it already
    follows, so the form tells nobody who follows what). Returns the
    member's follow, None for an address."""
    if frequency not in Frequency.values:
        raise ValidationError("Vælg dagligt eller ugentligt.")
    if client:
        with ratelimit.charged(rate=FOLLOWS_PER_CLIENT, key=client):
            pass
    if user is not None and user.is_authenticated:
        follow, _ = Follow.objects.update_or_create(
            user=user,
            kind=target.kind,
            target=target.target,
            defaults={
                "label": target.label,
                "frequency": frequency,
                "confirmed_at": timezone.now(),
            },
        )
        return follow
    email = email.strip().lower()
    with ratelimit.charged(rate=CONFIRMATIONS_PER_EMAIL, key=email):
        try:
            with transaction.atomic():
                follow, _ = Follow.objects.get_or_create(
                    user=None,
                    email=email,
                    kind=target.kind,
                    target=target.target,
                    defaults={"label": target.label, "frequency": frequency},
                )
        except IntegrityError:
            follow = Follow.objects.get(
                user=None, email=email, kind=target.kind, target=target.target
            )
        if follow.confirmed_at is None:
            follow.frequency = frequency
            follow.save(update_fields=["frequency"])
            _send(
                to=email,
                subject=f"almenhub: bekræft, at du vil følge {target.label}",
                template="confirm",
                context={
                    "follow": follow,
                    "url": site_url(
                        reverse("follows:confirm", args=[_confirm_token(follow)])
                    ),
                    "days": UNCONFIRMED_DAYS,
                },
            )
        else:
            _send(
                to=email,
                subject=f"almenhub: du følger allerede {target.label}",
                template="already",
                context={
                    "follow": follow,
                    "manage_url": site_url(
                        reverse(
                            "follows:manage",
                            args=[recipient_token(follow.recipient_key)],
                        )
                    ),
                },
            )
    return None


def _confirm_token(follow: Follow) -> str:
    return signing.dumps(follow.pk, salt=CONFIRM_SALT)


def follow_confirm(*, token: str) -> Follow | None:
    """Confirm the follow a link names, once; None when the link is tampered
    with, older than a week, or its follow is gone."""
    try:
        pk = signing.loads(
            token,
            salt=CONFIRM_SALT,
            max_age=datetime.timedelta(days=UNCONFIRMED_DAYS),
        )
    except signing.BadSignature:
        return None
    follow = Follow.objects.filter(pk=pk).first()
    if follow is not None and follow.confirmed_at is None:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
    return follow


def follows_unsubscribe(*, recipient_key: str, follow_id: int | None = None) -> int:
    """Stop one follow of the recipient, or all of them; how many stopped."""
    follows = recipient_follows(recipient_key)
    if follow_id is not None:
        follows = follows.filter(pk=follow_id)
    return follows.delete()[0]


def follow_frequency_set(*, recipient_key: str, follow_id: int, frequency: str) -> None:
    if frequency not in Frequency.values:
        raise ValidationError("Vælg dagligt eller ugentligt.")
    recipient_follows(recipient_key).filter(pk=follow_id).update(frequency=frequency)


def follows_prune_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Forget addresses that never confirmed within the week (the privacy
    page promises it)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    return Follow.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()[0]

from __future__ import annotations

from django.conf import settings
from django.db import models


class FollowKind(models.TextChoices):
    THEME = "theme", "Tema"
    PROGRAMME = "programme", "Program"
    ORGANISATION = "organisation", "Organisation"
    SEARCH = "search", "Søgning"
    NEWS = "news", "Nyhedsbrev"


class Frequency(models.TextChoices):
    DAILY = "daily", "Dagligt"
    WEEKLY = "weekly", "Ugentligt"


class Follow(models.Model):
    """A theme, programme, organisation, saved search or the news that a
    member or a confirmed e-mail address follows, for digests by e-mail.

    `target` names what is followed in the terms the search documents use
    (a theme slug, a programme's or organisation's id, a search's query
    string, empty for the news), so matching new pages is a lookup in
    the search's own table. A member's follow is confirmed at once (their
    address is verified); an address without an account confirms by a link,
    and is forgotten after a week if it never does.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name="bruger",
    )
    email = models.EmailField("mail", blank=True, db_index=True)
    kind = models.CharField("type", max_length=20, choices=FollowKind.choices)
    target = models.CharField("hvad", max_length=500, blank=True)
    label = models.CharField("navn", max_length=300)
    frequency = models.CharField(
        "hyppighed", max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    confirmed_at = models.DateTimeField("bekræftet", null=True, blank=True)
    # Pages changed up to this moment have been considered for a digest:
    # the next digest covers what changed after it.
    checked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "følg"
        verbose_name_plural = "følg"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "target"],
                condition=models.Q(user__isnull=False),
                name="follow_unique_per_user",
            ),
            models.UniqueConstraint(
                fields=["email", "kind", "target"],
                condition=models.Q(user__isnull=True),
                name="follow_unique_per_address",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_email}: {self.label}"

    @property
    def recipient_email(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def recipient_key(self) -> str:
        """Who gets the digest: one mail per member or address."""
        return f"u:{self.user_id}" if self.user_id else f"e:{self.email}"

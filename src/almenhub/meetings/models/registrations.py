"""Sign-ups for a meeting."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Tilmeldt"
    WAITLISTED = "waitlisted", "Venteliste"
    CANCELLED = "cancelled", "Afmeldt"


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Registration(models.Model):
    """A sign-up for a meeting.

    Name, e-mail, job title and dietary needs are personal data and are
    blanked when the registration is anonymised; the organisation's name,
    the status and the attendance stay, so the statistics per organisation
    survive. The organisation is kept as typed (plus an optional link),
    because most participants type it before any editor has curated it.
    """

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name="møde",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("navn", max_length=200)
    organisation_name = models.CharField("organisation", max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation (registreret)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_registrations",
    )
    email = models.EmailField("arbejdsmail", blank=True)
    job_title = models.CharField("stilling", max_length=200, blank=True)
    dietary_needs = models.TextField("hensyn til kost", blank=True)
    consent = models.BooleanField("samtykke", default=False)
    consent_text = models.TextField("samtykketekst", blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    created_at = models.DateTimeField("tilmeldt", default=timezone.now)
    promoted_at = models.DateTimeField("rykket op fra venteliste", null=True)
    cancelled_at = models.DateTimeField("afmeldt", null=True)
    # A waitlisted sign-up that is cancelled had no seat and no invitation:
    # its e-mail and the cancel page say so, and no CANCEL .ics is sent.
    cancelled_from_waitlist = models.BooleanField(
        "afmeldt fra venteliste", default=False
    )
    reminder_sent_at = models.DateTimeField("påmindelse sendt", null=True)
    held_notice_sent_at = models.DateTimeField(
        "besked om afholdt møde sendt", null=True
    )
    attended = models.BooleanField("fremmødt", null=True, default=None)
    anonymised_at = models.DateTimeField("anonymiseret", null=True)

    class Meta:
        verbose_name = "tilmelding"
        verbose_name_plural = "tilmeldinger"
        ordering = ["created_at", "pk"]
        constraints = [
            # A safety net under the service's own check: one active
            # registration per address per meeting (addresses are stored
            # lower-cased; anonymised ones are blank).
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=models.Q(status__in=["confirmed", "waitlisted"])
                & ~models.Q(email=""),
                name="registration_unique_active_email",
            )
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name or 'Anonymiseret'} – {self.organisation_name}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def attendance_label(self) -> str:
        if self.attended is None:
            return "Ikke registreret"
        return "Mødt" if self.attended else "Udeblevet"

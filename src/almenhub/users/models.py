from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """The hub's user. Custom from day one so member features can extend it.

    The organisation is optional: editors of the secretariat belong to none;
    staff of a member organisation belong to theirs, which decides what they
    may see and edit. A member joins it only through `membership_*` services
    (a verified address on one of its domains, an invitation, or approval).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    job_title = models.CharField("stilling", max_length=200, blank=True)
    is_organisation_contact = models.BooleanField(
        "organisationens kontaktperson",
        default=False,
        help_text=(
            "Kan invitere kolleger, godkende og fjerne organisationens medlemmer "
            "og give rollen videre."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "bruger"
        verbose_name_plural = "brugere"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email or self.get_username()


class MembershipStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Mailadressen er ikke bekræftet"
    WAITING = "waiting", "Afventer godkendelse"
    APPROVED = "approved", "Godkendt"
    REFUSED = "refused", "Afvist"


class MembershipRequest(models.Model):
    """A member's wish to join an organisation, from sign-up to decision.

    One per user: a sign-up asks for one organisation. It waits for the
    secretariat or the organisation's contact person only when neither the
    verified address's domain nor an invitation vouches for the member.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_request",
        verbose_name="bruger",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name="organisation",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.UNVERIFIED,
    )
    invited = models.BooleanField("inviteret", default=False)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    decided_at = models.DateTimeField("afgjort", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="afgjort af",
    )

    class Meta:
        verbose_name = "medlemsanmodning"
        verbose_name_plural = "medlemsanmodninger"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """The hub's user. Custom from day one so member features can extend it.

    The organisation is optional: editors of the secretariat belong to none;
    staff of a member organisation belong to theirs, which later decides what
    they may see and edit.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "bruger"
        verbose_name_plural = "brugere"

"""Form fields shared by the domain apps' public forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models

_DIGITS = re.compile(r"\s*-?[0-9]{1,30}\s*")


class _StorableKeyMixin:
    """Refuse a key the database cannot hold before the database is asked.

    Django's model choice fields pass "99999999999999999999999" straight to
    the query, and SQLite (or psycopg) raises OverflowError instead of
    finding nothing, so a hostile value became a server error rather than
    "choose from the list".
    """

    queryset: models.QuerySet
    to_field_name: str | None
    error_messages: dict[str, Any]

    def _key_range(self) -> tuple[int, int] | None:
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if not isinstance(field, models.IntegerField):
            return None
        return connection.ops.integer_field_range(field.get_internal_type())

    def _refuse_unstorable(self, value: Any) -> None:
        bounds = self._key_range()
        if bounds is None or value in self.empty_values:  # type: ignore[attr-defined]
            return
        text = str(value)
        low, high = bounds
        if not _DIGITS.fullmatch(text) or not (
            (low is None or int(text) >= low) and (high is None or int(text) <= high)
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": text[:40]},
            )


class ModelChoiceField(_StorableKeyMixin, forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        self._refuse_unstorable(value)
        return super().to_python(value)


class ModelMultipleChoiceField(_StorableKeyMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> models.QuerySet:
        if isinstance(value, list | tuple):
            for item in value:
                self._refuse_unstorable(item)
        return super()._check_values(value)


# -- the public forms' shared fields ---------------------------------------------

HONEYPOT_FIELD = "website"


def honeypot_field() -> forms.CharField:
    """A field that people never see (the template hides it in
    `<div class="honeypot" aria-hidden="true">`) and robots fill in. Declare it
    as `website = honeypot_field()` with `SpamCheck` among the form's bases."""
    return forms.CharField(
        label="Lad dette felt stå tomt",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class SpamCheck:
    data: Any

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


def email_field(*, label: str, help_text: str, named: str = "") -> forms.EmailField:
    """An e-mail field whose errors start with the field's name (`named`, or
    the label), as every message on the public forms does."""
    named = named or label
    return forms.EmailField(
        label=label,
        max_length=254,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": f"{named}: skriv din mailadresse.",
            "invalid": f"{named}: skriv en gyldig mailadresse, fx navn@firma.dk.",
        },
    )

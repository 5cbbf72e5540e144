from __future__ import annotations

from django import forms

from almenhub.core.forms import SpamCheck, email_field, honeypot_field
from almenhub.people.models import Person


class ContactForm(SpamCheck, forms.Form):
    """Write to the people behind a page. The honeypot and the signed time
    stamp keep robots out without a third party's captcha."""

    person = forms.TypedChoiceField(
        label="Til",
        coerce=int,
        error_messages={
            "required": "Til: vælg, hvem beskeden er til.",
            "invalid_choice": "Til: vælg en af kontaktpersonerne på listen.",
        },
    )
    name = forms.CharField(
        label="Dit navn",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Dit navn: skriv dit navn."},
    )
    email = email_field(
        label="Din mail",
        help_text="Svaret kommer hertil. Modtageren ser din mail, du ser ikke deres.",
    )
    message = forms.CharField(
        label="Besked",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Besked: skriv din besked.",
            "max_length": "Besked: højst %(limit_value)d tegn (du har %(show_value)d).",
        },
    )
    website = honeypot_field()
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, people: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["person"].choices = [
            (p.pk, f"{p.name}, {p.job_title}" if p.job_title else p.name)
            for p in people
        ]
        if len(people) == 1:
            self.fields["person"].initial = people[0].pk
            self.fields["person"].widget = forms.HiddenInput()

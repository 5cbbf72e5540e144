from __future__ import annotations

from django import forms

from almenhub.people.models import Person

HONEYPOT_FIELD = "website"


class ContactForm(forms.Form):
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
    email = forms.EmailField(
        label="Din mail",
        max_length=254,
        help_text="Svaret kommer hertil. Modtageren ser din mail, du ser ikke deres.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Din mail: skriv din mailadresse.",
            "invalid": "Din mail: skriv en gyldig mailadresse, fx navn@firma.dk.",
        },
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
    website = forms.CharField(
        label="Lad dette felt stå tomt",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
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

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

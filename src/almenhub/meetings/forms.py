from __future__ import annotations

from django import forms

from almenhub.core.forms import SpamCheck, email_field, honeypot_field
from almenhub.meetings.services import RegistrationInput


class RegistrationForm(SpamCheck, forms.Form):
    """The public sign-up form. The rules live in the service; the form only
    collects the input and shows the service's errors beside the fields."""

    name = forms.CharField(
        label="Navn",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Navn: skriv dit navn."},
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Fx din boligorganisation, kommune eller virksomhed.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": "Organisation: skriv navnet på din organisation."},
    )
    email = email_field(
        label="Arbejdsmail",
        help_text="Bekræftelsen og kalenderinvitationen sendes hertil.",
    )
    job_title = forms.CharField(
        label="Stilling",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    dietary_needs = forms.CharField(
        label="Hensyn til kost (valgfrit)",
        required=False,
        max_length=500,
        help_text="Fx vegetar, allergier.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label="Jeg giver samtykke",
        # The consent text is shown above the box as its own paragraph
        # (registration_form.html), not as Django's help text element.
        widget=forms.CheckboxInput(attrs={"aria-describedby": "samtykketekst"}),
        error_messages={
            "required": "Samtykke: du skal give samtykke for at blive tilmeldt."
        },
    )
    website = honeypot_field()

    def __init__(self, *args, consent_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            job_title=data.get("job_title", ""),
            dietary_needs=data.get("dietary_needs", ""),
            consent=bool(data.get("consent")),
        )


ATTENDANCE_CHOICES = {"attended": True, "no_show": False, "unknown": None}


class AttendanceForm(forms.Form):
    registration = forms.IntegerField()
    attendance = forms.ChoiceField(choices=[(key, key) for key in ATTENDANCE_CHOICES])

    @property
    def attended(self) -> bool | None:
        return ATTENDANCE_CHOICES[self.cleaned_data["attendance"]]

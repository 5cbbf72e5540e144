"""The public account forms: sign-up (allauth's, with the member's details),
details on My page, and the contact person's invitation."""

from __future__ import annotations

from allauth.account.forms import SignupForm
from django import forms

from almenhub.core.forms import ModelChoiceField
from almenhub.organisations.models import Organisation
from almenhub.users.services import invitation_read, membership_request_create


class OrganisationChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        if obj.is_member:
            return f"{obj.name} (medlem)"
        return obj.name


def name_field() -> forms.CharField:
    return forms.CharField(
        label="Navn",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Navn: skriv dit for- og efternavn."},
    )


def job_title_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label="Stilling",
        max_length=200,
        required=required,
        help_text="Fx driftschef eller ejendomsfunktionær.",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": "Stilling: skriv din stilling."},
    )


class MemberSignupForm(SignupForm):
    """allauth's sign-up (e-mail, password, enumeration-safe) plus who the
    member is. The organisation is only asked for here; the member joins it
    once the address is verified (users.services.membership_verified)."""

    name = name_field()
    job_title = job_title_field(required=True)
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Vælg din arbejdsplads",
        help_text=(
            "Foreningens medlemmer står først, markeret “medlem”. Er din mail på "
            "organisationens eget domæne, bliver du medlem, når du har bekræftet "
            "den; ellers godkender sekretariatet eller organisationens "
            "kontaktperson dig."
        ),
        error_messages={
            "required": "Organisation: vælg din arbejdsplads på listen.",
            "invalid_choice": "Organisation: vælg din arbejdsplads på listen.",
        },
    )
    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["name", "email", "job_title", "organisation", "password1"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members_first = sorted(
            Organisation.objects.only("pk", "name", "is_member"),
            key=lambda o: (not o.is_member, o.name.casefold()),
        )
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.fields["organisation"].choices = [("", "Vælg din arbejdsplads")] + [
            (o.pk, self.fields["organisation"].label_from_instance(o))
            for o in members_first
        ]
        self.fields["email"].label = "Arbejdsmail"
        self.fields["email"].help_text = (
            "Du får et link hertil, som bekræfter adressen. Kontoen virker først, "
            "når du har klikket på det."
        )
        self.fields["password1"].label = "Adgangskode"
        invitation = self.initial.get("invitation") or (
            self.data.get("invitation") if self.is_bound else ""
        )
        self.invited = invitation_read(invitation) if invitation else None
        if self.invited and not self.is_bound:
            self.initial.setdefault("organisation", self.invited[0].pk)
            self.initial.setdefault("email", self.invited[1])

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.data.get("invitation") and self.invited is None:
            self.add_error(
                None,
                "Invitationen er udløbet eller ugyldig. Du kan stadig oprette en "
                "konto; så godkender organisationen dig bagefter.",
            )
        return cleaned

    def signup(self, request, user) -> None:
        data = self.cleaned_data
        first, _, last = " ".join(data["name"].split()).partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        user.job_title = data["job_title"].strip()
        user.save(update_fields=["first_name", "last_name", "job_title"])
        invited = bool(
            self.invited
            and self.invited[0].pk == data["organisation"].pk
            and self.invited[1] == data["email"].lower()
        )
        membership_request_create(
            user=user, organisation=data["organisation"], invited=invited
        )


class DetailsForm(forms.Form):
    name = name_field()
    job_title = job_title_field(required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Kollegaens arbejdsmail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Mail: skriv kollegaens mailadresse.",
            "invalid": "Mail: skriv en gyldig mailadresse, fx navn@firma.dk.",
        },
    )

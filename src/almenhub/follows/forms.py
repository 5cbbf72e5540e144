from __future__ import annotations

from django import forms

from almenhub.follows.models import Frequency

HONEYPOT_FIELD = "website"


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(
        label="Hvor ofte vil du have en mail?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Hyppighed: vælg dagligt eller ugentligt."},
    )
    email = forms.EmailField(
        label="Din mail",
        max_length=254,
        help_text="Du får en mail med et link, som bekræfter, at du vil følge det.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Mail: skriv din mailadresse.",
            "invalid": "Mail: skriv en gyldig mailadresse, fx navn@firma.dk.",
        },
    )
    website = forms.CharField(
        label="Lad dette felt stå tomt",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, member: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if member:
            del self.fields["email"]
            del self.fields["website"]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

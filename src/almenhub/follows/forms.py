from __future__ import annotations

from django import forms

from almenhub.core.forms import SpamCheck, email_field, honeypot_field
from almenhub.follows.models import Frequency


class FollowForm(SpamCheck, forms.Form):
    frequency = forms.ChoiceField(
        label="Hvor ofte vil du have en mail?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Hyppighed: vælg dagligt eller ugentligt."},
    )
    email = email_field(
        label="Din mail",
        help_text="Du får en mail med et link, som bekræfter, at du vil følge det.",
        named="Mail",
    )
    website = honeypot_field()

    def __init__(self, *args, member: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if member:
            del self.fields["email"]
            del self.fields["website"]

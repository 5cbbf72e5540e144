"""The public form through which member staff submit and edit examples."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from almenhub.core.forms import ModelChoiceField, ModelMultipleChoiceField
from almenhub.examples.models import (
    MAX_LATITUDE,
    MAX_LONGITUDE,
    MIN_LATITUDE,
    MIN_LONGITUDE,
    ExamplePage,
    ExampleStatus,
    OperationsTask,
)
from almenhub.examples.services import (
    BuildingBlockInput,
    ExampleInput,
    ValueInput,
)
from almenhub.examples.text import richtext_to_text, text_to_richtext
from almenhub.indicators.models import Indicator, IndicatorValue
from almenhub.organisations.models import Department, Organisation
from almenhub.taxonomy.models import Theme

RICH_FIELDS = ("what_was_done", "results", "lessons")

_GROUPED_WITH_POINTS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")


class DanishDecimalField(forms.DecimalField):
    """A number typed the Danish way or the English way.

    “12,5” and “12.5” are both twelve and a half; “1.200,5” and “1 200,5”
    are twelve hundred and a half. “1.200” alone could be either, so it is
    refused with a message rather than guessed.
    """

    default_error_messages = {
        "ambiguous": "%(label)s: skriv tallet uden punktum som "
        "tusindtalsadskiller, fx 1200 eller 1,2."
    }

    def prepare_value(self, value: Any) -> Any:
        """Stored numbers are shown the Danish way, without trailing zeros:
        500.000 (five hundred, three decimals) must not read as half a
        million."""
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}" if value else "0"
            return text.replace(".", ",")
        return value

    def to_python(self, value: Any):
        if isinstance(value, str):
            text = value.strip().replace("\xa0", "").replace(" ", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            elif _GROUPED_WITH_POINTS.match(text):
                raise forms.ValidationError(
                    self.error_messages["ambiguous"],
                    code="ambiguous",
                    params={"label": self.label},
                )
            value = text
        return super().to_python(value)


class ThemeMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.full_name


class IndicatorChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.unit})"


def _coordinate(label: str, low, high, example: str) -> forms.DecimalField:
    low_text, high_text = (str(bound).replace(".", ",") for bound in (low, high))
    message = (
        f"{label}: skal ligge mellem {low_text} og {high_text} (inden for Danmark)."
    )
    return DanishDecimalField(
        label=label,
        required=False,
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(low, message), MaxValueValidator(high, message)],
        error_messages={
            "invalid": f"{label}: skriv et tal, fx {example}.",
            "max_decimal_places": f"{label}: højst 5 decimaler.",
            "max_digits": f"{label}: skriv et tal, fx {example}.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class ExampleForm(forms.Form):
    title = forms.CharField(
        label="Titel",
        max_length=255,
        error_messages={"required": "Titel: skriv en titel på eksemplet."},
    )
    teaser = forms.CharField(
        label="Kort resumé",
        help_text="To-tre linjer, der fortæller, hvad I gjorde og hvad det gav.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Kort resumé: skriv et par linjer om eksemplet."},
    )
    task = ModelChoiceField(
        label="Driftsopgave",
        help_text="Den faste opgave, I har ændret.",
        queryset=OperationsTask.objects.all(),
        empty_label="Vælg en opgave",
        error_messages={
            "required": "Driftsopgave: vælg den opgave, I har ændret.",
            "invalid_choice": "Driftsopgave: vælg en opgave fra listen.",
        },
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ExampleStatus.choices,
        initial=ExampleStatus.IN_PROGRESS,
    )
    themes = ThemeMultipleChoiceField(
        label="Temaer",
        queryset=Theme.objects.children()
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Temaer: vælg mindst ét tema.",
            "invalid_choice": "Temaer: vælg temaer fra listen.",
        },
    )
    department = ModelChoiceField(
        label="Afdeling",
        queryset=Department.objects.none(),
        required=False,
        empty_label="Hele boligorganisationen",
        error_messages={
            "invalid_choice": "Afdeling: vælg en af din organisations afdelinger."
        },
    )
    municipality = forms.CharField(label="Kommune", max_length=100, required=False)
    latitude = _coordinate("Breddegrad", MIN_LATITUDE, MAX_LATITUDE, "56,15674")
    longitude = _coordinate("Længdegrad", MIN_LONGITUDE, MAX_LONGITUDE, "10,21076")
    what_was_done = forms.CharField(
        label="Hvad gjorde I?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Adskil afsnit med en tom linje.",
        error_messages={"required": "Hvad gjorde I?: beskriv, hvad I gjorde."},
    )
    results = forms.CharField(
        label="Resultater", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lessons = forms.CharField(
        label="Erfaringer",
        help_text="Hvad ville I gøre anderledes? Hvad skal andre være opmærksomme på?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        page: ExamplePage | None = None,
        **kwargs: Any,
    ) -> None:
        if page is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_page(page)
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        )
        self.fields["department"].label_from_instance = lambda d: d.name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_lat = data.get("latitude") is not None
        has_lon = data.get("longitude") is not None
        if has_lat != has_lon and not self.has_error("latitude"):
            missing = "longitude" if has_lat else "latitude"
            self.add_error(
                missing,
                f"{self.fields[missing].label}: angiv både breddegrad og "
                "længdegrad, eller lad begge stå tomme.",
            )
        return data

    def rich_text(self, name: str) -> str:
        """The field as rich text; an unchanged text keeps an editor's markup."""
        if self.page is not None and name not in self.changed_data:
            return getattr(self.page, name)
        return text_to_richtext(self.cleaned_data[name])


def initial_from_page(page: ExamplePage) -> dict[str, Any]:
    return {
        "title": page.title,
        "teaser": page.teaser,
        "task": page.task_id,
        "status": page.status,
        "themes": [t.pk for t in page.themes.all()],
        "department": page.department_id,
        "municipality": page.municipality,
        "latitude": page.latitude,
        "longitude": page.longitude,
        **{name: richtext_to_text(getattr(page, name)) for name in RICH_FIELDS},
    }


class BuildingBlockForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200)
    description = forms.CharField(
        label="Beskrivelse", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = (
            "Byggesten, titel: skriv en titel, eller slet byggestenen."
        )
        self.fields["description"].error_messages["required"] = (
            "Byggesten, beskrivelse: beskriv byggestenen, så andre kan bruge den."
        )


class IndicatorValueForm(forms.ModelForm):
    """One indicator value. The model's `clean` checks the number against the
    indicator's unit and the period's order, as in the admin."""

    indicator = IndicatorChoiceField(
        label="Indikator",
        queryset=Indicator.objects.all(),
        empty_label="Vælg en indikator",
        error_messages={
            "required": "Indikator: vælg, hvad værdien måler.",
            "invalid_choice": "Indikator: vælg en indikator fra listen.",
        },
    )
    value = DanishDecimalField(
        label="Værdi",
        max_digits=16,
        decimal_places=3,
        help_text="Kun tallet; enheden følger indikatoren. Fx 1250 eller 12,5.",
        error_messages={
            "required": "Værdi: skriv et tal.",
            "invalid": "Værdi: skriv et tal, fx 1250 eller 12,5.",
            "max_digits": "Værdi: tallet er for stort.",
            "max_whole_digits": "Værdi: tallet er for stort.",
            "max_decimal_places": "Værdi: højst tre decimaler.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "value",
            "period_start",
            "period_end",
            "method",
            "source",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "period_start": {
                "required": "Periode fra: angiv en startdato.",
                "invalid": "Periode fra: skriv en dato, fx 2024-01-01.",
            },
            "period_end": {
                "required": "Periode til: angiv en slutdato.",
                "invalid": "Periode til: skriv en dato, fx 2024-12-31.",
            },
        }

    def to_input(self) -> ValueInput:
        data = self.cleaned_data
        return ValueInput(
            indicator=data["indicator"],
            value=data["value"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            method=data["method"],
            source=data.get("source", ""),
        )


BuildingBlockFormSet = forms.formset_factory(
    BuildingBlockForm, extra=1, can_delete=True, max_num=20, absolute_max=20
)
IndicatorValueFormSet = forms.formset_factory(
    IndicatorValueForm, extra=2, can_delete=True, max_num=30, absolute_max=30
)


def value_initial(page: ExamplePage) -> list[dict[str, Any]]:
    return [
        {
            "indicator": v.indicator_id,
            "value": v.value,
            "period_start": v.period_start,
            "period_end": v.period_end,
            "method": v.method,
            "source": v.source,
        }
        for v in sorted(page.values.all(), key=lambda v: (v.sort_order or 0, v.pk or 0))
    ]


def building_block_initial(page: ExamplePage) -> list[dict[str, Any]]:
    return [
        {"title": b.title, "description": b.description}
        for b in sorted(
            page.building_blocks.all(), key=lambda b: (b.sort_order or 0, b.pk or 0)
        )
    ]


def _kept(formset: forms.BaseFormSet) -> list[forms.Form]:
    """Rows to save: the existing ones and the filled-in new ones, less those
    marked for deletion."""
    return [
        form
        for i, form in enumerate(formset.forms)
        if (i < formset.initial_form_count() or form.has_changed())
        and not form.cleaned_data.get("DELETE")
    ]


def example_input(
    form: ExampleForm,
    blocks: forms.BaseFormSet,
    values: forms.BaseFormSet,
) -> ExampleInput:
    """The validated form and formsets, as the service takes them."""
    data = form.cleaned_data
    return ExampleInput(
        title=data["title"],
        teaser=data["teaser"],
        task=data["task"],
        status=data["status"],
        themes=list(data["themes"]),
        department=data.get("department"),
        municipality=data.get("municipality", ""),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        what_was_done=form.rich_text("what_was_done"),
        results=form.rich_text("results"),
        lessons=form.rich_text("lessons"),
        building_blocks=[
            BuildingBlockInput(
                title=f.cleaned_data["title"],
                description=f.cleaned_data["description"],
            )
            for f in _kept(blocks)
        ],
        values=[f.to_input() for f in _kept(values)],
    )

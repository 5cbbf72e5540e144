from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from almenhub.core.forms import ModelChoiceField
from almenhub.indicators.models import Indicator, example_page_model
from almenhub.indicators.selectors import ValueFilters, bottom_line_choices, value_years
from almenhub.organisations.models import Organisation
from almenhub.taxonomy.models import Theme

# The examples app builds on this one (see example_page_model).
ExamplePage = example_page_model()
OperationsTask = ExamplePage._meta.get_field("task").related_model


@dataclass(frozen=True)
class SelectView:
    name: str
    id: str
    label: str
    options: list[tuple[str, str, bool]]
    invalid: bool

    @property
    def options_html(self) -> SafeString:
        # Every option went through format_html, so the whole is safe.
        return mark_safe(
            "".join(
                format_html(
                    '<option value="{}" selected>{}</option>'
                    if selected
                    else '<option value="{}">{}</option>',
                    value,
                    label,
                )
                for value, label, selected in self.options
            )
        )


class ThemeChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.full_name


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string.

    Field names are the Danish words in the address (?tema=…&aar=2024), so a
    filtered view is a link that can be shared.
    """

    tema = ThemeChoiceField(
        label="Tema",
        queryset=Theme.objects.select_related("parent").order_by(
            "parent__sort_order", "parent__name", "sort_order", "name"
        ),
        to_field_name="slug",
        required=False,
        empty_label="Alle temaer",
        error_messages={"invalid_choice": "Tema: det valgte tema findes ikke."},
    )
    bundlinje = forms.ChoiceField(
        label="Bundlinje",
        required=False,
        error_messages={
            "invalid_choice": "Bundlinje: vælg social, klima og miljø eller økonomi."
        },
    )
    aar = forms.TypedChoiceField(
        label="År",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": "År: der er ingen værdier for det valgte år."
        },
    )
    organisation = ModelChoiceField(
        label="Boligorganisation",
        # Only organisations with a published example: a draft's organisation
        # is not the public's to know.
        queryset=Organisation.objects.filter(
            Exists(ExamplePage.objects.live().filter(organisation=OuterRef("pk")))
        ),
        required=False,
        empty_label="Alle boligorganisationer",
        error_messages={
            "invalid_choice": "Boligorganisation: den valgte organisation findes ikke."
        },
    )
    opgave = ModelChoiceField(
        label="Driftsopgave",
        queryset=OperationsTask.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle driftsopgaver",
        error_messages={
            "invalid_choice": "Driftsopgave: den valgte opgave findes ikke."
        },
    )
    indikator = ModelChoiceField(
        label="Udvikling over tid for",
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Indikatoren med flest værdier",
        error_messages={"invalid_choice": "Indikator: den valgte findes ikke."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bundlinje"].choices = [("", "Alle bundlinjer")] + (
            bottom_line_choices()
        )
        years = value_years()
        year_choices = (
            [(str(y), str(y)) for y in range(years[1], years[0] - 1, -1)]
            if years
            else []
        )
        self.fields["aar"].choices = [("", "Alle år")] + year_choices

    def value_filters(self) -> ValueFilters:
        data = self.cleaned_data
        theme: Theme | None = data.get("tema")
        organisation = data.get("organisation")
        task = data.get("opgave")
        return ValueFilters(
            # A main theme includes its sub-themes (selectors.ValueFilters).
            theme_id=theme.pk if theme else None,
            bottom_line=data.get("bundlinje") or "",
            year=data.get("aar"),
            organisation_id=organisation.pk if organisation else None,
            task_id=task.pk if task else None,
        )

    def selects(self) -> list[SelectView]:
        """The filters as plain data for the template, which renders the
        options in one loop: Django's widgets render a template per option,
        the slowest part of the dashboard after its queries."""
        views = []
        for bound in self:
            current = "" if bound.value() is None else str(bound.value())
            options = [
                (str(value), str(label), str(value) == current)
                for value, label in bound.field.choices
            ]
            views.append(
                SelectView(
                    name=bound.html_name,
                    id=bound.auto_id,
                    label=str(bound.label),
                    options=options,
                    invalid=bool(bound.errors),
                )
            )
        return views

    def error_messages_flat(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]


class OrganisationFilterForm(DashboardFilterForm):
    """The dashboard's filters on an organisation's page: the organisation is
    the page's own, and the page has no time series to choose."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]
        del self.fields["indikator"]

    def value_filters(self) -> ValueFilters:
        self.cleaned_data.setdefault("organisation", None)
        return super().value_filters()

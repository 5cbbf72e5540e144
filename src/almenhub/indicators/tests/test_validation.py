"""Every kind of bad value is refused, with a Danish message naming the field."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from almenhub.examples.factories import indicator
from almenhub.examples.forms import IndicatorValueForm
from almenhub.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def model_errors(slug: str, value, start="2024-01-01", end="2024-12-31", **kw):
    item = IndicatorValue(
        indicator=indicator(slug),
        value=Decimal(str(value)),
        period_start=datetime.date.fromisoformat(start),
        period_end=datetime.date.fromisoformat(end),
        **kw,
    )
    with pytest.raises(ValidationError) as caught:
        item.full_clean(exclude=["page"])
    return caught.value.message_dict


def form_errors(**overrides) -> dict[str, list[str]]:
    data = {
        "indicator": str(indicator("plaene-til-eng").pk),
        "value": "1200",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "method": "measured",
        "source": "",
    }
    data.update(overrides)
    form = IndicatorValueForm(data)
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize("bad", ["100.5", "-1"])
def test_percent_outside_0_to_100(bad):
    errors = model_errors("tilfredshed-udearealer", bad)
    assert errors == {
        "value": ["Værdi: en procentdel skal ligge mellem 0 og 100 (enhed: %)."]
    }


def test_percent_bounds_are_allowed():
    for ok in ("0", "100"):
        IndicatorValue(
            indicator=indicator("tilfredshed-udearealer"),
            value=Decimal(ok),
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
        ).full_clean(exclude=["page"])


def test_negative_where_the_unit_has_no_negatives():
    errors = model_errors("plaene-til-eng", "-5")
    assert errors["value"] == [
        "Værdi: kan ikke være negativ for “Græsplæne omlagt til vild eng” (enhed: m²)."
    ]


def test_negative_saving_is_allowed_where_it_means_extra_cost():
    IndicatorValue(
        indicator=indicator("driftsudgifter-sparet"),
        value=Decimal("-12000"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    ).full_clean(exclude=["page"])


def test_count_must_be_whole():
    errors = model_errors("unge-i-fritidsjob", "2.5")
    assert errors["value"] == ["Værdi: skal være et helt tal (enhed: antal unge)."]


def test_period_must_be_in_order():
    errors = model_errors("plaene-til-eng", 10, start="2024-06-01", end="2024-05-31")
    assert errors == {
        "period_end": [
            "Periode til: slutdatoen skal ligge på eller efter startdatoen "
            "(01.06.2024)."
        ]
    }


def test_period_year_must_be_plausible():
    errors = model_errors("plaene-til-eng", 10, start="1890-01-01", end="1890-12-31")
    assert errors["period_start"] == [
        "Periode fra: året skal ligge mellem 1990 og 2100."
    ]
    assert errors["period_end"] == ["Periode til: året skal ligge mellem 1990 og 2100."]


def test_unknown_method_is_refused():
    errors = model_errors("plaene-til-eng", 10, method="guess")
    assert list(errors) == ["method"]


def test_form_refuses_text_as_number():
    assert form_errors(value="mange")["value"] == [
        "Værdi: skriv et tal, fx 1250 eller 12,5."
    ]


def test_form_accepts_decimal_comma():
    form = IndicatorValueForm(
        {
            "indicator": str(indicator("co2e-undgaaet").pk),
            "value": "12,5",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "method": "estimated",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == Decimal("12.5")


def test_form_shows_model_validation_on_the_field():
    errors = form_errors(
        indicator=str(indicator("genanvendelsesprocent").pk), value="140"
    )
    assert errors["value"] == [
        "Værdi: en procentdel skal ligge mellem 0 og 100 (enhed: %)."
    ]
    errors = form_errors(period_start="2024-12-31", period_end="2024-01-01")
    assert errors["period_end"][0].startswith("Periode til: slutdatoen")


def test_form_requires_dates_and_indicator():
    errors = form_errors(indicator="", period_start="", period_end="nej")
    assert errors["indicator"] == ["Indikator: vælg, hvad værdien måler."]
    assert errors["period_start"] == ["Periode fra: angiv en startdato."]
    assert errors["period_end"] == ["Periode til: skriv en dato, fx 2024-12-31."]


def test_indicator_biodiversity_belongs_to_climate():
    item = Indicator(
        name="Fugle",
        slug="fugle",
        bottom_line="social",
        biodiversity=True,
        unit="antal arter",
        definition="Fuglearter set.",
    )
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "biodiversity" in caught.value.message_dict


def test_value_year_follows_period_end(example_index, orgs):
    from almenhub.examples.factories import example_create

    page = example_create(
        example_index,
        title="År",
        organisation=orgs[0],
        values=[("plaene-til-eng", 10, 2022)],
    )
    item = page.values.get()
    assert item.year == 2022
    item.period_start = datetime.date(2023, 11, 1)
    item.period_end = datetime.date(2024, 3, 31)
    item.save()
    item.refresh_from_db()
    assert item.year == 2024
    assert item.period_display == "01.11.2023–31.03.2024"

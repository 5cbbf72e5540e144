from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from almenhub.taxonomy.models import Theme
from almenhub.taxonomy.services import UnknownThemeError, theme_get_or_create_child

pytestmark = pytest.mark.django_db

EXPECTED = {
    "Drift og administration": {
        "Drift og vedligehold",
        "Økonomi og styring",
        "Digitalisering",
    },
    "Energi, klima og miljø": {
        "Natur og biodiversitet",
        "Energi og ressourcer",
        "Klimatilpasning",
    },
    "Beboere og fællesskab": {
        "Beboerdemokrati",
        "Tryghed og trivsel",
        "Beskæftigelse og uddannelse",
    },
    "Byggeri og renovering": {"Renovering", "Nybyggeri", "Tilgængelighed"},
}


def test_initial_taxonomy_has_four_parents_and_twelve_children():
    tree = {
        parent.name: {child.name for child in parent.children.all()}
        for parent in Theme.objects.parents()
    }
    assert tree == EXPECTED
    assert Theme.objects.children().count() == 12


def test_full_name_and_unique_slugs():
    theme = Theme.objects.get(name="Natur og biodiversitet")
    assert str(theme) == "Energi, klima og miljø › Natur og biodiversitet"
    slugs = list(Theme.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert Theme.objects.get(name="Økonomi og styring").slug == "oekonomi-og-styring"


def test_taxonomy_is_two_levels_deep():
    child = Theme.objects.get(name="Renovering")
    grandchild = Theme(name="Tagrenovering", parent=child)
    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()
    assert "parent" in error.value.message_dict


def test_unknown_child_is_created_under_its_parent():
    theme, created = theme_get_or_create_child(
        parent_name="energi, klima  og miljø", child_name="Vand og  regnvand"
    )
    assert created
    assert theme.parent.name == "Energi, klima og miljø"
    assert theme.name == "Vand og regnvand"
    again, created_again = theme_get_or_create_child(
        parent_name="Energi, klima og miljø", child_name="vand og regnvand"
    )
    assert again == theme and not created_again


def test_unknown_parent_is_refused():
    with pytest.raises(UnknownThemeError, match="Ukendt hovedtema"):
        theme_get_or_create_child(parent_name="Sport", child_name="Fodbold")

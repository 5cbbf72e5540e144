"""The editor's theme picker: checkboxes grouped under their main theme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from almenhub.taxonomy.models import Theme


class GroupedThemeCheckboxes(forms.CheckboxSelectMultiple):
    """One group per main theme, in the taxonomy's order.

    A group holds the main theme itself (for pages about the whole subject)
    and then its sub-themes, labelled by their own names, so an editor scans
    twelve short lists instead of one long list of "Parent › Child" labels.
    """

    template_name = "taxonomy/widgets/grouped_themes.html"

    class Media:
        css = {"all": ["taxonomy/theme-groups.css"]}

    def optgroups(
        self, name: str, value: list[str], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int]]:
        if not isinstance(self.choices, ModelChoiceIterator):
            return super().optgroups(name, value, attrs)
        themes = list(self.choices.queryset.select_related("parent"))
        children: dict[int, list[Theme]] = {}
        for theme in themes:
            if theme.parent_id is not None:
                children.setdefault(theme.parent_id, []).append(theme)
        mains = sorted(
            (t for t in themes if t.parent_id is None),
            key=lambda t: (t.sort_order, t.name),
        )
        chosen = {str(v) for v in value}
        groups = []
        for index, main in enumerate(mains):
            members = [main] + sorted(
                children.get(main.pk, []), key=lambda t: (t.sort_order, t.name)
            )
            options = [
                self.create_option(
                    name,
                    str(theme.pk),
                    f"{theme.name} (hele temaet)" if theme is main else theme.name,
                    str(theme.pk) in chosen,
                    index,
                    subindex=subindex,
                    attrs=attrs,
                )
                for subindex, theme in enumerate(members)
            ]
            groups.append((main.name, options, index))
        return groups

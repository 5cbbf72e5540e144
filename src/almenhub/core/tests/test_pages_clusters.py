"""modelcluster's child relations, kept per model (core/pages/clusters.py):
the same lists as modelcluster's own, in its place everywhere, and worked
out again when a model is registered."""

from __future__ import annotations

import sys

import modelcluster.models as cluster_models
import pytest
from django.apps import AppConfig, apps
from django.apps.registry import Apps
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Page, get_page_models, reference_index

from almenhub.core.pages import clusters


@pytest.mark.django_db  # a new page asks for its locale
def test_the_kept_relations_are_modelclusters_own_for_every_page_model():
    page_models = get_page_models()
    clusterable = [m for m in apps.get_models() if issubclass(m, ClusterableModel)]
    assert len(page_models) >= 10 and set(page_models) <= set(clusterable)
    with_children = 0
    for model in clusterable:
        for _ in range(2):  # worked out, then kept
            kept = clusters.child_relations(model)
            assert kept == clusters.own_child_relations(model), model
            assert clusters.child_m2m_relations(
                model
            ) == clusters.own_child_m2m_relations(model)
        with_children += bool(kept)
    assert with_children >= 5
    # An instance gives its class's; each caller gets a list of its own.
    page = Page(title="x")
    first = clusters.child_relations(page)
    assert first == clusters.own_child_relations(Page)
    first.clear()
    assert clusters.child_relations(Page) == clusters.own_child_relations(Page)


def test_they_replace_modelclusters_own_everywhere():
    assert cluster_models.get_all_child_relations is clusters.child_relations
    assert cluster_models.get_all_child_m2m_relations is clusters.child_m2m_relations
    assert reference_index.get_all_child_relations is clusters.child_relations
    left = [
        name
        for name, module in list(sys.modules.items())
        for attr in ("get_all_child_relations", "get_all_child_m2m_relations")
        if getattr(module, "__dict__", {}).get(attr)
        in (clusters.own_child_relations, clusters.own_child_m2m_relations)
        and name != clusters.__name__
    ]
    assert left == []


def test_a_model_registered_later_is_among_the_relations():
    """A ParentalKey to a model, registered after its relations were kept,
    renews Django's list of the model's fields, and so the relations."""

    class Config(AppConfig):
        label = "clusters_test"

    # A registry of its own, so that the models stay out of the hub's.
    registry = Apps(installed_apps=[Config(__name__, sys.modules[__name__])])
    assert registry.ready

    class Meta:
        app_label = "clusters_test"
        apps = registry

    parent = type(
        "Parent",
        (ClusterableModel,),
        {"__module__": __name__, "Meta": Meta},
    )
    assert clusters.child_relations(parent) == []
    assert clusters.child_m2m_relations(parent) == []
    type(
        "Child",
        (models.Model,),
        {
            "__module__": __name__,
            "Meta": Meta,
            "parent": ParentalKey(
                parent, on_delete=models.CASCADE, related_name="kids"
            ),
        },
    )
    type(
        "Tagged",
        (ClusterableModel,),
        {
            "__module__": __name__,
            "Meta": Meta,
            "parents": ParentalManyToManyField(parent, related_name="tagged"),
        },
    )
    kept = clusters.child_relations(parent)
    assert [r.get_accessor_name() for r in kept] == ["kids"]
    assert kept == clusters.own_child_relations(parent)
    tagged = registry.get_model("clusters_test", "Tagged")
    assert [f.name for f in clusters.child_m2m_relations(tagged)] == ["parents"]

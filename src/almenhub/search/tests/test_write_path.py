"""Writing documents and vocabulary a batch at a time: rows as the builders
make them, counts raised by exactly what is new, objects left as they were."""

from __future__ import annotations

from collections import Counter

import pytest

from almenhub.people.models import Person
from almenhub.projects.models import ProjectContact
from almenhub.search.analysis import stem
from almenhub.search.models import SearchDocument, SearchTerm
from almenhub.search.services import (
    _count_terms,
    deferred_indexing,
    document_for,
    search_index_objects,
)

from .conftest import add_page

pytestmark = pytest.mark.django_db

SPECS = [
    {"title": "Skybrudssikring i gården", "body": "Regnvand og faskiner."},
    {"title": "Faskiner ved boligblokken", "body": "Regnvand ledes væk."},
    {"title": "Grønne tage", "body": "Sedum på carporte.", "contact": "Ida Holm"},
]


def count(word: str) -> int:
    return SearchTerm.objects.get(term=stem(word)).doc_count


def test_a_batch_writes_the_builders_rows_and_counts_each_term_once_per_document(
    programme,
):
    with deferred_indexing():
        pages = [add_page(programme, spec, f"w-{i}") for i, spec in enumerate(SPECS)]
        assert not SearchDocument.objects.exists()  # deferred to the end

    for page in pages:
        data = document_for(page)
        row = SearchDocument.objects.get(key=f"project:{page.pk}")
        assert (row.title, row.body, row.names, row.themes, row.url) == (
            data.title,
            data.body,
            data.names,
            data.themes,
            data.url,
        )
    assert count("regnvand") == 2
    assert count("faskiner") == 2
    assert count("sedum") == 1
    assert count("holm") == 1


def test_reindexing_updates_rows_in_place_and_counts_only_new_terms(programme):
    pages = [add_page(programme, spec, f"w-{i}") for i, spec in enumerate(SPECS)]
    before = {d.key: (d.pk, d.updated_at) for d in SearchDocument.objects.all()}
    terms_before = dict(SearchTerm.objects.values_list("term", "doc_count"))

    pages[0].teaser = "Regnbede."
    pages[0].save()
    search_index_objects(pages)

    after = {d.key: (d.pk, d.updated_at) for d in SearchDocument.objects.all()}
    assert after.keys() == before.keys()
    for key, (pk, updated_at) in after.items():
        assert pk == before[key][0]
        assert updated_at > before[key][1]
    assert SearchDocument.objects.get(key=f"project:{pages[0].pk}").teaser == (
        "Regnbede."
    )
    terms_after = dict(SearchTerm.objects.values_list("term", "doc_count"))
    assert terms_after.pop(stem("regnbede")) == 1
    assert terms_after == terms_before


def test_known_terms_are_raised_by_their_own_amounts():
    SearchTerm.objects.bulk_create(
        [SearchTerm(term="drift", doc_count=5), SearchTerm(term="beboer", doc_count=1)]
    )
    _count_terms(Counter({"drift": 2, "beboer": 3, "vaskeri": 1, "x" * 70: 1}))
    assert dict(SearchTerm.objects.values_list("term", "doc_count")) == {
        "drift": 7,
        "beboer": 4,
        "vaskeri": 1,
        "x" * 60: 1,
    }


def test_indexing_leaves_no_prefetched_relations_behind(programme):
    # Fresh from the database: the page the writer returns carries its
    # children in memory (modelcluster), which is the writer's, not indexing's.
    made = add_page(programme, SPECS[2], "w-2")
    page = type(made).objects.get(pk=made.pk)
    search_index_objects([page])
    assert "_prefetched_objects_cache" not in page.__dict__

    # What the caller reads afterwards is the database, not a stale copy.
    ProjectContact.objects.create(
        page=page, person=Person.objects.create(name="Bo Berg"), sort_order=1
    )
    assert [c.person.name for c in page.contacts.all()] == ["Ida Holm", "Bo Berg"]


def test_documents_for_a_batch_read_the_tree_once_and_hide_restricted_pages(
    programme, django_assert_max_num_queries
):
    from wagtail.models import Page, PageViewRestriction

    from almenhub.search.services import documents_for

    pages = [add_page(programme, spec, f"w-{i}") for i, spec in enumerate(SPECS)]
    PageViewRestriction.objects.create(
        page=pages[1], restriction_type=PageViewRestriction.LOGIN
    )
    # Read back from the database, as a rebuild does: no cached parents.
    fresh = [Page.objects.get(pk=p.pk).specific for p in pages]

    datas = documents_for(fresh)

    assert datas[1] is None  # behind a login
    assert [d.title for d in (datas[0], datas[2])] == [pages[0].title, pages[2].title]
    assert {d.programme for d in (datas[0], datas[2])} == {str(programme.pk)}
    assert datas[0].url == pages[0].get_url()
    # The tree is read once for the batch, not once per page: twice as many
    # pages cost no more queries than the relations they have themselves.
    more = fresh + [
        Page.objects.get(pk=add_page(programme, spec, f"m-{i}").pk).specific
        for i, spec in enumerate(SPECS)
    ]
    with django_assert_max_num_queries(3):
        from almenhub.search.builders import PageTree

        tree = PageTree.read(more)
    assert tree.is_restricted(more[1]) and not tree.is_restricted(more[4])
    assert {tree.parent(p)[:2] for p in more} == {(programme.pk, True)}

"""Guards on the Wagtail internals core/pages/references.py and
core/pages/indexing.py stand on: they fail when an upgrade changes them."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from modelsearch import index as wagtail_search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents.models import Document
from wagtail.models import Collection, ReferenceIndex
from wagtail.search.models import IndexEntry

from almenhub.core.pages import indexing
from almenhub.core.pages.indexing import (
    DeferredIndexes,
    reference_index_paused,
    references_deferred,
    wagtail_search_deferred,
    wagtail_search_paused,
)
from almenhub.core.pages.references import reference_index_update
from almenhub.core.tests.references import reference_rows

pytestmark = pytest.mark.django_db


def _rows(obj) -> set[tuple]:
    return set(
        ReferenceIndex.objects.filter(object_id=str(obj.pk)).values_list(
            "content_type_id",
            "base_content_type_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        )
    )


def _document(collection: Collection) -> Document:
    return Document.objects.create(
        title="Rapport",
        file=SimpleUploadedFile("rapport.txt", b"tekst"),
        collection=collection,
    )


def test_private_helpers_the_batch_update_uses_still_exist():
    assert callable(ReferenceIndex._extract_references_from_object)
    assert callable(ReferenceIndex._get_content_path_hash)
    assert ReferenceIndex.is_indexed(Document)


def test_batch_update_writes_the_rows_wagtails_own_update_writes():
    root = Collection.get_first_root_node()
    first = root.add_child(name="Første")
    second = root.add_child(name="Anden")
    documents = [_document(first), _document(second)]

    for doc in documents:
        ReferenceIndex.create_or_update_for_object(doc)
    wagtails = {doc.pk: _rows(doc) for doc in documents}
    assert all(wagtails.values()), "Wagtail no longer indexes a document's collection"

    ReferenceIndex.objects.all().delete()
    reference_index_update(documents)
    assert {doc.pk: _rows(doc) for doc in documents} == wagtails

    # A changed reference replaces the stale row, as Wagtail's update does.
    documents[0].collection = second
    documents[0].save()
    reference_index_update([documents[0]])
    batched = _rows(documents[0])
    ReferenceIndex.objects.all().delete()
    ReferenceIndex.create_or_update_for_object(documents[0])
    assert batched == _rows(documents[0])
    assert {r[3] for r in batched} == {str(second.pk)}


def test_search_pause_disconnects_and_restores_the_save_handler():
    models = list(wagtail_search_index.get_indexed_models())
    assert Document in models

    def connected() -> bool:
        # disconnect() tells whether the handler was connected; put it back.
        was = post_save.disconnect(post_save_signal_handler, sender=Document)
        if was:
            post_save.connect(post_save_signal_handler, sender=Document)
        return was

    assert connected(), "modelsearch no longer indexes through post_save"
    with wagtail_search_paused():
        assert not post_save.disconnect(post_save_signal_handler, sender=Document)
    assert connected()


def test_deferred_indexes_write_references_once_per_flush():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Samling")
    documents = [_document(collection) for _ in range(3)]
    ReferenceIndex.objects.all().delete()
    indexes = DeferredIndexes(wagtail_search=False)
    indexes.note(changed=documents[:2], shared=[documents[2]])
    indexes.note(changed=[], shared=[documents[2]])
    indexes.flush()
    assert all(_rows(doc) for doc in documents)
    ReferenceIndex.objects.all().delete()
    indexes.note(changed=[], shared=[documents[2]])  # shared: once per run
    indexes.flush()
    assert not _rows(documents[2])


def _entries(objects) -> dict[str, tuple]:
    """The objects' entries in Wagtail's search, by primary key. The entries
    of their own class alone: another class's object with the same key (a
    page) has an entry of its own."""
    (model,) = {type(o) for o in objects}
    return {
        e.object_id: (e.title, e.autocomplete, e.body)
        for e in IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(o.pk) for o in objects],
        )
    }


def test_a_flush_writes_wagtails_search_entries_reading_each_field_once(monkeypatch):
    """Wagtail's database backends read every search field once for each
    column they fill; DeferredIndexes.flush reads it once (the stream
    fields' text is most of an import's search indexing). The entries are
    the ones Wagtail's own indexing writes."""
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Samling")
    documents = [_document(collection) for _ in range(2)]
    documents[1].title = "Vejledning om græsslåning"
    documents[1].save()
    tags = wagtail_search_index.RelatedFields
    assert any(isinstance(f, tags) for f in Document.get_search_fields())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Document, documents)
    wagtails = _entries(documents)
    assert set(wagtails) == {str(d.pk) for d in documents}
    # (Text on SQLite, a tsvector on PostgreSQL.)
    assert "græsslåning" in wagtails[str(documents[1].pk)][0]
    IndexEntry.objects.all().delete()

    reads: list[tuple[int, int]] = []
    unmemoised = indexing._unmemoised_get_value

    def counted(field, obj):
        reads.append((id(field), id(obj)))
        return unmemoised(field, obj)

    monkeypatch.setattr(indexing, "_unmemoised_get_value", counted)
    deferred = DeferredIndexes(wagtail_search=True)
    deferred.note(changed=documents)
    deferred.flush()

    assert _entries(documents) == wagtails
    assert reads, "Wagtail's search no longer reads fields through BaseField"
    assert len(reads) == len(set(reads)), "a search field was read twice"
    # Outside a flush, fields are read as Wagtail reads them (no memo).
    title = next(f for f in Document.get_search_fields() if f.field_name == "title")
    reads.clear()
    title.get_value(documents[0])
    title.get_value(documents[0])
    assert len(reads) == 2


def _wagtails_own(objects) -> list[tuple]:
    ReferenceIndex.objects.all().delete()
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)
    return reference_rows()


def test_deferred_references_are_written_once_at_the_end_as_wagtail_writes_them():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from almenhub.examples.factories import example_create, example_index
    from almenhub.examples.models import ExampleImage
    from almenhub.organisations.models import Organisation

    root = Collection.get_first_root_node()
    first, second = root.add_child(name="Første"), root.add_child(name="Anden")
    organisation = Organisation.objects.create(name="Boligselskabet Syd")
    index = example_index()
    gone = _document(first)
    ReferenceIndex.objects.all().delete()
    ReferenceIndex.create_or_update_for_object(gone)
    written = reference_rows()
    assert written
    with references_deferred():
        kept = _document(first)
        image = Image.objects.create(title="Eng", file=get_test_image_file())
        example = example_create(index, title="Slåning", organisation=organisation)
        example.save_revision().publish()
        with references_deferred(), reference_index_paused():
            # Nested blocks (an import's pause inside the demo's) join this one.
            kept.collection = second
            kept.save()
        with reference_index_paused():
            pass
        # An inline child saved on its own changes its page's references.
        ExampleImage.objects.create(page=example, image=image, alt_text="Eng")
        assert reference_rows() == written, "written before the end"
        gone.delete()  # its rows go at once, as without the block
        assert reference_rows() == []
    deferred = reference_rows()
    documents = ContentType.objects.get_for_model(Document).pk
    example.refresh_from_db()
    objects = [kept, image, example.specific, index, organisation]
    assert deferred == _wagtails_own(objects)

    def targets(document) -> set[str]:
        key = (documents, documents, str(document.pk))
        return {r[4] for r in reference_rows() if r[:3] == key}

    assert targets(kept) == {str(second.pk)}
    images = ContentType.objects.get_for_model(Image).pk
    assert (images, str(image.pk)) in {r[3:5] for r in deferred}, "the child's image"

    # Outside a block Wagtail updates on each save again.
    kept.collection = first
    kept.save()
    assert targets(kept) == {str(first.pk)}


def _search_rows() -> list[tuple]:
    return sorted(
        IndexEntry.objects.values_list(
            "content_type_id", "object_id", "title", "autocomplete", "body"
        )
    )


def test_deferred_wagtail_search_indexes_once_at_the_end_as_wagtail_does(
    monkeypatch,
):
    """The demo's load indexes Wagtail's search once per object at the end
    (wagtail_search_deferred): the entries are the ones Wagtail's own save
    handler writes, for the objects' last state, and none before the end."""
    from modelsearch.index import insert_or_update_object

    from almenhub.examples.factories import example_create, example_index
    from almenhub.organisations.models import Organisation

    root = Collection.get_first_root_node()
    collection = root.add_child(name="Samling")
    index = example_index()
    IndexEntry.objects.all().delete()
    batches: list[type] = []
    backend_class = type(next(iter(get_search_backends(with_auto_update=True))))
    add_bulk = backend_class.add_bulk

    def counted(backend, model, objects):
        batches.append(model)
        return add_bulk(backend, model, objects)

    monkeypatch.setattr(backend_class, "add_bulk", counted)
    with wagtail_search_deferred():
        kept = _document(collection)
        kept.title = "Vejledning om græsslåning"
        kept.save()
        gone = _document(collection)
        organisation = Organisation.objects.create(name="Boligselskabet Syd")
        example = example_create(index, title="Slåning", organisation=organisation)
        example.save_revision().publish()  # several saves of one page
        with wagtail_search_deferred():  # a nested block joins this one
            example.title = "Slåning af græs"
            example.save_revision().publish()
        draft = example_create(index, title="Kladde", organisation=organisation)
        gone.delete()
        assert _search_rows() == [], "written before the end"
        assert not post_save.disconnect(post_save_signal_handler, sender=Document)
    deferred = _search_rows()
    assert batches and len(batches) == len(set(batches)), "one batch per class"
    example.refresh_from_db()
    objects = [kept, organisation, example.specific, draft]
    IndexEntry.objects.all().delete()
    for obj in objects:
        insert_or_update_object(obj)
    assert deferred == _search_rows()
    titles = {row[2] for row in deferred}
    assert any("græs" in str(title) for title in titles)
    # Outside a block Wagtail indexes on each save again.
    kept.title = "Vejledning om klipning"
    kept.save()
    assert _search_rows() != deferred
    IndexEntry.objects.all().delete()
    for obj in objects:
        insert_or_update_object(obj)
    assert _search_rows() != deferred  # (the entry follows the new title)

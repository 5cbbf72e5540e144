from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from almenhub.search.analysis import words

MAX_EXPRESSION = 100  # characters in one expression of a synonym group


class SearchDocument(models.Model):
    """One searchable item as both engines see it, and as hits are shown.

    This table is the search's source of truth: the embedded index and the
    PostgreSQL text vector are rebuilt from it, and a page of hits is
    rendered from it with one query instead of loading each page.
    """

    key = models.CharField(max_length=80, unique=True)  # "<kind>:<pk>"
    kind = models.CharField(max_length=20, db_index=True)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=500)
    title_folded = models.CharField(max_length=500, db_index=True)
    teaser = models.TextField(blank=True)
    body = models.TextField(blank=True)
    names = models.TextField(blank=True)  # people and organisations named on it
    # Theme labels, operations task, programme and series names (see
    # DocumentData.context).
    context = models.TextField(blank=True, default="")
    # The index terms of its compounds' parts, as it was indexed with them
    # (see search.documents): what it counts in the vocabulary.
    parts = models.TextField(blank=True, default="")
    themes = models.JSONField(default=list)  # theme slugs, both levels
    status = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    owner = models.CharField(max_length=20, blank=True)  # organisation pk
    owner_name = models.CharField(max_length=200, blank=True)
    programme = models.CharField(max_length=20, blank=True)  # programme page pk
    # The key of the document it is shown under in results (its project's).
    belongs_to = models.CharField(max_length=80, blank=True, default="")
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_searchdocument"
        verbose_name = "søgedokument"
        verbose_name_plural = "søgedokumenter"
        indexes = [models.Index(fields=["kind", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class TextVectorField(models.Field):
    """PostgreSQL's `tsvector`; plain text elsewhere, where it stays empty."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class FacetValues(models.Model):
    """The values a document is filtered and counted by."""

    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    owner = models.CharField(max_length=20, blank=True)
    programme = models.CharField(max_length=20, blank=True)
    themes = models.JSONField(default=list)

    class Meta:
        abstract = True


class PostgresDocument(FacetValues):
    """The PostgreSQL engine's index: one narrow row per document, holding the
    text vector and exactly what filtering, sorting and facet counts read.

    A query over a broad term touches tens of thousands of rows, so their
    width decides its speed: the display columns and the source text stay in
    `SearchDocument`, and the hits are joined to it only for the page shown.
    `facet_key` names the row's combination of facet values (a 64-bit hash,
    see `PostgresFacetCombination`), so that every facet is counted with one
    grouping on one integer. Empty, and unused, on other databases.
    """

    key = models.CharField(max_length=80, primary_key=True)
    tsv = TextVectorField(null=True)
    published_at = models.DateTimeField(null=True)
    facet_key = models.BigIntegerField()

    class Meta:
        db_table = "search_postgresdocument"
        verbose_name = "PostgreSQL-søgerække"
        verbose_name_plural = "PostgreSQL-søgerækker"

    def __str__(self) -> str:
        return self.key


class PostgresFacetCombination(FacetValues):
    """One combination of facet values that some document has, under the key
    that `PostgresDocument.facet_key` holds. A search counts its hits per
    key and reads the values here: a few thousand rows at the sector's
    scale, however many documents match."""

    facet_key = models.BigIntegerField(primary_key=True)

    class Meta:
        db_table = "search_postgresfacetcombination"
        verbose_name = "facetkombination"
        verbose_name_plural = "facetkombinationer"

    def __str__(self) -> str:
        return str(self.facet_key)


class SearchTerm(models.Model):
    """The vocabulary of the index (stemmed, folded terms) with how many
    documents hold each. Typo and compound handling look candidates up here,
    so that both engines expand a query the same way."""

    term = models.CharField(max_length=60, primary_key=True)
    doc_count = models.PositiveIntegerField(default=0)
    # Derived from the documents: writing it retires no cached page
    # (core/content.py).
    public_content = False

    class Meta:
        db_table = "search_searchterm"
        verbose_name = "søgeord"
        verbose_name_plural = "søgeord"

    def __str__(self) -> str:
        return self.term


class PendingIndexChange(models.Model):
    """An index change not yet applied: the outbox of the search.

    Written in the same transaction as the content it follows (an import's
    batch of pages), so that a crash after that commit cannot lose it, and
    deleted in the transaction that applies it (`search_outbox_drain`). What
    it names is read afresh when it is applied: the row says only which
    object to bring up to date, never what the document holds.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    public_content = False  # core/content.py

    class Meta:
        db_table = "search_pendingindexchange"
        verbose_name = "ventende indeksændring"
        verbose_name_plural = "ventende indeksændringer"

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SynonymGroup(models.Model):
    """Words and expressions the sector uses for the same thing ("LAR",
    "lokal afledning af regnvand"): a search for one finds pages that use
    another. Editors keep the list in the admin (Ordliste); the planner reads
    it for every query, so both engines apply a change at once and alike."""

    expressions = models.TextField(
        "ord og udtryk",
        help_text=(
            "Ét ord eller udtryk pr. linje, fx “LAR” og “lokal afledning af "
            "regnvand”. En søgning på ét af dem finder også sider med de "
            "andre. Store og små bogstaver er ligegyldige."
        ),
    )
    note = models.CharField(
        "note",
        max_length=300,
        blank=True,
        help_text="Hvorfor de hører sammen, til andre redaktører. Vises ikke.",
    )

    panels = [FieldPanel("expressions"), FieldPanel("note")]

    class Meta:
        db_table = "search_synonymgroup"
        verbose_name = "synonymgruppe"
        verbose_name_plural = "ordliste (synonymer og forkortelser)"
        ordering = ["expressions"]

    def __str__(self) -> str:
        return " = ".join(self.expression_list())

    def expression_list(self) -> list[str]:
        lines = (" ".join(line.split()) for line in self.expressions.splitlines())
        return [line for line in dict.fromkeys(lines) if line]

    def clean(self) -> None:
        expressions = self.expression_list()
        wordless = [e for e in expressions if not words(e)]
        if wordless:
            raise ValidationError(
                {"expressions": f"“{wordless[0]}” indeholder ingen ord at søge på."}
            )
        too_long = [e for e in expressions if len(e) > MAX_EXPRESSION]
        if too_long:
            raise ValidationError(
                {
                    "expressions": f"“{too_long[0][:40]}…” er for langt: højst "
                    f"{MAX_EXPRESSION} tegn pr. linje."
                }
            )
        if len({tuple(words(e)) for e in expressions}) < 2:
            raise ValidationError(
                {
                    "expressions": "Skriv mindst to forskellige ord eller udtryk, "
                    "ét pr. linje."
                }
            )


class SearchQueryWeek(models.Model):
    """How often a query was searched in one week, and how often it found
    nothing: what the editors' report (Rapporter › Søgeord) shows.

    Nothing here names a person: no address, no user, no session, no time
    finer than the week; the query as normalised (see insight.normalised),
    and a query that looks like personal data (an e-mail address, a phone or
    CPR number) is not kept at all.
    """

    week = models.DateField("uge (mandag)")
    query = models.CharField("søgning", max_length=100)
    searches = models.PositiveIntegerField("søgninger", default=0)
    zero_hit_searches = models.PositiveIntegerField("uden resultater", default=0)
    # Counting a search, or removing old weeks, retires no cached page.
    public_content = False

    class Meta:
        db_table = "search_searchqueryweek"
        verbose_name = "søgning pr. uge"
        verbose_name_plural = "søgninger pr. uge"
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="search_query_week")
        ]
        indexes = [models.Index(fields=["week", "-searches"])]

    def __str__(self) -> str:
        return f"{self.week:%G-W%V} {self.query}"

"""The content of a publication, read once from the database into plain data.

Both outputs, the Typst PDF and the HTML publication page, are made from
this one structure, so they cannot drift apart; and its JSON is what the
checksum covers, so "unchanged" means unchanged in everything either output
shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

from django.utils.html import strip_tags

from almenhub.examples.models import ExamplePage
from almenhub.indicators.formatting import danish_number
from almenhub.meetings.models import Contribution, MeetingPage
from almenhub.publishing.models import PublicationDraft

OTHER_THEME = "Øvrige eksempler"
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)


def html_paragraphs(value: str) -> list[str]:
    """Rich text as plain paragraphs: one per block, list items marked."""
    if not value:
        return []
    marked = _LIST_ITEM.sub("<li>• ", value)
    parts = _BLOCK_END.split(marked)
    paragraphs = []
    for part in parts[::2]:  # split() also returns the captured tag names
        text = " ".join(html.unescape(strip_tags(part or "")).split())
        if text:
            paragraphs.append(text)
    return paragraphs


def text_paragraphs(value: str) -> list[str]:
    """Plain text with blank lines between paragraphs."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


@dataclass(frozen=True)
class Quote:
    text: str
    author: str = ""
    role: str = ""


@dataclass(frozen=True)
class Fact:
    heading: str
    text: list[str]


@dataclass(frozen=True)
class BuildingBlock:
    title: str
    description: list[str]


@dataclass(frozen=True)
class ValueRow:
    indicator: str
    value: str
    unit: str
    period: str
    method: str


@dataclass(frozen=True)
class Contact:
    """Only what may be shown publicly: e-mail and phone only with consent."""

    name: str
    job_title: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ExampleContent:
    page_id: int
    title: str
    organisation: str
    department: str
    municipality: str
    task: str
    status: str
    teaser: str
    what_was_done: list[str]
    results: list[str]
    lessons: list[str]
    building_blocks: list[BuildingBlock]
    values: list[ValueRow]
    contacts: list[Contact]
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Chapter:
    title: str
    examples: list[ExampleContent]


@dataclass(frozen=True)
class PublicationContent:
    title: str
    subtitle: str
    series: str
    year: int | None
    date: str  # ISO date written into the document
    intro: list[str]
    quotes: list[Quote]
    facts: list[Fact]
    colophon: list[tuple[str, str]]
    chapters: list[Chapter]

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def example_count(self) -> int:
        return sum(len(c.examples) for c in self.chapters)


def draft_examples(draft: PublicationDraft) -> list[ExamplePage]:
    """The examples in the editor's order; with none chosen, those of the
    meeting series' contributions, highlights first, meeting by meeting."""
    chosen = [
        item.example
        for item in draft.chosen_examples.select_related("example").order_by(
            "sort_order", "pk"
        )
    ]
    if chosen or draft.meeting_series_id is None:
        return list(dict.fromkeys(chosen))
    return meeting_series_examples(draft.meeting_series)


def meeting_series_examples(series) -> list[ExamplePage]:
    """The examples a series' contributions presented: highlights first,
    then meeting by meeting in the order of the programme."""
    meetings = MeetingPage.objects.child_of(series)
    contributions = (
        Contribution.objects.filter(meeting__in=meetings)
        .prefetch_related("examples")
        .order_by("-is_highlight", "meeting__starts_at", "sort_order", "pk")
    )
    examples: list[ExamplePage] = []
    for contribution in contributions:
        examples += sorted(contribution.examples.all(), key=lambda e: e.title)
    return list(dict.fromkeys(examples))


def _chapter_title(example: ExamplePage) -> tuple[tuple[int, int, str], str]:
    """An example's chapter: its first theme's main theme."""
    themes = sorted(
        example.themes.all(),
        key=lambda t: (
            t.parent.sort_order if t.parent_id else t.sort_order,
            t.sort_order,
            t.name,
        ),
    )
    if not themes:
        return (1, 0, OTHER_THEME), OTHER_THEME
    main = themes[0].parent if themes[0].parent_id else themes[0]
    return (0, main.sort_order, main.name), main.name


def _period(start, end) -> str:
    if (
        start.year == end.year
        and start.month == 1
        and start.day == 1
        and (end.month == 12 and end.day == 31)
    ):
        return str(start.year)
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def _example_content(
    example: ExamplePage, quotes: list[Quote], facts: list[Fact]
) -> ExampleContent:
    values = sorted(example.values.all(), key=lambda v: (v.sort_order or 0, v.pk))
    contacts = [c.person for c in example.contacts.all() if c.person_id]
    return ExampleContent(
        page_id=example.pk,
        title=example.title,
        organisation=example.organisation.name if example.organisation_id else "",
        department=example.department.name if example.department_id else "",
        municipality=example.municipality,
        task=example.task.name if example.task_id else "",
        status=example.get_status_display(),
        teaser=" ".join(example.teaser.split()),
        what_was_done=html_paragraphs(example.what_was_done),
        results=html_paragraphs(example.results),
        lessons=html_paragraphs(example.lessons),
        building_blocks=[
            BuildingBlock(title=b.title, description=text_paragraphs(b.description))
            for b in sorted(
                example.building_blocks.all(), key=lambda b: (b.sort_order or 0, b.pk)
            )
        ],
        values=[
            ValueRow(
                indicator=v.indicator.name,
                value=danish_number(v.value),
                unit=v.indicator.unit,
                period=_period(v.period_start, v.period_end),
                method=v.get_method_display(),
            )
            for v in values
        ],
        contacts=[
            Contact(
                name=p.name,
                job_title=p.job_title,
                organisation=p.organisation.name if p.organisation_id else "",
                email=p.public_email,
                phone=p.phone_display,
            )
            for p in contacts
        ],
        quotes=quotes,
        facts=facts,
    )


def _colophon(draft: PublicationDraft) -> list[tuple[str, str]]:
    rows = [
        ("Titel", draft.title),
        ("Serie", draft.series.name if draft.series_id else ""),
        ("Udgivelsesår", str(draft.year) if draft.year else ""),
        ("Udarbejdet af", draft.prepared_by),
        ("Udarbejdet for", draft.prepared_for),
        ("Fotos", draft.photos),
        ("Layout", draft.layout),
        ("Støttet af", draft.funders),
        ("Rettigheder", draft.rights),
        ("ISBN", draft.isbn),
    ]
    return [(label, value) for label, value in rows if value]


def publication_content(*, draft: PublicationDraft) -> PublicationContent:
    examples = draft_examples(draft)
    # Only what is published goes into a publication: a member's submission
    # awaiting moderation, an unpublished example or a private one (behind a
    # password or for a group only) is left out.
    loaded = (
        ExamplePage.objects.live()
        .public()
        .filter(pk__in=[e.pk for e in examples])
        .select_related("organisation", "department", "task")
        .prefetch_related(
            "themes__parent",
            "building_blocks",
            "values__indicator",
            "contacts__person__organisation",
        )
        .in_bulk()
    )
    pks = [e.pk for e in examples if e.pk in loaded]
    quotes_by_example: dict[int | None, list[Quote]] = {}
    for q in draft.quotes.order_by("sort_order", "pk"):
        target = q.example_id if q.example_id in loaded else None
        quotes_by_example.setdefault(target, []).append(
            Quote(text=" ".join(q.text.split()), author=q.author, role=q.role)
        )
    facts_by_example: dict[int | None, list[Fact]] = {}
    for f in draft.facts.order_by("sort_order", "pk"):
        target = f.example_id if f.example_id in loaded else None
        facts_by_example.setdefault(target, []).append(
            Fact(heading=f.heading, text=text_paragraphs(f.text))
        )

    chapters: dict[str, list[ExampleContent]] = {}
    order: dict[str, tuple[int, int, str]] = {}
    first_seen: dict[str, int] = {}
    for position, pk in enumerate(pks):
        example = loaded[pk]
        key, title = _chapter_title(example)
        order.setdefault(title, key)
        first_seen.setdefault(title, position)
        chapters.setdefault(title, []).append(
            _example_content(
                example,
                quotes_by_example.get(pk, []),
                facts_by_example.get(pk, []),
            )
        )
    # Chapters follow the editor's order: the chapter of the first chosen
    # example comes first; "other examples" always last.
    titles = sorted(chapters, key=lambda t: (order[t][0], first_seen[t]))
    date = draft.document_date
    return PublicationContent(
        title=draft.title,
        subtitle=draft.subtitle,
        series=draft.series.name if draft.series_id else "",
        year=draft.year or date.year,
        date=date.isoformat(),
        intro=text_paragraphs(draft.intro),
        quotes=quotes_by_example.get(None, []),
        facts=facts_by_example.get(None, []),
        colophon=_colophon(draft),
        chapters=[Chapter(title=t, examples=chapters[t]) for t in titles],
    )

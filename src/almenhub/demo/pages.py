"""The demo's news, theme page and plain content pages (content/pages.toml),
written through the apps' factories; a page already there is left to its
editors, so a second load writes nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.models import Page

from almenhub.contentpages.factories import content_page_create
from almenhub.contentpages.models import ContentPage, MemberListPage
from almenhub.core.pages.tree import site_home
from almenhub.news.factories import news_create
from almenhub.news.models import NewsPage
from almenhub.news.services import news_index_get_or_create
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProjectPage
from almenhub.taxonomy.models import Theme
from almenhub.themepages.factories import section, theme_hub_create
from almenhub.themepages.models import ThemeHubPage
from almenhub.themepages.services import theme_hub_index_get_or_create

from .files import body_parts, data_read
from .images import CREDIT, scene_image


def article_body(text: str) -> list[tuple[str, Any]]:
    """`files.body_parts`, plus quotes: a block of "> " lines whose last line
    "— " names who said it."""
    stream: list[tuple[str, Any]] = []
    for block in (b.strip() for b in text.strip().split("\n\n")):
        if block.startswith("> "):
            lines = block.splitlines()
            said_by = (
                lines[-1].removeprefix("—").strip() if lines[-1].startswith("—") else ""
            )
            quote = [line.removeprefix("> ") for line in lines if line.startswith("> ")]
            stream.append(("quote", {"text": " ".join(quote), "attribution": said_by}))
            continue
        for part in body_parts(block):
            if part.kind == "heading":
                stream.append(("heading", part.text))
            elif part.kind == "list":
                items = "".join(f"<li>{item}</li>" for item in part.items)
                stream.append(("paragraph", f"<ul>{items}</ul>"))
            else:
                stream.append(("paragraph", f"<p>{part.text}</p>"))
    return stream


def _themes(slugs: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs).order_by("pk"))


def _pages_by_title(titles: list[str], model: type[Page] = Page) -> list[Page]:
    """The pages with these titles, in their order; a project and its report
    may share a title, so news ask for projects only."""
    found = {p.title: p for p in model.objects.filter(title__in=titles).specific()}
    return [found[t] for t in titles if t in found]


def members_mark(names: list[str]) -> int:
    return Organisation.objects.filter(name__in=names, is_member=False).update(
        is_member=True
    )


def news_load(rows: list[dict]) -> int:
    index = news_index_get_or_create()
    created = 0
    for row in rows:
        if NewsPage.objects.child_of(index).filter(title=row["title"]).exists():
            continue
        news_create(
            index=index,
            title=row["title"],
            date=row["date"],
            byline=row.get("byline", ""),
            teaser=row.get("teaser", ""),
            image=scene_image(row["title"]),
            image_credit=row.get("image_credit") or CREDIT,
            body=article_body(row.get("body", "")),
            themes=_themes(row.get("themes", [])),
            related_projects=_pages_by_title(row.get("projects", []), ProjectPage),
        )
        created += 1
    return created


def theme_pages_load(rows: list[dict]) -> int:
    index = theme_hub_index_get_or_create()
    created = 0
    for row in rows:
        if ThemeHubPage.objects.child_of(index).filter(slug=row["slug"]).exists():
            continue
        theme_hub_create(
            parent=index,
            title=row["title"],
            slug=row["slug"],
            teaser=row.get("teaser", ""),
            intro=f"<p>{row['intro']}</p>" if row.get("intro") else "",
            themes=_themes(row.get("themes", [])),
            sections=[
                section(
                    s["heading"],
                    s["kind"],
                    pages=_pages_by_title(s.get("pages", [])),
                    limit=s.get("limit", 6),
                )
                for s in row.get("section", [])
            ],
        )
        created += 1
    return created


def content_pages_load(rows: list[dict]) -> int:
    """Pages in file order; `parent` is the slug of a page above in the file."""
    home = site_home()
    by_slug: dict[str, Page] = {}
    created = 0
    for row in rows:
        parent = by_slug[row["parent"]] if row.get("parent") else home
        page = ContentPage.objects.child_of(parent).filter(slug=row["slug"]).first()
        if page is None:
            page = content_page_create(
                parent=parent,
                title=row["title"],
                slug=row["slug"],
                kind=row["kind"],
                teaser=row.get("teaser", ""),
                body=article_body(row.get("body", "")),
                themes=_themes(row.get("themes", [])),
            )
            created += 1
        by_slug[row["slug"]] = page
        if row.get("member_list") and not MemberListPage.objects.exists():
            members = MemberListPage(title=row["member_list"], slug="medlemmer")
            page.add_child(instance=members)
            members.save_revision().publish()
            created += 1
    return created


@transaction.atomic
def demo_pages_load() -> int:
    """Everything in pages.toml; the number of new pages."""
    data = data_read("pages")
    members_mark(data.get("members", []))
    return (
        news_load(data.get("news", []))
        + theme_pages_load(data.get("theme_page", []))
        + content_pages_load(data.get("page", []))
    )

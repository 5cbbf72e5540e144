from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from almenhub.core.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from almenhub.core.pages.imported import ImportedPageMixin
from almenhub.core.pages.visibility import public_pages
from almenhub.search.registry import SearchKind
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes

NEWS_PER_PAGE = 20


def _today() -> datetime.date:
    return timezone.localdate()


class NewsIndexPage(RoutablePageMixin, Page):
    """/nyheder/: every news article, newest first, and the year and month
    archives.

    The articles are its children, but their addresses carry their date
    (/nyheder/2024/05/<slug>/, the old site's scheme, so its links keep
    their shape); the index's routes resolve those addresses.
    """

    intro = RichTextField(
        "introduktion",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst under overskriften, over listen af nyheder.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Oversigtens overskrift, fx “Nyheder”; også navnet i "
                "hovedmenuen, når “vis i menuer” er markeret."
            ),
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    template = "news/news_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "nyhedsoversigt"

    def news(self) -> models.QuerySet[NewsPage]:
        return (
            public_pages(NewsPage.objects.child_of(self))
            .select_related("image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def archive_url(self, year: int, month: int | None = None) -> str:
        if month is None:
            return self.url + self.reverse_subpage("year", args=[year])
        return self.url + self.reverse_subpage("month", args=[year, f"{month:02d}"])

    def _listing(
        self,
        request: HttpRequest,
        news: models.QuerySet[NewsPage],
        *,
        year: int | None = None,
        month: int | None = None,
    ) -> HttpResponse:
        paginator = Paginator(news, NEWS_PER_PAGE)
        context = self.get_context(request)
        context.update(
            news=paginator.get_page(request.GET.get("side")),
            archive_year=year,
            archive_month=datetime.date(year, month, 1) if year and month else None,
            archive_years=self.archive_years(),
            archive_months=[
                (day, self.archive_url(day.year, day.month))
                for day in news.dates("date", "month", order="DESC")
            ]
            if year and not month
            else [],
        )
        return self.render(request, context_overrides=context)

    def archive_years(self) -> list[int]:
        return [d.year for d in self.news().dates("date", "year", order="DESC")]

    @path("", name="index")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        return self._listing(request, self.news())

    @path("<int:year>/", name="year")
    def year_route(self, request: HttpRequest, year: int) -> HttpResponse:
        news = self.news().filter(date__year=year)
        if not 1900 <= year <= 2100 or not news.exists():
            raise Http404("Der er ingen nyheder fra det år.")
        return self._listing(request, news, year=year)

    @path("<int:year>/<int:month>/", name="month")
    def month_route(self, request: HttpRequest, year: int, month: int) -> HttpResponse:
        if not (1900 <= year <= 2100 and 1 <= month <= 12):
            raise Http404("Den måned findes ikke.")
        news = self.news().filter(date__year=year, date__month=month)
        if not news.exists():
            raise Http404("Der er ingen nyheder fra den måned.")
        return self._listing(request, news, year=year, month=month)

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        # An article's own address: hand over to the article, so that Wagtail
        # serves it as the page it is (its view restrictions, its cache, its
        # own serve), not as a view of this index.
        if len(path_components) == 3:
            year, month, slug = path_components
            article = NewsPage.objects.child_of(self).filter(slug=slug).live().first()
            if (
                article is not None
                and f"{article.date:%Y}" == year
                and f"{article.date:%m}" == month
            ):
                return article.route(request, [])
        return super().route(request, path_components)

    @path("<int:year>/<int:month>/<slug:slug>/", name="article")
    def article_route(
        self, request: HttpRequest, year: int, month: int, slug: str
    ) -> HttpResponse:
        """An article's address with another date than the article's (its
        date changed since the link was made, or the month lacks its leading
        zero): to its address of today."""
        article = NewsPage.objects.child_of(self).filter(slug=slug).live().first()
        if article is None:
            raise Http404("Nyheden findes ikke.")
        return HttpResponsePermanentRedirect(article.get_url(request))

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        for day in self.news().dates("date", "month", order="DESC"):
            for archive in (
                self.reverse_subpage("year", args=[day.year]),
                self.reverse_subpage("month", args=[day.year, f"{day.month:02d}"]),
            ):
                entry = {"location": base + archive}
                if entry not in urls:
                    urls.append(entry)
        return urls


class NewsPage(ImportedPageMixin, Page):
    """A news article. Its address is /nyheder/<år>/<måned>/<slug>/ from its
    date, which the editor sets (the importer takes the old address's year
    and month when the article states no date)."""

    date = models.DateField(
        "dato",
        default=_today,
        db_index=True,
        help_text=(
            "Nyhedens dato. Vises over overskriften, bestemmer rækkefølgen "
            "(nyeste først) og adressen: /nyheder/år/måned/kortnavn/."
        ),
    )
    byline = models.CharField(
        "skribent",
        max_length=255,
        blank=True,
        help_text=(
            "Hvem har skrevet den, fx “Mette Jensen” eller “Mette Jensen for "
            "Boligselskabet Sjælland”. Vises som “Af …” under manchetten og "
            "som forfatter i nyhedsfeedet."
        ),
    )
    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "Det indledende afsnit, 1–3 sætninger. Vises under overskriften, "
            "i nyhedslisten, på forsiden og i søgeresultater."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name="brødtekst",
        blank=True,
        help_text="Nyhedens tekst med mellemrubrikker og citater.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="billede",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Vises øverst i nyheden og i nyhedslisten. Billedets titel bruges "
            "som alternativ tekst, så giv det en titel, der beskriver det."
        ),
    )
    image_credit = models.CharField(
        "fotokredit",
        max_length=255,
        blank=True,
        help_text="Fotografens navn, fx “Foto: Jens Hansen”. Vises under billedet.",
    )
    related_projects = ParentalManyToManyField(
        "projects.ProjectPage",
        verbose_name="relaterede projekter",
        blank=True,
        related_name="news",
        help_text=(
            "Projekter, nyheden handler om. Vises som links nederst i "
            "nyheden, mens de er udgivet."
        ),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        blank=True,
        related_name="news",
        help_text=(
            "Nyheden vises i temaernes nyhedsfeed og findes med temafilteret "
            "i søgningen."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Nyhedens overskrift. Vises øverst, i nyhedslisten og i søgeresultater."
            ),
        ),
        FieldRowPanel([FieldPanel("date"), FieldPanel("byline")]),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_credit")], heading="Billede"
        ),
        FieldPanel("body"),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
        FieldPanel("related_projects"),
    ]
    search_kind = SearchKind(
        kind="news",
        label="Nyhed",
        label_plural="Nyheder",
        slug="nyhed",
        position=6,
        themes="themes",
        year="year",
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "news/news_page.html"

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"
        ordering = ["-date"]

    @property
    def year(self) -> int:
        """The year a search document and the year facet show for it."""
        return self.date.year

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        parts = super().get_url_parts(request)
        if parts is None or not self.date:
            return parts
        site_id, root_url, page_path = parts
        # The parent's address, then the date: /nyheder/2024/05/<slug>/.
        parent_path = page_path[: -len(self.slug) - 1]
        return site_id, root_url, f"{parent_path}{self.date:%Y/%m}/{self.slug}/"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Reached by its tree address (/nyheder/<slug>/): to the dated one.
        parts = self.get_url_parts(request)
        if parts is not None and not request.path.endswith(parts[2]):
            return HttpResponsePermanentRedirect(self.get_url(request))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = self.themes.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        chosen = [project.pk for project in self.related_projects.all()]
        context["related_projects"] = public_pages(
            self.related_projects.model.objects.filter(pk__in=chosen)
        ).order_by("title")
        return context

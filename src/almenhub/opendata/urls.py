from django.urls import URLPattern, include, path, re_path
from django.views.generic import RedirectView

from almenhub.opendata import exports, feeds, sitemaps, views
from almenhub.opendata.api import api
from almenhub.opendata.http import open_data_view

app_name = "opendata"

# Answers that depend on the query rather than on a few well-known URLs are
# not worth a place in the cache.
UNCACHED = {"search"}


def _api_urlpatterns() -> list:
    """Ninja's URL patterns, each wrapped in the open-data HTTP behaviour,
    plus the index, the documentation and a JSON 404 for the rest."""
    patterns, _, _ = api.urls
    wrapped = []
    for pattern in patterns:
        callback = views.api_root if pattern.name == "api-root" else pattern.callback
        wrapped.append(
            URLPattern(
                pattern.pattern,
                open_data_view(callback, cache_responses=pattern.name not in UNCACHED),
                pattern.default_args,
                pattern.name,
            )
        )
    return [
        *wrapped,
        path("docs/", open_data_view(views.api_docs), name="docs"),
        re_path(r"^.*$", open_data_view(views.api_not_found), name="not-found"),
    ]


urlpatterns = [
    path("api/v1/", include((_api_urlpatterns(), "api-v1"))),
    path("api/", RedirectView.as_view(pattern_name="opendata:api-v1:docs"), name="api"),
    path("eksport/soeg.csv", exports.search_csv_view, name="export-csv"),
    path("eksport/soeg.json", exports.search_json_view, name="export-json"),
    path("feeds/rss/", feeds.LatestRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestAtom(), name="feed-atom"),
    path("feeds/nyheder/rss/", feeds.NewsRss(), name="news-feed-rss"),
    path("feeds/nyheder/atom/", feeds.NewsAtom(), name="news-feed-atom"),
    path("feeds/tema/<slug:slug>/rss/", feeds.LatestRss(), name="theme-feed-rss"),
    path("feeds/tema/<slug:slug>/atom/", feeds.LatestAtom(), name="theme-feed-atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]

"""schema.org JSON-LD for a page, a listing, a person or an organisation
(`metatags` puts it, with the Open Graph tags, in the page's <head>).

Project → Project, publication → Report, example → CreativeWork, meeting →
Event (with its place and its price as an Offer), news → NewsArticle, a
listing page (the news, a theme page, the members) → CollectionPage, an
about or contact page → AboutPage / ContactPage, the front page → WebSite,
every other page → WebPage; a person's or organisation's page → ProfilePage
with the Person or Organization as its main entity. Inside the things it owns,
wrote or presents, an organisation appears as an `Organization`.
"""

from __future__ import annotations

import html
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from almenhub.contentpages.selectors import member_organisations
from almenhub.core.pages.visibility import only_public
from almenhub.core.text import danish_address_parts

CONTEXT = "https://schema.org"
DESCRIPTION_LENGTH = 300
# The front page's description when its editors have written none.
SITE_DESCRIPTION = (
    "Viden fra den almene boligsektor: projekter, publikationer, eksempler fra "
    "driften og ERFA-møder – og de mennesker, der står bag dem."
)
IMAGE_RENDITION = "max-1200x1200"
# Search engines show no more of a headline than this.
HEADLINE_LENGTH = 110


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def absolute_url(request: HttpRequest, path: str | None) -> str:
    return request.build_absolute_uri(path) if path else ""


def page_url(page: Page, request: HttpRequest) -> str:
    return absolute_url(request, page.get_url(request) if page.pk else "")


def description(page: Any) -> str:
    """The page's one description, for the meta tag, Open Graph and JSON-LD:
    its search description, its teaser, its introduction, or (the front
    page) the site's."""
    text = getattr(page, "search_description", "") or getattr(page, "teaser", "")
    if not text and getattr(page, "intro", ""):
        text = html.unescape(strip_tags(str(page.intro)))
    if not str(text or "").strip() and type(page).__name__ == "HomePage":
        text = SITE_DESCRIPTION
    text = " ".join(str(text or "").split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"
    return text


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: schema.org readers treat "" as a value."""
    return {k: v for k, v in data.items() if v not in ("", None, [], {})}


def organization(org: Any) -> dict[str, Any] | None:
    if org is None:
        return None
    return clean(
        {"@type": "Organization", "name": org.name, "url": getattr(org, "website", "")}
    )


def _named_organization(name: str) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": name} if name.strip() else None


def _site_organization(request: HttpRequest) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute_url(request, "/"),
    }


def _image(image: Any, request: HttpRequest) -> dict[str, Any] | None:
    if image is None:
        return None
    rendition = image.get_rendition(IMAGE_RENDITION)
    return clean(
        {
            "@type": "ImageObject",
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "caption": getattr(image, "title", ""),
        }
    )


def page_image(page: Any) -> tuple[Any, str] | None:
    """The picture that stands for a page, with its alt text: a news
    article's picture, a publication's cover, an example's first picture."""
    for name in ("image", "cover_image"):
        if getattr(page, f"{name}_id", None):
            image = getattr(page, name)
            return image, image.default_alt_text
    pictures = getattr(page, "images", None)  # ExamplePage's ExampleImage rows
    if pictures is not None and page.pk:
        first = pictures.select_related("image").first()
        if first is not None:
            return first.image, first.alt_text
    return None


def _keywords(page: Any) -> list[str]:
    themes = getattr(page, "themes", None)
    if themes is None or not page.pk:
        return []
    return [t.name for t in themes.all()]


def _base(page: Any, request: HttpRequest, kind: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": kind,
        "name": page.seo_title or page.title,
        "url": page_url(page, request),
        "description": description(page),
        "inLanguage": "da",
    }


def _dates(page: Any) -> dict[str, Any]:
    return {
        "datePublished": page.first_published_at.isoformat()
        if page.first_published_at
        else None,
        "dateModified": page.last_published_at.isoformat()
        if page.last_published_at
        else None,
    }


def project_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    contacts = []
    if page.pk:
        for link in page.contacts.select_related("person"):
            person = link.person
            if person is not None and person.show_contact_details:
                contacts.append(
                    clean(
                        {
                            "@type": "ContactPoint",
                            "name": person.name,
                            "contactType": person.job_title,
                            "email": person.public_email,
                            "telephone": person.public_phone,
                        }
                    )
                )
    participants = page.participants.all() if page.pk else []
    return clean(
        {
            **_base(page, request, "Project"),
            "parentOrganization": organization(page.owner_organisation),
            "member": [organization(o) for o in participants],
            "image": _image(page.image if page.image_id else None, request),
            "keywords": _keywords(page),
            "contactPoint": contacts,
        }
    )


def publication_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    projects = list(page.live_projects())
    owners = [p.owner_organisation for p in projects if p.owner_organisation_id]
    image = page.cover_image if page.cover_image_id else None
    return clean(
        {
            **_base(page, request, "Report"),
            "headline": page.title[:HEADLINE_LENGTH],
            # The dates of the page, as its article:published_time says; the
            # year the report came out is its copyright year.
            **_dates(page),
            "copyrightYear": page.year,
            "author": _named_organization(page.prepared_by)
            or (organization(owners[0]) if owners else None)
            or _site_organization(request),
            "image": _image(image, request),
            "isPartOf": {"@type": "CreativeWorkSeries", "name": page.series.name}
            if page.series_id
            else None,
            # "Udarbejdet af" is free text, often people and an organisation.
            "creditText": page.prepared_by,
            "publisher": organization(owners[0]) if owners else None,
            "funder": _named_organization(page.funders),
            "copyrightNotice": page.rights,
            "identifier": page.isbn,
            "encoding": {
                "@type": "MediaObject",
                "contentUrl": absolute_url(request, page.document_url),
                "encodingFormat": "application/pdf",
            }
            if page.document_id
            else None,
            "about": [
                clean(
                    {
                        "@type": "Project",
                        "name": p.title,
                        "url": page_url(p, request),
                        "parentOrganization": organization(p.owner_organisation),
                    }
                )
                for p in projects
            ],
        }
    )


def example_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    place = None
    if page.municipality or page.latitude is not None:
        place = clean(
            {
                "@type": "Place",
                "address": clean(
                    {
                        "@type": "PostalAddress",
                        "addressLocality": page.municipality,
                        "addressCountry": "DK",
                    }
                ),
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": float(page.latitude),
                    "longitude": float(page.longitude),
                }
                if page.latitude is not None and page.longitude is not None
                else None,
            }
        )
    return clean(
        {
            **_base(page, request, "CreativeWork"),
            **_dates(page),
            "creator": organization(page.organisation)
            if page.organisation_id
            else None,
            "about": {"@type": "Thing", "name": page.task.name}
            if page.task_id
            else None,
            "keywords": _keywords(page),
            "creativeWorkStatus": page.get_status_display(),
            "spatialCoverage": place,
            "image": _image(found[0], request) if (found := page_image(page)) else None,
        }
    )


def meeting_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    seats_left = page.seats_left() if page.pk else page.capacity
    register_url = (
        absolute_url(request, page.url + page.reverse_subpage("register"))
        if page.pk and page.url
        else ""
    )
    series = page.series if page.pk else None
    address = danish_address_parts(page.address)
    return clean(
        {
            **_base(page, request, "Event"),
            "startDate": timezone.localtime(page.starts_at).isoformat(),
            "endDate": timezone.localtime(page.ends_at).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": page.venue,
                "address": clean(
                    {
                        "@type": "PostalAddress",
                        "streetAddress": address.street,
                        "postalCode": address.postal_code,
                        "addressLocality": page.city or address.town,
                        "addressCountry": "DK",
                    }
                ),
            },
            "offers": clean(
                {
                    "@type": "Offer",
                    "price": f"{page.price:.2f}",
                    "priceCurrency": "DKK",
                    "availability": "https://schema.org/InStock"
                    if seats_left
                    else "https://schema.org/SoldOut",
                    # Registration opens when the meeting is published.
                    "validFrom": timezone.localtime(page.first_published_at).isoformat()
                    if page.first_published_at
                    else None,
                    "validThrough": timezone.localtime(
                        page.registration_deadline
                    ).isoformat(),
                    "url": register_url,
                }
            ),
            "maximumAttendeeCapacity": page.capacity,
            "remainingAttendeeCapacity": seats_left,
            "organizer": _site_organization(request),
            "superEvent": clean(
                {
                    "@type": "EventSeries",
                    "name": series.title,
                    "url": page_url(series, request),
                }
            )
            if series is not None
            else None,
            "keywords": _keywords(series) if series is not None else [],
        }
    )


def home_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    root = page_url(page, request) or absolute_url(request, "/")
    return clean(
        {
            "@context": CONTEXT,
            "@type": "WebSite",
            "name": site_name(),
            "url": root,
            "description": description(page),
            "inLanguage": "da",
            "potentialAction": {
                "@type": "SearchAction",
                "target": absolute_url(request, reverse("search:search"))
                + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
    )


def web_page_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    return clean(
        {
            **_base(page, request, "WebPage"),
            "isPartOf": _is_part_of_site(request),
        }
    )


def news_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    # The byline is free text ("Mette Jensen for Boligselskabet Sjælland"):
    # a name, not a Person we know.
    author = (
        {"@type": "Person", "name": page.byline}
        if page.byline.strip()
        else _site_organization(request)
    )
    projects = only_public(page.related_projects.order_by("title")) if page.pk else []
    return clean(
        {
            **_base(page, request, "NewsArticle"),
            "headline": page.title[:HEADLINE_LENGTH],
            "datePublished": page.date.isoformat() if page.date else None,
            "dateModified": page.last_published_at.isoformat()
            if page.last_published_at
            else None,
            "author": author,
            "publisher": _site_organization(request),
            "image": _image(page.image if page.image_id else None, request),
            "creditText": page.image_credit,
            "keywords": _keywords(page),
            "about": [
                {"@type": "Project", "name": p.title, "url": page_url(p, request)}
                for p in projects
            ],
        }
    )


def _is_part_of_site(request: HttpRequest) -> dict[str, Any]:
    return {"@type": "WebSite", "name": site_name(), "url": absolute_url(request, "/")}


def collection_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    """A page that gathers others (the news, a theme page)."""
    return clean(
        {
            **_base(page, request, "CollectionPage"),
            "keywords": _keywords(page),
            "isPartOf": _is_part_of_site(request),
        }
    )


def member_list_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    members = [organization(org) for org in member_organisations()]
    return clean(
        {
            **_base(page, request, "CollectionPage"),
            "isPartOf": _is_part_of_site(request),
            "mainEntity": {
                "@type": "ItemList",
                "numberOfItems": len(members),
                "itemListElement": [
                    {"@type": "ListItem", "position": n, "item": org}
                    for n, org in enumerate(members, start=1)
                ],
            },
        }
    )


CONTENT_PAGE_TYPES = {"about": "AboutPage", "contact": "ContactPage"}


def content_page_data(page: Any, request: HttpRequest) -> dict[str, Any]:
    return clean(
        {
            **_base(page, request, CONTENT_PAGE_TYPES.get(page.kind, "WebPage")),
            **_dates(page),
            "keywords": _keywords(page),
            "isPartOf": _is_part_of_site(request),
        }
    )


BUILDERS = {
    "NewsPage": news_data,
    "NewsIndexPage": collection_data,
    "ThemeHubPage": collection_data,
    "ThemeHubIndexPage": collection_data,
    "ContentPage": content_page_data,
    "MemberListPage": member_list_data,
    "ProjectPage": project_data,
    "PublicationPage": publication_data,
    "ExamplePage": example_data,
    "MeetingPage": meeting_data,
    "HomePage": home_data,
}


def page_data(page: Page, request: HttpRequest) -> dict[str, Any]:
    builder = BUILDERS.get(type(page).__name__, web_page_data)
    return builder(page, request)


def listing_data(title: str, request: HttpRequest) -> dict[str, Any]:
    """A view without a page (search, a theme): a WebPage of its own."""
    return clean(
        {
            "@context": CONTEXT,
            "@type": "WebPage",
            "name": title or site_name(),
            "url": absolute_url(request, request.path),
            "inLanguage": "da",
            "isPartOf": {
                "@type": "WebSite",
                "name": site_name(),
                "url": absolute_url(request, "/"),
            },
        }
    )

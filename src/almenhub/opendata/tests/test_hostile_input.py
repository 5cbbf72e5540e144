"""Hostile input everywhere, with DEBUG off: a fixed list of payloads sent to
every public GET parameter and form field of the site and the API. None may
give a server error.

Nothing here is picked by hand. The API's parameters come from its OpenAPI
document, one parameter at a time (the API refuses a request as a whole when
one parameter is bad, so together they would hide each other). The site's
parameters come from the code (`request.GET.get("…")`, and the fields of each
form bound to `request.GET`) and from the forms on the site's pages; the
pages are the URL patterns, one live page of each type and their routable
sub-pages. Each payload goes to all of a page's parameters at once: the site
reads each on its own and drops a bad one with a message, so one does not
hide another. Pages whose code reads no parameter get them too, on one page,
for the middleware all pages share.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import almenhub
from almenhub.search.facets import SEARCH_PARAMS

pytestmark = pytest.mark.django_db


def _encoded(*values: str) -> tuple[str, ...]:
    return tuple(quote(value, safe="") for value in values)


# Each payload is what one parameter is sent: its values, already
# percent-encoded (several values make a repeated parameter, an "array"), so
# that broken encodings can be sent as they are.
PAYLOADS: list[tuple[str, ...]] = [
    # digits that are digits to str.isdigit() or int(), not to a database
    *(_encoded(v) for v in ["²", "¹", "①", "٣", "𝟙", "Ⅻ", "½", "12²", "߀"]),
    # numbers out of range, negative, odd
    *(
        _encoded(v)
        for v in [
            "9223372036854775808",
            "99999999999999999999999",
            "-9223372036854775809",
            "2147483648",
            "1" * 400,
            "1e309",
            "-1",
            "0",
            "-0",
            "+1",
            " 1 ",
            "0x10",
            "1_000",
            "1.5",
            "1,5",
            "NaN",
            "inf",
            "-Infinity",
        ]
    ),
    # dates and times: out of range, impossible, odd
    *(
        _encoded(v)
        for v in [
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-12:00",
            "0000-00-00",
            "2024-02-30",
            "2024-13-01T00:00:00Z",
            "99999-01-01",
            "2024-01-01T25:61:00",
            "2024-01-01T00:00:00+25:00",
            "-0001-01-01",
            "1970-01-01",
        ]
    ),
    # SQL, markup and template injection
    *(
        _encoded(v)
        for v in [
            "' OR 1=1 --",
            "1; DROP TABLE search_searchdocument; --",
            '" OR ""="',
            "%' --",
            "1) UNION SELECT NULL,NULL--",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "javascript:alert(1)",
            "{{ 7*7 }}",
            "{% debug %}",
            "%s%s%s%n",
            "{0.__class__}",
        ]
    ),
    # control characters, null bytes, odd Unicode
    *(
        _encoded(v)
        for v in [
            "\x00",
            "a\x00b",
            "\r\nSet-Cookie: x=1",
            "\t",
            "\x1b[31m",
            "\u202eevil",
            "\ufeff",
            "\u200b",
            "😀",
            "e\u0301",
            "مرحبا",
            "漢字",
            "Ærø Å",
        ]
    ),
    # broken UTF-8 and encodings, sent as they are
    ("%FF",),
    ("%C3",),
    ("%C0%AF",),
    ("%ED%A0%80",),
    ("%F4%90%80%80",),
    ("%E2%82",),
    ("%",),
    ("%zz",),
    ("%2500",),
    # very long values
    _encoded("a" * 10_000),
    _encoded("é" * 3_000),
    _encoded("æøå " * 500),
    # arrays, empty and look-alike structures
    _encoded("1", "2"),
    _encoded("", ""),
    _encoded(*["x"] * 50),
    _encoded(""),
    _encoded(" "),
    *(_encoded(v) for v in ["null", "true", "[]", "{}", '{"a": 1}', "[1,2]"]),
    # paths
    *(_encoded(v) for v in ["../../etc/passwd", "/", "\\", "//evil.example"]),
    # values a parameter may well accept, so that the way past validation is
    # taken too
    *(
        _encoded(v)
        for v in ["1", "2024", "natur-og-biodiversitet", "projekt", "nyeste", "eng"]
    ),
]
assert len(PAYLOADS) >= 60 and len(set(PAYLOADS)) == len(PAYLOADS)

API_ROOT = "/api/v1/"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/dokumenter/", "/_util/")
# Admin screens that strangers reach: their forms are public.
PUBLIC_ADMIN = ("/admin/login/", "/admin/password_reset/")


def query(params: dict[str, tuple[str, ...]]) -> str:
    return "&".join(
        f"{quote(name, safe='')}={value}"
        for name, values in params.items()
        for value in values
    )


def hostile_client(**kwargs) -> Client:
    return Client(raise_request_exception=False, **kwargs)


# -- the API -------------------------------------------------------------------


# Paths under /value/ name an object of another collection (the value API
# has no listing of its own with slugs): the list to take an existing one from.
PATH_SOURCES = {
    "/api/v1/value/indicators/": "/api/v1/indicators/",
    "/api/v1/value/organisations/": None,  # organisations: their slug, below
}


def _existing(client: Client, prefix: str, name: str) -> str:
    if prefix in PATH_SOURCES and PATH_SOURCES[prefix] is None:
        from almenhub.organisations.models import Organisation

        org = Organisation.objects.exclude(slug=None).order_by("pk").first()
        assert org is not None, "the catalogue has no organisation with a slug"
        return org.slug
    listing = client.get(PATH_SOURCES.get(prefix, prefix)).json()
    return str(listing["results"][0][name])


def _filled_path(client: Client, path: str, params: list[dict]) -> str:
    """The path with an existing object's id or slug, from its list."""
    filled = path
    for param in params:
        if param["in"] != "path":
            continue
        value = _existing(client, path.split("{")[0], param["name"])
        filled = filled.replace("{" + param["name"] + "}", value)
    return filled


def test_every_api_parameter_takes_every_payload(catalogue, settings):
    assert not settings.DEBUG
    client = hostile_client()
    spec = client.get(f"{API_ROOT}openapi.json").json()
    failures: list[str] = []
    sent = 0
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        params = operation.get("parameters", [])
        base = _filled_path(client, path, params)
        for param in params:
            for payload in PAYLOADS:
                if param["in"] == "path":
                    url = path.replace("{" + param["name"] + "}", payload[0])
                    url = _filled_path(client, url, params) if "{" in url else url
                else:
                    url = f"{base}?{query({param['name']: payload})}"
                status = client.get(url).status_code
                sent += 1
                if status >= 500:
                    failures.append(f"{status} {url[:200]}")
    assert sent >= 60 * 80  # the document really listed the parameters
    assert not failures, "\n".join(failures[:40])


# -- the site ------------------------------------------------------------------


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _pattern_urls(theme_slug: str) -> list[str]:
    """The site's own URL patterns, with a theme's slug for a slug."""
    urls = []
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.startswith("^") or "(" in pattern:
            continue  # Wagtail's page tree and documents: the pages below
        url = "/" + re.sub(r"<slug:[^>]+>", theme_slug, pattern)
        if "<" in url or url.startswith((API_ROOT, *SKIPPED_PREFIXES)):
            continue
        urls.append(url)
    return urls


def _page_urls() -> list[str]:
    """One live page of each type, and its routable sub-pages without
    arguments (the example form, the meeting registration, the map …)."""
    urls = []
    seen: set[int] = set()
    for page in Page.objects.live().public().exclude(depth=1).specific():
        if page.content_type_id in seen or not page.url:
            continue
        seen.add(page.content_type_id)
        urls.append(page.url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = str(pattern.pattern)
                if route and "<" not in route:
                    urls.append(page.url + route)
    return urls


def _code_parameters() -> set[str]:
    """Every query parameter the code reads: `request.GET.get("x")` and
    `request.GET["x"]`, and the fields of each form bound to request.GET."""
    names: set[str] = set()
    forms: set[str] = set()
    root = Path(almenhub.__file__).parent
    for source in root.rglob("*.py"):
        if "tests" in source.parts:
            continue
        text = source.read_text()
        names |= set(re.findall(r"\bGET(?:\.get|\.getlist)?[(\[]\s*[\"'](\w+)", text))
        # SearchForm(data) is built from a copy of request.GET
        forms |= set(re.findall(r"\b(\w+Form)\(\s*(?:request\.GET|data)\b", text))
    for module in list(sys.modules.values()):
        if not (getattr(module, "__name__", "") or "").startswith("almenhub."):
            continue
        for form in forms:
            form_class = getattr(module, form, None)
            if form_class is not None and hasattr(form_class, "base_fields"):
                names |= set(form_class.base_fields)
    return names


def _reads_parameters(client: Client, url: str) -> bool:
    """Whether the code behind a URL reads the query string."""
    match = resolve(urlsplit(url).path)
    view = inspect.unwrap(match.func)
    sources = [inspect.getmodule(view)]
    if match.url_name == "wagtail_serve":
        route = Page.find_for_request(client.get("/").wsgi_request, urlsplit(url).path)
        sources = [inspect.getmodule(type(route.specific))] if route else []
    return any(
        "request.GET" in inspect.getsource(module) for module in sources if module
    )


def _forms(client: Client, url: str) -> list[tuple[str, str, list[str]]]:
    """(method, action, field names) of each form on a page, and as a GET
    form each link's query parameters (facets, pages, sorting)."""
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    found = []
    soup = BeautifulSoup(response.content, "html.parser")
    for link in soup.find_all("a", href=True):
        parts = urlsplit(link["href"])
        if parts.query and not parts.netloc:
            names = sorted(dict(parse_qsl(parts.query, keep_blank_values=True)))
            found.append(("get", parts.path or urlsplit(url).path, names))
    for form in soup.find_all("form"):
        names = sorted(
            {
                field["name"]
                for field in form.find_all(["input", "select", "textarea"])
                if field.get("name")
                and field.get("type") != "file"
                and field["name"] != "csrfmiddlewaretoken"
            }
        )
        action = urlsplit(form.get("action") or url).path or url
        found.append(((form.get("method") or "get").lower(), action, names))
    return found


@pytest.fixture
def member(catalogue, django_user_model):
    from almenhub.organisations.models import Organisation

    organisation = Organisation.objects.filter(kind="housing").first()
    return django_user_model.objects.create_user(
        username="fjendtlig", password="x-hemmelig-42", organisation=organisation
    )


def _site_surface(member) -> tuple[dict[str, set[str]], list, list[str]]:
    """What to send: the query parameters of each page that reads them, the
    forms to post (anonymous and as a member), and every page found."""
    from almenhub.taxonomy.models import Theme

    anonymous, signed_in = hostile_client(), hostile_client()
    signed_in.force_login(member)
    urls = list(
        dict.fromkeys(
            [
                *_pattern_urls(Theme.objects.first().slug),
                *_page_urls(),
                *PUBLIC_ADMIN,
            ]
        )
    )
    code_names = _code_parameters()
    get_params: dict[str, set[str]] = {}
    posts = []
    for url in urls:
        if url.startswith(SKIPPED_PREFIXES) and url not in PUBLIC_ADMIN:
            continue
        if _reads_parameters(anonymous, url):
            get_params.setdefault(url, set()).update(code_names)
        for client in (anonymous, signed_in):
            for method, action, names in _forms(client, url):
                if method == "get":
                    get_params.setdefault(action, set()).update(names)
                elif (action, tuple(names)) not in {(p[1], p[2]) for p in posts}:
                    posts.append((client, action, tuple(names)))
    return get_params, posts, urls


def test_every_site_parameter_and_form_field_takes_every_payload(member, settings):
    assert not settings.DEBUG
    get_params, posts, urls = _site_surface(member)
    assert set(SEARCH_PARAMS) <= get_params["/soeg/"]  # found, not listed here
    assert any("/tilmeld/" in action for _, action, _ in posts), posts
    assert any("/indsend/" in action for _, action, _ in posts), posts
    # Pages that read no parameter: one of them, for the shared middleware.
    plain = next(url for url in urls if url not in get_params)
    get_params[plain] = {"q", "side", "next", "utm_source"}

    client = hostile_client()
    failures: list[str] = []
    for url, names in get_params.items():
        for payload in PAYLOADS:
            address = f"{url}?{query(dict.fromkeys(sorted(names), payload))}"
            status = client.get(address).status_code
            if status >= 500:
                failures.append(f"GET {status} {address[:200]}")
    for poster, action, names in posts:
        for payload in PAYLOADS:
            body = query(dict.fromkeys(names, payload))
            status = poster.post(
                action, body, content_type="application/x-www-form-urlencoded"
            ).status_code
            if status >= 500:
                failures.append(f"POST {status} {action} {body[:200]}")
    assert not failures, "\n".join(failures[:40])

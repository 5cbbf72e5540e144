"""A new visitor from a housing organisation, in Chromium: signs up, verifies
the address from the mail, submits an example and finds it on My page as
waiting for moderation."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from almenhub.core.tests.browser import PageWatch
from almenhub.organisations.models import Organisation, OrganisationKind

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_submit_and_see_it_waiting(live_server, browser, demo_site):
    organisation = Organisation.objects.filter(kind=OrganisationKind.HOUSING).first()
    organisation.email_domains = "engen-test.dk"
    organisation.save()
    base = live_server.url
    context = browser.new_context(
        locale="da-DK", viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = PageWatch(page)

    page.goto(base + "/eksempler/indsend/")
    assert "/konto/log-ind/" in page.url
    watch.assert_clean("login")
    page.get_by_role("link", name="Opret en konto").click()
    page.get_by_label("Navn").fill("Mette Jensen")
    page.get_by_label("Arbejdsmail").fill("mette@engen-test.dk")
    page.get_by_label("Stilling").fill("Driftschef")
    page.get_by_label("Organisation").select_option(str(organisation.pk))
    page.get_by_label("Adgangskode").fill("Sommerfugl-eng-2027")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret konto").click()
    assert page.get_by_role("heading", name="Se din mail").is_visible()
    watch.assert_clean("sign-up")

    link = re.search(r"https?://[^/\s]+(/konto/bekraeft/\S+)", mail.outbox[-1].body)
    page.goto(base + link.group(1))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft").click()
    watch.assert_clean("verified")

    page.goto(base + "/eksempler/indsend/")
    page.locator("input[name=title]").fill("Vild eng bag blok 4")
    page.locator("[name=teaser]").fill("Vi lod græsset gro.")
    page.locator("select[name=task]").select_option(index=1)
    page.locator("select[name=status]").select_option(index=1)
    page.locator("input[name=themes]").first.check()
    page.locator("textarea[name=what_was_done]").fill("Vi slog kun to gange.")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Send|Indsend")).first.click()
    watch.assert_clean("submitted")

    page.goto(base + "/konto/")
    row = page.locator(
        "section", has=page.get_by_role("heading", name="Mine eksempler")
    )
    assert "Vild eng bag blok 4" in row.inner_text()
    assert "Afventer godkendelse hos redaktionen" in row.inner_text()
    assert organisation.name in page.locator("main").inner_text()
    watch.assert_clean("my page")
    context.close()

"""Requests the server cannot read are answered 400 with a Danish reason."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

FORM_URLS = ["/konto/log-ind/", "/soeg/", "/eksempler/indsend/", "/admin/login/"]


@pytest.mark.parametrize("url", FORM_URLS)
@pytest.mark.parametrize("charset", ["utf-16", "latin-1"])
def test_a_form_in_another_charset_is_a_400_with_a_reason(home_page, url, charset):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # the CSRF check then reads the form
    response = client.post(
        url,
        data="username=a&password=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert "En formular skal sendes som UTF-8." in response.content.decode()

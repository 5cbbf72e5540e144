"""The `<id:…>` path converter: a database id in an address.

Django's `<int:…>` takes any number of digits, and an id beyond what the
database holds (9223372036854775808) raised OverflowError in the lookup, a
server error. `<id:…>` matches at most 18 digits, so such an address is
simply not found (404), as for any id that does not exist.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

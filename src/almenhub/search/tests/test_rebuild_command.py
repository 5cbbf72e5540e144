from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from almenhub.search.selectors import search


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_rebuild_command_rebuilds_and_tidies_up(extra_pages):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out, verbosity=0)
    assert "Søgeindekset er genopbygget" in out.getvalue()
    assert [h.document.title for h in search("trappevask").hits] == [
        "Trappevask med grønne midler"
    ]
    if connection.vendor == "postgresql":
        # Vacuumed after the rebuild, so that browsing reads the index alone.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname = 'search_postgresdocument'"
            )
            assert cursor.fetchone() == (True,)

"""Live pages without publish dates (the home page this app's 0002 made,
index and programme pages added live, the demo's stale-saved publication)
get them: the first from the last, else from the latest revision, else now;
the last from the first. `core.pages.dates` keeps new ones from appearing."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Coalesce, Now


def live_pages_dates_fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    missing = Page.objects.filter(live=True)
    missing.filter(first_published_at__isnull=True).update(
        first_published_at=Coalesce(
            F("last_published_at"), F("latest_revision_created_at"), Now()
        )
    )
    missing.filter(last_published_at__isnull=True).update(
        last_published_at=F("first_published_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
    ]

    operations = [
        migrations.RunPython(live_pages_dates_fill, migrations.RunPython.noop),
    ]

from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "almenhub.publications"
    label = "publications"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        # lazy: ready() runs once the app registry is loaded
        from almenhub.publications.covers import cover_on_publish

        page_published.connect(cover_on_publish, dispatch_uid="publications.cover")

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "almenhub.meetings"
    label = "meetings"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Møder"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        # lazy: ready() runs once the app registry is loaded
        from almenhub.meetings.signals import meeting_published

        page_published.connect(meeting_published, dispatch_uid="meetings.published")

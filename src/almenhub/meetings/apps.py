from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "almenhub.meetings"
    label = "meetings"
    verbose_name = "Møder"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from almenhub.meetings.signals import meeting_published

        page_published.connect(meeting_published, dispatch_uid="meetings.published")

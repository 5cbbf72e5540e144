from django.urls import path
from wagtail.admin.auth import require_admin_access

from almenhub.importer import views

app_name = "importer"

# Included at /admin/import/, ahead of Wagtail's admin, so the admin access
# check that Wagtail applies to its own URLs is applied here explicitly.
urlpatterns = [
    path("", require_admin_access(views.upload), name="upload"),
    path("<int:pk>/", require_admin_access(views.job), name="job"),
]

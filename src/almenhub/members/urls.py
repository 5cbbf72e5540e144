from django.urls import path

from almenhub.members import views

app_name = "members"

urlpatterns = [
    path("konto/", views.account_home, name="home"),
    path("konto/oplysninger/", views.account_details, name="details"),
    path("konto/organisation/", views.organisation, name="organisation"),
    path("konto/mine-data.json", views.account_export, name="export"),
    path("konto/slet/", views.account_delete, name="delete"),
    path("privatliv/", views.privacy, name="privacy"),
    path("kontakt/<int:page_id>/", views.contact_form, name="contact"),
]

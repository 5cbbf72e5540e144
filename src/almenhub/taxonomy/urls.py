from django.urls import path

from almenhub.taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("", views.theme_index, name="index"),
    path("<slug:slug>/", views.theme_detail, name="theme"),
]

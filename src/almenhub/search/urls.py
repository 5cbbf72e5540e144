from django.urls import path

from almenhub.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("forslag/", views.suggest, name="suggest"),
    path("projekter/", views.project_list, name="projects"),
]

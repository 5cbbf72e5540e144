from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from almenhub.people.selectors import person_pages, public_people


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's page: 404 for anyone whose details may not be shown, so
    the page itself never tells that such a person is in the register."""
    person = get_object_or_404(public_people().select_related("organisation"), pk=pk)
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "profile": person, "pages": person_pages(person)},
    )

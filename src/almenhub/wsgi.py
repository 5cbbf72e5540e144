import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almenhub.settings.production")

application = get_wsgi_application()

# The page cache's plain copies answered again without Django's handling.
from almenhub.core.hitpath import cached_answers  # noqa: E402

application = cached_answers(application)

# Index changes that a crash left in the outbox (an import killed after its
# commit) are applied as the server starts, before anyone searches.
from almenhub.search.services import search_outbox_drain_at_start  # noqa: E402

search_outbox_drain_at_start()

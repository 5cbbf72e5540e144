"""Moved to `almenhub.demo`. Kept only while search/tests/test_relevance.py
imports `demo_load` from here; it goes when the relevance set has its own
fixture (the search engineer's change), and with it core's last domain import.
"""

from almenhub.demo.services import (  # noqa: F401
    demo_projects_and_publications_load as demo_load,
)

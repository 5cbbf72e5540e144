# Registered on import, not in AppConfig.ready(): routable pages compile their
# paths when their models module is imported, before any app is ready.
from almenhub.core import converters as converters

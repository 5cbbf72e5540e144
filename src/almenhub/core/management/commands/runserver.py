"""`runserver` for the embedded deployment (`make run`).

Django's development server listens with a backlog of 10 connections, so a
burst of visitors gets "connection reset" instead of waiting its turn. The
hub's single-process default raises the backlog; everything else is Django's
(and staticfiles') runserver.
"""

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserverCommand,
)
from django.core.servers import basehttp

LISTEN_BACKLOG = 256


class Command(StaticfilesRunserverCommand):
    def inner_run(self, *args, **options):
        basehttp.WSGIServer.request_queue_size = LISTEN_BACKLOG
        return super().inner_run(*args, **options)

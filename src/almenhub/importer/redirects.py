"""Every old address answers 301 to its new page, through Wagtail's
redirects; a pool's addresses are on its own host, so they belong to a
Site of that host (whose root is the hub's), the main site's to every site."""

from __future__ import annotations

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from .addresses import OldAddress
from .summary import FileResult


class PendingRedirects:
    """The redirects of a batch, written together before it commits."""

    def __init__(self) -> None:
        self._pending: dict[tuple[str, str], tuple[OldAddress, FileResult]] = {}
        self._sites: dict[str, Site] = {}

    def add(self, address: OldAddress, result: FileResult) -> None:
        """Point `address` at the page of `result`, which learns whether a
        redirect was written for it."""
        # A later version of the same address points at the same page.
        self._pending[(address.host if address.is_pool else "", address.path)] = (
            address,
            result,
        )

    def discard(self) -> None:
        self._pending.clear()
        self._sites.clear()

    def _site_for(self, address: OldAddress) -> Site | None:
        if not address.is_pool or not address.host:
            return None
        if address.host not in self._sites:
            site = Site.objects.filter(hostname=address.host).first()
            if site is None:
                default = Site.objects.filter(is_default_site=True).first()
                root = default.root_page if default else Page.get_first_root_node()
                site = Site.objects.create(
                    hostname=address.host,
                    port=443,
                    root_page=root,
                    site_name=address.host,
                )
            self._sites[address.host] = site
        return self._sites[address.host]

    def write(self) -> int:
        """Create or repoint the batch's redirects; the number written."""
        if not self._pending:
            return 0
        wanted: dict[tuple[int | None, str], FileResult] = {}
        for address, result in self._pending.values():
            site = self._site_for(address)
            wanted[(site.pk if site else None, address.path)] = result
        self._pending.clear()
        existing = {
            (r.site_id, r.old_path): r
            for r in Redirect.objects.filter(old_path__in={p for _, p in wanted})
        }
        new, changed = [], []
        for (site_id, path), result in wanted.items():
            page_id = result.page_id
            redirect = existing.get((site_id, path))
            if redirect is None:
                new.append(
                    Redirect(
                        old_path=path,
                        site_id=site_id,
                        redirect_page_id=page_id,
                        is_permanent=True,
                    )
                )
            elif redirect.redirect_page_id != page_id or not redirect.is_permanent:
                redirect.redirect_page_id = page_id
                redirect.redirect_link = ""
                redirect.is_permanent = True
                changed.append(redirect)
            else:
                continue
            result.redirects = 1
        Redirect.objects.bulk_create(new, batch_size=500)
        Redirect.objects.bulk_update(
            changed, ["redirect_page", "redirect_link", "is_permanent"], batch_size=500
        )
        return len(new) + len(changed)

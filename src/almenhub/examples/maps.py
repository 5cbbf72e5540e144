"""A map of Denmark that needs no tile server, no network and no JavaScript.

Source of the outline: self-drawn, simplified, public domain. The polygons
below were drawn for almenhub from approximate coastal points (longitude,
latitude, WGS 84) of the largest land areas; they leave out small islands
and fjords and are meant to place examples, not to measure anything.

The projection is equirectangular with longitude scaled by cos(56°), which
keeps Denmark's proportions. Bornholm is drawn in an inset box north-east of
Sjælland, as Danish maps usually do, and points on it move with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

OUTLINE_SOURCE = "Omrids: tegnet til almenhub, forenklet, fri for ophavsret."

Polygon = tuple[tuple[float, float], ...]

DENMARK: dict[str, Polygon] = {
    "Jylland": (
        (8.66, 54.91),
        (8.62, 55.10),
        (8.68, 55.28),
        (8.60, 55.44),
        (8.30, 55.52),
        (8.08, 55.56),
        (8.15, 55.75),
        (8.13, 55.98),
        (8.12, 56.28),
        (8.15, 56.55),
        (8.22, 56.71),
        (8.45, 56.90),
        (8.62, 57.12),
        (9.00, 57.15),
        (9.40, 57.18),
        (9.75, 57.40),
        (9.97, 57.59),
        (10.35, 57.68),
        (10.62, 57.74),
        (10.53, 57.60),
        (10.54, 57.44),
        (10.52, 57.25),
        (10.35, 57.03),
        (10.30, 56.95),
        (10.27, 56.75),
        (10.33, 56.56),
        (10.65, 56.55),
        (10.95, 56.45),
        (10.88, 56.30),
        (10.70, 56.18),
        (10.50, 56.10),
        (10.25, 56.15),
        (10.20, 55.97),
        (10.00, 55.85),
        (10.05, 55.70),
        (9.80, 55.62),
        (9.70, 55.52),
        (9.55, 55.45),
        (9.66, 55.28),
        (9.55, 55.15),
        (9.48, 55.04),
        (9.62, 54.93),
        (9.45, 54.85),
        (9.25, 54.81),
        (8.95, 54.90),
    ),
    "Als": (
        (9.72, 54.95),
        (9.80, 55.05),
        (9.95, 55.03),
        (10.06, 54.96),
        (9.95, 54.87),
        (9.80, 54.88),
    ),
    "Fyn": (
        (9.72, 55.50),
        (9.95, 55.55),
        (10.10, 55.60),
        (10.40, 55.56),
        (10.52, 55.63),
        (10.63, 55.58),
        (10.76, 55.45),
        (10.84, 55.30),
        (10.73, 55.15),
        (10.62, 55.05),
        (10.40, 55.04),
        (10.20, 55.08),
        (10.00, 55.15),
        (9.88, 55.26),
        (9.82, 55.40),
    ),
    "Langeland": (
        (10.68, 55.08),
        (10.78, 55.06),
        (10.88, 54.86),
        (10.96, 54.73),
        (10.88, 54.74),
        (10.72, 54.95),
    ),
    "Sjælland": (
        (11.12, 55.35),
        (11.16, 55.52),
        (11.08, 55.68),
        (11.28, 55.76),
        (11.45, 55.90),
        (11.35, 55.97),
        (11.70, 55.86),
        (11.85, 55.97),
        (12.10, 56.05),
        (12.30, 56.13),
        (12.55, 56.09),
        (12.62, 56.03),
        (12.58, 55.80),
        (12.67, 55.62),
        (12.45, 55.55),
        (12.22, 55.45),
        (12.40, 55.38),
        (12.46, 55.27),
        (12.20, 55.18),
        (12.05, 55.10),
        (11.90, 55.00),
        (11.74, 55.06),
        (11.58, 55.15),
        (11.30, 55.20),
        (11.20, 55.26),
    ),
    "Møn": (
        (12.15, 55.02),
        (12.35, 55.04),
        (12.55, 54.99),
        (12.52, 54.95),
        (12.30, 54.93),
        (12.15, 54.96),
    ),
    "Lolland": (
        (10.97, 54.80),
        (11.10, 54.86),
        (11.35, 54.88),
        (11.60, 54.86),
        (11.66, 54.75),
        (11.50, 54.65),
        (11.25, 54.62),
        (11.05, 54.70),
    ),
    "Falster": (
        (11.72, 54.86),
        (11.78, 54.96),
        (11.95, 54.90),
        (12.06, 54.75),
        (11.96, 54.58),
        (11.86, 54.57),
        (11.80, 54.70),
    ),
    "Bornholm": (
        (14.70, 55.30),
        (14.85, 55.29),
        (15.08, 55.16),
        (15.15, 55.08),
        (15.05, 54.99),
        (14.80, 55.00),
        (14.70, 55.10),
        (14.68, 55.22),
    ),
}

WEST, EAST, NORTH, SOUTH = 7.9, 13.7, 57.85, 54.45
SCALE = 130.0  # SVG units per degree of latitude
LON_SCALE = math.cos(math.radians(56))
BORNHOLM_WEST = 14.0
# Bornholm's inset: moved 1.75° west and 1.75° north, to the open corner
# north-east of Sjælland where the map draws no other land.
BORNHOLM_SHIFT = (-1.75, 1.75)
INSET_MARGIN = 12.0

WIDTH = round((EAST - WEST) * LON_SCALE * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    if lon >= BORNHOLM_WEST:
        lon, lat = lon + BORNHOLM_SHIFT[0], lat + BORNHOLM_SHIFT[1]
    x = (lon - WEST) * LON_SCALE * SCALE
    y = (NORTH - lat) * SCALE
    return round(x, 1), round(y, 1)


@cache
def outline_paths() -> tuple[tuple[str, str], ...]:
    """(name, SVG path data) for every land area, computed once per process."""
    paths = []
    for name, polygon in DENMARK.items():
        points = [project(lon, lat) for lon, lat in polygon]
        d = "M" + " L".join(f"{x},{y}" for x, y in points) + " Z"
        paths.append((name, d))
    return tuple(paths)


@cache
def inset_box() -> tuple[float, float, float, float]:
    """x, y, width, height of the frame around Bornholm's inset."""
    xs, ys = zip(*(project(lon, lat) for lon, lat in DENMARK["Bornholm"]), strict=True)
    return (
        round(min(xs) - INSET_MARGIN, 1),
        round(min(ys) - INSET_MARGIN, 1),
        round(max(xs) - min(xs) + 2 * INSET_MARGIN, 1),
        round(max(ys) - min(ys) + 2 * INSET_MARGIN, 1),
    )


@dataclass(frozen=True)
class MapPoint:
    title: str
    url: str
    latitude: Decimal
    longitude: Decimal
    place: str = ""
    anchor: str = ""  # the id of its line in the list under the map
    detail: str = ""  # who and where, as the list shows it


# Dots closer than this (SVG units; a dot's radius is 6) would overlap: they
# are drawn as one circle with their number, linked to their group in the
# list. Denmark is about 420 units wide, so 14 is a town, not a region.
CLUSTER_DISTANCE = 14.0


@dataclass
class MapCluster:
    points: list[MapPoint]
    x: float
    y: float
    anchor: str = ""  # the id of the group in the list (clusters of 2 or more)

    @property
    def place(self) -> str:
        """The place its points share, else the first's."""
        places = {p.place for p in self.points if p.place}
        return places.pop() if len(places) == 1 else self.points[0].place

    @property
    def label(self) -> str:
        if len(self.points) == 1:
            point = self.points[0]
            return f"{point.title} ({point.place})" if point.place else point.title
        where = f" i {self.place}" if self.place else ""
        return f"{len(self.points)} eksempler{where}"


def clusters(points: list[MapPoint]) -> list[MapCluster]:
    """The points gathered so that no two drawn circles lie on top of each
    other: a point joins the first group whose centre is within
    CLUSTER_DISTANCE, else starts one; a group's centre is its points'
    mean. In the points' own order, so the same points give the same map."""
    found: list[MapCluster] = []
    for point in points:
        x, y = project(float(point.longitude), float(point.latitude))
        near = next(
            (c for c in found if math.hypot(c.x - x, c.y - y) < CLUSTER_DISTANCE),
            None,
        )
        if near is None:
            found.append(MapCluster(points=[point], x=x, y=y))
            continue
        n = len(near.points)
        near.points.append(point)
        near.x = round((near.x * n + x) / (n + 1), 1)
        near.y = round((near.y * n + y) / (n + 1), 1)
    for number, cluster in enumerate(found, start=1):
        if len(cluster.points) > 1:
            cluster.anchor = f"klynge-{number}"
    return found


def map_svg(*, groups: list[MapCluster], title: str, description: str) -> SafeString:
    """Denmark with one linked dot per example, or per group of examples
    that lie too close to tell apart (see `clusters`); each has its own title.

    A group, not an image: an image's content is hidden from screen readers,
    and the dots are links that must stay reachable.
    """
    box_x, box_y, box_w, box_h = inset_box()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dk-map" role="group" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="kort-titel kort-beskrivelse" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="kort-titel">{escape(title)}</title>'
        f'<desc id="kort-beskrivelse">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eaf2f7"/>'
        f'<rect x="{box_x}" y="{box_y}" width="{box_w}" height="{box_h}" '
        f'fill="none" stroke="#7b8696" stroke-width="1"/>'
        '<g fill="#f7f5ef" stroke="#4a5566" stroke-width="1.2" '
        'stroke-linejoin="round">'
    ]
    for name, d in outline_paths():
        parts.append(f'<path d="{d}"><title>{escape(name)}</title></path>')
    parts.append('</g><g class="dk-map__points">')
    for cluster in groups:
        label = escape(cluster.label)
        if len(cluster.points) == 1:
            point = cluster.points[0]
            parts.append(
                f'<a href="{escape(point.url)}" aria-label="{label}">'
                f"<title>{label}</title>"
                f'<circle class="dk-map__dot" cx="{cluster.x}" cy="{cluster.y}" '
                f'r="6" fill="#0b5d4b" stroke="#fff" stroke-width="2"/></a>'
            )
            continue
        # A group links to its place in the list, which names each example.
        radius = 9 + min(len(cluster.points), 9)
        parts.append(
            f'<a href="#{cluster.anchor}" aria-label="{label}">'
            f"<title>{label}</title>"
            f'<circle class="dk-map__cluster" cx="{cluster.x}" cy="{cluster.y}" '
            f'r="{radius}" fill="#0b5d4b" stroke="#fff" stroke-width="2"/>'
            f'<text x="{cluster.x}" y="{cluster.y}" text-anchor="middle" '
            f'dominant-baseline="central" fill="#fff" font-size="11" '
            f'font-weight="700" aria-hidden="true">{len(cluster.points)}</text></a>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above

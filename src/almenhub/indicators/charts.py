"""Charts drawn on the server as SVG: no JavaScript, sharp in print.

Pure functions from numbers to markup. Every chart is an image with a title
and a description that screen readers announce (role="img" with
aria-labelledby); the exact figures are in the table the page puts beneath
each chart, so the chart itself only needs to show the shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from almenhub.indicators.formatting import danish_number

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1c2430"
MUTED = "#4a5566"
BAR = "#0b5d4b"
GRID = "#d5dbe3"


@dataclass(frozen=True)
class Datum:
    label: str
    value: float
    position: float = 0.0
    sublabel: str = ""  # a second line under the label, e.g. "6 eks."


def _open(chart_id: str, title: str, description: str, width: int, height: int):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="14" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, for an axis end."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    data: list[Datum],
    value_suffix: str = "",
) -> SafeString:
    """Horizontal bars, one per datum, labelled on the left, value at the end."""
    width, label_width, value_width = 800, 330, 90
    row_height, top, bottom = 30, 10, 10
    height = top + bottom + row_height * max(len(data), 1)
    bar_space = width - label_width - value_width
    axis_end = nice_ceiling(max((d.value for d in data), default=0))
    parts = [_open(chart_id, title, description, width, height)]
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" '
        f'y2="{height - bottom}" stroke="{GRID}" stroke-width="1"/>'
    )
    for i, datum in enumerate(data):
        y = top + i * row_height
        length = 0 if axis_end == 0 else bar_space * max(datum.value, 0) / axis_end
        text_y = y + row_height / 2 + 5
        value_text = danish_number(datum.value) + value_suffix
        parts.append(
            f"<g><title>{escape(datum.label)}: {escape(value_text)}</title>"
            f'<text x="{label_width - 8}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(_truncate(datum.label, 44))}</text>"
            f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" '
            f'height="{row_height - 10}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{text_y:.1f}" '
            f'fill="{MUTED}">{escape(value_text)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


def line_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    data: list[Datum],
    unit: str,
) -> SafeString:
    """A time series: one point per period, joined by a line, on a zero axis.

    Each datum's `position` (e.g. its year) places it along the x axis.
    """
    # 400 units wide at 15-unit text: drawn about 350 px wide on a 390 px
    # phone, the text stays above 12 px; capped at 32rem on a desktop.
    width, height = 400, 290
    left, right, top, bottom = 70, 30, 34, 58
    font = 15
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [d.value for d in data]
    axis_min = min(0.0, min(values, default=0))
    axis_max = nice_ceiling(max(values, default=0))
    span = (axis_max - axis_min) or 1.0
    parts = [_open(chart_id, title, description, width, height)]
    parts[0] = (
        parts[0]
        .replace('class="chart"', 'class="chart chart--line"', 1)
        .replace('font-size="14"', f'font-size="{font}"', 1)
    )
    parts.append(
        f'<text x="{left}" y="{top - 14}" fill="{MUTED}">{escape(unit)}</text>'
    )
    for k in range(5):
        tick = axis_min + span * k / 4
        y = top + plot_h - plot_h * (tick - axis_min) / span
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 5:.1f}" text-anchor="end" '
            f'fill="{MUTED}">{escape(_short_number(tick, axis_max))}</text>'
        )
    positions = [d.position for d in data]
    first, last = min(positions, default=0), max(positions, default=0)
    points = []
    for datum in data:
        # Placed by position, not by index, so that a year without data shows
        # as a gap on the axis rather than disappearing.
        if last == first:
            x = left + plot_w / 2
        else:
            x = left + plot_w * (datum.position - first) / (last - first)
        y = top + plot_h - plot_h * (datum.value - axis_min) / span
        points.append((x, y, datum))
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="3"/>'
        )
    # A label needs about 56 units; when the points are closer, every
    # second (third …) is labelled. Every point keeps its figures in its
    # title and in the table beneath.
    every = max(1, math.ceil(len(points) * 56 / plot_w))
    for number, (x, y, datum) in enumerate(points):
        label = ""
        if number % every == 0:
            sub = (
                f'<tspan x="{x:.1f}" dy="18" fill="{MUTED}">'
                f"{escape(datum.sublabel)}</tspan>"
                if datum.sublabel
                else ""
            )
            label = (
                f'<text x="{x:.1f}" y="{height - bottom + 22}" '
                f'text-anchor="middle">{escape(datum.label)}{sub}</text>'
            )
        title = f"{datum.label} ({datum.sublabel})" if datum.sublabel else datum.label
        parts.append(
            f"<g><title>{escape(title)}: "
            f"{escape(danish_number(datum.value))} {escape(unit)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{BAR}"/>{label}</g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


def _short_number(value: float, axis_max: float) -> str:
    """An axis tick in few characters, every tick of an axis in the same
    measure: 12.500 → 12,5 t (thousands), 2.500.000 → 2,5 mio."""
    if abs(axis_max) >= 1_000_000:
        return f"{danish_number(value / 1_000_000, max_decimals=2)} mio."
    if abs(axis_max) >= 10_000:
        return f"{danish_number(value / 1_000, max_decimals=1)} t"
    return danish_number(value)


# How many characters of a label fit on one line of the spread chart.
LABEL_CHARS = 40


def _wrapped(text: str, limit: int, *, max_lines: int) -> list[str]:
    """Words onto lines of at most `limit` characters; the last line that
    fits is cut with an ellipsis when more remain."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _truncate(rest, limit)]
    return [_truncate(line, limit) for line in lines] or [""]


@dataclass(frozen=True)
class Spread:
    """One indicator's values: their range and median, and how many they are."""

    label: str
    lowest: float
    median: float
    highest: float
    note: str  # the figures in words, written under the bar


def spread_chart_svg(
    *, chart_id: str, title: str, description: str, data: list[Spread]
) -> SafeString:
    """One row per indicator, each on its own scale (units differ): a line
    from the smallest to the largest value, the median as a dot on it, and
    the figures written beneath. Label above the line, so the chart is
    narrow enough for a phone without shrinking its text."""
    # 360 units wide: on a 390 px phone the chart is drawn at about 350 px,
    # so 14 and 13 units stay above 12 px; on a desktop it is capped at
    # 26rem (dashboard.css) so the text does not grow large.
    width, left, right, top = 360, 8, 12, 6
    plot_w = width - left - right
    rows = []
    y = top
    for item in data:
        label_lines = _wrapped(item.label, LABEL_CHARS, max_lines=2)
        median_text, _, spread_text = item.note.partition(" · ")
        rows.append((y, item, label_lines, [median_text, spread_text]))
        y += 18 * len(label_lines) + 70
    height = max(y, top + 80)
    parts = [_open(chart_id, title, description, width, height)]
    parts[0] = parts[0].replace('class="chart"', 'class="chart chart--narrow"', 1)
    for y, item, label_lines, note_lines in rows:
        start = min(0.0, item.lowest)
        axis_end = nice_ceiling(item.highest) if item.highest > 0 else 1.0
        span = (axis_end - start) or 1.0

        def x(value: float, start: float = start, span: float = span) -> float:
            return left + plot_w * (value - start) / span

        label = "".join(
            f'<tspan x="{left}" dy="{0 if k == 0 else 18}">{escape(line)}</tspan>'
            for k, line in enumerate(label_lines)
        )
        line_y = y + 18 * len(label_lines) + 12
        notes = "".join(
            f'<tspan x="{left}" dy="{0 if k == 0 else 16}">{escape(line)}</tspan>'
            for k, line in enumerate(n for n in note_lines if n)
        )
        parts.append(
            f"<g><title>{escape(item.label)}: {escape(item.note)}</title>"
            f'<text x="{left}" y="{y + 14}" font-weight="600">{label}</text>'
            f'<line x1="{left}" y1="{line_y}" x2="{width - right}" y2="{line_y}" '
            f'stroke="{GRID}" stroke-width="2"/>'
            f'<line x1="{x(item.lowest):.1f}" y1="{line_y}" '
            f'x2="{x(item.highest):.1f}" y2="{line_y}" stroke="{BAR}" '
            f'stroke-width="8" stroke-linecap="round" opacity="0.45"/>'
            f'<circle cx="{x(item.median):.1f}" cy="{line_y}" r="8" fill="{BAR}" '
            f'stroke="#fff" stroke-width="2"/>'
            f'<text x="{left}" y="{line_y + 26}" fill="{MUTED}" font-size="13">'
            f"{notes}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above

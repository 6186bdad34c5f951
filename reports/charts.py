"""Small charts drawn on the server as SVG: the same markup goes into the page and the PDF.

No JavaScript and no chart library: a horizontal bar chart (one or two series side by
side) and a line chart over a few points (the quarters of a year). Each SVG carries its
title and a description (`<title>`, `<desc>`, `role="img"`), and every page that shows a
chart shows its figures in a table too, for readers who cannot see the picture.
"""

import itertools
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 11
# Blue, orange, green, red: told apart by most colour-blind readers; bars also carry values.
PALETTE = ["#1f5fa8", "#d9822b", "#2e8b57", "#b03a48"]
INK = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
_ids = itertools.count(1)


@dataclass
class Series:
    name: str
    values: Sequence[float | None]
    color: str = ""


@dataclass
class Chart:
    """A drawn chart: its SVG markup, title and caption, for the template."""

    title: str
    caption: str
    svg: SafeString
    dom_id: str = ""


def _fmt(value: float | None, unit: str, decimals: int) -> str:
    if value is None:
        return "—"
    shown = number_format(value, decimals) if decimals else str(round(value))
    return f"{shown}{unit}"


def _text(x, y, content, *, anchor="start", size=FONT_SIZE, color=INK, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{color}" font-weight="{weight}">{escape(content)}</text>'
    )


def _wrap(label: str, width: int, lines: int = 2) -> list[str]:
    """A label in at most `lines` lines of about `width` characters; the rest cut with …"""
    parts = textwrap.wrap(label, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(width - 1, 1)].rstrip() + "…"
    return parts


def _open(dom_id: str, height: float, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{dom_id}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc" '
        f'font-family="{FONT}">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(description)}</desc>',
    ]


def _legend(series: list[Series], y: float) -> list[str]:
    out, x = [], 10.0
    for s in series:
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{s.color}"/>')
        out.append(_text(x + 17, y + 1, s.name))
        x += 30 + 7 * len(s.name)
    return out


def _colour(series: list[Series]) -> list[Series]:
    for index, s in enumerate(series):
        s.color = s.color or PALETTE[index % len(PALETTE)]
    return series


def _describe(labels, series, unit, decimals) -> str:
    parts = []
    for index, label in enumerate(labels):
        values = ", ".join(
            (f"{s.name}: " if len(series) > 1 else "") + _fmt(s.values[index], unit, decimals)
            for s in series
        )
        parts.append(f"{label}: {values}")
    return "; ".join(parts) + "."


def bar_chart(
    *,
    title: str,
    caption: str,
    labels: Sequence[str],
    series: list[Series],
    max_value: float | None = None,
    unit: str = "",
    decimals: int = 0,
    reference: tuple[float, str] | None = None,
    marks: Sequence[str] | None = None,
    dom_id: str = "",
) -> Chart:
    """Horizontal bars, one group per label and one bar per series in the group.

    `reference` draws a dashed line at a value with its label (e.g. the quorum);
    `marks` puts a short sign after a group's label (e.g. ▼ for a criterion that fell).
    """
    series = _colour(list(series))
    dom_id = dom_id or f"chart-{next(_ids)}"
    values = [v for s in series for v in s.values if v is not None]
    if max_value is not None:
        top = max_value
    else:
        # Counts: a top that the four grid steps divide into whole numbers.
        top = max(4, math.ceil(max(values or [0]) / 4) * 4)
    label_width, value_width = 220, 56
    plot_left, plot_right = label_width + 8, WIDTH - value_width
    plot_width = plot_right - plot_left
    bar, gap, pad = 14, 3, 9
    group_height = len(series) * bar + (len(series) - 1) * gap + 2 * pad
    header = 22
    legend = 22 if len(series) > 1 else 0
    height = header + max(len(labels), 1) * group_height + 18 + legend

    def x_of(value):
        return plot_left + plot_width * min(max(value, 0), top) / top

    out = _open(dom_id, height, title, caption + " " + _describe(labels, series, unit, decimals))
    # Grid: quarters of the scale, with their values on top.
    for step in range(5):
        value = top * step / 4
        x = x_of(value)
        bottom = height - 18 - legend
        out.append(
            f'<line x1="{x:.1f}" y1="{header - 4}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(x, header - 8, _fmt(value, unit, 0), anchor="middle", size=9))
    for index, label in enumerate(labels):
        y0 = header + index * group_height
        mark = marks[index] if marks else ""
        lines = _wrap(label, 34)
        middle = y0 + group_height / 2
        first = middle - (len(lines) - 1) * 6.5 + 4
        for n, line in enumerate(lines):
            text = line + (f" {mark}" if mark and n == len(lines) - 1 else "")
            out.append(_text(label_width, first + n * 13, text, anchor="end"))
        for k, s in enumerate(series):
            value = s.values[index]
            y = y0 + pad + k * (bar + gap)
            if value is not None:
                width = max(x_of(value) - plot_left, 0.5 if value else 0)
                out.append(
                    f'<rect x="{plot_left}" y="{y:.1f}" width="{width:.1f}" height="{bar}" '
                    f'fill="{s.color}"><title>{escape(s.name)}: '
                    f"{escape(_fmt(value, unit, decimals))}</title></rect>"
                )
                end = plot_left + width
            else:
                end = plot_left
            out.append(_text(end + 4, y + bar - 3, _fmt(value, unit, decimals), size=10))
    axis_bottom = height - 18 - legend
    out.append(
        f'<line x1="{plot_left}" y1="{header - 4}" x2="{plot_left}" y2="{axis_bottom:.1f}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if reference is not None:
        value, text = reference
        x = x_of(value)
        out.append(
            f'<line x1="{x:.1f}" y1="{header - 4}" x2="{x:.1f}" y2="{axis_bottom:.1f}" '
            f'stroke="{PALETTE[3]}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        out.append(_text(x, axis_bottom + 13, text, anchor="middle", size=9, color=PALETTE[3]))
    if legend:
        out += _legend(series, height - 8)
    out.append("</svg>")
    return Chart(title=title, caption=caption, svg=mark_safe("".join(out)), dom_id=dom_id)  # noqa: S308


def line_chart(
    *,
    title: str,
    caption: str,
    labels: Sequence[str],
    series: list[Series],
    max_value: float = 100,
    unit: str = "",
    decimals: int = 0,
    dom_id: str = "",
) -> Chart:
    """Lines over a few points (the quarters of a year); a missing value breaks the line."""
    series = _colour(list(series))
    dom_id = dom_id or f"chart-{next(_ids)}"
    left, right, top_y, plot_height = 48, WIDTH - 56, 16, 160
    bottom_y = top_y + plot_height
    legend_rows = 1 + (len(series) - 1) // 3
    height = bottom_y + 30 + 20 * legend_rows
    step = (right - left) / max(len(labels) - 1, 1)
    top = max_value or 1

    def point(index, value):
        return left + index * step, bottom_y - plot_height * min(max(value, 0), top) / top

    out = _open(dom_id, height, title, caption + " " + _describe(labels, series, unit, decimals))
    for k in range(5):
        value = top * k / 4
        y = bottom_y - plot_height * k / 4
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(_text(left - 6, y + 4, _fmt(value, unit, 0), anchor="end", size=9))
    for index, label in enumerate(labels):
        x, _y = point(index, 0)
        out.append(_text(x, bottom_y + 16, label, anchor="middle"))
    for s in series:
        runs, run = [], []
        for index, value in enumerate(s.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(point(index, value))
        if run:
            runs.append(run)
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(
                    f'<polyline points="{points}" fill="none" stroke="{s.color}" '
                    f'stroke-width="2.5"/>'
                )
        for index, value in enumerate(s.values):
            if value is None:
                continue
            x, y = point(index, value)
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{s.color}">'
                f"<title>{escape(s.name)}, {escape(labels[index])}: "
                f"{escape(_fmt(value, unit, decimals))}</title></circle>"
            )
    out.append(f'<line x1="{left}" y1="{bottom_y}" x2="{right}" y2="{bottom_y}" stroke="{INK}"/>')
    for row in range(legend_rows):
        out += _legend(series[row * 3 : row * 3 + 3], bottom_y + 42 + 20 * row)
    out.append("</svg>")
    return Chart(title=title, caption=caption, svg=mark_safe("".join(out)), dom_id=dom_id)  # noqa: S308

"""Small charts drawn on the server as SVG: the same markup goes into the page and the PDF.

No JavaScript and no chart library: a horizontal bar chart (one or two series side by
side) and a line chart over a few points (the quarters of a year). Each SVG carries its
title and a description (`<title>`, `<desc>`, `role="img"`), and every page that shows a
chart shows its figures in a table too, for readers who cannot see the picture.
"""

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT = "DejaVu Sans, Arial, sans-serif"
FONT_FILE = "fonts/DejaVuSans.ttf"
FONT_SIZE = 11
LINE_HEIGHT = 13
# Told apart in colour (by most colour-blind readers too) and in black and white: the greys
# of the series are more than 20 points apart (see `grey`), the second bar series is hatched,
# and every line has its own dash pattern and marker shape, drawn with a dark outline.
PALETTE = ["#0d1b2a", "#c0392b", "#e69f00", "#f5e663"]
DASHES = ["", "8 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "triangle", "diamond"]
REFERENCE = "#c0392b"
INK = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
_ids = itertools.count(1)


def grey(color: str) -> float:
    """The grey a colour prints as in black and white, 0 (black) to 100 (white): Rec. 601 luma."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return (0.299 * red + 0.587 * green + 0.114 * blue) / 2.55


@functools.cache
def _advances() -> tuple[dict[int, float], float]:
    """Advance widths of the chart font's characters, in ems (read once from the font file)."""
    from fontTools.ttLib import TTFont

    font = TTFont(finders.find(FONT_FILE), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}
    return widths, max(widths.values())


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of a text in the chart font (DejaVu Sans, wider than the fonts browsers
    fall back to), in SVG units. A character the font lacks counts as the widest one."""
    widths, widest = _advances()
    return size * sum(widths.get(ord(char), widest) for char in text)


def wrap_text(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """A text in as many lines as it takes to fit `width`: never cut. A word wider than the
    width (a code, a link) is broken between its letters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and text_width(line + char, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines


@dataclass
class Series:
    name: str
    values: Sequence[float | None]
    color: str = ""
    dash: str = ""
    marker: str = "circle"


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


def _open(dom_id: str, height: float, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{dom_id}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc" '
        f'font-family="{FONT}">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(description)}</desc>',
    ]


def _hatch(dom_id: str, index: int, color: str) -> tuple[str, str]:
    """A fill for the bars of a series: plain for the first, hatched with white for the others."""
    if index == 0:
        return "", color
    pattern = f"{dom_id}-hatch-{index}"
    return (
        f'<defs><pattern id="{pattern}" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="{color}"/>'
        f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.6"/>'
        f"</pattern></defs>",
        f"url(#{pattern})",
    )


def _marker(shape: str, x: float, y: float, color: str, title: str = "", size: float = 4.5) -> str:
    """A point's marker: each series has its own shape, outlined so a light one still shows."""
    style = f'fill="{color}" stroke="{INK}" stroke-width="1"'
    inside = f"<title>{escape(title)}</title>" if title else ""
    if shape == "square":
        tag = "rect"
        shape_attrs = (
            f'x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}"'
        )
    elif shape in ("triangle", "diamond"):
        tag, r = "polygon", size + 1
        if shape == "triangle":
            corners = [(x, y - r), (x + r, y + size), (x - r, y + size)]
        else:
            corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        shape_attrs = 'points="' + " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + '"'
    else:
        tag, shape_attrs = "circle", f'cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"'
    return f"<{tag} {shape_attrs} {style}>{inside}</{tag}>"


def _legend_rows(series: list[Series], key_width: float) -> list[list[tuple[Series, float]]]:
    """The legend's entries in rows that fit the chart's width: (series, x) pairs."""
    rows: list[list[tuple[Series, float]]] = [[]]
    x = 10.0
    for s in series:
        entry = key_width + 6 + text_width(s.name) + 18
        if rows[-1] and x + entry > WIDTH:
            rows.append([])
            x = 10.0
        rows[-1].append((s, x))
        x += entry
    return rows


def _legend(rows, y: float, key) -> list[str]:
    out = []
    for row in rows:
        for s, x in row:
            out += key(s, x, y)
            out.append(_text(x + KEY_WIDTH + 6, y + 1, s.name))
        y += 20
    return out


KEY_WIDTH = 26


def _describe(labels, series, unit, decimals) -> str:
    parts = []
    for index, label in enumerate(labels):
        values = ", ".join(
            (f"{s.name}: " if len(series) > 1 else "") + _fmt(s.values[index], unit, decimals)
            for s in series
        )
        parts.append(f"{label}: {values}")
    return "; ".join(parts) + "."


def _colour(series: list[Series]) -> list[Series]:
    for index, s in enumerate(series):
        s.color = s.color or PALETTE[index % len(PALETTE)]
        s.dash = s.dash or DASHES[index % len(DASHES)]
        s.marker = MARKERS[index % len(MARKERS)] if s.marker == "circle" else s.marker
    return series


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
    A long label takes as many lines as it needs (measured in the font), and its group
    grows to hold them: no label is cut.
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
    bars_height = len(series) * bar + (len(series) - 1) * gap
    wrapped = []
    for index, label in enumerate(labels):
        mark = marks[index] if marks else ""
        wrapped.append(wrap_text(f"{label} {mark}" if mark else label, label_width - 4))
    heights = [max(bars_height, len(lines) * LINE_HEIGHT) + 2 * pad for lines in wrapped]
    header = 22
    legend_rows = _legend_rows(series, KEY_WIDTH) if len(series) > 1 else []
    legend = 20 * len(legend_rows) + 4 if legend_rows else 0
    height = header + (sum(heights) if heights else bars_height + 2 * pad) + 18 + legend
    axis_bottom = height - 18 - legend

    def x_of(value):
        return plot_left + plot_width * min(max(value, 0), top) / top

    out = _open(dom_id, height, title, caption + " " + _describe(labels, series, unit, decimals))
    fills = []
    for k, s in enumerate(series):
        definition, fill = _hatch(dom_id, k, s.color)
        out.append(definition)
        fills.append(fill)
    # Grid: quarters of the scale, with their values on top.
    for step in range(5):
        value = top * step / 4
        x = x_of(value)
        out.append(
            f'<line x1="{x:.1f}" y1="{header - 4}" x2="{x:.1f}" y2="{axis_bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(x, header - 8, _fmt(value, unit, 0), anchor="middle", size=9))
    y0 = header
    for index, lines in enumerate(wrapped):
        middle = y0 + heights[index] / 2
        first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
        for n, line in enumerate(lines):
            out.append(_text(label_width, first + n * LINE_HEIGHT, line, anchor="end"))
        top_of_bars = middle - bars_height / 2
        for k, s in enumerate(series):
            value = s.values[index]
            y = top_of_bars + k * (bar + gap)
            if value is not None:
                width = max(x_of(value) - plot_left, 0.5 if value else 0)
                out.append(
                    f'<rect x="{plot_left}" y="{y:.1f}" width="{width:.1f}" height="{bar}" '
                    f'fill="{fills[k]}" stroke="{INK}" stroke-width="0.6"><title>{escape(s.name)}: '
                    f"{escape(_fmt(value, unit, decimals))}</title></rect>"
                )
                end = plot_left + width
            else:
                end = plot_left
            out.append(_text(end + 4, y + bar - 3, _fmt(value, unit, decimals), size=10))
        y0 += heights[index]
    out.append(
        f'<line x1="{plot_left}" y1="{header - 4}" x2="{plot_left}" y2="{axis_bottom:.1f}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if reference is not None:
        value, text = reference
        x = x_of(value)
        out.append(
            f'<line x1="{x:.1f}" y1="{header - 4}" x2="{x:.1f}" y2="{axis_bottom:.1f}" '
            f'stroke="{REFERENCE}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        out.append(_text(x, axis_bottom + 13, text, anchor="middle", size=9, color=REFERENCE))
    if legend_rows:

        def key(s, x, y):
            fill = fills[series.index(s)]
            return [
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="{KEY_WIDTH}" height="12" '
                f'fill="{fill}" stroke="{INK}" stroke-width="0.6"/>'
            ]

        out += _legend(legend_rows, axis_bottom + 30, key)
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
    """Lines over a few points (the quarters of a year); a missing value breaks the line.

    Each line has its own dash pattern and marker shape and a dark outline, so the chart
    reads in black and white; the point labels and the legend wrap to the chart's width.
    """
    series = _colour(list(series))
    dom_id = dom_id or f"chart-{next(_ids)}"
    left, right, top_y, plot_height = 48, WIDTH - 56, 16, 160
    bottom_y = top_y + plot_height
    step = (right - left) / max(len(labels) - 1, 1)
    label_lines = [wrap_text(label, max(step - 8, 60)) for label in labels]
    labels_height = LINE_HEIGHT * max((len(lines) for lines in label_lines), default=1)
    legend_rows = _legend_rows(series, KEY_WIDTH)
    legend_top = bottom_y + labels_height + 26
    height = legend_top + 20 * len(legend_rows)
    top = max_value or 1

    def point(index, value):
        return left + index * step, bottom_y - plot_height * min(max(value, 0), top) / top

    def stroke(s, width, color):
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        return f'fill="none" stroke="{color}" stroke-width="{width}"{dash}'

    out = _open(dom_id, height, title, caption + " " + _describe(labels, series, unit, decimals))
    for k in range(5):
        value = top * k / 4
        y = bottom_y - plot_height * k / 4
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(_text(left - 6, y + 4, _fmt(value, unit, 0), anchor="end", size=9))
    for index, lines in enumerate(label_lines):
        x, _y = point(index, 0)
        for n, line in enumerate(lines):
            out.append(_text(x, bottom_y + 16 + n * LINE_HEIGHT, line, anchor="middle"))
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
                out.append(f'<polyline points="{points}" {stroke(s, 4.5, INK)}/>')
                out.append(f'<polyline points="{points}" {stroke(s, 2.5, s.color)}/>')
        for index, value in enumerate(s.values):
            if value is None:
                continue
            x, y = point(index, value)
            name = f"{s.name}, {labels[index]}: {_fmt(value, unit, decimals)}"
            out.append(_marker(s.marker, x, y, s.color, name))
    out.append(f'<line x1="{left}" y1="{bottom_y}" x2="{right}" y2="{bottom_y}" stroke="{INK}"/>')

    def key(s, x, y):
        points = f"{x:.1f},{y - 3:.1f} {x + KEY_WIDTH:.1f},{y - 3:.1f}"
        return [
            f'<polyline points="{points}" {stroke(s, 4.5, INK)}/>',
            f'<polyline points="{points}" {stroke(s, 2.5, s.color)}/>',
            _marker(s.marker, x + KEY_WIDTH / 2, y - 3, s.color),
        ]

    out += _legend(legend_rows, legend_top, key)
    out.append("</svg>")
    return Chart(title=title, caption=caption, svg=mark_safe("".join(out)), dom_id=dom_id)  # noqa: S308

"""Small helpers for the observation pages."""

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

register = template.Library()

WIDTH, HEIGHT, PAD = 120, 28, 3


@register.simple_tag
def sparkline(points, label=""):
    """An inline SVG line of a criterion's scores over time (share of the scale, 0..1)."""
    points = list(points)
    if not points:
        return ""
    n = len(points)
    step = (WIDTH - 2 * PAD) / (n - 1) if n > 1 else 0
    coords = []
    for i, point in enumerate(points):
        x = PAD + i * step if n > 1 else WIDTH / 2
        y = PAD + (1 - point.share) * (HEIGHT - 2 * PAD)
        coords.append((round(x, 1), round(y, 1)))
    line = " ".join(f"{x},{y}" for x, y in coords)
    last_x, last_y = coords[-1]
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}"><polyline points="{}"></polyline><circle cx="{}" cy="{}" r="2.5">'
        "</circle></svg>",
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        line,
        last_x,
        last_y,
    )


@register.simple_tag(takes_context=True)
def score_rows(context, points):
    """The table rows of a criterion's scores: date (a link to the visit), score, scale.

    A teacher's history over ten years has hundreds of scores; each visit's cells, and each
    score's, are written once per page and reused for every criterion.
    """
    visits, scores = context.render_context.setdefault("score_rows", ({}, {}))

    def visit(point):
        if point.observation_id not in visits:
            visits[point.observation_id] = format_html(
                '<tr><td><a href="{}">{}</a></td>',
                reverse("observations:detail", args=[point.observation_id]),
                date_format(point.date, "SHORT_DATE_FORMAT"),
            )
        return visits[point.observation_id]

    def score(point):
        key = (point.value, point.scale_min, point.scale_max)
        if key not in scores:
            scores[key] = format_html(
                '<td class="text-end">{}</td><td>{}–{}</td></tr>',
                floatformat(point.value, -1),
                point.scale_min,
                point.scale_max,
            )
        return scores[key]

    return format_html_join("", "{}{}", ((visit(p), score(p)) for p in points))


@register.filter
def percent(value):
    return "" if value is None else f"{value}%"

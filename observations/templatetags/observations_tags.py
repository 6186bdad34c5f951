"""Small helpers for the observation pages."""

from django import template
from django.utils.html import format_html

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


@register.filter
def percent(value):
    return "" if value is None else f"{value}%"

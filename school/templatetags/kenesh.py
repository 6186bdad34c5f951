"""Template helpers shared by every app's pages and print templates."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..documents import static_file_uri

register = template.Library()


@register.simple_tag
def print_static(path):
    """file:// URI of a static file for print (PDF) templates."""
    return static_file_uri(path)


@register.filter
def roman(number):
    try:
        return ("I", "II", "III", "IV")[int(number) - 1]
    except (ValueError, TypeError, IndexError):
        return number


@register.simple_tag
def quarter_label(quarter):
    """ "II чейрек" / "II четверть": quarters as schools write them."""
    return _("%(roman)s quarter") % {"roman": quarter.roman}


@register.inclusion_tag("school/_history_link.html", takes_context=True)
def history_link(context, record):
    """A link to the record's change history, for those who may read it."""
    from ..permissions import can_view_history

    user = context["request"].user
    return {
        "show": record is not None and can_view_history(user),
        "label": record._meta.label_lower if record is not None else "",
        "pk": record.pk if record is not None else None,
    }


@register.simple_tag
def status_badge(record, status=None, label=None):
    """A record's status as a Bootstrap badge; the colours are the model's STATUS_BADGES map
    (status -> class), so each model says once how its states look everywhere.

    ``status``/``label`` show another state of the record (e.g. "overdue")."""
    status = record.status if status is None else status
    if label is None:
        label = record.get_status_display()
    colours = getattr(type(record), "STATUS_BADGES", {})
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        colours.get(status, "text-bg-light border"),
        status,
        label,
    )

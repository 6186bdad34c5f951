from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row, Submit
from django import forms
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from school.forms import DateInput, ServiceErrorsMixin
from school.widgets import ChoiceList

from .models import ActivityForm, ItemStatus
from .timing import month_dates, months_of_year

QUARTER_CHOICES = [("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")]


SAVE = _("Save")


class SecondarySubmit(Submit):
    field_classes = "btn btn-outline-primary ms-2"


def _helper(*layout, submit=SAVE):
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("save", submit))
    return helper


class ProgrammeForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "title",
            Row(
                Column("start_year", css_class="col-sm-6"), Column("end_year", css_class="col-sm-6")
            ),
        )


class DirectionForm(ServiceErrorsMixin, forms.Form):
    order = forms.IntegerField(label=_("Number"), min_value=1, max_value=99)
    title = forms.CharField(label=_("Title"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("order", css_class="col-sm-2"), Column("title", css_class="col-sm-10"))
        )


class AssociationPlanStartForm(ServiceErrorsMixin, forms.Form):
    association = forms.ModelChoiceField(label=_("Methodical association"), queryset=None)
    academic_year = forms.ModelChoiceField(label=_("Academic year"), queryset=None)

    def __init__(self, *args, associations, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.fields["academic_year"].queryset = years
        self.helper = _helper(submit=_("Start the plan"))


class CouncilPlanStartForm(ServiceErrorsMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Academic year"), queryset=None)

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["council"].label_from_instance = lambda c: c.academic_year.name
        self.helper = _helper(submit=_("Start the plan"))


class PlanItemForm(ServiceErrorsMixin, forms.Form):
    activity = forms.CharField(
        label=_("Activity"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    form = forms.ChoiceField(label=_("Form"), choices=ActivityForm.choices)
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, empty_value=None, required=False, choices=()
    )
    quarter = forms.TypedChoiceField(
        label=_("or quarter"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=QUARTER_CHOICES,
        help_text=_("Choose a month, or only a quarter when the month is not known yet."),
    )
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"),
        queryset=None,
        required=False,
        widget=ChoiceList,
        error_messages={"invalid_choice": _("Choose responsible people of this school only.")},
    )
    expected_result = forms.CharField(
        label=_("Expected result"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    direction = forms.ModelChoiceField(
        label=_("Programme direction"), queryset=None, required=False
    )

    def __init__(self, *args, year, staff, directions, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        months = []
        for number in months_of_year(year):
            start, _end = month_dates(year, number)
            months.append((number, f"{MONTHS[number]} {start.year}"))
        self.fields["month"].choices = [("", "—"), *months]
        self.fields["responsible"].queryset = staff
        self.fields["responsible"].label_from_instance = lambda s: s.full_name
        self.fields["direction"].queryset = directions
        self.helper = _helper(
            "activity",
            Row(
                Column("form", css_class="col-md-4"),
                Column("month", css_class="col-sm-6 col-md-4"),
                Column("quarter", css_class="col-sm-6 col-md-4"),
            ),
            "responsible",
            "expected_result",
            "direction",
        )
        if creating:
            self.helper.add_input(SecondarySubmit("save_and_add", _("Save and add another")))

    def clean(self):
        data = super().clean()
        if data.get("month") is None and data.get("quarter") is None and "month" not in self.errors:
            self.add_error("month", _("Choose a month or a quarter."))
        return data

    @classmethod
    def initial_for(cls, item) -> dict:
        """An item planned into a month shows the month only; its quarter follows from it."""
        initial = super().initial_for(item)
        if item.month:
            initial["quarter"] = None
        return initial


class StatusForm(ServiceErrorsMixin, forms.Form):
    initial_fields = {"note": "status_note"}

    status = forms.ChoiceField(
        label=_("Status"), choices=ItemStatus.choices, widget=forms.RadioSelect
    )
    moved_to = forms.DateField(
        label=_("New date"),
        required=False,
        widget=DateInput,
        help_text=_("For a moved item: when it will take place."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Required when the item is cancelled: say why."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("status", "moved_to", "note")

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if (
            status == ItemStatus.MOVED
            and not data.get("moved_to")
            and "moved_to" not in self.errors
        ):
            self.add_error("moved_to", _("Give the new date of a moved item."))
        if status == ItemStatus.CANCELLED and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the item is cancelled."))
        return data

    def add_service_errors(self, error):
        """The model names the note ``status_note``; the form calls it ``note``."""
        if hasattr(error, "error_dict") and "status_note" in error.error_dict:
            error.error_dict["note"] = error.error_dict.pop("status_note")
        super().add_service_errors(error)


class TakeItemsForm(ServiceErrorsMixin, forms.Form):
    """Association items to take into the council's plan; rendered as a table of checkboxes."""

    items = forms.ModelMultipleChoiceField(
        label=_("Items"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one item to take."),
            "invalid_choice": _("Choose items of this year's association plans."),
        },
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items

    def chosen_ids(self):
        return {str(v) for v in self.data.getlist("items")} if self.is_bound else set()


class PlanItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.activity


class AgendaForm(ServiceErrorsMixin, forms.Form):
    """Put one or several council plan items on a meeting's agenda; the next meeting (the first
    not held yet from today) is chosen already, and the item the user came from is ticked."""

    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None)
    items = PlanItemChoiceField(
        label=_("Items to put on the agenda"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one item.")},
    )

    def __init__(self, *args, meetings, items, item, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["items"].queryset = items
        self.fields["meeting"].initial = meetings.filter(date__gte=day).first()
        self.fields["items"].initial = [item.pk]
        if meetings.exists():
            self.helper = _helper("meeting", "items", submit=_("Put on the agenda"))
        else:  # nothing to choose: the form says to plan a meeting first, and shows no field
            self.helper = FormHelper()
            self.helper.form_tag = False
            self.helper.layout = Layout(
                HTML(
                    format_html(
                        '<p class="alert alert-warning">{}</p>',
                        _("The council has no meeting to come this year: plan a meeting first."),
                    )
                )
            )

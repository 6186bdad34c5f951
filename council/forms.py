from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Staff
from school.forms import DateInput, ServiceErrorsMixin
from school.models import AcademicYear
from school.widgets import ChoiceList

from .models import Council, LeaveReason, MemberRole
from .selectors import default_day

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class CouncilViewForm(forms.Form):
    """Which year's council to show, and optionally the composition on a past day (GET)."""

    year = forms.ModelChoiceField(
        label=_("Academic year"), queryset=AcademicYear.objects.none(), required=False
    )
    on = forms.DateField(
        label=_("Composition on"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = AcademicYear.objects.filter(school=school)
        self.fields["year"].empty_label = None
        self.fields["year"].label_from_instance = lambda y: y.name
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("year", css_class="col-6 col-md-4"),
                Column("on", css_class="col-6 col-md-4"),
            )
        )
        self.helper.add_input(Submit("", _("Show")))

    def check_day_in(self, year):
        day = self.cleaned_data.get("on") if self.is_bound and self.is_valid() else None
        if day is not None and not year.contains(day):
            self.add_error(
                "on",
                _("Choose a day of the academic year %(year)s.") % {"year": year.name},
            )
            return None
        if day is not None:
            # The date picker shows only ISO dates; ?on=15.12.2025 is shown back as the same day.
            self.data = self.data.copy()
            self.data["on"] = day.isoformat()
        return day


class CouncilCreateForm(ServiceErrorsMixin, forms.Form):
    EMPTY, COPY = "empty", "copy"

    academic_year = forms.ModelChoiceField(
        label=_("Academic year"), queryset=AcademicYear.objects.none()
    )
    start = forms.ChoiceField(
        label=_("Composition"),
        choices=[
            (COPY, _("copy last year's composition (members, roles, chair and secretary)")),
            (EMPTY, _("start with an empty composition")),
        ],
        initial=COPY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        years = AcademicYear.objects.filter(school=school, council__isnull=True)
        self.fields["academic_year"].queryset = years
        self.fields["academic_year"].label_from_instance = lambda y: y.name
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", _("Create the council")))


class OfficersForm(ServiceErrorsMixin, forms.Form):
    chair = forms.ModelChoiceField(
        label=_("Chair"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_(
            "The director, a deputy director or a teacher of the highest category (R4.1, P5.2)."
        ),
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretary"), queryset=Staff.objects.none(), required=False
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        members = Staff.objects.filter(
            school=council.academic_year.school_id,
            council_memberships__council=council,
            council_memberships__left_on__isnull=True,
        ).distinct()
        for name in ("chair", "secretary"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda s: f"{s.full_name} · {s.position}"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", _("Save")))


class MembershipAddForm(ServiceErrorsMixin, forms.Form):
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=Staff.objects.none())
    roles = forms.MultipleChoiceField(
        label=_("Roles in the council"),
        choices=MemberRole.choices,
        widget=ChoiceList,
        help_text=_("One or more (R0.2, P5.1)."),
    )
    joined_on = forms.DateField(
        label=_("Joined on"), input_formats=DATE_INPUT_FORMATS, widget=DateInput
    )

    @classmethod
    def initial_for(cls, council: Council) -> dict:
        """A new seat starts today, brought inside the council's year."""
        return {"joined_on": default_day(council.academic_year)}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        people = Staff.objects.filter(
            school=council.academic_year.school_id, left_on__isnull=True
        ).order_by("last_name", "first_name")
        self.fields["staff"].queryset = people
        self.fields["staff"].label_from_instance = lambda s: f"{s.full_name} · {s.position}"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("staff", css_class="col-md-8"),
                Column("joined_on", css_class="col-md-4"),
            ),
            "roles",
        )
        self.helper.add_input(Submit("save", _("Add to the council")))


class MembershipEndForm(ServiceErrorsMixin, forms.Form):
    left_on = forms.DateField(
        label=_("Left the council on"), input_formats=DATE_INPUT_FORMATS, widget=DateInput
    )
    leave_reason = forms.ChoiceField(label=_("Reason"), choices=LeaveReason.choices)
    leave_note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, the decision of the meeting that removed the member (R7.1)."),
    )

    @classmethod
    def initial_for(cls, membership) -> dict:
        """A member leaves today, brought inside the council's year."""
        return {"left_on": default_day(membership.council.academic_year)}

    def service_args(self) -> dict:
        data = super().service_args()
        return {
            "left_on": data["left_on"],
            "reason": data["leave_reason"],
            "note": data["leave_note"],
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("left_on", css_class="col-md-4"),
                Column("leave_reason", css_class="col-md-8"),
            ),
            "leave_note",
        )
        self.helper.add_input(Submit("save", _("Record the leaving"), css_class="btn-danger"))


class CouncilConfirmForm(ServiceErrorsMixin, forms.Form):
    """Nothing to fill in: the button, and why the composition cannot be confirmed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page lists the reasons itself, under its own heading.
        self.helper.form_show_errors = False
        self.helper.add_input(
            Submit("confirm", _("Confirm the composition"), css_class="btn-success")
        )

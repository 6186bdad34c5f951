from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Staff, Subject
from school.forms import DateInput, ServiceErrorsMixin
from school.selectors import today
from school.uploads import file_field

from .models import (
    CATEGORY_CHOICES,
    GRADES,
    MAX_COURSE_HOURS,
    MAX_CYCLE_YEARS,
    MAX_MINIMUM_HOURS,
    MIN_COURSE_HOURS,
    Attestation,
    CategoryRecord,
    ProgrammeReview,
)
from .services import ALLOWED_EXTENSIONS


def _helper(*layout, submit=None):
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("save", submit or _("Save")))
    return helper


class SettingsForm(ServiceErrorsMixin, forms.Form):
    attestation_cycle_years = forms.IntegerField(
        label=_("Attestation cycle, years"),
        min_value=1,
        max_value=MAX_CYCLE_YEARS,
        help_text=_("The next attestation is due this many years after the category was given."),
    )
    minimum_course_hours = forms.IntegerField(
        label=_("Minimum course hours in five years"),
        min_value=1,
        max_value=MAX_MINIMUM_HOURS,
        help_text=_("Teachers with fewer hours of courses in the last five years are flagged."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CategoryForm(ServiceErrorsMixin, forms.Form):
    category = forms.ChoiceField(label=_("Current category"), choices=Staff.Category.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("category", css_class="col-md-6"), Column("given_on", css_class="col-md-6"))
        )

    @classmethod
    def initial_for(cls, staff: Staff) -> dict:
        """The teacher's category and the date it was given, if recorded."""
        record = CategoryRecord.objects.filter(staff=staff).first()
        return {"category": staff.category, "given_on": record.given_on if record else None}


class AttestationForm(ServiceErrorsMixin, forms.Form):
    starts_on = forms.DateField(label=_("Attestation starts"), widget=DateInput)
    ends_on = forms.DateField(
        label=_("Commission's date"),
        widget=DateInput,
        help_text=_("The day the attestation commission meets and decides."),
    )
    category = forms.ChoiceField(label=_("Category applied for"), choices=CATEGORY_CHOICES)
    decision = forms.ChoiceField(
        label=_("Commission's decision"),
        choices=Attestation.Decision.choices,
        initial=Attestation.Decision.PENDING,
    )
    decision_note = forms.CharField(
        label=_("Commission's remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("starts_on", css_class="col-md-6"), Column("ends_on", css_class="col-md-6")),
            Row(Column("category", css_class="col-md-6"), Column("decision", css_class="col-md-6")),
            "decision_note",
        )


class DocumentForm(ServiceErrorsMixin, forms.Form):
    file = file_field(label=_("Document"), required=True, allowed=ALLOWED_EXTENSIONS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit=_("Upload"))


class CharacteristicForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Text of the characteristic"), widget=forms.Textarea(attrs={"rows": 16})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit=_("Save the characteristic"))


class SelfEducationForm(ServiceErrorsMixin, forms.Form):
    topic = forms.CharField(label=_("Self-education topic"), max_length=300)
    report = forms.CharField(
        label=_("Report at the end of the year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A short account of what was studied and tried in lessons."),
    )
    report_item = forms.ModelChoiceField(
        label=_("Reported at the association"),
        queryset=None,
        required=False,
        help_text=_("An item “self-education report” of the association's work plan."),
    )

    def __init__(self, *args, report_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_item"].queryset = report_items
        self.fields["report_item"].empty_label = _("not given at the association")
        self.fields["report_item"].label_from_instance = lambda item: (
            f"{item.plan.association.name}: {item.activity[:90]}"
        )
        self.helper = _helper("topic", "report", "report_item")


class CourseForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    provider = forms.CharField(
        label=_("Provider"),
        max_length=300,
        help_text=_("The institute or organisation that gave the course."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    # The range (1..500) is the service's rule, so its message shows next to the field.
    hours = forms.IntegerField(
        label=_("Hours"),
        widget=forms.NumberInput(attrs={"min": MIN_COURSE_HOURS, "max": MAX_COURSE_HOURS}),
        help_text=_("From %(min)s to %(max)s.")
        % {"min": MIN_COURSE_HOURS, "max": MAX_COURSE_HOURS},
    )
    certificate = file_field(label=_("Certificate"), allowed=ALLOWED_EXTENSIONS)
    remove_certificate = forms.BooleanField(label=_("Remove the certificate"), required=False)

    def __init__(self, *args, has_certificate=False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = ["certificate"]
        if has_certificate:
            fields.append("remove_certificate")
        else:
            del self.fields["remove_certificate"]
        self.helper = _helper(
            "title",
            "provider",
            Row(
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
                Column("hours", css_class="col-md-4"),
            ),
            *fields,
        )

    @classmethod
    def initial_for(cls, course) -> dict:
        """The course's fields; the certificate is shown beside the form, not in the field."""
        initial = super().initial_for(course)
        initial.pop("certificate", None)
        return initial


class ReviewForm(ServiceErrorsMixin, forms.Form):
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None)
    grade = forms.TypedChoiceField(
        label=_("Grade"), coerce=int, choices=[(g, g) for g in range(1, GRADES + 1)]
    )
    reviewed_on = forms.DateField(label=_("Date of the review"), widget=DateInput, initial=today)
    result = forms.ChoiceField(
        label=_("Result"), choices=ProgrammeReview.Result.choices, widget=forms.RadioSelect
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the programme is returned."),
    )

    def __init__(self, *args, teachers, school, follows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        self.follows = follows
        if follows is not None:
            for name in ("teacher", "subject", "grade"):
                self.fields[name].disabled = True
        self.helper = _helper(
            Row(Column("teacher", css_class="col-md-6"), Column("subject", css_class="col-md-6")),
            Row(Column("grade", css_class="col-md-6"), Column("reviewed_on", css_class="col-md-6")),
            "result",
            "remarks",
        )

    @classmethod
    def initial_for(cls, follows: ProgrammeReview) -> dict:
        """A follow-up of a returned review: the same teacher, subject and grade, approving."""
        return {
            "teacher": follows.teacher_id,
            "subject": follows.subject_id,
            "grade": follows.grade,
            "result": ProgrammeReview.Result.APPROVED,
        }

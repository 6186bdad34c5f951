from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import MethodicalAssociation, Staff, Subject
from school.forms import DateInput, ServiceErrorsMixin
from school.models import AcademicYear
from school.selectors import today

from .models import (
    CLASS_LETTERS,
    GRADES,
    LESSONS_PER_DAY,
    SCALE_LIMIT,
    CriteriaSet,
    LessonType,
    Observation,
    Purpose,
)
from .services import DETAIL_FIELDS, LESSON_FIELDS

SAVE_DRAFT = "draft"
SUBMIT = "submit"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class ObservationForm(ServiceErrorsMixin, forms.Form):
    """The visit card. A draft may leave scores empty; submitting asks for all of them."""

    # The visit's details, as the services take them (the scores come from scores()).
    service_fields = tuple(DETAIL_FIELDS)
    # The teacher's choices are built from pks (see __init__).
    initial_fields = {"teacher": "teacher_id", "subject": "subject_id"}

    teacher = StaffChoiceField(
        label=_("Observed teacher"),
        queryset=Staff.objects.none(),
        error_messages={"invalid_choice": _("Choose a teacher of your school.")},
    )
    date = forms.DateField(label=_("Date of the lesson"), widget=DateInput, initial=today)
    lesson_number = forms.TypedChoiceField(
        label=_("Lesson No."),
        coerce=int,
        choices=[("", "—")] + [(n, str(n)) for n in range(1, LESSONS_PER_DAY + 1)],
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"),
        coerce=int,
        choices=[("", "—")] + [(n, str(n)) for n in range(1, GRADES + 1)],
    )
    class_letter = forms.ChoiceField(
        label=_("Letter"), choices=[("", "—")] + [(c, c) for c in CLASS_LETTERS]
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Subject.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose a subject of your school.")},
    )
    topic = forms.CharField(label=_("Topic of the lesson"), max_length=300)
    lesson_type = forms.ChoiceField(
        label=_("Type of lesson"), choices=[("", "—")] + LessonType.choices
    )
    purpose = forms.ChoiceField(
        label=_("Purpose of the visit"), choices=[("", "—")] + Purpose.choices
    )
    strengths = forms.CharField(
        label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    shortcomings = forms.CharField(
        label=_("Shortcomings"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conclusion = forms.CharField(
        label=_("Conclusion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to submit the visit."),
    )
    follow_up_on = forms.DateField(label=_("Follow-up visit by"), required=False, widget=DateInput)

    def __init__(self, *args, school, observer: Staff, criteria_set: CriteriaSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = observer
        self.criteria_set = criteria_set
        self.criteria = list(criteria_set.criteria.order_by("order"))
        # Every teacher of the school is accepted (so that choosing oneself gets a clear
        # message, and another school's teacher a field error); oneself is not offered.
        teacher_field = self.fields["teacher"]
        teacher_field.queryset = Staff.objects.filter(school=school)
        current = self.initial.get("teacher")
        teacher_field.widget.choices = [("", "—")] + [
            (staff.pk, staff.full_name)
            for staff in Staff.objects.filter(school=school).exclude(pk=observer.pk)
            if staff.left_on is None or staff.pk == current
        ]
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        scale = criteria_set.scale_values
        score_names = []
        for criterion in self.criteria:
            name = f"score_{criterion.pk}"
            score_names.append(name)
            message = _("The score must be from %(min)s to %(max)s.") % {
                "min": criteria_set.scale_min,
                "max": criteria_set.scale_max,
            }
            self.fields[name] = forms.IntegerField(
                label=f"{criterion.order}. {criterion.text}",
                required=False,
                min_value=criteria_set.scale_min,
                max_value=criteria_set.scale_max,
                error_messages={"min_value": message, "max_value": message, "invalid": message},
                widget=forms.RadioSelect(
                    choices=[("", "–")] + [(v, str(v)) for v in scale],
                    attrs={"class": "btn-check"},
                ),
            )
        # The fields in the order the page shows them: the error banner lists them so.
        self.order_fields([*LESSON_FIELDS, *score_names])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The lesson"),
                "teacher",
                Row(
                    Column("date", css_class="col-12 col-sm-6"),
                    Column("lesson_number", css_class="col-4 col-sm-2"),
                    Column("grade", css_class="col-4 col-sm-2"),
                    Column("class_letter", css_class="col-4 col-sm-2"),
                ),
                "subject",
                "topic",
                Row(
                    Column("lesson_type", css_class="col-12 col-sm-6"),
                    Column("purpose", css_class="col-12 col-sm-6"),
                ),
            ),
            Fieldset(
                _("Scores (%(set)s, scale %(scale)s)")
                % {"set": criteria_set.name, "scale": criteria_set.scale_label},
                *[Field(name, template="observations/score_field.html") for name in score_names],
            ),
            Fieldset(
                _("Analysis"),
                "strengths",
                "shortcomings",
                "recommendations",
                "conclusion",
                "follow_up_on",
            ),
            Div(
                StrictButton(
                    _("Save draft"),
                    type="submit",
                    name="action",
                    value=SAVE_DRAFT,
                    css_class="btn-lg btn-outline-primary",
                ),
                StrictButton(
                    _("Submit to the teacher"),
                    type="submit",
                    name="action",
                    value=SUBMIT,
                    css_class="btn-lg btn-primary",
                ),
                css_class="d-grid gap-2 d-sm-flex mt-3 visit-actions",
            ),
        )

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}

    def clean_teacher(self):
        teacher = self.cleaned_data["teacher"]
        if teacher.pk == self.observer.pk:
            raise forms.ValidationError(_("A teacher cannot observe their own lesson."))
        return teacher

    @classmethod
    def initial_for(cls, observation: Observation) -> dict:
        initial = super().initial_for(observation)
        for score in observation.scores.all():
            initial[f"score_{score.criterion_id}"] = score.value
        return initial


class AcknowledgeForm(ServiceErrorsMixin, forms.Form):
    service_fields = ("response",)

    response = forms.CharField(
        label=_("Your response (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class NoteForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CriteriaSetForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    scale_min = forms.IntegerField(
        label=_("Lowest score"), min_value=0, max_value=SCALE_LIMIT - 1, initial=1
    )
    scale_max = forms.IntegerField(
        label=_("Highest score"), min_value=1, max_value=SCALE_LIMIT, initial=5
    )
    criteria = forms.CharField(
        label=_("Criteria, one per line"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Changing a set that visits have already been scored on makes a new version; "
            "those visits keep the criteria they were scored on."
        ),
    )
    is_default = forms.BooleanField(label=_("Offer this set first for new visits"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            Row(
                Column("scale_min", css_class="col-6"),
                Column("scale_max", css_class="col-6"),
            ),
            "criteria",
            "is_default",
        )
        self.helper.add_input(Submit("save", _("Save")))

    @classmethod
    def initial_for(cls, criteria_set: CriteriaSet) -> dict:
        initial = super().initial_for(criteria_set)
        initial["criteria"] = "\n".join(c.text for c in criteria_set.criteria.order_by("order"))
        return initial

    def clean_criteria(self) -> list[str]:
        """One criterion a line, as the services take them."""
        return self.cleaned_data["criteria"].splitlines()

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
        return data


class YearFilterForm(forms.Form):
    year = forms.ModelChoiceField(
        label=_("Academic year"),
        queryset=AcademicYear.objects.none(),
        required=False,
        empty_label=_("All years"),
    )

    def __init__(self, *args, school, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        field.queryset = AcademicYear.objects.filter(school=school)
        field.required = required
        if required:
            field.empty_label = None
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class BrowseFilterForm(YearFilterForm):
    """The year, and the association, purpose and state of the visits."""

    association = forms.ModelChoiceField(
        label=_("Methodical association"),
        queryset=MethodicalAssociation.objects.none(),
        required=False,
        empty_label=_("All associations"),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=[("", _("All purposes"))] + Purpose.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All states"))] + Observation.Status.choices,
        required=False,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, school=school, **kwargs)
        self.fields["association"].queryset = MethodicalAssociation.objects.filter(school=school)


class ConclusionForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Text of the conclusion"), widget=forms.Textarea(attrs={"rows": 18})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from members.models import Staff, Subject
from members.selectors import active_staff
from school.calendar import short_date
from school.forms import DateInput, ServiceErrorsMixin
from school.uploads import file_field
from school.widgets import ChoiceList

from . import selectors
from .models import AwardRecommendation, Entry, Manuscript, Publication, Review


class DecisionChoiceField(forms.ModelChoiceField):
    """A decision of the council as the protocol numbers it: "3.2 (12.10.2026): text"."""

    def label_from_instance(self, obj):
        text = Truncator(obj.text).chars(90)
        return f"{obj.code} ({short_date(obj.meeting.date)}): {text}"


def _helper(submit_label, *layout):
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("save", submit_label))
    return helper


class EntryForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    authors = forms.ModelMultipleChoiceField(label=_("Authors"), queryset=None, widget=ChoiceList)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None, required=False)
    grades = forms.CharField(
        label=_("Grades"), max_length=20, required=False, help_text=_("For example 5-7 or 9.")
    )
    source = forms.ChoiceField(
        label=_("Where the experience comes from"), choices=Entry.Source.choices
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    tags_text = forms.CharField(
        label=_("Tags"),
        max_length=600,
        required=False,
        help_text=_("Words separated by commas, e.g. функционалдык сабаттуулук, долбоор."),
    )
    recommended_by = DecisionChoiceField(
        label=_("Recommended by the council's decision"), queryset=None, required=False
    )
    upload = file_field(label=_("Attach a file"))

    @classmethod
    def initial_for(cls, entry) -> dict:
        initial = super().initial_for(entry)
        initial["tags_text"] = ", ".join(t.name for t in entry.tags.all())
        return initial

    def __init__(self, *args, school, can_recommend, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = active_staff(school)
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        if can_recommend:
            self.fields["recommended_by"].queryset = selectors.decisions_for_choice(school)
        else:
            del self.fields["recommended_by"]
        names = ["title", "authors"]
        names += [
            Row(
                Column("subject", css_class="col-sm-5"),
                Column("grades", css_class="col-sm-3"),
                Column("source", css_class="col-sm-4"),
            ),
            "description",
            "tags_text",
        ]
        if can_recommend:
            names.append("recommended_by")
        names.append("upload")
        self.helper = _helper(_("Save"), *names)


class BankFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=None, required=False, empty_label=_("All subjects")
    )
    source = forms.ChoiceField(label=_("Source"), required=False)
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=None, required=False, empty_label=_("All tags")
    )
    author = forms.ModelChoiceField(
        label=_("Author"), queryset=None, required=False, empty_label=_("All authors")
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        self.fields["source"].choices = [("", _("All sources")), *Entry.Source.choices]
        self.fields["tag"].queryset = selectors.school_tags(school)
        self.fields["author"].queryset = (
            Staff.objects.filter(school=school, experience_entries__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-md-4"),
                Column("subject", css_class="col-md-2"),
                Column("source", css_class="col-md-2"),
                Column("tag", css_class="col-md-2"),
                Column("author", css_class="col-md-2"),
            )
        )
        self.helper.add_input(Submit("find", _("Find")))


class PublicationForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Type"), choices=Publication.Kind.choices)
    staff_authors = forms.ModelMultipleChoiceField(
        label=_("Authors from the staff"),
        queryset=None,
        required=False,
        widget=ChoiceList,
    )
    pupil_authors = forms.CharField(
        label=_("Pupils (authors)"),
        max_length=300,
        required=False,
        help_text=_("Names and classes of pupil authors, e.g. Асанов Бекзат, 10-б."),
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor of the pupils"), queryset=None, required=False
    )
    venue = forms.CharField(
        label=_("Where published"),
        max_length=255,
        help_text=_("Journal, newspaper, collection or website, with the issue."),
    )
    published_on = forms.DateField(label=_("Date"), widget=DateInput)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_authors"].queryset = active_staff(school)
        self.fields["supervisor"].queryset = active_staff(school)
        self.helper = _helper(
            _("Save"),
            "title",
            Row(Column("kind", css_class="col-sm-6"), Column("published_on", css_class="col-sm-6")),
            "staff_authors",
            Row(
                Column("pupil_authors", css_class="col-sm-7"),
                Column("supervisor", css_class="col-sm-5"),
            ),
            "venue",
        )


class PublicationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.ModelChoiceField(
        label=_("Academic year"), queryset=None, required=False, empty_label=_("All years")
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        from school.models import AcademicYear

        self.fields["kind"].choices = [("", _("All types")), *Publication.Kind.choices]
        self.fields["year"].queryset = AcademicYear.objects.filter(school=school)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-sm-5"), Column("year", css_class="col-sm-4"))
        )
        self.helper.add_input(Submit("find", _("Show")))


class ManuscriptForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title of the booklet"), max_length=255)
    abstract = forms.CharField(
        label=_("Abstract"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the booklet is about, for whom, and what is new in it."),
    )
    file = file_field(label=_("Manuscript file"), required=True)

    def service_args(self) -> dict:
        args = super().service_args()
        args["upload"] = args.pop("file")
        return args

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Submit for review"), "title", "abstract", "file")


class ReviewersForm(ServiceErrorsMixin, forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"),
        queryset=None,
        widget=ChoiceList,
        help_text=_("One or more; the author cannot review their own manuscript."),
    )

    def __init__(self, *args, manuscript, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = active_staff(manuscript.school)
        self.helper = _helper(_("Assign"), "reviewers")


class ReviewForm(ServiceErrorsMixin, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Review.Verdict.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Review"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Relevance, content, methodical value, language; what to improve."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the review"), "verdict", "text")


class ManuscriptDecisionForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("The council decided"),
        choices=[
            (Manuscript.Status.RECOMMENDED, _("recommend for publication")),
            (Manuscript.Status.RETURNED, _("return to the author")),
        ],
        widget=forms.RadioSelect,
    )
    decision = DecisionChoiceField(
        label=_("Decision in the meeting's protocol"), queryset=None, required=False
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When returning, say what to change."),
    )

    def __init__(self, *args, manuscript, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = selectors.decisions_for_choice(manuscript.school).filter(
            meeting__date__gte=manuscript.submitted_on
        )
        self.helper = _helper(_("Record the decision"), "outcome", "decision", "note")


class AwardForm(ServiceErrorsMixin, forms.Form):
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None)
    award = forms.CharField(
        label=_("Award"),
        max_length=255,
        help_text=_("As the award sheet names it."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=AwardRecommendation.Level.choices)
    characteristic = forms.CharField(
        label=_("Characteristic"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "The council's characteristic for the award sheet: work, results, methodical "
            "activity, pupils' achievements."
        ),
    )
    decision = DecisionChoiceField(label=_("Council's decision"), queryset=None, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = active_staff(school)
        self.fields["decision"].queryset = selectors.decisions_for_choice(school)
        self.helper = _helper(
            _("Save"),
            Row(Column("teacher", css_class="col-sm-6"), Column("level", css_class="col-sm-6")),
            "award",
            "characteristic",
            "decision",
        )

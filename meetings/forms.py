from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from members.models import Staff
from school.forms import DateInput, ServiceErrorsMixin
from school.models import AcademicYear
from school.uploads import file_field
from school.widgets import ChoiceList

from . import snapshot
from .models import Decision, Meeting


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class QuickSelect(forms.Select):
    """A select of flat choices written in Python, not through a template per option: the
    register's filters offer every member of staff and a year's meetings, and this keeps
    them from costing the page more than its rows."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) in chosen else "", label)
                for choice, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


def helper_with(submit: Submit, layout=None) -> FormHelper:
    """The crispy helper of a form rendered inside the page's own <form> tag, with its button."""
    helper = FormHelper()
    helper.form_tag = False
    if layout is not None:
        helper.layout = layout
    helper.add_input(submit)
    return helper


def staff_choices(school):
    return Staff.objects.filter(school=school, left_on__isnull=True).order_by(
        "last_name", "first_name", "patronymic"
    )


class ProtocolFormMixin(ServiceErrorsMixin):
    """A hidden `version` (stale-edit guard) and, on an approved protocol, the amendment reason."""

    def setup_protocol(self, meeting, *, submit_label=None):
        self.meeting = meeting
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial["version"] = meeting.version
        self.amending = meeting.is_approved
        if self.amending:
            self.fields["amendment_reason"] = forms.CharField(
                label=_("Reason for the amendment"),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "The protocol is approved: this change will be kept in its history "
                    "and noted in the PDF."
                ),
            )
        self.helper = helper_with(Submit("save", submit_label or _("Save")))

    def protocol_fields(self):
        names = ["version"]
        if self.amending:
            names.append("amendment_reason")
        return names

    def protocol_args(self):
        return {
            "version": self.cleaned_data["version"],
            "amendment_reason": self.cleaned_data.get("amendment_reason", ""),
        }

    def service_args(self):
        """The form's fields as the service's arguments, with the version and the reason."""
        return {**super().service_args(), **self.protocol_args()}


class MeetingPlanForm(ServiceErrorsMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False)
    secretary = forms.ModelChoiceField(label=_("Secretary"), queryset=None, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = staff_choices(school)
        self.fields["secretary"].queryset = staff_choices(school)
        self.fields["chair"].help_text = _("Empty: the council's chair.")
        self.fields["secretary"].help_text = _("Empty: the council's secretary.")
        self.helper = helper_with(Submit("save", _("Plan the meeting")), self.meeting_layout())

    @staticmethod
    def meeting_layout(*more):
        return Layout(
            Row(
                Column("date", css_class="col-sm-4"),
                Column("time", css_class="col-sm-3"),
                Column("kind", css_class="col-sm-5"),
            ),
            "place",
            Row(Column("chair", css_class="col-sm-6"), Column("secretary", css_class="col-sm-6")),
            *more,
        )


class MeetingEditForm(ProtocolFormMixin, MeetingPlanForm):
    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, school=meeting.school, **kwargs)
        self.fields["chair"].help_text = ""
        self.fields["secretary"].help_text = ""
        self.setup_protocol(meeting)
        self.helper.layout = self.meeting_layout(*self.protocol_fields())


class AgendaItemForm(ProtocolFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers (staff)"),
        queryset=None,
        required=False,
        widget=ChoiceList,
    )
    guest_speakers = forms.CharField(
        label=_("Invited speakers"),
        max_length=300,
        required=False,
        help_text=_("Name and position of speakers who are not staff of the school."),
    )
    planned_minutes = forms.IntegerField(
        label=_("Planned minutes"), min_value=1, max_value=600, required=False
    )

    def __init__(self, *args, meeting, review=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = staff_choices(meeting.school)
        self.setup_protocol(meeting)
        if review:
            del self.fields["title"]
        names = [
            n
            for n in ("title", "speakers", "guest_speakers", "planned_minutes")
            if n in self.fields
        ]
        self.helper.layout = Layout(*names, *self.protocol_fields())


class AttendanceForm(ProtocolFormMixin, forms.Form):
    """Present or absent (with a reason) for every member on the meeting's date."""

    PRESENT, ABSENT = "present", "absent"

    def __init__(self, *args, meeting, roster, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in roster.rows:
            pk = row.staff.pk
            name = f"member_{pk}"
            self.fields[name] = forms.ChoiceField(
                label=row.staff.full_name,
                choices=[(self.PRESENT, _("present")), (self.ABSENT, _("absent"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Mark present or absent.")},
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason for absence"), max_length=200, required=False
            )
            if row.present is not None:
                self.initial[name] = self.PRESENT if row.present else self.ABSENT
                self.initial[f"reason_{pk}"] = row.absence_reason
            self.rows.append((row.staff, name, f"reason_{pk}"))
        self.setup_protocol(meeting, submit_label=_("Save attendance"))
        self.helper.layout = Layout(
            HTML('{% include "meetings/_attendance_rows.html" %}'), *self.protocol_fields()
        )

    def bound_rows(self):
        return [(staff, self[choice], self[reason]) for staff, choice, reason in self.rows]

    def clean(self):
        data = super().clean()
        for _person, choice, reason in self.rows:
            if data.get(choice) == self.ABSENT and not (data.get(reason) or "").strip():
                self.add_error(reason, _("Give the reason for the absence."))
        return data

    def marks(self):
        data = self.cleaned_data
        return {
            staff.pk: (data[choice] == self.PRESENT, data.get(reason, ""))
            for staff, choice, reason in self.rows
        }

    def service_args(self):
        return {"marks": self.marks(), **self.protocol_args()}


class GuestForm(ProtocolFormMixin, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_protocol(meeting, submit_label=_("Add the guest"))
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-sm-6"), Column("position", css_class="col-sm-6")),
            *self.protocol_fields(),
        )


class ItemRecordForm(ProtocolFormMixin, forms.Form):
    """Heard (the main report) and spoke (contributions) on one agenda item: the form holds
    the formset of contributions (``formset``), valid only when both are."""

    heard_speaker = forms.ModelChoiceField(label=_("Heard: speaker"), queryset=None, required=False)
    heard_guest = forms.CharField(label=_("or an invited speaker"), max_length=200, required=False)
    heard_summary = forms.CharField(
        label=_("Heard: summary of the report"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, data=None, *args, item, **kwargs):
        super().__init__(data, *args, **kwargs)
        meeting = item.meeting
        self.fields["heard_speaker"].queryset = staff_choices(meeting.school)
        self.formset = contribution_formset(data, item=item, school=meeting.school)
        self.setup_protocol(meeting)
        self.helper.layout = Layout(
            HTML(format_html('<h2 class="h5">{}</h2>', _("Heard"))),
            Row(
                Column("heard_speaker", css_class="col-sm-6"),
                Column("heard_guest", css_class="col-sm-6"),
            ),
            "heard_summary",
            HTML('{% include "meetings/_contributions.html" %}'),
            *self.protocol_fields(),
        )

    def is_valid(self):
        form_valid = super().is_valid()
        return self.formset.is_valid() and form_valid

    def contributions(self):
        """The (speaker, guest, summary) of every row filled in, in order."""
        return [
            (
                f.cleaned_data.get("speaker"),
                f.cleaned_data.get("guest", ""),
                f.cleaned_data.get("summary", ""),
            )
            for f in self.formset.forms
            if f.has_changed() and not f.is_blank()
        ]

    def service_args(self):
        return {**super().service_args(), "contributions": self.contributions()}


class ContributionForm(forms.Form):
    speaker = forms.ModelChoiceField(label=_("Speaker"), queryset=None, required=False)
    guest = forms.CharField(label=_("or an invited speaker"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("What they said"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = staff_choices(school)

    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("speaker") or data.get("guest") or data.get("summary"))

    def clean(self):
        data = super().clean()
        if self.is_blank():
            return data
        if not data.get("speaker") and not (data.get("guest") or "").strip():
            self.add_error("speaker", _("Name the speaker."))
        if not (data.get("summary") or "").strip():
            self.add_error("summary", _("Write what was said."))
        return data


# "Spoke" rarely has more than a dozen speakers; a forged TOTAL_FORMS cannot make the page
# build thousands of forms.
ContributionFormSet = forms.formset_factory(
    ContributionForm, extra=2, max_num=60, absolute_max=60, validate_max=True
)


def contribution_formset(data=None, *, item, school):
    initial = [
        {"speaker": c.speaker, "guest": c.guest, "summary": c.summary}
        for c in item.contributions.all()
    ]
    return ContributionFormSet(
        data, initial=initial, prefix="spoke", form_kwargs={"school": school}
    )


class DecisionForm(ProtocolFormMixin, forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"),
        queryset=None,
        widget=ChoiceList,
        error_messages={"required": _("Name at least one responsible person.")},
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    votes_abstained = forms.IntegerField(label=_("Abstained"), min_value=0, required=False)
    for_pedagogical_council = forms.BooleanField(
        label=_("Put before the pedagogical council"), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_choices(meeting.school)
        self.setup_protocol(meeting)
        self.helper.layout = Layout(
            "text",
            Row(
                Column("responsible", css_class="col-sm-7"),
                Column("due_date", css_class="col-sm-5"),
            ),
            Fieldset(
                _("Vote (optional)"),
                Row(
                    Column("votes_for", css_class="col-4"),
                    Column("votes_against", css_class="col-4"),
                    Column("votes_abstained", css_class="col-4"),
                ),
            ),
            "for_pedagogical_council",
            *self.protocol_fields(),
        )


class ApproveForm(ServiceErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_without_quorum = forms.BooleanField(
        label=_("I confirm: approve the protocol although there was no quorum"), required=False
    )

    confirm_empty_items = forms.BooleanField(required=False)

    def __init__(self, *args, meeting, has_quorum, empty_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = meeting.version
        if has_quorum:
            del self.fields["confirm_without_quorum"]
        if empty_items:
            self.fields["confirm_empty_items"].label = _(
                "I confirm: approve the protocol although nothing is recorded on %(items)s"
            ) % {"items": snapshot.items_named(empty_items)}
        else:
            del self.fields["confirm_empty_items"]
        self.helper = helper_with(Submit("approve", _("Approve the protocol")))


class ConfirmForm(ProtocolFormMixin, forms.Form):
    """A removal or a move: only the version (and the amendment reason when approved)."""

    def __init__(self, *args, meeting, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_protocol(meeting, submit_label=submit_label)
        self.helper.layout = Layout(*self.protocol_fields())


class AttachmentForm(ProtocolFormMixin, forms.Form):
    file = file_field(label=_("File"), required=True)
    agenda_item = forms.ChoiceField(label=_("Attach to"), required=False)

    def __init__(self, *args, meeting, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {str(i.pk): i for i in items}
        self.fields["agenda_item"].choices = [("", _("the meeting as a whole"))] + [
            (str(i.pk), f"{i.position}. {i.display_title[:80]}") for i in items
        ]
        self.setup_protocol(meeting, submit_label=_("Attach"))
        self.helper.layout = Layout("file", "agenda_item", *self.protocol_fields())

    def chosen_item(self):
        return self.items.get(self.cleaned_data.get("agenda_item") or "")

    def service_args(self):
        return {
            "upload": self.cleaned_data["file"],
            "agenda_item": self.chosen_item(),
            **self.protocol_args(),
        }


class DecisionCompleteForm(ServiceErrorsMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput)
    note = forms.CharField(
        label=_("How it was carried out"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_with(Submit("done", _("Mark as done")))


class DecisionCancelForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_with(
            Submit("cancel", _("Cancel the decision"), css_class="btn-danger")
        )


class RegisterFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("any status")), *Decision.Status.choices, ("overdue", _("overdue"))]

    year = forms.ModelChoiceField(
        label=_("Academic year"),
        queryset=AcademicYear.objects.none(),
        required=False,
        empty_label=_("All years"),
        widget=QuickSelect,
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible"),
        queryset=None,
        required=False,
        empty_label=_("anyone"),
        widget=QuickSelect,
    )
    due_from = forms.DateField(label=_("Due from"), widget=DateInput, required=False)
    due_to = forms.DateField(label=_("Due until"), widget=DateInput, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("any meeting"),
        widget=QuickSelect,
    )
    # R2.14, R4.4: the decisions put before the pedagogical council.
    pedagogical = forms.BooleanField(
        label=_("Only those for the pedagogical council"), required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = AcademicYear.objects.filter(school=school).order_by(
            "-start_date"
        )
        self.fields["responsible"].queryset = Staff.objects.filter(school=school).order_by(
            "last_name", "first_name"
        )
        meetings = Meeting.objects.filter(council__academic_year__school=school).exclude(
            status=Meeting.Status.PLANNED
        )
        chosen_year = str(self.data.get("year", "")) if self.is_bound else ""
        if chosen_year.isdigit():
            # The meetings of the chosen year: a short list to pick from.
            meetings = meetings.filter(council__academic_year_id=int(chosen_year))
        self.fields["meeting"].queryset = meetings.order_by("-date")
        self.helper = helper_with(
            Submit("filter", _("Show")),
            Layout(
                Row(
                    Column("year", css_class="col-sm-6 col-lg-2"),
                    Column(Field("status"), css_class="col-sm-6 col-lg-2"),
                    Column("responsible", css_class="col-sm-6 col-lg-4"),
                    Column("meeting", css_class="col-sm-6 col-lg-4"),
                    Column("due_from", css_class="col-sm-6 col-lg-3"),
                    Column("due_to", css_class="col-sm-6 col-lg-3"),
                    Column("pedagogical", css_class="col-sm-12 col-lg-6 align-self-end"),
                )
            ),
        )

    def filters(self):
        """The filters that are valid: a wrong date is shown next to its field, and the
        other choices still apply (the chosen year above all, so the page stays short)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}

    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            self.add_error("due_to", _("The end of the range is before its start."))
        return data

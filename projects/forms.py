from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from members.selectors import active_staff
from school.calendar import short_date
from school.forms import DateInput, ServiceErrorsMixin
from school.uploads import file_field
from school.widgets import ChoiceList

from . import selectors
from .models import Event, Group, Project, Stage


def _helper(submit_label, *layout):
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    helper.add_input(Submit("save", submit_label))
    return helper


def _multi(label, required=False):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        required=required,
        widget=ChoiceList,
    )


class CouncilItemField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        term = f"{short_date(obj.planned_start)} – {short_date(obj.planned_end)}"
        return f"{term}: {Truncator(obj.activity).chars(80)}"


class AssociationItemField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        activity = Truncator(obj.activity).chars(70)
        return f"{obj.plan.association.name}, {short_date(obj.planned_start)}: {activity}"


class EventForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Programme and aim"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organisers = _multi(_("Organisers"), required=True)
    participants = _multi(_("Participants from the staff"))
    guest_participants = forms.CharField(
        label=_("Other participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Guests from other schools and organisations, pupils' classes."),
    )
    council_plan_items = CouncilItemField(
        label=_("Items of the council's plan"),
        queryset=None,
        required=False,
        widget=ChoiceList,
    )
    association_plan_items = AssociationItemField(
        label=_("Items of associations' plans"),
        queryset=None,
        required=False,
        widget=ChoiceList,
    )
    status = forms.ChoiceField(label=_("Status"), choices=Event.Status.choices)
    results = forms.CharField(
        label=_("Results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required once the event is held."),
    )
    upload = file_field(label=_("Add a material"))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisers", "participants"):
            self.fields[name].queryset = active_staff(school)
        self.fields["council_plan_items"].queryset = selectors.plan_items_for_choice(
            school, council=True
        )
        self.fields["association_plan_items"].queryset = selectors.plan_items_for_choice(
            school, council=False
        )
        self.helper = _helper(
            _("Save"),
            "title",
            Row(
                Column("kind", css_class="col-md-4"),
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
            ),
            "place",
            "description",
            Row(
                Column("organisers", css_class="col-md-6"),
                Column("participants", css_class="col-md-6"),
            ),
            "guest_participants",
            "council_plan_items",
            "association_plan_items",
            Row(Column("status", css_class="col-md-4"), Column("results", css_class="col-md-8")),
            "upload",
        )


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Event.Kind.choices]
        self.fields["status"].choices = [("", _("Any status")), *Event.Status.choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-sm-5"), Column("status", css_class="col-sm-4"))
        )
        self.helper.add_input(Submit("find", _("Show")))


class GroupForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Group.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=None)
    members = _multi(_("Members"))
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = active_staff(school)
        self.fields["members"].queryset = active_staff(school)
        self.fields["members"].help_text = _("At least one; the leader may be listed too.")
        self.helper = _helper(
            _("Save"),
            Row(Column("kind", css_class="col-md-4"), Column("name", css_class="col-md-8")),
            "goal",
            Row(Column("leader", css_class="col-md-6"), Column("members", css_class="col-md-6")),
            Row(Column("starts_on", css_class="col-sm-6"), Column("ends_on", css_class="col-sm-6")),
            "results",
        )


class ProjectForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    problem = forms.CharField(
        label=_("Research problem and aim"), widget=forms.Textarea(attrs={"rows": 4})
    )
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=None)
    participants = _multi(_("Participants"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    results = forms.CharField(
        label=_("Results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required once the project is completed."),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = active_staff(school)
        self.fields["participants"].queryset = active_staff(school)
        self.fields["group"].queryset = Group.objects.filter(school=school)
        self.helper = _helper(
            _("Save"),
            "title",
            "problem",
            Row(
                Column("leader", css_class="col-md-6"),
                Column("participants", css_class="col-md-6"),
            ),
            "group",
            Row(
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
                Column("status", css_class="col-md-4"),
            ),
            "results",
        )


class StageForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Stage"), max_length=255)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=Stage.Status.choices)
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Save"),
            "title",
            Row(
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
                Column("status", css_class="col-md-4"),
            ),
            "outcome",
        )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"№{obj.number}, {short_date(obj.date)} ({obj.get_status_display()})"


class AgendaForm(ServiceErrorsMixin, forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=None)
    title = forms.CharField(
        label=_("Agenda item"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.meetings_for_agenda(school)
        self.helper = _helper(_("Put on the agenda"), "meeting", "title")

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from school.forms import DateInput, ServiceErrorsMixin
from school.models import User
from school.widgets import ChoiceList

from .models import MethodicalAssociation, Staff, Subject


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class StaffFilterForm(forms.Form):
    """The directory's search and filters (GET)."""

    STATUS_CHOICES = [
        ("active", _("working now")),
        ("left", _("left the school")),
        ("all", _("everyone")),
    ]

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    association = forms.ModelChoiceField(
        label=_("Methodical association"),
        queryset=MethodicalAssociation.objects.none(),
        required=False,
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.none(), required=False
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("any category"))] + list(Staff.Category.choices),
        required=False,
    )
    young = forms.BooleanField(label=_("Young specialists only"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False, initial="active"
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = MethodicalAssociation.objects.filter(school=school)
        self.fields["subject"].queryset = Subject.objects.filter(school=school)
        self.fields["association"].empty_label = _("all associations")
        self.fields["subject"].empty_label = _("all subjects")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-12 col-md-4"),
                Column("association", css_class="col-12 col-md-4"),
                Column("subject", css_class="col-12 col-md-4"),
            ),
            Row(
                Column("category", css_class="col-12 col-md-4"),
                Column("status", css_class="col-12 col-md-4"),
                Column("young", css_class="col-12 col-md-4 pt-md-4"),
            ),
        )
        self.helper.add_input(Submit("", _("Search")))

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "query": data.get("q") or "",
            "association": data.get("association"),
            "subject": data.get("subject"),
            "category": data.get("category") or "",
            "young": bool(data.get("young")),
            "status": data.get("status") or "active",
        }


def _label(field):
    return capfirst(Staff._meta.get_field(field).verbose_name)


class StaffForm(ServiceErrorsMixin, forms.Form):
    """A person's card. Not a ModelForm: its choices are scoped to the school at run time."""

    last_name = forms.CharField(label=_label("last_name"), max_length=100)
    first_name = forms.CharField(label=_label("first_name"), max_length=100)
    patronymic = forms.CharField(label=_label("patronymic"), max_length=100, required=False)
    position = forms.CharField(label=_label("position"), max_length=150)
    category = forms.ChoiceField(label=_label("category"), choices=Staff.Category.choices)
    started_on = forms.DateField(label=_label("started_on"), widget=DateInput)
    subjects = forms.ModelMultipleChoiceField(
        label=_label("subjects"),
        queryset=Subject.objects.none(),
        required=False,
        widget=ChoiceList,
    )
    new_subjects = forms.CharField(
        label=_("New subjects"),
        required=False,
        help_text=_("A subject not in the list: type its name (several separated by commas)."),
    )
    phone = forms.CharField(label=_label("phone"), max_length=40, required=False)
    email = forms.EmailField(label=_label("email"), required=False)
    user = forms.ModelChoiceField(
        label=_label("user"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The person's login, if they have one."),
    )
    left_on = forms.DateField(
        label=_label("left_on"),
        widget=DateInput,
        required=False,
        help_text=_("Fill in when the person leaves the school; people are never deleted."),
    )

    def __init__(self, *args, school, instance=None, **kwargs):
        """``instance``: the person being edited, whose own login stays among the choices
        (the form's values come from ``StaffForm.initial_for(staff)``)."""
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["subjects"].queryset = Subject.objects.filter(school=school)
        logins = User.objects.filter(school=school, staff__isnull=True)
        if instance is not None and instance.user_id:
            logins = logins | User.objects.filter(pk=instance.user_id)
        self.fields["user"].queryset = logins.order_by("username")
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.username} ({u.get_full_name()})" if u.get_full_name() else u.username
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("last_name", css_class="col-md-4"),
                Column("first_name", css_class="col-md-4"),
                Column("patronymic", css_class="col-md-4"),
            ),
            Row(
                Column("position", css_class="col-md-8"),
                Column("category", css_class="col-md-4"),
            ),
            "subjects",
            "new_subjects",
            Row(
                Column("started_on", css_class="col-md-4"),
                Column("phone", css_class="col-md-4"),
                Column("email", css_class="col-md-4"),
            ),
            Row(Column("user", css_class="col-md-6"), Column("left_on", css_class="col-md-6")),
        )
        self.helper.add_input(Submit("save", _("Save")))

    def service_args(self) -> dict:
        data = super().service_args()
        data["new_subject_names"] = _split_names(data.pop("new_subjects") or "")
        return data


class SubjectForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("New subject"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("add", _("Add the subject")))


class AssociationForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    head = forms.ModelChoiceField(label=_("Head"), queryset=Staff.objects.none(), required=False)
    teachers = forms.ModelMultipleChoiceField(
        label=_("Teachers"),
        queryset=Staff.objects.none(),
        required=False,
        widget=ChoiceList,
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=Subject.objects.none(),
        required=False,
        widget=ChoiceList,
    )

    def __init__(self, *args, school, association=None, **kwargs):
        """``association``: the one being edited, whose former teachers stay listed (the
        form's values come from ``AssociationForm.initial_for(association)``)."""
        super().__init__(*args, **kwargs)
        people = Staff.objects.filter(school=school)
        if association is not None:
            # Former teachers stay listed so that saving does not drop them silently.
            people = people.filter(left_on__isnull=True) | people.filter(associations=association)
        else:
            people = people.filter(left_on__isnull=True)
        people = people.distinct().order_by("last_name", "first_name")
        self.fields["head"].queryset = people
        self.fields["teachers"].queryset = people
        self.fields["subjects"].queryset = Subject.objects.filter(school=school)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-8"), Column("head", css_class="col-md-4")),
            Row(
                Column("teachers", css_class="col-md-8 checkbox-columns"),
                Column("subjects", css_class="col-md-4"),
            ),
        )
        self.helper.add_input(Submit("save", _("Save")))

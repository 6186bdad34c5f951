"""The choice of the period a report covers: an academic year and a quarter."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from school.models import AcademicYear

QUARTER_CHOICES = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class YearChoiceForm(forms.Form):
    year = forms.ModelChoiceField(
        label=_("Academic year"),
        queryset=AcademicYear.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose an academic year of your school.")},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = AcademicYear.objects.filter(school=school).order_by(
            "-start_date"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(Row(*self.columns()))
        self.helper.add_input(Submit("show", _("Show")))

    def columns(self):
        return [Column("year", css_class="col-sm-6 col-lg-3")]


class QuarterChoiceForm(YearChoiceForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=QUARTER_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": _("Choose a quarter from I to IV.")},
    )

    def columns(self):
        return [*super().columns(), Column("quarter", css_class="col-sm-6 col-lg-2")]

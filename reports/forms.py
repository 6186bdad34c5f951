"""The choice of the period a report covers: an academic year and a quarter."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

QUARTER_CHOICES = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class YearChoiceForm(forms.Form):
    """The years offered are the school's, from its calendar (school.selectors.Calendar): the
    newest first; the cleaned value is the year itself."""

    year = forms.ChoiceField(
        label=_("Academic year"),
        error_messages={"invalid_choice": _("Choose an academic year of your school.")},
    )

    def __init__(self, *args, calendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.fields["year"].choices = [(year.pk, str(year)) for year in reversed(calendar.years)]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(Row(*self.columns()))
        self.helper.add_input(Submit("show", _("Show")))

    def columns(self):
        return [Column("year", css_class="col-sm-6 col-lg-3")]

    def clean_year(self):
        return self.calendar.year(self.cleaned_data["year"])


class QuarterChoiceForm(YearChoiceForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=QUARTER_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": _("Choose a quarter from I to IV.")},
    )

    def columns(self):
        return [*super().columns(), Column("quarter", css_class="col-sm-6 col-lg-2")]

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A native date picker; the browser shows the date as the user's locale writes it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ServiceErrorsMixin:
    """What every form that feeds a service shares (see ``school.pages.form_page``).

    - ``initial_for(obj)``: the form's fields read from an existing record, instead of an
      ``initial`` dict built by hand in the view; ``initial_fields`` maps a field to another
      attribute name where the two differ, and a form overrides it for computed values.
    - ``service_args()``: the cleaned data as a service's keyword arguments; many-to-many
      choices become lists; ``service_fields`` limits them where the form has extra fields.
    - ``add_service_errors``: a service's ValidationError next to the field it names, else
      above the form.
    """

    initial_fields: dict = {}
    service_fields: tuple = ()

    @classmethod
    def initial_for(cls, obj) -> dict:
        initial = {}
        for name, field in cls.base_fields.items():
            attribute = cls.initial_fields.get(name, name)
            if not hasattr(obj, attribute):
                continue
            value = getattr(obj, attribute)
            if isinstance(field, forms.ModelMultipleChoiceField) and hasattr(value, "all"):
                value = list(value.all())
            initial[name] = value
        return initial

    def service_args(self) -> dict:
        names = self.service_fields or tuple(self.fields)
        args = {}
        for name in names:
            value = self.cleaned_data.get(name)
            if isinstance(self.fields.get(name), forms.ModelMultipleChoiceField):
                value = list(value or [])
            args[name] = value
        return args

    def add_service_errors(self, error):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class AcademicYearForm(ServiceErrorsMixin, forms.Form):
    start_date = forms.DateField(label=_("First day of the year"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day of the year"), widget=DateInput)

    def __init__(self, *args, with_quarters=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_quarters = with_quarters
        quarter_rows = []
        for n in range(1, 5):
            required = with_quarters
            self.fields[f"q{n}_start"] = forms.DateField(
                label=_("Quarter %(n)s starts") % {"n": n}, widget=DateInput, required=required
            )
            self.fields[f"q{n}_end"] = forms.DateField(
                label=_("Quarter %(n)s ends") % {"n": n}, widget=DateInput, required=required
            )
            quarter_rows.append(
                Row(
                    Column(f"q{n}_start", css_class="col-sm-6"),
                    Column(f"q{n}_end", css_class="col-sm-6"),
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        quarters_legend = (
            _("Quarters")
            if with_quarters
            else _("Quarters (leave empty to use the usual school calendar)")
        )
        self.helper.layout = Layout(
            Row(
                Column("start_date", css_class="col-sm-6"), Column("end_date", css_class="col-sm-6")
            ),
            Fieldset(quarters_legend, *quarter_rows),
        )
        self.helper.add_input(Submit("save", _("Save")))

    @classmethod
    def initial_for(cls, year) -> dict:
        """The year's dates and its quarters' (q1_start ... q4_end)."""
        initial = {"start_date": year.start_date, "end_date": year.end_date}
        for quarter in year.quarters.all():
            initial[f"q{quarter.number}_start"] = quarter.start_date
            initial[f"q{quarter.number}_end"] = quarter.end_date
        return initial

    def service_args(self) -> dict:
        return {
            "start_date": self.cleaned_data["start_date"],
            "end_date": self.cleaned_data["end_date"],
            "quarter_dates": self.quarter_dates(),
        }

    def quarter_dates(self):
        """The four (start, end) pairs, or None when left empty on creation."""
        data = self.cleaned_data
        pairs = [(data.get(f"q{n}_start"), data.get(f"q{n}_end")) for n in range(1, 5)]
        if not self.with_quarters and all(s is None and e is None for s, e in pairs):
            return None
        return pairs

    def clean(self):
        data = super().clean()
        if not self.with_quarters:
            pairs = [(data.get(f"q{n}_start"), data.get(f"q{n}_end")) for n in range(1, 5)]
            given = [v for pair in pairs for v in pair if v is not None]
            if given and len(given) != 8 and not self.errors:
                raise forms.ValidationError(
                    _("Give all four quarters' dates, or none to use the usual calendar.")
                )
        return data

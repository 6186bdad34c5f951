"""The one widget to choose several people (school.widgets.ChoiceList)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.template import Context, Template

from school.widgets import ChoiceList

PEOPLE = [("1", "Асанова Гүлнара"), ("2", "Бекова Айна"), ("3", "Садыков Марат")]


class PeopleForm(forms.Form):
    people = forms.MultipleChoiceField(label="Responsible", choices=PEOPLE, widget=ChoiceList)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _page(form):
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_several_people_post_as_repeated_values_and_stay_ticked():
    form = PeopleForm({"people": ["1", "3"]})
    assert form.is_valid()
    assert form.cleaned_data["people"] == ["1", "3"]
    page = _page(form)
    assert 'value="1" checked' in page and 'value="3" checked' in page
    assert 'value="2" checked' not in page


def test_a_fieldset_names_the_list_and_each_box_has_its_label():
    page = _page(PeopleForm())
    assert "<fieldset" in page and "Responsible" in page.split("<legend")[1].split("</legend>")[0]
    assert "data-choice-list" in page and 'id="id_people"' in page
    assert '<input type="checkbox"' in page and "required" not in page.split("data-choice-list")[1]
    assert '<label class="form-check-label" for="id_people_1">Бекова Айна</label>' in page


def test_nothing_chosen_is_an_error_next_to_the_list():
    form = PeopleForm({})
    assert not form.is_valid()
    page = _page(form)
    assert 'class="choice-list is-invalid"' in page
    assert "invalid-feedback" in page


def test_the_widget_brings_its_script_and_style():
    media = str(PeopleForm().media)
    assert "js/choice-list.js" in media and "css/choice-list.css" in media

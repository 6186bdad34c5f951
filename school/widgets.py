"""Form widgets shared by every app."""

from django import forms


class ChoiceList(forms.widgets.ChoiceWidget):
    """The one way to choose several people (or items of any long list).

    The server renders a list of checkboxes inside a fieldset whose legend is the field's
    label: it works without JavaScript, by keyboard and on a phone, and a plain click adds a
    person instead of replacing the one chosen before (as a native multi-select does).
    ``static/js/choice-list.js`` adds a search box that filters the list as one types and a
    line of the chosen names as removable chips. The POST data are those of a multi-select:
    the field's name repeated once per chosen value.

    Not a subclass of ``CheckboxSelectMultiple``: crispy-forms draws that one with its own
    markup and would leave out this template (and with it the hooks the script needs).
    """

    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "school/widgets/choice_list.html"
    option_template_name = "school/widgets/choice_list_option.html"
    use_fieldset = True

    class Media:
        css = {"all": ["css/choice-list.css"]}
        js = ["js/choice-list.js"]

    def id_for_label(self, id_, index=None):
        # The legend names the group; only each checkbox has a label of its own.
        if index is None:
            return ""
        return super().id_for_label(id_, index)

    def use_required_attribute(self, initial):
        # A browser would otherwise require every checkbox of a required field.
        return False

    def value_omitted_from_data(self, data, files, name):
        # Nothing ticked sends nothing: that is an empty choice, not a missing field.
        return False

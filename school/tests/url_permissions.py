from tests.permission_table import Row, deputy_only, object_page, school_page

ROWS = {
    "school:year_list": Row(expect=school_page()),
    "school:year_create": Row(expect=deputy_only(school_page, other_school=200)),
    "school:year_edit": Row(kwargs=lambda w: {"pk": w.year.pk}, expect=deputy_only(object_page)),
    "school:record_history": Row(
        kwargs=lambda w: {"label": "council.council", "pk": w.council.pk},
        expect=object_page(403, deputy=200, director=200),
    ),
}

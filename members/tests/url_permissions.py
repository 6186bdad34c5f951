from tests.permission_table import Row, deputy_only, object_page, school_page

ROWS = {
    "members:staff_list": Row(expect=school_page()),
    "members:staff_create": Row(expect=deputy_only(school_page, other_school=200)),
    "members:staff_detail": Row(
        kwargs=lambda w: {"pk": w.staff["teacher"].pk}, expect=object_page()
    ),
    "members:staff_edit": Row(
        kwargs=lambda w: {"pk": w.staff["teacher"].pk}, expect=deputy_only(object_page)
    ),
    "members:subject_list": Row(expect=school_page()),
    "members:association_list": Row(expect=school_page()),
    "members:association_create": Row(expect=deputy_only(school_page, other_school=200)),
    "members:association_detail": Row(
        kwargs=lambda w: {"pk": w.association.pk}, expect=object_page()
    ),
    "members:association_edit": Row(
        kwargs=lambda w: {"pk": w.association.pk}, expect=deputy_only(object_page)
    ),
}

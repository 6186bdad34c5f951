"""Any input to the people, association and subject forms (R2.19): never a 5xx, nothing
written or changed when refused, exactly what was sent when accepted, and another school's
subjects, people and logins never attached."""

from hypothesis import strategies as st

from members.models import MethodicalAssociation, Staff, Subject
from tests.fuzz import DATES, TEXT, fuzz_form, ids, sent_date, sent_id

from .factories import SubjectFactory

STAFF_MODELS = [Staff, Subject, Staff.subjects.through]
ASSOCIATION_MODELS = [
    MethodicalAssociation,
    MethodicalAssociation.teachers.through,
    MethodicalAssociation.subjects.through,
]


def _name_text():
    return st.one_of(TEXT, st.sampled_from(["Үсөнбаева", "Жээнбеков", "Нурлан-Уулу"]))


def _staff_fields(world, subject, foreign_subject):
    return {
        "last_name": _name_text(),
        "first_name": _name_text(),
        "patronymic": TEXT,
        "position": st.one_of(TEXT, st.just("Кыргыз тили мугалими")),
        "category": st.sampled_from(["first", "highest", "none", "", "boss", "second"]),
        "started_on": DATES,
        "subjects": ids([subject.pk], [foreign_subject.pk]),
        "new_subjects": st.one_of(TEXT, st.just("Химия, Биология;  химия")),
        "email": st.sampled_from(["", "a@b.kg", "not-an-email", "x@y", "ң@мектеп.кг"]),
        "user": ids([], [world.users["other_school"].pk, world.users["teacher"].pk]),
        "left_on": st.one_of(st.just(""), DATES),
    }


def _check_staff(staff, data, world):
    assert staff.school_id == world.school.pk
    assert staff.last_name == data["last_name"].strip()
    assert staff.first_name == data["first_name"].strip()
    assert staff.patronymic == data["patronymic"].strip()
    assert staff.position == data["position"].strip()
    assert staff.category == data["category"]
    assert staff.started_on == sent_date(data["started_on"])
    assert staff.left_on == (sent_date(data["left_on"]) if data["left_on"] else None)
    assert staff.email == data["email"]
    assert all(s.school_id == world.school.pk for s in staff.subjects.all())
    assert staff.user_id is None or staff.user.school_id == world.school.pk


VALID_STAFF = {
    "last_name": "Асанова",
    "first_name": "Гүлнара",
    "patronymic": "",
    "position": "Тарых мугалими",
    "category": "first",
    "started_on": "2019-09-02",
    "new_subjects": "",
    "email": "",
    "left_on": "",
}


def test_staff_create_survives_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Математика")
    foreign = SubjectFactory(school=world.other_school, name="Физика")
    client.force_login(world.users["deputy"])

    def check_saved(data):
        _check_staff(Staff.objects.latest("pk"), data, world)

    fuzz_form(
        client,
        "/staff/new/",
        fields=_staff_fields(world, subject, foreign),
        models=STAFF_MODELS,
        check_saved=check_saved,
        valid=[VALID_STAFF, {**VALID_STAFF, "subjects": str(subject.pk), "email": "a@b.kg"}],
        max_examples=35,
    )


def test_staff_edit_survives_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Математика")
    foreign = SubjectFactory(school=world.other_school, name="Физика")
    person = world.staff["teacher"]
    client.force_login(world.users["deputy"])

    def check_saved(data):
        person.refresh_from_db()
        _check_staff(person, data, world)

    fuzz_form(
        client,
        f"/staff/{person.pk}/edit/",
        fields=_staff_fields(world, subject, foreign),
        models=STAFF_MODELS,
        check_saved=check_saved,
        valid=[{**VALID_STAFF, "user": str(world.users["teacher"].pk)}],
        max_examples=30,
    )


def test_subject_form_survives_any_input(client, world):
    SubjectFactory(school=world.school, name="Математика")
    client.force_login(world.users["deputy"])

    def check_saved(data):
        subject = Subject.objects.latest("pk")
        assert subject.school_id == world.school.pk
        assert subject.name == " ".join(data["name"].split())

    fuzz_form(
        client,
        "/staff/subjects/",
        fields={"name": st.one_of(TEXT, st.sampled_from(["математика", "Өзбек тили"]))},
        models=[Subject],
        check_saved=check_saved,
        valid=[{"name": "Өзбек тили"}],
        max_examples=30,
    )


def _association_fields(world, subject, foreign_subject):
    people = [world.staff["mahead"].pk, world.staff["teacher"].pk, world.staff["secretary"].pk]
    return {
        "name": st.one_of(TEXT, st.just("Табигый илимдер МБ")),
        "head": st.one_of(st.just(""), ids(people, [world.staff["other_school"].pk])),
        "teachers": ids(people, [world.staff["other_school"].pk]),
        "subjects": ids([subject.pk], [foreign_subject.pk]),
    }


def _check_association(association, data, world):
    assert association.school_id == world.school.pk
    assert association.name == data["name"].strip()
    assert association.head_id == sent_id(data["head"])
    # The head teaches in the association too.
    expected = {sent_id(data["teachers"]), association.head_id} - {None}
    assert {t.pk for t in association.teachers.all()} == expected
    assert all(s.school_id == world.school.pk for s in association.subjects.all())


def test_association_create_survives_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Химия")
    foreign = SubjectFactory(school=world.other_school, name="Химия")
    client.force_login(world.users["deputy"])

    def check_saved(data):
        _check_association(MethodicalAssociation.objects.latest("pk"), data, world)

    fuzz_form(
        client,
        "/staff/associations/new/",
        fields=_association_fields(world, subject, foreign),
        models=ASSOCIATION_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "name": "Табигый илимдер МБ",
                "head": str(world.staff["secretary"].pk),
                "teachers": str(world.staff["secretary"].pk),
                "subjects": str(subject.pk),
            }
        ],
        max_examples=30,
    )


def test_association_edit_survives_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Химия")
    foreign = SubjectFactory(school=world.other_school, name="Химия")
    association = world.association
    client.force_login(world.users["deputy"])

    def check_saved(data):
        association.refresh_from_db()
        _check_association(association, data, world)

    fuzz_form(
        client,
        f"/staff/associations/{association.pk}/edit/",
        fields=_association_fields(world, subject, foreign),
        models=ASSOCIATION_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "name": "Математика жана физика МБ",
                "head": str(world.staff["mahead"].pk),
                "teachers": str(world.staff["mahead"].pk),
                "subjects": str(subject.pk),
            }
        ],
        max_examples=30,
    )


def test_directory_filters_survive_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Математика")
    foreign = SubjectFactory(school=world.other_school, name="Физика")
    client.force_login(world.users["teacher"])
    fuzz_form(
        client,
        "/staff/",
        method="get",
        fields={
            "q": TEXT,
            "association": ids([world.association.pk], []),
            "subject": ids([subject.pk], [foreign.pk]),
            "category": st.sampled_from(["", "highest", "x"]),
            "young": st.sampled_from(["", "on", "1", "ооба"]),
            "status": st.sampled_from(["", "active", "left", "all", "dead"]),
            "page": st.one_of(st.just("1"), st.sampled_from(["last", "0", "-1", "²", "9" * 40])),
        },
        models=STAFF_MODELS + ASSOCIATION_MODELS,
        valid=[{"q": "Ң", "status": "all", "page": "1"}],
        max_examples=25,
    )

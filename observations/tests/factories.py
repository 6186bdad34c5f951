import datetime

from members.tests.factories import SubjectFactory
from observations.models import CriteriaSet, Criterion, Observation, Score
from school.selectors import today


def make_criteria_set(school, *, name="Сабакты талдоо", scale=(1, 5), criteria=None, **extra):
    criteria_set = CriteriaSet.objects.create(
        school=school, name=name, scale_min=scale[0], scale_max=scale[1], **extra
    )
    texts = criteria or ["Максат коюлган", "Методдор", "Окуучулардын активдүүлүгү"]
    Criterion.objects.bulk_create(
        Criterion(criteria_set=criteria_set, order=n, text=t) for n, t in enumerate(texts, 1)
    )
    return criteria_set


def make_observation(
    observer,
    teacher,
    *,
    status=Observation.Status.SUBMITTED,
    date=None,
    criteria_set=None,
    subject=None,
    scores=None,
    **extra,
):
    """A visit written straight to the database (the services are tested on their own).

    scores: None gives every criterion the middle of the scale; a list gives them in order.
    """
    school = observer.school
    criteria_set = criteria_set or (
        CriteriaSet.objects.filter(school=school, is_current=True).first()
        or make_criteria_set(school)
    )
    subject = subject or SubjectFactory(school=school)
    date = date or today() - datetime.timedelta(days=3)
    submitted = status != Observation.Status.DRAFT
    fields = {
        "school": school,
        "observer": observer,
        "teacher": teacher,
        "date": date,
        "lesson_number": 3,
        "grade": 7,
        "class_letter": "Б",
        "subject": subject,
        "topic": "Бөлчөктөрдү кошуу",
        "lesson_type": "combined",
        "purpose": "methodical_help",
        "criteria_set": criteria_set,
        "conclusion": "Сабак жакшы деңгээлде өттү.",
        "recommendations": "Дифференциалдык тапшырмаларды көбөйтүү.",
        "status": status,
        "submitted_on": date if submitted else None,
        "acknowledged_on": date if status == Observation.Status.ACKNOWLEDGED else None,
    }
    fields.update(extra)
    observation = Observation.objects.create(**fields)
    criteria = list(criteria_set.criteria.order_by("order"))
    if scores is None:
        middle = (criteria_set.scale_min + criteria_set.scale_max) // 2
        scores = [middle] * len(criteria)
    Score.objects.bulk_create(
        Score(
            observation=observation,
            criterion=c,
            value=v,
            scale_min=criteria_set.scale_min,
            scale_max=criteria_set.scale_max,
        )
        for c, v in zip(criteria, scores, strict=False)
        if v is not None
    )
    return observation

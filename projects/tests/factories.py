"""Objects of the projects app for tests, made through the services so the rules hold."""

import datetime

from projects import services
from school.selectors import today


def event(world, **kwargs):
    day = world.year.start_date + datetime.timedelta(days=30)
    args = {
        "title": "«Заманбап сабак» илимий-практикалык конференциясы",
        "kind": "conference",
        "starts_on": day,
        "ends_on": day,
        "organisers": [world.staff["deputy"]],
        "participants": [world.staff["teacher"], world.staff["mahead"]],
        "place": "Акт залы",
    }
    args.update(kwargs)
    return services.event_create(school=world.school, user=world.users["deputy"], **args)


def group(world, **kwargs):
    args = {
        "kind": "creative",
        "name": "Функционалдык сабаттуулук боюнча чыгармачыл топ",
        "goal": "Окуучулардын функционалдык сабаттуулугун баалоо тапшырмаларын түзүү.",
        "leader": world.staff["mahead"],
        "members": [world.staff["teacher"], world.staff["secretary"]],
        "starts_on": world.year.start_date,
        "ends_on": world.year.end_date,
    }
    args.update(kwargs)
    return services.group_create(school=world.school, **args)


def project(world, **kwargs):
    args = {
        "title": "Санариптик куралдар менен математиканы окутуу",
        "problem": "Санариптик куралдар окуучулардын математикалык сабаттуулугуна кандай таасир этет?",
        "leader": world.staff["mahead"],
        "participants": [world.staff["teacher"]],
        "starts_on": world.year.start_date,
        "ends_on": world.year.end_date,
        "status": "active" if world.year.start_date <= today() else "planned",
    }
    args.update(kwargs)
    return services.project_create(school=world.school, **args)


def stage(project, *, title="Адабиятты талдоо", days=(0, 30), **kwargs):
    return services.stage_add(
        project=project,
        title=title,
        starts_on=project.starts_on + datetime.timedelta(days=days[0]),
        ends_on=project.starts_on + datetime.timedelta(days=days[1]),
        **kwargs,
    )

"""Meetings for tests: planned through the service, so numbers and defaults are real."""

import datetime

from meetings import services
from meetings.models import Meeting


def day(world, n: int) -> datetime.date:
    """The n-th day after the first day of the world's school year."""
    return world.year.start_date + datetime.timedelta(days=n)


def plan_meeting(
    council, date=None, *, time=datetime.time(14, 0), place="Мугалимдер бөлмөсү", **kw
):
    """A meeting of the council, planned the way the deputy plans one."""
    date = date or council.academic_year.start_date + datetime.timedelta(days=20)
    return services.meeting_plan(council=council, date=date, time=time, place=place, **kw)


def held_meeting(council, date, *, present=None, absent=None, user=None) -> Meeting:
    """A meeting whose attendance is recorded: everyone present unless listed as absent."""
    from meetings import selectors

    meeting = plan_meeting(council, date)
    absent = absent or {}
    marks = {}
    for person in selectors.members_on(council=council, day=date):
        if person.pk in absent:
            marks[person.pk] = (False, absent[person.pk])
        else:
            marks[person.pk] = (True, "")
    services.attendance_record(meeting=meeting, marks=marks, user=user)
    meeting.refresh_from_db()
    return meeting


# The stress protocol (issue: documents of record) -------------------------------------------

STRESS_SENTENCE = (
    "Мугалимдердин өз ара сабакка катышуусу боюнча жыйынтыктар талкууланып, ар бир "
    "методикалык бирикменин иш планына өзгөртүүлөр киргизүү сунушталды; Ңурзада, Өмүр "
    "жана Үмүт мугалимдердин тажрыйбасы жалпыланды. "
)


def stress_text(label: str, length: int = 2000) -> str:
    """A Kyrgyz text of about `length` characters, unique by its label (found exactly)."""
    text = f"{label}. "
    while len(text) < length:
        text += STRESS_SENTENCE
    return text[:length].rsplit(" ", 1)[0] + "."


def stress_snapshot(*, items=25, members=19, guests=21, decisions=30) -> dict:
    """Snapshot data (meetings/snapshot.py) of a protocol at its heaviest: long Kyrgyz texts
    in every field, many members, guests and decisions. No database needed."""
    import datetime

    from meetings import snapshot

    def person(n):
        return {
            "full_name": f"Асанова{n} Гүлнара Төлөгөновна",
            "short_name": f"Асанова{n} Г.Т.",
            "position": f"Кыргыз тили жана адабияты мугалими {n}",
        }

    day = datetime.date(2026, 12, 21)
    rows = []
    per_item = [decisions // items + (1 if n < decisions % items else 0) for n in range(items)]
    number = 0
    for n in range(items):
        own = []
        for _ in range(per_item[n]):
            number += 1
            own.append(
                {
                    "number": number,
                    "text": stress_text(f"Токтом {number}"),
                    "responsible": [person(k)["short_name"] for k in range(1, 4)],
                    "due_date": (day + datetime.timedelta(days=30 + number)).isoformat(),
                    "votes": {"yes": 17, "no": 1, "abstained": 1},
                    "for_pedagogical_council": number % 2 == 0,
                }
            )
        rows.append(
            {
                "position": n + 1,
                "kind": "regular",
                "title": stress_text(f"Маселе {n + 1}", 300),
                "speakers": [person(n % members + 1)["short_name"]],
                "guest_speakers": "",
                "heard_name": person(n % members + 1)["short_name"],
                "heard_summary": stress_text(f"Угулду {n + 1}"),
                "contributions": [
                    {
                        "speaker": person(k)["short_name"],
                        "summary": stress_text(f"Сүйлөдү {n + 1}.{k}"),
                    }
                    for k in (1, 2)
                ],
                "decisions": own,
                "reviewed": [],
            }
        )
    data = {
        "format": snapshot.FORMAT,
        "school": {
            "name": {"ky": "Жалал-Абад шаарындагы №8 орто мектеби", "ru": "", "en": ""},
            "city": "Жалал-Абад",
        },
        "number": 2,
        "date": day.isoformat(),
        "time": "14:00",
        "place": "Мектептин методикалык кабинети",
        "kind": "regular",
        "status": "approved",
        "chair": person(1),
        "secretary": person(2),
        "approved_at": "2026-12-22T10:00:00",
        "approved_by": "Өмүрбекова Айнура",
        "quorum_confirmed": False,
        "attendance": {
            "recorded": True,
            "total": members,
            "needed": members // 2 + 1,
            "has_quorum": True,
            "present": [person(k) for k in range(1, members - 1)],
            "absent": [
                {**person(k), "reason": f"ооруп калды {k}"} for k in range(members - 1, members + 1)
            ],
        },
        "guests": [
            {
                "name": f"Конокова{k} Үмүт",
                "position": f"Шаардык билим берүү бөлүмүнүн методисти {k}",
            }
            for k in range(1, guests + 1)
        ],
        "items": rows,
        "amendments": [],
    }
    return data

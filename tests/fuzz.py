"""One helper to fuzz any form: random input never gives a 5xx, never writes a row when it is
refused, and when it is accepted writes what was sent.

    fuzz_form(client, url, fields={"title": TEXT, "date": DATES}, models=[Meeting],
              check_saved=lambda data: ...)

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KYRGYZ = "АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
RIGHT_TO_LEFT = "שלום مرحبا \u202e\u200f"
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request.user.password }}",
    "{% debug %}",
    "'; DROP TABLE school_school; --",
]

TEXT = st.one_of(
    st.just(""),
    st.text(max_size=60),
    st.text(alphabet=KYRGYZ + " .,-", max_size=80),
    st.text(alphabet=RIGHT_TO_LEFT + KYRGYZ, max_size=40),
    st.sampled_from(PAYLOADS),
    st.just("Ң" * 100_000),
    st.text(alphabet="\x00\x01\ufffe\ud7ff", max_size=5),
)

_date_values = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(
        datetime.date.isoformat
    ),
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31)).map(
        lambda d: d.strftime("%d.%m.%Y")
    ),
)
DATES = st.one_of(
    _date_values,
    st.sampled_from(["", "2026-02-30", "31.13.2026", "0000-00-00", "yesterday", "9999-99-99"]),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "-1", "0", "1e309", "NaN", "١٢", "9" * 40, "3.5"]),
)


def ids(valid_ids, foreign_ids=()):
    """A choice field: valid ids, another school's ids, and junk."""
    options = [str(i) for i in valid_ids] + [str(i) for i in foreign_ids]
    return st.one_of(
        st.sampled_from(options or ["1"]),
        st.sampled_from(["", "0", "-5", "999999999", "abc", "1; DROP TABLE x"]),
    )


class _Rollback(Exception):
    pass


def fuzz_form(
    client,
    url,
    *,
    fields,
    models,
    check_saved=None,
    fixed=None,
    max_examples=40,
    accepted_status=(302,),
):
    """Post random data built from `fields` (name -> strategy) to `url`.

    - never a 5xx;
    - refused (any status other than accepted_status): no row of `models` added or changed;
    - accepted: `check_saved(data)` asserts the stored record matches what was sent.
    """
    fixed = fixed or {}

    def snapshot():
        return {m: sorted(m.objects.values_list("pk", flat=True)) for m in models}

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(st.fixed_dictionaries(fields))
    def run(data):
        payload = {**fixed, **data}
        try:
            with transaction.atomic():
                before = snapshot()
                response = client.post(url, payload)
                assert response.status_code < 500, (response.status_code, payload)
                if response.status_code in accepted_status:
                    if check_saved:
                        check_saved(payload)
                else:
                    assert snapshot() == before, f"a refused form wrote rows: {payload}"
                raise _Rollback
        except _Rollback:
            pass

    run()

"""The server-drawn charts: no label cut off, readable in black and white."""

import itertools
import re

from django.utils import translation

from reports import charts

LONG_CRITERIA = {
    "ky": "Сабактын максаты так коюлган, окуучуларга түшүнүктүү айтылган жана сабактын "
    "жыйынтыгында ага жетүү деңгээли текшерилген (Ң, Ө, Ү)",
    "ru": "Цель урока поставлена чётко, понятна учащимся, и в конце урока проверено, "
    "насколько она достигнута",
    "en": "The aim of the lesson is set clearly, explained to the pupils, and checked at the "
    "end of the lesson against what they achieved",
}
LINK = "https://kenesh.example.kg/criteria/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def _label_lines(svg: str) -> list[str]:
    """The texts of the label column (anchored at its right edge, x=220)."""
    return re.findall(r'<text x="220\.0" y="[^"]+" text-anchor="end"[^>]*>([^<]*)</text>', svg)


def test_long_labels_wrap_by_their_width_and_are_never_cut():
    for language, label in LONG_CRITERIA.items():
        with translation.override(language):
            chart = charts.bar_chart(
                title="t",
                caption="c",
                labels=[label, LINK, "Short"],
                series=[charts.Series("a", [50, 60, 70]), charts.Series("b", [55, None, 80])],
                max_value=100,
                unit="%",
                marks=["▼", "", ""],
            )
        lines = _label_lines(chart.svg)
        # Every word of every label is drawn, in order, and no line is wider than the label
        # area (220 units less the gap before the bars).
        drawn = "".join(lines).replace(" ", "")
        assert drawn == (label + "▼" + LINK + "Short").replace(" ", ""), language
        assert "…" not in chart.svg
        for line in lines:
            assert charts.text_width(line) <= 216, (language, line)
        assert len(lines) >= 4


def test_a_taller_label_makes_its_group_taller():
    short = charts.bar_chart(title="t", caption="c", labels=["a"], series=[charts.Series("s", [1])])
    tall = charts.bar_chart(
        title="t", caption="c", labels=[LONG_CRITERIA["ky"] * 3], series=[charts.Series("s", [1])]
    )
    height = re.compile(r'viewBox="0 0 640 (\d+)"')
    assert int(height.search(tall.svg).group(1)) > int(height.search(short.svg).group(1)) + 40


def test_the_text_width_is_measured_in_the_font():
    # DejaVu Sans: "W" is wider than "i"; a Kyrgyz letter has its own width, not a guess.
    assert charts.text_width("WWWW") > 2 * charts.text_width("iiii")
    assert 0 < charts.text_width("Ң") < charts.text_width("ҢҢ")


def test_series_differ_in_grey_by_more_than_twenty_points_and_in_line_and_marker():
    for first, second in itertools.combinations(charts.PALETTE, 2):
        assert abs(charts.grey(first) - charts.grey(second)) > 20, (first, second)
    assert len(set(charts.DASHES)) == len(charts.DASHES) == len(charts.PALETTE)
    assert len(set(charts.MARKERS)) == len(charts.MARKERS) == len(charts.PALETTE)
    chart = charts.line_chart(
        title="t",
        caption="c",
        labels=["I", "II", "III", "IV"],
        series=[charts.Series(f"s{n}", [10 * n, 20, None, 40]) for n in range(4)],
    )
    dashes = set(re.findall(r'stroke-dasharray="([^"]+)"', chart.svg))
    assert {"8 4", "2 3", "10 3 2 3"} <= dashes
    for shape in ("<circle", "<rect", "<polygon"):
        assert shape in chart.svg
    bars = charts.bar_chart(
        title="t",
        caption="c",
        labels=["x"],
        series=[charts.Series("a", [1]), charts.Series("b", [2])],
    )
    assert "<pattern" in bars.svg and "url(#" in bars.svg  # the second series is hatched


def test_the_legend_wraps_to_the_width_of_the_chart():
    names = [LONG_CRITERIA["en"][:40] + str(n) for n in range(4)]
    chart = charts.line_chart(
        title="t",
        caption="c",
        labels=["I", "II"],
        series=[charts.Series(name, [10, 20]) for name in names],
    )
    for name in names:
        found = re.search(rf'<text x="([\d.]+)"[^>]*>{re.escape(name)}</text>', chart.svg)
        assert found, name
        assert float(found.group(1)) + charts.text_width(name) <= charts.WIDTH

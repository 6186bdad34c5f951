"""The protocol's print layout on the stress protocol (25 items, 2,000-character Kyrgyz texts
in every field, 19 members, 21 guests, 30 decisions), read back from the PDF."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from meetings import documents, snapshot
from meetings.tests.factories import stress_snapshot

FOOTER = re.compile(r"(бет|стр\.|page) \d+ (/|из|of) \d+")
ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts" / "print"
MARKERS = re.compile(r"((\d+\.|•)\s*)+")  # list markers, which pypdf reads apart
RUNNING_TITLE = re.compile(r"ПРОТОКОЛ № \d+, \d\d\.\d\d\.\d{4}")  # atop every later page


@pytest.fixture(scope="module")
def stress():
    data = stress_snapshot()
    pdf = documents.render_protocol(snapshot.view(data), language="ky")
    _keep_for_a_look(pdf, "protocol-stress-ky")
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = [
            FOOTER.sub("", " ".join(line.split())).strip()
            for line in page.extract_text().splitlines()
        ]
        pages.append(
            [
                line
                for line in lines
                if line and not MARKERS.fullmatch(line) and not RUNNING_TITLE.fullmatch(line)
            ]
        )
    return data, pages


def _keep_for_a_look(pdf: bytes, name: str) -> None:
    """The PDF and its first and last pages as PNG in artefacts/print, for a person to see."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        for first, last in ((1, 2), (max(pages - 1, 1), pages)):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    path,
                    path.with_suffix(""),
                ],
                check=True,
            )


def _texts(data):
    yield data["place"]
    for person in data["attendance"]["present"]:
        yield person["short_name"]
    for person in data["attendance"]["absent"]:
        yield f"{person['short_name']} ({person['reason']})"
    for guest in data["guests"]:
        yield f"{guest['name']} — {guest['position']}"
    for item in data["items"]:
        yield item["title"]
        yield item["heard_summary"]
        for contribution in item["contributions"]:
            yield f"{contribution['speaker']}: {contribution['summary']}"
        for decision in item["decisions"]:
            yield f"{decision['number']}. {decision['text']}"


def test_every_text_of_the_stress_protocol_is_printed_exactly(stress):
    data, pages = stress
    assert len(pages) > 10
    body = " ".join(" ".join(lines) for lines in pages)
    for text in _texts(data):
        assert text in body, text[:60]
    for letter in "ҢӨҮңөү":
        assert letter in body


def test_labels_and_decision_lines_stay_with_what_they_belong_to(stress):
    _data, pages = stress
    labels = {"Чакырылгандар:", "Сүйлөдү:", "Токтом кабыл алынды:", "Күн тартиби:"}
    for number, lines in enumerate(pages, start=1):
        assert lines[-1] not in labels, f"page {number} ends with the label {lines[-1]}"
        if number > 1:
            # A decision's responsible / due / vote line is never the first line of a page.
            assert not lines[0].startswith("Жооптуу:"), f"page {number}"


def test_the_signatures_are_kept_with_the_last_text(stress):
    data, pages = stress
    last = pages[-1]
    joined = " ".join(last)
    assert "Төрага" in joined and "Катчы" in joined
    # Besides the signatures, the last page holds the end of the protocol's last text.
    final_words = data["items"][-1]["decisions"][-1]["text"][-40:]
    assert final_words in joined or any(line.startswith("Жооптуу:") for line in last), (
        "the signatures stand alone on the last page"
    )

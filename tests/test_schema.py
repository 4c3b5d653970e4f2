"""The JSON Schemas: current, and agreeing with the loader as a YAML 1.2 editor reads the files."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SAMPLE, node, write_files
from pydantic_core import PydanticCustomError

from pelican.plugins.tierslieu.editors.schema import schema_texts
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.fields import DATE_PATTERN, DATETIME_PATTERN, parse_date, parse_when
from pelican.plugins.tierslieu.model.loading import load_data

VENUE = 'name: Lieu\naddress: {street: 1 rue, postal_code: "78760", city: Jouars}\n'

# (event file text, accepted by the loader?) — the schema must say the same.
CASES = [
    ("title: A\nstart: 2027-01-12 14:00\n", True),
    ("title: A\nstart: 2027-01-12T14:00:00+02:00\n", True),
    ("title: 2027\nstart: 2027-01-12\nfull: yes\n", True),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, byday: [tu], count: '3'}\n", True),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: monthly, byday: [-1fr], except: [2027-02-26]}\n", True),
    ("title: A\nstart: 2027-01-12\nregistration: mailto:a@example.org\n", True),
    ("title: A\nstart: 2027-01-12\ntimezone: America/Toronto\n", True),
    ("tilte: A\nstart: 2027-01-12\n", False),
    ("start: 2027-01-12\n", False),
    ("title: A\nstart: 2025-02-30\n", False),
    ("title: A\nstart: 2027-1-5\n", False),
    ("title: A\nstart: demain\n", False),
    ("title: A\nstart: 2027-01-12 25:00\n", False),
    # Impossible days with a time, as without one; 29 February in leap years only.
    ("title: A\nstart: 2027-02-30 14:00\n", False),
    ("title: A\nstart: 2027-04-31 14:00\n", False),
    ("title: A\nstart: 2027-06-31T09:00:00+02:00\n", False),
    ("title: A\nstart: 2027-09-31\n", False),
    ("title: A\nstart: 2027-11-31 10:00\n", False),
    ("title: A\nstart: 2027-02-29 14:00\n", False),
    ("title: A\nstart: 2100-02-29\n", False),
    ("title: A\nstart: 2028-02-29 14:00\n", True),
    ("title: A\nstart: 2000-02-29\n", True),
    ("title: A\nstart: 2027-12-31 23:59\n", True),
    ("title: A\nstart: 2027-02-16 14:00:59\n", False),
    ("title: A\nstart: 2027-02-16T14:00:00+01:00\n", True),
    ("title: A\nstart: 2027-01-12 14:00\nend: 2027-02-30 16:00\n", False),
    ("title: A\nstart: 9999-12-31 14:00\n", False),
    ("title: A\nstart: 1899-12-31\n", False),
    ("title: A\nstart: 2027-01-12 14:00+24:00\n", False),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, until: 2027-02-29}\n", False),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, except: [2027-04-31]}\n", False),
    ("title: A\nstart: 2027-01-12 14:00\nrepeat: {freq: weekly, moved: {2027-01-19: 2027-02-30 14:00}}\n", False),
    ("title: A\nstart: 2027-01-12 14:00\nrepeat: {freq: weekly, moved: {2027-01-19: 2027-01-21 14:00}}\n", True),
    ("title: A\nstart: 2027-01-12\nregistration: javascript:alert(1)\n", False),
    ("title: A\nstart: 2027-01-12\nregistration: https://admin:motdepasse@example.org/\n", False),
    ("title: A\nstart: 2027-01-12\nregistration: https://example.org:99999/\n", False),
    ("title: A\nstart: 2027-01-12\nregistration: https://example.org:0/\n", False),
    ("title: A\nstart: 2027-01-12\nregistration: 'https://example.org/<script>'\n", False),
    ("title: A\nstart: 2027-01-12\nregistration: https://example.org:8443/@atelier?a=b#c\n", True),
    ("title: A\nstart: 2027-01-12\nregistration: https://[2001:db8::1]:443/\n", True),
    ("title: A\nstart: 2027-01-12\nstatus: annulé\n", False),
    ("title: A\nstart: 2027-01-12\ntimezone: Europe/Pariss\n", False),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, byday: [xx]}\n", False),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, count: abc}\n", False),
    ("title: A\nstart: 2027-01-12\nrepeat: {freq: weekly, interval: 0}\n", False),
    ("title: A\nstart: 2027-01-12\nfull: peut-être\n", False),
    ("title: A\nstart: 2027-01-12\npepites: [Pas Un Slug]\n", False),
]


def schema_verdicts(tmp_path, files: dict[str, str]) -> dict[str, list]:
    write_files(tmp_path, files)
    paths = [str(tmp_path / name) for name in files]
    return json.loads(node("validate_yaml.js", str(ROOT / "schemas"), *paths))


def test_committed_schemas_are_current():
    for name, text in schema_texts().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"run `invoke schema` ({name})"


def test_schemas_accept_the_sample_data():
    files = sorted(str(path) for path in (SAMPLE / "data").rglob("*.yaml"))
    verdicts = json.loads(node("validate_yaml.js", str(ROOT / "schemas"), *files))
    assert {name: errors for name, errors in verdicts.items() if errors} == {}


def test_a_schema_line_names_an_existing_schema():
    # The line is optional (nothing fails without it: test_scaffolds.py); where it is, editors' completion needs it right.
    for path in sorted(path for base in (SAMPLE / "data",) for path in base.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):
            schema = (path.parent / first.split("=", 1)[1]).resolve()
            assert first.endswith(".schema.json") and schema.exists(), path


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_schema_and_loader_agree(tmp_path, text, accepted):
    verdicts = schema_verdicts(tmp_path, {"data/events/e.yaml": text})
    assert (verdicts[str(tmp_path / "data/events/e.yaml")] == []) is accepted
    write_files(tmp_path, {"data/venue.yaml": VENUE})
    try:
        load_data(str(tmp_path / "data"), str(tmp_path))
        loaded = True
    except DataErrors:
        loaded = False
    assert loaded is accepted


def test_yaml_12_readings_of_the_venue_are_accepted(tmp_path):
    venue = (
        "name: NO\naddress: {street: 1 rue, postal_code: 01000, city: Bourg, country: NO}\n"
        "hours: [{days: [mo, tu], opens: 09:00, closes: 18:30}]\n"
        "offers: [{name: Jour, price: 15}, {name: Mois, price: '180,50 €'}]\n"
        "geo: {lat: 48.8, lon: 1.9}\nclosed_on_public_holidays: true\n"
    )
    assert schema_verdicts(tmp_path, {"data/venue.yaml": venue}) == {str(tmp_path / "data/venue.yaml"): []}
    assert load_data(str(tmp_path / "data"), str(tmp_path)).venue.address.postal_code == "01000"


def _loader_accepts(parse, text: str) -> bool:
    try:
        parse(text)
    except PydanticCustomError:
        return False
    return True


def test_date_patterns_hold_the_loader_s_calendar():
    """Every day number of every month of the years around each edge: the pattern and the loader agree."""
    years = [*range(1896, 1906), *range(1996, 2006), *range(2096, 2106), *range(2196, 2206), 2027, 2028, 9999]
    date_pattern, datetime_pattern = re.compile(f"^{DATE_PATTERN}$"), re.compile(f"^{DATETIME_PATTERN}$")
    disagree = [
        text
        for year in years
        for month in range(14)
        for day in range(33)
        for text in [f"{year:04d}-{month:02d}-{day:02d}"]
        if _loader_accepts(parse_date, text) is not bool(date_pattern.match(text))
        or _loader_accepts(parse_when, f"{text} 14:00") is not bool(datetime_pattern.match(f"{text} 14:00"))
    ]
    assert disagree == []
    assert _loader_accepts(parse_date, "2028-02-29") and date_pattern.match("2028-02-29")
    assert not _loader_accepts(parse_date, "2027-02-29") and not date_pattern.match("2027-02-29")

"""Country names as the field writes them resolve to one ISO 3166-1 code each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planctl.model import countries


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("DR Congo", "CD"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("The Gambia", "GM"),
        ("Sao Tome & Principe", "ST"),
        ("Bosnia & Herzegovina", "BA"),
        ("the United States", "US"),
        ("United States", "US"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("South Korea", "KR"),
        ("Côte d'Ivoire", "CI"),
        ("cote d'ivoire", "CI"),
        ("NO", "NO"),
        ("nor", "NO"),
        ("Kosovo", "XK"),
    ],
)
def test_resolves_names_aliases_and_codes(name: str, code: str) -> None:
    country = countries.resolve(name)
    assert country is not None, name
    assert country.code == code


def test_short_names_are_shown() -> None:
    country = countries.resolve("Lao People's Democratic Republic")
    assert country is not None
    assert country.name == "Laos"


@pytest.mark.parametrize(("typo", "guess"), [("Laoss", "Laos"), ("Tailand", "Thailand"), ("Zimbabwee", "Zimbabwe")])
def test_suggests_the_closest_name(typo: str, guess: str) -> None:
    assert countries.resolve(typo) is None
    assert countries.suggest(typo) == guess


def test_no_suggestion_for_nonsense() -> None:
    assert countries.suggest("Qwxyz Republic of Nowhere") is None


def test_every_country_in_the_shipped_plans_resolves() -> None:
    from planctl.api import load_plan
    from planctl.model.walk import country_lists
    from tests.conftest import PLANS

    for path in PLANS.glob("*.yaml"):
        plan = load_plan(path)
        for names, _ in country_lists(plan):
            assert all(countries.resolve(n) for n in names), (path.name, names)


TABLE = Path(countries.__file__).with_name("country_table.py")


def regenerate() -> None:
    """Rewrite planctl/model/country_table.py from the installed pycountry."""
    TABLE.write_text(countries.table_source(), encoding="utf-8")


def test_the_country_table_is_pycountrys() -> None:
    assert TABLE.read_text(encoding="utf-8") == countries.table_source(), (
        "planctl/model/country_table.py differs from the installed pycountry: "
        "regenerate it with python -c 'import tests.test_countries as t; t.regenerate()'"
    )


def test_commands_do_not_load_pycountry() -> None:
    code = "import sys\nfrom planctl.model import countries\n"
    code += "countries.resolve('Laos')\nprint('pycountry' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

"""The README's API examples, run on the demo as a newcomer would after `make run`."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from communs.territories.services import territories_import

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[3] / "README.md"
TERRITORIES = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"
# A plain `curl ADDRESS` line (reads only: writes and conditional requests send headers).
EXAMPLE = re.compile(r"^curl '?http://localhost:8000(/api/v1/[^' ]*)'?$", re.MULTILINE)


def test_every_read_example_of_the_readme_answers_with_data_on_the_demo(client):
    call_command("load_demo", stdout=io.StringIO())
    territories_import(source=TERRITORIES, edition="2026")
    examples = EXAMPLE.findall(README.read_text(encoding="utf-8"))
    assert len(examples) >= 12, examples
    for address in examples:
        response = client.get(address)
        assert response.status_code == 200, address
        answer = response.json()
        rows = answer.get("results", answer) if isinstance(answer, dict) else answer
        assert rows, f"{address} answers with nothing on the demo"

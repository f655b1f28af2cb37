import json
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from communs.territories.models import InseeAlias, Organisation
from communs.territories.services import TerritoriesDataError, territories_import

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parent / "data"


def snapshot():
    return (
        list(Organisation.objects.order_by("kind", "insee_code", "siren").values()),
        list(InseeAlias.objects.order_by("code").values()),
    )


def test_the_extract_loads_with_its_hierarchy():
    summary = territories_import(source=EXTRACT, edition="2026")
    assert summary.created == Organisation.objects.count() == 2 + 3 + 10 + 2
    commune = Organisation.objects.get(kind="commune", insee_code="01001")
    assert (commune.name, commune.siren, commune.population) == (
        "L'Abergement-Clémenciat",
        "210100012",
        860,
    )
    assert commune.epci.name == "CC de la Dombes" and commune.epci.epci_type == "CC"
    assert commune.departement.name == "Ain"
    assert commune.region.name == "Auvergne-Rhône-Alpes"
    assert [o.name for o in commune.hierarchy()] == [
        "CC de la Dombes",
        "Ain",
        "Auvergne-Rhône-Alpes",
    ]
    epci = Organisation.objects.get(siren="200000172")
    assert epci.departement.insee_code == "74"  # where most of its communes are
    assert epci.region.insee_code == "84"
    assert epci.member_communes.count() == 7
    paris = Organisation.objects.get(kind="commune", insee_code="75056")
    assert paris.departement.name == "Paris" and paris.region.name == "Île-de-France"


def test_codes_of_merged_communes_become_aliases():
    territories_import(source=EXTRACT, edition="2026")
    alias = InseeAlias.objects.get(code="01039")
    assert alias.organisation.insee_code == "01138"
    assert alias.reason == "commune-deleguee"
    # A delegated commune keeping the code of the commune it joined needs no alias.
    assert not InseeAlias.objects.filter(code="01138").exists()


def test_importing_twice_changes_nothing():
    territories_import(source=EXTRACT, edition="2026")
    before = snapshot()
    summary = territories_import(source=EXTRACT, edition="2026")
    assert (summary.created, summary.updated) == (0, 0)
    assert snapshot() == before


def test_a_later_edition_updates_names_populations_memberships_and_merges(tmp_path):
    territories_import(source=EXTRACT, edition="2026")
    later = tmp_path / "later"
    shutil.copytree(EXTRACT, later)
    communes = json.loads((later / "communes.json").read_text())
    for commune in communes:
        if commune["code"] == "74042":
            commune["nom"], commune["population"] = "Bonneville-sur-Arve", 14000
        if commune["code"] == "74049":  # merged into Bonneville
            commune.update(type="commune-deleguee", chefLieu="74042")
    (later / "communes.json").write_text(json.dumps(communes))
    epci = json.loads((later / "epci.json").read_text())
    moved = next(m for m in epci[0]["membres"] if m["code"] == "74164")
    epci[0]["membres"].remove(moved)
    epci[1]["membres"].append(moved)
    (later / "epci.json").write_text(json.dumps(epci))

    summary = territories_import(source=later, edition="2027")
    bonneville = Organisation.objects.get(kind="commune", insee_code="74042")
    assert (bonneville.name, bonneville.population) == ("Bonneville-sur-Arve", 14000)
    assert Organisation.objects.get(insee_code="74164").epci.siren == epci[1]["code"]
    assert InseeAlias.objects.get(code="74049").organisation == bonneville
    assert summary.updated >= 1


def test_a_missing_or_broken_source_is_refused_and_changes_nothing(tmp_path):
    with pytest.raises(TerritoriesDataError, match="missing"):
        territories_import(source=tmp_path, edition="2026")
    broken = tmp_path / "broken"
    shutil.copytree(EXTRACT, broken)
    (broken / "epci.json").write_text("{not json")
    with pytest.raises(TerritoriesDataError, match="cannot be read"):
        territories_import(source=broken, edition="2026")
    assert not Organisation.objects.exists()


def test_the_command_prints_its_progress(capsys, tmp_path):
    call_command("territories", "import", "--source", str(EXTRACT))
    output = capsys.readouterr().out
    assert "Read 17 units." in output and "17 created" in output
    with pytest.raises(CommandError, match="make territories-data"):
        call_command("territories", "import", "--source", str(tmp_path))


def test_make_run_imports_an_edition_only_once(capsys):
    call_command("territories", "import", "--source", str(EXTRACT), "--if-needed")
    assert "17 created" in capsys.readouterr().out
    Organisation.objects.filter(insee_code="01001").update(name="Changed")
    call_command("territories", "import", "--source", str(EXTRACT), "--if-needed")
    assert "Territories 2026 already loaded (17 units)" in capsys.readouterr().out
    assert Organisation.objects.get(insee_code="01001").name == "Changed"


def test_an_edition_imported_before_article_types_were_kept_is_imported_again(capsys):
    territories_import(source=EXTRACT, edition="2026")
    Organisation.objects.exclude(kind="epci").update(name_liaison=None)  # as migration 0006 left it
    call_command("territories", "import", "--source", str(EXTRACT), "--if-needed")
    assert "already loaded" not in capsys.readouterr().out
    assert Organisation.objects.get(kind="departement", insee_code="01").name_liaison == 5
    call_command("territories", "import", "--source", str(EXTRACT), "--if-needed")
    assert "already loaded" in capsys.readouterr().out


def test_an_interrupted_import_is_completed_by_the_next_make_run(capsys):
    territories_import(source=EXTRACT, edition="2026")
    Organisation.objects.filter(kind="commune", insee_code__startswith="74").delete()
    call_command("territories", "import", "--source", str(EXTRACT), "--if-needed")
    assert "already loaded" not in capsys.readouterr().out
    assert Organisation.objects.count() == 17
    assert Organisation.objects.get(insee_code="74042").epci is not None


@pytest.mark.slow
def test_the_full_2026_edition_loads():
    source = Path(settings.TERRITORIES_DATA_DIR)
    if not (source / "communes.json").exists():
        pytest.skip(f"the full data is not in {source}: run make territories-data")
    territories_import(source=source, edition="2026")
    assert Organisation.objects.filter(kind="commune").count() == 34_969
    assert Organisation.objects.filter(kind="epci").count() == 1_255
    assert Organisation.objects.filter(kind="commune", epci__isnull=False).count() > 34_800


def test_a_long_write_reports_counts_and_time_left(monkeypatch, db):
    from communs.console import collected
    from communs.territories import services

    monkeypatch.setattr(services, "BATCH", 4)
    lines: list[str] = []
    services.territories_import(source=EXTRACT, edition="2026", progress=collected(lines))
    steps = [line for line in lines if line.startswith("Territories written:")]
    assert len(steps) >= 3
    assert re.fullmatch(r"Territories written: \d+ of 17 \(\d+%\), about \d+ s left\.\n", steps[0])
    assert re.fullmatch(r"Territories written: 17 of 17 \(100%\), done in [\d.]+ s\.\n", steps[-1])


def test_a_later_import_of_many_changed_rows_updates_them_all(tmp_path):
    territories_import(source=EXTRACT, edition="2026")
    summary = territories_import(source=EXTRACT, edition="2027")
    assert summary.updated == Organisation.objects.count() == 17
    assert set(Organisation.objects.values_list("official_edition", flat=True)) == {"2027"}
    commune = Organisation.objects.get(kind="commune", insee_code="01001")
    assert commune.postcodes == ["01400"] and commune.epci.name == "CC de la Dombes"


def test_names_keep_insee_article_type_so_that_french_says_de_l_ain():
    from communs.french import of

    territories_import(source=EXTRACT, edition="2026")
    ain = Organisation.objects.get(kind="departement", insee_code="01")
    savoie = Organisation.objects.get(kind="departement", insee_code="74")
    commune = Organisation.objects.get(kind="commune", insee_code="01001")
    assert (ain.name_liaison, savoie.name_liaison, commune.name_liaison) == (5, 3, 5)
    assert of(ain.name, ain.name_liaison) == "de l’Ain"
    assert of(savoie.name, savoie.name_liaison) == "de la Haute-Savoie"
    assert of(commune.name, commune.name_liaison) == "de L'Abergement-Clémenciat"
    assert Organisation.objects.get(kind="epci", siren="200000172").name_liaison is None

"""Open data: the demo's export is a Frictionless Data Package that the real `frictionless`
validates, deliberately broken copies fail, no file holds the demo's personal data, and the
export page passes axe and downloads the same package without JavaScript."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from helpers import axe_violations, format_violation, login

ORG = "gemeente-voorbeeld"
# The demo's personal data: the team's names and e-mail addresses, and what the stories' originals hold.
PERSONAL = ["Ilse de Vries", "Marco Jansen", "Fatima El Amrani", "Joost Bakker", "Anouk Visser", "@voorbeeld.nl",
            "06-12345678", "sanne.jansen", "Wijkcentrum De Brug", "Stadhuis, zaal 2"]


def _frictionless() -> str:
    path = Path(sys.executable).parent / "frictionless"
    assert path.exists(), f"frictionless is not installed in the venv ({path}); scripts/test.sh installs Tests/browser/requirements.txt"
    return str(path)


def _validate(folder: Path) -> dict:
    run = subprocess.run([_frictionless(), "validate", "--json", "datapackage.json"], cwd=folder, capture_output=True, text=True, timeout=120)
    return {"returncode": run.returncode, "report": json.loads(run.stdout) if run.stdout.strip().startswith("{") else run.stdout + run.stderr}


@pytest.fixture(scope="module")
def package(server, tmp_path_factory) -> Path:
    if server.data_dir is None:
        pytest.skip("needs the test server's own data folder (not SAMEN_TEST_BASE_URL)")
    out = tmp_path_factory.mktemp("open-data")
    archive = out / "open-data.zip"
    subprocess.run([os.environ["SAMEN_BIN"], "export", "open-data", "--data-dir", str(server.data_dir), "--organisation", ORG,
                    "--contact", "open-data@example.org", str(archive)], check=True, capture_output=True, timeout=60)
    folder = out / "package"
    with zipfile.ZipFile(archive) as z:
        assert z.testzip() is None, "a ZIP entry fails its CRC check"
        z.extractall(folder)
    return folder


def _broken_copy(package: Path, tmp_path: Path, table: str, column: str, value: str) -> Path:
    copy = tmp_path / f"broken-{table}-{column}"
    subprocess.run(["cp", "-r", str(package), str(copy)], check=True)
    path = copy / "data" / f"{table}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows, f"{table} has no rows to break"
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return copy


def test_demo_export_is_a_valid_data_package(package):
    result = _validate(package)
    assert result["returncode"] == 0 and result["report"]["valid"], json.dumps(result["report"], indent=1)[:4000]
    descriptor = json.loads((package / "datapackage.json").read_text())
    names = [r["name"] for r in descriptor["resources"]]
    assert {"trajectories", "phases", "coverage", "stories", "insights", "interventions", "intervention_insights", "left_out"} <= set(names)
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"], resource["name"]
        assert all(f["description"] and f["description_en"] for f in schema["fields"]), resource["name"]
        header = next(csv.reader(io.StringIO((package / resource["path"]).read_text(encoding="utf-8"))))
        assert header == [f["name"] for f in schema["fields"]], resource["name"]
    enums = {f["name"]: f["constraints"].get("enum") for r in descriptor["resources"] if r["name"] == "interventions" for f in r["schema"]["fields"]}
    assert "in_experiment" in enums["status"]
    readme = (package / "README.md").read_text()
    for expected in ("Gegenereerd op", "CC-BY-4.0", "open-data@example.org", "| `data/stories.csv` |"):
        assert expected in readme or expected.replace("CC-BY-4.0", "creativecommons.org/licenses/by/4.0") in readme, expected
    dcat = json.loads((package / "dcat.jsonld").read_text())
    assert dcat["@type"] == "dcat:Dataset" and dcat["dct:issued"]["@value"] and dcat["dcat:contactPoint"]["vcard:fn"] == "open-data@example.org"


@pytest.mark.parametrize("table,column,value,error", [
    ("interventions", "status", "maybe", "constraint-error"),      # outside constraints.enum
    ("interventions", "cost_eur", "-5", "constraint-error"),       # below minimum 0
    ("intervention_insights", "insight_id", "no-such-insight", "foreign-key"),  # a dangling foreign key
])
def test_broken_copies_fail_validation(package, tmp_path, table, column, value, error):
    result = _validate(_broken_copy(package, tmp_path, table, column, value))
    assert result["returncode"] != 0, f"frictionless accepted {table}.{column} = {value!r}"
    types = {e["type"] for task in result["report"]["tasks"] for e in task["errors"]}
    assert error in types, types


def test_no_file_holds_the_demos_personal_data(package):
    stories = (package / "data" / "stories.csv").read_text(encoding="utf-8")
    assert stories.count("\n") >= 2, "the demo's stories with consent for publication are missing"
    assert "Mijn dochter" not in stories, "a story without consent for publication was exported"
    found = []
    for path in sorted(package.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(package)}: {p}" for p in PERSONAL if p in text]
    assert not found, found
    left = list(csv.DictReader(io.StringIO((package / "data" / "left_out.csv").read_text(encoding="utf-8"))))
    what = {row["what"]: row for row in left}
    assert what["stories_without_publication_consent"]["count"] == "1"
    assert int(what["coverage_small_groups"]["count"]) > 0


def test_open_data_page_passes_axe_and_downloads_without_javascript(base_url, new_driver):
    d = new_driver(javascript=False)
    login(d, base_url)
    page = f"{base_url}/o/{ORG}/open-data"
    d.get(page)
    assert d.find_element(By.TAG_NAME, "h1").text == "Open data"
    form = d.find_element(By.ID, "open-data-form")
    assert form.get_attribute("method") == "get"
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
    request = urllib.request.Request(form.get_attribute("action") + "?part=stories&part=insights", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.headers["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(r.read())).namelist()
    assert "data/stories.csv" in names and "data/insights.csv" in names and "data/interventions.csv" not in names
    js = new_driver()
    login(js, base_url)
    js.get(page)
    problems = [format_violation(v, page) for v in axe_violations(js) if v.get("impact") in ("serious", "critical")]
    assert not problems, "\n\n".join(problems)

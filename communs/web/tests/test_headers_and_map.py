"""Pages carry a Content-Security-Policy without inline scripts and a Permissions-Policy;
the usage map never hands user text to Leaflet as HTML."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import communs

MAP_JS = Path(communs.__file__).parent / "web" / "static" / "communs" / "map.js"

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_pages_forbid_inline_scripts_plugins_and_framing(client):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_pages_ask_for_no_browser_feature(client):
    response = client.get("/")
    features = response["Permissions-Policy"]
    assert "camera=()" in features and "geolocation=()" in features


def test_no_template_carries_an_inline_script_or_event_handler():
    root = Path(communs.__file__).parent
    for template in root.glob("*/templates/**/*.html"):
        html = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "application/json" in tag, f"inline script in {template}"
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"event handler in {template}"
        assert not re.search(r"<[^>]+\sstyle\s*=", html), f"inline style in {template}"


# Runs map.js with a stand-in for the page and for Leaflet, to see what reaches bindPopup.
HARNESS = """
const fs = require("fs");
const points = %s;
const popups = [];
const elements = {
  "usage-map": {},
  "usage-points": { textContent: JSON.stringify(points) },
  "usage-tiles": { textContent: JSON.stringify({ url: "", attribution: "" }) },
};
global.document = {
  addEventListener: (event, handler) => { global.ready = handler; },
  getElementById: (id) => elements[id],
  createElement: (tag) => ({ tagName: tag, textContent: "" }),
  createTextNode: (text) => ({ textContent: text }),
};
const layer = { addTo: () => layer, bindPopup: (content) => popups.push(content) };
global.L = {
  map: () => ({ fitBounds: () => {} }),
  tileLayer: () => layer,
  marker: () => layer,
};
eval(fs.readFileSync(%s, "utf8"));
global.ready();
console.log(JSON.stringify(popups.map((p) => typeof p === "string" ? { html: p } : p)));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_name_with_html_reaches_the_map_as_text_never_as_html():
    name = 'Mairie <img src=x onerror="alert(1)">'
    points = [{"lat": 48.85, "lon": 2.35, "name": name}]
    script = HARNESS % (json.dumps(points), json.dumps(str(MAP_JS)))
    result = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, timeout=60, check=True
    )
    popups = json.loads(result.stdout)
    assert popups == [{"tagName": "span", "textContent": name}]

"""The layers contract covers every package of shared/ (lint-imports checks only what is listed).

A new package left out of the ``layers`` contract in pyproject.toml would be free to import
anything and be imported by anything; this test makes its author place it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    assert contracts, "pyproject.toml has no layers contract"
    names: set[str] = set()
    for contract in contracts:
        for layer in contract["layers"]:
            names |= {part.strip() for part in layer.replace(":", "|").split("|")}
    return names


def _shared_packages() -> set[str]:
    shared = ROOT / "shared"
    packages = {"shared." + p.parent.name for p in shared.glob("*/__init__.py")}
    modules = {"shared." + p.stem for p in shared.glob("*.py") if p.stem != "__init__"}
    return packages | modules


def test_every_shared_package_has_a_layer():
    missing = _shared_packages() - _layered_modules()
    assert not missing, "put these in the layers contract of pyproject.toml: {}".format(sorted(missing))


def test_the_layers_name_real_packages():
    assert _shared_packages() >= {"shared.domain", "shared.store", "shared.workflow", "shared.integration"}
    stale = {m for m in _layered_modules() if m.startswith("shared.")} - _shared_packages()
    assert not stale, "layers name packages that no longer exist: {}".format(sorted(stale))


def _layer_index(name: str) -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    return next(i for i, layer in enumerate(layers) if name in {p.strip() for p in layer.split("|")})


def test_the_integration_api_sits_between_the_front_ends_and_the_core():
    """It uses the store, the importer and sync's back-off; the CLI and the counter start it."""
    at = _layer_index("shared.integration")
    assert _layer_index("shared.cli") < at < _layer_index("shared.workflow") < _layer_index("shared.sync")

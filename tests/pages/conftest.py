"""Fixtures of the pages area: generated photos (made once) and a SANE test-backend config."""

from __future__ import annotations

import shutil

import pytest

from shared.devices import testpages as tp

QR_ZH = "不动产权证书：闽(2023)福州市不动产权第0012345号;unit=350102003004GB00012F00030012"
CODE128 = "HT20230815001"


@pytest.fixture(scope="session")
def page_with_codes():
    """A flat generated page with a seal, a Chinese QR code and a Code128."""
    return tp.make_page(width=1000, qr_text=QR_ZH, code128_text=CODE128)


@pytest.fixture(scope="session")
def tilted_photo(page_with_codes):
    """The page photographed tilted on a desk (1600x1200), corners known."""
    return tp.make_photo(page_with_codes, size=(1600, 1200), seed=5)


@pytest.fixture(scope="session")
def sane_config(tmp_path_factory):
    """Enable Debian's sane ``test`` backend without touching /etc.

    SANE reads its configuration once, at the first ``sane.init()`` of the process, so the
    variable is set for the whole session before any scanner code runs.
    """
    import os

    folder = tmp_path_factory.mktemp("sane")
    (folder / "dll.conf").write_text("test\n")
    shutil.copy("/etc/sane.d/test.conf", folder / "test.conf")
    old = os.environ.get("SANE_CONFIG_DIR")
    os.environ["SANE_CONFIG_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = old

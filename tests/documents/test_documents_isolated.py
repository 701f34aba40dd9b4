"""Documents rendered in a short-lived child process (the counter's path): the same documents,
the same errors, and the rendering libraries never loaded into the process that asked."""

from __future__ import annotations

import subprocess
import sys

import pytest
from docfixtures import PLACE, pdftotext

from shared.documents import case_documents as cdocs
from shared.documents import isolated
from shared.documents import seal as sl
from shared.errors import DocumentError


def test_isolated_rendering_gives_the_same_documents(store, doc_case, business):
    here = cdocs.render_all(doc_case, business, PLACE)
    there = cdocs.render_all(doc_case, business, PLACE, isolate=True)
    assert list(there) == list(here) == ["application", "interview", "authorization"]
    for kind in here:
        assert there[kind].startswith(b"%PDF") and pdftotext(there[kind]) == pdftotext(here[kind])
    assert sl.HAND_NOTE in pdftotext(there["authorization"])
    docs = cdocs.generate(store, doc_case, business, PLACE, isolate=True)
    assert [store.blobs.get(d.blob_id) == d.pdf for d in docs] == [True, True, True]


def test_the_childs_error_arrives_as_the_same_readable_error(doc_case, business):
    with pytest.raises(DocumentError) as err:
        isolated.render_isolated([("no-such-kind", None)], doc_case, business, PLACE)
    assert err.value.msg.code == "document.unknown_kind" and "no-such-kind" in err.value.msg.render()


def test_the_asking_process_never_loads_the_renderer(doc_case, business):
    import pickle
    script = (
        "import pickle, sys\n"
        "from shared.documents import isolated\n"
        "case, business, place = pickle.loads(sys.stdin.buffer.read())\n"
        "[(pdf, _)] = isolated.render_isolated([('interview', None)], case, business, place)\n"
        "print(pdf[:5].decode(), 'reportlab' in sys.modules, any(m.startswith('reportlab') for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], input=pickle.dumps((doc_case, business, PLACE)),
                         capture_output=True, check=True, timeout=120).stdout.decode()
    assert out.split() == ["%PDF-", "False", "False"]

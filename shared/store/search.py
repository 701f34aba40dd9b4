"""The case list's search index: keyed hashes of name, ID-number and unit-number grams.

What it is: one WITHOUT ROWID table ``search_index(token, case_id)``. A token is the first
8 bytes (as a signed 64-bit integer) of HMAC-SHA256 under a key derived from the store key,
of a tagged gram of a case's searchable values:

* names (every party): each character and each pair of adjacent characters (Chinese names are
  two to four characters long, so one- and two-character fragments must be found);
* ID numbers (every party) and the unit number: each run of three characters, plus the whole
  value (one token: an exact ID number or unit number is a single look-up).

A search turns the query into the same tokens, keeps the cases holding all of them (per kind:
any one kind may match) and then checks the real values with ``instr`` inside the encrypted
database, so hash collisions and grams found apart never show, and ``%`` or ``_`` in a query
match themselves only.

Why keyed hashes and not a plain FTS5 index inside the encrypted file: both are only readable
with the store key (SQLCipher encrypts every page), so on disk neither leaks more than the
parties table already holds. The hashed table still wins here: (1) nothing in it is readable
text, should a page ever leave the encryption (a support dump of the index, a debug copy of
the table); (2) deleting a case deletes its rows and ``secure_delete`` zeroes them, where
FTS5 keeps deleted tokens in old segments until a merge; (3) one- and two-character
fragments work, which FTS5's trigram tokenizer cannot index. What it leaks to a holder of
the store key: which cases share a gram and how often each gram occurs (digit grams have few
values, so frequencies can be analysed), nothing that key does not already open directly.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable

from shared.domain.identifiers import normalize

log = logging.getLogger(__name__)
META_KEY = "search_index"  # meta value "rebuild": fill the index on the next open (migration 7)


def index_key(store_key: bytes) -> bytes:
    """The HMAC key of the search index, derived from the store key."""
    return hmac.new(store_key, b"yizhan-search-index-v1", hashlib.sha256).digest()


def fold_name(name: str) -> str:
    """A name as it is indexed and compared: trimmed, ASCII letters in lower case (as SQL ``lower``)."""
    return "".join(c.lower() if c.isascii() else c for c in (name or "").strip())


def _token(key: bytes, tag: str, gram: str) -> int:
    digest = hmac.new(key, (tag + "\x00" + gram).encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def name_grams(name: str) -> set[str]:
    """Each character and each adjacent pair of a folded name."""
    s = fold_name(name)
    return set(s) | {s[i:i + 2] for i in range(len(s) - 1)}


def code_grams(value: str) -> set[str]:
    """Each run of three characters of a normalised ID or unit number."""
    return {value[i:i + 3] for i in range(len(value) - 2)}


def case_tokens(key: bytes, names: Iterable[str], id_numbers: Iterable[str], unit_number: str) -> set[int]:
    """All tokens of one case."""
    out: set[int] = set()
    for name in names:
        out |= {_token(key, "n", g) for g in name_grams(name)}
    for idn in id_numbers:
        idn = normalize(idn)
        if idn:
            out |= {_token(key, "i", g) for g in code_grams(idn)}
            out.add(_token(key, "I", idn))
    unit = normalize(unit_number)
    if unit:
        out |= {_token(key, "u", g) for g in code_grams(unit)}
        out.add(_token(key, "U", unit))
    return out


def write_case_tokens(conn, key: bytes, case_id: str, names: Iterable[str], id_numbers: Iterable[str],
                      unit_number: str) -> None:
    """Replace the index rows of one case (inside the caller's transaction)."""
    conn.execute("DELETE FROM search_index WHERE case_id = ?", (case_id,))
    conn.executemany("INSERT OR IGNORE INTO search_index(token, case_id) VALUES (?, ?)",
                     [(t, case_id) for t in case_tokens(key, names, id_numbers, unit_number)])


def query_token_groups(key: bytes, query: str) -> list[list[int]]:
    """The token groups of a query: a case matches when it holds every token of one group."""
    groups: list[list[int]] = []
    folded = fold_name(query)
    if len(folded) == 1:
        groups.append([_token(key, "n", folded)])
    elif len(folded) > 1:
        groups.append(sorted({_token(key, "n", folded[i:i + 2]) for i in range(len(folded) - 1)}))
    nq = normalize(query)
    if len(nq) >= 3:
        for tag, exact_tag, exact_len in (("i", "I", 18), ("u", "U", 28)):
            if len(nq) == exact_len:
                groups.append([_token(key, exact_tag, nq)])
            else:  # grams side by side cover the fragment; the literal check does the rest
                starts = sorted(set(range(0, len(nq) - 2, 3)) | {len(nq) - 3})
                groups.append(sorted({_token(key, tag, nq[i:i + 3]) for i in starts}))
    return groups


PROBE_CAP = 1024      # postings counted per token when choosing which tokens to intersect
NARROW_BUDGET = 2048  # postings read at most for the tokens kept beside the rarest one


def narrow_groups(conn, groups: list[list[int]]) -> list[list[int]]:
    """Each group cut down to its rarest tokens, counted in the index (on the connection).

    A group's candidates are the cases holding all its tokens, read as one count over their
    postings: a gram found in most cases (a unit number's ``GB0`` or ``000``, a common digit
    run) makes that read long for no gain, since the literal ``instr`` check after the index
    decides anyway. So each token's postings are counted up to :data:`PROBE_CAP`; the rarest
    token is kept, and the next rarest while their postings stay within
    :data:`NARROW_BUDGET`. A group whose rarest token is frequent is kept whole (the exact
    intersection is then the cheapest narrowing); one holding an absent token finds nothing."""
    out = []
    for group in groups:
        counts = sorted((conn.execute("SELECT count(*) FROM (SELECT 1 FROM search_index WHERE token = ?"
                                      " LIMIT ?)", (t, PROBE_CAP)).fetchone()[0], t) for t in group)
        if not counts or counts[0][0] == 0:
            continue  # a gram no case holds: nobody matches this kind
        if counts[0][0] >= PROBE_CAP:
            out.append(group)
            continue
        kept, read = [counts[0][1]], counts[0][0]
        for n, token in counts[1:]:
            if read + n > NARROW_BUDGET:
                break
            kept.append(token)
            read += n
        out.append(sorted(kept))
    return out


def group_sql(n: int) -> str:
    """Cases holding all ``n`` tokens. A count over the tokens' postings reads them in key
    order (contiguous pages); point look-ups per candidate measured several times slower in
    the encrypted file (every look-up a random page to decrypt)."""
    return ("SELECT case_id FROM search_index WHERE token IN ({}) GROUP BY case_id"
            " HAVING count(*) = {:d}".format(",".join("?" * n), n))


def rebuild(conn, key: bytes, progress=None) -> int:
    """Fill the index from the cases and parties tables (in one transaction): cases indexed.

    Inserting millions of keys in hash order touches index pages at random: with the normal
    page cache a 100,000-case store rebuilds many times slower than with the whole index in
    cache, so the cache is raised for the rebuild and given back after it."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")
    try:
        return _rebuild(conn, key, progress)
    finally:
        conn.execute("PRAGMA cache_size = {:d}".format(cache))
        conn.execute("PRAGMA shrink_memory")


def _rebuild(conn, key: bytes, progress=None) -> int:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM search_index")
        parties: dict[str, tuple[list[str], list[str]]] = {}
        for case_id, name, idn in conn.execute("SELECT case_id, name, id_number FROM parties"):
            names, ids = parties.setdefault(case_id, ([], []))
            names.append(name)
            ids.append(idn)
        n = 0
        cases = conn.execute("SELECT id, unit_number FROM cases").fetchall()
        if progress is not None:
            progress.plan_index(len(cases))
        for case_id, unit in cases:
            names, ids = parties.get(case_id, ([], []))
            conn.executemany("INSERT OR IGNORE INTO search_index(token, case_id) VALUES (?, ?)",
                             [(t, case_id) for t in case_tokens(key, names, ids, unit)])
            n += 1
            if progress is not None:
                progress.advance()
        conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n


def ensure_index(conn, key: bytes, progress=None) -> None:
    """Rebuild the index when a migration asked for it (right after opening; told to the
    opening's :class:`~shared.store.schema.UpgradeProgress`)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row and row[0] == "rebuild":
        n = rebuild(conn, key, progress)
        log.info("search index built for %d cases", n)

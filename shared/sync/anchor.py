"""The audit log checked against the registration server's anchor.

The store's own check (``audit.verify``) sees edits and gaps inside the chain, but not a
store rolled back to an older copy nor rows cut from either end together with the head or
base. The server keeps the heads this device reported (heartbeats and packets); every
heartbeat (:func:`heartbeat`) carries the head, the base with the date of the newest purged
row, and the hashes of the rows the server asks about, so the server itself flags a chain
that went backwards, was cut at its start, or forked from what it saw; and
:func:`verify_against_server` compares the two and reports what the server flagged.
"""

from __future__ import annotations

from shared.i18n import Msg


def heartbeat(store, client) -> dict:
    """Tell the server the chain's head now, proving the rows it asks about; its anchor."""
    asked = client.audit_anchor().get("prove") or []
    proof = {}
    for seq in asked[:64]:
        digest = store.audit_hash_at(int(seq))
        if digest is not None:
            proof[str(int(seq))] = digest
    return client.audit_heartbeat(store.audit_head(), proof)


def verify_against_server(store, client) -> list[Msg]:
    """What is wrong with the local chain against the server's anchor (empty: nothing)."""
    problems: list[Msg] = []
    anchor = client.audit_anchor()
    local = store.audit_head()
    seq, digest = int(anchor["seq"]), str(anchor["hash"])
    if local["seq"] < seq:
        problems.append(Msg("audit.behind_server", "本机审计日志只到第 {local} 条，而登记服务器已确认到第 {server} 条：日志被截断或数据库被回滚到旧副本",
                            {"local": local["seq"], "server": seq}))
    elif seq and seq > local["base_seq"]:
        mine = store.audit_hash_at(seq)
        if mine is not None and mine != digest:
            problems.append(Msg("audit.forked", "本机第 {seq} 条审计记录与登记服务器确认的不一致：日志被改写", {"seq": seq}))
    for finding in anchor.get("findings") or []:
        kind = str(finding.get("kind", "?"))[:40]
        what = FINDINGS.get(kind) or Msg("audit.finding_other", "{kind}", {"kind": kind})
        problems.append(Msg("audit.server_finding", "登记服务器记录（{at}）：{what}",
                            {"kind": kind, "at": str(finding.get("at", ""))[:32], "what": what}))
    return problems


FINDINGS = {
    "went_backwards": Msg("audit.finding_backwards", "审计日志倒退了：数据库被回滚到旧副本，或末尾的记录被删除"),
    "rewritten": Msg("audit.finding_rewritten", "已确认的审计记录被改写"),
    "forked": Msg("audit.finding_forked", "审计日志与服务器确认过的不一致：被改写，或回滚后又继续记录"),
    "cut_at_start": Msg("audit.finding_cut_start", "审计日志开头不足一年的记录被删除（正常清理只删一年以上的）"),
}

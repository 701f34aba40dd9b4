"""授权书: the owner's authorization for the bank to query the registry on their behalf."""

from __future__ import annotations

from shared.documents.common import Requirements, document_hash, fmt_date, id_kind_name, party_label, role_name
from shared.domain.authorization import MATTERS, principals_and_agent
from shared.documents.layout import MM, DocBuilder, LayoutReport
from shared.domain.case import Case, now_iso
from shared.domain.signature import signature_png

TITLE = "授权书"
DEFAULT_MATTERS = ("代委托人向不动产登记机构查询并获取委托人名下坐落于{location}（不动产单元号 {unit}）的不动产登记信息，"
                   "包括权利人、权利状况、抵押、查封及异议登记等情况，仅用于本次不动产登记业务（业务号 {case_id}）。")
DEFAULT_LIMIT = "自本授权书签署之日起至本次登记业务办结之日止，最长不超过九十日。"
OBLIGATIONS = ("受托人应当依照《不动产登记暂行条例》及其实施细则、《不动产登记资料查询暂行办法》的规定使用查询结果，"
               "仅用于上述授权事项，不得泄露、向他人提供或用于其他目的；违反规定的，依法承担相应的法律责任。"
               "委托人对本授权书的真实性负责，授权期间内不得以未授权为由否认受托人依本授权书所作的查询。")


def signature_key(party_id: str) -> str:
    """The ``case.signatures`` key of a party's signature on the authorization letter."""
    return "authorization:" + party_id


def _side_rows(b: DocBuilder, business, party, who: str):
    return [["{}（{}）".format(who, role_name(business, party.role)), party.name, "证件种类", id_kind_name(party)],
            ["证件号码或统一社会信用代码", party.id_number, "联系电话", party.phone],
            ["住所", party.address, "", ""]]


def _matters_text(case: Case) -> str:
    """The matters entrusted: the codes set in the case, for this property and business (a text
    set by an older version as it was; the standard text when nothing is set)."""
    matters = case.get("authorization.matters")
    where = dict(location=case.get("property.location"), unit=case.get("property.unit_number", "—"), case_id=case.id)
    if isinstance(matters, list) and matters:
        what = "；".join(MATTERS[m] for m in matters if m in MATTERS)
        return ("代委托人向登记机构查询并获取委托人名下坐落于{location}（不动产单元号 {unit}）的下列信息：" + what +
                "；仅用于本次不动产登记业务（业务号 {case_id}）。").format(**where)
    return matters if isinstance(matters, str) and matters else DEFAULT_MATTERS.format(**where)


def render_authorization(case: Case, business, report: LayoutReport | None = None) -> bytes:
    """The authorization letter of ``case`` as PDF bytes."""
    req = Requirements(TITLE)
    principals, agent = principals_and_agent(case)
    req.need(principals, "委托人（不动产权利人）")
    req.need(agent, "受托人（抵押权人）")
    for party in principals + ([agent] if agent else []):
        label = party_label(business, case, party)
        req.need(party.name, "{}的姓名（名称）".format(label))
        req.need(party.id_number, "{}的证件号码".format(label))
    req.need(case.get("property.location"), "不动产坐落")
    req.check()
    matters = _matters_text(case)
    limit = case.get("authorization.time_limit") or DEFAULT_LIMIT
    if case.get("authorization.valid_until"):  # the real time limit set in the case
        limit = "自{}起至{}止。".format(fmt_date(case.get("authorization.date") or now_iso()),
                                   fmt_date(case.get("authorization.valid_until")))
    date = fmt_date(case.get("authorization.date") or now_iso())
    b = DocBuilder(TITLE, document_hash("authorization", case), "业务号 {}".format(case.id), report)
    rows = []
    for party in principals:
        rows += _side_rows(b, business, party, "委托人")
    rows += _side_rows(b, business, agent, "受托人")
    spans = [((1, i), (3, i)) for i in range(2, len(rows), 3)]
    story = [b.p("不动产登记资料查询" + TITLE, "title"),
             b.table(rows, [0.24, 0.34, 0.14, 0.28], name="授权双方", label_cols=[0, 2], spans=spans),
             b.spacer(3),
             b.table([["授权事项", matters], ["授权期限", limit], ["法律义务", OBLIGATIONS]], [0.16, 0.84],
                     name="授权内容", label_cols=[0]),
             b.spacer(3)]
    sign_rows = [["委托人 / 受托人", "签名（捺印）或盖章", "日期"]]
    for party in principals:  # its own signature: one bound to the interview record signs only that
        png = signature_png(case.signatures, signature_key(party.party_id))
        sign_rows.append([party.name, b.image(png, 45 * MM, 14 * MM) if png else b.spacer(14), date])
    sign_rows.append(["受托人（盖章）：{}".format(agent.name), b.spacer(14), date])
    story.append(b.table(sign_rows, [0.42, 0.36, 0.22], name="授权签章", header_rows=1))
    return b.build(story)

"""The formatted interview record (格式化询问笔录): templates and the per-party flow.

Templates are data in ``resources/catalog/interview/<name>.json``, validated against
``schema.json`` there when loaded; a broken file gives a :class:`CatalogError` naming the file
and the path inside it. A business type names its template (``BusinessType.interview``).

Each question may be limited to party roles, sides (``right_holder`` / ``obligor``) or party
kinds (``org`` for the bank's version, ``person`` for individuals), and may carry a ``when``
condition on the case's fields (``{"field": ...}``) or on earlier answers (``{"answer": ...}``).
An answer can stop the case (``stop``) with a reason the screen shows.

:class:`InterviewSession` is the Qt-free flow both front ends render: one party at a time,
next/back, progress, completion or stop, and the record stored in ``case.interview[party_id]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from shared import platform
from shared.domain.case import Case, Party, now_iso
from shared.domain.catalog import detail_message, read_json, where_text
from shared.domain.conditions import evaluate as evaluate_condition
from shared.domain.identifiers import parse_amount, parse_date, validate_amount, validate_date
from shared.errors import CatalogError
from shared.i18n import Msg, N_

INTERVIEW_DIR = platform.resource("catalog", "interview")
ANSWER_TYPES = ("yes_no", "choice", "share_percent", "amount", "date", "text")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")


@dataclass(frozen=True)
class StopRule:
    """An answer that stops the case: equal to ``equals``, in ``in_``, or differing from a field."""

    reason: str
    equals: Any = None
    has_equals: bool = False
    in_: tuple = ()
    differs_from_field: str | None = None

    def matches(self, value: Any, case: Case | None) -> bool:
        if self.has_equals and value == self.equals:
            return True
        if self.in_ and value in self.in_:
            return True
        if self.differs_from_field and case is not None:
            expected = case.get(self.differs_from_field)
            if isinstance(value, bool):
                return bool(expected) is not value
            return expected not in (None, "") and str(expected) != str(value)
        return False


@dataclass(frozen=True)
class Question:
    """One question of a template; ``text`` may name case fields as ``{mortgage.amount}``."""

    id: str
    text: str
    type: str
    choices: tuple[str, ...] = ()
    required: bool = True
    max_length: int = 500
    roles: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    party_kinds: tuple[str, ...] = ()
    when: dict | None = None
    stop: tuple[StopRule, ...] = ()
    help: str = ""

    def text_for(self, case: Case | None) -> str:
        """The question with the case's values filled in (the text the party is shown)."""
        return fill_text(self.text, case)


@dataclass(frozen=True)
class InterviewTemplate:
    """A formatted interview record template of one business family."""

    name: str
    version: str
    title: str
    questions: tuple[Question, ...]
    closing: str
    commitment: str
    description: str = ""
    path: Path | None = field(default=None, compare=False)

    def question(self, qid: str) -> Question:
        """The question ``qid``; KeyError when the template has none."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


def _fail(path: Path, where: Iterable[Any], text: str | Msg, **params: Any) -> CatalogError:
    return CatalogError(Msg("interview.invalid", "询问笔录模板 {file} 有误，位置 {where}：{text}。请修正该文件或更新业务目录",
                            {"file": str(path), "where": where_text(where),
                             "text": detail_message(text, **params)}))


def _read(path: Path) -> Any:
    return read_json(path, _fail)


def _answer_refs(cond: dict | None) -> set[str]:
    if not cond:
        return set()
    refs = {cond["answer"]} if "answer" in cond else set()
    for sub in cond.get("all", []) + cond.get("any", []):
        refs |= _answer_refs(sub)
    return refs | _answer_refs(cond.get("not"))


def _question(raw: dict) -> Question:
    stops = tuple(StopRule(reason=s["reason"], equals=s.get("equals"), has_equals="equals" in s,
                           in_=tuple(s.get("in", ())), differs_from_field=s.get("differs_from_field"))
                  for s in raw.get("stop", ()))
    return Question(id=raw["id"], text=raw["text"], type=raw["type"], choices=tuple(raw.get("choices", ())),
                    required=raw.get("required", True), max_length=raw.get("max_length", 500),
                    roles=tuple(raw.get("roles", ())), sides=tuple(raw.get("sides", ())),
                    party_kinds=tuple(raw.get("party_kinds", ())), when=raw.get("when"), stop=stops,
                    help=raw.get("help", ""))


def parse_template(raw: Any, path: Path, schema: dict) -> InterviewTemplate:
    """Validate ``raw`` (the JSON of ``path``) and build the template."""
    import jsonschema  # loaded here: only template loading needs it

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        raise _fail(path, errors[0].absolute_path, "{error}", error=errors[0].message)
    seen: list[str] = []
    for i, q in enumerate(raw["questions"]):
        if q["id"] in seen:
            raise _fail(path, ["questions", i, "id"], N_("问题编号“{id}”重复"), id=q["id"])
        unknown = _answer_refs(q.get("when")) - set(seen)
        if unknown:
            raise _fail(path, ["questions", i, "when"], N_("条件引用了此前没有的问题 {ids}"),
                        ids=", ".join(sorted(unknown)))
        seen.append(q["id"])
    return InterviewTemplate(name=raw["name"], version=str(raw["version"]), title=raw["title"],
                             questions=tuple(_question(q) for q in raw["questions"]), closing=raw["closing"],
                             commitment=raw["commitment"], description=raw.get("description", ""), path=path)


def load_template(name: str, directory: Path | str | None = None) -> InterviewTemplate:
    """Load and validate the template ``name`` (from ``directory``, the shipped one by default)."""
    directory = Path(directory) if directory else INTERVIEW_DIR
    if directory == INTERVIEW_DIR:
        return _load_shipped(name)
    return _load(name, directory)


@lru_cache(maxsize=16)
def _load_shipped(name: str) -> InterviewTemplate:
    return _load(name, INTERVIEW_DIR)


def _load(name: str, directory: Path) -> InterviewTemplate:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name or ""):
        raise _fail(directory / "{}.json".format(name), [], N_("模板名称无效"))
    path = directory / "{}.json".format(name)
    schema_path = directory / "schema.json"
    if not schema_path.exists():
        schema_path = INTERVIEW_DIR / "schema.json"
    template = parse_template(_read(path), path, _read(schema_path))
    if template.name != name:
        raise _fail(path, ["name"], N_("名称“{name}”与文件名不一致"), name=template.name)
    return template


def template_names(directory: Path | str | None = None) -> list[str]:
    """The names of every template in ``directory``."""
    directory = Path(directory) if directory else INTERVIEW_DIR
    return sorted(p.stem for p in directory.glob("*.json") if p.stem != "schema")


# -- conditions and texts ------------------------------------------------------------------------
def format_value(key: str, value: Any) -> str:
    """A case value as the interview shows it (amounts with separators and 元, dates as written)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value in (None, ""):
        return "（未填写）"
    if key.endswith("amount") or key.endswith("price"):
        amount = parse_amount(str(value))
        if amount is not None:
            return "{:,.2f} 元".format(amount)
    if key.endswith("_from") or key.endswith("_to"):
        date = parse_date(str(value))
        if date:
            return "{}年{}月{}日".format(date.year, date.month, date.day)
    return str(value)


def fill_text(text: str, case: Case | None) -> str:
    """Replace ``{dotted.key}`` placeholders with the case's values."""
    if case is None:
        return text
    return _PLACEHOLDER.sub(lambda m: format_value(m.group(1), case.get(m.group(1))), text)


def evaluate(cond: dict | None, case: Case | None, answers: dict[str, Any]) -> bool:
    """Evaluate a template condition on the case's fields and the answers given so far (the one
    condition language of :mod:`shared.domain.conditions`). Imported once at module level: a
    function-level import runs the import machinery on every call (PySide's hook included in
    the apps), and this runs thousands of times when a case's steps are worked out."""
    return evaluate_condition(cond, case.get if case is not None else (lambda key: None), answers)


def _role_side(case_roles: dict[str, str], party: Party) -> str:
    return case_roles.get(party.role, "applicant")


def applies_to(question: Question, party: Party, side: str = "") -> bool:
    """Whether ``question`` is asked of ``party`` (role, side and kind filters)."""
    if question.roles and party.role not in question.roles:
        return False
    if question.sides and side not in question.sides:
        return False
    return not question.party_kinds or party.kind in question.party_kinds


def questions_for(template: InterviewTemplate, case: Case | None, party: Party,
                  answers: dict[str, Any] | None = None, side: str = "") -> list[Question]:
    """The questions ``party`` is asked, in order, given the case and the answers so far."""
    answers = answers or {}
    if not side and case is not None:
        side = _side_of(case, party, template)
    return [q for q in template.questions
            if applies_to(q, party, side) and evaluate(q.when, case, answers)]


def _side_of(case: Case, party: Party, template: InterviewTemplate | None = None) -> str:
    """The party's side, from the catalog the template came with (a pulled one), else the default one."""
    try:
        from shared.domain.catalog import CATALOG_DIR, default_catalog
        folder = template.path.parent.parent if template is not None and template.path is not None else None
        if folder is not None and folder != CATALOG_DIR and (folder / "index.json").is_file():
            from shared.domain.catalog import catalog_at
            catalog = catalog_at(folder)
        else:
            catalog = default_catalog()
        return catalog.business(case.business_code).role(party.role).side
    except (KeyError, CatalogError):
        return "applicant"


def parties_to_interview(template: InterviewTemplate, case: Case) -> list[Party]:
    """The case's parties that have at least one question in ``template``; a person in two
    roles is interviewed once, under the first role that has questions."""
    from shared.domain.persons import first_of_each
    return first_of_each(p for p in case.parties if questions_for(template, case, p))


# -- answers ---------------------------------------------------------------------------------------
def normalize_answer(question: Question, value: Any) -> Any:
    """The stored form of an answer (yes/no as bool, share as Decimal string, text stripped)."""
    if question.type == "yes_no" and isinstance(value, str):
        return {"是": True, "否": False, "yes": True, "no": False, "true": True, "false": False}.get(value.strip().lower(), value)
    if question.type == "share_percent" and value not in (None, ""):
        text = str(value).strip().removesuffix("%").removesuffix("％").strip()
        try:
            share = Decimal(text)
            return format(share.normalize(), "f") if share.is_finite() else text
        except ArithmeticError:
            return text
    if isinstance(value, str):
        return value.strip()
    return value


def validate_answer(question: Question, value: Any) -> Msg | None:
    """What is wrong with ``value`` as an answer to ``question`` (``None``: nothing)."""
    value = normalize_answer(question, value)
    if value is None or value == "":
        if question.required:
            return Msg("interview.required", "请回答此问题后再继续")
        return None
    if question.type == "yes_no":
        return None if isinstance(value, bool) else Msg("interview.yes_no", "请回答“是”或“否”")
    if question.type == "choice":
        return None if value in question.choices else Msg("interview.choice", "请从以下选项中选择：{choices}",
                                                          {"choices": "、".join(question.choices)})
    if question.type == "share_percent":
        return _validate_share(str(value))
    if question.type == "amount":
        return validate_amount(str(value))
    if question.type == "date":
        return validate_date(str(value))
    if len(str(value)) > question.max_length:
        return Msg("interview.too_long", "回答最多{n}个字，请精简", {"n": question.max_length})
    return None


def _validate_share(text: str) -> Msg | None:
    try:
        share = Decimal(text)
    except ArithmeticError:
        return Msg("interview.share_invalid", "份额“{value}”不是有效数字，请填写百分比，如 50", {"value": text})
    if not share.is_finite() or share <= 0 or share > 100:
        return Msg("interview.share_range", "份额应大于0且不超过100（%）")
    if share.as_tuple().exponent < -2:
        return Msg("interview.share_decimals", "份额最多保留两位小数")
    return None


def stopping_answer(question: Question, value: Any, case: Case | None = None) -> Msg | None:
    """The reason the case stops if ``value`` is the answer to ``question`` (``None``: go on)."""
    value = normalize_answer(question, value)
    for rule in question.stop:
        if rule.matches(value, case):
            return Msg("interview.stop." + question.id, rule.reason)
    return None


def answer_text(question: Question, value: Any) -> str:
    """An answer as the record shows it."""
    if value is None or value == "":
        return "无"
    if question.type == "yes_no":
        return "是" if value else "否"
    if question.type == "share_percent":
        return "{}%".format(value)
    if question.type == "amount":
        return format_value("amount", value)
    return str(value)


class InterviewSession:
    """The interview of one party: questions one at a time, next/back, stop, the record.

    ``answer(value)`` validates, records and moves on; it returns the problem (a :class:`Msg`)
    when the answer is invalid. An answer that stops the case sets :attr:`stopped` and
    :attr:`stop_reason`. When every question is answered :attr:`completed` is true and
    :meth:`confirm` records the party's closing confirmation.
    """

    def __init__(self, template: InterviewTemplate, case: Case, party: Party, side: str | None = None) -> None:
        self.template = template
        self.case = case
        self.party = party
        self.side = side if side is not None else _side_of(case, party, template)
        self.answers: dict[str, Any] = {}
        self.history: list[str] = []  # answered question ids in the order shown
        self.stop_reason: Msg | None = None
        self.started_at = now_iso()
        self.confirmed_at: str | None = None
        self.interviewer: str | None = None  # who asked (询问人), named in the record from confirmation on
        self.holder: dict[str, str] | None = None  # whom it records (identity.holder_binding), from confirmation on
        self.finished_at: str | None = None

    # -- state ------------------------------------------------------------------------------
    def questions(self) -> list[Question]:
        """The questions that apply now (answers change which ones)."""
        return questions_for(self.template, self.case, self.party, self.answers, self.side)

    @property
    def current(self) -> Question | None:
        """The question to answer now (``None`` when completed or stopped)."""
        if self.stopped:
            return None
        for q in self.questions():
            if q.id not in self.history:
                return q
        return None

    @property
    def stopped(self) -> bool:
        """True when an answer ended the interview early (``stop_reason`` says why)."""
        return self.stop_reason is not None

    @property
    def completed(self) -> bool:
        return not self.stopped and self.current is None

    @property
    def confirmed(self) -> bool:
        return self.completed and self.confirmed_at is not None

    @property
    def progress(self) -> tuple[int, int]:
        """(answered, total) among the questions that apply now."""
        applicable = self.questions()
        answered = sum(1 for q in applicable if q.id in self.history)
        return answered, len(applicable)

    def current_text(self) -> str:
        q = self.current
        return q.text_for(self.case) if q else ""

    # -- moves ------------------------------------------------------------------------------
    def answer(self, value: Any) -> Msg | None:
        """Answer the current question; returns the validation problem or ``None``."""
        q = self.current
        if q is None:
            return Msg("interview.no_question", "询问已结束，无需再回答")
        problem = validate_answer(q, value)
        if problem:
            return problem
        value = normalize_answer(q, value)
        self.answers[q.id] = value
        self.history.append(q.id)
        self.confirmed_at = None
        self.stop_reason = stopping_answer(q, value, self.case)
        self._prune()
        self.finished_at = now_iso() if self.stopped or self.completed else None
        return None

    def back(self) -> bool:
        """Go back to the previous question (also out of a stop); ``False`` at the first."""
        if not self.history:
            return False
        qid = self.history.pop()
        self.answers.pop(qid, None)
        self.stop_reason = None
        self.confirmed_at = None
        self.finished_at = None
        self._prune()
        return True

    def _prune(self) -> None:
        """Forget answers to questions an earlier change made inapplicable."""
        live = {q.id for q in self.questions()}
        self.history = [qid for qid in self.history if qid in live]
        self.answers = {k: v for k, v in self.answers.items() if k in self.history}

    def confirm(self) -> None:
        """The party confirms the record is true and correct (the closing confirmation)."""
        if not self.completed:
            raise ValueError("the interview is not completed")
        from shared.domain.identity import holder_binding
        self.confirmed_at = now_iso()
        self.holder = holder_binding(self.party)  # the person who confirms, under the signature

    # -- record -----------------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """The record to store in ``case.interview[party_id]`` (JSON-friendly, no names)."""
        by_id = {q.id: q for q in self.template.questions}
        status = "stopped" if self.stopped else ("completed" if self.completed else "in_progress")
        return {
            "template": self.template.name,
            "version": self.template.version,
            "title": self.template.title,
            "party_id": self.party.party_id,
            "role": self.party.role,
            "status": status,
            "stop_reason": self.stop_reason.render("zh") if self.stop_reason else None,
            "stop_reason_msg": self.stop_reason.to_record() if self.stop_reason else None,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "confirmed_at": self.confirmed_at,
            **({"interviewer": self.interviewer} if self.interviewer and self.confirmed_at else {}),
            **({"holder": dict(self.holder)} if self.holder and self.confirmed_at else {}),
            "answers": [{"id": qid, "question": by_id[qid].text_for(self.case), "type": by_id[qid].type,
                         "answer": self.answers[qid], "answer_text": answer_text(by_id[qid], self.answers[qid])}
                        for qid in self.history],
            "closing": self.template.closing,
            "commitment": self.template.commitment,
        }


def template_for_business(business) -> InterviewTemplate | None:
    """The template a :class:`BusinessType` names (``None`` if it has no interview), read from the
    catalog the business came from (a pulled catalog carries its own templates)."""
    if not getattr(business, "interview", None):
        return None
    return load_template(business.interview, getattr(business, "interview_dir", None))

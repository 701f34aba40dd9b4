"""Operators, their roles and permissions, and the logged-in operator's session (Qt-free).

A :class:`Permission` names one thing a person may do; a role holds a set of them (officer,
supervisor, admin; the server's operator list may define more). An :class:`OperatorSession`
is who is logged in at a front end: every workflow command, the outbox and the CLI ask it
(:meth:`OperatorSession.require`) before they act, so a missing permission is refused in the
core whatever a screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable

from shared.errors import YizhanError
from shared.i18n import N_, Msg, translate


class Permission(str, Enum):
    """One thing an operator may do."""

    EDIT_CASES = "edit_cases"          # create and edit cases (data, identity, interview, materials)
    REVEAL = "reveal"                  # see a person's full name and ID number (with a reason)
    DECIDE_FACE = "decide_face"        # decide a referred face check manually
    APPROVE = "approve"                # approve or return a case (复核)
    SUBMIT = "submit"                  # submit a case, retry a packet
    DELETE_DRAFTS = "delete_drafts"
    HAND_OVER = "hand_over"            # hand over paper originals
    EXPORT_AUDIT = "export_audit"      # read and export the audit log, statistics
    MANAGE = "manage"                  # settings, devices, clearing failed packets

    @property
    def label(self) -> str:
        """The permission in words (translated)."""
        return translate(PERMISSION_LABELS[self])


PERMISSION_LABELS = {
    Permission.EDIT_CASES: N_("新建和编辑案件"), Permission.REVEAL: N_("查看完整个人信息"),
    Permission.DECIDE_FACE: N_("人工核对人脸"), Permission.APPROVE: N_("复核"),
    Permission.SUBMIT: N_("提交案件"), Permission.DELETE_DRAFTS: N_("删除草稿"),
    Permission.HAND_OVER: N_("移交原件"), Permission.EXPORT_AUDIT: N_("查阅和导出操作日志"),
    Permission.MANAGE: N_("管理设置和设备"),
}

P = Permission
#: The built-in roles; the server's operator list may add more (``roles`` there).
ROLES: dict[str, frozenset[Permission]] = {
    "officer": frozenset({P.EDIT_CASES, P.DECIDE_FACE, P.SUBMIT, P.DELETE_DRAFTS, P.HAND_OVER}),
    "supervisor": frozenset({P.EDIT_CASES, P.REVEAL, P.DECIDE_FACE, P.APPROVE, P.SUBMIT, P.DELETE_DRAFTS,
                             P.HAND_OVER, P.EXPORT_AUDIT}),
    "admin": frozenset({P.MANAGE, P.EXPORT_AUDIT}),
    # A self-service terminal acting for the applicant in front of it: a case of its own, never
    # a reveal, a manual face decision or an approval (those need a person of the staff).
    "self_service": frozenset({P.EDIT_CASES, P.SUBMIT, P.DELETE_DRAFTS}),
    # The bank's credit system through the local integration API (shared/integration): it
    # creates draft cases of its loans and reads their outcomes; a person at the counter does
    # the rest (card, face, interview, papers, submit).
    "integration": frozenset({P.EDIT_CASES}),
}
ROLE_LABELS = {"officer": N_("经办人"), "supervisor": N_("主管"), "admin": N_("管理员"), "self_service": N_("自助终端"),
               "integration": N_("银行系统接口")}

#: The reasons a person may give for revealing personal data (seed: no access without a work reason).
REVEAL_REASONS = {
    "verify_identity": N_("核对申请人身份"),
    "applicant_request": N_("应申请人要求核对信息"),
    "correction": N_("办理补正"),
    "registry_query": N_("登记机构查询"),
}


class PermissionDenied(YizhanError):
    """The operator lacks the permission the command needs (or nobody is logged in)."""

    default_code = "permission"


def permissions_of(roles: Iterable[str], extra_roles: dict[str, Iterable[str]] | None = None) -> frozenset[Permission]:
    """The union of the permissions of ``roles`` (``extra_roles``: roles the master data defines)."""
    known = {k: frozenset(v) for k, v in ROLES.items()}
    for name, perms in (extra_roles or {}).items():
        known[name] = frozenset(Permission(p) for p in perms if p in Permission._value2member_map_)
    out: set[Permission] = set()
    for role in roles:
        out |= known.get(role, frozenset())
    return frozenset(out)


@dataclass(frozen=True)
class OperatorSession:
    """Who is logged in: staff id, name, roles and the permissions they give."""

    staff_id: str
    name: str
    roles: tuple[str, ...] = ()
    permissions: frozenset[Permission] = field(default_factory=frozenset)
    service_point: str = ""
    started_at: str = ""
    previous_login_at: str = ""  # the operator's login before this one (the outcomes inbox starts there)
    #: A device acting as itself (the kiosk, the bank's API) rather than an enrolled account:
    #: its fixed role's permissions hold. An account's session is checked against the store's
    #: account at every command (shared.store.operators.require).
    device: bool = False

    @property
    def label(self) -> str:
        """``name（staff id）``: how documents, packets and the audit log name the operator."""
        return "{}（{}）".format(self.name, self.staff_id) if self.name else self.staff_id

    def can(self, permission: Permission) -> bool:
        """Whether the operator holds ``permission``."""
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Raise :class:`PermissionDenied` unless the operator holds ``permission``."""
        if permission not in self.permissions:
            raise denied(permission, self)

    def as_dict(self) -> dict[str, Any]:
        """Staff id and name (what a packet and a record carry; no hash, no roles' secrets)."""
        return {"staff_id": self.staff_id, "name": self.name}


def denied(permission: Permission, who: OperatorSession | None) -> PermissionDenied:
    """The refusal for ``permission`` (nobody logged in, or a missing permission)."""
    if who is None:
        return PermissionDenied(Msg("auth.login_needed", "请先登录后再操作"))
    return PermissionDenied(Msg("auth.denied", "{name}没有“{perm}”的权限，操作未执行；请联系主管",
                                {"name": who.label, "perm": permission.label}))


def operator_label(actor: Any) -> str:
    """The name an audit row, record or packet gives ``actor`` (a session or a plain string)."""
    if isinstance(actor, OperatorSession):
        return actor.label
    return str(actor or "")

"""Editor of one party (a person or an organisation in one role), with live validation.

Personal data of a saved person (name, ID number, address) is shown masked and read-only;
"显示" asks the owner of the editor (``revealRequested``), which reveals through the core
(permission, reason, audit) and then calls :meth:`QtPartyEditor.unmask`, making it editable.
The phone stays masked too, but a new number can be typed over it, and the share is no
secret: both are edited without revealing the party.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from shared.domain.case import Party
from shared.domain.catalog import Catalog, RoleDef
from shared.domain.identifiers import VALIDATORS
from shared.i18n import N_, Msg, tr
from shared.security.masking import mask_address, mask_id, mask_name, mask_phone
from shared.ui.form import QtErrorLabel, mark_invalid


MASKED = ("name", "id_number", "address")  # read-only and masked until revealed


class QtPartyEditor(QFrame):
    """One party's fields. ``party()`` returns the edited :class:`Party`."""

    removeRequested = Signal(object)
    revealRequested = Signal(object)
    changed = Signal()

    def __init__(self, role: RoleDef, catalog: Catalog, party: Party | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role, self.catalog = role, catalog
        self._party = party or Party(role.role, kind=role.party_kinds[0],
                                     id_kind=catalog.party_kinds[role.party_kinds[0]]["id_kinds"][0])
        self._masked = bool(party and party.kind == "person" and party.id_number)
        self.setObjectName("party:" + role.role)
        self.setFrameShape(QFrame.StyledPanel)
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel("<b>{}</b>".format(tr(role.name)))
        head.addWidget(self.title)
        head.addStretch(1)
        self.reveal_button = QPushButton(tr("显示"))
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setVisible(self._masked)
        self.reveal_button.clicked.connect(self._reveal)
        head.addWidget(self.reveal_button)
        self.lock_note = QLabel()
        self.lock_note.setObjectName("lockNote")
        self.lock_note.setProperty("role", "muted")
        self.lock_note.hide()
        head.addWidget(self.lock_note)
        remove = self.remove_button = QPushButton(tr("删除此当事人"))
        remove.setObjectName("removeParty")
        remove.clicked.connect(lambda: self.removeRequested.emit(self))
        head.addWidget(remove)
        outer.addLayout(head)
        self.locked = False

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside the input, not its error line
        self.kind = QComboBox()
        for kind in role.party_kinds:
            self.kind.addItem(tr(catalog.party_kinds[kind]["name"]), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(tr("主体类型"), self.kind)
        self.id_kind = QComboBox()
        self.id_kind.currentIndexChanged.connect(lambda _: self._validate_field("id_number"))
        form.addRow(tr("证件种类"), self.id_kind)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QtErrorLabel] = {}
        for attr, label in (("name", N_("名称/姓名")), ("id_number", N_("证件号码")), ("phone", N_("联系电话")),
                            ("address", N_("通讯地址")), ("legal_rep", N_("法定代表人")), ("share", N_("共有份额"))):
            edit = QLineEdit()
            edit.setObjectName(attr)
            error = QtErrorLabel()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(edit)
            box.addWidget(error)
            form.addRow(tr(label), box)
            edit.textChanged.connect(lambda _=None, a=attr: self._validate_field(a))
            self.inputs[attr], self.errors[attr] = edit, error
        outer.addLayout(form)
        self._load(self._party)

    # -- loading and reading ---------------------------------------------------------------
    def _load(self, p: Party) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(p.kind), 0))
        self._fill_id_kinds(p.kind, p.id_kind)
        values = {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address,
                  "legal_rep": p.legal_rep, "share": p.share}
        phone = self.inputs["phone"]
        phone.setPlaceholderText("")
        if self._masked:
            values.update(name=mask_name(p.name), id_number=mask_id(p.id_number), address=mask_address(p.address),
                          phone="")
            phone.setPlaceholderText(mask_phone(p.phone) or "")  # typing a new number replaces it
        for attr, value in values.items():
            self.inputs[attr].setText(value)
        for attr in MASKED:
            self.inputs[attr].setReadOnly(self._masked)
        self._kind_changed()

    def _fill_id_kinds(self, kind: str, current: str | None = None) -> None:
        self.id_kind.blockSignals(True)
        self.id_kind.clear()
        for code in self.catalog.party_kinds[kind]["id_kinds"]:
            self.id_kind.addItem(tr(self.catalog.id_kinds[code]["name"]), code)
        self.id_kind.setCurrentIndex(max(self.id_kind.findData(current), 0))
        self.id_kind.blockSignals(False)

    def _kind_changed(self, _=None) -> None:
        kind = self.kind.currentData()
        if self.id_kind.count() == 0 or self.id_kind.itemData(0) not in self.catalog.party_kinds[kind]["id_kinds"]:
            self._fill_id_kinds(kind)
        is_org = kind == "org"
        self.inputs["legal_rep"].setEnabled(is_org)
        self.inputs["share"].setEnabled(not is_org)
        self._validate_field("id_number")
        self.changed.emit()

    def _reveal(self) -> None:
        """Ask the owner to reveal (it checks the permission and the reason in the core, then
        calls :meth:`unmask`)."""
        self.revealRequested.emit(self)

    def unmask(self) -> None:
        """Show the clear data (after the core allowed the reveal)."""
        self._masked = False
        self.reveal_button.hide()
        self._load(self._party)

    def lock(self, note: str) -> None:
        """Show the party read-only with ``note`` (the bank filled from master data: the core
        refuses any change to it as well)."""
        self.locked = True
        for edit in self.inputs.values():
            edit.setReadOnly(True)
        self.kind.setEnabled(False)
        self.id_kind.setEnabled(False)
        self.remove_button.hide()
        self.lock_note.setText(note)
        self.lock_note.show()
        agent = self._party.agent
        if agent is not None and agent.name:
            self.lock_note.setText("{}　{}".format(note, tr("经办人：{name}", name=agent.name)))

    @property
    def masked(self) -> bool:
        return self._masked

    def party(self) -> Party:
        """The party as edited (masked fields keep their stored values)."""
        p = self._party
        text = {attr: edit.text().strip() for attr, edit in self.inputs.items()}
        if self._masked:
            text.update(name=p.name, id_number=p.id_number, address=p.address, phone=text["phone"] or p.phone)
        return Party(self.role.role, self.kind.currentData(), text["name"], self.id_kind.currentData() or "",
                     text["id_number"], text["phone"], text["address"], text["legal_rep"], text["share"],
                     p.agent, p.party_id)

    # -- validation ------------------------------------------------------------------------
    def _validate_field(self, attr: str) -> Msg | None:
        if self._masked and attr in MASKED:
            return None
        value = self.inputs[attr].text().strip()
        msg = None
        if value and attr == "id_number":
            validator = self.catalog.id_kinds.get(self.id_kind.currentData() or "", {}).get("validator")
            msg = VALIDATORS[validator](value) if validator else None
        elif value and attr == "phone":
            msg = VALIDATORS["phone"](value)
        self.errors[attr].set_message(msg)
        mark_invalid(self.inputs[attr], msg is not None)
        self.changed.emit()
        return msg

    def show_errors(self, errors: dict[str, Msg]) -> None:
        """Show messages keyed by party attribute (from a whole-case validation)."""
        for attr, msg in errors.items():
            if attr in self.errors:
                self.errors[attr].set_message(msg)


class QtRoleLimit(QObject):
    """Keeps a role's "add a party" button enabled only below the role's maximum.

    It counts the :class:`QtPartyEditor` children of ``box`` (the group that holds the role's
    editors) whenever one is added or removed; the button's tooltip says why it is disabled.
    """

    def __init__(self, role: RoleDef, button: QPushButton, box: QWidget) -> None:
        super().__init__(box)
        self.role, self.button, self.box = role, button, box
        box.installEventFilter(self)
        self.refresh()

    def count(self) -> int:
        return sum(isinstance(child, QtPartyEditor) for child in self.box.children())

    def refresh(self) -> None:
        full = self.count() >= self.role.max
        self.button.setEnabled(not full)
        self.button.setToolTip(tr("{role}最多{n}个", role=tr(self.role.name), n=self.role.max) if full else "")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt name
        if event.type() in (QEvent.Type.ChildAdded, QEvent.Type.ChildRemoved):
            try:
                self.refresh()
            except RuntimeError:  # the button is already gone (the window is closing)
                pass
        return False

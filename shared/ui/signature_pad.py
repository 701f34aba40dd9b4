"""QtSignaturePad: handwriting capture with mouse, touch or a tablet pen.

Strokes are kept as vectors (``[[x, y, t_ms, pressure], ...]`` per stroke) and rendered to a
PNG on demand; :meth:`QtSignaturePad.signature` binds them to the SHA-256 of the content being
signed (the canonical JSON of an interview record). Too little ink (configurable
:class:`~shared.domain.signature.InkRule`) is refused with a message.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QElapsedTimer, QEvent, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shared.domain.signature import InkRule, Signature, content_sha256, ink_problem
from shared.errors import ValidationError
from shared.i18n import N_, Msg, translate
from shared.ui.theme import colour


class QtSignaturePad(QWidget):
    """A white signing area; ``changed`` fires after every stroke, clear and undo."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, rule: InkRule | None = None,
                 hint: str = N_("请在此处用正楷签写姓名")) -> None:
        super().__init__(parent)
        self.rule = rule or InkRule()
        self.hint = translate(hint)
        self._strokes: list[list[list[float]]] = []
        self._current: list[list[float]] | None = None
        self._clock = QElapsedTimer()
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(480, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- data ----------------------------------------------------------------------------------
    def strokes(self) -> list[list[list[float]]]:
        """A copy of the strokes drawn so far."""
        return [[list(p) for p in s] for s in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def undo(self) -> bool:
        """Remove the last stroke (``False`` if there is none)."""
        if not self._strokes:
            return False
        self._strokes.pop()
        self.update()
        self.changed.emit()
        return True

    def ink_problem(self) -> Msg | None:
        return ink_problem(self._strokes, self.rule)

    def render_png(self, scale: float = 1.0) -> bytes:
        """The strokes as a greyscale PNG of the pad's size (white background)."""
        w, h = max(1, int(self.width() * scale)), max(1, int(self.height() * scale))
        image = QImage(w, h, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))  # the signature image itself: black on white, whatever the theme
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self._draw_strokes(painter, QColor("black"))
        painter.end()
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        return bytes(buf.data())

    def signature(self, content: bytes | dict | list, signer: str, purpose: str = "interview") -> Signature:
        """The signature over ``content``; raises :class:`ValidationError` with too little ink."""
        problem = self.ink_problem()
        if problem:
            raise ValidationError(problem)
        return Signature(self.strokes(), self.render_png(), content_sha256(content), signer, purpose=purpose)

    # -- input ---------------------------------------------------------------------------------
    def _begin(self, pos: QPointF, pressure: float) -> None:
        if not self._clock.isValid():
            self._clock.start()
        self._current = [[pos.x(), pos.y(), float(self._clock.elapsed()), float(pressure)]]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if abs(last[0] - pos.x()) < 0.5 and abs(last[1] - pos.y()) < 0.5:
            return
        self._current.append([pos.x(), pos.y(), float(self._clock.elapsed()), float(pressure)])
        self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), 0.5)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), 0.5)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), 0.5)
            self._end()

    def tabletEvent(self, event) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # accepted: Qt sends no synthesized mouse event after it

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            points = event.points()
            if points:
                point = points[0]
                pressure = point.pressure() if point.pressure() > 0 else 0.5
                if kind == QEvent.Type.TouchBegin:
                    self._begin(point.position(), pressure)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(point.position(), pressure)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- drawing -------------------------------------------------------------------------------
    def _draw_strokes(self, painter: QPainter, color: QColor) -> None:
        for stroke in self._strokes:
            pressure = sum(p[3] for p in stroke) / len(stroke)
            pen = QPen(color, 2.0 + 3.0 * pressure, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            if len(stroke) == 1:
                painter.drawPoint(QPointF(stroke[0][0], stroke[0][1]))
                continue
            path = QPainterPath(QPointF(stroke[0][0], stroke[0][1]))
            for p in stroke[1:]:
                path.lineTo(QPointF(p[0], p[1]))
            painter.drawPath(path)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), colour("paper"))
        painter.setPen(QPen(colour("disabled"), 1.5, Qt.PenStyle.DashLine))
        base = self.height() * 0.75
        painter.drawLine(24, int(base), self.width() - 24, int(base))
        painter.setPen(QPen(colour("secondary"), 2))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        if not self._strokes and self.hint:
            font = QFont(self.font())
            font.setPointSize(16)
            painter.setFont(font)
            painter.setPen(colour("disabled"))
            painter.drawText(self.rect().adjusted(0, 0, 0, -int(self.height() * 0.3)),
                             Qt.AlignmentFlag.AlignCenter, self.hint)
        self._draw_strokes(painter, colour("ink"))
        painter.end()

"""What differs between the operating systems Yizhan runs on, in one place.

Service points run Windows (bank counters) and Debian-based domestic Linux (UOS, Kylin; x86_64
and arm64). Everything else asks this module instead of testing ``sys.platform`` itself:

* the per-user data, configuration and log folders (XDG on Linux, the Known Folder
  ``LocalAppData`` on Windows: ``%LOCALAPPDATA%\\Yizhan\\{Data,Config,Logs}``);
* where ``resources/`` is, in a source checkout, a PyInstaller folder or the Windows install
  (embedded Python beside an ``app`` folder);
* file permissions: ``fchmod`` where the OS has POSIX modes; on Windows the per-user profile
  folder's ACL already keeps other users out, so nothing is set;
* external tools (``pdftoppm``) shipped inside the install before the ``PATH``;
* whether the ID-reader emulator can use a pty or must use a loopback TCP port.

Tests simulate another OS by monkeypatching :func:`system`, never ``sys.platform``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP_NAME = "Yizhan"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent  # the checkout (or app folder) holding shared/


def system() -> str:
    """``"windows"``, ``"linux"``, ``"darwin"`` or another ``sys.platform`` name."""
    if sys.platform == "win32":
        return "windows"
    if sys.platform.startswith("linux"):
        return "linux"
    return sys.platform


def is_windows() -> bool:
    """True on Windows (or when a test says so through :func:`system`)."""
    return system() == "windows"


# -- per-user folders ------------------------------------------------------------------------
def _env_path(var: str, fallback: Path) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else fallback


def _known_folder_local_appdata() -> Path | None:
    """``FOLDERID_LocalAppData`` through ``SHGetKnownFolderPath`` (real Windows only)."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes
        import uuid
        from ctypes import wintypes

        class _GUID(ctypes.Structure):
            _fields_ = [("data", ctypes.c_ubyte * 16)]

        guid = _GUID()
        ctypes.memmove(guid.data, uuid.UUID("F1B32785-6FBA-4FCF-9D55-7B8E7F157091").bytes_le, 16)
        out = ctypes.c_wchar_p()
        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        if shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(out)) != 0:
            return None
        try:
            return Path(out.value) if out.value else None
        finally:
            ctypes.windll.ole32.CoTaskMemFree(ctypes.cast(out, wintypes.LPVOID))  # type: ignore[attr-defined]
    except Exception:  # an odd Windows (or Wine) without the API: the environment is asked next
        return None


def windows_local_appdata() -> Path:
    """The Known Folder ``LocalAppData``; else ``%LOCALAPPDATA%``; else ``~/AppData/Local``."""
    return _known_folder_local_appdata() or _env_path("LOCALAPPDATA", Path.home() / "AppData" / "Local")


def user_data_dir() -> Path:
    """Where the store and packets live by default (before ``--data-dir``/``$YIZHAN_DATA_DIR``)."""
    if is_windows():
        return windows_local_appdata() / APP_NAME / "Data"
    return _env_path("XDG_DATA_HOME", Path.home() / ".local" / "share") / "yizhan"


def user_config_dir() -> Path:
    """Where settings (and the key-file fallback) live by default: never the data folder."""
    if is_windows():
        return windows_local_appdata() / APP_NAME / "Config"
    return _env_path("XDG_CONFIG_HOME", Path.home() / ".config") / "yizhan"


def user_log_dir() -> Path:
    """Where the rotating log file goes by default (``$XDG_STATE_HOME/yizhan/log`` on Linux)."""
    if is_windows():
        return windows_local_appdata() / APP_NAME / "Logs"
    return _env_path("XDG_STATE_HOME", Path.home() / ".local" / "state") / "yizhan" / "log"


# -- the install and its resources -----------------------------------------------------------
def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def install_dir() -> Path:
    """The folder of the installed programs.

    A PyInstaller folder: the executable's folder. The Windows install (``python\\`` beside
    ``app\\``) and the .deb (``/opt/yizhan/lib`` beside ``/opt/yizhan/app``): the folder above
    ``app``. A source checkout: the checkout itself.
    """
    if is_frozen():
        return Path(sys.executable).resolve().parent
    if _SOURCE_ROOT.name == "app" and any((_SOURCE_ROOT.parent / d).is_dir() for d in ("python", "lib")):
        return _SOURCE_ROOT.parent
    return _SOURCE_ROOT


def resources_dir() -> Path:
    """``resources/``: ``$YIZHAN_RESOURCES_DIR``; the PyInstaller bundle; beside ``shared/``;
    else ``<prefix>/share/yizhan/resources`` (a wheel installed into a venv)."""
    env = os.environ.get("YIZHAN_RESOURCES_DIR")
    if env:
        return Path(env)
    meipass = getattr(sys, "_MEIPASS", None)
    if is_frozen() and meipass:
        return Path(meipass) / "resources"
    beside = _SOURCE_ROOT / "resources"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "yizhan" / "resources"


def resource(*parts: str) -> Path:
    """A path inside :func:`resources_dir` (it may not exist: callers report that)."""
    return resources_dir().joinpath(*parts)


def find_tool(name: str) -> str | None:
    """An external program (``pdftoppm``): one shipped with the install first, then ``PATH``.

    Looked for in ``$YIZHAN_TOOLS_DIR``, ``<install>/tools/bin`` and ``<install>/tools/*/bin``
    (a poppler build unpacked as it comes); ``.exe`` is added on Windows.
    """
    exe = name + ".exe" if is_windows() and not name.lower().endswith(".exe") else name
    dirs: list[Path] = []
    env = os.environ.get("YIZHAN_TOOLS_DIR")
    if env:
        dirs.append(Path(env))
    tools = install_dir() / "tools"
    dirs.append(tools / "bin")
    if tools.is_dir():
        dirs += sorted(p / "bin" for p in tools.iterdir() if p.is_dir() and p.name != "bin")
    for folder in dirs:
        candidate = folder / exe
        if candidate.is_file() and (is_windows() or os.access(candidate, os.X_OK)):
            return str(candidate)
    return shutil.which(name)


# -- files -----------------------------------------------------------------------------------
def open_regular(path):
    """A binary file object of the regular file ``path``, opened without blocking on a FIFO
    (``OSError`` ``EINVAL`` for a folder, FIFO, device or socket, or a path with a NUL byte).
    For a file read in pieces (a hash over a large export); :func:`read_regular` reads one
    whole."""
    import errno
    import stat
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except ValueError:  # embedded NUL byte
        raise OSError(errno.EINVAL, "不是普通文件") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "不是普通文件")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path, cap: int) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes: the one reader for every file a
    user, a setting or a command line names. It never blocks on a FIFO, never reads a device
    (``/dev/zero``) and never holds more than ``cap + 1`` bytes. ``OSError`` otherwise:
    ``EINVAL`` when it is not a regular file (folder, FIFO, device, socket), ``EFBIG`` when it
    is larger than ``cap``, ``ENOENT``, ``EACCES``... as the OS says; a path with a NUL byte
    is ``EINVAL`` too (never ``ValueError``)."""
    import errno
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size > cap:
            raise OSError(errno.EFBIG, "文件过大")
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise OSError(errno.EFBIG, "文件过大")
    return data


def is_not_regular(exc: BaseException) -> bool:
    """True when ``exc`` is :func:`read_regular`'s "not a regular file"."""
    import errno
    return isinstance(exc, OSError) and exc.errno == errno.EINVAL


def is_too_large(exc: BaseException) -> bool:
    """True when ``exc`` is :func:`read_regular`'s "larger than the cap"."""
    import errno
    return isinstance(exc, OSError) and exc.errno == errno.EFBIG


def has_posix_modes() -> bool:
    """True where file modes (0600) mean something: not on Windows."""
    return not is_windows() and hasattr(os, "fchmod")


def restrict_fd(fd: int, mode: int = 0o600) -> None:
    """Give an open file ``mode`` where the OS has POSIX modes; on Windows the file inherits
    the ACL of its folder (the user's profile: the user, SYSTEM and administrators)."""
    if has_posix_modes():
        os.fchmod(fd, mode)


def make_private_dir(path: Path) -> Path:
    """``path`` as a folder: created (and its missing parents) readable by its owner only
    where modes exist; a folder that already exists is used as it is — its permissions are
    the owner's choice (``--out /tmp`` must not make /tmp private). ``NotADirectoryError``
    when ``path`` exists and is not a folder."""
    import errno
    path = Path(path)
    if path.is_dir():
        return path
    if os.path.lexists(path):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        if path.is_dir():  # made by someone else meanwhile: theirs, left as it is
            return path
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path)) from None
    if has_posix_modes():
        try:
            os.chmod(path, 0o700)  # the umask may have taken bits away, never added: made sure
        except OSError:
            pass
    return path


# -- devices ---------------------------------------------------------------------------------
def has_pty() -> bool:
    """True where a pseudo-terminal can stand in for a serial port (not on Windows)."""
    return not is_windows() and hasattr(os, "openpty")


def emulator_transport() -> str:
    """How the ID-reader emulator talks to the serial driver here: ``"pty"`` or ``"tcp"``."""
    return "pty" if has_pty() else "tcp"


def fsync_dir(path) -> None:
    """Make a rename or a new file in ``path`` durable: fsync the folder where the OS has
    folder descriptors (POSIX); Windows has none (opening a folder is refused), and NTFS keeps
    its own metadata journal."""
    if os.name != "posix":
        return
    fd = os.open(str(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8   # glibc's mallopt parameters (malloc.h)


def tune_allocator(mmap_threshold: int = 256 * 1024, arenas: int = 2) -> bool:
    """For a long-running front end (glibc only; call it first thing in ``main``): blocks of
    ``mmap_threshold`` bytes and more always get their own mapping, handed back to the system as
    soon as they are freed (glibc otherwise raises the threshold after the first such free, up
    to 32 MB, and a case's page images then stay in the heap), and at most ``arenas`` heaps
    for all threads (each worker thread that allocates otherwise gets its own, which keeps its
    freed memory). Measured by bench P10: about 2 MB less kept after a closed 20-page case.
    Returns whether it could be set."""
    if system() != "linux":
        return False
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, mmap_threshold)) and bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc
        return False


def release_memory() -> bool:
    """Give the heap's freed pages back to the system where the C library keeps them (glibc's
    ``malloc_trim``): after a case's page images and previews are dropped, the process's size
    comes back down instead of staying at its peak. Returns whether anything could be asked
    (False on other C libraries and systems, where there is nothing to do)."""
    if system() != "linux":
        return False
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        return False
    return True

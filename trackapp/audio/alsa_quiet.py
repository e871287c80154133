"""Keep libasound from writing to file descriptor 2, which is the TUI's terminal.

libasound prints its complaints (no card, unknown PCM, ...) straight to stderr from C.
Installing a no-op error handler before any backend probes a device silences them. The
C callback must stay alive for the life of the process, so it is kept in a module global.
Where libasound is absent (macOS, Windows, a container without ALSA) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from typing import Any

# snd_lib_error_handler_t is variadic: (file, line, function, err, fmt, ...). A ctypes
# callback with the fixed leading arguments is safe for a handler that ignores them.
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


def _ignore(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    return None


_handler: Any = None
_lock = threading.Lock()


def _load_libasound() -> ctypes.CDLL | None:
    for name in ("libasound.so.2", ctypes.util.find_library("asound")):
        if not name:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def silence_alsa() -> bool:
    """Install the no-op handler once; True when libasound was found and silenced."""
    global _handler
    with _lock:
        if _handler is not None:
            return True
        lib = _load_libasound()
        if lib is None:
            return False
        try:
            set_handler = lib.snd_lib_error_set_handler
        except AttributeError:
            return False
        handler = _HANDLER_TYPE(_ignore)
        set_handler.argtypes = [_HANDLER_TYPE]
        set_handler.restype = ctypes.c_int
        if set_handler(handler) != 0:
            return False
        _handler = (lib, handler)  # keep both the library and the callback alive
        return True

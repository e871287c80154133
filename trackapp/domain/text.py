"""User text made safe to show on a terminal, without Textual or Rich.

Names, labels, cues, notes, file names and the messages that quote them come
from files anyone may write. On a terminal a control character is an order,
not a letter: ESC starts escape sequences (ESC [2J clears the screen), BEL
rings, CR moves the cursor back over what was written, and the bidi overrides
reorder what follows them. `printable` turns each of them into one visible
character, so the text reads as what the file holds and keeps its length
(columns line up, and an editor's cursor stays where it was).

Only what is shown goes through it: files, JSON and CSV keep the data exact.
"""

from __future__ import annotations

import re

UNPRINTABLE = "\ufffd"  # � stands for a control with no picture of its own
_CONTROL_PICTURES = 0x2400  # ␀ … ␟: the Unicode pictures of C0 controls, in order
_BIDI_CONTROLS = (
    "\u061c"  # Arabic letter mark
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
_OTHER_BREAKS = "\u2028\u2029"  # line and paragraph separators


def _translation() -> dict[int, str]:
    """Code point → its visible stand-in; newline and tab are text and stay."""
    table = {code: chr(_CONTROL_PICTURES + code) for code in range(0x20)}
    del table[ord("\n")], table[ord("\t")]
    table[0x7F] = "\u2421"  # ␡
    table.update({code: UNPRINTABLE for code in range(0x80, 0xA0)})  # C1, CSI among them
    table.update({ord(ch): UNPRINTABLE for ch in _BIDI_CONTROLS + _OTHER_BREAKS})
    return table


_TABLE = _translation()
# Lone surrogates come from undecodable file names (os.fsdecode); printing one raises.
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every control character replaced by one visible character.

    C0 controls show as their pictures (ESC as ␛, BEL as ␇, CR as ␍), DEL as ␡;
    C1 controls, bidi controls, line separators and lone surrogates as �.
    Newlines and tabs are kept. Everything else, emoji and wide letters
    included, is returned as it was.
    """
    if not _UNSAFE.search(text):
        return text  # the common case: nothing to replace, no copy
    return _SURROGATE.sub(UNPRINTABLE, text.translate(_TABLE))


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, the last an ellipsis when cut: a place with room for a
    line or two (the run screen) stays readable whatever length a file gives a label."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def is_printable(text: str) -> bool:
    """True when `printable` would return `text` unchanged."""
    return _UNSAFE.search(text) is None

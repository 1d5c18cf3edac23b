"""What reaches the terminal: text whose control characters are shown as escapes, never
sent raw; worker processes that leave Ctrl-C to their parent.

An escape sequence in a name could retitle a terminal or clear its screen; the schemas
refuse control characters in every text field, and every text output goes through
`visible` as well, in case one slips through.
"""

from __future__ import annotations

import re
import signal
from functools import cache

_CONTROLS = "\x00-\x1f\x7f-\x9f"
"""C0 controls, DEL and C1 controls (Unicode category Cc)."""


@cache
def _pattern(keep: str) -> re.Pattern[str]:
    kept = "".join(re.escape(c) for c in keep)
    return re.compile(f"(?![{kept}])[{_CONTROLS}]" if kept else f"[{_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # \x1b, \t, \n, \r, \x9b


def visible(text: str, keep: str = "") -> str:
    """`text` with every control character but those of `keep` written as `\\x1b`."""
    return _pattern(keep).sub(_escape, text)


def quiet_worker() -> None:
    """In a worker process: Ctrl-C and SIGTERM are the parent's to handle (it cleans up and
    says so); the worker stops without printing a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

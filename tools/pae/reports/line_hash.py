"""GitHub's `primaryLocationLineHash`: the rolling hash code scanning computes for a line
from the first 100 characters, spaces and tabs left out, that start there.

Ported from github/codeql-action, `src/fingerprints.ts` (MIT licence), so that a SARIF
log uploaded without the action (through the API) is tracked as the action would track
it, and so that the action finds the value it computes itself (it warns otherwise).
"""

from __future__ import annotations

BLOCK_SIZE = 100
_MOD = 37
_MASK = (1 << 64) - 1  # the action computes with 64-bit integers (Long), wrapping
_FIRST_MOD = pow(_MOD, BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR = 9, 32, 10, 13
_EOF = 65535


def _units(text: str) -> list[int]:
    """UTF-16 code units, as JavaScript's charCodeAt reads a string."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]


def line_hashes(text: str) -> dict[int, str]:
    """Every line's hash (1-based line number → `hex:n`, n counting equal hashes so far)."""
    window = [0] * BLOCK_SIZE
    line_numbers = [-1] * BLOCK_SIZE
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    value = index = line_number = 0
    line_start, prev_cr = True, False

    def output() -> None:
        hashed = format(value, "x")
        counts[hashed] = counts.get(hashed, 0) + 1
        out[line_numbers[index]] = f"{hashed}:{counts[hashed]}"
        line_numbers[index] = -1

    def update(current: int) -> None:
        nonlocal value, index
        begin = window[index]
        window[index] = current
        value = (_MOD * value + current - _FIRST_MOD * begin) & _MASK
        index = (index + 1) % BLOCK_SIZE

    for current in (*_units(text), _EOF):
        if current in (_SPACE, _TAB) or (prev_cr and current == _LF):
            prev_cr = False
            continue
        prev_cr = current == _CR
        if prev_cr:
            current = _LF
        if line_numbers[index] != -1:
            output()
        if line_start:
            line_start = False
            line_number += 1
            line_numbers[index] = line_number
        if current == _LF:
            line_start = True
        update(current)
    for _ in range(BLOCK_SIZE):
        if line_numbers[index] != -1:
            output()
        update(0)
    return out

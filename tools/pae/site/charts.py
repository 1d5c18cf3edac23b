"""Small SVG charts drawn at build time: no JavaScript, a text alternative beside each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pae.site.escape import html_escape as h

WIDTH = 640
LABEL_W = 190
BAR_H = 26
GAP = 8


PAD = 6
FONT = 13
"""The charts' text size in the drawing's units (pae.css); text scales with the bars."""


def text_width(text: str, size: int = FONT) -> float:
    """A generous estimate of a short text's width in bold digits (no font metrics at build
    time): enough to tell whether it fits inside a bar."""
    return len(text) * size * 0.65


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    tone: str = "primary"
    """CSS modifier: primary, positive, neutral, negative, warning."""


def _svg(
    ident: str, title: str, height: int, body: str, width: int = WIDTH, kind: str = "bars"
) -> str:
    # One line, no blank line: Python-Markdown keeps it as a raw HTML block.
    return (
        f'<svg class="pae-chart pae-chart--{kind}" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}">{h(title)}</title>{body}</svg>'
    )


def hbars(ident: str, title: str, bars: Sequence[Bar], maximum: float | None = None) -> str:
    """Horizontal bars, one per line, the value written at the end of the bar."""
    top = maximum if maximum is not None else max((b.value for b in bars), default=0)
    room = WIDTH - LABEL_W - 70
    parts = []
    for i, bar in enumerate(bars):
        y = i * (BAR_H + GAP)
        length = 0 if top <= 0 else max(2.0 if bar.value > 0 else 0.0, room * bar.value / top)
        parts.append(
            f'<text class="pae-chart__label" x="{LABEL_W - 8}" y="{y + BAR_H / 2 + 5}" '
            f'text-anchor="end">{h(bar.label)}</text>'
            f'<rect class="pae-chart__track" x="{LABEL_W}" y="{y}" width="{room}" '
            f'height="{BAR_H}" rx="4" fill="#eef0f5"/>'
            f'<rect class="pae-chart__bar pae-tone--{bar.tone}" x="{LABEL_W}" y="{y}" '
            f'width="{length:.1f}" height="{BAR_H}" rx="4" fill="#3f51b5"/>'
            f'<text class="pae-chart__value" x="{LABEL_W + length + 6:.1f}" '
            f'y="{y + BAR_H / 2 + 5}">{h(bar.text)}</text>'
        )
    height = max(1, len(bars)) * (BAR_H + GAP)
    return _svg(ident, title, height, "".join(parts))


def funnel(ident: str, title: str, steps: Sequence[tuple[str, int]]) -> str:
    """The funnel: centred bars narrowing from the young people identified to the bilans."""
    top = max((n for _, n in steps), default=0)
    room = WIDTH - LABEL_W - 20
    centre = LABEL_W + room / 2
    parts = []
    for i, (label, count) in enumerate(steps):
        y = i * (BAR_H + GAP)
        length = 0.0 if top == 0 else max(30.0, room * count / top)
        share = f" ({round(100 * count / top)} %)" if top and i else ""
        text = f"{count}{share}"
        if text_width(text) + 2 * PAD <= length:
            value = (
                f'<text class="pae-chart__inner" x="{centre:.1f}" y="{y + BAR_H / 2 + 5}" '
                f'text-anchor="middle">{text}</text>'
            )
        else:  # too narrow to hold its figures: written beside it, in the text colour
            value = (
                f'<text class="pae-chart__value" x="{centre + length / 2 + PAD:.1f}" '
                f'y="{y + BAR_H / 2 + 5}">{text}</text>'
            )
        parts.append(
            f'<text class="pae-chart__label" x="{LABEL_W - 8}" y="{y + BAR_H / 2 + 5}" '
            f'text-anchor="end">{h(label)}</text>'
            f'<rect class="pae-chart__bar pae-tone--step{i}" x="{centre - length / 2:.1f}" '
            f'y="{y}" width="{length:.1f}" height="{BAR_H}" rx="4" fill="#3f51b5"/>{value}'
        )
    height = max(1, len(steps)) * (BAR_H + GAP)
    return _svg(ident, title, height, "".join(parts))


def columns(
    ident: str, title: str, items: Sequence[tuple[str, float | None]], threshold: float
) -> str:
    """Vertical bars of rates (0–1), one per period, with the threshold drawn across."""
    width, height, base, left = 560, 190, 150, 40
    n = max(1, len(items))
    step = (width - left - 10) / n
    bar_w = min(48.0, step * 0.7)
    parts = [
        f'<line class="pae-chart__axis" x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" '
        f'stroke="#999"/>'
    ]
    for pct in (0, 50, 100):
        y = base - 130 * pct / 100
        parts.append(
            f'<text class="pae-chart__tick" x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{pct} %</text>'
        )
    for i, (label, rate) in enumerate(items):
        x = left + i * step + (step - bar_w) / 2
        cx = x + bar_w / 2
        if rate is None:
            parts.append(
                f'<text class="pae-chart__tick" x="{cx:.1f}" y="{base - 6}" '
                f'text-anchor="middle">—</text>'
            )
        else:
            bar_h = 130 * rate
            tone = "positive" if rate >= threshold else "negative"
            parts.append(
                f'<rect class="pae-chart__bar pae-tone--{tone}" x="{x:.1f}" '
                f'y="{base - bar_h:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" rx="3" '
                f'fill="#3f51b5"/>'
                f'<text class="pae-chart__value" x="{cx:.1f}" y="{base - bar_h - 5:.1f}" '
                f'text-anchor="middle">{round(rate * 100)} %</text>'
            )
        parts.append(
            f'<text class="pae-chart__tick" x="{cx:.1f}" y="{base + 18}" '
            f'text-anchor="middle">{h(label)}</text>'
        )
    y = base - 130 * threshold
    parts.append(
        f'<line class="pae-chart__threshold" x1="{left}" y1="{y:.1f}" x2="{width - 10}" '
        f'y2="{y:.1f}" stroke="#c62828" stroke-dasharray="6 4"/>'
    )
    return _svg(ident, title, height, "".join(parts), width, "columns")

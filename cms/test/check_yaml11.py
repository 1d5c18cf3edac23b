"""Read every NAME.yaml of a folder with two YAML 1.1 readers; compare with NAME.json.

The readers: PyYAML's CSafeLoader (dates compared as ISO text) and pae's own loader
(`pae.records.load.parse`). Prints "N passed, N failed"; exits 1 on any difference.
Run by cms/test/pae-format.test.js on the files the format wrote.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from pae.records.load import parse


def norm(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): norm(x) for k, x in value.items()}
    if isinstance(value, list):
        return [norm(x) for x in value]
    return value


def main(folder: Path) -> int:
    passed = failed = 0
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        readers = {
            "CSafeLoader": lambda t: yaml.load(t, Loader=yaml.CSafeLoader),
            "pae": parse,
        }
        wrong = [name for name, read in readers.items() if norm(read(text)) != want]
        if wrong:
            failed += 1
            print("DIFF", path.name, wrong)
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

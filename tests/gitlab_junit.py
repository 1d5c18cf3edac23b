"""What GitLab reads from a JUnit report, ported from its parser so that the tests check our
report against it rather than against an XSD GitLab does not use.

Sources (MIT licence): gitlabhq/gitlabhq `lib/gitlab/ci/parsers/test/junit.rb`,
`lib/gitlab/xml_converter.rb` and `lib/gitlab/ci/reports/test_case.rb`; the element-to-value
rules of ActiveSupport's `XMLConverter` (rails/rails, MIT licence). The Jenkins XSD forbids
`testcase@file`, which GitLab reads: it links each test case to its file and offers "copy
failed tests" from it.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

MAX_XML_SIZE = 30 * 1024 * 1024
DISALLOWED_TYPES = {"symbol", "yaml"}
"""ActiveSupport raises on these `type=` values: the whole report then fails to parse."""
TYPECAST = {
    "array", "string", "file", "integer", "float", "decimal", "boolean", "date", "datetime",
    "dateTime", "base64Binary", "hash",
}  # fmt: skip
"""`type=` values ActiveSupport reads as a type: the element's value would be changed."""


class GitLabParseError(Exception):
    """What GitLab would show instead of the tests: "JUnit data parsing failed: …"."""


@dataclass(frozen=True)
class Case:
    suite_name: str | None
    classname: str | None
    name: str | None
    file: str | None
    execution_time: float
    status: str
    system_output: str | None

    @property
    def key(self) -> str:
        """GitLab's identity of a case: duplicates collapse, merge requests compare by it."""
        text = f"{self.suite_name}_{self.classname}_{self.name}"
        return hashlib.sha256(text.encode()).hexdigest()


def _value(element: ET.Element) -> str:
    """An element with text becomes its text (its attributes are dropped); one without, the
    Ruby inspection of its attributes, which is what GitLab would then show."""
    if element.text and element.text.strip():
        return element.text
    return repr(dict(element.attrib))


def _check_types(root: ET.Element) -> None:
    for element in root.iter():
        kind = element.get("type")
        if kind in DISALLOWED_TYPES:
            raise GitLabParseError(f"Disallowed type attribute: {kind!r}")
        if kind in TYPECAST and element.text and element.text.strip():
            raise GitLabParseError(f"type={kind!r} would change the value of <{element.tag}>")


def _case(testcase: ET.Element, suite_name: str | None) -> Case:
    children = {child.tag: child for child in testcase}
    out = children.get("system-out")
    err = children.get("system-err")
    system_out = f"System Out:\n\n{_value(out)}" if out is not None else None
    system_err = f"System Err:\n\n{_value(err)}" if err is not None else None
    output: str | None
    if "failure" in children or "error" in children:
        status = "failed" if "failure" in children else "error"
        first = _value(children["failure" if status == "failed" else "error"])
        output = "\n\n".join(p for p in (first, system_out, system_err) if p is not None)
    elif "skipped" in children:
        status, output = "skipped", _value(children["skipped"])
    else:
        status, output = "success", None  # GitLab keeps no output of a passing case
    time = testcase.get("time")
    return Case(
        suite_name,
        testcase.get("classname"),
        testcase.get("name"),
        testcase.get("file"),
        float(time) if time else 0.0,
        status,
        output,
    )


def parse(xml: str) -> list[Case]:
    """The test cases GitLab would store, in document order."""
    if len(xml.encode("utf-8")) > MAX_XML_SIZE:
        raise GitLabParseError("The XML file must be less than 30 MB.")
    try:
        root = ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        raise GitLabParseError(f"JUnit XML parsing failed: {exc}") from exc
    _check_types(root)
    cases: list[Case] = []

    def suite(element: ET.Element) -> None:
        # Test cases of a suite, then of the suites nested in it (PHPUnit nests them).
        cases.extend(_case(tc, element.get("name")) for tc in element.findall("testcase"))
        for child in element.findall("testsuite"):
            suite(child)

    if root.tag in ("testsuites", "testsuite"):  # at least one level is required
        suite(root)
    return cases

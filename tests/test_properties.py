"""Custom document properties: docProps/custom.xml in its usual form is read with patterns,
and must give exactly what the XML parser gives."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io.properties import _ooxml, _parsed_ooxml, _usual_ooxml

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
ROOT = f'<Properties xmlns="{CUSTOM}" xmlns:vt="{TYPES}">'
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def usual_property(name: str, value: str, pid: int = 2, kind: str = "lpwstr") -> str:
    return (
        f'<property fmtid="{FMTID}" pid="{pid}" name="{name}">'
        f"<vt:{kind}>{value}</vt:{kind}></property>"
    )


def document(*properties: str, start: str = DECLARATION + "\r\n", root: str = ROOT) -> bytes:
    return f"{start}{root}{''.join(properties)}</Properties>".encode()


# As Excel, LibreOffice and xlsxwriter write it, with values the pattern reads itself.
USUAL = [
    document(
        usual_property("sleutelnet-kind", "register"),
        usual_property("sleutelnet-schema-version", "1", pid=3),
    ),
    document(usual_property("sleutelnet-kind", "  register "), start=DECLARATION),
    document(usual_property("a", ""), usual_property("a", "twice"), start=""),
    document(
        usual_property("Aantal", "12", kind="i4"), usual_property("Klaar", "true", kind="bool")
    ),
    document(),
    document(usual_property("x", "{a} [b] 'c' (d) = e; f/g \\ h"), start=DECLARATION + "\n  "),
]


@pytest.mark.parametrize("data", USUAL)
def test_the_usual_form_is_read_by_pattern_as_the_parser_reads_it(data: bytes) -> None:
    usual = _usual_ooxml(data)
    assert usual is not None
    assert usual == _parsed_ooxml(data)


# What the pattern leaves to the parser: entities, CDATA, other prefixes and layouts.
UNUSUAL = [
    document(usual_property("kind", "caf&#233; &amp; &lt;bar&gt;")),
    document(usual_property("a &amp; b", "x")),
    document(usual_property("kind", "<![CDATA[a < b & c]]>")),
    document(usual_property("kind", "\tregister\n")),
    document(usual_property("kind", "café")),
    document(usual_property("kind", "line\r\nbreak")),
    document(usual_property("kind", "a > b")),
    document(
        usual_property("kind", "register"), root=f'<Properties xmlns:vt="{TYPES}" xmlns="{CUSTOM}">'
    ),
    document(
        f'<property fmtid="{FMTID}" pid="2" name="kind"><t:lpwstr>register</t:lpwstr></property>',
        root=f'<Properties xmlns="{CUSTOM}" xmlns:t="{TYPES}">',
    ),
    (
        f'{DECLARATION}<op:Properties xmlns:op="{CUSTOM}" xmlns:vt="{TYPES}">'
        f'<op:property fmtid="{FMTID}" pid="2" name="kind"><vt:lpwstr>x</vt:lpwstr></op:property>'
        "</op:Properties>"
    ).encode(),
    document(f'<property name="kind" fmtid="{FMTID}" pid="2"><vt:lpwstr>x</vt:lpwstr></property>'),
    document(f'<property fmtid="{FMTID}" pid="2" name="kind"/>'),
    document(f'<property fmtid="{FMTID}" pid="2" name="kind"><vt:lpwstr/></property>'),
    document(
        f'<property fmtid="{FMTID}" pid="2" name="kind">\n  <vt:lpwstr>x</vt:lpwstr>\n</property>'
    ),
    document(usual_property("kind", "x") + "\n"),
    "\ufeff".encode() + document(usual_property("kind", "x")),
    document(usual_property("a\tb", "x")),  # the parser reads a space: "a b"
    document(usual_property("kind", "a\r\nb")),  # the parser reads "a\nb"
]


@pytest.mark.parametrize("data", UNUSUAL)
def test_other_forms_are_parsed(data: bytes) -> None:
    assert _usual_ooxml(data) is None
    assert _ooxml(data) == _parsed_ooxml(data)


# Not well-formed: the parser refuses them, and so must the pattern.
REFUSED = [
    document(usual_property("kind", "a ]]> b")),
    document(usual_property("kind", "a\x01b")),
    document(usual_property("kind", "1", kind="1x")),
    document(usual_property("kind", "x").replace("</vt:lpwstr>", "</vt:i4>")),
    document(usual_property("kind", "x"), root=ROOT.replace(f' xmlns:vt="{TYPES}"', "")),
    document(usual_property("kind", "x").replace('name="kind"', 'name="kind" name="kind"')),
    document(usual_property("kind", "x")) + b"\f",
]


@pytest.mark.parametrize("data", REFUSED)
def test_what_the_parser_refuses_the_pattern_refuses(data: bytes) -> None:
    assert _usual_ooxml(data) is None
    with pytest.raises(ElementTree.ParseError):
        _parsed_ooxml(data)


# Pieces of text as a writer may put them in a name or a value, well-formed or not.
PIECES = st.sampled_from(
    [
        "a", "Z", "0", " ", "-", "_", ".", "'", "=", "/", "{", "}", "[", "]", "?", "~",
        "\t", "\n", "\r\n", "\r", "\x01", "\x7f", "é", "€", '"', ">", "<", "&", "]]>",
        "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#233;", "&#x41;", "&#10;", "&#0;",
        "&nbsp;", "<![CDATA[a<&]]>", "<b>x</b>", "<!-- c -->",
    ]
)  # fmt: skip
PLAIN = st.text("abcXYZ019 -_.", max_size=10)
TEXTS = st.one_of(PLAIN, st.lists(st.one_of(PIECES, PLAIN), min_size=1, max_size=4).map("".join))
# Each part of a document as usual, and other ways to write it (not all well-formed).
USUAL_PARTS = {
    "start": DECLARATION + "\r\n",
    "root": ROOT,
    "attributes": f'fmtid="{FMTID}" pid="{{pid}}" name="{{name}}"',
    "pid": "2",
    "kind": "lpwstr",
    "prefix": "vt:",
    "inner": "<{element}>{value}</{element}>",
    "between": "",
    "tail": "",
}
OTHER_PARTS = {
    "start": [
        "",
        "\n",
        DECLARATION,
        " " + DECLARATION,
        "\ufeff" + DECLARATION,
        '<?xml version="1.0"?>',
        '<?xml version="1.0" encoding="UTF-16"?>',
        DECLARATION + "<!-- c -->",
    ],
    "root": [
        ROOT.replace("xmlns:vt", "xmlns:t"),
        ROOT.replace(f' xmlns:vt="{TYPES}"', ""),
        ROOT.replace('">', '" >'),
        ROOT.replace("Properties", "Props"),
        f'<Properties xmlns:vt="{TYPES}" xmlns="{CUSTOM}">',
    ],
    "attributes": [
        f'name="{{name}}" fmtid="{FMTID}" pid="{{pid}}"',
        f"fmtid='{FMTID}' pid='{{pid}}' name='{{name}}'",
        f'fmtid="{FMTID}" pid="{{pid}}"',
        f'fmtid="{FMTID}" pid="{{pid}}" name="{{name}}" name="{{name}}"',
        f'fmtid="{FMTID}"  pid="{{pid}}" name="{{name}}"',
    ],
    "pid": ["3", "x", "", "-1"],
    "kind": ["i4", "bool", "1x", "Lpwstr", "lp-wstr"],
    "prefix": ["t:", ""],
    "inner": [
        "<{element}/>",
        "",
        " <{element}>{value}</{element}> ",
        "<{element}>{value}</{element}><{element}>x</{element}>",
        "<{element}>{value}</vt:lpwstr>",
        "<{element}>{value}<b/></{element}>",
    ],
    "between": ["\n", " ", "\f", "<!-- c -->"],
    "tail": ["\n", "\r\n ", "\f", "<!-- c -->", "<?pi x?>", "x"],
}


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A document as usual but for at most one of its parts."""
    odd = draw(st.sampled_from([None, None, *OTHER_PARTS]))

    def part(name: str) -> str:
        return draw(st.sampled_from(OTHER_PARTS[name])) if name == odd else USUAL_PARTS[name]

    items = []
    for _ in range(draw(st.integers(0, 3))):
        element = part("prefix") + part("kind")
        inner = part("inner").replace("{element}", element).replace("{value}", draw(TEXTS))
        attributes = part("attributes").replace("{pid}", part("pid")).replace("{name}", draw(TEXTS))
        items.append(f"<property {attributes}>{inner}</property>{part('between')}")
    return document(*items, start=part("start"), root=part("root")) + part("tail").encode()


@settings(max_examples=1000)
@given(documents())
def test_the_pattern_reads_what_the_parser_reads(data: bytes) -> None:
    usual = _usual_ooxml(data)
    try:
        parsed = _parsed_ooxml(data)
    except ElementTree.ParseError:
        assert usual is None  # the pattern takes no part the parser refuses
    else:
        assert usual in (None, parsed)

"""Every struct and constant whosaid._native mirrors matches
include/whosaid.h: a small C program compiled against the header prints
each size, field offset and constant, and ctypes must agree."""

import ctypes
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
import whosaid._native as N

CONSTANTS = {
    "WS_OK": N.WS_OK, "WS_DONE": N.WS_DONE, "WS_NEED_INPUT": N.WS_NEED_INPUT,
    "WS_ERR_NOMEM": N.WS_ERR_NOMEM, "WS_ERR_INVALID_ARG": N.WS_ERR_INVALID_ARG,
    "WS_ERR_TOO_LARGE": N.WS_ERR_TOO_LARGE, "WS_ERR_JSON": N.WS_ERR_JSON,
    "WS_ERR_WRITE": N.WS_ERR_WRITE, "WS_ERR_WARC": N.WS_ERR_WARC,
    "WS_ERR_GZIP": N.WS_ERR_GZIP, "WS_ERR_HTML": N.WS_ERR_HTML, "WS_ERR_IO": N.WS_ERR_IO,
    "WS_SKIPPED": N.WS_SKIPPED, "WS_STATUS_COUNT": N.WS_STATUS_COUNT,
    "WS_SKIP_COUNT": N.WS_SKIP_COUNT, "WS_QUOTE_DIRECT": N.WS_QUOTE_DIRECT,
    "WS_QUOTE_INDIRECT": N.WS_QUOTE_INDIRECT, "WS_TYPE_DIRECT": N.WS_TYPE_DIRECT,
    "WS_TYPE_INDIRECT": N.WS_TYPE_INDIRECT, "WS_NO_OFFSET": N.WS_NO_OFFSET,
    "WS_INPUT_TEXT": N.INPUT_FORMATS["text"], "WS_INPUT_JSONL": N.INPUT_FORMATS["jsonl"],
    "WS_INPUT_HTML": N.INPUT_FORMATS["html"], "WS_INPUT_WARC": N.INPUT_FORMATS["warc"],
    "WS_OUTPUT_JSONL": N.OUTPUT_FORMATS["jsonl"], "WS_OUTPUT_TEXT": N.OUTPUT_FORMATS["text"],
    "WS_OUTPUT_DOCS": N.OUTPUT_FORMATS["docs"],
    "WS_SKIP_NOT_RESPONSE": N.SKIP_KEYS.index("not_response"),
    "WS_SKIP_NOT_HTML": N.SKIP_KEYS.index("not_html"),
    "WS_SKIP_NOT_OK": N.SKIP_KEYS.index("not_ok"),
    "WS_SKIP_EMPTY": N.SKIP_KEYS.index("empty"),
}
# The speakers' enums: each value the binding names, by its C name.
for prefix, names in (("WS_SPEAKER_", N.SPEAKER_KINDS), ("WS_MENTION_", N.MENTION_KINDS),
                      ("WS_GENDER_", N.GENDERS), ("WS_EVIDENCE_", N.EVIDENCE_KINDS),
                      ("WS_AFFILIATION_", N.AFFILIATION_KINDS)):
    for value, name in names.items():
        CONSTANTS[prefix + name.upper().replace("-", "_")] = value
ENUMS = ["ws_status", "ws_quote_type", "ws_input_format", "ws_content", "ws_skip",
         "ws_output_format", "ws_speaker_kind", "ws_mention_kind", "ws_gender",
         "ws_evidence_kind", "ws_affiliation_kind"]


def c_program():
    lines = ["#include <stddef.h>", "#include <stdio.h>", '#include "whosaid.h"',
             "int main(void) {"]
    for cname, cls in N.STRUCTS.items():
        lines.append('printf("sizeof %s %%zu\\n", sizeof(%s));' % (cname, cname))
        for field, _ in cls._fields_:
            lines.append('printf("offset %s.%s %%zu\\n", offsetof(%s, %s));'
                         % (cname, field, cname, field))
            lines.append('printf("size %s.%s %%zu\\n", sizeof(((%s *)0)->%s));'
                         % (cname, field, cname, field))
    for name in CONSTANTS:
        lines.append('printf("const %s %%llu\\n", (unsigned long long)(%s));' % (name, name))
    for enum in ENUMS:
        lines.append('printf("sizeof enum.%s %%zu\\n", sizeof(enum %s));' % (enum, enum))
    lines += ["return 0;", "}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def c_layout(tmp_path_factory):
    cc = os.environ.get("CC", "cc")
    if not shutil.which(cc):
        pytest.skip("no C compiler (%s) to check the layouts with" % cc)
    d = tmp_path_factory.mktemp("layout")
    src, exe = d / "layout.c", d / "layout"
    src.write_text(c_program())
    subprocess.run([cc, "-std=c11", "-Wall", "-Werror", "-I", os.path.join(ROOT, "include"),
                    str(src), "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], check=True, stdout=subprocess.PIPE, text=True).stdout
    facts = {}
    for line in out.splitlines():
        kind, name, value = line.split()
        facts[(kind, name)] = int(value)
    return facts


@pytest.mark.parametrize("cname", sorted(N.STRUCTS))
def test_struct_matches_header(c_layout, cname):
    cls = N.STRUCTS[cname]
    assert ctypes.sizeof(cls) == c_layout[("sizeof", cname)]
    for field, ftype in cls._fields_:
        key = "%s.%s" % (cname, field)
        assert getattr(cls, field).offset == c_layout[("offset", key)], key
        assert ctypes.sizeof(ftype) == c_layout[("size", key)], key


def test_constants_match_header(c_layout):
    for name, value in CONSTANTS.items():
        assert value == c_layout[("const", name)], name


def test_enums_are_int_sized(c_layout):
    for enum in ENUMS:
        assert c_layout[("sizeof", "enum." + enum)] == ctypes.sizeof(N.c_enum), enum


def test_every_header_struct_is_checked():
    # A struct added to the header that the binding passes around must be
    # mirrored and listed in STRUCTS; the header's typedef'd structs are
    # all either mirrored or opaque handles / not passed by the binding.
    import re
    with open(os.path.join(ROOT, "include", "whosaid.h")) as f:
        header = f.read()
    defined = set(re.findall(r"typedef struct (ws_\w+) \{", header))
    # Not called by the binding: HTML pages (ws_html_*) and the quotation
    # index (ws_index_build).
    not_mirrored = {"ws_page", "ws_index_stats", "ws_index_options"}
    assert defined - not_mirrored == set(N.STRUCTS)


def test_record_unpacking_reads_the_ctypes_mirror():
    # whosaid._extract reads ws_quote arrays with struct, not ctypes
    import whosaid._extract as E
    rec = N.QuoteRecord(2, N.Span(11, 12), N.Span(13, 14), N.Span(15, 16), N.Span(17, 18),
                        0xDEADBEEF)
    raw = ctypes.string_at(ctypes.addressof(rec), ctypes.sizeof(rec))
    assert E._RECORD.unpack(raw) == (2, 11, 12, 13, 14, 15, 16, 17, 18, 0xDEADBEEF)

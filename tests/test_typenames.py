"""Type cells as the Graph docs write them, read into type references: one spelling per case."""

from __future__ import annotations

import pytest

from generator.importer.docs.typenames import parse_type


@pytest.mark.parametrize(
    ("cell", "spelled", "primitive"),
    [
        ("String", "String", True),
        ("string (url)", "String", True),
        ("Edm.Int32", "Int32", True),
        ("Int", "Int32", True),
        ("String collection", "Collection(String)", True),
        ("Collection(Edm.Guid)", "Collection(Guid)", True),
        ("[identitySet][]", "identitySet", False),
        ("[identitySet](identityset.md) collection", "Collection(identitySet)", False),
        ("microsoft.graph.callRecords.session", "callRecords.session", False),
        ("Timestamp", "DateTimeOffset", True),
        ("TimeSpan", "Duration", True),
        ("[timeStamp](timestamp.md)", "timeStamp", False),
    ],
)
def test_a_type_cell_reads_as_the_type_it_names(
    cell: str, spelled: str, primitive: bool
) -> None:
    ref = parse_type(cell)
    assert ref is not None
    assert (ref.spelled, ref.primitive) == (spelled, primitive)


def test_a_union_keeps_every_alternative() -> None:
    ref = parse_type("[organizerMeetingInfo](a.md) or [tokenMeetingInfo](b.md)")
    assert ref is not None
    assert [a.name for a in ref.alternatives] == [
        "organizerMeetingInfo",
        "tokenMeetingInfo",
    ]


@pytest.mark.parametrize("cell", ["", "see the table below", "A | B"])
def test_a_cell_that_names_no_type_is_none(cell: str) -> None:
    assert parse_type(cell) is None

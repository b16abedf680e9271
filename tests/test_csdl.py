"""The CSDL reader beyond types: the entity container, actions and functions, annotations."""

from __future__ import annotations

from pathlib import Path

from generator.odata import csdl
from generator.odata.edm import Parameter, Root

SERVICE = Path(__file__).resolve().parent / "fixtures" / "csdl" / "service.xml"
CORE = "Org.OData.Core.V1"


def test_the_container_gives_sets_and_singletons_with_their_types_qualified() -> None:
    metadata = csdl.load(SERVICE, "service.xml")
    assert metadata.container == "microsoft.graph.GraphService"
    assert metadata.roots == (
        Root("gadgets", "microsoft.graph.gadget", False, 32),
        Root("favorite", "microsoft.graph.gadget", True, 33),
        Root("dials", "microsoft.graph.dial", False, 34),
    )


def test_bound_operations_keep_their_parameters_in_order() -> None:
    spin, delta = csdl.load(SERVICE, "service.xml").operations
    assert (spin.name, spin.kind, spin.binding, spin.returns) == (
        "spin",
        "action",
        "microsoft.graph.gadget",
        None,
    )
    assert spin.parameters[1:] == (
        Parameter("speed", "Edm.Int32", False, False, 22),
        Parameter("note", "Edm.String", True, True, 23),
    )
    assert (delta.kind, delta.binding, delta.returns, delta.returns_nullable) == (
        "function",
        "Collection(microsoft.graph.gadget)",
        "Collection(microsoft.graph.gadget)",
        False,
    )


def test_annotations_inline_and_apart_by_qualified_target_and_term() -> None:
    metadata = csdl.load(SERVICE, "service.xml")
    assert metadata.description("microsoft.graph.gadget/name") == "The gadget's name."
    assert metadata.term("microsoft.graph.gadget/id", f"{CORE}.Computed") is True
    insert = "Org.OData.Capabilities.V1.InsertRestrictions"
    assert metadata.term("microsoft.graph.GraphService/gadgets", insert) == {
        "Insertable": False
    }


def test_contained_navigation_is_marked() -> None:
    gadget = csdl.load(SERVICE, "service.xml").types["microsoft.graph.gadget"]
    assert [(n.name, n.contained) for n in gadget.navigation] == [
        ("parts", True),
        ("owner", False),
    ]

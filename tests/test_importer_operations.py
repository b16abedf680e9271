"""import-docs reads operations beyond CRUD from API pages in the format of the Graph v1.0 docs:
made-up pages (tests/fixtures/docs_v1, the doohickey's), one rule each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spec_checks import decided

from generator.importer import import_docs
from generator.importer.docs.api import read_api
from generator.importer.docs.markdown import parse
from generator.importer.operations.tails import address
from generator.odata import csdl
from generator.spec.load import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]
V1 = ROOT / "tests" / "fixtures" / "docs_v1"
METADATA = ROOT / "tests" / "fixtures" / "metadata" / "operations.xml"

Imported = tuple[dict[str, Spec], dict[str, dict[str, Any]], list[str], list[str]]


def _import(names: list[str], **options: Any) -> Imported:
    """The specs loaded, the same as plain data (every field as written), decisions, added types."""
    import yaml

    result = import_docs(V1, names, **options)
    specs = {load_spec(t, f).name: load_spec(t, f) for f, t in result.specs.items()}
    data = {yaml.safe_load(t)["name"]: yaml.safe_load(t) for t in result.specs.values()}
    return specs, data, decided(result.decisions), result.added


@pytest.fixture(scope="module")
def doohickey() -> Imported:
    return _import(["doohickey", "doohickeyHub"])


@pytest.fixture(scope="module")
def navigated() -> Imported:
    return _import(["doohickey"], with_navigation=True)


def test_an_action_takes_its_request_body_as_typed_parameters_and_returns_its_result(
    navigated: Imported,
) -> None:
    _, data, _, added = navigated
    tune = data["doohickey"]["actions"]["tune"]
    assert tune["parameters"] == {
        "pitch": {"type": "Int32", "description": "The pitch to tune to. Required."},
        "readings": {  # `[Reading](doohickeyreading.md)`: the type the linked page documents
            "type": "Collection(doohickeyReading)",
            "description": "Readings to tune against. Optional.",
            "optional": True,
        },
        "note": {
            "type": "String",
            "description": "A note on the tuning; can be null.",
            "nullable": True,
        },
    }
    assert tune["returns"] == "doohickey"  # the response block's @odata.type
    assert tune["status"] == [200]
    assert "added doohickeyReading (operation type of doohickey.tune.readings)" in added


def test_an_accepted_action_answers_202_and_returns_nothing(
    doohickey: Imported,
) -> None:
    _, data, _, _ = doohickey
    calibrate = data["doohickey"]["actions"]["calibrate"]
    assert calibrate["status"] == [202]
    assert "returns" not in calibrate and "parameters" not in calibrate


def test_an_action_on_a_set_of_the_type_binds_to_the_collection(
    doohickey: Imported,
) -> None:
    _, data, _, _ = doohickey
    assert data["doohickey"]["actions"]["resetAll"]["bound"] == "collection"
    assert "bound" not in data["doohickey"]["actions"]["tune"]  # after a key: an item


def test_an_action_and_a_function_on_a_singleton_bind_to_its_single_path(
    doohickey: Imported,
) -> None:
    _, data, _, _ = doohickey
    hub = data["doohickeyHub"]
    assert hub["paths"]["single"] == ["/me/doohickeyHub"]
    assert hub["actions"]["restart"]["status"] == [204]
    assert (
        hub["functions"]["getStatus"]["returns"] == "String"
    )  # `a String` in the prose


def test_a_function_takes_its_table_and_route_arguments(doohickey: Imported) -> None:
    _, data, decisions, _ = doohickey
    forecast = data["doohickey"]["functions"]["forecast"]
    assert forecast["parameters"] == {
        "days": {"type": "Int32", "description": "How many days to forecast."},
        "unit": {"type": "String"},
    }
    assert (
        forecast["returns"] == "Collection(doohickeyReading)"
    )  # `[Reading](...)` objects
    assert (
        "api/doohickey-forecast.md:17: action.route-parameter: functions.forecast.parameters.unit"
        in decisions
    )


def test_a_get_of_a_name_its_page_titles_as_an_operation_is_a_function(
    doohickey: Imported,
) -> None:
    _, data, _, _ = doohickey
    assert (
        data["doohickey"]["functions"]["lastReading"]["returns"] == "doohickeyReading"
    )


def test_delta_is_a_function_of_the_set_returning_the_type(doohickey: Imported) -> None:
    _, data, _, _ = doohickey
    delta = data["doohickey"]["functions"]["delta"]
    assert (delta["bound"], delta["returns"]) == ("collection", "Collection(doohickey)")


def test_content_is_a_stream_read_and_replaced(doohickey: Imported) -> None:
    _, data, _, _ = doohickey
    content = data["doohickey"]["streams"]["content"]
    assert content["operations"] == ["get", "put"]
    assert content["returns"] == "doohickey"  # what the PUT page answers


def test_alternate_keys_and_paths_below_an_item(doohickey: Imported) -> None:
    _, data, decisions, _ = doohickey
    paths = data["doohickey"]["paths"]
    assert paths["alternateKeys"] == ["serial"]  # /me/doohickeys(serial='{serial}')
    assert paths["byPath"] is True  # /me/doohickeys/{id}:/{path-to-a-doohickey}
    assert paths["collection"] == ["/me/doohickeys", "/users/{userId}/doohickeys"]
    # every route of the get page is read: its only decision renames the {id} placeholders
    assert [d for d in decisions if d.startswith("api/doohickey-get.md")] == [
        "api/doohickey-get.md:17: route.placeholders-renamed: operations.get"
    ]


def test_references_of_a_navigation_property(navigated: Imported) -> None:
    _, data, decisions, _ = navigated
    navigation = data["doohickey"]["navigation"]
    assert navigation["hub"]["ref"] == [
        "put",
        "delete",
    ]  # /doohickeyHubs gives the link
    # a reference is added by the URL of the entity in a set at the service root
    assert (navigation["parts"]["operations"], navigation["parts"]["ref"]) == (
        ["list"],
        ["delete"],
    )
    assert (
        "resources/doohickey.md:27: navigation.ref-unaddressable: navigation.parts.ref"
        in decisions
    )


def test_an_entity_an_operation_returns_comes_as_a_type(
    doohickey: Imported,
) -> None:
    _, data, _, added = doohickey
    used = data["doohickey"]["functions"]["usedParts"]
    assert used["returns"] == "Collection(gizmoPart)"
    assert "added gizmoPart (operation type of doohickey.usedParts)" in added


def test_an_operation_of_a_navigation_target_is_skipped_on_the_owner(
    doohickey: Imported,
) -> None:
    _, _, decisions, _ = doohickey
    assert (
        "resources/doohickey.md:30: operation.addresses-other-type: operations"
        in decisions
    )


def test_the_specs_load_and_name_every_operation(doohickey: Imported) -> None:
    specs, _, _, _ = doohickey
    spec = specs["doohickey"]
    assert {a.name for a in spec.actions} == {"tune", "calibrate", "resetAll"}


@pytest.mark.parametrize(
    ("route", "parts", "tail", "name", "arguments", "by_path"),
    [
        (
            "/me/events/{id}/forward",
            ["me", "events", "{id}", "forward"],
            "",
            "",
            (),
            False,
        ),
        ("/me/events/delta()", ["me", "events"], "call", "delta", (), False),
        ("/me/events/delta", ["me", "events"], "call", "delta", (), False),
        (
            "/reports/getEmailActivityCounts(period='{period_value}')",
            ["reports"],
            "call",
            "getEmailActivityCounts",
            ("period",),
            False,
        ),
        ("/me/photo/$value", ["me", "photo"], "$value", "", (), False),
        (
            "/groups/{id}/members/{id}/$ref",
            ["groups", "{id}", "members", "{id}"],
            "$ref",
            "",
            (),
            False,
        ),
        (
            "/drives/{drive-id}/root:/{item-path}:/content",
            ["drives", "{driveId}", "root", "content"],
            "",
            "",
            (),
            True,
        ),
        ("/me/drive/root:/{item-path}", ["me", "drive", "root"], "", "", (), True),
        (
            "/users(userPrincipalName='{upn}')",
            [],
            "call",
            "users",
            ("userPrincipalName",),
            False,
        ),
    ],
)
def test_routes_split_into_their_path_and_what_follows(
    route: str,
    parts: list[str],
    tail: str,
    name: str,
    arguments: tuple[str, ...],
    by_path: bool,
) -> None:
    found = address(route)
    assert (found.parts, found.tail, found.name, found.arguments, found.by_path) == (
        parts,
        tail,
        name,
        arguments,
        by_path,
    )


def test_a_path_after_an_item_addressed_by_path_is_not_expressible() -> None:
    found = address("/drives/{id}/root:/{item-path}:/workbook/worksheets")
    assert found.parts is None
    assert found.why == "a path addressed by name (`root:/path:`), then more segments"


def test_a_functions_arguments_with_spaces_are_one_route() -> None:
    page = parse(
        "# x\n\n## HTTP request\n```http\nGET /me/r/resizedRange(deltaRows={n}, "
        "deltaColumns={n})\n```\n",
        "api/x.md",
    )
    (route,) = read_api(page).routes
    assert route.path == "/me/r/resizedRange(deltaRows={n},deltaColumns={n})"
    assert address(route.path).arguments == ("deltaRows", "deltaColumns")


def test_a_function_named_like_a_path_below_its_builders_is_left_out() -> None:
    _, data, decisions, _ = _import(["doohickey", "doohickeyGauge"])
    assert "gauge" not in data["doohickey"]["functions"]
    assert data["doohickeyGauge"]["paths"] == {
        "single": ["/me/doohickeys/{doohickeyId}/gauge"]
    }
    assert (
        "resources/doohickey.md:34: unify.hidden-segment: functions.gauge" in decisions
    )


def test_an_operation_on_a_navigation_propertys_items_is_the_targets() -> None:
    _, data, decisions, _ = _import(["gizmo"], with_navigation=True)
    part = data["gizmoPart"]
    assert part["operations"]["delete"]["docs"] == "api/gizmopart-delete.md"
    assert (  # `DELETE /me/gizmos/{id}/parts/{id}` on the gizmo page
        "resources/gizmopart.md:1: unify.item-operation: operations.delete" in decisions
    )


@pytest.fixture(scope="module")
def followed() -> Imported:
    metadata = csdl.load(METADATA, "tests/fixtures/metadata/operations.xml")
    return _import(["doohickey"], metadata=metadata)


def test_with_metadata_parameters_and_results_are_the_metadatas(
    followed: Imported,
) -> None:
    _, data, decisions, _ = followed
    tune = data["doohickey"]["actions"]["tune"]
    assert tune["parameters"] == {
        "pitch": {"type": "Int64", "description": "The pitch to tune to. Required."},
        "readings": {
            "type": "Collection(doohickeyReading)",
            "description": "Readings to tune against. Optional.",
            "optional": True,  # Core.OptionalParameter
            "nullable": True,  # no Nullable="false"
        },
        "Note": {  # the metadata's spelling, the page's description
            "type": "String",
            "description": "A note on the tuning; can be null.",
            "nullable": True,
        },
    }
    for expected in (
        (
            "resources/doohickey.md:18: metadata.parameter: actions.tune.parameters.pitch"
        ),
        ("resources/doohickey.md:18: metadata.parameter: actions.tune.parameters.Note"),
    ):
        assert expected in decisions


def test_with_metadata_a_get_the_metadata_declares_a_function_is_one(
    doohickey: Imported, followed: Imported
) -> None:
    _, _, decisions, _ = doohickey
    assert (
        "resources/doohickey.md:33: operation.returns-other-type: operations"
        in decisions
    )
    _, data, decisions, _ = followed
    assert data["doohickey"]["functions"]["warmth"]["returns"] == "Double"


def test_with_metadata_what_it_lacks_or_the_import_cannot_write_is_as_the_page_says(
    followed: Imported,
) -> None:
    _, data, decisions, _ = followed
    assert data["doohickey"]["actions"]["calibrate"]["status"] == [202]
    assert data["doohickey"]["functions"]["forecast"]["parameters"]["unit"] == {
        "type": "String"
    }
    for expected in (
        ("resources/doohickey.md:19: metadata.operation-unknown: actions.calibrate"),
        (
            "resources/doohickey.md:21: metadata.operation-unwritable: functions.forecast"
        ),
    ):
        assert expected in decisions

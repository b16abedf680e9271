"""import-docs on pages in the format of the Graph v1.0 docs: made-up pages, one rule each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from spec_checks import bad_examples, dangling, decided

from generator.cli import main
from generator.importer import import_docs
from generator.spec.load import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]
V1 = ROOT / "tests" / "fixtures" / "docs_v1"
FINANCIALS = ROOT / "tests" / "fixtures" / "financials"


def _import(
    names: list[str], **options: bool
) -> tuple[dict[str, Spec], list[str], list[str]]:
    result = import_docs(V1, names, **options)
    specs = {load_spec(t, f).name: load_spec(t, f) for f, t in result.specs.items()}
    return specs, decided(result.decisions), result.added


@pytest.fixture(scope="module")
def gizmo() -> tuple[dict[str, Spec], list[str], list[str]]:
    return _import(["gizmo"])


def _props(spec: Spec) -> dict[str, str]:
    return {p.wire: p.type for p in spec.properties}


def test_a_type_is_found_by_the_type_its_page_documents(gizmo: Any) -> None:
    specs, _, _ = gizmo
    assert specs["gizmoSize"].file == "gizmo_size.yaml"  # resources/gizmo-size.md
    assert specs["gizmoState"].members == (
        "idle",
        "spinning",
    )  # intune-gizmo-gizmostate.md


def test_everything_a_type_needs_is_added_and_listed(gizmo: Any) -> None:
    _, _, added = gizmo
    assert added == [
        "added gizmoBase (base type of gizmo)",
        "added gizmoColor (enum of gizmo.color)",
        "added gizmoMode (enum of gizmo.mode)",
        "added powerSource (complex type of gizmo.power)",
        "added gizmoSize (complex type of gizmo.size)",
        "added gizmoState (enum of gizmo.state)",
        "added entity (base type of gizmoBase)",
    ]


def test_a_spec_has_its_base_and_only_its_own_properties(gizmo: Any) -> None:
    specs, decisions, _ = gizmo
    entity, base, gizmo_spec = specs["entity"], specs["gizmoBase"], specs["gizmo"]
    assert (entity.kind, entity.abstract, entity.key, entity.base) == (
        "entity",
        True,
        "id",
        None,
    )
    assert [(p.wire, p.type, p.read_only) for p in entity.properties] == [
        ("id", "String", True)
    ]
    assert (base.base, base.abstract, base.key) == ("entity", True, None)
    assert _props(base) == {
        "createdDateTime": "DateTimeOffset",
        "displayName": "String",
    }
    assert (gizmo_spec.base, gizmo_spec.abstract, gizmo_spec.key) == (
        "gizmoBase",
        False,
        None,
    )
    assert "createdDateTime" not in _props(gizmo_spec) and "id" not in _props(
        gizmo_spec
    )
    assert "resources/gizmo.md:31: property.inherited: createdDateTime" in decisions


def test_type_cells_as_the_pages_write_them(gizmo: Any) -> None:
    specs, decisions, _ = gizmo
    assert _props(specs["gizmo"]) == {
        "color": "gizmoColor",  # a section of enums.md
        "homepage": "String",  # Url
        "mode": "gizmoMode",  # only the row's possible values
        "power": "powerSource",  # batteryPower or cablePower
        "serial": "String",  # String (identifier)
        "size": "gizmoSize",  # [gizmoSize][], a reference-style link
        "state": "gizmoState",
        "weight": "Double",  # a row with a missing cell
        "manualUrl": "String",  # string (url)
    }
    assert specs["gizmoColor"].members == ("red", "green", "unknownFutureValue")
    assert specs["gizmoMode"].members == ("quiet", "loud")
    for expected in (
        ("resources/gizmo.md:29: property.annotation-row: properties"),
        "resources/gizmo.md:32: cell.alias: homepage",
        ("resources/gizmo.md:35: cell.inline-enum: mode"),
        ("resources/gizmo.md:36: cell.union: power"),
        ("resources/gizmo.md:40: page.row-cells: weight"),
        "resources/gizmo.md:34: navigation.entity-property: mainPart",
    ):
        assert expected in decisions


def test_pages_that_only_inherit_or_say_the_type_is_unknown() -> None:
    specs, decisions, _ = _import(["batteryPower", "tuple_2OfGizmo"])
    assert (specs["batteryPower"].base, specs["batteryPower"].properties) == (
        "powerSource",
        (),
    )
    assert _props(specs["tuple_2OfGizmo"]) == {"item1": "String"}
    assert specs["tuple_2OfGizmo"].file == "tuple_2_of_gizmo.yaml"
    assert "resources/batterypower.md:13: property.none: properties" in decisions
    assert (
        "resources/intune-gizmo-tuple_2ofgizmo.md:17: cell.unknown-type: item2"
        in decisions
    )


def test_a_derived_page_that_repeats_its_base_rows() -> None:
    specs, decisions, _ = _import(["cablePower"])
    assert _props(specs["cablePower"]) == {"plug": "String"}
    assert _props(specs["powerSource"]) == {"volts": "Double"}
    assert specs["powerSource"].abstract is True
    assert "resources/cablepower.md:17: property.inherited: volts" in decisions


def test_routes_parameters_and_what_the_builders_cannot_express(gizmo: Any) -> None:
    specs, decisions, _ = gizmo
    spec = specs["gizmo"]
    assert spec.collection_paths == ("/me/gizmos", "/users/{userId}/gizmos")
    assert spec.item_path == "/{gizmoId}"
    assert spec.parameters == {"userId": "String", "gizmoId": "String"}
    assert {k: o.method for k, o in spec.operations.items()} == {
        "list": "GET",
        "create": "POST",
        "get": "GET",
        "update": "PATCH",
        "delete": "DELETE",
    }
    for expected in (
        ("api/gizmo-list.md:19: route.unexpressible: operations.list"),
        ("api/gizmo-list.md:20: route.unexpressible: operations.list"),
        ("api/gizmo-get.md:17: route.unexpressible: operations.get"),
        ("api/gizmo-get.md:18: route.unexpressible: operations.get"),
        ("api/gizmo-update.md:15: operation.two-methods: operations"),
        ("api/gizmo-delete.md:13: operation.routes-outside-section: operations"),
    ):
        assert expected in decisions


def test_a_type_reached_without_a_key_and_replaced_by_put() -> None:
    specs, _, _ = _import(["gizmoSettings"])
    spec = specs["gizmoSettings"]
    assert (spec.collection_paths, spec.item_path) == ((), None)
    assert spec.single_paths == ("/me/gizmoSettings", "/users/{userId}/gizmoSettings")
    assert spec.operations["update"].method == "PUT"
    assert spec.operations["update"].status == (200, 202, 204)  # the page says 202
    assert set(spec.operations) == {"get", "update"}
    assert _props(spec) == {"loudness": "Int32"}  # @odata.etag is not a property


def test_header_cells(gizmo: Any) -> None:
    specs, _, _ = gizmo
    ops = specs["gizmo"].operations
    headers = {
        k: {h.name: (h.value, h.required) for h in op.headers} for k, op in ops.items()
    }
    assert headers["list"]["ConsistencyLevel"] == ("eventual", False)
    assert headers["create"]["Prefer"] == ("return=minimal", False)
    assert headers["get"]["Prefer"] == ("outlook.timezone", False)


def test_a_placeholder_never_becomes_test_data(gizmo: Any) -> None:
    specs, _, _ = gizmo
    example = specs["gizmo"].example
    assert example is not None
    assert example["createdDateTime"] == "2024-01-31T10:15:00Z"  # "datetime-value"
    assert example["serial"] == "text"  # "String"
    assert example["weight"] == Decimal("1.5")  # "Double"
    assert example["mode"] == "quiet"  # "Int32" for an enum
    assert example["state"] == "idle"  # not a member
    assert example["size"] == {  # an {"@odata.type": ...} stub
        "height": Decimal("1.5"),
        "unit": "text",
        "width": Decimal("1.5"),
    }
    assert example["power"] == {"volts": 230}
    assert (
        example["color"] == "red" and example["homepage"] == "https://contoso.com/gizmo"
    )
    for gone in (
        "@odata.etag",
        "@odata.context",
        "mainPart",
        "notAProperty",
        "manualUrl",
    ):
        assert gone not in example


def test_every_example_fits_its_types() -> None:
    names = ["gizmo", "gizmoSettings", "tuple_2OfGizmo", "cablePower", "gadget"]
    specs, _, _ = _import(names, with_navigation=True)
    assert bad_examples(specs) == []
    assert dangling(specs) == []


def test_navigation_targets_are_opt_in() -> None:
    specs, _, added = _import(["gizmo"], with_navigation=True)
    assert "added gizmoPart (navigation target of gizmo.mainPart)" in added
    navigation = {n.name: (n.type, n.operations) for n in specs["gizmo"].navigation}
    assert navigation == {
        "mainPart": ("gizmoPart", ("get",)),
        "parts": ("Collection(gizmoPart)", ("list",)),
    }
    part = specs["gizmoPart"]
    assert part.collection_paths == ("/me/gizmos/{gizmoId}/parts",)
    assert part.item_path == "/{gizmoPartId}"


def test_namespaced_types_keep_their_namespace_and_never_collide() -> None:
    result = import_docs(V1, ["microsoft.graph.gizmos.gadget", "gadget"])
    assert sorted(result.specs) == [
        "gadget.yaml",
        "gadget_direction.yaml",
        "gizmo_size.yaml",
        "gizmos_gadget.yaml",
        "spin_direction.yaml",
    ]
    ours = load_spec(result.specs["gizmos_gadget.yaml"], "gizmos_gadget.yaml")
    assert (ours.name, ours.namespace) == ("gadget", "microsoft.graph.gizmos")
    assert _props(ours) == {
        "direction": "gadgetDirection",
        "size": "gizmoSize",
        "spin": "spinDirection",
    }
    direction = load_spec(result.specs["gadget_direction.yaml"], "x.yaml")
    assert direction.namespace == "microsoft.graph.gizmos"
    assert load_spec(result.specs["gadget.yaml"], "gadget.yaml").namespace == (
        "microsoft.graph"
    )


def test_the_financials_root_imports_with_its_inherited_key() -> None:
    result = import_docs(FINANCIALS, ["financials"])
    assert sorted(result.specs) == ["entity.yaml", "financials.yaml"]
    spec = load_spec(result.specs["financials.yaml"], "financials.yaml")
    assert (spec.base, spec.key, spec.properties, spec.single_paths) == (
        "entity",
        None,
        (),
        ("/financials",),
    )
    entity = load_spec(result.specs["entity.yaml"], "entity.yaml")
    assert (entity.abstract, entity.key) == (True, "id")
    assert "resources/financials.md:38: type.entity-built-in: name" in decided(
        result.decisions
    )


def test_cli_lists_what_it_added_and_keeps_a_reviewers_edits_of_added_specs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["import-docs", "--docs", str(V1), "--specs", "specs"]
    assert main([*args, "--verbose", "cablePower"]) == 0
    err = capsys.readouterr().err
    assert "graph-codegen: added powerSource (base type of cablePower)" in err
    reviewed = tmp_path / "specs" / "power_source.yaml"
    text = reviewed.read_text(encoding="utf-8")
    edited = text.replace("The voltage.", "Reviewed, the voltage.", 1)
    reviewed.write_text(edited, encoding="utf-8")
    assert main([*args, "batteryPower"]) == 0
    assert "Reviewed, the voltage." in reviewed.read_text(encoding="utf-8")
    assert (
        main([*args, "batteryPower"]) == 2
    )  # a named type is re-imported with --force
    assert "pass --force to re-import it" in capsys.readouterr().err
    assert main([*args, "--force", "batteryPower"]) == 0
    assert "Reviewed, the voltage." in reviewed.read_text(encoding="utf-8")


def test_the_specs_of_one_import_agree_on_paths_and_parameters() -> None:
    clone, decisions, _ = _import(
        ["gizmoClone"]
    )  # derived from gizmo, read at its paths
    assert clone["gizmo"].collection_paths == ("/me/gizmos", "/users/{userId}/gizmos")
    assert clone["gizmoClone"].collection_paths == ()
    assert "resources/gizmoclone.md:1: unify.path-claimed: paths" in decisions
    part, _, _ = _import(["gizmoPart"])
    assert part["gizmoPart"].collection_paths == ("/me/gizmos/{gizmoKey}/parts",)
    specs, decisions, _ = _import(["gizmo", "gizmoClone", "gizmoPart"])
    assert specs["gizmo"].collection_paths == ("/me/gizmos", "/users/{userId}/gizmos")
    assert (specs["gizmoClone"].collection_paths, specs["gizmoClone"].operations) == (
        (),
        {},
    )
    assert specs["gizmoPart"].collection_paths == ("/me/gizmos/{gizmoId}/parts",)
    assert "resources/gizmoclone.md:1: unify.path-claimed: paths" in decisions
    assert "resources/gizmopart.md:1: unify.parameters-renamed: paths" in decisions


def test_imported_beside_the_project_specs_it_takes_their_service_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    for shipped in (ROOT / "specs").glob("*.yaml"):
        (tmp_path / "specs" / shipped.name).write_bytes(shipped.read_bytes())
    args = ["import-docs", "--docs", str(V1), "--specs", "specs", "-v", "gizmoSettings"]
    assert main(args) == 0
    text = (tmp_path / "specs" / "gizmo_settings.yaml").read_text(encoding="utf-8")
    assert (
        load_spec(text, "gizmo_settings.yaml").base_url
        == "https://graph.microsoft.com/beta"
    )
    assert (
        "resources/gizmosettings.md:1: warning: baseUrl: https://graph.microsoft.com/beta, as "
        "the project's other specs name it (one client, one service root); its examples say "
        "https://graph.microsoft.com/v1.0"
    ) in capsys.readouterr().err


def test_a_type_whose_examples_name_no_version_takes_the_docs_folders() -> None:
    specs, decisions, _ = _import(["gizmoPart"])
    assert specs["gizmoPart"].base_url == "https://graph.microsoft.com/v1.0"
    assert "resources/gizmopart.md:1: unify.base-url-default: baseUrl" in decisions


def test_a_page_about_a_property_or_another_type_is_not_an_operation_of_the_type(
    gizmo: Any,
) -> None:
    specs, decisions, _ = gizmo
    assert specs["gizmo"].collection_paths == ("/me/gizmos", "/users/{userId}/gizmos")
    assert specs["gizmo"].single_paths == ()
    assert (  # an operation on the items of parts: gizmoPart's, which is not imported
        "resources/gizmo.md:23: navigation.page-skipped: navigation.parts" in decisions
    )
    assert (
        "resources/gizmo.md:24: operation.addresses-other-type: operations" in decisions
    )


def test_every_table_of_the_properties_section_is_read() -> None:
    specs, _, _ = _import(["gizmoPart"])
    assert _props(specs["gizmoPart"]) == {
        "label": "String",
        "spring": "Boolean",
        "weightInGrams": "Int32",
    }  # the table of the kinds of part lists no properties


def test_a_type_navigates_to_sets_of_itself() -> None:
    specs, _, _ = _import(["gizmoPart"])
    assert specs["gizmoPart"].navigation[0].name == "subParts"


def test_a_tasks_table_is_read_as_the_methods_table() -> None:
    specs, decisions, _ = _import(["gizmoManual"])
    manual = specs["gizmoManual"]
    assert (manual.kind, manual.base) == ("entity", "entity")
    assert manual.collection_paths == ("/me/gizmoManuals",)
    assert set(manual.operations) == {"get"}
    assert _props(manual) == {
        "pages": "Int32",
        "layout": "Json",
        "binding": "gizmoColor",
    }
    assert specs["Json"].open_type  # Graph's open JSON type
    assert (
        "resources/gizmomanual.md:30: property.enum-values-lacking: binding"
        in decisions
    )


def test_a_key_the_page_never_shows_makes_no_entity() -> None:
    specs, decisions, _ = _import(["gizmoSticker"])
    assert specs["gizmoSticker"].kind == "complex"
    assert (
        specs["gizmoSticker"].base is None
    )  # "inherited from the parent" names no type
    assert "resources/gizmosticker.md:22: type.unkeyed-complex: kind" in decisions


def test_an_id_the_page_calls_the_key_makes_an_entity() -> None:
    specs, _, _ = _import(["gizmoLoan"])
    assert (specs["gizmoLoan"].kind, specs["gizmoLoan"].base) == ("entity", "entity")


def test_the_title_and_the_inherits_line_overrule_a_careless_resource_block() -> None:
    specs, decisions, _ = _import(["gizmoTag"])
    assert specs["gizmoTag"].abstract
    assert "resources/gizmotag.md:11: type.abstract-said: abstract" in decisions
    assert (specs["gizmoTag"].file, specs["gizmoTag"].base) == (
        "gizmo_tag.yaml",
        "gizmoBase",
    )
    assert [
        d
        for d in decisions
        if d.startswith("resources/gizmotag.md") and d.endswith((": base", ": name"))
    ] == [
        "resources/gizmotag.md:13: type.base-inherits: base",
        "resources/gizmotag.md:23: type.name-from-title: name",
    ]


def test_a_derived_types_operation_on_its_base_types_set_becomes_the_sets() -> None:
    specs, decisions, _ = _import(["lightSignal"])
    signals = specs["gizmoSignal"]
    assert signals.collection_paths == ("/me/gizmoSignals",)
    assert list(signals.operations) == ["list", "create", "update"]
    assert signals.collection_paths == ("/me/gizmoSignals",)  # not /me/gizmoSignals/add
    # `POST /me/gizmoSignals/add`: an action on the set; a route after a key: on an item
    assert [(a.name, a.bound) for a in signals.actions] == [
        ("add", "collection"),
        ("flash", "item"),
    ]
    assert (
        "api/gizmosignal-update.md:17: route.unexpressible: operations.update"
        in decisions
    )
    assert specs["lightSignal"].collection_paths == ()
    assert (
        "resources/gizmosignal.md:1: unify.derived-set-operation: operations.create"
        in decisions
    )


def test_rows_inherited_from_a_type_name_the_base_a_page_does_not() -> None:
    specs, decisions, _ = _import(["turboGizmo"])
    assert specs["turboGizmo"].base == "gizmoBase"
    assert _props(specs["turboGizmo"]) == {"boost": "Int32"}
    assert (
        "resources/intune-gizmos-turbogizmo.md:18: type.base-from-rows: base"
        in decisions
    )


def test_a_complex_types_navigation_comes_with_its_value() -> None:
    specs, _, added = _import(["gizmoHit"])
    hit = specs["gizmoHit"]
    assert hit.kind == "complex" and _props(hit) == {"rank": "Int32"}
    assert [(n.name, n.type, n.operations) for n in hit.navigation] == [
        ("part", "gizmoPart", ())
    ]
    assert "added gizmoPart (navigation target of gizmoHit.part)" in added


def test_an_enum_whose_page_says_its_values_combine_is_a_flags_enum() -> None:
    specs, decisions, _ = _import(["gizmoFeature", "gizmoColor"])
    assert (specs["gizmoFeature"].flags, specs["gizmoColor"].flags) == (True, False)
    assert specs["gizmoFeature"].members == ("none", "blink", "hum")
    assert "resources/enums.md:19: type.flags-said: flags" in decisions

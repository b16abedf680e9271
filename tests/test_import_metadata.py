"""import-metadata: specs from a CSDL document alone (tests/fixtures/csdl/service.xml: a
gadget set and singleton with contained parts, a bound action and function, a dial set whose
capabilities forbid inserts and deletes and whose entities are media (HasStream), a property of a
type the generator has not)."""

from __future__ import annotations

import shutil
from pathlib import Path

import packages
import pytest
from spec_checks import decided

from generator import cli
from generator.emit.pipeline import Options, produce
from generator.importer import ImportResult, import_metadata, write_specs
from generator.odata import csdl
from generator.spec.load import Spec, load_spec

SERVICE = Path(__file__).resolve().parent / "fixtures" / "csdl" / "service.xml"


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_metadata(csdl.load(SERVICE, "service.xml"), ["gadget", "dial"])


def _spec(result: ImportResult, file: str) -> Spec:
    return load_spec(result.specs[file], file)


def _said(result: ImportResult) -> list[str]:
    return decided(result.decisions)


def test_paths_come_from_sets_singletons_and_contained_navigation(
    imported: ImportResult,
) -> None:
    gadget = _spec(imported, "gadget.yaml")
    assert gadget.collection_paths == ("/gadgets", "/favorite/parts")
    assert (gadget.item_path, gadget.single_paths) == ("/{gadgetId}", ("/favorite",))
    assert _spec(imported, "dial.yaml").parameters == {"dialId": "Guid"}


def test_operations_follow_the_capability_annotations(imported: ImportResult) -> None:
    assert sorted(_spec(imported, "gadget.yaml").operations) == [
        "create",
        "delete",
        "get",
        "list",
        "update",
    ]
    assert sorted(_spec(imported, "dial.yaml").operations) == ["get", "list", "update"]
    assert "service.xml:34: metadata.restricted: operations.create" in _said(imported)


def test_bound_actions_and_functions_come_with_their_signatures(
    imported: ImportResult,
) -> None:
    gadget = _spec(imported, "gadget.yaml")
    [spin] = gadget.actions
    assert [(p.wire, p.type, p.optional) for p in spin.parameters] == [
        ("speed", "Int32", False),
        ("note", "String", True),
    ]
    [delta] = gadget.functions
    assert (delta.name, delta.bound, delta.returns) == (
        "delta",
        "collection",
        "Collection(gadget)",
    )
    said = _said(imported)
    assert ("service.xml:20: metadata.bound-action: actions.spin") in said
    assert ("service.xml:27: metadata.bound-function: functions.delta") in said


def test_a_media_entity_has_its_bytes_at_value(imported: ImportResult) -> None:
    [stream] = _spec(imported, "dial.yaml").streams
    assert (stream.segment, stream.operations, stream.returns) == (
        "$value",
        ("get", "put"),
        None,
    )
    assert "service.xml:46: metadata.stream: streams.$value" in _said(imported)
    assert _spec(imported, "gadget.yaml").streams == ()


def test_structure_comes_from_the_metadata_each_part_a_decision_at_its_line(
    imported: ImportResult,
) -> None:
    gadget = _spec(imported, "gadget.yaml")
    props = {p.wire: p for p in gadget.properties}
    assert (props["id"].read_only, props["id"].nullable) == (True, False)
    assert props["name"].description == "The gadget's name."
    assert {n.name: n.operations for n in gadget.navigation} == {
        "parts": ("list", "create"),
        "owner": ("get",),
    }
    said = _said(imported)
    assert "service.xml:13: metadata.computed: id" in said
    assert ("service.xml:52: metadata.type-unwritable: shape") in said


def test_a_shallower_depth_leaves_deeper_paths_out() -> None:
    result = import_metadata(csdl.load(SERVICE, "service.xml"), ["gadget"], depth=0)
    assert _spec(result, "gadget.yaml").collection_paths == ("/gadgets",)


def test_what_it_writes_generates_and_passes_its_tests(
    imported: ImportResult, tmp_path: Path
) -> None:
    write_specs(tmp_path / "specs", imported.specs)
    package = tmp_path / "pkg_from_metadata"
    packages.write(
        produce(Options(tmp_path / "specs", packages.TEMPLATES, package)), package
    )
    loaded = packages.load(tmp_path, "pkg_from_metadata")
    try:
        ran, failures = packages.run_generated_tests(loaded)
    finally:
        packages.unload("pkg_from_metadata")
        shutil.rmtree(package)
    assert failures == [], "\n".join(failures)[-4000:]
    assert ran > 10


def test_the_command_writes_specs_and_names_an_unknown_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SERVICE, tmp_path / "service.xml")
    assert cli.main(["import-metadata", "service.xml", "gadget"]) == 0
    assert (tmp_path / "specs" / "gadget.yaml").is_file()
    assert "graph-codegen: 1 spec(s): 1 new" in capsys.readouterr().out
    assert cli.main(["import-metadata", "service.xml", "gadgte"]) == 2
    assert (
        "graph-codegen: service.xml declares no type 'gadgte' (did you mean 'gadget'?)"
        in capsys.readouterr().err
    )


def test_a_type_the_metadata_declares_nowhere_has_a_stand_in_and_generates(
    tmp_path: Path,
) -> None:
    """warranty, which only the metadata describes, has properties of types it declares
    nowhere (one spelt nearly as a declared type): each gets a stand-in, and the specs generate.
    """
    case = SERVICE.parents[1] / "metadata" / "cases" / "undeclared_type.xml"
    result = import_metadata(csdl.load(case, "metadata.xml"), ["sprocket"])
    assert {
        "metadata.xml:38: metadata.property-type-undeclared: terms",
        "metadata.xml:39: metadata.property-type-undeclared: size",
    } <= set(_said(result))
    assert {p.wire: p.type for p in _spec(result, "warranty.yaml").properties} == {
        "years": "Int32",
        "terms": "warrantyTerms",
        "size": "sprocketSise",
    }
    write_specs(tmp_path / "specs", result.specs)
    files = produce(Options(tmp_path / "specs", packages.TEMPLATES, tmp_path / "out"))
    assert "models/warranty_terms.py" in files and "models/sprocket_sise.py" in files

"""What an import writes always generates: claims the pages of two types make about one path are
settled with a decision, and a page that cannot be read costs only what it documents.

tests/fixtures/conflicts/ holds made-up pages: a hub whose Relationships rows name one spoke
(the spokes' pages list them) and one panel (only a create POSTs to it), an action `ping` of the
hub beside a note page that lists and posts to `/hubs/{id}/ping`, a type whose resource
block names a key it never lists, deriving from a complex type, and a lamp whose page lists the
hub's accessories, its base type; and a rack whose plates a brass plate's pages list, read and
delete, read with metadata/plate.xml.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import packages
import pytest
from spec_checks import decided

from generator.emit.pipeline import Options, produce
from generator.importer import ImportResult, import_docs, write_specs
from generator.odata import csdl
from generator.spec.load import Spec, load_spec

HERE = Path(__file__).resolve().parent
DOCS = HERE / "fixtures" / "conflicts"
PLATE = HERE / "fixtures" / "metadata" / "plate.xml"
NAMES = ["hub", "spoke", "panel", "note", "smallTray", "lamp"]


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_docs(DOCS, NAMES)


@pytest.fixture(scope="module")
def specs(imported: ImportResult) -> dict[str, Spec]:
    return {
        (spec := load_spec(text, file)).name: spec
        for file, text in imported.specs.items()
    }


def _said(imported: ImportResult, line: str) -> bool:
    return line in decided(imported.decisions)


def _navigation(spec: Spec) -> dict[str, Any]:
    return {n.name: n.type for n in spec.navigation}


def test_a_set_its_pages_list_makes_a_single_navigation_a_collection(
    imported: ImportResult, specs: dict[str, Spec]
) -> None:
    assert _navigation(specs["hub"])["spokes"] == "Collection(spoke)"
    assert specs["spoke"].collection_paths == ("/hubs/{hubId}/spokes",)
    assert _said(
        imported,
        "resources/hub.md:28: unify.navigation-collection: navigation.spokes",
    )


def test_a_set_only_a_create_shows_is_one_object_under_a_single_navigation(
    imported: ImportResult, specs: dict[str, Spec]
) -> None:
    panel = specs["panel"]
    assert _navigation(specs["hub"])["panel"] == "panel"
    assert (panel.collection_paths, panel.single_paths) == (
        (),
        ("/hubs/{hubId}/panel",),
    )
    assert sorted(panel.operations) == ["get"]  # a create needs a set
    assert _said(
        imported,
        "resources/panel.md:1: unify.path-single: paths",
    )


def test_a_path_named_like_an_action_of_the_type_above_it_goes(
    imported: ImportResult, specs: dict[str, Spec]
) -> None:
    assert "ping" in [a.name for a in specs["hub"].actions]
    assert specs["note"].collection_paths == ("/notes",)
    assert _said(  # a list at a name that is no set is another type's operation
        imported,
        "resources/note.md:17: operation.addresses-other-type: operations",
    )


def test_an_add_that_posts_to_an_action_of_another_type_is_no_create(
    imported: ImportResult,
) -> None:
    assert _said(  # a POST to a name after a key of another type's set: its action
        imported,
        "resources/note.md:18: operation.addresses-other-type: operations",
    )


def test_a_route_that_leaves_segments_out_is_skipped(imported: ImportResult) -> None:
    assert _said(
        imported,
        "api/spoke-get.md:18: route.unexpressible: operations.get",
    )


def test_a_keyed_page_deriving_from_a_complex_type_is_complex(
    imported: ImportResult, specs: dict[str, Spec]
) -> None:
    assert (specs["smallTray"].kind, specs["smallTray"].key) == ("complex", None)
    assert _said(
        imported,
        "resources/smalltray.md:24: type.keyless-complex-base: kind",
    )


def test_a_path_a_navigation_of_the_base_type_leads_to_is_the_base_types(
    imported: ImportResult, specs: dict[str, Spec]
) -> None:
    assert _navigation(specs["hub"])["accessories"] == "Collection(accessory)"
    assert specs["lamp"].collection_paths == ()
    assert _said(
        imported,
        "resources/lamp.md:1: unify.base-path-lost: paths",
    )


def test_a_derived_types_operations_on_its_bases_navigation_go_to_the_base() -> None:
    """The metadata spells the base type Plate, its page plate: the rack's navigation there is
    to Plate, whose builder serves a brass plate's list, get and delete."""
    metadata = csdl.load(PLATE, "metadata/plate.xml")
    imported = import_docs(DOCS, ["rack", "plate", "brassPlate"], metadata=metadata)
    specs = {
        (spec := load_spec(text, file)).name: spec
        for file, text in imported.specs.items()
    }
    assert specs["brassPlate"].collection_paths == ()
    assert _navigation(specs["rack"])["plates"] == "Collection(Plate)"
    assert specs["Plate"].operations["delete"].docs == "api/brassplate-delete.md"
    assert _said(
        imported,
        "resources/brassplate.md:1: unify.path-leads-elsewhere: paths.collection",
    )
    assert _said(
        imported, "resources/plate.md:1: unify.derived-operation: operations.delete"
    )


def test_keys_are_never_nullable(specs: dict[str, Spec]) -> None:
    (key,) = [p for p in specs["entity"].properties if p.wire == "id"]
    assert key.nullable is False


def test_what_the_import_writes_generates_and_passes_its_tests(
    imported: ImportResult, tmp_path: Path
) -> None:
    write_specs(tmp_path / "specs", imported.specs)
    files = produce(
        Options(tmp_path / "specs", packages.TEMPLATES, tmp_path / "pkg_conflicts")
    )
    packages.write(files, tmp_path / "pkg_conflicts")
    package = packages.load(tmp_path, "pkg_conflicts")
    try:
        ran, failures = packages.run_generated_tests(package)
    finally:
        packages.unload("pkg_conflicts")
        shutil.rmtree(tmp_path / "pkg_conflicts")
    assert failures == [], "\n".join(failures)[-4000:]
    assert ran > 20

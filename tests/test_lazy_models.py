"""The models package loads lazily: one model imports what it needs, derived types load when
a payload names them, a navigation property's model when a payload holds one, and every name
stays importable from `models`.

Each test imports its own fresh copy of the package generated from
tests/fixtures/specs/inheritance, so what it finds in `sys.modules` is what it loaded itself.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import packages
import pytest

from generator.emit.pipeline import Options, produce

_COUNT = itertools.count()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    specs = packages.SPECS / "inheritance"
    return produce(Options(specs, packages.TEMPLATES, Path("unused")))


@pytest.fixture
def package(files: dict[str, bytes], tmp_path: Path) -> Iterator[ModuleType]:
    name = f"lazy_client_{next(_COUNT)}"
    packages.write(files, tmp_path / name)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))
        packages.unload(name)


def loaded(package: ModuleType, folder: str) -> set[str]:
    """The modules of `package.<folder>` imported so far, by short name."""
    prefix = f"{package.__name__}.{folder}."
    return {m.removeprefix(prefix) for m in sys.modules if m.startswith(prefix)}


def test_one_model_imports_its_bases_and_nothing_else(package: ModuleType) -> None:
    importlib.import_module(f"{package.__name__}.models.message")
    assert loaded(package, "models") == {"message", "entity"}


def test_a_name_from_models_imports_only_its_module(package: ModuleType) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    assert loaded(package, "models") == set()
    assert models.FileAttachment.__name__ == "FileAttachment"
    assert loaded(package, "models") == {"file_attachment", "attachment", "entity"}


def test_every_listed_name_imports_and_a_typo_is_an_attribute_error(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
        assert name in dir(models)
    with pytest.raises(AttributeError, match="FileAtachment"):
        _ = models.FileAtachment


def test_a_derived_type_loads_when_a_payload_names_it(package: ModuleType) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    payload = b'{"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt"}'
    attachment = models.Attachment.from_json(payload)
    assert type(attachment).__name__ == "FileAttachment"
    assert "file_attachment" in loaded(package, "models")
    assert "item_attachment" not in loaded(package, "models")


def test_a_nested_derived_type_loads_when_a_payload_names_it(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    payload = (
        b'{"id": "m1", "attachments": [{"@odata.type": "#microsoft.graph.itemAttachment",'
        b' "name": "a"}, {"name": "b"}]}'
    )
    message = models.Message.from_json(payload)
    kinds = [type(a).__name__ for a in message.attachments]
    assert kinds == ["ItemAttachment", "Attachment"]
    assert "file_attachment" not in loaded(package, "models")


def test_a_nested_type_is_validated_by_rules_loaded_on_demand(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    with pytest.raises(package.ValidationError) as caught:
        models.Message.from_dict({"body": {"content": 5}})
    assert [(e.path, e.message) for e in caught.value.errors] == [
        ("/body/content", "expected a string, got int")
    ]
    # the navigation properties' targets (attachment) stay unimported, and so do the types
    # of properties the payload does not hold (body_type, of itemBody's contentType)
    assert loaded(package, "models") == {"message", "entity", "item_body"}


def test_a_base_whose_derived_types_are_not_loaded_tags_what_it_sends(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    body = models.FileAttachment(name="a", content_bytes=b"x").checked("create")
    assert next(iter(body)) == "@odata.type"
    with pytest.raises(package.ValidationError, match="fileAttachment"):
        models.Attachment(name="b").checked("create")


def test_a_navigation_target_loads_only_when_a_payload_holds_it(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    message = models.Message.from_json(b'{"id": "m1", "subject": "Lunch?"}')
    assert message.pinned is package.UNSET
    assert "attachment" not in loaded(package, "models")

    message = models.Message.from_json(b'{"id": "m1", "pinned": {"name": "a.txt"}}')
    assert type(message.pinned).__name__ == "Attachment"
    assert "attachment" in loaded(package, "models")
    assert "file_attachment" not in loaded(package, "models")


def test_an_expanded_single_value_is_the_derived_type_it_names(
    package: ModuleType,
) -> None:
    models = importlib.import_module(f"{package.__name__}.models")
    payload = (
        b'{"pinned": {"@odata.type": "#microsoft.graph.fileAttachment",'
        b' "name": "a.txt", "contentBytes": "aGVsbG8="}}'
    )
    message = models.Message.from_json(payload)

    assert isinstance(message.pinned, models.FileAttachment)
    assert message.pinned.content_bytes == b"hello"
    assert message.to_dict()["pinned"] == {
        "@odata.type": "#microsoft.graph.fileAttachment",
        "name": "a.txt",
        "contentBytes": "aGVsbG8=",
    }

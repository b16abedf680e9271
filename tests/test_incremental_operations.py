"""Edits of actions, functions, streams and enums: a regenerate writes what a full run writes.

Each case generates a fixture folder, edits one field the caches must key on (a parameter of
an action, a stream's operations, an enum's `open` or `flags`), regenerates in place (reusing
the manifest's files and the model cache), generates the edited specs from nothing in another
folder, and compares the two trees byte for byte. The edit must change the output: a field
left out of the caches' keys would leave the regenerate's tree as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "specs"

Edit = Callable[[Path], None]


def _tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _generate(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["generate", "--quiet"]) == 0


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def an_action_parameter_made_required(specs: Path) -> None:
    _replace(
        specs / "event.yaml",
        "Comment: {type: String, optional: true, nullable: true,",
        "Comment: {type: String,",
    )


def an_action_parameter_retyped(specs: Path) -> None:
    _replace(
        specs / "event.yaml",
        "sendResponse: {type: Boolean",
        "sendResponse: {type: Int32",
    )


def an_action_parameter_added(specs: Path) -> None:
    _replace(
        specs / "event.yaml",
        "      sendResponse: {type: Boolean, optional: true}\n",
        "      sendResponse: {type: Boolean, optional: true}\n"
        "      reason: {type: String, optional: true}\n",
    )


def an_action_status_changed(specs: Path) -> None:
    _replace(
        specs / "event.yaml",
        "  snoozeReminder:\n    status: [200]",
        "  snoozeReminder:\n    status: [204]",
    )


def a_function_parameter_renamed(specs: Path) -> None:
    _replace(specs / "drive_item.yaml", "q: {type: String", "query: {type: String")


def a_function_query_narrowed(specs: Path) -> None:
    _replace(specs / "user.yaml", "query: [select, filter]", "query: [select]")


def a_stream_loses_an_operation(specs: Path) -> None:
    _replace(
        specs / "drive_item.yaml",
        "operations: [get, put, upload]",
        "operations: [get, put]",
    )


def a_stream_described_again(specs: Path) -> None:
    _replace(specs / "drive_item.yaml", "The file's bytes.", "The bytes of the file.")


def an_enum_closed(specs: Path) -> None:
    """A closed enum takes only its members: the example's emoji becomes one."""
    _replace(specs / "reaction_type.yaml", "open: true\n", "")
    _replace(
        specs / "chat_message.yaml", 'reactionType: "\\U0001F389"', "reactionType: like"
    )


def an_enum_no_longer_flags(specs: Path) -> None:
    """One member at a time: the example's pair becomes one member."""
    _replace(specs / "chat_message_actions.yaml", "flags: true\n", "")
    _replace(
        specs / "chat_message.yaml", '"reactionAdded,reactionRemoved"', "reactionAdded"
    )


def an_enum_member_added(specs: Path) -> None:
    _replace(specs / "reaction_type.yaml", "surprised]", "surprised, thumbsUp]")


@pytest.mark.parametrize(
    ("folder", "edit"),
    [
        ("operations", an_action_parameter_made_required),
        ("operations", an_action_parameter_retyped),
        ("operations", an_action_parameter_added),
        ("operations", an_action_status_changed),
        ("operations", a_function_parameter_renamed),
        ("operations", a_function_query_narrowed),
        ("files", a_stream_loses_an_operation),
        ("files", a_stream_described_again),
        ("enums", an_enum_closed),
        ("enums", an_enum_no_longer_flags),
        ("enums", an_enum_member_added),
    ],
)
def test_a_regenerate_after_an_edit_writes_what_a_full_run_writes(
    folder: str, edit: Edit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / folder, project / "specs")
    _generate(project, monkeypatch)
    before = _tree(project / "generated")
    edit(project / "specs")
    _generate(project, monkeypatch)
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "specs", fresh / "specs")
    _generate(fresh, monkeypatch)
    after = _tree(project / "generated")
    assert after != before  # the edit reaches the generated code
    assert after == _tree(fresh / "generated")

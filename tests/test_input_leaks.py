"""No input reaches a message whole: links out of the project are refused, values quoted short.

A spec linked to `~/.ssh/id_rsa.pub` or `.git/config` had its text quoted by a schema message
(`'ssh-rsa AAAA...' is not of type 'object'`), straight into a CI log. Spec, template,
configuration and metadata files a link leads out of the project are refused at their name,
quoting nothing they hold; and every message quotes at most a short, escaped excerpt of any
value, whatever field it stands in.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.check.reserved import Reserved, reserved
from generator.check.stage import checked
from generator.render.templates import TemplateSet
from generator.report.problems import EXCERPT, NAME, InputError, Problem, excerpt, plain
from generator.spec.folder import load_specs
from generator.spec.load import Spec

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
SECRET = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host"
CSDL = REPO / "tests" / "fixtures" / "csdl" / "agree.xml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the repository's specs, and a secret outside it."""
    root = tmp_path / "project"
    shutil.copytree(SPECS, root / "specs")
    (root / "pyproject.toml").write_text("[tool.graph-codegen]\n", encoding="utf-8")
    (tmp_path / "id_ed25519.pub").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main([*argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "AAAAC3NzaC1lZDI1NTE5" not in out + err
    return code, out + err


def _refused(name: str, what: str, target: str = "../../id_ed25519.pub") -> str:
    return (
        f"{name}: a symbolic link that leads out of the project (to {target!r}): "
        f"graph-codegen reads no {what} outside the project; copy the file in instead"
    )


@pytest.mark.parametrize(
    "argv", [["check"], ["check", "--full"], ["generate"], ["routes"], ["drift"]]
)
def test_a_spec_linked_out_of_the_project_is_refused_unread(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (project / "specs" / "leak.yaml").symlink_to(Path("..") / ".." / "id_ed25519.pub")
    (project / "pyproject.toml").write_text(
        f'[tool.graph-codegen]\nmetadata = "{CSDL}"\n', encoding="utf-8"
    )
    code, said = _run(capsys, *argv)
    assert code == 2
    assert _refused("specs/leak.yaml", "spec") in said.splitlines()
    assert not (project / "generated").exists()


def test_a_spec_folder_linked_out_of_the_project_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.move(project / "specs", tmp_path / "elsewhere")
    (project / "specs").symlink_to(tmp_path / "elsewhere")
    code, said = _run(capsys, "generate")
    assert code == 2
    assert "specs/customer.yaml: a symbolic link that leads out of the project" in said


def test_links_inside_the_project_and_folders_named_outside_it_are_read(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link between two places of the project is the project's; so is a folder its user
    names outside it (`--specs ../shared`), which no link of the repository chose."""
    shared = project / "shared"
    shared.mkdir()
    shutil.move(project / "specs" / "picture.yaml", shared / "picture.yaml")
    (project / "specs" / "picture.yaml").symlink_to(
        Path("..") / "shared" / "picture.yaml"
    )
    assert _run(capsys, "generate", "--quiet")[0] == 0
    outside = tmp_path / "shared" / "specs"  # the folder's name is in generated headers
    shutil.copytree(SPECS, outside)
    assert _run(capsys, "check", "--full", "--specs", str(outside))[0] == 0


def test_a_template_linked_out_of_the_project_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jinja would render the secret into the package, or include it by any name."""
    templates = project / "templates"
    templates.mkdir()
    (templates / "model.py.j2").symlink_to(Path("..") / ".." / "id_ed25519.pub")
    (templates / "folder").symlink_to(tmp_path)
    for argv in (["generate"], ["check"], ["routes"]):
        code, said = _run(capsys, *argv)
        assert code == 2
        lines = said.splitlines()
        assert _refused("templates/model.py.j2", "template") in lines
        assert any(
            line.startswith("templates/folder: a symbolic link") for line in lines
        )


def test_a_configuration_linked_out_of_the_project_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").unlink()
    (project / "pyproject.toml").symlink_to(Path("..") / "id_ed25519.pub")
    code, said = _run(capsys, "check")
    assert code == 2
    expected = _refused("pyproject.toml", "configuration", "../id_ed25519.pub")
    assert said.splitlines()[0] == expected


def test_a_metadata_file_linked_out_of_the_project_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "metadata.xml").symlink_to(Path("..") / "id_ed25519.pub")
    (project / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nmetadata = "metadata.xml"\n', encoding="utf-8"
    )
    code, said = _run(capsys, "drift")
    assert code == 2
    expected = _refused("metadata.xml", "metadata", "../id_ed25519.pub")
    assert expected in said.splitlines()
    code, said = _run(capsys, "drift", "--metadata", "metadata.xml")
    assert code == 2


def test_an_excerpt_is_short_and_escaped() -> None:
    assert excerpt("Decimel") == "'Decimel'"
    assert excerpt("x" * 200) == f"'{'x' * EXCERPT}'... (200 characters)"
    assert excerpt("\x1b[2J\u202e") == "'\\x1b[2J\\u202e'"
    assert excerpt({"a": 1, "b": 2}) == "an object of 2 field(s)"
    assert excerpt(list(range(99))) == "an array of 99 item(s)"


def test_a_name_is_whole_up_to_the_longest_graph_names() -> None:
    longest = (
        "userExperienceAnalyticsAppHealthApplicationPerformanceByAppVersionDeviceId"
    )
    assert plain(longest) == longest
    assert plain("y" * 300) == f"'{'y' * NAME}'... (300 characters)"
    assert plain("a\x1b[2Jb") == "'a\\x1b[2Jb'"


# ------------------------------------------------------------------------------------------
# Every field: a long value, or a long key, in its place is quoted short by every message.

_LONG = (
    "x" + hashlib.sha256(b"a long value").hexdigest() * 3
)  # not a number, not a name
_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z@][\w@.$]*:\s+)(\S.*)$")
_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z@][\w@.$]*)(:.*)$")


def _variants(text: str) -> list[tuple[str, str]]:
    """The spec with one value, then one key, replaced by the long string; then the spec
    that is nothing but the long string."""
    lines = text.splitlines(keepends=True)
    found = [("whole", _LONG + "\n")]
    for number, line in enumerate(lines):
        for kind, pattern, group in (("value", _VALUE, 2), ("key", _KEY, 2)):
            match = pattern.match(line.rstrip("\n"))
            if match is None:
                continue
            start, end = match.span(group)
            changed = line[:start] + _LONG + line[end:]
            found.append(
                (
                    f"{kind}@{number + 1}",
                    "".join([*lines[:number], changed, *lines[number + 1 :]]),
                )
            )
    return found


class _Read(dict[str, Spec]):
    """The specs a folder's earlier variants read, as `generate`'s cache keeps them: a spec
    whose bytes did not change is not read again."""

    def put(self, key: str, spec: Spec) -> None:
        self[key] = spec


@functools.cache
def _reserved() -> Reserved:
    return reserved(TemplateSet.over_shipped(None).runtime())


def _problems(folder: Path, read: _Read) -> list[Problem]:
    try:
        checked(load_specs(folder, root=folder, cache=read), _reserved())
    except InputError as error:
        return list(error.problems)
    return []


def _quotes_more(message: str, limit: int) -> bool:
    """Whether the message holds a longer run of the long value than an excerpt."""
    runs = (_LONG[i : i + limit + 1] for i in range(len(_LONG) - limit))
    return any(run in message for run in runs)


@pytest.mark.parametrize("spec", sorted(p.name for p in SPECS.glob("*.yaml")))
def test_no_message_quotes_more_than_an_excerpt_of_a_value(
    spec: str, tmp_path: Path
) -> None:
    text = (SPECS / spec).read_text(encoding="utf-8")
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder)
    read = (
        _Read()
    )  # the other specs are read once: only the changed one is new each time
    reported = 0
    for where, changed in _variants(text):
        (folder / spec).write_text(changed, encoding="utf-8")
        for problem in _problems(folder, read):
            reported += _LONG[:EXCERPT] in problem.message
            limit = NAME if where.startswith("key") else EXCERPT
            assert not _quotes_more(problem.message, limit), (where, str(problem))
    assert reported  # the long value is quoted, not only absent

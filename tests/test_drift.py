"""`graph-codegen drift`: the specs against CSDL documents the project writes, good and bad.

tests/fixtures/csdl/agree.xml agrees with specs/*.yaml and with the specs of every kind in
tests/fixtures/csdl/specs/; drift.xml differs from them once in each way, and drift.expected is
the report for it (after a change to specs/ moves lines, the failing assertion shows the new one).
Bad documents are one file each in tests/fixtures/csdl/bad/, with `<!-- expect: ... -->` first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.check.drift import compare
from generator.odata import csdl, edm
from generator.odata.typeref import spec_type
from generator.report.problems import InputError
from generator.spec.load import load_spec

CSDL = Path(__file__).resolve().parent / "fixtures" / "csdl"
BAD = sorted((CSDL / "bad").glob("*.xml"))
EDMX = 'xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"'
EDM = 'xmlns="http://docs.oasis-open.org/odata/ns/edm"'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`graph-codegen argv...` in-process; returns (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def document(schemas: str) -> bytes:
    """A CSDL document around Schema elements, for the unit tests."""
    return (
        f'<edmx:Edmx Version="4.0" {EDMX}>\n<edmx:DataServices>\n'
        f"{schemas}\n</edmx:DataServices>\n</edmx:Edmx>\n"
    ).encode()


@pytest.fixture
def every_kind(project: Path) -> Path:
    """The scratch project with the specs of every kind (base, abstract, enums, namespaces)."""
    for spec in (CSDL / "specs").glob("*.yaml"):
        shutil.copy(spec, project / "specs" / spec.name)
    return project


def test_the_shipped_specs_agree_with_their_metadata(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Types the metadata has and no spec covers (company, account, ...) are not drift."""
    shutil.copy(CSDL / "agree.xml", project / "metadata.xml")
    code, out, err = run(capsys, "drift", "--metadata", "metadata.xml")
    assert (code, err) == (0, "")
    assert out == "graph-codegen: 5 spec(s) in specs/ agree with metadata.xml.\n"


def test_specs_of_every_kind_agree_with_their_metadata(
    every_kind: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Base types, abstract types, enums, aliases and a second namespace compare equal."""
    shutil.copy(CSDL / "agree.xml", every_kind / "metadata.xml")
    code, out, _ = run(capsys, "drift", "--metadata", "metadata.xml")
    assert code == 0, out
    assert "11 spec(s) in specs/ agree" in out


def test_every_kind_of_difference_is_reported_located_and_sorted(
    every_kind: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One difference of each kind, each at its spec line with the metadata's line."""
    shutil.copy(CSDL / "drift.xml", every_kind / "metadata.xml")
    code, out, err = run(capsys, "drift", "--metadata", "metadata.xml")
    expected = (CSDL / "drift.expected").read_text(encoding="utf-8")
    assert code == 1
    assert out.splitlines() == expected.splitlines()
    assert err == "graph-codegen: 21 difference(s) between specs/ and metadata.xml.\n"
    assert run(capsys, "drift", "--metadata", "metadata.xml")[1] == out


@pytest.mark.parametrize("case", BAD, ids=[case.stem for case in BAD])
def test_a_bad_document_is_a_located_error(
    case: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Malformed, hostile or not CSDL: exit 2 with the case's message, and no comparison."""
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    expected = first.removeprefix("<!-- expect: ").removesuffix(" -->")
    shutil.copy(case, project / case.name)
    code, out, err = run(capsys, "drift", "--metadata", case.name)
    assert (code, out) == (2, "")
    assert expected in err.splitlines()


@pytest.mark.parametrize(
    ("given_path", "expected"),
    [
        ("absent.xml", "absent.xml: cannot read the metadata file: No such file or directory"),
        ("specs", "specs: cannot read the metadata file: Is a directory"),
        ("empty.xml", "empty.xml:1: malformed XML: no element found"),
    ],
)  # fmt: skip
def test_an_unreadable_or_empty_file_is_a_located_error(
    given_path: str,
    expected: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (project / "empty.xml").write_bytes(b"")
    code, _, err = run(capsys, "drift", "--metadata", given_path)
    assert code == 2
    assert expected in err.splitlines()


def test_bad_specs_and_a_bad_document_are_reported_together(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem at once, as `generate` does: a broken spec and a broken document."""
    shutil.copy(CSDL / "bad" / "malformed.xml", project / "metadata.xml")
    (project / "specs" / "broken.yaml").write_text("name: broken\n", encoding="utf-8")
    code, out, err = run(capsys, "drift", "--metadata", "metadata.xml")
    assert (code, out) == (2, "")
    assert "metadata.xml:6: malformed XML: mismatched tag" in err.splitlines()
    assert "specs/broken.yaml:1: 'kind' is required" in err.splitlines()


def test_the_specs_folder_comes_from_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[tool.graph-codegen] specs` is the default, as for the other commands."""
    (project / "specs").rename(project / "api_specs")
    (project / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nspecs = "api_specs"\n', encoding="utf-8"
    )
    shutil.copy(CSDL / "agree.xml", project / "metadata.xml")
    code, out, _ = run(capsys, "drift", "--metadata", "metadata.xml")
    assert code == 0 and "in api_specs/ agree" in out
    code, _, err = run(capsys, "drift", "--metadata", "metadata.xml", "--specs", "no")
    assert code == 2
    assert "graph-codegen: --specs no: the specs folder no/ does not exist" in err


@pytest.mark.parametrize(
    ("written", "namespace", "known", "expected"),
    [
        ("String", "microsoft.graph", (), "Edm.String"),
        ("Edm.Guid", "microsoft.graph", (), "Edm.Guid"),
        ("Edm.Untyped", "microsoft.graph", (), "Edm.Untyped"),
        (" Collection(Int32) ", "microsoft.graph", (), "Collection(Edm.Int32)"),
        ("Collection(itemBody)", "microsoft.graph", (), "Collection(microsoft.graph.itemBody)"),
        ("session", "microsoft.graph.callRecords", ("microsoft.graph.callRecords.session",), "microsoft.graph.callRecords.session"),
        ("identitySet", "microsoft.graph.callRecords", ("microsoft.graph.identitySet",), "microsoft.graph.identitySet"),
        ("identitySet", "microsoft.graph.callRecords", (), "microsoft.graph.identitySet"),
        ("group", "microsoft.graph.termStore", ("microsoft.graph.group", "microsoft.graph.termStore.group"), "microsoft.graph.termStore.group"),
        ("group", "microsoft.graph", ("microsoft.graph.group", "microsoft.graph.termStore.group"), "microsoft.graph.group"),
        ("callRecords.session", "microsoft.graph", (), "microsoft.graph.callRecords.session"),
        ("microsoft.graph.callRecords.session", "microsoft.graph", (), "microsoft.graph.callRecords.session"),
        ("microsoft.graph.user", "microsoft.graph.callRecords", ("microsoft.graph.callRecords.user",), "microsoft.graph.user"),
        ("contoso.widget", "contoso", ("contoso.widget",), "contoso.widget"),
        ("Collection(callRecords.modality)", "microsoft.graph", (), "Collection(microsoft.graph.callRecords.modality)"),
    ],
)  # fmt: skip
def test_spec_type_names_resolve_as_the_spec_format_says(
    written: str, namespace: str, known: tuple[str, ...], expected: str
) -> None:
    """Bare names: own namespace, then microsoft.graph; dotted: as written, then relative."""
    assert spec_type(written, namespace, set(known)) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("graph.user", "microsoft.graph.user"),
        ("Collection(graph.user)", "Collection(microsoft.graph.user)"),
        ("microsoft.graph.callRecords.session", "microsoft.graph.callRecords.session"),
        ("cr.session", "microsoft.graph.callRecords.session"),
        ("Edm.String", "Edm.String"),
        ("Collection(Edm.String)", "Collection(Edm.String)"),
        ("graph", "graph"),
    ],
)
def test_metadata_type_names_lose_their_alias(written: str, expected: str) -> None:
    aliases = {"graph": "microsoft.graph", "cr": "microsoft.graph.callRecords"}
    assert edm.qualify(written, aliases) == expected


def test_the_model_keeps_lines_defaults_aliases_and_inheritance() -> None:
    """What the importer relies on: find by either name, inherited properties with their owner."""
    metadata = csdl.parse(
        document(
            f'<Schema Namespace="microsoft.graph" Alias="graph" {EDM}>\n'
            '<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key>\n'
            '<Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>\n'
            '<EntityType Name="user" BaseType="graph.entity" OpenType="true">\n'
            '<Property Name="mail" Type="Edm.String"/>\n'
            '<NavigationProperty Name="manager" Type="graph.user"/></EntityType>\n'
            "</Schema>"
        ),
        "metadata.xml",
    )
    user = metadata.find("graph.user")
    assert user is not None and user is metadata.find("microsoft.graph.user")
    assert (user.line, user.base, user.abstract, user.open_type, user.key) == (
        6,
        "microsoft.graph.entity",
        False,
        True,
        (),
    )
    assert [(p.name, p.type, p.nullable, p.line) for p in user.properties] == [
        ("mail", "Edm.String", True, 7)
    ]
    assert [(n.name, n.type) for n in user.navigation] == [
        ("manager", "microsoft.graph.user")
    ]
    assert [t.name for t in metadata.lineage(user)] == ["user", "entity"]
    inherited = metadata.find_property("microsoft.graph.user", "id")
    assert inherited is not None
    assert (inherited.owner, inherited.nullable, inherited.line) == (
        "microsoft.graph.entity",
        False,
        5,
    )
    assert metadata.find("microsoft.graph.group") is None


def test_a_base_type_cycle_ends_the_lineage() -> None:
    metadata = csdl.parse(
        document(
            f'<Schema Namespace="ns" {EDM}>'
            '<ComplexType Name="a" BaseType="ns.b"/><ComplexType Name="b" BaseType="ns.a"/>'
            "</Schema>"
        ),
        "metadata.xml",
    )
    a = metadata.find("ns.a")
    assert a is not None
    assert [t.name for t in metadata.lineage(a)] == ["a", "b"]
    assert metadata.find_property("ns.a", "missing") is None


def test_a_spec_in_a_namespace_the_metadata_lacks() -> None:
    """The type is missing, and so is its schema: the report says which."""
    spec = load_spec(
        "name: widget\nnamespace: contoso\nkind: complex\n", "specs/widget.yaml"
    )
    metadata = csdl.parse(
        document(f'<Schema Namespace="microsoft.graph" {EDM}/>'), "metadata.xml"
    )
    expected = (
        "specs/widget.yaml:1: drift: name: contoso.widget is not in the metadata,"
        " which has no schema contoso (metadata.xml:1)"
    )
    assert [str(p) for p in compare([spec], metadata)] == [expected]


def test_an_enum_that_is_no_enum_in_the_metadata_differs_in_kind_only() -> None:
    """Members and properties cannot be compared: one difference, not one per member."""
    spec = load_spec(
        "name: level\nkind: enum\nmembers: [low, high]\n", "specs/level.yaml"
    )
    metadata = csdl.parse(
        document(
            f'<Schema Namespace="microsoft.graph" {EDM}>\n'
            '<ComplexType Name="level"><Property Name="low" Type="Edm.String"/></ComplexType>'
            "</Schema>"
        ),
        "metadata.xml",
    )
    expected = (
        "specs/level.yaml:2: drift: kind: enum in the spec, complex in the metadata"
        " (metadata.xml:4)"
    )
    assert [str(p) for p in compare([spec], metadata)] == [expected]


AGREE = (CSDL / "agree.xml").read_bytes()


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.tuples(
            st.integers(0, len(AGREE)), st.integers(0, 40), st.binary(max_size=20)
        ).map(lambda cut: AGREE[: cut[0]] + cut[2] + AGREE[cut[0] + cut[1] :]),
    )
)
def test_any_bytes_parse_or_give_located_problems(data: bytes) -> None:
    """Random bytes and damaged copies of agree.xml: a model, or problems on existing lines."""
    try:
        csdl.parse(data, "metadata.xml")
    except InputError as error:
        lines = data.count(b"\n") + 1
        assert error.problems
        assert all(1 <= p.line <= lines and p.message for p in error.problems)

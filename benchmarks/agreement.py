"""How far the specs `import-docs` writes agree with the service metadata, in name and type.

Usage: python benchmarks/agreement.py [DOCS] [--sdk MODELS] [--alone] [--examples N]
                                      [--metadata FILE]

DOCS defaults to ../shared/graph-docs-v1. Every type page of DOCS is imported in one call (with
`--alone`, each type alone, and only the named type of each import is compared). The metadata is
read from the Python Graph SDK, which is generated from it: MODELS is its
`msgraph/generated/models` folder; without `--sdk` the wheel pinned below is downloaded with pip
into a temporary folder. The SDK is read statically (`ast`), never imported: each model's
`get_field_deserializers` gives wire name -> getter, its class line the base type. With
`--metadata FILE` the import follows that CSDL document (`import-docs --metadata`).

Printed: types found in the SDK; properties compared (own, inherited through `base:`, and
navigation apart) agreeing in name, and in name and type; the kinds and base types that differ;
the SDK's properties the specs lack (split by whether the page has a row for them); every kind
of disagreement with its count and N examples (default 3: type.property, spec type, SDK type,
docs page:line and the row).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.import_slice import kind_of_failure
from generator.importer import import_docs
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader
from generator.odata import csdl
from generator.odata.edm import Metadata
from generator.odata.typeref import DEFAULT_NAMESPACE, TypeRef, resolve
from generator.report.problems import InputError
from generator.spec.load import PropertySpec, Spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
SDK = "msgraph-sdk==1.65.0"
MODELS = "msgraph/generated/models/"
# OData primitive -> what the SDK reads it as (checked against the SDK's own models).
PRIMITIVE = {
    "String": "str",
    "Int16": "int",
    "Int32": "int",
    "Int64": "int",
    "Byte": "int",
    "SByte": "int",
    "Double": "float",
    "Single": "float",
    "Decimal": "float",
    "Boolean": "bool",
    "DateTimeOffset": "datetime",
    "Date": "date",
    "TimeOfDay": "time",
    "Duration": "timedelta",
    "Guid": "uuid",
    "Binary": "bytes",
    "Stream": "bytes",
}
GETTER = {
    "get_str_value": "str",
    "get_int_value": "int",
    "get_float_value": "float",
    "get_bool_value": "bool",
    "get_datetime_value": "datetime",
    "get_date_value": "date",
    "get_time_value": "time",
    "get_timedelta_value": "timedelta",
    "get_uuid_value": "uuid",
    "get_bytes_value": "bytes",
}
ITEM = {"str": "str", "int": "int", "float": "float", "bool": "bool", "UUID": "uuid"}
ITEM |= {
    "datetime": "datetime",
    "date": "date",
    "time": "time",
    "timedelta": "timedelta",
}
SKIPPED_BASES = {"Parsable", "AdditionalDataHolder", "BackedModel", "str"}


@dataclass(frozen=True)
class Field:
    """One SDK property: what it reads (a primitive, or a model's key) and whether many."""

    target: str
    collection: bool


@dataclass
class Model:
    """One SDK model file: its class, kind, base model key and own properties."""

    key: str
    cls: str
    kind: str = "complex"
    base: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)


def key_of(parts: Iterable[str]) -> str:
    """The SDK's module path folded to compare with Graph names: `call_records/session` -> `callrecords/session`."""
    return "/".join(p.replace("_", "").lower() for p in parts)


def graph_key(qualified: str) -> str:
    """Where the SDK keeps a Graph type: `microsoft.graph.callRecords.session` -> `callrecords/session`."""
    return key_of(qualified.removeprefix(f"{DEFAULT_NAMESPACE}.").split("."))


def read_sdk(models: Path) -> dict[str, Model]:
    """Every model of the SDK folder by key, kinds settled (enum, entity or complex)."""
    found = {}
    for path in sorted(models.rglob("*.py")):
        if path.name != "__init__.py":
            model = read_model(path, models)
            if model is not None:
                found[model.key] = model
    for model in found.values():
        if model.kind != "enum" and "entity" in lineage(found, model.key):
            model.kind = "entity"
    return found


def read_model(path: Path, models: Path) -> Model | None:
    """One model file read with `ast`: imports resolved to keys, deserializers to fields."""
    package = path.relative_to(models).parent.parts
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            where = package[: len(package) - node.level + 1] + tuple(
                node.module.split(".")
            )
            for alias in node.names:
                imported[alias.asname or alias.name] = key_of(where)
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef)), None)
    if cls is None:
        return None
    model = Model(key_of(package + (path.stem,)), cls.name)
    imported.setdefault(
        cls.name, model.key
    )  # a model that holds its own kind imports nothing
    bases = [b.id for b in cls.bases if isinstance(b, ast.Name)]
    if "Enum" in bases:
        model.kind = "enum"
        return model
    model.base = next(
        (imported[b] for b in bases if b not in SKIPPED_BASES and b in imported), None
    )
    single = written_single(cls)
    for wire, call in deserializers(cls):
        found = field_of(call, imported)
        model.fields[wire] = Field(
            found.target, found.collection and wire not in single
        )
    return model


def written_single(cls: ast.ClassDef) -> set[str]:
    """Wire names `serialize` writes as one enum value: flags enums, which the SDK reads as a list."""
    return {
        str(node.args[0].value)
        for node in ast.walk(cls)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "write_enum_value"
        and isinstance(node.args[0], ast.Constant)
    }


def deserializers(cls: ast.ClassDef) -> Iterator[tuple[str, ast.Call]]:
    """(wire name, `n.get_...(...)` call) of each entry of `get_field_deserializers`."""
    for node in ast.walk(cls):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and isinstance(v, ast.Lambda):
                    setter = v.body
                    if isinstance(setter, ast.Call) and isinstance(
                        setter.args[2], ast.Call
                    ):
                        yield str(k.value), setter.args[2]


def field_of(call: ast.Call, imported: dict[str, str]) -> Field:
    """A getter call to the type it reads: `get_collection_of_object_values(Session)` -> (session, many)."""
    getter = call.func.attr if isinstance(call.func, ast.Attribute) else "?"
    arg = call.args[0] if call.args else None
    name = (
        arg.id
        if isinstance(arg, ast.Name)
        else arg.attr if isinstance(arg, ast.Attribute) else ""
    )
    many = getter.startswith("get_collection_of_")
    if getter in GETTER:
        return Field(GETTER[getter], False)
    if getter == "get_collection_of_primitive_values":
        return Field(ITEM.get(name, name), True)
    return Field(imported.get(name, name), many)


def lineage(models: dict[str, Model], key: str) -> list[str]:
    """A model's key and its bases' keys, nearest first."""
    chain: list[str] = []
    while key in models and key not in chain:
        chain.append(key)
        key = models[key].base or ""
    return chain


def all_fields(models: dict[str, Model], key: str) -> dict[str, Field]:
    """A model's properties with those it inherits."""
    fields: dict[str, Field] = {}
    for ancestor in reversed(lineage(models, key)):
        fields.update(models[ancestor].fields)
    return fields


def download_sdk(scratch: Path) -> Path:
    """The SDK's models folder, from the pinned wheel downloaded with pip (no install)."""
    pip = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--no-deps",
        "-d",
        str(scratch),
        SDK,
    ]
    done = subprocess.run(pip, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pip download {SDK} failed:\n{done.stderr[-2000:]}")
    wheel = next(scratch.glob("msgraph_sdk-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(
            scratch, [n for n in archive.namelist() if n.startswith(MODELS)]
        )
    return scratch / MODELS


@dataclass
class World:
    """The specs of one import, by qualified name, with their docs pages."""

    specs: dict[str, Spec]
    pages: dict[str, list[str]]

    @classmethod
    def of(cls, texts: dict[str, str]) -> World:
        specs, pages = {}, {}
        for file, text in texts.items():
            spec = load_spec(text, file)
            specs[spec.qualified_name] = spec
            pages[spec.qualified_name] = re.findall(
                r"^  - ((?:resources|api)/\S+\.md)$", text, re.MULTILINE
            )
        return cls(specs, pages)

    def ref(self, spec: Spec, written: str) -> TypeRef | None:
        kinds = {q: s.kind for q, s in self.specs.items()}
        return resolve(written, spec.namespace, kinds)  # type: ignore[arg-type]

    def chain(self, spec: Spec) -> list[Spec]:
        """A spec and its bases, nearest first."""
        found = [spec]
        while found[-1].base:
            base = self.ref(found[-1], found[-1].base)
            if (
                base is None
                or base.name not in self.specs
                or self.specs[base.name] in found
            ):
                break
            found.append(self.specs[base.name])
        return found


@dataclass
class Tally:
    """Counts and examples, by what was compared and how it disagreed."""

    counts: Counter[str] = field(default_factory=Counter)
    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[tuple[str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, group: str, kind: str, example: str) -> None:
        self.kinds[group][kind] += 1
        self.examples[group, kind].append(example)


def compare(
    world: World,
    names: Iterable[str],
    models: dict[str, Model],
    docs: Path,
    tally: Tally,
) -> None:
    """Every property of the named specs (own, inherited, navigation) against the SDK model of its type."""
    for qualified in names:
        spec = world.specs[qualified]
        model = models.get(graph_key(qualified))
        if (
            model is None
            or spec.kind != model.kind
            and "enum" in (spec.kind, model.kind)
        ):
            tally.counts["types not in SDK"] += 1
            tally.add(
                "types",
                (
                    "not in SDK"
                    if model is None
                    else f"kind {spec.kind} vs SDK {model.kind}"
                ),
                qualified,
            )
            continue
        tally.counts["types in SDK"] += 1
        if spec.kind == "enum":
            continue
        if model.cls.rstrip("_") != spec.name[:1].upper() + spec.name[1:]:
            tally.add(
                "types", "name differs in case", f"{qualified} (SDK class {model.cls})"
            )
        if spec.kind != model.kind:
            tally.add(
                "types",
                f"kind {spec.kind} vs SDK {model.kind}",
                f"{qualified} (base {spec.base or '-'})",
            )
        compare_base(world, spec, model, models, tally)
        fields = all_fields(models, model.key)
        chain = world.chain(spec)
        seen: set[str] = set()
        for depth, owner in enumerate(chain):
            group = "own" if depth == 0 else "inherited"
            for prop in owner.properties:
                seen.add(prop.wire)
                compare_one(
                    world, owner, spec, prop, group, fields, models, docs, tally
                )
        for prop in spec.all_properties()[len(spec.properties) :]:
            seen.add(prop.wire)
            compare_one(
                world, spec, spec, prop, "navigation", fields, models, docs, tally
            )
        for owner in chain[
            1:
        ]:  # inherited navigation is the base's: counted there, seen here
            seen.update(n.name for n in owner.navigation)
        missing(world, spec, model, seen, models, docs, tally)


def missing(
    world: World,
    spec: Spec,
    model: Model,
    seen: set[str],
    models: dict[str, Model],
    docs: Path,
    tally: Tally,
) -> None:
    """The SDK's properties the spec lacks: a row on the page means the importer dropped it."""
    for wire, sdk in all_fields(models, model.key).items():
        if wire in seen or wire.startswith("@"):
            continue
        what = models[sdk.target].kind if sdk.target in models else "primitive"
        level = "own" if wire in model.fields else "inherited"
        where = source(world, spec, wire, docs)
        row = "a row on the page" if ".md:" in where else "no row"
        tally.add(
            "missing in spec",
            f"SDK {level} {what}, {row}",
            f"{spec.name}.{wire} (SDK {shown(sdk, models)})  [{where}]",
        )


def compare_base(
    world: World, spec: Spec, model: Model, models: dict[str, Model], tally: Tally
) -> None:
    """Does the spec derive from the type the SDK's class derives from?"""
    ref = world.ref(spec, spec.base) if spec.base else None
    ours = graph_key(ref.name) if ref else (spec.base or "")
    theirs = model.base or ""
    if ours == theirs or (
        not spec.base and theirs == "entity" and spec.kind == "entity"
    ):
        tally.counts["base agrees"] += 1
        return
    tally.counts["base differs"] += 1
    sdk_base = models[theirs].cls if theirs in models else "-"
    tally.add(
        "base",
        f"spec {'a base' if spec.base else 'none'}, SDK {'a base' if theirs else 'none'}",
        f"{spec.name}: spec {spec.base or '-'}, SDK {sdk_base}",
    )


def compare_one(
    world: World,
    owner: Spec,
    spec: Spec,
    prop: PropertySpec,
    group: str,
    fields: dict[str, Field],
    models: dict[str, Model],
    docs: Path,
    tally: Tally,
) -> None:
    """One property: present in the SDK model under its wire name, of the same type?"""
    tally.counts[f"{group} compared"] += 1
    where = source(world, owner, prop.wire, docs)
    example = f"{spec.name}.{prop.wire}: spec {prop.type}"
    sdk = fields.get(prop.wire)
    if sdk is None:
        folded = {w.lower(): w for w in fields}
        kind = (
            "name differs in case" if prop.wire.lower() in folded else "missing in SDK"
        )
        tally.add(
            group,
            kind,
            f"{example}, SDK {folded.get(prop.wire.lower(), '-')}  [{where}]",
        )
        return
    tally.counts[f"{group} name agrees"] += 1
    ref = world.ref(owner, prop.type)
    differs = disagreement(ref, sdk, models, prop.type)
    if differs is None:
        tally.counts[f"{group} type agrees"] += 1
    else:
        tally.add(group, differs, f"{example}, SDK {shown(sdk, models)}  [{where}]")


def disagreement(
    ref: TypeRef | None, sdk: Field, models: dict[str, Model], written: str
) -> str | None:
    """None when a spec type reads as the SDK reads the property; else the kind of difference."""
    if ref is None:
        return f"spec type unresolved ({written})"
    ours = (
        PRIMITIVE.get(ref.name, ref.name)
        if ref.kind == "primitive"
        else graph_key(ref.name)
    )
    if ours == sdk.target:
        return None if ref.collection == sdk.collection else "collection differs"
    mine = ref.name if ref.kind == "primitive" else ref.kind
    theirs = models[sdk.target].kind if sdk.target in models else sdk.target
    if ref.kind != "primitive" and sdk.target in models and mine == theirs:
        same_name = ours.rpartition("/")[2] == sdk.target.rpartition("/")[2]
        return f"{mine} of {'another namespace' if same_name else 'another name'}"
    many = "" if ref.collection == sdk.collection else ", collection differs"
    return f"spec {mine} vs SDK {theirs}{many}"


def shown(sdk: Field, models: dict[str, Model]) -> str:
    """An SDK type as a person reads it: `Collection(call_records.Session)`, `uuid`."""
    model = models.get(sdk.target)
    text = (
        f"{model.kind} {'.'.join(model.key.split('/')[:-1] + [model.cls])}"
        if model
        else sdk.target
    )
    return f"Collection({text})" if sdk.collection else text


def source(world: World, spec: Spec, wire: str, docs: Path) -> str:
    """The docs page and line of a property's table row, when its resource page has one."""
    for page in world.pages.get(spec.qualified_name, []):
        path = docs / page
        if path.is_file():
            row = re.compile(
                rf"^\s*\|\s*[`*]*{re.escape(wire)}[`*]*\s*\|", re.IGNORECASE
            )
            for number, line in enumerate(
                path.read_text(encoding="utf-8").splitlines(), 1
            ):
                if row.match(line):
                    return f"{page}:{number}: {line.strip()[:100]}"
            return page
    return "-"


def worlds(
    docs: Path, names: list[str], alone: bool, metadata: Metadata | None
) -> Iterator[tuple[World, list[str]]]:
    """The imports to compare: all names in one call, or each alone (its own spec compared)."""
    if not alone:
        world = World.of(import_docs(docs, names, metadata=metadata).specs)
        yield world, sorted(world.specs)
        return
    failures: Counter[str] = Counter()
    for name in names:
        try:
            yield World.of(import_docs(docs, [name], metadata=metadata).specs), [name]
        except InputError as error:
            failures.update({kind_of_failure(p.message) for p in error.problems})
    if failures:
        print(
            f"not imported alone: {sum(failures.values())} failure kind(s): {dict(failures)}"
        )


def percent(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f}%)" if whole else "0"


def report(
    docs: Path,
    models: dict[str, Model],
    alone: bool,
    examples: int,
    metadata: Metadata | None = None,
) -> None:
    names = Index(Reader(docs)).type_pages()
    tally = Tally()
    for world, compared in worlds(docs, names, alone, metadata):
        compare(world, compared, models, docs, tally)
    c = tally.counts
    print(
        f"type pages: {len(names)} in {docs}; SDK models: {len(models)}; {'each alone' if alone else 'one call'}"
        + (f"; following {metadata.file}" if metadata else "")
    )
    print(f"types in SDK: {c['types in SDK']}, not in SDK: {c['types not in SDK']}")
    print(f"base types: agree {c['base agrees']}, differ {c['base differs']}")
    for group in ("own", "inherited", "navigation"):
        whole = c[f"{group} compared"]
        print(
            f"{group:10s}: {whole} compared, name agrees {percent(c[f'{group} name agrees'], whole)},"
            f" name and type agree {percent(c[f'{group} type agrees'], whole)}"
        )
    whole = c["own compared"] + c["inherited compared"]
    print(
        f"properties: {whole} compared, name agrees {percent(c['own name agrees'] + c['inherited name agrees'], whole)},"
        f" name and type agree {percent(c['own type agrees'] + c['inherited type agrees'], whole)}"
    )
    for group in ("types", "base", "own", "inherited", "navigation", "missing in spec"):
        print(f"\n== {group}: {sum(tally.kinds[group].values())}")
        for kind, count in tally.kinds[group].most_common():
            print(f"  {count:5d}  {kind}")
            for example in tally.examples[group, kind][:examples]:
                print(f"           {example}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sdk_folder = (
        arguments[arguments.index("--sdk") + 1] if "--sdk" in arguments else None
    )
    count = (
        arguments[arguments.index("--examples") + 1]
        if "--examples" in arguments
        else "3"
    )
    csdl_file = (
        arguments[arguments.index("--metadata") + 1]
        if "--metadata" in arguments
        else None
    )
    values = (sdk_folder, count, csdl_file)
    rest = [a for a in arguments if not a.startswith("--") and a not in values]
    folder = Path(rest[0]) if rest else ROOT.parent / "shared" / "graph-docs-v1"
    followed = csdl.load(Path(csdl_file), Path(csdl_file).name) if csdl_file else None
    with tempfile.TemporaryDirectory() as scratch:
        sdk = Path(sdk_folder) if sdk_folder else download_sdk(Path(scratch))
        report(folder, read_sdk(sdk), "--alone" in arguments, int(count), followed)

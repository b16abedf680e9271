"""A CSDL document (a service's `$metadata`) read into the frozen model of `edm`, every element located.

Parsed with expat, which gives line numbers and refuses nothing by itself: DTDs and entity
declarations are refused here, so a hostile file can neither expand without bound nor make the
parser read other files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NoReturn, Protocol
from xml.parsers import expat

from generator.odata.annotations import AnnotationReader
from generator.odata.container import ContainerReader
from generator.odata.csdldrafts import TypeDraft, annotated, freeze, qualified_operation
from generator.odata.edm import (
    MemberInfo,
    Metadata,
    PropertyInfo,
    Schema,
    TypeInfo,
    qualify,
)
from generator.odata.operations import OperationReader
from generator.report.problems import InputError, Problem, plain

EDMX = "http://docs.oasis-open.org/odata/ns/edmx"
EDM = "http://docs.oasis-open.org/odata/ns/edm"
_KINDS = {"EntityType": "entity", "ComplexType": "complex", "EnumType": "enum"}
_EDMX_ROOT, _INCLUDE = f"{EDMX} Edmx", f"{EDMX} Include"
_SCHEMA, _KEY = f"{EDM} Schema", f"{EDM} Key"
_IN_EDM = f"{EDM} "  # how expat prefixes the names of CSDL elements
_TYPES = {f"{_IN_EDM}{element}": element for element in _KINDS}
# The elements whose children describe the current type: properties, its key, enum members.
_TYPE_PARTS = frozenset({*_TYPES, _KEY})


class Part(Protocol):
    """A reader of one kind of schema element: told every start and end, by local names."""

    def start(
        self, local: str, parent: str, attrs: dict[str, str], at: tuple[str, int]
    ) -> None: ...

    def end(self, local: str, parent: str) -> None: ...


def _local(name: str) -> str:
    """`Property` of expat's `http://docs.oasis-open.org/odata/ns/edm Property`."""
    return name.rpartition(" ")[2]


def load(path: Path, shown: str | None = None) -> Metadata:
    """Read and parse a CSDL file; `shown` is how messages name it (default: the path given)."""
    file = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(file, 0, f"cannot read the metadata file: {reason}")
        raise InputError([problem]) from None
    return parse(data, file)


def parse(data: bytes, file: str) -> Metadata:
    """A CSDL document to its model; every problem in it is raised as one InputError."""
    reader = _Reader(file)
    parser = expat.ParserCreate(namespace_separator=" ")
    reader.attach(parser)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        message = f"malformed XML: {expat.ErrorString(error.code)}"
        raise InputError([Problem(file, error.lineno, message)]) from None
    return reader.finish()


class _Reader:
    """expat handlers that collect schemas, types and problems while the document streams by."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.parser: expat.XMLParserType | None = None
        self.stack: list[str] = []
        self.schemas: list[Schema] = []
        self.aliases: dict[str, str] = {}
        self.drafts: list[TypeDraft] = []
        self.current: TypeDraft | None = None  # the type whose element is open
        self.current_depth = 0
        self.problems: list[Problem] = []
        self.root_line = 1
        self.told: list[bool] = []
        self.operations = OperationReader()
        self.container = ContainerReader()
        self.annotations = AnnotationReader()
        self.parts: tuple[Part, ...] = (
            self.operations,
            self.container,
            self.annotations,
        )

    def attach(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse_dtd
        parser.EntityDeclHandler = self._refuse_entity
        parser.ExternalEntityRefHandler = self._refuse_entity
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber if self.parser else 1

    def _stop(self, message: str) -> NoReturn:
        raise InputError([Problem(self.file, self.line, message)])

    def _refuse_dtd(self, *_: object) -> NoReturn:
        self._stop(
            "a DOCTYPE is refused: $metadata has none, and its entities could expand"
            " without bound or read local files"
        )

    def _refuse_entity(self, *_: object) -> NoReturn:
        self._stop("entity declarations and external entities are refused")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        parent = self.stack[-1] if self.stack else None
        self.stack.append(name)
        if parent is None:
            self._root(name)
        elif name == _INCLUDE and "Alias" in attrs:
            self.aliases[attrs["Alias"]] = attrs.get("Namespace", "")
        elif name == _SCHEMA:
            self._schema(attrs)
        elif parent == _SCHEMA and name in _TYPES:
            self._type(_TYPES[name], attrs)
        elif self.current and parent in _TYPE_PARTS and name.startswith(_IN_EDM):
            self._part(self.current, name.removeprefix(_IN_EDM), parent, attrs)
        told = name.startswith(_IN_EDM) and bool(self.schemas)
        self.told.append(told)  # each part hears the end of what it heard start
        if told:
            at = (self.schemas[-1].namespace, self.line)
            for part in self.parts:
                part.start(_local(name), _local(parent or ""), attrs, at)

    def _end(self, name: str) -> None:
        if len(self.stack) == self.current_depth:
            self.current = None
        self.stack.pop()
        if self.told.pop():
            parent = _local(self.stack[-1]) if self.stack else ""
            for part in self.parts:
                part.end(_local(name), parent)

    def _root(self, name: str) -> None:
        self.root_line = self.line
        if name != _EDMX_ROOT:
            namespace, _, local = name.rpartition(" ")
            where = f" in {plain(namespace, 80)}" if namespace else ""
            self._stop(
                f"not a CSDL 4 document: the root element is <{plain(local)}>{where},"
                f" not <Edmx> in {EDMX}"
            )

    def _schema(self, attrs: dict[str, str]) -> None:
        namespace = self._required(attrs, "Schema", "Namespace")
        alias = attrs.get("Alias")
        self.schemas.append(Schema(namespace, alias, self.line))
        if alias:
            self.aliases[alias] = namespace

    def _type(self, element: str, attrs: dict[str, str]) -> None:
        self.current_depth = len(self.stack)
        self.current = TypeDraft(
            namespace=self.schemas[-1].namespace,
            name=self._required(attrs, element, "Name"),
            kind=_KINDS[element],
            base=attrs.get("BaseType"),
            abstract=self._flag(attrs, "Abstract", False),
            open_type=self._flag(attrs, "OpenType", False),
            line=self.line,
            flags=self._flag(attrs, "IsFlags", False),
            has_stream=self._flag(attrs, "HasStream", False),
        )
        self.drafts.append(self.current)

    def _part(
        self, draft: TypeDraft, element: str, parent: str, attrs: dict[str, str]
    ) -> None:
        """A Property, NavigationProperty, Key, PropertyRef or Member of the current type."""
        if element in ("Property", "NavigationProperty") and draft.kind != "enum":
            draft.properties.append(
                PropertyInfo(
                    name=self._required(attrs, element, "Name"),
                    type=self._required(attrs, element, "Type"),  # qualified at the end
                    nullable=self._flag(attrs, "Nullable", True),
                    navigation=element == "NavigationProperty",
                    owner=f"{draft.namespace}.{draft.name}",
                    line=self.line,
                    contained=self._flag(attrs, "ContainsTarget", False),
                )
            )
        elif element == "Key":
            draft.key_line = self.line
        elif element == "PropertyRef" and parent == _KEY:
            draft.key.append(self._required(attrs, element, "Name"))
        elif element == "Member" and draft.kind == "enum":
            name = self._required(attrs, element, "Name")
            draft.members.append(MemberInfo(name, attrs.get("Value"), self.line))

    def _required(self, attrs: dict[str, str], element: str, name: str) -> str:
        value = attrs.get(name, "").strip()
        if not value:
            self.problems.append(
                Problem(self.file, self.line, f"<{element}> has no {name} attribute")
            )
        return value

    def _flag(self, attrs: dict[str, str], name: str, default: bool) -> bool:
        value = attrs.get(name)
        if value is None:
            return default
        if value.strip() not in ("true", "false"):
            message = f'{name}="{value}" is neither true nor false'
            self.problems.append(Problem(self.file, self.line, message))
        return value.strip() == "true"

    def finish(self) -> Metadata:
        """The frozen model, once the whole document has been read; problems raised together."""
        if not self.schemas:
            message = f"the document has no <Schema> in {EDM}"
            self.problems.append(Problem(self.file, self.root_line, message))
        types: dict[str, TypeInfo] = {}
        for draft in self.drafts:
            info = freeze(draft, self.aliases, self.file, self.problems)
            first = types.setdefault(info.qualified_name, info)
            if first is not info:
                message = f"{info.qualified_name} is declared twice (first at line {first.line})"
                self.problems.append(Problem(self.file, info.line, message))
        if self.problems:
            raise InputError(self.problems)
        return Metadata(
            self.file,
            self.root_line,
            tuple(self.schemas),
            dict(self.aliases),
            types,
            tuple(qualified_operation(o, self.aliases) for o in self.operations.found),
            tuple(
                replace(r, type=qualify(r.type, self.aliases))
                for r in self.container.found
            ),
            self.container.name,
            annotated(self.annotations.found, self.aliases),
        )

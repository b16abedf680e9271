"""A resource's media stream, render-ready: a small class of the runtime's content parts, and
the `.content` property its item and single builders get."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.schema import Schema, TypeDef
from generator.model import escape
from generator.model.escape import Code
from generator.odata.typeref import resolve

# The runtime part each operation brings, sync and async.
_PARTS = {
    "get": ("ContentReader", False),
    "put": ("ContentWriter", True),
    "upload": ("LargeFileUploader", True),
}


@dataclass(frozen=True)
class Stream:
    """The class `.content` returns: `DriveItemContentRequestBuilder(ContentReader, ...)`."""

    name: Code
    segment: Code
    docstring: Code
    parts: tuple[tuple[str, bool], ...]  # runtime class, takes the returned type
    returns: Code | None  # the model a PUT answers with
    returns_module: str | None

    def bases(self, prefix: str) -> Code:
        """The base classes, `Async`-prefixed for the async class."""
        returned = self.returns or "None"
        return Code(
            ", ".join(
                f"{prefix}{part}[{returned}]" if generic else f"{prefix}{part}"
                for part, generic in self.parts
            )
        )

    @property
    def runtime_names(self) -> frozenset[str]:
        return frozenset(
            f"{prefix}{part}" for part, _ in self.parts for prefix in ("", "Async")
        )


def stream_of(t: TypeDef, schema: Schema) -> Stream | None:
    """The type's stream (a spec declares at most one), or None."""
    if not t.spec.streams:
        return None
    spec = t.spec.streams[0]
    returned = _returned(t, spec.returns, schema)
    what = "file content" if spec.segment == "content" else "media stream ($value)"
    return Stream(
        name=escape.identifier(f"{t.class_name.rstrip('_')}ContentRequestBuilder"),
        segment=escape.literal(spec.segment),
        docstring=escape.docstring(spec.description or f"The {what} of a {t.name}."),
        parts=tuple(
            _PARTS[op] for op in ("get", "put", "upload") if op in spec.operations
        ),
        returns=escape.identifier(returned.class_name) if returned else None,
        returns_module=returned.module if returned else None,
    )


def _returned(t: TypeDef, written: str | None, schema: Schema) -> TypeDef | None:
    if written is None:
        return None
    kinds = {name: other.kind for name, other in schema.types.items()}
    ref = resolve(written, t.spec.namespace, kinds)
    return schema.of(ref) if ref is not None else None

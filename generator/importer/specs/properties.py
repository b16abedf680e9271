"""Properties: Graph types resolved, TODO placeholders dropped, read-only and the id's type decided."""

from __future__ import annotations

import re
from typing import Any

from generator.importer.docs import enums, inline
from generator.importer.docs.resolved import Resolved
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.log import Log
from generator.importer.metadata import metaprops
from generator.importer.specs import readonly
from generator.importer.specs.readonly import SERVER_SET, BodyRow
from generator.importer.types.context import Context
from generator.odata.types import PRIMITIVES
from generator.report.problems import suggestion

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,199}$")


def resolve(
    member: Member, res: ResourcePage, what: str, ctx: Context, log: Log
) -> Resolved | None:
    """A row's type resolved, or None on an error; readings other than the written one are decisions."""
    file, at = res.page.file, member.name
    resolved = ctx.catalog.resolve(member, res, what)
    if resolved.error:
        log.error(file, member.line, f"{at}: {resolved.error}{_hint(resolved, ctx)}")
        return None
    if resolved.decision:
        log.decide(file, member.line, at, resolved.decision, rule=resolved.rule)
    return resolved


def _hint(resolved: Resolved, ctx: Context) -> str:
    if not resolved.error.startswith("unknown type") or resolved.ref is None:
        return ""
    names = [d.name for d in ctx.catalog.index.types.values()]
    return (
        ": not an OData primitive, and no page of the docs documents it"
        + suggestion(resolved.ref.name, [*PRIMITIVES, *names])
    )


def split_rows(
    res: ResourcePage, ctx: Context, log: Log
) -> tuple[list[Member], list[Member]]:
    """Property rows and navigation rows: a row is navigation when its type is an entity (decisions)."""
    props: list[Member] = []
    navigation: list[Member] = []
    for member in res.properties:
        resolved = ctx.catalog.resolve(member, res, "property")
        navigates = ctx.catalog.is_navigation(resolved, "property")
        if navigates and not member.name.startswith("@"):
            target = resolved.target or ""
            log.decide(
                res.page.file,
                member.line,
                member.name,
                f"{target.rsplit('.', 1)[-1]} is an entity: read as navigation",
                rule="navigation.entity-property",
            )
            navigation.append(member)
        else:
            props.append(member)
    for member in res.relationships:
        resolved = ctx.catalog.resolve(member, res, "navigation")
        if resolved.ref is not None and not ctx.catalog.is_navigation(
            resolved, "navigation"
        ):
            log.decide(
                res.page.file,
                member.line,
                member.name,
                f"listed under Relationships, but {resolved.ref.name} is not an entity: "
                "read as a property",
                rule="property.relationship-not-entity",
            )
            props.append(member)
        else:
            navigation.append(member)
    return props, navigation


def properties(
    res: ResourcePage,
    qualified: str,
    rows: list[Member],
    body: list[BodyRow],
    financial: bool,
    ctx: Context,
    log: Log,
) -> dict[str, Any]:
    """The property rows as spec properties, in page order, then those only the metadata has."""
    file = res.page.file
    result: dict[str, Any] = {}
    inherited = ctx.inherited(qualified)
    seen: set[str] = set()
    for member in rows:
        if member.name in seen:
            log.decide(
                file,
                member.line,
                member.name,
                "listed twice: the first row is used",
                rule="property.listed-twice",
            )
            continue
        seen.add(member.name)
        if _kept(member, inherited, file, log):
            entry = _property(res, qualified, member, body, financial, ctx, log)
            if entry is not None:
                result[member.name] = entry
    result.update(_only_in_metadata(res, qualified, ctx, log))
    return result


def _property(
    res: ResourcePage,
    qualified: str,
    member: Member,
    body: list[BodyRow],
    financial: bool,
    ctx: Context,
    log: Log,
) -> dict[str, Any] | None:
    """One row as a spec property: its type as the metadata has it, when there is one."""
    file = res.page.file
    resolved = resolve(member, res, "property", ctx, log)
    if resolved is None:
        return None
    row = metaprops.follow(ctx.catalog, qualified, member, resolved)
    if row.decision:
        log.decide(file, member.line, member.name, row.decision, rule=row.rule)
    if row.resolved is None or row.resolved.dropped or row.resolved.ref is None:
        return None
    kind = row.resolved.spelled(ctx.catalog, res.namespace)
    if member.name == res.key and kind == "String" and financial and not row.typed:
        kind = "Guid"
        log.decide(
            file,
            member.line,
            member.name,
            "Guid, as financials ids are in the service metadata; "
            "the page says String (inherited from entity)",
            rule="property.financials-key-guid",
        )
    _values_lacking(member, row.resolved.target, file, ctx, log)
    entry: dict[str, Any] = {"type": kind}
    if readonly.said(res, member, body, log) or readonly.computed(
        qualified, member, res, ctx, log
    ):
        entry["readOnly"] = True
    if not row.nullable:
        entry["nullable"] = False
    description, _ = inline.without_todo(member.description)
    if description:
        entry["description"] = description
    return entry


def _values_lacking(
    member: Member, target: str | None, file: str, ctx: Context, log: Log
) -> None:
    """A row whose "possible values" its enum's page does not list: the docs disagree with
    themselves, and the enum (which decodes the values) follows its own page (a decision).
    """
    if target is None or ctx.kind(target) != "enum":
        return
    members = set(ctx.members(target))
    lacking = [v for v in enums.possible_values(member.description) if v not in members]
    if lacking and members:
        log.decide(
            file,
            member.line,
            member.name,
            f"the row lists {', '.join(lacking)}, which {target.rsplit('.', 1)[-1]} lacks: "
            "the enum follows its own page (review both)",
            rule="property.enum-values-lacking",
        )


def _only_in_metadata(
    res: ResourcePage, qualified: str, ctx: Context, log: Log
) -> dict[str, Any]:
    """The properties the metadata declares on the type and its page does not list (decisions)."""
    service = ctx.catalog.service
    if service is None:
        return {}
    section = res.page.section("Properties", "Property")
    line = section.line if section else res.block_line
    result: dict[str, Any] = {}
    for added in metaprops.added(ctx.catalog, qualified):
        rule, note = metaprops.note(service, added, ctx.catalog, res.namespace)
        if added.kept and added.typed is not None:
            entry: dict[str, Any] = {
                "type": added.typed.spelled(ctx.catalog, res.namespace)
            }
            if added.info.name in SERVER_SET:
                entry["readOnly"] = True
                note += "; read-only (set by the server)"
            if not added.info.nullable:
                entry["nullable"] = False
            result[added.info.name] = entry
        rows = [m.line for m in res.properties if m.name == added.info.name]
        log.decide(
            res.page.file, rows[0] if rows else line, added.info.name, note, rule=rule
        )
    return result


def _kept(member: Member, inherited: dict[str, str], file: str, log: Log) -> bool:
    """Annotation rows and rows the base type has are not the type's own properties (decisions)."""
    if member.note:
        log.decide(
            file,
            member.line,
            member.name or "properties",
            member.note,
            rule="page.row-cells",
        )
    if member.name.startswith("@"):
        log.decide(
            file,
            member.line,
            "properties",
            f"{member.name[:60]}: an OData annotation, not a property; skipped",
            rule="property.annotation-row",
        )
        return False
    if member.name in inherited:
        log.decide(
            file,
            member.line,
            member.name,
            f"inherited from {inherited[member.name]}: the base type's spec has it; dropped here",
            rule="property.inherited",
        )
        return False
    return _valid_name(member, file, log)


def _valid_name(member: Member, file: str, log: Log) -> bool:
    """A row whose first cell is not a property name (a bold heading, prose) is skipped."""
    if _NAME.match(member.name):
        return True
    log.decide(
        file,
        member.line,
        "properties",
        f"row {member.name[:60]!r} skipped: not a property name",
        rule="property.bad-name",
    )
    return False


def todo_count(res: ResourcePage) -> tuple[int, int]:
    """How many TODO placeholders the page holds, and the line of the first, to report them once."""
    rows = [*res.properties, *res.relationships, *res.members]
    lines = [m.line for m in rows if inline.is_todo(m.description)]
    if inline.is_todo(res.description):
        lines.insert(0, res.description_line)
    return len(lines), (lines[0] if lines else 1)

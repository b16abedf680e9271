"""How the pages a type's Methods table links address it: by key after a set named for it."""

from __future__ import annotations

from dataclasses import replace

from generator.importer.docs.api import read_api
from generator.importer.docs.pages import Reader, link_target
from generator.importer.docs.resource import ResourcePage
from generator.odata.naming import singular


def addressed_by_key(res: ResourcePage, reader: Reader) -> bool:
    """A Methods row's page reads, updates or deletes it, or sends it an action, at a key after a
    set named for it (`GET /teams/{id}/schedule/openShifts/{openShiftId}` for openShift): an
    entity, whatever its page leaves out."""
    for method in res.methods:
        target = link_target(method.link, "resources") if method.link else None
        page = reader.page(target, used=False) if target else None
        if page is None or not (target or "").startswith("api/"):
            continue
        for route in read_api(replace(page, problems=[])).routes:
            parts = [p for p in route.path.split("?")[0].strip("/").split("/") if p]
            if route.method == "POST" and len(parts) > 2:
                parts = parts[:-1]  # an action on an item: `.../requests/{id}/approve`
            elif route.method not in ("GET", "PATCH", "PUT", "DELETE"):
                continue
            if (
                len(parts) > 1
                and parts[-1].startswith("{")
                and singular(parts[-2]).lower().endswith(res.name.lower())
            ):
                return True
    return False

"""Realistic Graph payloads written by hand for the benchmarks: users, messages, events.

Values vary with the index (names, dates, recipients, optional properties), as a real tenant's
do, so no decoder meets the same shape twice. Standard library only: the official SDK's
interpreter reads them too.
"""

from __future__ import annotations

import json
from typing import Any

_FIRST = (
    "Adele",
    "Alex",
    "Diego",
    "Grady",
    "Isaiah",
    "Johanna",
    "Lee",
    "Megan",
    "Nestor",
)
_LAST = (
    "Vance",
    "Wilber",
    "Siciliani",
    "Archie",
    "Langer",
    "Lorenz",
    "Gu",
    "Bowen",
    "Wilke",
)
_JOBS = ("Retail Manager", "Marketing Assistant", "HR Manager", "Designer", "Attorney")
_CITIES = (
    ("Seattle", "WA", "98052"),
    ("Bellevue", "WA", "98004"),
    ("Tulsa", "OK", "74133"),
)
_SUBJECTS = (
    "Quarterly review: numbers and next steps",
    "Re: Contoso launch plan",
    "Lunch on Friday?",
    "Your invoice INV-20931 is ready",
    "Fw: Updated travel policy",
)
_BASE = "https://graph.microsoft.com/v1.0"
_TENANT = "contoso.onmicrosoft.com"


def _guid(kind: int, i: int) -> str:
    return f"{kind:08x}-{i % 65536:04x}-4{i % 4096:03x}-a{(i * 7) % 4096:03x}-{i * 7919:012x}"


def _person(i: int) -> tuple[str, str, str]:
    first, last = _FIRST[i % len(_FIRST)], _LAST[(i // 3) % len(_LAST)]
    return first, last, f"{first}{last[0]}{i}@{_TENANT}".lower()


def _stamp(i: int, hour: int = 9) -> str:
    return f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}T{hour + i % 8:02d}:{i % 60:02d}:{(i * 13) % 60:02d}Z"


def user(i: int) -> dict[str, Any]:
    """A user as `GET /users?$select=...` returns one: defaults and a dozen selected ones."""
    first, last, mail = _person(i)
    city, state, postal = _CITIES[i % len(_CITIES)]
    data: dict[str, Any] = {
        "id": _guid(0x87D349ED, i),
        "businessPhones": [f"+1 425 555 {i % 10000:04d}"] if i % 4 else [],
        "displayName": f"{first} {last}",
        "givenName": first,
        "jobTitle": _JOBS[i % len(_JOBS)] if i % 5 else None,
        "mail": mail,
        "mobilePhone": None if i % 3 else f"+1 206 555 {(i * 31) % 10000:04d}",
        "officeLocation": f"{18 + i % 20}/{2100 + i}",
        "preferredLanguage": "en-US" if i % 6 else "de-DE",
        "surname": last,
        "userPrincipalName": mail,
        "accountEnabled": i % 17 != 0,
        "city": city,
        "state": state,
        "postalCode": postal,
        "country": "United States",
        "companyName": None,
        "createdDateTime": _stamp(i),
        "department": ("Retail", "Marketing", "Legal", "Sales")[i % 4],
        "employeeId": str(100000 + i) if i % 2 else None,
        "usageLocation": "US",
        "userType": "Member" if i % 9 else "Guest",
        "proxyAddresses": [f"SMTP:{mail}", f"smtp:{first.lower()}@contoso.com"][
            : 1 + i % 2
        ],
        "otherMails": [],
        "assignedLicenses": [
            {
                "disabledPlans": [_guid(0x113FEB6C, j) for j in range(i % 3)],
                "skuId": _guid(0xC7DF2760, i % 4),
            }
            for _ in range(1 + i % 2)
        ],
        "identities": [
            {
                "signInType": "userPrincipalName",
                "issuer": _TENANT,
                "issuerAssignedId": mail,
            }
        ],
        "onPremisesSyncEnabled": None if i % 2 else True,
        "onPremisesLastSyncDateTime": None if i % 2 else _stamp(i, 2),
    }
    if i % 7 == 0:
        data["passwordPolicies"] = "DisablePasswordExpiration"
    return data


def _recipient(i: int) -> dict[str, Any]:
    first, last, mail = _person(i)
    return {"emailAddress": {"name": f"{first} {last}", "address": mail}}


def message(i: int) -> dict[str, Any]:
    """A message as `GET /me/messages` returns one, with its etag and body."""
    subject = _SUBJECTS[i % len(_SUBJECTS)]
    preview = f"Hi team, following up on {subject.lower()}; see the notes below. #{i}"
    data: dict[str, Any] = {
        "@odata.etag": f'W/"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAA{i:05d}"',
        "id": f"AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAA{i:06d}=",
        "createdDateTime": _stamp(i, 8),
        "lastModifiedDateTime": _stamp(i, 9),
        "changeKey": f"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAA{i:05d}",
        "categories": ["Red category"] if i % 5 == 0 else [],
        "receivedDateTime": _stamp(i, 8),
        "sentDateTime": _stamp(i, 8),
        "hasAttachments": i % 6 == 0,
        "internetMessageId": f"<MWHPR{i:05d}.namprd03.prod.outlook.com>",
        "subject": subject,
        "bodyPreview": preview,
        "importance": ("normal", "high", "low")[i % 3],
        "parentFolderId": "AQMkAGVmMDEzMTM4AC02ZmFlLTQ3ZDQtYTA2Yi01NThmOTk2YWJmODgALgAAA",
        "conversationId": f"AAQkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAQA{i % 40:04d}=",
        "isDeliveryReceiptRequested": False,
        "isReadReceiptRequested": i % 11 == 0,
        "isRead": i % 3 != 0,
        "isDraft": False,
        "webLink": f"https://outlook.office365.com/owa/?ItemID=AAMkAGVm{i:06d}&exvsurl=1",
        "inferenceClassification": "focused" if i % 4 else "other",
        "body": {
            "contentType": "html" if i % 2 else "text",
            "content": f"<html><body><p>{preview}</p>{'<p>More.</p>' * (i % 5)}</body></html>",
        },
        "sender": _recipient(i + 1),
        "from": _recipient(i + 1),
        "toRecipients": [_recipient(i + k) for k in range(2, 3 + i % 3)],
        "ccRecipients": [_recipient(i + 9)] if i % 4 == 0 else [],
        "bccRecipients": [],
        "replyTo": [],
        "flag": {"flagStatus": "flagged" if i % 8 == 0 else "notFlagged"},
    }
    return data


def event(i: int) -> dict[str, Any]:
    """An event as `GET /me/events/{id}` returns one."""
    first, last, mail = _person(i)
    start = f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}T{10 + i % 6:02d}:00:00.0000000"
    end = f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}T{11 + i % 6:02d}:00:00.0000000"
    return {
        "@odata.etag": f'W/"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw{i:04d}=="',
        "id": f"AAMkAGIAAAoZDOFAAA{i:06d}=",
        "createdDateTime": _stamp(i, 7),
        "lastModifiedDateTime": _stamp(i, 8),
        "changeKey": f"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw{i:04d}==",
        "categories": [],
        "originalStartTimeZone": "Pacific Standard Time",
        "originalEndTimeZone": "Pacific Standard Time",
        "iCalUId": f"040000008200E00074C5B7101A82E00800000000{i:08d}",
        "reminderMinutesBeforeStart": 15,
        "isReminderOn": True,
        "hasAttachments": False,
        "subject": _SUBJECTS[i % len(_SUBJECTS)],
        "bodyPreview": "Let's go over the plan.",
        "importance": "normal",
        "sensitivity": "normal",
        "isAllDay": False,
        "isCancelled": False,
        "isOrganizer": True,
        "responseRequested": True,
        "seriesMasterId": None,
        "showAs": "busy",
        "type": "singleInstance",
        "webLink": f"https://outlook.office365.com/owa/?itemid=AAMkAGIAAAoZDOFAAA{i:06d}",
        "onlineMeetingUrl": None,
        "isOnlineMeeting": False,
        "onlineMeetingProvider": "unknown",
        "allowNewTimeProposals": True,
        "isDraft": False,
        "hideAttendees": False,
        "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
        "body": {
            "contentType": "html",
            "content": "<html><body>Let's go over the plan.</body></html>",
        },
        "start": {"dateTime": start, "timeZone": "UTC"},
        "end": {"dateTime": end, "timeZone": "UTC"},
        "location": {
            "displayName": "Conf Room 3",
            "locationType": "default",
            "uniqueIdType": "unknown",
        },
        "locations": [
            {
                "displayName": "Conf Room 3",
                "locationType": "default",
                "uniqueIdType": "unknown",
            }
        ],
        "recurrence": None,
        "attendees": [
            {
                "type": "required",
                "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
                **_recipient(i + k),
            }
            for k in range(1, 4)
        ],
        "organizer": {"emailAddress": {"name": f"{first} {last}", "address": mail}},
        "onlineMeeting": None,
    }


def page(kind: str, count: int = 100) -> dict[str, Any]:
    """A page of a collection, as the service sends it: context, items, next link."""
    items = [
        {"user": user, "message": message, "event": event}[kind](i)
        for i in range(count)
    ]
    entity_set = {
        "user": "users",
        "message": "users('me')/messages",
        "event": "users('me')/events",
    }[kind]
    return {
        "@odata.context": f"{_BASE}/$metadata#{entity_set}",
        "value": items,
        "@odata.nextLink": f"{_BASE}/{entity_set.replace(chr(39), '')}?$skiptoken=X{count}",
    }


def dumps(data: Any) -> bytes:
    """The JSON bytes the service would send (compact, UTF-8)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def single(kind: str, i: int = 7) -> dict[str, Any]:
    """One entity as `GET .../{id}` returns it: its context first, then its properties."""
    entity_set = {
        "user": "users",
        "message": "users('me')/messages",
        "event": "users('me')/events",
    }[kind]
    item = {"user": user, "message": message, "event": event}[kind](i)
    return {"@odata.context": f"{_BASE}/$metadata#{entity_set}/$entity", **item}


def write(folder: Any) -> None:
    """Every payload the SDK comparison reads, as files in `folder` (a pathlib.Path)."""
    for kind in ("user", "message", "event"):
        (folder / f"{kind}.json").write_bytes(dumps(single(kind)))
        (folder / f"{kind}-page.json").write_bytes(dumps(page(kind)))

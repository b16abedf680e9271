"""The same resource as a pydantic v2 model, for comparison only (pydantic is not a dependency)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class CustomerPayment(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    odata_etag: str | None = Field(None, alias="@odata.etag")
    id: UUID | None = None
    journal_display_name: str | None = Field(None, alias="journalDisplayName")
    line_number: int | None = Field(None, alias="lineNumber", ge=-(2**31), le=2**31 - 1)
    customer_id: UUID | None = Field(None, alias="customerId")
    customer_number: str | None = Field(None, alias="customerNumber")
    contact_id: str | None = Field(None, alias="contactId")
    posting_date: date | None = Field(None, alias="postingDate")
    document_number: str | None = Field(None, alias="documentNumber")
    external_document_number: str | None = Field(None, alias="externalDocumentNumber")
    amount: Decimal | None = None
    applies_to_invoice_id: UUID | None = Field(None, alias="appliesToInvoiceId")
    applies_to_invoice_number: str | None = Field(None, alias="appliesToInvoiceNumber")
    description: str | None = None
    comment: str | None = None
    last_modified_date_time: AwareDatetime | datetime | None = Field(
        None, alias="lastModifiedDateTime"
    )


def roundtrip(payload: bytes) -> bytes:
    return (
        CustomerPayment.model_validate_json(payload)
        .model_dump_json(by_alias=True, exclude_unset=True)
        .encode()
    )

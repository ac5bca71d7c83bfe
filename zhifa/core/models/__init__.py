from zhifa.core.models.calendar import (
    AdjustedWorkday,
    CalendarOverride,
    HolidayNotice,
    HolidayPeriod,
)
from zhifa.core.models.documents import IssuedDocument
from zhifa.core.models.files import StoredFile
from zhifa.core.models.ledger import LedgerEntry, LedgerHead, LedgerPayload
from zhifa.core.models.parameters import Parameter

__all__ = [
    "AdjustedWorkday",
    "CalendarOverride",
    "HolidayNotice",
    "HolidayPeriod",
    "IssuedDocument",
    "LedgerEntry",
    "LedgerHead",
    "LedgerPayload",
    "Parameter",
    "StoredFile",
]

from zhifa.core.models.calendar import CalendarOverride, HolidayNotice
from zhifa.core.models.ledger import LedgerEntry, LedgerHead, LedgerPayload
from zhifa.core.models.parameters import Parameter

__all__ = [
    "CalendarOverride",
    "HolidayNotice",
    "LedgerEntry",
    "LedgerHead",
    "LedgerPayload",
    "Parameter",
]

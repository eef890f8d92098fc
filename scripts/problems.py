"""One problem found in the data, printed as file:row:field: what (expected)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # the line the row starts on (the header is line 1)
    field: str | None
    what: str
    expected: str | None = None

    def __str__(self) -> str:
        location = ":".join(str(part) for part in (self.file, self.row, self.field) if part not in (None, ""))
        return f"{location}: {self.what}" + (f" ({self.expected})" if self.expected else "")

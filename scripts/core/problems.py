"""One problem found in the data, printed as file:row:field: what (expected)."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass

from .untrusted import printable

LONGEST_PART = 400  # characters of any one part of a message: a problem is read, not scrolled


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # the line the row starts on (the header is line 1)
    field: str | None
    what: str
    expected: str | None = None

    def __str__(self) -> str:
        """One line, whatever the data held: control and invisible characters escaped, long parts cut."""
        location = ":".join(
            printable(part, LONGEST_PART) for part in (self.file, self.row, self.field) if part not in (None, "")
        )
        return f"{location}: {printable(self.what, LONGEST_PART)}" + (
            f" ({printable(self.expected, LONGEST_PART)})" if self.expected else ""
        )


def unexpected(command: str, error: BaseException) -> str:
    """One line for a failure no check foresaw, so no traceback reaches a contributor (DEBUG=1 prints it too)."""
    if os.environ.get("DEBUG"):
        traceback.print_exception(error)
    return (
        f"{command}: unexpected failure ({type(error).__name__}: {printable(error, 300)}); "
        f"please report it, and run it again with DEBUG=1 for details"
    )

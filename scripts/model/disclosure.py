"""A ready-to-copy request for a figure past its usual release: a 政府信息公开申请 under the Regulations on the
Disclosure of Government Information, with the statistic, the year and the plan's target filled in.

The site sends nothing. The request goes to one body of the indicator's `publisher`: the first whose channel for
requests is recorded in data/disclosure_channels.csv (a sourced row); otherwise a provincial body, since it holds
the province's own figure; otherwise the first named. Where no channel is recorded the page says so and where to
look, and never guesses an address.

The request is in Chinese on both editions (it is filed with a Chinese body); the English edition adds what it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import i18n
from ..core.structure import bodies

OFFERED_WHEN = ("overdue",)  # the assessments whose figure a request asks for: past its usual release, not found
PROVINCIAL = "甘肃"  # a body whose name starts so is the province's own
LETTER_LINES = (
    "request_title",
    "",
    "request_to",
    "",
    "request_applicant",
    "request_identity",
    "request_contact",
    "",
    "request_information",
    "request_context",
    "request_if_public",
    "request_form",
    "",
    "request_signature",
    "request_date",
)  # "" is a blank line


@dataclass(frozen=True)
class Request:
    year: int
    body: str  # whom the request is addressed to, in Chinese as the publisher names it
    body_en: str  # the same body in English, as publisher_en names it (the Chinese where it cannot be told)
    channel: dict | None  # its row in disclosure_channels (localized), or None when none is recorded
    letter: str  # the request, in Chinese
    letter_en: str  # what it says, in English
    terms: dict  # the Chinese words a reader looks for on the body's site, and the brackets they fill in


def addressee(publisher: str, channels: dict[str, dict]) -> str | None:
    named = bodies(publisher)
    recorded = [body for body in named if body in channels]
    provincial = [body for body in named if body.startswith(PROVINCIAL)]
    return (recorded or provincial or named or [None])[0]


def in_english(body: str, indicator: dict) -> str:
    """The body's English name from `publisher_en`, where it names as many bodies, in the same order; else the Chinese."""
    named, english = bodies(indicator.get("publisher") or ""), bodies(indicator.get("publisher_en") or "")
    return english[named.index(body)] if len(named) == len(english) and body in named else body


def letter(text: i18n.Text, **values) -> str:
    return "\n".join(text(key, **values) if key else "" for key in LETTER_LINES)


def request(
    indicator: dict, target: dict, document: dict, channels: dict[str, dict], localized: dict[str, dict] | None = None
) -> Request | None:
    """The request for `target`'s figure; `indicator`, `target`, `document` and `channels` as the data holds them
    (Chinese), `localized` the channels in the page's language. None when the indicator names no publisher or no
    statistic to ask for."""
    body = addressee(indicator.get("publisher") or "", channels)
    if body is None or not indicator.get("statistic"):
        return None
    values = {
        "body": body,
        "year": target["year"],
        "statistic": indicator["statistic"],
        "target": target["phrase"],
        "title": document["title"],
        "number": document["number"],
    }
    body_en = (channels.get(body) or {}).get("body_en") or in_english(body, indicator)
    english = {
        **values,
        "body": body_en,
        "statistic": indicator.get("statistic_en") or indicator["statistic"],
        "target": target.get("phrase_en") or target["phrase"],
        "title": document.get("title_en") or document["title"],
        "number": document.get("number_en") or document["number"],
    }
    chinese = i18n.text(i18n.DEFAULT)
    return Request(
        target["year"],
        body,
        body_en,
        (localized or channels).get(body),
        letter(chinese, **values),
        letter(i18n.text("en"), **english),
        {
            "brackets": chinese.request_brackets,
            "on_request": chinese.request_on_request,
            "section": chinese.request_section,
        },
    )

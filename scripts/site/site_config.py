"""The site's settings from mkdocs.yml, read without MkDocs: the configuration both generators share.

MkDocs and Zensical each parse mkdocs.yml themselves; the steps around them (generation, the finishing pass over the
built HTML) need a few of its values too, and read them here the same way: `!ENV [NAME, default]` is the
environment's value or the default, as MkDocs reads it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core import paths
from . import budgets


class SettingsLoader(yaml.SafeLoader):
    """Safe YAML, plus the tags mkdocs.yml uses: !ENV, and Python names (which only MkDocs' own loader resolves)."""


def environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable that is set, else the default (pyyaml_env_tag's rule)."""
    values = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


SettingsLoader.add_constructor("!ENV", environment_value)
SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


class SettingError(ValueError):
    """A setting of mkdocs.yml the site cannot do without, missing or malformed: one line naming it."""


# A plain address: it goes into a mailto: link, so nothing in it may start another header or parameter.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def contact_email(extra: dict) -> str:
    """The address that receives contributions sent by email (the contribute page's way without GitHub), from
    CONTACT_EMAIL or extra.contact_email. The project names no address of its own: while none is set, the page says so
    and offers the text to copy, without a mailto: link. One that is set must be a plain address."""
    address = str(extra.get("contact_email") or "").strip()
    if address and not PLAIN_ADDRESS.fullmatch(address):
        raise SettingError(
            f"mkdocs.yml extra.contact_email: {address[:80]!r} is not a plain email address; set CONTACT_EMAIL "
            "(or the setting) to the address that receives contributions sent by email, or leave it empty"
        )
    return address


@dataclass(frozen=True)
class Settings:
    site_url: str
    repository: str
    budgets: budgets.Budgets
    content_security_policy: dict
    docs_dir: Path
    contact_email: str = ""


def settings(config_file: Path = paths.ROOT / "mkdocs.yml") -> Settings:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=SettingsLoader)  # noqa: S506 - a SafeLoader
    extra = config.get("extra") or {}
    return Settings(
        site_url=config.get("site_url") or "",
        repository=extra.get("repository", ""),
        budgets=budgets.Budgets.from_config(extra),
        content_security_policy=extra["content_security_policy"],
        docs_dir=config_file.parent / config.get("docs_dir", "docs"),
        contact_email=contact_email(extra),
    )


ASSESSMENT_DATE = (
    "ASSESSMENT_DATE"  # YYYY-MM-DD: the date outcomes are judged on; by default the day of the build (UTC)
)


def assessment_date() -> dt.date:
    """The date the build (and the weekly issue of figures past their release) judges due dates and ages against: an
    input, so that two builds given the same date are the same on any day, and a scheduled build without it lets labels
    age without a commit. A value that is not a date raises ValueError naming the variable."""
    given = os.environ.get(ASSESSMENT_DATE)
    if not given:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise ValueError(f"{ASSESSMENT_DATE}: {given[:40]!r} is not a date written YYYY-MM-DD") from None

"""Content-addressed memory for the build's expensive stages, so an unchanged input does no work.

A stage's key is the SHA-256 of everything its result depends on: the code that computes it (every file under
scripts/, and the versions of the packages that shape its output) and the stage's own inputs (a model's text form,
a data fingerprint). A changed byte in any of them is a new key, and a new key is computed afresh; nothing is ever
invalidated by hand. Results are JSON files under .cache/stages/ (never pickles: a cache file is read as data, and
a corrupt or foreign one is recomputed, not trusted), and kept in memory for the rest of the process, so the
English build that mkdocs-static-i18n runs after the Chinese one reuses the Chinese build's work.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import paths

CACHE = paths.ROOT / ".cache" / "stages"
CODE = paths.ROOT / "scripts"
PACKAGES = ("altair", "vl-convert-python", "frictionless", "OpenCC", "Jinja2", "PyYAML")
MEMORY: dict[str, object] = {}
MEMORY_ENTRIES = 2048  # a long `make serve` session forgets everything past this, and reads it back from disk


@lru_cache(maxsize=1)
def code_version() -> str:
    """Changes whenever any file under scripts/ or the version of a package that shapes the output does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for package in PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent\0".encode())
    return digest.hexdigest()


def data_fingerprint(root: Path) -> str:
    """Changes whenever any data file or the descriptor does."""
    return files_fingerprint(root, "datapackage.json", "data")


def files_fingerprint(root: Path, *names: str) -> str:
    """Changes whenever any file at or under these paths (relative to root) does."""
    digest = hashlib.sha256()
    for path in sorted(path for name in names for path in [root / name, *(root / name).rglob("*")]):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def canonical(value) -> str:
    """A text form of a model that is the same in every process: like repr(), but a set is written sorted (its
    iteration order changes with Python's string hashing from one run to the next)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(f"{f.name}={canonical(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{canonical(k)}: {canonical(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return (
            ("[" if isinstance(value, list) else "(")
            + ", ".join(map(canonical, value))
            + ("]" if isinstance(value, list) else ")")
        )
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(canonical, value))) + "}"
    return repr(value)


def key(stage: str, *inputs: str) -> str:
    digest = hashlib.sha256(f"{stage}\0{code_version()}".encode())
    for part in inputs:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return f"{stage}-{digest.hexdigest()}"


def remembered(name: str, compute, encode, decode):
    """The stage's result for the key `name`: from memory, else from .cache/stages/, else computed and stored."""
    if name in MEMORY:
        return MEMORY[name]
    try:
        value = decode(json.loads((CACHE / f"{name}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        value = compute()
        store(CACHE / f"{name}.json", encode(value))
    return in_memory(name, value)


def recalled(name: str):
    """What was kept under this key (as JSON), or None."""
    if name in MEMORY:
        return MEMORY[name]
    try:
        return in_memory(name, json.loads((CACHE / f"{name}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def keep(name: str, value) -> None:
    store(CACHE / f"{name}.json", value)
    in_memory(name, value)


def in_memory(name: str, value):
    if len(MEMORY) >= MEMORY_ENTRIES:
        MEMORY.clear()
    MEMORY[name] = value
    return value


def store(path: Path, data) -> None:
    """Written whole or not at all: a build killed half-way leaves no half-written entry for the next to trust."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass  # a read-only or full disk: the value is still used, just not kept


def write_whole(target: Path, data: bytes) -> None:
    """A reader (MkDocs under `make serve`, or a second build at the same time, as the parallel tests run) sees the
    old file or the new one, never half of one. The temporary name starts with a dot, which MkDocs never takes for
    a page."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # as a file written plainly would be (mkstemp makes it private)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

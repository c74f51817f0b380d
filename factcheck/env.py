"""Strict readers for configuration from environment variables.

A value that cannot be read as asked is an error at start-up, not a silent default:
``DEBUG=ture`` must not quietly mean ``False``.

A checkout also has a ``.env`` file (``make install`` writes ``DEBUG=true`` and a generated
``SECRET_KEY``): :func:`load_env_file` reads it, and the readers fall back to its values
for variables the environment does not have. The environment always wins.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INLINE_COMMENT = re.compile(r"\s+#.*$")

# The values read from the .env file, if any: consulted after the environment.
_file_values: dict[str, str] = {}


def read_env_file(path: Path) -> dict[str, str]:
    """The ``KEY=VALUE`` lines of ``path``.

    Blank lines and ``#`` comments are skipped, ``export`` in front is allowed, a value in
    matching single or double quotes is taken as it stands (no escapes), an unquoted one
    ends at `` #``. Any other line is an error naming the file and the line number (not
    its text, which may hold a secret).
    """
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"{path} cannot be read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not _NAME.fullmatch(key):
            raise ImproperlyConfigured(f"{path}, line {number}: not a KEY=VALUE line.")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif value[:1] in ("'", '"'):
            raise ImproperlyConfigured(f"{path}, line {number}: {key} has an unclosed quote.")
        else:
            value = _INLINE_COMMENT.sub("", value)
        values[key] = value
    return values


def env_file_path(default: Path) -> Path | None:
    """The .env file to read: ``FACTCHECK_ENV_FILE`` (a path, or ``off`` for none), else
    ``default`` when it exists."""
    raw = os.environ.get("FACTCHECK_ENV_FILE", "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        if not Path(raw).is_file():
            raise ImproperlyConfigured(
                f"FACTCHECK_ENV_FILE={raw!r} is not a file (give a path, or off for none)."
            )
        return Path(raw)
    return default if default.is_file() else None


def load_env_file(path: Path | None) -> None:
    """Use the values of the file at ``path`` (None: no file) where the environment has
    none."""
    _file_values.clear()
    if path is not None:
        _file_values.update(read_env_file(path))


def env_str(name: str, default: str | None = None) -> str | None:
    # A variable in the environment wins over the file, even when it is empty.
    value = os.environ[name] if name in os.environ else _file_values.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_required(name: str) -> str:
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is neither true ({', '.join(sorted(_TRUE))}) "
        f"nor false ({', '.join(sorted(_FALSE))})."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}.")
    return number


def env_float(name: str, default: float) -> float:
    value = env_str(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default: str) -> str:
    """An http(s) address (scheme and host, optionally a path it is mounted under), always
    ending in ``/`` so relative paths join under it."""
    value = env_str(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an http(s) address such as https://desk.example.org/."
        )
    return value if value.endswith("/") else value + "/"


def env_origins(name: str) -> list[str]:
    """Comma-separated web origins (``https://newsroom.example.org``, a port if not the
    scheme's own), read as a browser sends them in ``Origin`` (lower case, no default
    port). Anything after the host and port, even a ``/``, is an error: such an origin
    would never match, silently."""
    origins = []
    for value in env_list(name):
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.username is not None
            # Nothing after the host and port: no path, "/", "?" or "#".
            or value.lower() != f"{parts.scheme}://{parts.netloc}".lower()
        ):
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not a web origin such as https://newsroom.example.org "
                "(scheme and host, a port if needed, no path or trailing slash)."
            )
        value = value.lower()
        if parts.port == {"http": 80, "https": 443}[parts.scheme]:
            value = value.rpartition(":")[0]
        origins.append(value)
    return origins

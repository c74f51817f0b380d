"""Write a checkout's development settings to .env, once: `make install` runs this.

    python scripts/write_dev_env.py [PATH]    (default: .env)

DEBUG=true and a freshly generated SECRET_KEY, readable by its owner only. An existing file
is never touched: it may hold the user's own settings. factcheck/settings.py reads the file
when present; the environment wins over it. It is git- and docker-ignored, so no image has it.
"""

from __future__ import annotations

import os
import secrets
import sys

CONTENT = """\
# Development settings for this checkout, written once by `make install` (delete the file
# to get a new one). factcheck/settings.py reads it when it exists; environment variables
# win over it. Never copied into an image (.dockerignore) nor committed (.gitignore).
DEBUG=true
SECRET_KEY={key}
"""


def main(path: str = ".env") -> int:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{path} exists; left as it is.")
        return 0
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(CONTENT.format(key=secrets.token_urlsafe(50)))
    print(f"Wrote {path}: DEBUG=true and a new SECRET_KEY, for this checkout only.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))

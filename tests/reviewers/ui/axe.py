"""axe-core, the accessibility engine the browser tests run on each page.

It comes from the npm registry, pinned by version and by the integrity hash the registry
publishes for that version, into ``var/node/`` (ignored by git, never committed). Nothing
is fetched when the pinned version is already there. ``.ci/run`` installs it before the
tests with ``python -m tests.reviewers.ui.axe``; the tests' fixture does the same when it is
missing. Standard library only, so it runs before Django is set up.

To move to a newer release: ``npm view axe-core version``, then
``npm view axe-core@<version> dist.integrity``, and change the two constants below.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="  # noqa: E501 - as npm prints it

ROOT = Path(__file__).resolve().parents[3]
NODE_DIR = ROOT / "var" / "node"
HOME = NODE_DIR / f"axe-core-{VERSION}"
SCRIPT = HOME / "axe.min.js"
# Kept beside the script: the licence it is distributed under, and its own package data.
MEMBERS = ("axe.min.js", "package.json", "LICENSE")


class InstallError(RuntimeError):
    """axe-core could not be fetched or did not match its pin."""


def installed() -> Path | None:
    """The pinned axe.min.js, if it is already in place."""
    return SCRIPT if SCRIPT.is_file() else None


def install() -> Path:
    """Fetch the pinned axe-core from the npm registry unless it is there; return axe.min.js."""
    if (found := installed()) is not None:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm is not installed (Debian: apt-get install npm)")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=NODE_DIR, prefix=".axe-") as tmp:
        work = Path(tmp)
        try:
            done = subprocess.run(
                [npm, "pack", "--json", "--pack-destination", str(work), f"axe-core@{VERSION}"],
                cwd=work,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise InstallError(f"npm pack axe-core@{VERSION} took over {exc.timeout} s") from exc
        if done.returncode != 0:
            raise InstallError(
                f"npm pack axe-core@{VERSION} failed ({done.returncode}): {done.stderr.strip()}"
            )
        [packed] = json.loads(done.stdout)
        tarball = work / packed["filename"]
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if f"sha512-{digest}" != INTEGRITY:
            raise InstallError(
                f"axe-core@{VERSION} from the registry is sha512-{digest}, pinned {INTEGRITY}"
            )
        unpacked = work / "unpacked"
        unpacked.mkdir()
        with tarfile.open(tarball) as archive:
            for name in MEMBERS:
                member = archive.getmember(f"package/{name}")
                if not member.isfile():
                    raise InstallError(f"package/{name} in {tarball.name} is not a file")
                (unpacked / name).write_bytes(archive.extractfile(member).read())
        version = json.loads((unpacked / "package.json").read_text())["version"]
        if version != VERSION:
            raise InstallError(f"the package says it is axe-core {version}, not {VERSION}")
        # All or nothing: a run cut short leaves no half-written folder to be taken as done.
        try:
            unpacked.rename(HOME)
        except OSError:
            if installed() is None:  # not merely another run that finished first
                raise
    return SCRIPT


if __name__ == "__main__":
    try:
        print(install())
    except InstallError as exc:
        sys.exit(f"axe-core: {exc}")

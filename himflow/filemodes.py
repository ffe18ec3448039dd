"""Files at rest are the owner's only: files 0600, folders 0700.

Everything the stack keeps in its data dir is PHI or a credential (the SQLite database, the
object store's volumes, the broker's segments, logs, the settings file with generated keys),
and a copy or backup keeps the mode it had. ``private_umask`` (umask 077) is set when a
`himflow` command starts, so whatever it or its children create is private;
``secure_tree`` brings a data dir written by an older version (or copied in) back to those
modes. Symlinks are left alone (their target is not ours to change).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600


def private_umask() -> int:
    """Set umask 077 for this process (and what it starts); returns the previous one."""
    return os.umask(PRIVATE_UMASK)


def secure_tree(root: Path) -> int:
    """chmod ``root`` and everything under it to 0700 (folders) / 0600 (files). Returns how
    many entries had to change. Missing entries (a file removed meanwhile) are skipped."""
    changed = 0
    root = Path(root)
    if not root.exists():
        return 0
    for dirpath, _dirnames, filenames in os.walk(root, followlinks=False):
        entries = [(dirpath, DIR_MODE)] + [(os.path.join(dirpath, n), FILE_MODE) for n in filenames]
        for name, mode in entries:
            try:
                st = os.lstat(name)
                if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
                    continue
                os.chmod(name, mode)
            except FileNotFoundError:
                continue
            changed += 1
    if changed:
        log.info("data dir modes tightened: %d entries set to 0700/0600", changed)
    return changed

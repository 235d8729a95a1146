"""Where ``export -o`` and ``report -o`` may write: a new file, or an earlier export, never a data file.

A mistyped ``-o portfolios/kerry-lewis.yml`` would otherwise replace a portfolio with JSON, and its
private records and check-in notes with it.
"""

from __future__ import annotations

import os
import stat

from .protected import data_places, docs_dirs, inside_git, real, relation

REPLACEABLE = (".json", ".csv", ".txt")
"""The kinds of file an export or a report is written as: only these may be written over."""


def refusal(output: str, data: str, example: str) -> str | None:
    """Why ``output`` may not be written (with what to do instead), or None when it may.

    ``data`` is the data folder the command reads; ``example`` a file name to suggest.
    """
    why = _why(output, data)
    if why is None:
        return None
    return f"cannot write to {output}: {why}. Write to a new file outside the data instead, such as {example}"


def _why(output: str, data: str) -> str | None:
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if mode is not None and stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if mode is not None and not stat.S_ISREG(mode):
        return "it is a special file (a device, a pipe or a socket), not an ordinary file"
    target = real(output)
    for place in data_places(data, docs_dirs(data)):
        if relation(target, place.path) == "inside":
            return f"it is inside {place.name}, which must hold only {place.holds}"
    if inside_git(target):
        return "it is inside a .git folder, which only git may write"
    name = os.path.basename(target)
    if mode is not None and not name.lower().endswith(REPLACEABLE):
        kind = "a data file" if name.lower().endswith((".yml", ".yaml", ".md")) else "a file growthsite did not write"
        return (f"it is {kind}, and writing would replace it; "
                f"only an earlier export or report ({', '.join(REPLACEABLE)}) is written over")
    return None

"""Entry point: parse arguments, set up logging, start the command line (or, later, the app)."""

from __future__ import annotations

import logging
import os
import sys


def main() -> int:
    level = logging.DEBUG if os.environ.get("EXPOSURE_CHECKER_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    from checker import cli

    args = sys.argv[1:]
    if not args:
        # The desktop window arrives with the desktop-app issue; until then say so plainly.
        from checker.wording import say

        print(
            say("no_gui", "fr" if os.environ.get("LANG", "").startswith("fr") else "en"),
            file=sys.stderr,
        )
        return cli.main(["--help"])
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())

"""Entry point: set up logging, then start the desktop app (no arguments) or the command line."""

from __future__ import annotations

import logging
import os
import sys


def main() -> int:
    level = logging.DEBUG if os.environ.get("EXPOSURE_CHECKER_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    args = sys.argv[1:]
    if args == ["--self-test"]:
        from ui import app

        return app.self_test()
    if not args:
        from ui import app

        return app.run(sys.argv)
    from checker import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())

"""Exit statuses shared by every command: scripts can rely on them."""

EXIT_OK = 0  # everything given was checked
EXIT_FAILED = 1  # something could not be done or read (the rest was still reported)
EXIT_SOME_FAILED = EXIT_FAILED
EXIT_USAGE = 2  # the command line itself was wrong

"""The ``govcx`` console command: Django management with govcx's settings preselected."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcx.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["govcx", *sys.argv[1:]])


if __name__ == "__main__":
    main()

"""The frozen program's entry script: the same entry point as the ``jiuzhu`` command."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())

"""`python -m juesuan.cli …`, the same as the `juesuan` command."""
import sys

from . import main

sys.exit(main())

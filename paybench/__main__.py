import sys

from paybench.cli import main

sys.exit(main())

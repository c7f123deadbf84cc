#!/usr/bin/env python3
"""Check the devset8 gold files against their own articles (never against system output), with devset5's checker:

    python tests/devset8_tools/check_gold.py

Same checks and conventions as tests/devset5_tools/check_gold.py; reads only files under tests/devset8/.
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("devset5_check_gold", HERE.parent / "devset5_tools" / "check_gold.py")
checker = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(checker)  # type: ignore[union-attr]

if __name__ == "__main__":
    sys.exit(checker.main(HERE.parent / "devset8"))

"""Check the devset11 gold files against their own articles (never against system output):

    python3 tests/devset11_tools/check_gold.py

devset9's checker (tests/devset9_tools/check_gold.py), run on tests/devset11: devset11 follows devset9's structure
and conventions, every part annotated, no "score" list. Reads only files under tests/devset11/.
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("devset9_check_gold", HERE.parent / "devset9_tools" / "check_gold.py")
devset9_checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(devset9_checker)

if __name__ == "__main__":
    sys.exit(devset9_checker.main(HERE.parent / "devset11"))

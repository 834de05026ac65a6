"""Cold start of two trees in the same minutes: each tree's own ``timing.cold_start()`` (the
median wall and CPU seconds of 5 fresh processes per command), the trees alternated A B A B...

    python3 bench/geocoding/cold_ab.py [TREE ...]   (default: /work/wt-base and this tree)

``ROUNDS`` (environment, default 3) rounds; each line starts with the round, the tree and the
load average. Compile the bytecode of both trees first (``compileall``), or both compile
from source.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
CODE = (
    "import os, sys; sys.path.insert(0, 'bench/geocoding'); import timing; "
    "r = timing.cold_start(); "
    "print(os.getloadavg()[0], {k: (round(w, 3), round(c, 3)) for k, (w, c) in r.items()})"
)


def main() -> None:
    """Alternate the trees, printing one line per tree and round."""
    trees = sys.argv[1:] or ["/work/wt-base", str(HERE)]
    for round_ in range(int(os.environ.get("ROUNDS", "3"))):
        for tree in trees:
            out = subprocess.run(  # noqa: S603
                ["nice", "-n", "5", f"{tree}/.venv/bin/python", "-c", CODE],  # noqa: S607
                cwd=tree,
                env={**os.environ, "PYTHONPATH": "."},
                capture_output=True,
                text=True,
                check=False,
            )
            print(round_, tree, out.stdout.strip(), out.stderr.strip()[-300:], flush=True)


if __name__ == "__main__":
    main()

"""The ``speechkit`` command's entry point.

A drafting command lives a fraction of a second and makes no garbage cycles
worth collecting, yet the collector would walk its heap of imported modules
again and again while it loads and drafts; it stays off. ``extract`` and
``outline``, which read a corpus for as long as it takes, turn it back on.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from speechkit.cli import main as run

    run()

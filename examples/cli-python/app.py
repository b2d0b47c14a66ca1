"""A wasi:cli command in Python.

Greets the name given as its one argument, or each line of its standard input, or the world, with
GREETING (default "Hello"); several names from stdin end with how many there were, in words (the
pure-Python package humanize, from requirements.txt, is bundled into the component). Two arguments are
a usage error, exit 1 (WASI 0.2's exit takes ok or error, not a code).

componentize-py generates the `wit_world` package for the world (wasi:cli/command): the component's
`run` export calls `Run().run()`. Arguments, environment and stdio reach Python as usual.
"""

import os
import sys

import humanize
from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        args = sys.argv[1:]
        if len(args) > 1:
            print("usage: greet [NAME]", file=sys.stderr)
            sys.exit(1)
        greeting = os.environ.get("GREETING", "Hello")
        names = args or [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
        for name in names or ["world"]:
            print(f"{greeting}, {name}!")
        if len(names) > 1:
            print(f"({humanize.apnumber(len(names))} names)")

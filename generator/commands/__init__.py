"""The subcommands of the command line, one module each; `cli` parses and dispatches to them.

In: the parsed arguments. Out: an exit code, and what the user reads on stdout and stderr.
A subcommand is a module here with `NAME`, `HELP`, `arguments(parser)` and `main(args)`,
named once in `cli.COMMANDS`. `target` is what `generate` and `check` work on, `config` reads
`[tool.graph-codegen]` from the nearest pyproject.toml, `metadata` finds the CSDL document.
"""

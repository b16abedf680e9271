"""What the command line does beyond the pipeline, one module per concern; only `cli` imports here.

In: parsed arguments. Out: an exit code and what the user reads. `config` reads
`[tool.graph-codegen]` from the nearest pyproject.toml; `drift` holds specs against a service's
CSDL metadata.
"""

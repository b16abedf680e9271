"""The first stage: spec files to typed specs.

In: the YAML files of a specs folder. Out: `Loaded`, typed `Spec` values checked against the
format's JSON Schema (`spec.schema.json`), with every problem located as `file:line: field: message`.
`yamlsource` keeps the line of every value, `cache` keeps parsed specs between runs by their hash.
"""

"""The check stage: every spec against the others, every problem of every spec in one run.

In: `Loaded` specs and the names the runtime reserves (`reserved`). Out: the checked `Schema`
(every type resolved, every Python name decided once) and the tree of its routes (`pathtree`),
or one `InputError` with all the problems. `stage` runs it; `resolve` and `typechecks` hold the rules.
"""

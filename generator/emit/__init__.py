"""The last stage and the driver: the whole build, then written, compared or diffed.

In: a target (specs, templates, output folder) and a mode. Out: the output tree written with
its manifest, or the drift from it. `pipeline` runs the stages (load, check, model, render,
format) without writing; `run` decides per mode; `files` owns the output folder; `manifest` and
`fingerprint` record what went in and came out; `apidiff` says what a regenerate changes in the API.
"""

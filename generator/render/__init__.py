"""The model to source text: Jinja templates, then black, in-process; nothing touches disk.

In: the render-ready model and the template folders (`templates`: a user's folder over the
shipped ones). Out: `{relative path: source}` rendered by `jinja` and formatted by `format`.
"""

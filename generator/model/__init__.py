"""The checked schema to the render-ready model: what the templates print, computed and escaped.

In: the `Schema` and its route tree. Out: `Resource` values (`resources`), request-builder classes
(`navigation`, their `methods`), the sample payloads of the generated tests (`testdata`); every
piece of spec text passes through `escape` and reaches the templates as `Code`.
"""

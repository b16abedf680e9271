"""What OData and Graph say, and how it becomes Python names: the ground the pipeline stands on.

In: OData type names as specs write them, Graph names, a CSDL `$metadata` document.
Out: the one type table (`types`), structured type references (`typeref`), every Python
identifier of the output (`naming`), and a located model of the CSDL document (`csdl`).
"""

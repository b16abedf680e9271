"""The specs of a run built, one type at a time: in come the named types and the context; out
come the closure of every type they need and, for each, its spec as plain data (properties,
read-only fields, navigation, operations) with the log of its decisions."""

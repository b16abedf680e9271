"""A type's operations: in come the pages its Methods table links (or the metadata's entity
container and bound operations) and the run's context; out come the spec's operations, paths,
bound actions, functions and streams, as plain data with every decision logged."""

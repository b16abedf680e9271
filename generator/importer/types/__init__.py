"""The types of one run: in come the index of the docs (and the metadata, when given); out come
the catalog (each type read once, its kind, base and type cells resolved), the types a user
names, their spec file names, and the context every later stage reads."""

"""Reading the docs folder: in come the markdown files of a Graph docs folder; out come located
facts (resource pages, API pages, their tables and type cells, the index of every type a folder
documents), before any decision about a spec. It imports no importer module above."""

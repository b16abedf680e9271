"""What an import hands the user: in come the agreed specs as plain data; out come YAML texts,
spec files written whole or not at all, the plan and record that keep a reviewer's edits over a
re-import, and the summary printed at the end."""

"""How the tool talks to its user, used by every stage below.

In: problems found anywhere (a file, a line, a message). Out: one `InputError` that prints them
all as `file:line: message` and exits 2, and the one terminal line that shows a long run's progress.
"""

"""Reading what a user gives us, safely: one home for every input boundary.

    files      bounded reads: regular files (or stdin) only, size checked while reading
    safeyaml   YAML with aliases counted, tags refused and bad dates or numbers as errors
    markdown   the line lexer shared by company.md, lint and corpus import
    html       HTML to the Markdown-like text the lexer reads
    clean      control characters out, one-line fields, short quotes of bad values

Every function here is linear in its input (no regex with overlapping quantifiers
sees user text), so a small file can never take long. Modules are imported on
demand; this package imports nothing heavy.
"""

"""One report: its values, the model of its sections and tables, the problems found in it,
the templates of a new one, and how two of them differ and merge. Plain Python: below
everything but the format description (formats/) and text helpers (text/)."""

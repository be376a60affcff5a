"""Text as a terminal and a reader see it: visible characters, display width, collation."""

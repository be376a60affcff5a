"""The terminal editor (Textual). Only this package imports Textual."""

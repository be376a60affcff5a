"""Widgets the editor and the folder view share: the grid, text areas, fields, dialogs,
pickers and the key line."""

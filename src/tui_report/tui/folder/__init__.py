"""The folder view: the list of a folder's reports, its columns, keys and checks."""

"""The report editor's screen and the pieces it is made of."""

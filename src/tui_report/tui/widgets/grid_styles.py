"""The styles a grid draws its lines with, each taken once until the styles change.

Textual forgets a widget's component styles at every refresh, and its own style
(``rich_style``) is worked out from every ancestor each time it is asked; a grid draws
each line with several of them, so that the few lines an edit repaints took them all
anew. Here each is kept until Textual tells of a change of styles (a theme, a class, a
focus: ``notify_style_update``, as Textual's DataTable does for its own caches).
"""

from __future__ import annotations

from rich.style import Style
from textual.scroll_view import ScrollView


class StyledLines(ScrollView):
    """A scroll view that draws lines with its own style and its component styles."""

    _line_styles: dict[str, Style] | None = None

    def line_style(self, component: str = "") -> Style:
        """The widget's style, with ``component``'s on top of it (if given)."""
        styles = self._line_styles
        if styles is None:
            styles = self._line_styles = {}
        style = styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style = style + self.get_component_rich_style(component)
            styles[component] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_styles = None

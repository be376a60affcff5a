"""A bare Textual app: one TextArea, soft-wrapped, holding one paragraph of 5,000
characters on a single line, the cursor at its end. Type into it: each key takes tens of
milliseconds, most of them in TextArea re-making the whole line for every row on screen
(``TextArea.get_line`` builds a ``rich.text.Text`` of the whole line, whose constructor
strips control codes from all of it; ``_render_line`` then divides all of it at the wrap
offsets), the same for each of the rows the paragraph covers on screen. The minimal
reproduction of docs/upstream/textarea-long-line.md; the baseline of the long-paragraph
benchmark (``long_paragraph.py``).

    python benchmarks/textarea_long_line.py [CHARACTERS]
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import TextArea

SENTENCES = (
    "本机关坚持以公开为常态、不公开为例外，",
    "全年主动公开政府信息一千八百六十二条，",
    "依申请公开办理五十一件并全部按期答复，",
    "完成门户网站集约化改造与政策解读工作，",
    "将政务公开纳入年度绩效考核并组织培训。",
)


def paragraph(characters: int = 5_000) -> str:
    """One paragraph of ``characters`` characters (Chinese, as the reports' texts are)."""
    text = "".join(SENTENCES) * (characters // len("".join(SENTENCES)) + 1)
    return text[: characters - 1] + "。"


class LongLine(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, soft_wrap=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)


if __name__ == "__main__":
    LongLine(paragraph(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)).run()

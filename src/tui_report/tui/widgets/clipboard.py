"""Whether a copy (Ctrl+C, Ctrl+R) can reach the clipboard of the user's computer, and
what to say: 已复制 only where it is known to get there.

A terminal program copies by writing an escape sequence (OSC 52) that the terminal
may act on; nothing comes back to say whether it did. What can be known:

- inside tmux (``$TMUX``), tmux takes the sequence only when its ``set-clipboard``
  option is ``on`` (it keeps the text as a tmux buffer and passes it on to the
  terminal outside when that terminal supports it); at the default ``external`` and at
  ``off`` it drops it (tmux's manual; tmux issues #1864, #3333). ``tmux show-options
  -sv set-clipboard`` says which;
- GNU screen (``$STY``) drops it; the Linux console (``TERM=linux``) has no clipboard;
  macOS's Terminal ignores it;
- some terminals take it as they come (kitty, Alacritty, foot, WezTerm, Ghostty,
  Windows Terminal), known by ``$TERM`` or, locally, ``$TERM_PROGRAM`` / ``$WT_SESSION``;
- anything else — most often an SSH client on Windows (PuTTY, Xshell, SecureCRT) with
  ``TERM=xterm`` — may or may not: PuTTY ignores it, others ask or have a setting.

Where the copy may not arrive, the message shows the text itself, to read off or to
select with the mouse, and says how to make copying work. Pure Python, no Textual.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from enum import Enum

# $TERM of terminals that take OSC 52 by default (they also keep it over SSH)
KNOWN_TERMS = ("xterm-kitty", "alacritty", "foot", "foot-extra", "wezterm", "xterm-ghostty")
KNOWN_PROGRAMS = ("WezTerm", "ghostty")  # $TERM_PROGRAM, set by the local terminal


class Reach(Enum):
    TERMINAL = "terminal"  # a terminal known to take it
    TMUX = "tmux"  # tmux with set-clipboard on: kept by tmux, passed on where it can be
    UNKNOWN = "unknown"  # may or may not arrive (PuTTY does not)
    TMUX_OFF = "tmux-off"  # tmux drops it (set-clipboard external or off)
    SCREEN = "screen"  # GNU screen drops it
    NONE = "none"  # a terminal without a clipboard for programs (the Linux console)


def tmux_set_clipboard(timeout: float = 1.0) -> str | None:
    """tmux's ``set-clipboard`` (on, external, off), or None when it cannot be asked."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    try:
        done = subprocess.run(
            [tmux, "show-options", "-sv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def clipboard_reach(
    environ: Mapping[str, str], tmux_option: Callable[[], str | None] | None = None
) -> Reach:
    """Where a copy made now goes, from the environment (and tmux's option, asked)."""
    term = environ.get("TERM", "")
    if environ.get("TMUX"):
        option = (tmux_option or tmux_set_clipboard)()
        if option == "on":
            return Reach.TMUX
        return Reach.TMUX_OFF if option in ("external", "off") else Reach.UNKNOWN
    if environ.get("STY"):
        return Reach.SCREEN
    if term in ("linux", "dumb", "") or environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return Reach.NONE
    if term in KNOWN_TERMS or term.startswith(tuple(f"{t}-" for t in KNOWN_TERMS)):
        return Reach.TERMINAL
    if environ.get("TERM_PROGRAM") in KNOWN_PROGRAMS or environ.get("WT_SESSION"):
        return Reach.TERMINAL
    return Reach.UNKNOWN


IN_THIS_EDITOR = "本编辑器中可用 Ctrl+V 粘贴"
WHY_NOT = {
    Reach.TMUX_OFF: "tmux 未开启 set-clipboard，不转交复制的内容"
    "（运行 tmux set -s set-clipboard on 后再复制即可）",
    Reach.SCREEN: "GNU screen 不转交复制的内容",
    Reach.NONE: "此终端没有供程序复制的剪贴板",
}


def copy_message(reach: Reach, copied: str, row_values: int | None = None) -> str:
    """The status line after copying ``copied`` (a cell's value, or a row's values
    separated by tabs, ``row_values`` of them)."""
    if row_values is None:
        subject, where, text = f" {copied or '（空）'} ", "可粘贴到表格软件", copied or "（空）"
    else:
        subject = f"整行 {row_values} 个值"
        where = "以 Tab 分隔，可粘贴到表格软件"
        text = f"{subject}：{copied.replace(chr(9), ' ')}"
    if reach is Reach.TERMINAL:
        return f"已复制{subject.rstrip()}（{where}）"
    if reach is Reach.TMUX:
        return (
            f"已复制{subject}到 tmux（tmux 中按前缀键再按 ] 粘贴；"
            f"外面的终端支持 OSC 52 时也{where}）"
        )
    if reach is Reach.UNKNOWN:
        return (
            f"已把{subject}发给终端的剪贴板（OSC 52），终端是否收下无从得知："
            f"粘贴不出时（如 PuTTY 不支持）请照抄 {text}；{IN_THIS_EDITOR}"
        )
    return f"未能复制到剪贴板：{WHY_NOT[reach]}；请照抄 {text}；{IN_THIS_EDITOR}"

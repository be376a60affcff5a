"""tomllib's syntax errors told in Chinese, with the place they point to."""

from __future__ import annotations

import re

# Every message of tomllib, in Chinese (the English never reaches a user).
_TOML_MESSAGES = (
    ("Expected '=' after a key", "键后面缺少“=”"),
    ("Expected ']' at the end of a table declaration", "表头缺少“]”"),
    ("Expected ']]' at the end of an array declaration", "表数组的表头缺少“]]”"),
    ("Expected newline or end of document after a statement", "一行只能写一个键值（此处多了内容）"),
    ("Invalid value", "无效的值（文字要加英文双引号，数字不要加单位）"),
    ("Invalid statement", "无法识别的语句"),
    ("Invalid date or datetime", "无效的日期或时间"),
    ("Invalid hex value", "无效的 \\u 转义"),
    ("Invalid initial character for a key part", "键的开头字符无效"),
    ("Unclosed array", "数组缺少“]”"),
    ("Unclosed inline table", "内联表缺少“}”"),
    ("Unterminated string", "字符串缺少结束引号"),
    ("Unescaped '\\' in a string", "字符串中的“\\”需要写成“\\\\”"),
    ("Escaped character is not a Unicode scalar value", "转义的字符不是有效的 Unicode 字符"),
    ("Cannot declare", "同一个表声明了两次"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot mutate immutable namespace", "不能再向已写完的内联表或数组添加键"),
    ("Cannot redefine namespace", "不能重新定义已有的表"),
    ("Duplicate inline table key", "内联表中同一个键写了两次"),
    ("Illegal character", "非法字符（如控制字符）"),
    ("Found invalid character", "非法字符（如控制字符）"),
    ("Expected", "此处缺少应有的符号"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def syntax_error(detail: str, text: str) -> tuple[str, int, int]:
    """The message (Chinese only: the English never reaches a user), line and column of
    a tomllib error ``detail`` about ``text``."""
    at = _AT.search(detail)
    english = _AT.sub("", detail).strip()
    chinese = next((zh for en, zh in _TOML_MESSAGES if english.startswith(en)), None)
    message = f"TOML 语法错误：{chinese or '无法识别的内容'}"
    if at:
        return message, int(at.group(1)), int(at.group(2))
    opened = unclosed_bracket(text)  # "(at end of document)": what was left open, if any
    if opened is not None:
        bracket, line, column = opened
        what = "数组缺少“]”" if bracket == "[" else "内联表缺少“}”"
        return f"TOML 语法错误：{what}（从这里开始，到文件末尾仍未结束）", line, column
    lines = text.split("\n")  # where the file ends
    if english.startswith("Invalid value"):  # "a =" and nothing after it
        message = "TOML 语法错误：“=”后面缺少值"
    return message + "（到文件末尾仍未结束）", len(lines), len(lines[-1]) + 1


def unclosed_bracket(text: str) -> tuple[str, int, int] | None:
    """The innermost ``[`` or ``{`` of a value still open at the end of ``text`` (strings
    and comments skipped), with its line and column; None when every one is closed.
    tomllib says only "Invalid value (at end of document)" for ``a = [``."""
    stack: list[tuple[str, int, int]] = []
    line, start, i, size = 1, 0, 0, len(text)
    in_value = False  # after "=" on a line, or inside brackets: "[" opens an array
    while i < size:
        ch = text[i]
        if ch == "\n":
            line, start = line + 1, i + 1
            in_value = bool(stack)
        elif ch == "#":
            end = text.find("\n", i)
            i = size if end < 0 else end
            continue
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            i = _string_end(text, i + len(quote), quote)
            if i < 0:
                return None  # an unterminated string: tomllib says so itself
            line += text.count("\n", start, i)
            start = text.rfind("\n", 0, i) + 1 if "\n" in text[:i] else 0
            continue
        elif ch == "=":
            in_value = True
        elif ch in "[{" and (in_value or ch == "{"):
            stack.append((ch, line, i - start + 1))
        elif ch in "]}" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


def _string_end(text: str, i: int, quote: str) -> int:
    """The index after the string whose body starts at ``i``; -1 when it never ends."""
    while i < len(text):
        if text.startswith(quote, i):
            return i + len(quote)
        if text[i] == "\\" and quote[0] == '"':
            i += 2
            continue
        if text[i] == "\n" and len(quote) == 1:
            return -1
        i += 1
    return -1

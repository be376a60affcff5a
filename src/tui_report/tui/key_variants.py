"""Letter and punctuation keys as a Chinese user types them.

With a Chinese input method, Latin letters are typed with Caps Lock on (``E``, not
``e``), some input methods send full-width letters (``Ｅ``), and in Chinese
punctuation mode ``?`` arrives as ``？``, ``/`` as ``、``, ``<`` as ``《``. A key the
program names in lower case (``e``, ``question_mark``) answers to all of these: the
bindings are made with ``with_variants`` and the dialogs that read keys themselves
compare ``canonical(event.key)``.
"""

from __future__ import annotations

from functools import cache

# Chinese punctuation mode's character for a key, as Textual names both.
IME_PUNCTUATION: dict[str, tuple[str, ...]] = {
    "question_mark": ("fullwidth_question_mark",),
    "slash": ("ideographic_comma", "fullwidth_solidus"),
    "less_than_sign": ("left_double_angle_bracket", "fullwidth_less_than_sign"),
    "greater_than_sign": ("right_double_angle_bracket", "fullwidth_greater_than_sign"),
    "comma": ("fullwidth_comma",),
    "full_stop": ("ideographic_full_stop", "fullwidth_full_stop"),
}

_FULL_WIDTH_SHIFT = 0xFEE0  # ｅ is e + this


def variants(key: str) -> list[str]:
    """Every key that stands for ``key``: ``e`` → e, E, ｅ, Ｅ; ``slash`` → slash, 、, ／."""
    if len(key) == 1 and key.isascii() and key.isalpha():
        letters = (key.lower(), key.upper())
        full_width = tuple(chr(ord(letter) + _FULL_WIDTH_SHIFT) for letter in letters)
        return [*letters, *full_width]
    return [key, *IME_PUNCTUATION.get(key, ())]


def with_variants(keys: str) -> str:
    """A binding's keys (``e,ctrl+f``) with every variant of each: what Binding takes."""
    return ",".join(variant for key in keys.split(",") for variant in variants(key.strip()))


@cache
def _canonical_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, others in IME_PUNCTUATION.items():
        for other in others:
            names[other] = key
    return names


def canonical(key: str) -> str:
    """The key a typed key stands for: ``E``, ``Ｅ`` → e; ``fullwidth_question_mark`` →
    question_mark; any other key unchanged."""
    if len(key) == 1:
        code = ord(key)
        if 0xFF10 <= code <= 0xFF19:  # ０ … ９: an answer by number typed in full width
            return chr(code - _FULL_WIDTH_SHIFT)
        letter = chr(code - _FULL_WIDTH_SHIFT) if 0xFF21 <= code <= 0xFF5A else key  # Ａ … ｚ
        return letter.lower() if letter.isascii() and letter.isalpha() else key
    if key.startswith("fullwidth_digit_"):  # as Textual names ２ where it sends no character
        return str(_DIGIT_NAMES.index(key.removeprefix("fullwidth_digit_")))
    return _canonical_names().get(key, key)


_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

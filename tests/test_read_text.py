"""Text and Markdown: encodings, markup stripping, web residue, hard-wrapped lines."""

from __future__ import annotations

import pytest

from extractors.read_text import (
    NotText,
    decode_bytes,
    drop_boilerplate_lines,
    is_boilerplate_line,
    join_wrapped_lines,
    markdown_to_text,
    table_marker,
    table_text,
)

SENTENCE = "The café’s “menu” costs 5 € – a naïve résumé of Köln’s defence plans."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_read_text_decodes_common_encodings(encoding: str) -> None:
    assert decode_bytes(((SENTENCE + "\n") * 3).encode(encoding)) == (SENTENCE + "\n") * 3


def test_read_text_decodes_latin1_german() -> None:
    text = "Köln und Düsseldorf sind Städte an der Grenze, schön und groß.\n"
    assert decode_bytes(text.encode("latin-1")) == text


def test_read_text_decodes_cp1250_polish() -> None:
    text = "Zażółć gęślą jaźń – polskie znaki w tekście o bezpieczeństwie państwa i sojuszu.\n" * 3
    assert decode_bytes(text.encode("cp1250")) == text


def test_read_text_rejects_binary() -> None:
    with pytest.raises(NotText, match="binary content, not text"):
        decode_bytes(bytes(range(256)) * 8)


def test_read_text_boilerplate_lines() -> None:
    assert is_boilerplate_line("Udostępnij")
    assert is_boilerplate_line("Share  |  Tweet  |  Email")
    assert is_boilerplate_line("Teilen")
    assert is_boilerplate_line("Partager cet article")
    assert not is_boilerplate_line("Share of GDP rose to 2%.")
    assert not is_boilerplate_line("Allies share the burden of defence.")
    text = "First paragraph.\n\nSecond paragraph.\n\nShare\nTweet\n\nUdostępnij"
    assert drop_boilerplate_lines(text).strip() == "First paragraph.\n\nSecond paragraph."


def test_read_text_joins_hard_wrapped_lines() -> None:
    wrapped = (
        "Defence Review\n"
        "By Jane Doe\n"
        "\n"
        "The ministers agreed to increase the number of troops on high readiness\n"
        "to more than 300,000 and to station a brigade in Lithuania. The decision\n"
        "was welcomed in Vilnius, where officials had long asked for a permanent\n"
        "presence of allied forces in the country, and by neighbouring states.\n"
        "\n"
        "Critics noted that the plan depends on funding that several governments\n"
        "have yet to approve, and that recruitment targets were missed in 2023 by\n"
        "a wide margin in most of the armed forces of the alliance's members.\n"
    )
    joined = join_wrapped_lines(wrapped)
    lines = joined.split("\n")
    assert lines[:2] == ["Defence Review", "By Jane Doe"]
    assert "on high readiness to more than 300,000 and to station" in joined
    assert len([line for line in lines if line]) == 4


def test_read_text_keeps_unwrapped_text() -> None:
    text = "Short header\n" + "A long paragraph line that goes on. " * 10 + "\n" + "Another one here. " * 12
    assert join_wrapped_lines(text) == text


MARKDOWN = """---
title: "Arms control after New START"
author: Jane Doe and John Roe
date: 2024-03-12
---

# Arms control after New START

**Summary:** The treaty *expired* in February 2026, see [the text](https://example.org/treaty "treaty").

## What changed

- Inspections stopped in 2023[^1].
- Data exchanges ended.
1. First numbered point.

> A quoted line that
> continues here.

![chart](chart.png)

| Year | Warheads |
|------|---------:|
| 2023 | 1,550 |
| 2024 | 1,550 |

Code `New START` and __bold__ and snake_case_word stay.

[^1]: State Department, annual report 2023.
"""


def test_read_text_markdown_to_plain_text() -> None:
    result = markdown_to_text(MARKDOWN)
    blocks = result.text.split("\n\n")
    assert blocks[0] == "Arms control after New START"
    assert "Summary: The treaty expired in February 2026, see the text." in blocks
    assert "What changed" in blocks
    assert "Inspections stopped in 2023[1]." in blocks
    assert "First numbered point." in blocks
    assert "A quoted line that continues here." in blocks
    assert "Code New START and bold and snake_case_word stay." in blocks
    assert "chart" not in result.text and "|" not in result.text and "#" not in result.text


def test_read_text_markdown_tables_notes_and_front_matter() -> None:
    result = markdown_to_text(MARKDOWN)
    assert [t.rows for t in result.tables] == [[["Year", "Warheads"], ["2023", "1,550"], ["2024", "1,550"]]]
    assert result.footnotes == {"1": "State Department, annual report 2023."}
    assert result.text.endswith("[1] State Department, annual report 2023.")
    assert result.front_matter["title"] == "Arms control after New START"
    assert result.title == "Arms control after New START"
    blocks = result.text.split("\n\n")
    assert blocks[blocks.index(table_marker(0)) - 1] == "A quoted line that continues here."  # where the table was


def test_read_text_table_text_one_line_per_row() -> None:
    rows = [[None, "2022", "2023 "], ["Poland", "2.4", None], [None, "", None], ["United\nKingdom", "2.1", "2.3"]]
    assert table_text(rows, "Table 1:  Defence\nspending") == (
        "Table 1: Defence spending\n| 2022 | 2023\nPoland | 2.4 |\nUnited Kingdom | 2.1 | 2.3")
    assert table_text([[None, ""]]) == ""

"""Build the held-out PDF tests/devset2/gacf-new-start-expiry-2024.pdf (a two-page think-tank brief).

The layout is what makes it a test: a running header and page numbers on every page, a footnote at the foot of
page 1, and a ruled table that starts on page 1 and runs onto page 2 with its header row repeated.

    .venv/bin/python tests/devset2_tools/make_pdf.py
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
OUT = Path(__file__).resolve().parents[1] / "devset2" / "gacf-new-start-expiry-2024.pdf"

PUBLISHER = "Geneva Arms Control Forum"
SERIES = "Policy Brief No. 3/2024"
TITLE = "After New START: arms control without limits?"
AUTHORS = "Helena Kowalczyk and Rafael Mendes"
DATE = "24 June 2024"

SUMMARY = (
    "The last treaty limiting the American and Russian strategic arsenals expires in February 2026. No successor is "
    "in sight, China's arsenal is growing fast, and the risk of a three-way arms race is rising."
)

BEFORE_TABLE = [
    "The New Strategic Arms Reduction Treaty (New START), signed in Prague on 8 April 2010 by US President Barack "
    "Obama and Russian President Dmitry Medvedev, caps each side at 1,550 deployed strategic warheads and 700 "
    "deployed intercontinental ballistic missiles (ICBMs), submarine-launched ballistic missiles and heavy bombers. "
    "It was extended by five years in February 2021 and cannot be extended again; it will expire on 5 February 2026.",
    "The treaty's verification regime has already lapsed. On-site inspections were paused in March 2020 because of "
    "the Covid-19 pandemic and never resumed, and on 21 February 2023 President Vladimir Putin announced that Russia "
    "was suspending its participation. Moscow says it still respects the central limits, but it no longer exchanges "
    "data; the United States stopped sharing its own data in June 2023 in response. Russia also withdrew its "
    "ratification of the Comprehensive Nuclear-Test-Ban Treaty (CTBT) in November 2023, and the Intermediate-Range "
    "Nuclear Forces (INF) Treaty collapsed in August 2019.",
]

# The paragraph that carries the footnote mark: (text before the mark, text after it).
FOOTNOTED = (
    "The numbers remain far below their Cold War peak. In the 1980s the world held about 70,000 nuclear warheads. "
    "According to the Stockholm International Peace Research Institute (SIPRI),",
    " the global inventory stood at an estimated 12,121 in January 2024, of which 9,585 were in military stockpiles "
    "and 3,904 were deployed with missiles or aircraft. About 2,100 of the deployed warheads were kept on high "
    "operational alert, almost all of them belonging to Russia or the United States.",
)

FOOTNOTE = (
    "SIPRI Yearbook 2024: Armaments, Disarmament and International Security (Oxford University Press, 2024), "
    "chapter 7. SIPRI released these estimates on 17 June 2024."
)

TABLE_CAPTION = "Table 1. World nuclear forces, January 2024 (estimated number of warheads)"
TABLE = [
    ("Country", "Deployed warheads", "Stored warheads", "Total stockpile", "Total inventory"),
    ("United States", "1,770", "1,938", "3,708", "5,044"),
    ("Russia", "1,710", "2,670", "4,380", "5,580"),
    ("United Kingdom", "120", "105", "225", "225"),
    ("France", "280", "10", "290", "290"),
    ("China", "24", "476", "500", "500"),
    ("India", "0", "172", "172", "172"),
    ("Pakistan", "0", "170", "170", "170"),
    ("North Korea", "0", "50", "50", "50"),
    ("Israel", "0", "90", "90", "90"),
    ("Total", "3,904", "5,681", "9,585", "12,121"),
]
TABLE_SOURCE = "Source: SIPRI Yearbook 2024. Stockpile = deployed + stored; inventory adds retired warheads."

AFTER_TABLE = [
    "China is the fastest-growing nuclear power. Its stockpile rose from 410 warheads in January 2023 to 500 a year "
    "later, and the US Department of Defense projects that it will probably exceed 1,000 operational warheads by "
    "2030. Beijing has refused to join trilateral talks, arguing that its arsenal is a fraction of those of Russia "
    "and the United States, which together hold almost 90% of all nuclear weapons.",
    "Three outcomes are possible. The most likely, in our view, is a period without any binding limits after "
    "February 2026, in which both sides informally observe the New START ceilings as long as the other does. A "
    "second possibility is an upload: the United States could add several hundred warheads to its deployed missiles "
    "within months if it judged that China and Russia were building up together. A new treaty before 2026 appears "
    "highly unlikely; a looser political commitment, perhaps modelled on the Presidential Nuclear Initiatives of "
    "1991-1992, could be negotiated but would not be verifiable.",
    "Arms control has survived worse moments. Between 1972 and 2010 Washington and Moscow concluded a series of "
    "agreements even during periods of confrontation. But that required leaders on both sides to see limits as "
    "being in their interest. For now, neither Washington nor Moscow appears to do so.",
]

ABOUT = (
    "Helena Kowalczyk is director of the nuclear policy programme at the Geneva Arms Control Forum. Rafael Mendes is "
    "a research associate in the programme."
)

BODY_SIZE = 10.5
LINE = 5.6


class Brief(FPDF):
    def header(self) -> None:
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{PUBLISHER} | {SERIES}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, "After New START", align="R")
        self.ln(6)
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        if self.page_no() == 1:
            # The footnote sits above the page number, separated from the body by a short rule.
            self.set_y(-34)
            self.set_draw_color(0, 0, 0)
            self.line(self.l_margin, self.get_y(), self.l_margin + 45, self.get_y())
            self.ln(2)
            self.set_font("DejaVu", "", 8)
            self.char_vpos = "SUP"
            self.write(4, "1")
            self.char_vpos = "LINE"
            self.write(4, " " + FOOTNOTE)
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def paragraph(pdf: Brief, text: str) -> None:
    pdf.set_font("DejaVu", "", BODY_SIZE)
    pdf.multi_cell(0, LINE, text, align="J")
    pdf.ln(2.5)


def build(out: Path = OUT) -> Path:
    pdf = Brief(format="A4")
    pdf.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=40)
    pdf.set_title(TITLE)
    pdf.set_author(AUTHORS)
    pdf.set_creator(PUBLISHER)
    pdf.set_creation_date(datetime(2024, 6, 24, 9, 0, tzinfo=UTC))
    pdf.add_page()

    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(0, 8, TITLE)
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 5, AUTHORS, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, DATE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "I", BODY_SIZE)
    pdf.multi_cell(0, LINE, SUMMARY)
    pdf.ln(3)

    for text in BEFORE_TABLE:
        paragraph(pdf, text)

    pdf.set_font("DejaVu", "", BODY_SIZE)
    pdf.write(LINE, FOOTNOTED[0])
    pdf.char_vpos = "SUP"
    pdf.write(LINE, "1")
    pdf.char_vpos = "LINE"
    pdf.write(LINE, FOOTNOTED[1])
    pdf.ln(LINE + 3)

    pdf.set_font("DejaVu", "B", 9.5)
    pdf.cell(0, 6, TABLE_CAPTION, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    with pdf.table(
        col_widths=(34, 24, 24, 24, 24),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="ALL",
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
        repeat_headings=1,
        line_height=6.5,
    ) as table:
        for row in TABLE:
            table.row(row)
    pdf.set_font("DejaVu", "I", 8.5)
    pdf.multi_cell(0, 4.5, TABLE_SOURCE)
    pdf.ln(4)

    for text in AFTER_TABLE:
        paragraph(pdf, text)
    pdf.set_font("DejaVu", "I", 9)
    pdf.multi_cell(0, 4.8, ABOUT)

    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build())

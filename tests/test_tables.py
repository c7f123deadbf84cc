"""Tables: flattened text tables rebuilt, reader tables cleaned, PDF tables through pdfplumber (fpdf2 fixtures)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest
from fpdf import FPDF

from extractors.document import Document, RawTable
from extractors.flattened_tables import find_flattened_tables, split_header, tail_splits
from extractors.pdf_tables import (
    crowded,
    figure_row,
    is_prose_row,
    line_words,
    merge_label_columns,
    not_a_table,
    repeats_rows,
    split_crowded_numbers,
    stream_tables,
    tables_from_pdf_page,
    without_echo_columns,
    without_leaders,
)
from extractors.readers import read_document
from extractors.records import Table
from extractors.tables import extract_tables
from flows.rows import table_rows

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "ies-nato-ap4-defence-ministers-2024.txt"
GOLD = SHARED / "gold" / "ies-nato-ap4-defence-ministers-2024.json"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_score(tables: list[Table], gold_tables: list[dict]) -> float:
    """Cell recall of the shared scorer's score_tables for these tables against gold tables."""
    scorer = load_scorer()
    cells = [cell for n, t in enumerate(tables, start=1) for cell in table_rows("doc", n, t)[1]]
    tally = scorer.Tally()
    scorer.score_tables(gold_tables, pd.DataFrame(cells), tally, [])
    return tally.scores()["r"]


def text_document(text: str, raw_tables: list[RawTable] | None = None) -> Document:
    return Document(doc_id="test", source="test.txt", format="txt", text=text, raw_tables=raw_tables or [])


def gold_of(columns: list[str], rows: list[list]) -> list[dict]:
    return [{"caption_hint": "", "columns": columns, "rows": rows}]


# ---------------------------------------------------------------- the seed


def test_tables_seed_reaches_gold():
    document = read_document(SEED)
    tables = extract_tables(document)
    gold = json.loads(GOLD.read_text())["tables"]
    assert table_score(tables, gold) >= 0.98
    table = tables[0]
    assert table.columns == gold[0]["columns"]
    assert not table.flags


def test_tables_seed_span_covers_header_and_every_row():
    document = read_document(SEED)
    table = extract_tables(document)[0]
    block = document.text[table.start:table.end]
    assert block.startswith("CountryFinancial assistance")
    assert block.endswith("United Kingdom3.410.859.4213.680.47")
    assert "The above table" not in block


def test_tables_seed_caption_units_and_countries():
    table = extract_tables(read_document(SEED))[0]
    assert table.caption.startswith("The above table presents the volume of AP4 aid")
    assert table.units["Military assistance"] == "EUR billion"
    assert table.units["Total"] == "EUR billion"
    assert table.units["% GDP"] == "percent"
    labels = dict(zip((r[0] for r in table.rows), table.row_iso3, strict=True))
    assert labels["The Netherlands"] == "NLD"
    assert labels["The Czech Republic"] == "CZE"
    assert labels["South Korea"] == "KOR"
    assert labels["Taiwan"] == "TWN"
    assert labels["Turkey"] == "TUR"
    assert labels["United States"] == "USA"


@pytest.fixture(scope="session")
def seed_extraction():
    from extractors.nlp import load_nlp
    from extractors.pipeline import extract_document

    document = read_document(SEED)
    nlp = load_nlp()
    return document, extract_document(document, nlp(document.text))


def test_tables_seed_cells_do_not_leak_into_other_datasets(seed_extraction):
    document, extraction = seed_extraction
    table = extraction.tables[0]
    inside = lambda start, end: start < table.end and end > table.start  # noqa: E731
    assert not [f.text for f in extraction.figures if inside(f.start, f.end)]
    assert not [c.text for c in extraction.claims if inside(c.start, c.end)]
    # country row labels are the document's countries (the gold counts them); nothing else in a table is an actor
    in_table = [(a.kind, m.text) for a in extraction.actors for m in a.mentions if inside(m.start, m.end)]
    assert in_table and all(kind == "country" for kind, _ in in_table)
    assert {text for _, text in in_table} >= {"Estonia", "Finland", "Poland"}
    assert not [text for _, text in in_table if any(ch.isdigit() for ch in text)]  # never glued row text


# ---------------------------------------------------------------- flattened text tables of our own


def test_tables_header_split_at_case_changes_percent_and_years():
    assert split_header("CountryTroopsAircraftShare of GDP% GDP") == ["Country", "Troops", "Aircraft", "Share of GDP",
                                                                     "% GDP"]
    assert split_header("Region202220232024") == ["Region", "2022", "2023", "2024"]
    assert split_header("RegionBudget 2023Budget 2024Change%") == ["Region", "Budget 2023", "Budget 2024", "Change%"]


def test_tables_tail_splits_respect_thousands_separators():
    assert tail_splits("2,1453,01240.4%", 3) == [("2,145", "3,012", "40.4%")]
    assert ("1.41", "3.05", "10.63", "15.09", "0.38") in tail_splits("1.413.0510.6315.090.38", 5)


BUDGETS = """Regional budgets grew unevenly last year, and the differences are large.

Table 3: Defence budgets of selected groups (USD million)
RegionBudget 2023Budget 2024Change%
Baltic states2,1453,01240.4%
Nordic states11,89010,702-10.0%
Visegrad group8,4509,1258.0%
Benelux7,0017,2113.0%
Source: national budget laws.
"""


def test_tables_flattened_integers_thousands_negatives_percentages():
    tables = extract_tables(text_document(BUDGETS))
    assert len(tables) == 1
    table = tables[0]
    gold = gold_of(["Region", "Budget 2023", "Budget 2024", "Change%"], [
        ["Baltic states", 2145, 3012, 40.4], ["Nordic states", 11890, 10702, -10.0],
        ["Visegrad group", 8450, 9125, 8.0], ["Benelux", 7001, 7211, 3.0]])
    assert table_score(tables, gold) == 1.0
    assert table.caption.startswith("Table 3: Defence budgets")
    assert table.units["Budget 2024"] == "USD million"
    assert table.units["Change%"] == "percent"
    assert table.row_iso3 == [None, None, None, None]
    assert BUDGETS[table.start:table.end].startswith("RegionBudget 2023")
    assert BUDGETS[table.start:table.end].endswith("Benelux7,0017,2113.0%")


EQUIPMENT = """The count below is taken from open sources.
CountryTanksArtilleryTotal
Poland25080330
Norway12618
Latvia11213
Finland200700900
"""


def test_tables_flattened_total_column_chooses_integer_splits_and_flags_the_undecidable():
    table = extract_tables(text_document(EQUIPMENT))[0]
    assert table.columns == ["Country", "Tanks", "Artillery", "Total"]
    by_label = {r[0]: r[1:] for r in table.rows}
    assert by_label["Poland"] == ["250", "80", "330"]
    assert by_label["Norway"] == ["12", "6", "18"]
    assert by_label["Finland"] == ["200", "700", "900"]
    # 1 + 12 = 13 and 11 + 2 = 13: both add up, so the row is kept unsplit and flagged
    assert by_label["Latvia"][0] == "11213"
    assert any("Latvia" in f and "unsplit" in f for f in table.flags)
    assert table.row_iso3 == ["POL", "NOR", "LVA", "FIN"]


GROWTH = """Growth forecasts, as the table below shows, diverge.
Country202220232024
Ukraine-29.15.32.9
Russia-1.23.64.1
Belarus-4.73.94.0
The table above gives real GDP growth in percent.
"""


def test_tables_flattened_year_header_negative_numbers_no_total():
    table = extract_tables(text_document(GROWTH))[0]
    assert table.columns == ["Country", "2022", "2023", "2024"]
    gold = gold_of(table.columns, [["Ukraine", -29.1, 5.3, 2.9], ["Russia", -1.2, 3.6, 4.1],
                                   ["Belarus", -4.7, 3.9, 4.0]])
    assert table_score([table], gold) == 1.0
    assert table.caption == "The table above gives real GDP growth in percent."
    assert set(table.units.values()) == {"percent"}
    assert table.row_iso3 == ["UKR", "RUS", "BLR"]


SPACED = """Table 2: Deployments by country, 2023
Country Troops deployed Aircraft Budget (EUR m) Change %
Norway 1,250 12 340.5 -2.1
New Zealand 310 4 88.0 -
Republic of Korea 2,400 30 1,020.7 12.0
The deployments ended in December.
"""


def test_tables_spaced_rows_from_pdf_text_keep_multiword_names_and_missing_marks():
    table = extract_tables(text_document(SPACED))[0]
    assert table.columns == ["Country", "Troops deployed", "Aircraft", "Budget (EUR m)", "Change %"]
    assert table.rows[1] == ["New Zealand", "310", "4", "88.0", "-"]
    assert table.units == {"Budget (EUR m)": "EUR million", "Change %": "percent"}
    assert table.row_iso3 == ["NOR", "NZL", "KOR"]


def test_tables_prose_with_numbers_is_not_a_table():
    text = ("Spending rose to 2.1\nIn 2023 the alliance had 31 members and 3,500 troops\n"
            "Japan pledged 9.01\nThe total reached 84.73.\n")
    assert find_flattened_tables(text) == []


def test_tables_markdown_pipe_table_from_web_text():
    text = ("Intro paragraph about aid.\n| Table 1: Aid |  |  | \n|---|---|---|\n"
            "| Country | Financial assistance | Total | \n|---|---|---|\n| Germany | 1.41 | 15.09 | \n"
            "| The Netherlands | 0.72 | 6.44 | \nThe above table presents the volume of aid in billions of euros.")
    raw = RawTable(rows=[["Country", "Financial assistance", "Total"], ["Germany", "1.41", "15.09"],
                         ["The Netherlands", "0.72", "6.44"]], caption="Table 1: Aid")
    tables = extract_tables(text_document(text, [raw]))
    assert len(tables) == 1
    table = tables[0]
    assert table.rows == [["Germany", "1.41", "15.09"], ["The Netherlands", "0.72", "6.44"]]
    assert text[table.start:table.end].startswith("| Country")
    assert text[table.start:table.end].rstrip(" |").endswith("6.44")
    assert table.units["Total"] == "EUR billion"


# ---------------------------------------------------------------- reader tables (HTML rows, merged cells)


def test_tables_html_rows_cleaned_and_spanned_header_joined():
    raw = RawTable(rows=[
        ["Donor", "Assistance", None, None, "Total"],
        [None, "Financial", "Humanitarian", "Military", None],
        ["  Germany ", "1.41", "3.05", "10.63", "15.09"],
        ["United\nKingdom", "3.41", "0.85", "9.42", "13.68"],
        [None, "0.10", None, "0.20", "0.30"],
    ])
    table = extract_tables(text_document("", [raw]))[0]
    assert table.columns == ["Donor", "Assistance Financial", "Assistance Humanitarian", "Assistance Military",
                             "Total"]
    assert table.rows[0][0] == "Germany"
    assert table.rows[1][0] == "United Kingdom"
    assert table.rows[2] == ["United Kingdom", "0.10", "", "0.20", "0.30"]
    assert any("merged" in f for f in table.flags)
    assert table.row_iso3[:2] == ["DEU", "GBR"]


def test_tables_two_tables_read_as_one_are_split():
    raw = RawTable(rows=[
        ["Country", "Tanks", "Aircraft"], ["Poland", "250", "80"], ["Norway", "12", "6"],
        ["Ally", "Troops", "Ships"], ["France", "1,200", "4"], ["Italy", "900", "3"],
    ])
    tables = extract_tables(text_document("", [raw]))
    assert [t.columns for t in tables] == [["Country", "Tanks", "Aircraft"], ["Ally", "Troops", "Ships"]]
    assert [r[0] for r in tables[1].rows] == ["France", "Italy"]


def test_tables_page_break_continuation_without_header_is_merged():
    first = RawTable(rows=[["Country", "Tanks"], ["Poland", "250"], ["Norway", "12"]], page=3)
    second = RawTable(rows=[["Latvia", "4"], ["Finland", "200"]], page=4)
    unrelated = RawTable(rows=[["Year", "Budget"], ["2022", "1.5"], ["2023", "1.7"]], page=5)
    tables = extract_tables(text_document("", [first, second, unrelated]))
    assert [len(t.rows) for t in tables] == [4, 2]
    assert tables[0].page == 3


# ---------------------------------------------------------------- PDFs made with fpdf2

COUNTRIES = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Denmark", "Estonia", "Finland", "France",
             "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
             "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden", "Norway",
             "Iceland", "Albania", "Montenegro", "North Macedonia", "Canada", "United States", "United Kingdom",
             "Japan", "South Korea", "Australia", "New Zealand"]


def aid_rows(n: int) -> list[list[str]]:
    rows = []
    for i, name in enumerate(COUNTRIES[:n]):
        a, b, c = (i * 37) % 500 + 0.5, (i * 13) % 90 + 0.25, (i * 711) % 9000
        rows.append([name, f"{a:,.2f}", f"{b:,.2f}", f"{c:,.2f}", f"{a + b + c:,.2f}"])
    return rows


def write_pdf(path: Path, layout: str, rows: list[list[str]], two_header_rows: bool = False,
              intro_lines: int = 2) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for _ in range(intro_lines):
        pdf.multi_cell(0, 5, "The alliance reviewed the support its members gave during the period under review. "
                       * 3, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, "Table 1: Aid by donor (EUR million)", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(borders_layout=layout, col_widths=(50, 25, 25, 25, 25), num_heading_rows=2 if two_header_rows
                   else 1, text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"), repeat_headings=1) as table:
        if two_header_rows:
            row = table.row()
            row.cell("Donor", rowspan=2)
            row.cell("Assistance", colspan=3)
            row.cell("Total", rowspan=2)
            row = table.row()
            for name in ("Financial", "Humanitarian", "Military"):
                row.cell(name)
        else:
            row = table.row()
            for name in ("Donor", "Financial assistance", "Humanitarian assistance", "Military assistance", "Total"):
                row.cell(name)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.multi_cell(0, 5, "Source: own compilation from national reports.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def pdf_document(path: Path) -> Document:
    """What a PDF reader gives the table extractor: page texts and every page's RawTables."""
    texts, raw_tables = [], []
    stream = stream_tables(path)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            raw_tables.extend(tables_from_pdf_page(page, stream.get(page.page_number, [])))
    return Document(doc_id="pdf", source=str(path), format="pdf", text="\n\n".join(texts), raw_tables=raw_tables)


def gold_for(rows: list[list[str]]) -> list[dict]:
    return gold_of(["Donor", "Financial", "Humanitarian", "Military", "Total"],
                   [[r[0], *(float(v.replace(",", "")) for v in r[1:])] for r in rows])


@pytest.mark.parametrize("layout", ["ALL", "NONE", "HORIZONTAL_LINES"])
def test_tables_pdf_ruled_and_unruled(tmp_path, layout):
    rows = aid_rows(6)
    document = pdf_document(write_pdf(tmp_path / f"{layout}.pdf", layout, rows))
    tables = extract_tables(document)
    assert len(tables) == 1
    table = tables[0]
    assert table.columns == ["Donor", "Financial assistance", "Humanitarian assistance", "Military assistance", "Total"]
    assert table_score(tables, gold_for(rows)) == 1.0
    assert table.caption == "Table 1: Aid by donor (EUR million). Source: own compilation from national reports."
    assert table.units["Total"] == "EUR million"
    block = document.text[table.start:table.end]
    assert rows[0][0] in block and rows[-1][-1] in block and "Source:" not in block


@pytest.mark.parametrize("layout", ["ALL", "NONE"])
def test_tables_pdf_table_across_page_break_is_one_table(tmp_path, layout):
    rows = aid_rows(38)
    document = pdf_document(write_pdf(tmp_path / f"break-{layout}.pdf", layout, rows, intro_lines=10))
    assert len({t.page for t in document.raw_tables}) == 2  # the fixture really breaks across pages
    tables = extract_tables(document)
    assert len(tables) == 1
    assert len(tables[0].rows) == len(rows)  # the repeated header is not a data row
    assert table_score(tables, gold_for(rows)) == 1.0
    block = document.text[tables[0].start:tables[0].end]
    assert rows[0][0] in block and rows[-1][0] in block


def test_tables_pdf_merged_header_cells(tmp_path):
    rows = aid_rows(5)
    document = pdf_document(write_pdf(tmp_path / "merged.pdf", "ALL", rows, two_header_rows=True))
    table = extract_tables(document)[0]
    assert table.columns == ["Donor", "Assistance Financial", "Assistance Humanitarian", "Assistance Military",
                             "Total"]
    assert table_score([table], gold_for(rows)) == 1.0


@pytest.mark.parametrize(("text", "columns", "first_row"), [
    ("Intro.\nCountryMilitary aid (EUR bn)Humanitarian aid (EUR bn)Total (EUR bn)\nGermany10.633.0513.68\n"
     "Poland3.230.403.63\n", ["Country", "Military aid (EUR bn)", "Humanitarian aid (EUR bn)", "Total (EUR bn)"],
     ["Germany", "10.63", "3.05", "13.68"]),
    ("Intro.\nCountryShare of GDPTotal\nGermany0.3815.09\nPoland0.724.52\n", ["Country", "Share of GDP", "Total"],
     ["Germany", "0.38", "15.09"]),
    ("Intro.\nCountryGDP%Total\nGermany0.3815.09\nPoland0.724.52\n", ["Country", "GDP%", "Total"],
     ["Germany", "0.38", "15.09"]),
    ("Intro.\nFinancial assistanceHumanitarian assistanceTotal\nGermany1.413.054.46\nPoland0.890.401.29\n",
     ["", "Financial assistance", "Humanitarian assistance", "Total"], ["Germany", "1.41", "3.05", "4.46"]),
])
def test_tables_flattened_header_variants(text, columns, first_row):
    table = extract_tables(text_document(text))[0]
    assert table.columns == columns
    assert table.rows[0] == first_row
    assert not table.flags


def test_tables_dateline_and_report_numbers_are_not_rows():
    text = "Visegrad Team\n31 October 2024\nJakub Bornio\nIEŚ Commentaries 1234 (209/2024)\nISSN 2657-6996\n"
    assert find_flattened_tables(text) == []


def test_tables_pdf_touching_tables_split_and_prose_numbers_ignored(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "In 2023 the budget reached 2.1 billion, up 12.5% from 1.87 billion in 2022, while troops "
                   "rose to 3,400 and the navy to 12 ships. " * 4, align="J", new_x="LMARGIN", new_y="NEXT")
    for header, rows in ((["Country", "Tanks", "Aircraft"], [["Poland", "250", "80"], ["Norway", "12", "6"]]),
                         (["Ally", "Troops", "Ships"], [["France", "1,200", "4"], ["Italy", "900", "3"]])):
        with pdf.table(borders_layout="ALL", col_widths=(60, 30, 30), width=120, align="LEFT") as table:
            for values in [header, *rows]:
                row = table.row()
                for value in values:
                    row.cell(value)
    pdf.multi_cell(0, 5, "Table 4: Growth by region (percent)", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(borders_layout="NONE", col_widths=(60, 30, 30), width=120, align="LEFT") as table:
        for values in (["Region", "2023", "2024"], ["Baltic", "-1.2", "3.4"], ["Nordic", "2.0", "n/a"]):
            row = table.row()
            for value in values:
                row.cell(value)
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    document = pdf_document(path)
    tables = extract_tables(document)
    assert [t.columns for t in tables] == [["Country", "Tanks", "Aircraft"], ["Ally", "Troops", "Ships"],
                                           ["Region", "2023", "2024"]]
    assert tables[2].rows == [["Baltic", "-1.2", "3.4"], ["Nordic", "2.0", "n/a"]]
    assert tables[2].caption == "Table 4: Growth by region (percent)"
    assert tables[2].units == {"2023": "percent", "2024": "percent"}
    assert all(t.start > document.text.index("ships.") for t in tables)


def test_tables_group_label_rows_stay_inside_the_table():
    text = ("Aid pledged so far.\nCountryMilitaryCivilian\nEuropean members\nGermany10.633.05\nPoland3.230.40\n"
            "Asia-Pacific partners\nJapan0.061.02\nAustralia0.730.11\nThese figures are preliminary.\n")
    table = extract_tables(text_document(text))[0]
    assert [r[0] for r in table.rows] == ["European members", "Germany", "Poland", "Asia-Pacific partners", "Japan",
                                          "Australia"]
    assert table.rows[4] == ["Japan", "0.06", "1.02"]
    assert text[table.start:table.end].endswith("Australia0.730.11")


# ---------------------------------------------------------------- column names ending in years, bracketed labels

PROCUREMENT = """The ministry published its plan on Tuesday.

Table 2. Procurement by programme (EUR million)
ProgrammeBudget 2023Budget 2024Change 2023-24
Air defence (IRIS-T)1,2101,450240
Artillery ammunition (155mm)8501,300450
F-16 sustainment410395-15
Total2,4703,145675

Analysts expect the totals to rise again next year.
"""


def test_tables_flattened_year_named_columns_with_bracketed_labels_and_total_row():
    table = extract_tables(text_document(PROCUREMENT))[0]
    assert table.columns == ["Programme", "Budget 2023", "Budget 2024", "Change 2023-24"]
    # "8501,300450" also reads 8 | 501,300 | 450: only the Total row's column sums settle it
    assert [r[0] for r in table.rows] == ["Air defence (IRIS-T)", "Artillery ammunition (155mm)", "F-16 sustainment",
                                          "Total"]
    assert table.rows[1] == ["Artillery ammunition (155mm)", "850", "1,300", "450"]
    assert table.rows[2] == ["F-16 sustainment", "410", "395", "-15"]
    assert not table.flags
    assert table.units["Budget 2024"] == "EUR million"
    assert PROCUREMENT[table.start:].startswith("ProgrammeBudget 2023")


@pytest.mark.parametrize(("text", "columns", "last_row"), [
    ("Spending rose sharply.\n\nAgencyFY2023FY2024FY2025\nCoast Guard (USCG)12.413.113.9\n"
     "Border Patrol (CBP)17.518.219.0\nOther (est.)3.23.43.5\n\nThe figures exclude supplementals.\n",
     ["Agency", "FY2023", "FY2024", "FY2025"], ["Other (est.)", "3.2", "3.4", "3.5"]),
    ("Refugee flows continued.\n\nHost country (thousand people)Registered 2022Registered 2024\nPoland1,5641,710\n"
     "Germany1,0201,180\nCzech Republic (Czechia)432390\n\nThe numbers are provisional.\n",
     ["Host country (thousand people)", "Registered 2022", "Registered 2024"],
     ["Czech Republic (Czechia)", "432", "390"]),
    ("Troop numbers are estimates.\n\nUnit Strength 2022 Strength 2023 Strength 2024\n"
     "1st Brigade (mechanised) 3,200 3,450 3,600\n2nd Brigade (air assault) 2,900 3,100 3,050\n"
     "Reserve units (est.) 6,000 6,500 7,000\n",
     ["Unit", "Strength 2022", "Strength 2023", "Strength 2024"], ["Reserve units (est.)", "6,000", "6,500", "7,000"]),
    ("Exports grew.\n\nRegion (2024)Arms exports 2024\nNorth Africa12.5\nSub-Saharan Africa4.8\n"
     "South-East Asia9.1\n\nMost of the growth came from Asia.\n",
     ["Region (2024)", "Arms exports 2024"], ["South-East Asia", "9.1"]),
])
def test_tables_flattened_year_named_headers_across_domains(text, columns, last_row):
    tables = extract_tables(text_document(text))
    assert len(tables) == 1
    assert tables[0].columns == columns
    assert tables[0].rows[-1] == last_row
    assert not tables[0].flags


def test_tables_rows_ending_in_years_are_data_not_a_header():
    # every line ends in a lone year: the years are the cells, the first line stays a row
    text = "Intro.\n\nTreatySigned\nNew START2010\nOpen Skies1992\nChemical Weapons Convention1993\n"
    table = extract_tables(text_document(text))[0]
    assert table.columns == ["Treaty", "Signed"]
    assert table.rows[0] == ["New START", "2010"]


def test_tables_prose_lines_ending_in_years_are_not_a_table():
    text = ("The plan runs until 2027\nUkraine expects first deliveries by 2025\n"
            "Officials said output reached 2.2 million drones last year.\nThe target was 4.5\n")
    assert find_flattened_tables(text) == []


# ---------------------------------------------------------------- real-world PDF layouts (issue 17)

TRADE = [["Northmark", "1,204.5", "87.2", "3,310"], ["Westhaven", "96.1", "4.0", "212"],
         ["Lower Vale", "2,480.0", "140.9", "5,004"], ["Southport", "733.3", "51.6", "1,877"],
         ["Eastfold", "1,090.7", "66.3", "2,945"]]


def trade_gold() -> list[dict]:
    return gold_of(["Country", "Imports", "Exports", "Jobs"],
                   [[r[0], *(float(v.replace(",", "")) for v in r[1:])] for r in TRADE])


def write_boxed_body_pdf(path: Path) -> Path:
    """A header row in ruled cells over a body whose rows sit in one box with no inner rules: a ruling finder
    reads every body row as one cell."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(60, 60)
    pdf.multi_cell(470, 14, "Trade with the partners grew again last year, led by services. " * 3)
    widths, x0, y = (170, 100, 100, 100), 60.0, 130.0
    x = x0
    for name, width in zip(("Country", "Imports", "Exports", "Jobs"), widths, strict=True):
        pdf.set_xy(x, y)
        pdf.cell(width, 18, name, border=1, align="C")
        x += width
    y += 18
    pdf.rect(x0, y, sum(widths), 16 * len(TRADE) + 4)
    for row in TRADE:
        x = x0
        for j, (text, width) in enumerate(zip(row, widths, strict=True)):
            pdf.set_xy(x, y + 2)
            pdf.cell(width, 16, text, align="L" if j == 0 else "R")
            x += width
        y += 16
    pdf.set_xy(60, y + 30)
    pdf.multi_cell(470, 14, "The figures are provisional and will be revised in the spring. " * 3)
    pdf.output(str(path))
    return path


def reader_tables(path: Path) -> list[Table]:
    return extract_tables(read_document(path))


def test_tables_pdf_body_boxed_without_inner_rules_is_split_into_cells(tmp_path):
    tables = reader_tables(write_boxed_body_pdf(tmp_path / "boxed.pdf"))
    assert len(tables) == 1
    assert table_score(tables, trade_gold()) == 1.0
    assert tables[0].rows[0] == TRADE[0]


def test_tables_pdf_rows_stacked_in_one_ruled_cell_become_rows(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="ALL", col_widths=(60, 30, 30, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   width=150, align="LEFT") as table:
        for values in (["Fleet", "Before", "After", "All"],
                       ["Small\nLarge\nTotal", "1,410\n1,120\n2,530", "2,006\n714\n2,720", "3,416\n1,834\n5,250"]):
            row = table.row()
            for value in values:
                row.cell(value)
    path = tmp_path / "stacked.pdf"
    pdf.output(str(path))
    table = reader_tables(path)[0]
    assert table.columns == ["Fleet", "Before", "After", "All"]
    assert table.rows == [["Small", "1,410", "2,006", "3,416"], ["Large", "1,120", "714", "1,834"],
                          ["Total", "2,530", "2,720", "5,250"]]


def write_bar_chart(pdf: FPDF, x0: float, y0: float) -> None:
    """A bar chart: an axis of evenly spaced numbers, bars, and category names under them."""
    for k, tick in enumerate(("400", "300", "200", "100", "0")):
        pdf.set_xy(x0, y0 + 30 * k)
        pdf.cell(30, 10, tick, align="R")
    for k, (name, height) in enumerate((("North", 90), ("South", 60), ("East", 110), ("West", 40))):
        pdf.rect(x0 + 50 + 60 * k, y0 + 125 - height, 30, height, style="F")
        pdf.set_xy(x0 + 45 + 60 * k, y0 + 132)
        pdf.cell(40, 10, name, align="C")


def test_tables_pdf_chart_and_two_column_prose_are_not_tables(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    write_bar_chart(pdf, 80, 60)
    words = ("The coastal states agreed on joint patrols and shared radar pictures, while inland members promised "
             "logistics and fuel. ")
    for column, x in enumerate((60, 310)):
        pdf.set_xy(x, 260)
        pdf.multi_cell(220, 13, words * (6 + column))
    path = tmp_path / "chart.pdf"
    pdf.output(str(path))
    assert reader_tables(path) == []


def test_tables_pdf_two_tables_side_by_side_stay_two(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = [["Port", "Calls", "Tonnes"], ["Alpha", "120", "4,500"], ["Bravo", "87", "3,210"], ["Charlie", "64", "990"]]
    right = [["Base", "Staff", "Jets"], ["Delta", "1,300", "24"], ["Echo", "950", "12"], ["Foxtrot", "410", "6"]]
    for x, rows in ((60, left), (330, right)):
        pdf.set_xy(x, 80)
        with pdf.table(borders_layout="ALL", col_widths=(90, 50, 60), width=200, align="LEFT",
                       text_align=("LEFT", "RIGHT", "RIGHT")) as table:
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.set_y(80)
        pdf.set_left_margin(330)
    path = tmp_path / "side.pdf"
    pdf.output(str(path))
    tables = reader_tables(path)
    assert [t.columns for t in tables] == [left[0], right[0]]
    assert [t.rows for t in tables] == [left[1:], right[1:]]


def test_tables_rows_of_repeated_words_are_not_a_new_header():
    raw = RawTable(rows=[["Member", "Signed", "Ratified", "Bases"], ["Alpha", "Yes", "No", "4"],
                         ["Bravo", "Yes", "Yes", "11"], ["Charlie", "Yes", "No", "none"], ["Delta", "No", "Yes", "27"]],
                   page=1)
    tables = extract_tables(text_document("", [raw]))
    assert len(tables) == 1
    assert [r[0] for r in tables[0].rows] == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_tables_group_label_wrapped_onto_its_second_sub_row_is_joined():
    raw = RawTable(rows=[["Unit", "Measure", "Trained", "Deployed"],
                         ["Coastal signal", "Number", "64", "51"], ["battalion", "Share", "12.5%", "9.9%"],
                         ["Air wing", "Number", "40", "38"], ["", "Share", "7.8%", "7.4%"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert [r[0] for r in table.rows] == ["Coastal signal battalion", "", "Air wing", ""]
    assert table.rows[1] == ["", "Share", "12.5%", "9.9%"]


def test_tables_ruled_column_split_by_offset_rules_is_one_column():
    from extractors.pdf_tables import merge_headless_columns

    rows = [["", "Opening", "Spring", "", "Autumn"], ["Depots", "12", "310", "", "415"],
            ["Convoys", "3", "145", "2,210", ""], ["Drivers", "5", "806", "", "1,932"]]
    assert merge_headless_columns(rows) == [["", "Opening", "Spring", "Autumn"], ["Depots", "12", "310", "415"],
                                            ["Convoys", "3", "145", "2,210"], ["Drivers", "5", "806", "1,932"]]


def test_tables_quality_and_doubt_reach_the_rows():
    clean = RawTable(rows=[["Country", "Troops"], ["Alpha", "1,200"], ["Bravo", "900"]], page=2, quality=0.93)
    doubtful = RawTable(rows=[["Country", "Troops", "Ships"], ["Alpha", "", ""], ["Bravo", "900", ""],
                              ["Charlie", "", ""]], page=3, quality=0.2, flags=["only 20% of the cells hold text"])
    tables = extract_tables(text_document("", [clean, doubtful]))
    assert len(tables) == 2  # the doubtful table is kept, not dropped
    info, cells = table_rows("doc", 1, tables[0])
    assert info["quality"] == 0.93 and info["doubtful"] is False
    assert {c["header"] for c in cells} == {"Country", "Troops"}
    assert all(c["page"] == 2 and "column" not in c for c in cells)
    info, cells = table_rows("doc", 2, tables[1])
    assert info["doubtful"] is True and all(c["doubtful"] for c in cells)
    assert "only 20% of the cells hold text" in info["flags"]


def test_tables_cells_with_footnote_marks_and_dash_minus_keep_their_numbers():
    raw = RawTable(rows=[["Region", "Change", "Level"], ["Inland", "*1,482", "12.5†"], ["Coast", "–317", "(X)"]],
                   page=1)
    cells = table_rows("doc", 1, extract_tables(text_document("", [raw]))[0])[1]
    values = {(c["row"], c["col"]): c["value"] for c in cells}
    assert values[(0, 1)] == 1482.0 and values[(0, 2)] == 12.5 and values[(1, 1)] == -317.0
    assert values[(1, 2)] is None and values[(0, 0)] is None
    assert {c["text"] for c in cells} >= {"*1,482", "12.5†"}  # the cell as printed


def test_tables_column_groups_under_a_repeated_header_are_one_table():
    raw = RawTable(rows=[["Depot", "Crates", "Depot", "Crates"], ["North", "120", "West", "75"],
                         ["South", "98", "East", "210"], ["Centre", "43", "", ""]], page=1)
    tables = extract_tables(text_document("", [raw]))
    assert len(tables) == 1
    assert tables[0].columns == ["Depot", "Crates"]
    assert tables[0].rows == [["North", "120"], ["South", "98"], ["Centre", "43"], ["West", "75"], ["East", "210"]]


def test_tables_pdf_nested_rulings_give_one_table(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    rows = [["Depot", "Crates", "Pallets"], ["North", "120", "14"], ["South", "98", "9"], ["Centre", "43", "5"]]
    pdf.set_xy(60, 80)
    with pdf.table(borders_layout="ALL", col_widths=(120, 60, 60), width=240, align="LEFT") as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.rect(56, 76, 248, 18 * len(rows) + 12)  # a frame around the ruled table
    path = tmp_path / "nested.pdf"
    pdf.output(str(path))
    tables = reader_tables(path)
    assert len(tables) == 1
    assert tables[0].rows == rows[1:]


def test_tables_figures_set_between_the_lines_of_their_label_get_that_label():
    raw = RawTable(rows=[["Stage", "Spring", "Autumn"], ["Convoys", "31", "44"], ["Escorted", "", ""],
                         ["", "18", "25"], ["by air", "", ""], ["Lost", "2", "0"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert table.rows == [["Convoys", "31", "44"], ["Escorted by air", "18", "25"], ["Lost", "2", "0"]]


def test_tables_range_labels_are_not_crowded_but_side_by_side_figures_are():
    assert not crowded("15 - 24 years")
    assert not crowded("Ages 5 to 9")
    assert crowded("Harbour dues 412 388")
    assert crowded("0.31 7,250")


def test_tables_figures_run_together_by_close_columns_are_split_into_the_empty_cells():
    rows = [["Region", "Ships", "Crews", "Ports", "Total"],
            ["North", "1,204,311 98,120", "", "44", "1,302,475"],
            ["South", "310", "", "12,004 2,310", "14,624"],
            ["West", "75", "18", "9", "102"]]
    assert split_crowded_numbers(rows)[1:] == [
        ["North", "1,204,311", "98,120", "44", "1,302,475"],
        ["South", "310", "12,004", "2,310", "14,624"],
        ["West", "75", "18", "9", "102"]]
    # a chart's scale (no word label) and digits grouped by spaces stay as they are
    assert split_crowded_numbers([["", "0.12 4,100", ""]]) == [["", "0.12 4,100", ""]]
    assert split_crowded_numbers([["Fleet", "1 250 000", "", "7"]]) == [["Fleet", "1 250 000", "", "7"]]


def test_tables_indented_labels_in_their_own_column_join_the_label_column():
    rows = [["Measure", "", "2019", "2020"],
            ["Imports", "", "410", "455"],
            ["", "of which grain", "120", "131"],
            ["", "of which fuel", "88", "97"],
            ["Exports", "", "300", "310"]]
    assert merge_label_columns(rows) == [["Measure", "2019", "2020"], ["Imports", "410", "455"],
                                         ["of which grain", "120", "131"], ["of which fuel", "88", "97"],
                                         ["Exports", "300", "310"]]
    # two text columns filled side by side (a name and its unit) stay two columns
    units = [["Item", "Unit", "2019"], ["Wheat", "t", "410"], ["Oil", "bbl", "88"], ["Gas", "m3", "97"]]
    assert merge_label_columns(units) == units


def test_tables_of_two_stream_areas_over_one_table_the_larger_is_kept():
    part = RawTable(rows=[["Lost", "2", "0"], ["Damaged", "5", "3"]], page=1, bbox=(100, 200, 400, 240))
    whole = RawTable(rows=[["Stage", "Spring", "Autumn"], ["Convoys", "31", "44"], ["Escorted", "18", "25"],
                           ["Lost", "2", "0"], ["Damaged", "5", "3"]], page=1, bbox=(100, 120, 410, 240))

    class Page:  # a page with no rules and no words: only the stream areas speak
        page_number = 1

        def find_tables(self):
            return []

        def extract_words(self, **_):
            return []

    tables = tables_from_pdf_page(Page(), [part, whole])
    assert [t.rows[0][0] for t in tables] == ["Stage"]


def test_tables_fixed_width_table_the_stream_misses_is_read_from_aligned_words(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Courier", size=10)
    lines = ["Table 3. Patrol hours by squadron",
             "",
             "Squadron             2019    2020    2021",
             "Northern wing ....    410     455     1,020",
             "Southern wing ....    388     402     97",
             "Coastal group ....     75      81     64",
             "Training unit ....     12      18     21"]
    for line in lines:
        pdf.cell(0, 12, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "typed.pdf"
    pdf.output(str(path))
    with pdfplumber.open(path) as plumber:
        page = plumber.pages[0]
        found = tables_from_pdf_page(page, [])
    assert len(found) == 1
    labels = [r[0] for r in found[0].rows]
    assert any(label.startswith("Coastal group") for label in labels)
    assert ["410", "455", "1,020"] == [c for c in found[0].rows[labels.index(next(
        label for label in labels if label.startswith("Northern")))][1:] if c]
    # a short run of figures without word labels (a chart's scale) is no table
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Courier", size=10)
    for line in ["0.30      4,100", "0.20      4,000", "0.10      3,900"]:
        pdf.cell(0, 12, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "scale.pdf"
    pdf.output(str(path))
    with pdfplumber.open(path) as plumber:
        assert tables_from_pdf_page(plumber.pages[0], []) == []


def test_tables_chart_labels_beside_a_table_are_not_a_column():
    rows = [["Topic", "Calls", ""],
            ["", "", "Harbour fees"],
            ["Harbour fees", "1.204", ""],
            ["", "", "Pilotage / Towage / Mooring"],
            ["Pilotage / Towage / Mooring", "950", ""],
            ["", "", "Customs"],
            ["Customs", "402", ""]]
    assert without_echo_columns(rows) == [["Topic", "Calls"], ["Harbour fees", "1.204"],
                                          ["Pilotage / Towage / Mooring", "950"], ["Customs", "402"]]
    # a column of other words (units, sources) stays
    units = [["Item", "Unit", "Qty"], ["Wheat", "tonnes", "4"], ["Oil", "barrels", "8"], ["Gas", "cubic metres", "9"]]
    assert without_echo_columns(units) == units


def test_tables_slashes_between_words_do_not_make_a_label_running_text():
    assert line_words("Ports / Harbours / Docks / Piers") == 4
    assert not is_prose_row(["", "", "Ports / Harbours / Docks / Piers and quays", ""])
    assert is_prose_row(["The ministers agreed to meet again in the spring of next year", "", ""])


def test_tables_years_under_column_group_names_are_a_header_row():
    raw = RawTable(rows=[["Capacity", "Mills", "", "Kilns", ""], ["", "2019", "2020", "2019", "2020"],
                         ["North", "4,100", "4,200", "900", "950"], ["South", "3,000", "3,100", "—", "—"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert table.rows == [["North", "4,100", "4,200", "900", "950"], ["South", "3,000", "3,100", "—", "—"]]
    assert table.columns[1:] == ["Mills 2019", "2020", "Kilns 2019", "2020"]


def test_tables_header_printed_line_by_line_is_one_header_and_a_title_line_over_it_the_caption():
    raw = RawTable(rows=[["(Tonnes, thousands)", "", "", "", ""],
                         ["", "", "", "2022", "2023"],
                         ["", "Loading", "Berth", "", ""],
                         ["Harbour", "", "", "", ""],
                         ["", "point", "length", "Cargo", "Cargo"],
                         ["Kiel", "Quay", "320m", "410", "455"],
                         ["Gdansk", "Quay", "280m", "388", "402"],
                         ["Total", "", "", "798", "857"]], page=1)
    tables = extract_tables(text_document("", [raw]))
    assert len(tables) == 1
    assert tables[0].caption == "(Tonnes, thousands)"
    assert tables[0].columns[:3] == ["Harbour", "Loading point", "Berth length"]
    assert [r[0] for r in tables[0].rows] == ["Kiel", "Gdansk", "Total"]


def test_tables_rows_of_figures_with_shares_are_not_header_lines():
    raw = RawTable(rows=[["Group", "Sample", "Population"], ["North", "63 (18.5%)", "597 (16.4%)"],
                         ["South", "189 (55.6%)", "2075 (57.0%)"], ["Total", "340", "3640"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert table.columns == ["Group", "Sample", "Population"]
    assert [r[0] for r in table.rows] == ["North", "South", "Total"]


def test_tables_lower_case_labels_with_the_same_sub_label_are_rows_of_their_own():
    raw = RawTable(rows=[["Port", "Berth", "2022", "2023"], ["Kiel", "Quay", "410", "455"],
                         ["gdansk", "Quay", "388", "402"], ["riga", "Quay", "120", "131"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert [r[0] for r in table.rows] == ["Kiel", "gdansk", "riga"]


def test_tables_numbered_list_and_chart_labels_cut_into_cells_are_not_tables():
    numbered = [["1.", "Which harbour handled the most cargo in the year the survey covered"],
                ["", "and how many ships called there?"],
                ["2.", "If 3 cranes unload 3 ships in 3 days, how long do 6 cranes take"],
                ["", "to unload 6 ships?"]]
    assert not_a_table(numbered)
    chart = [["0.30 4,100", "Harbour fees"], ["", "0.20 4,000"], ["Pilotage 0.10", "3,900"]]
    assert not_a_table(chart)
    table = [["Age group", "Share"], ["20-29", "0.2650"], ["30-39", "0.2046"], ["40-49", "0.1477"]]
    assert not_a_table(table) is None
    assert figure_row(["20-29", "0.2650"]) and figure_row(["", "410", "455"])
    assert not figure_row(["machines to make 100 widgets?", ""])


def test_tables_figures_with_prose_to_their_right_are_not_rows_of_a_table():
    assert not figure_row(["", "6.9", "the share of crews that needed a second shift"])
    assert figure_row(["Kiel", "6.9", ""])


def test_tables_a_second_stream_area_over_the_end_of_a_kept_table_is_dropped():
    kept = RawTable(rows=[["Port", "2022", "2023"], ["Kiel", "410", "455"], ["Gdansk", "388", "402"],
                          ["Riga", "120", "131"]], page=1, bbox=(100, 100, 400, 200))
    tail = RawTable(rows=[["Gdansk", "388", "402"], ["Riga", "120", "131"], ["Source: port authorities", "", ""]],
                    page=1, bbox=(100, 170, 400, 230))
    other = RawTable(rows=[["Tallinn", "77", "80"], ["Turku", "51", "49"]], page=1, bbox=(100, 170, 400, 230))
    assert repeats_rows(tail, [kept])
    assert not repeats_rows(other, [kept])


def test_tables_label_wrapped_onto_the_line_of_its_figures_is_joined_with_its_first_line():
    raw = RawTable(rows=[["Measure", "2019", "2020"], ["Coastal trade", "0.31", "0.33"],
                         ["Between-region trade (share", "", ""], ["of total)", "0.06", "0.07"],
                         ["Inland shipping", "0.5", "0.6"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert [r[0] for r in table.rows] == ["Coastal trade", "Between-region trade (share of total)",
                                          "Inland shipping"]
    # a group row above a capitalised row label stays a row of its own
    raw = RawTable(rows=[["Measure", "2019", "2020"], ["Sea", "", ""], ["Coastal trade", "0.31", "0.33"]], page=1)
    assert [r[0] for r in extract_tables(text_document("", [raw]))[0].rows] == ["Sea", "Coastal trade"]


def write_unruled_rows(path: Path, lines: list[tuple[float, list[str]]]) -> Path:
    """An unruled table between two paragraphs: each line is (indent of its first cell, cells); the first cell is
    set left, the others right-aligned in columns of their own."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(60, 50)
    pdf.multi_cell(470, 12, "The district councils set out how their grants were spent over three years. " * 3)
    y = 140.0
    for indent, cells in lines:
        for j, text in enumerate(cells):
            pdf.set_xy(60 + indent if j == 0 else 240 + 70 * j, y)
            pdf.cell(150 if j == 0 else 60, 11, text, align="L" if j == 0 else "R")
        y += 12
    pdf.set_xy(60, y + 30)
    pdf.multi_cell(470, 12, "Councils that spent less than planned returned the rest to the regional fund. " * 3)
    pdf.output(str(path))
    return path


def test_tables_pdf_reader_table_with_wrapped_labels_is_not_replaced_by_its_text(tmp_path):
    # each wrapped label's first line stands alone above the line with the figures: the reader joins them; the
    # table's own text block read back as a flattened table would keep the lone lines as rows of their own
    lines = [(0, ["Grant", "2021", "2022", "2023"]), (0, ["Flood barriers along the"]),
             (8, ["lower river meadows", "412.5", "430.1", "455.0"]), (0, ["Road repairs", "120.0", "133.4", "150.2"]),
             (0, ["Libraries and evening"]), (8, ["classes for adults", "88.3", "91.0", "97.6"]),
             (0, ["Street lighting", "310.9", "298.4", "340.7"])]
    tables = reader_tables(write_unruled_rows(tmp_path / "wrapped.pdf", lines))
    assert len(tables) == 1
    assert tables[0].rows == [["Flood barriers along the lower river meadows", "412.5", "430.1", "455.0"],
                              ["Road repairs", "120.0", "133.4", "150.2"],
                              ["Libraries and evening classes for adults", "88.3", "91.0", "97.6"],
                              ["Street lighting", "310.9", "298.4", "340.7"]]


def test_tables_last_header_line_under_some_columns_joins_their_names():
    raw = RawTable(rows=[["", "Paid", "Unpaid", "Total"], ["Council", "staff", "helpers", "hours"],
                         ["", "", "(seasonal)", ""], ["Ashby", "1,200", "310", "1,510"],
                         ["Brora", "870", "95", "965"]], page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert table.columns == ["Council", "Paid staff", "Unpaid helpers (seasonal)", "Total hours"]
    assert [r[0] for r in table.rows] == ["Ashby", "Brora"]


def test_tables_not_available_dots_are_a_cell_and_dot_leaders_are_not():
    assert without_leaders("..") == ".."
    assert without_leaders("Households renting . . . . .") == "Households renting"
    assert without_leaders("....") == ""


def write_marked_table(path: Path, rows: list[list[str]], marks: dict[tuple[int, int], str]) -> Path:
    """An unruled table whose cells at `marks` carry a footnote mark in small raised type right after them."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(60, 50)
    pdf.multi_cell(470, 12, "The harbour board counted the cargo landed at each quay over the year. " * 3)
    for k, row in enumerate(rows):
        y = 140 + 12 * k
        for j, text in enumerate(row):
            x, width = (60, 160) if j == 0 else (170 + 70 * j, 60)
            pdf.set_xy(x, y)
            pdf.cell(width, 11, text, align="L" if j == 0 else "R")
            if (k, j) in marks:
                end = x + pdf.c_margin + pdf.get_string_width(text) if j == 0 else x + width - pdf.c_margin
                pdf.set_font("Helvetica", size=6)
                pdf.set_xy(end + 0.3, y - 2)
                pdf.cell(6, 8, marks[(k, j)])
                pdf.set_font("Helvetica", size=9)
    pdf.set_xy(60, 160 + 12 * len(rows))
    pdf.multi_cell(470, 12, "Landings fell at the smaller quays while the deep-water berths grew busier. " * 3)
    pdf.output(str(path))
    return path


def test_tables_pdf_raised_footnote_marks_are_not_read_into_labels_or_figures(tmp_path):
    rows = [["Quay", "Grain", "Timber", "Coal"], ["Eastern pier", "1,204.5", "980.2", "224.3"],
            ["Ferry berth", "733.3", "801.0", "67.7"], ["Dry dock", "96.1", "40.0", "56.1"],
            ["Outer mole", "2,480.0", "2,100.9", "379.1"]]
    marks = {(1, 0): "1", (2, 1): "2", (3, 3): "a", (4, 0): "b"}
    tables = reader_tables(write_marked_table(tmp_path / "marks.pdf", rows, marks))
    assert len(tables) == 1
    assert tables[0].rows == rows[1:]


def test_tables_pdf_raised_ordinal_suffixes_and_unit_powers_stay():
    from extractors.pdf_tables import glued_unit

    assert glued_unit("3", "rd") and glued_unit("km", "2")
    assert not glued_unit("Total", "1") and not glued_unit("733.3", "2")


def test_tables_pdf_long_group_labels_alone_in_their_row_do_not_cut_the_table(tmp_path):
    lines = [(0, ["Holding", "2021", "2022", "2023"]),
             (0, ["Farms run by a family on land it owns outright"]), (8, ["Arable", "412", "430", "455"]),
             (8, ["Livestock", "120", "133", "150"]),
             (0, ["Farms on land rented from the parish or a trust"]), (8, ["Arable", "88", "91", "97"]),
             (8, ["Livestock", "310", "298", "340"]), (0, ["All holdings", "930", "952", "1,042"])]
    tables = reader_tables(write_unruled_rows(tmp_path / "groups.pdf", lines))
    assert len(tables) == 1
    assert tables[0].columns == ["Holding", "2021", "2022", "2023"]
    assert [r[0] for r in tables[0].rows] == ["Farms run by a family on land it owns outright", "Arable", "Livestock",
                                              "Farms on land rented from the parish or a trust", "Arable",
                                              "Livestock", "All holdings"]


def test_tables_a_paragraph_between_two_tables_still_cuts_the_stream_area():
    from extractors.pdf_tables import prose_free_runs

    rows = [["Holding", "2021", "2022"], ["Arable", "412", "430"], ["Livestock", "120", "133"],
            ["The parish council counted every holding again in the spring of that year.", "", ""],
            ["Orchard", "31", "35"], ["Woodland", "12", "14"]]
    assert prose_free_runs(rows) == [(0, 3), (4, 6)]


def test_tables_chart_value_labels_scattered_over_the_columns_are_not_a_table():
    chart = [["Young", "", "31.5", "", ""], ["", "", "", "", "as the survey of the coastal towns found"],
             ["", "12.4", "", "", ""], ["", "", "", "48.0", ""], ["Middle", "", "36.2", "", ""],
             ["", "17.9", "", "", ""], ["", "", "", "", "55.3"], ["Older", "", "", "41.7", ""]]
    assert not_a_table(chart) == "lone figures scattered over the columns (a chart's value labels)"
    one_column = [["Harbour", "Ships"], ["Kiel", "410"], ["Gdansk", "388"], ["Riga", "120"], ["Tallinn", "77"]]
    sparse = [["Port", "Oil", "Grain", "Coal"], ["Kiel", "410", "", ""], ["Gdansk", "", "388", ""],
              ["Riga", "120", "", ""], ["Tallinn", "", "77", ""], ["Turku", "51", "", "9"]]
    assert not_a_table(one_column) is None and not_a_table(sparse) is None


def test_tables_letters_of_a_vertical_chart_title_are_not_row_labels():
    from extractors.pdf_tables import labelled_rows

    chart = [["s", "80", ""], ["t n", "", "60"], ["e", "41", ""], ["d", "", "34"]]
    ranges = [["20-29", "0.28"], ["30-39", "0.22"], ["40-49", "0.16"]]
    assert labelled_rows(chart) == 0
    assert labelled_rows(ranges) == 3


def test_tables_pdf_unruled_table_inside_one_of_two_text_columns_is_found(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    words = "The lighthouse keepers logged every passing vessel and the weather at each change of watch. "
    pdf.set_xy(50, 50)
    pdf.multi_cell(240, 11, words * 4)
    rows = [["Station", "Vessels", "Gales"], ["Pointe Nord", "1,240", "86"], ["Cap Rouge", "930", "41"],
            ["Ile Basse", "2,050", "112"], ["Roc Vert", "770", "39"]]
    for k, row in enumerate(rows):
        for text, x, width in zip(row, (50, 170, 230), (110, 55, 55), strict=True):
            pdf.set_xy(x, 160 + 12 * k)
            pdf.cell(width, 11, text, align="L" if x == 50 else "R")
    pdf.set_xy(50, 240)
    pdf.multi_cell(240, 11, words * 6)
    pdf.set_xy(310, 50)
    pdf.multi_cell(240, 11, words * 14)
    path = tmp_path / "two-columns.pdf"
    pdf.output(str(path))
    document = read_document(path)
    tables = extract_tables(document)
    assert len(tables) == 1
    assert tables[0].columns == rows[0] and tables[0].rows == rows[1:]
    assert document.text.count("The lighthouse keepers logged") >= 20  # the other column stays text


def test_tables_page_gutter_only_on_a_page_of_two_columns():
    from extractors.pdf_tables import page_gutter

    def word(x0: float, x1: float) -> dict:
        return {"x0": x0, "x1": x1, "top": 0.0, "bottom": 9.0, "text": "w"}

    two = [word(x, x + 40) for x in (50, 93, 136, 179)] + [word(x, x + 40) for x in (320, 363, 406, 449)]
    one = [*two, word(230, 330)]  # a line of text across the middle
    assert page_gutter(two, 600) is not None and 240 < page_gutter(two, 600) < 320
    assert page_gutter(one, 600) is None


def test_tables_header_printed_over_seven_lines_is_one_header():
    # column names of up to four lines, each centred on its column, give seven printed lines
    raw = RawTable(rows=[["Lighthouse /", "", "Fog", ""], ["", "Passing", "", "Storm"], ["Harbour", "", "signal", ""],
                         ["", "vessels", "", "warnings"], ["Light", "", "hours", ""], ["", "", "", "issued"],
                         ["Beacon", "", "", "(count)"], ["2019", "1,204", "310", "44"], ["2020", "1,187", "295", "51"]],
                   page=1)
    table = extract_tables(text_document("", [raw]))[0]
    assert table.columns == ["Lighthouse / Harbour Light Beacon", "Passing vessels", "Fog signal hours",
                             "Storm warnings issued (count)"]
    assert [r[0] for r in table.rows] == ["2019", "2020"]


def test_tables_rows_of_words_with_shares_are_not_header_lines():
    raw = RawTable(rows=[["Group", "Cheese", "Yoghurt"], ["Alpenhof", "Total: 12%", "Total: 30% (Bergfrisch)"],
                         ["Nordmolk", "", "Fjellkos (4.4%)"], ["Others", "41.0", "22.5"]], page=1)
    assert [r[0] for r in extract_tables(text_document("", [raw]))[0].rows] == ["Alpenhof", "Nordmolk", "Others"]


def test_tables_continuation_narrower_by_an_empty_last_column_joins_the_table_above():
    first = RawTable(rows=[["Parish", "Wells", "Pumps", "Tanks"], ["Ashby", "4", "12", "3"], ["Brora", "7", "9", "1"]],
                     page=2)
    rest = RawTable(rows=[["Cleat", "5", "11"], ["Dunvik", "2", "6"]], page=3)
    stranger = RawTable(rows=[["Year", "Rain"], ["2021", "812"], ["2022", "790"]], page=3)
    text = "Parish | Wells | Pumps | Tanks\nAshby | 4 | 12 | 3\nBrora | 7 | 9 | 1\n\nTable 5 (continued)\n" \
           "Cleat | 5 | 11\nDunvik | 2 | 6\n\nRainfall was recorded at the manse.\n\nYear | Rain\n2021 | 812\n" \
           "2022 | 790"
    first.start, first.end = 0, text.index("\n\nTable 5")
    rest.start, rest.end = text.index("Cleat"), text.index("\n\nRainfall")
    stranger.start, stranger.end = text.index("Year"), len(text)
    tables = extract_tables(text_document(text, [first, rest, stranger]))
    assert len(tables) == 2
    assert tables[0].rows[2:] == [["Cleat", "5", "11", ""], ["Dunvik", "2", "6", ""]]
    assert tables[1].columns == ["Year", "Rain"]


def test_tables_narrower_table_after_a_paragraph_is_a_table_of_its_own():
    first = RawTable(rows=[["Parish", "Wells", "Pumps", "Tanks"], ["Ashby", "4", "12", "3"], ["Brora", "7", "9", "1"]],
                     page=2)
    other = RawTable(rows=[["Cleat", "5", "11"], ["Dunvik", "2", "6"]], page=3)
    text = "Parish | Wells | Pumps | Tanks\nAshby | 4 | 12 | 3\nBrora | 7 | 9 | 1\n\n" \
           "Digging on the moor continued.\n\nCleat | 5 | 11\nDunvik | 2 | 6"
    first.start, first.end = 0, text.index("\n\nDigging")
    other.start, other.end = text.index("Cleat"), len(text)
    assert len(extract_tables(text_document(text, [first, other]))) == 2


def test_tables_ruling_with_text_in_almost_no_cell_is_a_chart_grid_and_nothing_there_is_a_table():
    grid: list[list[str | None]] = [[None] * 11 for _ in range(21)]  # decades and values cut up by the rules
    for (r, c), text in {(0, 0): "2010s", (2, 1): "Landings", (2, 2): "1980s", (3, 0): "Catch", (3, 1): "Catch",
                         (9, 8): "1", (10, 9): "950", (14, 5): "1 s", (14, 7): "960", (15, 3): "1", (15, 4): "970",
                         (19, 2): "1940"}.items():
        grid[r][c] = text
    chart_read_by_stream = RawTable(rows=[["Landings", "", "400"], ["", "Catch", ""], ["Harbour", "310", "200"],
                                          ["Pier", "120", "100"]], page=1, bbox=(100, 100, 400, 300))

    class Ruling:
        bbox = (90, 90, 410, 310)

        def extract(self):
            return grid

    class Page:  # a chart drawn over a grid of rules, and the stream's reading of the same place
        page_number = 1

        def find_tables(self):
            return [Ruling()]

        def extract_words(self, **_):
            return []

    assert tables_from_pdf_page(Page(), [chart_read_by_stream]) == []

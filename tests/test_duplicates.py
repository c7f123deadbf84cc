"""Near-duplicate documents on texts written for this test: the same article reformatted or republished is found;
two articles on one subject are not."""

from store.duplicates import find_duplicates, similarity, text_sketch

ARTICLE = (
    "The coastal states met in the harbour town on Tuesday to settle how patrol boats would share the strait. "
    "Officials from both navies said the draft would set out radio procedures, a hotline between the two "
    "commands and a schedule of joint exercises for the coming winter. Fishing crews, who lost nets to "
    "collisions last season, asked for a seat at the table, and the ministers promised a hearing before the "
    "summer. Observers noted that the agreement leaves the question of the disputed reef untouched, and that "
    "neither parliament has yet been asked to ratify anything. A second round of talks is planned for the "
    "autumn, when the weather closes the northern passage and traffic moves south."
)
OTHER = (
    "Budget talks in the capital stalled again as the finance committee rejected the proposal to raise fuel "
    "duties. Members argued that rural voters would pay most of the cost, while the treasury warned that the "
    "deficit would widen without new revenue. The opposition proposed a levy on airline tickets instead, which "
    "the transport minister dismissed as a gesture. Economists at the central bank said the quarrel mattered "
    "less than the pension reform waiting behind it, which would decide the country's borrowing for a decade. "
    "The committee will meet once more before the recess, and few expect a vote."
)


def doc(doc_id: str, text: str, fmt: str = "txt", published: str | None = "2024-05-02") -> dict:
    return {"doc_id": doc_id, "format": fmt, "published": published, "sketch": text_sketch(text)}


def test_duplicates_reflowed_pdf_text_with_a_running_head_is_the_same_article() -> None:
    # What a PDF reader gives: other line breaks, a running head and a page number in the text.
    words = ARTICLE.split()
    as_pdf = "COASTAL REVIEW 3\n" + "\n".join(" ".join(words[i : i + 11]) for i in range(0, len(words), 11))
    assert similarity(text_sketch(ARTICLE), text_sketch(as_pdf)) >= 0.7
    found = find_duplicates([doc("pdf1", as_pdf, "pdf"), doc("html1", ARTICLE, "html"), doc("other", OTHER)])
    assert found == {"pdf1": "html1"}  # the text format is kept when the dates tie


def test_duplicates_the_earlier_publication_is_the_original() -> None:
    republished = "Republished by kind permission of the authors.\n\n" + ARTICLE + "\n\nAll rights reserved."
    found = find_duplicates([doc("later", republished, published="2024-06-01"), doc("first", ARTICLE)])
    assert found == {"later": "first"}


def test_duplicates_different_articles_and_short_texts_are_left_alone() -> None:
    assert find_duplicates([doc("a", ARTICLE), doc("b", OTHER)]) == {}
    short = "The talks resume on Monday."
    assert find_duplicates([doc("s1", short), doc("s2", short)]) == {}  # too little text to say
    half = " ".join(ARTICLE.split()[: len(ARTICLE.split()) // 2]) + " " + OTHER
    assert find_duplicates([doc("a", ARTICLE), doc("mixed", half)]) == {}

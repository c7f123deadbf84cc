from pathlib import Path

from extractors.nlp import doc_text, parse_texts, split_into_chunks

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_nlp_chunks_join_back_to_the_text() -> None:
    text = ("A paragraph about NATO.\n\n" * 30).strip()
    chunks = split_into_chunks(text, size=100)
    assert len(chunks) > 5
    assert "".join(chunks) == text
    assert all(len(c) <= 100 for c in chunks)
    assert all(c.endswith("\n\n") for c in chunks[:-1])  # cut at paragraph breaks, the break kept in the chunk


def test_nlp_chunks_of_a_paragraph_longer_than_a_chunk_end_at_sentences() -> None:
    text = "NATO met in Vilnius. " * 40 + "\n\nA short one."
    chunks = split_into_chunks(text, size=200)
    assert "".join(chunks) == text
    assert all(c.endswith(". ") for c in chunks[:-2])


def test_nlp_text_without_spaces_is_still_cut_to_size() -> None:
    text = "x" * 250
    assert split_into_chunks(text, size=100) == ["x" * 100, "x" * 100, "x" * 50]


def test_nlp_chunked_parse_of_real_articles_keeps_text_and_offsets(nlp) -> None:
    """Real prose parsed in small chunks: one Doc whose text is the original, every token and entity at its true
    offset. Cut at paragraph breaks, the chunks give the tokens and entities the whole text gives."""
    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt")))
    doc = next(parse_texts(nlp, [text], whole_chars=2_000, chunk_chars=1_500))
    assert doc.text == text
    assert doc_text(doc) == text and doc_text(doc) is doc_text(doc)  # the text every extractor reads, built once
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert len(doc.ents) > 50
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    whole = next(parse_texts(nlp, [text]))
    assert [t.idx for t in doc] == [t.idx for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents]


def test_nlp_long_text_parses_into_one_doc_with_original_offsets(nlp) -> None:
    paragraph = "Germany sent 14 tanks to Ukraine in March 2023. "
    text = "\n\n".join([paragraph * 3] * 1200)  # ~176k chars: over one chunk
    assert len(text) > nlp.max_length
    doc = next(parse_texts(nlp, [text]))
    assert doc.text == text
    last = [ent for ent in doc.ents if ent.text == "Ukraine"][-1]
    assert text[last.start_char : last.end_char] == "Ukraine"


def test_nlp_worker_processes_give_the_same_docs_in_order(nlp) -> None:
    texts = [f"Poland bought {n} K2 tanks from South Korea in March 202{n % 5}." for n in range(9)]
    texts.insert(4, "\n\n".join(["Japan and Australia signed a pact in Tokyo. " * 40] * 60))  # chunked
    single = [(d.text, [(e.start_char, e.label_) for e in d.ents]) for d in parse_texts(nlp, texts)]
    workers = [(d.text, [(e.start_char, e.label_) for e in d.ents]) for d in parse_texts(nlp, texts, n_process=2)]
    assert [t for t, _ in workers] == texts
    assert workers == single


def test_nlp_a_blank_line_ends_a_sentence(nlp) -> None:
    # a heading line with no full stop must not become the subject of the paragraph below it
    doc = nlp("Briefing | 3 March 2025\n\nUntil recently Chile guarded its coast with four old patrol boats.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Briefing | 3 March 2025",
                         "Until recently Chile guarded its coast with four old patrol boats."]
    assert next(t for t in doc if t.dep_ == "nsubj").text == "Chile"

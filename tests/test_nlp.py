from extractors.nlp import parse_texts, split_into_chunks


def test_nlp_chunks_join_back_to_the_text() -> None:
    text = ("A paragraph about NATO.\n\n" * 30).strip()
    chunks = split_into_chunks(text, size=100)
    assert len(chunks) > 5
    assert "".join(chunks) == text
    assert all(len(c) <= 100 for c in chunks)


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

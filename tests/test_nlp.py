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

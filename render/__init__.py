"""How extractions are shown: their labels and the document text with them marked in place, for the terminal
(`dossier show`, flows/show.py) and the review page (review/highlight.py). Imports nothing of dossier's but schema/,
so both may use it."""

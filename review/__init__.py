"""The review page: check, correct and add extractions in the browser; verdicts live in the store's reviews table."""

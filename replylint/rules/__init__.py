"""Rule files: schema and loader (no NLP), compilation, and the kinds that check."""

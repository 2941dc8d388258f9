"""Reading a corpus: files and encodings, normalising, markers and cues, the
speech parser (text → Outline). Imports nothing else of speechkit but errors."""

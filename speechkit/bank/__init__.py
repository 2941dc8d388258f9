"""Phrase banks: the phrase model, YAML files (strict reading, readable writing),
the journaled write and its lock, the compiled index, finding the bank folder."""

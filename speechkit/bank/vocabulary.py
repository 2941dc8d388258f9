"""The words a bank uses for what a phrase knows: occasions, speaker levels,
moves and kinds of specifics. Mining writes them, drafting and filters read them."""

from __future__ import annotations

OCCASIONS = (
    "work-meeting",
    "congress",
    "report",
    "commendation",
    "symposium",
    "festival",
    "ceremony",
    "commemoration",
    "internal-talk",
    "other",
)
STATECRAFT = "statecraft"  # the tag of a phrase on foreign policy (bank/statecraft)
TAGS = (*OCCASIONS, STATECRAFT)  # what extract tags phrases with
SPEAKER_LEVELS = ("national", "province", "city", "county", "enterprise", "union", "department")
MOVES = (
    "congratulate",
    "welcome",
    "purpose",
    "review",
    "significance",
    "thanks",
    "call",
    "requirements",
    "wishes",
    "thanks-for-listening",
)
SPECIFIC_KINDS = (
    "place",
    "org",
    "person",
    "figure",
    "ordinal",
    "dated",
    "year",
    "level",
    "campaign",
    "redaction",
)

"""The outline of a speech: what the parser finds and what mining reads.

A file holds speeches; a speech has a salutation, opening paragraphs, a
transition, a tree of points and a closing. Line numbers are the user's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Para:
    text: str
    line: int


@dataclass
class Point:
    style: str
    number: int
    heading: str
    line: int
    body: list[Para] = field(default_factory=list)
    children: list[Point] = field(default_factory=list)
    glued: bool = False  # body[0] came from the heading's own paragraph
    part: str | None = None  # the unnumbered part title this point is the first under

    def to_dict(self) -> dict[str, Any]:
        return {
            "style": self.style,
            "number": self.number,
            "heading": self.heading,
            "body": [p.text for p in self.body],
            "line": self.line,
            "part": self.part,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[Point]:
        """This point and all its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class Speech:
    index: int
    line: int
    title: str | None
    date: str | None = None  # as its title block gives it: 2026年1月26日, or a year
    event: str | None = None  # the meeting its title block names: 在(…)上的讲话
    header: str = ""  # its title block as written (title, subtitle, date, byline); not in the JSON
    salutation: Para | None = None
    opening: list[Para] = field(default_factory=list)
    transition: Para | None = None
    points: list[Point] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "line": self.line,
            "title": self.title,
            "date": self.date,
            "event": self.event,
            "salutation": self.salutation.text if self.salutation else None,
            "opening": [p.text for p in self.opening],
            "transition": self.transition.text if self.transition else None,
            "points": [p.to_dict() for p in self.points],
            "closing": [p.text for p in self.closing],
        }

    def all_points(self) -> list[Point]:
        return [node for p in self.points for node in p.walk()]

    def plain_text(self) -> str:
        parts = [p.text for p in self.opening]
        if self.transition:
            parts.append(self.transition.text)
        for node in self.all_points():
            parts.append(node.heading)
            parts.extend(b.text for b in node.body)
        parts.extend(p.text for p in self.closing)
        return "\n".join(parts)


@dataclass
class FileOutline:
    path: str
    speeches: list[Speech]

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "speeches": [s.to_dict() for s in self.speeches]}

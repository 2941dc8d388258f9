"""Mine outlines into phrases, and extract a corpus into a bank folder.

Per file: read, normalise, parse, cut into phrase records (no jieba yet).
Then across files: merge identical and near-identical records (count and
every source kept), give each a stable id, mine keywords with jieba, and
merge the result into the bank folder without losing anything the user has.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import NamedTuple

from speechkit.bank import moves as move_cues
from speechkit.bank import statecraft
from speechkit.bank.files import file_chunks, render_file
from speechkit.bank.journal import CommittedInterrupt, bank_lock, recover, write_group
from speechkit.bank.load import is_bank_folder, load_bank_to_update
from speechkit.bank.model import (
    FILE_NAMES,
    KINDS,
    Bank,
    Phrase,
    Source,
    Specific,
    dedup_key,
    phrase_id,
    ratio_bound,
)
from speechkit.errors import BankError, CorpusError, Interrupted
from speechkit.mining.context import context_of
from speechkit.mining.corpus_config import CorpusSettings, Stated
from speechkit.mining.generalise import SpeechContext, generalise
from speechkit.mining.occasion import classify
from speechkit.mining.reuse import fragment_reason, reuse_score
from speechkit.mining.workers import beside, results_in_order
from speechkit.reading import cues
from speechkit.reading.corpus import CorpusFile, find_files, named_files, read_file, skip_or_raise
from speechkit.reading.outline import Para, Point, Speech
from speechkit.reading.parser import parse_text

Warn = Callable[[str], None]


class Record(NamedTuple):
    """One occurrence of a phrase in the corpus, before merging (a tuple:
    workers send these to the parent, and tuples pickle fast)."""

    kind: str
    text: str
    slots: list[str]
    source: Source
    tags: list[str]
    key: str  # the text reduced to what makes two phrases the same
    heading: str | None = None
    body: Sequence[str] = ()
    level: int | None = None
    children: Sequence[str] = ()  # keys of child records
    keywords: Sequence[str] = ()
    occasion: str | None = None  # of the source speech
    speaker_level: str | None = None
    moves: Sequence[str] = ()
    specifics: Sequence[tuple[str, str]] = ()  # (text, kind)
    reuse: float | None = None


# ----------------------------------------------------------- speech → records


@dataclass(frozen=True)
class _About:
    """What every record of one speech shares."""

    label: str
    index: int
    tags: list[str]
    occasion: str
    speaker_level: str | None
    context: SpeechContext


def _about(label: str, speech: Speech, stated: Stated) -> _About:
    found = classify(speech)
    occasion = stated.occasion or found.occasion
    level = stated.speaker_level or found.level
    tags = [occasion] if occasion != "other" else []
    return _About(label, speech.index, tags, occasion, level, context_of(speech))


def _units(para: Para) -> list[str]:
    """A paragraph cut into phrase units: each greeting, thanks or wish
    sentence on its own (they are the most reusable), the rest kept together."""
    sentences = re.findall(r"[^。！？]*[。！？]+[”’）]?|[^。！？]+$", para.text)
    units: list[str] = []
    run: list[str] = []
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        if sentence.endswith("！") and cues.FORMULA_RE.search(sentence):
            if run:
                units.append("".join(run))
                run = []
            units.append(sentence)
        else:
            run.append(sentence)
    if run:
        units.append("".join(run))
    return units


# Web copies keep their footnote calls (…要超越客户前进。[2]); a speaker never says them.
_FOOTNOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff。！？；，：”’）])[\[［]\d{1,3}[\]］]")


# ... and their photo captions: a credit (新华社记者 鞠鹏/摄) after the caption's
# sentences (这是…; 3月6日，…), which say where the leader was, not what he said.
_CREDIT_RE = re.compile(
    r"(?P<caption>(?:(?:这是|(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日)[^。！？]*。\s*){0,2})"
    r"\s*(?:新华社|人民日报|中新社)?(?:记者|摄影)\s*[\u4e00-\u9fff]{2,4}(?:\s*[、，]\s*[\u4e00-\u9fff]{2,4})*\s*[/／]?\s*摄"
)


def _spoken(text: str) -> str:
    if "[" in text or "［" in text:
        text = _FOOTNOTE_RE.sub("", text)
    if "摄" in text:
        text = _CREDIT_RE.sub("", text).strip()
    return text


def _has_words(text: str) -> bool:
    """Punctuation alone is no phrase."""
    return any(ch.isalnum() for ch in text)


def speech_records(
    label: str, speech: Speech, stated: Stated | None = None, rejected: dict[str, int] | None = None
) -> list[Record]:
    """The phrase records of one speech; units that are no phrase (fragments)
    are left out and counted in ``rejected`` by kind."""
    about = _about(label, speech, stated or Stated())

    def record(kind: str, text: str, line: int, *, transition: bool = False) -> Record:
        spoken = _spoken(text)
        generalised, slots = generalise(spoken, transition=transition, context=about.context)
        moves = move_cues.moves_of(text) if kind in ("opening", "closing") else ()
        return Record(
            kind, generalised, slots, Source(label, speech.index, line), _tags(about, spoken),
            dedup_key(generalised), occasion=about.occasion, speaker_level=about.speaker_level, moves=moves,
        )  # fmt: skip

    def usable(kind: str, unit: str) -> bool:
        if not _has_words(_spoken(unit)):  # a photo caption alone is said by no one
            return False
        if fragment_reason(kind, unit) is None:
            return True
        if rejected is not None:
            rejected[kind] = rejected.get(kind, 0) + 1
        return False

    out: list[Record] = []
    if speech.salutation and _has_words(_spoken(speech.salutation.text)):
        out.append(record("salutation", speech.salutation.text, speech.salutation.line))
    for para in speech.opening:
        out.extend(record("opening", unit, para.line) for unit in _units(para) if usable("opening", unit))
    if speech.transition and _has_words(_spoken(speech.transition.text)):
        out.append(record("transition", speech.transition.text, speech.transition.line, transition=True))
    for point in speech.points:
        if _has_words(_spoken(point.heading)):
            _point_records(point, 1, about, out)
    for para in speech.closing:
        out.extend(record("closing", unit, para.line) for unit in _units(para) if usable("closing", unit))
    return out


def _point_records(point: Point, level: int, about: _About, out: list[Record]) -> str:
    said = [_spoken(point.heading)]
    heading, slots = generalise(said[0], context=about.context)
    body = []
    for para in point.body:
        spoken = _spoken(para.text)
        if not _has_words(spoken):
            continue
        said.append(spoken)
        text, used = generalise(spoken, context=about.context)
        body.append(text)
        slots += [s for s in used if s not in slots]
    key = dedup_key("\n".join([heading, *body]))
    at = len(out)
    source = Source(about.label, about.index, point.line)
    out.append(
        Record(
            "point", heading, slots, source, _tags(about, "\n".join(said)), key, heading, body, level,
            occasion=about.occasion, speaker_level=about.speaker_level,
        )
    )  # fmt: skip
    children = [
        _point_records(child, level + 1, about, out)
        for child in point.children
        if _has_words(_spoken(child.heading))
    ]
    out[at] = out[at]._replace(children=children)
    return key


def _tags(about: _About, said: str) -> list[str]:
    """The speech's tags, and ``statecraft`` where the words as said (before a slot
    takes a body's name out) speak of foreign policy."""
    return [*about.tags, statecraft.TAG] if statecraft.speaks_of_statecraft(said) else about.tags


def file_records(
    corpus_file: CorpusFile, stated: Stated | None = None
) -> tuple[list[Record], int, dict[str, int]]:
    """Records of one file, how many speeches it holds, and the units rejected as fragments."""
    speeches = parse_text(corpus_file.text)
    rejected: dict[str, int] = {}
    records = [r for speech in speeches for r in speech_records(corpus_file.label, speech, stated, rejected)]
    return records, len(speeches), rejected


# --------------------------------------------------------- records → phrases

_NEAR = 0.85  # difflib ratio above which two short phrases are one
_NEAR_MAX_LEN = 120
_CANDIDATE_DICE = 0.6  # bigram overlap needed before the exact comparison


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


class _NearIndex:
    """Finds an earlier phrase that is nearly the same (short phrases only).

    Bigram postings find candidates cheaply; difflib confirms them.
    """

    def __init__(self) -> None:
        self.grams: dict[str, set[str]] = {}
        self.postings: dict[str, list[str]] = {}

    def find(self, key: str) -> str | None:
        if len(key) > _NEAR_MAX_LEN:
            return None
        grams = _bigrams(key)
        # how many bigrams each earlier phrase shares with this one, counted in C
        seen = Counter(chain.from_iterable(map(self.postings.get, grams, repeat(()))))
        for other, shared in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])):
            if 2 * shared / (len(grams) + len(self.grams[other])) < _CANDIDATE_DICE:
                break
            if (
                _may_be_near(key, other)
                and SequenceMatcher(None, key, other, autojunk=False).ratio() >= _NEAR
            ):
                return other
        return None

    def add(self, key: str) -> None:
        if len(key) > _NEAR_MAX_LEN:
            return
        grams = _bigrams(key)
        self.grams[key] = grams
        for gram in grams:
            self.postings.setdefault(gram, []).append(key)


def _may_be_near(a: str, b: str) -> bool:
    """An exact upper bound of difflib's ratio, from set operations in C: a character of
    one text that the other lacks is matched by nothing (most candidates fail it)."""
    return ratio_bound(a, set(a), b, set(b)) >= _NEAR


class PhraseBuilder:
    """Merges records into phrases as they come, file by file: one phrase per
    distinct text (near-identical short ones merged), in corpus order.

    Only a 16-byte digest of each text is kept as the key, so memory grows
    with the phrases themselves, not twice over.
    """

    def __init__(self) -> None:
        self.phrases: dict[str, dict[bytes, Phrase]] = {k: {} for k in KINDS}
        self.near: dict[tuple[str, tuple[str, ...]], _NearIndex] = {}
        self.alias: dict[bytes, bytes] = {}  # a near-duplicate's digest -> the phrase it joined
        self.ids: dict[str, bytes] = {}  # id -> digest of the text that owns it
        self.children: dict[bytes, list[bytes]] = {}
        self.sources: dict[bytes, set[Source]] = {}

    def _id(self, kind: str, key: str, digest: bytes) -> str:
        pid = phrase_id(kind, key)
        width = 8
        while self.ids.get(pid, digest) != digest:  # two texts, one short hash: lengthen it
            width += 4
            pid = phrase_id(kind, key, width)
        self.ids[pid] = digest
        return pid

    def add(self, rec: Record) -> None:
        key = rec.key
        digest = _digest(key)
        bucket = self.phrases[rec.kind]
        near_index = None
        if rec.kind != "point":
            near_index = self.near.setdefault((rec.kind, tuple(sorted(rec.slots))), _NearIndex())
            if digest not in bucket:
                other = near_index.find(key)
                if other is not None:
                    self.alias[digest] = _digest(other)
                    digest = self.alias[digest]
        phrase = bucket.get(digest)
        if phrase is None:
            phrase = Phrase(
                id=self._id(rec.kind, key, digest), kind=rec.kind, text=rec.text, slots=list(rec.slots),
                keywords=list(rec.keywords), tags=list(rec.tags), count=0, heading=rec.heading,
                body=list(rec.body), level=rec.level, occasion=rec.occasion,
                speaker_level=rec.speaker_level, moves=list(rec.moves),
                specifics=[Specific(*s) for s in rec.specifics], reuse=rec.reuse,
            )  # fmt: skip
            bucket[digest] = phrase
            self.sources[digest] = set()
            if near_index is not None:
                near_index.add(key)
            else:
                self.children[digest] = [_digest(c) for c in rec.children]
        phrase.count += 1
        if rec.source not in self.sources[digest]:
            self.sources[digest].add(rec.source)
            phrase.sources.append(rec.source)
        phrase.tags += [t for t in rec.tags if t not in phrase.tags]

    def result(self) -> dict[str, list[Phrase]]:
        points = self.phrases["point"]
        for digest, children in self.children.items():
            points[digest].children = [points[c].id for c in children if c in points]
        # what only merging needed goes now: writing a large bank is when memory peaks
        self.near, self.alias, self.ids, self.children, self.sources = {}, {}, {}, {}, {}
        return {kind: list(self.phrases[kind].values()) for kind in KINDS}


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()


def build_phrases(records: Iterable[Record]) -> dict[str, list[Phrase]]:
    """Merge records (with their keywords) into phrases."""
    builder = PhraseBuilder()
    for rec in records:
        builder.add(rec)
    return builder.result()


_KNOWLEDGE_MEMO: dict[str, tuple[list[str], list[tuple[str, str]], float]] = {}  # per process
_KNOWLEDGE_MEMO_MAX = 5_000  # 20,000 held ~18 MB more at 100 MB for no measurable gain


def add_knowledge(records: list[Record]) -> list[Record]:
    """The records with what segmentation tells: keywords (not for salutations),
    specifics, and the reuse score that depends on them."""
    from speechkit.mining.keywords import KEYWORD_SPAN, dictionary_tags, keywords_of_tokens, segment
    from speechkit.mining.specifics import find_specifics, learn_names

    tags = dictionary_tags()
    texts = [_without_slots("\n".join([rec.heading or rec.text, *rec.body])) for rec in records]
    by_speech: dict[tuple[str, int], list[str]] = {}
    for rec, text in zip(records, texts, strict=True):
        by_speech.setdefault(rec.source[:2], []).append(text)
    learned_by_speech = {speech: learn_names(texts_of, tags) for speech, texts_of in by_speech.items()}
    out = []
    for rec, text in zip(records, texts, strict=True):
        # a phrase holding a name its speech introduced is known only with that speech
        learned = [pair for pair in learned_by_speech.get(rec.source[:2], ()) if pair[0] in text]
        memo_key = rec.key if not learned else f"{rec.key}\x00{learned}"
        known = _KNOWLEDGE_MEMO.get(memo_key)
        if known is None:
            tokens = segment(text)
            # the tokens up to the first that starts at KEYWORD_SPAN or beyond
            head = tokens[: bisect_left(list(accumulate(map(len, tokens))), KEYWORD_SPAN) + 1]
            words = keywords_of_tokens(head) if rec.kind != "salutation" else []
            specifics = [(s.text, s.kind) for s in find_specifics(text, tokens, tags, learned)]
            score = reuse_score(rec.kind, text, [k for _, k in specifics], rec.moves)
            known = (words, specifics, score)
            if len(_KNOWLEDGE_MEMO) >= _KNOWLEDGE_MEMO_MAX:
                _KNOWLEDGE_MEMO.clear()
            _KNOWLEDGE_MEMO[memo_key] = known
        out.append(rec._replace(keywords=known[0], specifics=known[1], reuse=known[2]))
    return out


_SLOT_TOKEN_RE = re.compile(r"\{\w+\}|[{}]")


def _without_slots(text: str) -> str:
    return _SLOT_TOKEN_RE.sub(" ", text)


# ------------------------------------------------------------ merge and save


@dataclass
class KindReport:
    mined: int = 0  # occurrences found in the corpus
    unique: int = 0  # distinct phrases after merging
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    kept: int = 0  # curated or hand-added entries left as they were
    rejected: int = 0  # units left out as fragments (no phrase of this kind)
    # "added" / "updated" / "stale" -> [{id, text}], for --dry-run
    changes: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def note(self, change: str, phrase: Phrase) -> None:
        self.changes.setdefault(change, []).append({"id": phrase.id, "text": phrase.text})


@dataclass
class ExtractReport:
    out_dir: Path
    files: int
    speeches: int
    kinds: dict[str, KindReport]
    written: bool
    skipped: list[str] = field(default_factory=list)
    segmenter: str = ""  # rjieba, or jieba where it fell back

    def to_dict(self) -> dict[str, object]:
        return {
            "out_dir": self.out_dir.as_posix(),
            "files": self.files,
            "speeches": self.speeches,
            "written": self.written,
            "skipped": self.skipped,
            "segmenter": self.segmenter,
            "kinds": {k: {f: v for f, v in vars(r).items() if f != "changes"} for k, r in self.kinds.items()},
            "changes": {k: r.changes for k, r in self.kinds.items() if r.changes},
        }


def merge(
    existing: Bank | None, mined: dict[str, list[Phrase]], inputs: set[str]
) -> tuple[dict[str, list[Phrase]], dict[str, KindReport]]:
    """Merge freshly mined phrases into an existing bank, losing nothing.

    * ``curated: true`` entries stay exactly as they are;
    * entries the extraction produced again are updated (counts, sources);
    * entries whose source file was re-read but no longer holds them are
      kept and marked ``stale: true``;
    * everything else (hand-added entries, phrases from other corpora) stays.
    """
    reports = {k: KindReport() for k in KINDS}
    out: dict[str, list[Phrase]] = {}
    for kind in KINDS:
        report = reports[kind]
        new = mined[kind]
        report.unique = len(new)
        report.mined = sum(p.count for p in new)
        old = existing.of_kind(kind) if existing else []
        old_by_id = {p.id: p for p in old}
        new_ids = {p.id for p in new}
        result: list[Phrase] = []
        for phrase in new:
            before = old_by_id.get(phrase.id)
            if before is None:
                report.added += 1
                report.note("added", phrase)
                result.append(phrase)
            elif before.curated:
                report.kept += 1
                result.append(before)
            else:
                if before.to_dict() == phrase.to_dict():
                    report.unchanged += 1
                else:
                    report.updated += 1
                    report.note("updated", phrase)
                result.append(phrase)
        for phrase in old:
            if phrase.id in new_ids:
                continue
            from_inputs = bool(phrase.sources) and all(s.file in inputs for s in phrase.sources)
            if phrase.curated or not from_inputs:
                report.kept += 1
            elif not phrase.stale:
                phrase.stale = True
                phrase.raw = None
                report.stale += 1
                report.note("stale", phrase)
            else:
                report.stale += 1
            result.append(phrase)
        out[kind] = result
    return out, reports


Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass
class MinedCorpus:
    phrases: dict[str, list[Phrase]]
    files: int
    speeches: int
    labels: set[str]
    rejected: dict[str, int] = field(default_factory=dict)
    segmenter: str = ""  # as the mining processes report it


_Mined = tuple[str, list[Record], int, dict[str, int], str | None, str]


def _mine_file(job: tuple[str, Stated]) -> _Mined:
    """Worker: one file to records with their knowledge; an unreadable file returns its error."""
    from speechkit.mining.keywords import segmenter

    path, stated = job
    try:
        corpus_file = read_file(Path(path))
    except CorpusError as exc:
        return path, [], 0, {}, str(exc), ""
    records, count, rejected = file_records(corpus_file, stated)
    return corpus_file.label, add_knowledge(records), count, rejected, None, segmenter()


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def mine_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    warn: Warn | None = None,
    progress: Progress | None = None,
) -> MinedCorpus:
    """Read, parse and mine every file, ``jobs`` at a time, merging in file order."""
    files = find_files(paths, warn)
    named = named_files(paths)
    sizes = [_size(f) for f in files]
    total, done = sum(sizes), 0
    jobs = min(default_jobs() if jobs is None else jobs, len(files))
    if jobs < 1:
        raise CorpusError(f"--jobs must be 1 or more, not {jobs}")
    builder = PhraseBuilder()
    result = MinedCorpus({}, 0, 0, set())
    roots = [Path(p) for p in paths]
    settings = CorpusSettings()
    jobs_list = [(str(f), settings.stated_for(f, _root_of(f, roots))) for f in files]
    with _file_results(jobs_list, jobs) as results:
        for path, size, (label, records, count, rejected, error, used) in zip(
            files, sizes, results, strict=True
        ):
            done += size
            if progress:
                progress(done, total)
            if error is not None:
                skip_or_raise(path, CorpusError(error), named, warn)
                continue
            for rec in records:
                builder.add(rec)
            for kind, n in rejected.items():
                result.rejected[kind] = result.rejected.get(kind, 0) + n
            result.files += 1
            result.speeches += count
            result.labels.add(label)
            result.segmenter = result.segmenter or used
    result.phrases = builder.result()
    return result


def _root_of(path: Path, roots: list[Path]) -> Path:
    """The path named on the command line that ``path`` was found under."""
    for root in roots:
        if root == path or root in path.parents:
            return root
    return path.parent


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def _file_results(files: list[tuple[str, Stated]], jobs: int) -> Iterator[Iterator[_Mined]]:
    """Results per file, in file order: in this process, or from worker processes."""
    if jobs <= 1:
        yield (_mine_file(job) for job in files)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Each worker loads the segmenter and dictionary itself, at the same time as
    # the other: no longer than this process would take before forking them, and
    # this one, which merges, never holds them (it holds the bank).
    results: Generator[_Mined, None, None] = results_in_order(context, _mine_file, files, jobs)
    try:
        yield results
    finally:
        results.close()  # stops the workers whatever ended the loop: an interrupt, an error


def extract(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    warn: Warn | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ExtractReport:
    """Mine the corpus at ``paths`` into the bank folder ``out_dir``.

    ``jobs`` processes share the files (default: one per core); the result
    is the same byte for byte whatever their number.
    """
    from speechkit.mining.keywords import segmenter

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise BankError(f"{folder}: is a file; the bank output must be a folder")
    skipped: list[str] = []

    def note(message: str) -> None:
        skipped.append(message)
        if warn:
            warn(message)

    try:
        corpus = mine_corpus(paths, jobs=jobs, warn=note, progress=progress)
    except KeyboardInterrupt:
        raise Interrupted(_UNCHANGED) from None
    mined, files, speeches, inputs = corpus.phrases, corpus.files, corpus.speeches, corpus.labels
    used = corpus.segmenter  # what the mining processes used; asked here only if none ran
    if dry_run:  # writes nothing: a pending write is read through its journal
        try:
            existing = load_bank_to_update(folder, warn=warn) if is_bank_folder(folder) else None
            _, reports = merge(existing, mined, inputs)
        except KeyboardInterrupt:
            raise Interrupted(_UNCHANGED) from None
        _note_rejected(reports, corpus.rejected)
        return ExtractReport(
            folder, files, speeches, reports, False, skipped, corpus.segmenter or segmenter()
        )
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)  # another extract may make it meanwhile
        except OSError as exc:
            raise BankError(f"{folder}: cannot create the bank folder ({exc.strerror})") from None
    written = False
    try:
        with bank_lock(folder):
            recover(folder)
            existing = load_bank_to_update(folder) if is_bank_folder(folder) else None
            merged, reports = merge(existing, mined, inputs)
            _note_rejected(reports, corpus.rejected)
            with _indexing(folder, Bank(folder, merged), jobs) as index_written:
                save_bank(folder, merged)
                written = True
                index_written()
    except KeyboardInterrupt as exc:  # the write itself is never cut in two (write_group)
        done = written or isinstance(exc, CommittedInterrupt)
        raise Interrupted("interrupted; the bank was written in full" if done else _UNCHANGED) from None
    return ExtractReport(folder, files, speeches, reports, True, skipped, used or segmenter())


@contextlib.contextmanager
def _indexing(folder: Path, bank: Bank, jobs: int | None) -> Iterator[Callable[[], None]]:
    """Index the bank now, so that the first draft from it is fast. With more
    than one process (and a bank large enough to be worth it) the index is
    built in a helper process while this one writes the bank's files; the
    function yielded, called once they are written, signs the index with
    their signature and puts it in place."""
    from speechkit.bank import index as bankindex

    parallel = (jobs or default_jobs()) > 1 and len(bank) >= _INDEX_BESIDE_MIN
    if not parallel or "fork" not in _start_methods():
        yield lambda: bankindex.store(folder, bank, bankindex.signature(folder))
        return
    import multiprocessing

    tmp = bankindex.temp_path(folder)

    def install(built: Callable[[], bool]) -> None:
        before = bankindex.signature(folder)
        if built():
            bankindex.install(folder, tmp, before)

    try:
        with beside(multiprocessing.get_context("fork"), lambda: bankindex.build(bank, tmp)) as built:
            yield lambda: install(built)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()  # left by a helper that failed or was stopped; gone once installed


_INDEX_BESIDE_MIN = 2000  # phrases: a smaller bank is indexed before a helper process has started


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _note_rejected(reports: dict[str, KindReport], rejected: dict[str, int]) -> None:
    for kind, count in rejected.items():
        reports[kind].rejected = count


_UNCHANGED = "interrupted; the bank is unchanged"


def save_bank(folder: Path, phrases: dict[str, list[Phrase]]) -> None:
    """Write every kind file as one change: after any crash the bank is all old or all new."""
    rendered: dict[str, str | Iterable[str]] = {}
    for kind in KINDS:
        if any(p.curated and p.raw for p in phrases[kind]):
            rendered[kind] = _checked(kind, phrases[kind], render_file(kind, phrases[kind]))
        else:
            rendered[kind] = file_chunks(kind, phrases[kind])
    try:
        write_group(folder, {FILE_NAMES[kind]: rendered[kind] for kind in KINDS})
    except OSError as exc:
        raise BankError(f"{folder}: cannot write the bank ({exc.strerror})") from None


def _checked(kind: str, phrases: list[Phrase], text: str) -> str:
    """Curated entries are copied as the user wrote them; if that copy does
    not read back as the same data (odd indentation, say), write them in the
    standard layout instead: their content is kept either way."""
    from speechkit.bank import yamlio

    try:
        data = yamlio.parse(text)
        back = [item for item in data["phrases"]]
        if [b.get("id") for b in back] == [p.id for p in phrases]:
            return text
    except (yamlio.YamlSyntaxError, TypeError, KeyError):
        pass
    for phrase in phrases:
        phrase.raw = None
    return render_file(kind, phrases)

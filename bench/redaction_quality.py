"""Precision, recall and speed of govcx.collection.redaction on the labelled answers.

Run from the repository root:  .venv/bin/python bench/redaction_quality.py [cases.jsonl]

Each line of the labelled set is {"text": ..., "expected": ...}, where "expected" is the text as
it should be stored. Scoring is at the placeholder level:

- Per case and per kind ([SSN], [PHONE], ...), true positives are the smaller of the number of
  placeholders expected and produced; the produced surplus are false positives, the expected
  surplus false negatives.
- The text outside the placeholders must then be identical. If it is not, a value was cut at
  the wrong place (words swallowed into a placeholder, or part of a value left in the clear),
  so the case earns no true positives: every produced placeholder is a false positive and
  every expected one a false negative. This is strict on purpose: a boundary error can leak
  part of an identifier or destroy words analysts need.

Precision = TP / (TP + FP) and recall = TP / (TP + FN), per kind and over all kinds. The script
also times `redact()` over every case (mean microseconds per answer, after one warm-up pass) and
lists every case whose output differs from its label. It imports no Django.
"""

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govcx.collection.redaction import PLACEHOLDERS, redact

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "govcx" / "collection" / "tests" / "redaction_cases.jsonl"
PLACEHOLDER = re.compile(r"\[(" + "|".join(PLACEHOLDERS) + r")\]")


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    cases: int = 0

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._totals(self.tp, kind), self._totals(self.fp, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._totals(self.tp, kind), self._totals(self.fn, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _totals(counts: Counter[str], kind: str | None) -> int:
        return sum(counts.values()) if kind is None else counts[kind]


def load(path: Path = CASES) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(case["text"], case["expected"]) for case in map(json.loads, filter(None, lines))]


def score_case(score: Score, text: str, expected: str, produced: str) -> None:
    score.cases += 1
    want = Counter(PLACEHOLDER.findall(expected))
    got = Counter(PLACEHOLDER.findall(produced))
    same_rest = PLACEHOLDER.sub("\0", expected) == PLACEHOLDER.sub("\0", produced)
    hits = want & got if same_rest else Counter[str]()
    score.tp.update(hits)
    score.fp.update(got - hits)
    score.fn.update(want - hits)
    if produced != expected:
        score.misses.append((text, expected, produced))


def evaluate(cases: list[tuple[str, str]]) -> Score:
    score = Score()
    for text, expected in cases:
        score_case(score, text, expected, redact(text).text)
    return score


def mean_microseconds(texts: list[str], rounds: int = 20) -> float:
    for text in texts:  # one warm-up pass, so one-off first-call costs stay out of the mean
        redact(text)
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            redact(text)
    return (time.perf_counter() - start) / (rounds * len(texts)) * 1e6


def long_answers(cases: list[tuple[str, str]], size: int = 1000) -> list[str]:
    """Answers of exactly `size` characters, cut from the labelled texts joined end to end."""
    joined = " ".join(text for text, _ in cases)
    return [joined[i : i + size] for i in range(0, len(joined) - size + 1, size)]


def main() -> None:
    cases = load(Path(sys.argv[1]) if len(sys.argv) > 1 else CASES)
    score = evaluate(cases)
    print(f"cases: {score.cases}")
    print(f"{'kind':<8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for kind in PLACEHOLDERS:
        tp, fp, fn = score.tp[kind], score.fp[kind], score.fn[kind]
        p, r = score.precision(kind), score.recall(kind)
        print(f"{kind:<8} {tp:>4} {fp:>4} {fn:>4} {p:>10.3f} {r:>8.3f}")
    tp, fp, fn = (sum(c.values()) for c in (score.tp, score.fp, score.fn))
    p, r = score.precision(), score.recall()
    print(f"{'overall':<8} {tp:>4} {fp:>4} {fn:>4} {p:>10.3f} {r:>8.3f}")
    texts = [text for text, _ in cases]
    print(f"mean time per answer: {mean_microseconds(texts):.1f} µs (the labelled answers)")
    print(f"mean time per 1,000-character answer: {mean_microseconds(long_answers(cases)):.1f} µs")
    print(f"exact matches: {score.cases - len(score.misses)}/{score.cases}")
    for text, expected, produced in score.misses:
        print(f"\nMISS  text:     {text}\n      expected: {expected}\n      produced: {produced}")


if __name__ == "__main__":
    main()

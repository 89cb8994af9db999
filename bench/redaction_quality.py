"""Precision, recall and speed of govcx.collection.redaction on two labelled sets.

Run from the repository root:  .venv/bin/python bench/redaction_quality.py [cases.jsonl ...]

The two sets (govcx/collection/tests/README.md says more):

- TUNING  redaction_cases.jsonl: the project's own cases. Rules are tuned against it, and cases
  are added to it whenever a rule changes, so its figures are optimistic.
- HELD-OUT  redaction_heldout.jsonl: comments written separately from the rules, before they
  were changed, and never tuned against. Its figures are the ones to quote.

Each line is {"text": ..., "expected": ..., "lang": "en"|"es"}, where "expected" is the text as
it should be stored. Scoring is at the placeholder level:

- Per case and per kind ([SSN], [NAME], ...), true positives are the smaller of the number of
  placeholders expected and produced; the produced surplus are false positives, the expected
  surplus false negatives.
- The text outside the placeholders must then be identical. If it is not, a value was cut at
  the wrong place (words swallowed into a placeholder, or part of a value left in the clear),
  so the case earns no true positives: every produced placeholder is a false positive and
  every expected one a false negative. This is strict on purpose: a boundary error can leak
  part of an identifier or destroy words analysts need.

Precision = TP / (TP + FP) and recall = TP / (TP + FN), per kind, per language and over all.
"Clean changed" is the share of cases whose label holds no placeholder (comments without an
identifier, many of them look-alikes: form numbers, receipts, agency numbers) that `redact()`
changed at all. Speed is answers per second on one core over the labelled answers, and the mean
time for an answer of 1,000 characters: cut from the labelled answers joined end to end (dense
with identifiers), a realistic answer (mixed text with a few identifiers) and a clean one. Times
are processor time of this process, so other work on the machine inflates them less. The
script lists every case whose output differs from its label. It imports no Django.
"""

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govcx.collection.redaction import redact

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "govcx" / "collection" / "tests"
CASES = TESTS / "redaction_cases.jsonl"
HELDOUT = TESTS / "redaction_heldout.jsonl"
PLACEHOLDER = re.compile(r"\[([A-Z][A-Z_]*[A-Z])\]")


@dataclass(frozen=True)
class Case:
    text: str
    expected: str
    lang: str


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    cases: int = 0
    clean: int = 0
    clean_changed: int = 0

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._totals(self.tp, kind), self._totals(self.fp, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._totals(self.tp, kind), self._totals(self.fn, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    def clean_changed_share(self) -> float:
        return self.clean_changed / self.clean if self.clean else 0.0

    def kinds(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    @staticmethod
    def _totals(counts: Counter[str], kind: str | None) -> int:
        return sum(counts.values()) if kind is None else counts[kind]


def load_cases(path: Path = CASES) -> list[Case]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = map(json.loads, filter(None, lines))
    return [Case(row["text"], row["expected"], row.get("lang", "en")) for row in rows]


def load(path: Path = CASES) -> list[tuple[str, str]]:
    return [(case.text, case.expected) for case in load_cases(path)]


def score_case(score: Score, text: str, expected: str, produced: str) -> None:
    score.cases += 1
    want = Counter(PLACEHOLDER.findall(expected))
    got = Counter(PLACEHOLDER.findall(produced))
    same_rest = PLACEHOLDER.sub("\0", expected) == PLACEHOLDER.sub("\0", produced)
    hits = want & got if same_rest else Counter[str]()
    score.tp.update(hits)
    score.fp.update(got - hits)
    score.fn.update(want - hits)
    if not want:
        score.clean += 1
        score.clean_changed += produced != text
    if produced != expected:
        score.misses.append((text, expected, produced))


def evaluate(cases: list[tuple[str, str]]) -> Score:
    score = Score()
    for text, expected in cases:
        score_case(score, text, expected, redact(text).text)
    return score


def evaluate_by_language(cases: list[Case]) -> dict[str, Score]:
    """One score over all cases (key "all"), and one per language."""
    scores: dict[str, Score] = {"all": Score()}
    for case in cases:
        produced = redact(case.text).text
        for key in ("all", case.lang):
            score_case(scores.setdefault(key, Score()), case.text, case.expected, produced)
    return scores


def mean_microseconds(texts: list[str], rounds: int = 20) -> float:
    for text in texts:  # one warm-up pass, so one-off first-call costs stay out of the mean
        redact(text)
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            redact(text)
    return (time.process_time() - start) / (rounds * len(texts)) * 1e6


def long_answers(cases: list[tuple[str, str]], size: int = 1000) -> list[str]:
    """Answers of exactly `size` characters, cut from the labelled texts joined end to end."""
    joined = " ".join(text for text, _ in cases)
    return [joined[i : i + size] for i in range(0, len(joined) - size + 1, size)]


# A long answer as people write them: a story, look-alikes analysts need (form numbers, amounts,
# dates of events), and a few identifiers. The clean one has the same story and no identifier.
REALISTIC = (
    "I have been trying to get my refund for tax year 2023 since March. I filed Form 1040 on "
    "02/14/2024 and the website kept saying my return was still being processed. I called "
    "1-800-829-1040 four times and waited over two hours each time before the call dropped. "
    "The agent finally told me there was an identity verification hold and that I had to mail "
    "copies of my documents. My SSN is 123-45-6789 and my date of birth is 04/16/1958, so "
    "please check the record. I mailed everything to the office on 05/02/2024 by certified "
    "mail and paid $8.95 for postage, but nobody has contacted me yet. You can reach me at "
    "(202) 555-0143 or jane.doe@example.com, or write to 4567 Oak Avenue, Apt 4B, Houston, TX "
    "77002. The letter number on the notice is 5071C and the amount due was $1,234.56. Please "
    "make the online account easier to use for older people, it took me three tries to sign "
    "in and the code never arrived on my phone. I appreciate the help I got at the local "
    "office in early April.\nThanks, Jane Q. Public"
)
CLEAN = (
    "I have been trying to get my refund for tax year 2023 since March. I filed Form 1040 on "
    "02/14/2024 and the website kept saying my return was still being processed. I called the "
    "help line four times and waited over two hours each time before the call dropped. The "
    "agent finally told me there was an identity verification hold and that I had to mail "
    "copies of my documents. I mailed everything to the office on 05/02/2024 by certified mail "
    "and paid $8.95 for postage, but nobody has contacted me since then, and the status page "
    "has not changed in eleven weeks. The letter number on the notice is 5071C and the amount "
    "due was $1,234.56. Please make the online account easier to use for older people, it "
    "took me three tries to sign in and the code never arrived on my phone. The staff at the "
    "local office in April were patient and kind, and they explained what the notice meant, "
    "which nobody on the phone had done. It would help to see in the account which documents "
    "were received and when, so people do not mail the same papers twice. Thank you."
)


def sized(text: str, size: int = 1000) -> str:
    """`text` repeated or cut to exactly `size` characters."""
    return (text + " ") * (size // (len(text) + 1)) + text[: size % (len(text) + 1)]


def report(name: str, cases: list[Case]) -> None:
    scores = evaluate_by_language(cases)
    overall = scores["all"]
    print(f"== {name}: {overall.cases} cases ({overall.clean} without an identifier)")
    print(f"{'kind':<16} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for kind in [*overall.kinds(), None]:
        tp, fp, fn = (Score._totals(c, kind) for c in (overall.tp, overall.fp, overall.fn))
        p, r = overall.precision(kind), overall.recall(kind)
        print(f"{kind or 'overall':<16} {tp:>4} {fp:>4} {fn:>4} {p:>10.3f} {r:>8.3f}")
    for lang in sorted(set(scores) - {"all"}):
        score = scores[lang]
        print(
            f"lang {lang}: {score.cases} cases, precision {score.precision():.3f}, "
            f"recall {score.recall():.3f}, clean changed {score.clean_changed}/{score.clean}"
        )
        for kind in score.kinds():
            p, r = score.precision(kind), score.recall(kind)
            print(f"    {kind:<16} precision {p:.3f} recall {r:.3f}")
    share = overall.clean_changed_share()
    print(f"clean changed: {overall.clean_changed}/{overall.clean} = {share:.1%}")
    pairs = [(case.text, case.expected) for case in cases]
    per_answer = mean_microseconds([case.text for case in cases])
    print(f"speed: {1e6 / per_answer:,.0f} answers/s on one core ({per_answer:.1f} µs each)")
    print(f"1,000-character answer: {mean_microseconds(long_answers(pairs)):.1f} µs")
    realistic, clean = (mean_microseconds([sized(text)], rounds=500) for text in (REALISTIC, CLEAN))
    print(f"1,000-character realistic answer: {realistic:.1f} µs, clean answer: {clean:.1f} µs")
    print(f"exact matches: {overall.cases - len(overall.misses)}/{overall.cases}")
    for text, expected, produced in overall.misses:
        print(f"\nMISS  text:     {text!r}")
        print(f"      expected: {expected!r}\n      produced: {produced!r}")
    print()


def main() -> None:
    paths = [Path(arg).resolve() for arg in sys.argv[1:]] or [CASES, HELDOUT]
    for path in paths:
        label = {CASES: "TUNING set", HELDOUT: "HELD-OUT set"}.get(path, str(path))
        report(f"{label} ({path.name})", load_cases(path))


if __name__ == "__main__":
    main()

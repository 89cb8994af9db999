"""Honest statistics for CX measures: proportions with Wilson intervals, a two-proportion z-test,
and the privacy and sample-size rules.

Pure functions on counts (no database), checked in the tests against scipy on fixed data.
"""

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
MIN_N_FOR_PERCENT = 30  # below this a percent is "not enough responses" (configurable)
SUPPRESS_BELOW = 10  # segment cells below this are not shown anywhere


@dataclass(frozen=True)
class Proportion:
    positive: int
    n: int
    low: float  # Wilson 95% interval, as fractions
    high: float

    @property
    def share(self) -> float:
        return self.positive / self.n if self.n else 0.0

    @property
    def margin(self) -> float:
        """Half the interval's width: the "plus or minus" readers expect."""
        return (self.high - self.low) / 2


def wilson(positive: int, n: int, z: float = Z95) -> Proportion:
    """Wilson score interval: right near 0% and 100% and at small n, unlike the normal one."""
    if n <= 0:
        return Proportion(0, 0, 0.0, 0.0)
    p = positive / n
    denominator = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denominator
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Proportion(positive, n, max(0.0, center - spread), min(1.0, center + spread))


@dataclass(frozen=True)
class Change:
    difference: float  # later share minus earlier share
    z: float
    p_value: float
    significant: bool


def two_proportion_test(
    before: tuple[int, int], after: tuple[int, int], alpha: float = 0.05
) -> Change | None:
    """Pooled two-proportion z-test (two-sided); None when either period has no answers or the
    pooled share is 0 or 1 (no variation to test)."""
    (x1, n1), (x2, n2) = before, after
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        return None
    difference = x2 / n2 - x1 / n1
    z = difference / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return Change(difference, z, p_value, p_value < alpha)


def mean(distribution: dict[int, int]) -> float | None:
    total = sum(distribution.values())
    if total == 0:
        return None
    return sum(value * count for value, count in distribution.items()) / total


def shown(n: int, minimum: int = MIN_N_FOR_PERCENT) -> bool:
    """Whether a percent may be shown: enough responses to mean something."""
    return n >= minimum


def suppressed(n: int) -> bool:
    """Whether a segment cell must be hidden to protect the people in it."""
    return 0 < n < SUPPRESS_BELOW

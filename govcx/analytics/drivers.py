"""What drives trust on agreement-scale surveys: Shapley decomposition of R².

Trust is regressed on the other measures; each driver's importance is its average gain in R²
over every order in which the drivers could be added (Shapley values), so the importances add
up to the model's R² and do not depend on an arbitrary order, even when drivers correlate. All
of it comes from summed moments (MomentSum), so no response is read.
"""

from dataclasses import dataclass
from itertools import combinations
from math import factorial

from django.db.models import QuerySet, Sum

from govcx.analytics.models import MomentSum

OUTCOME = "trust"
MIN_RESPONDENTS = 50


def moment_totals(moments: QuerySet[MomentSum]) -> dict[str, int]:
    return dict(moments.values_list("term").annotate(t=Sum("total")).values_list("term", "t"))


def correlation_matrix(totals: dict[str, int], names: list[str]) -> list[list[float]] | None:
    """Pearson correlations from n, sums and sums of products; None if a measure never varies."""
    n = totals.get("n", 0)
    if n < 3:
        return None
    sums = {name: totals.get(f"s:{name}", 0) for name in names}

    def product(a: str, b: str) -> int:
        first, second = sorted((a, b))
        return totals.get(f"p:{first}:{second}", 0)

    cov = [[product(a, b) - sums[a] * sums[b] / n for b in names] for a in names]
    if any(cov[i][i] <= 0 for i in range(len(names))):
        return None
    return [
        [cov[i][j] / (cov[i][i] * cov[j][j]) ** 0.5 for j in range(len(names))]
        for i in range(len(names))
    ]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float] | None:
    """Gaussian elimination with partial pivoting (the systems here are at most 8 x 8)."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-12:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def r_squared(corr: list[list[float]], outcome: int, predictors: tuple[int, ...]) -> float:
    """R² of the linear regression of ``outcome`` on ``predictors`` (indexes into corr)."""
    if not predictors:
        return 0.0
    rxx = [[corr[i][j] for j in predictors] for i in predictors]
    rxy = [corr[i][outcome] for i in predictors]
    beta = _solve(rxx, rxy)
    if beta is None:
        return 0.0
    return max(0.0, min(1.0, sum(b * r for b, r in zip(beta, rxy, strict=True))))


@dataclass(frozen=True)
class DriverImportance:
    measure: str
    importance: float  # Shapley share of R² (sums to r2 over drivers)
    performance: float | None  # percent positive on this driver, filled in by the caller
    quadrant: str = ""


@dataclass(frozen=True)
class DriverAnalysis:
    respondents: int
    r2: float
    drivers: list[DriverImportance]


def shapley(corr: list[list[float]], outcome: int, predictors: list[int]) -> dict[int, float]:
    """Each predictor's Shapley value of R²."""
    k = len(predictors)
    cache: dict[tuple[int, ...], float] = {}

    def r2(subset: tuple[int, ...]) -> float:
        if subset not in cache:
            cache[subset] = r_squared(corr, outcome, subset)
        return cache[subset]

    values = {}
    for j in predictors:
        others = [p for p in predictors if p != j]
        total = 0.0
        for size in range(k):
            weight = factorial(size) * factorial(k - size - 1) / factorial(k)
            for subset in combinations(others, size):
                total += weight * (r2(tuple(sorted((*subset, j)))) - r2(tuple(sorted(subset))))
        values[j] = total
    return values


def driver_analysis(moments: QuerySet[MomentSum]) -> DriverAnalysis | None:
    """Shapley importance of each agreement-scale measure on trust; None below MIN_RESPONDENTS
    complete respondents or when trust is not among the measures."""
    totals = moment_totals(moments)
    names = sorted(term[2:] for term in totals if term.startswith("s:"))
    if OUTCOME not in names or len(names) < 2 or totals.get("n", 0) < MIN_RESPONDENTS:
        return None
    corr = correlation_matrix(totals, names)
    if corr is None:
        return None
    outcome = names.index(OUTCOME)
    predictors = [i for i in range(len(names)) if i != outcome]
    values = shapley(corr, outcome, predictors)
    drivers = sorted(
        (DriverImportance(names[i], value, None) for i, value in values.items()),
        key=lambda d: -d.importance,
    )
    return DriverAnalysis(totals["n"], r_squared(corr, outcome, tuple(predictors)), drivers)


def with_priorities(analysis: DriverAnalysis, performance: dict[str, float]) -> DriverAnalysis:
    """Place each driver on the importance/performance matrix: an important driver that
    performs below the others is where investment would move trust most."""
    drivers = analysis.drivers
    mean_importance = sum(d.importance for d in drivers) / len(drivers)
    known = [performance[d.measure] for d in drivers if d.measure in performance]
    mean_performance = sum(known) / len(known) if known else 0.0
    placed = []
    for d in drivers:
        score = performance.get(d.measure)
        important = d.importance >= mean_importance
        strong = score is not None and score >= mean_performance
        quadrant = {
            (True, False): "priority",
            (True, True): "strength",
            (False, False): "secondary",
            (False, True): "maintain",
        }[(important, strong)]
        placed.append(DriverImportance(d.measure, d.importance, score, quadrant))
    return DriverAnalysis(analysis.respondents, analysis.r2, placed)

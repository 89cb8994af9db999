"""A trend chart as plain SVG geometry: no JavaScript, no third-party CDN.

The template draws it; a data table and a sentence beside it carry the same facts, and the
interval band is a pattern as well as a color, so nothing depends on seeing color."""

from dataclasses import dataclass

from govcx.analytics.drivers import DriverAnalysis
from govcx.analytics.metrics import TrendPoint

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 40, 24, 40


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    line: str  # polyline points
    band: str  # polygon points of the 95% interval
    points: list[ChartPoint]
    gridlines: list[tuple[float, str]]  # (y, label)
    baseline: float


def _y(share: float) -> float:
    return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)


def trend_chart(points: list[TrendPoint]) -> Chart | None:
    """Geometry for the periods with enough responses; None when fewer than two have."""
    shown = [(i, p) for i, p in enumerate(points) if p.enough]
    if len(shown) < 2:
        return None
    step = (WIDTH - LEFT - RIGHT) / max(1, len(points) - 1)
    coords = [(LEFT + i * step, p) for i, p in shown]
    line = " ".join(f"{x:.1f},{_y(p.proportion.share):.1f}" for x, p in coords)
    upper = [f"{x:.1f},{_y(p.proportion.high):.1f}" for x, p in coords]
    lower = [f"{x:.1f},{_y(p.proportion.low):.1f}" for x, p in reversed(coords)]
    return Chart(
        WIDTH,
        HEIGHT,
        line,
        " ".join(upper + lower),
        [
            ChartPoint(x, _y(p.proportion.share), p.period.label, f"{p.proportion.share:.0%}")
            for x, p in coords
        ],
        [(_y(share / 100), f"{share}%") for share in (0, 25, 50, 75, 100)],
        HEIGHT - BOTTOM,
    )


@dataclass(frozen=True)
class MatrixPoint:
    x: float
    y: float
    label: str
    quadrant: str


@dataclass(frozen=True)
class Matrix:
    """Importance (up) against performance (right), with lines at the averages that split the
    four quadrants; each point carries its name, so nothing depends on color."""

    width: int
    height: int
    points: list[MatrixPoint]
    mean_x: float
    mean_y: float
    left: float
    right: float
    top: float
    bottom: float


def priority_matrix(analysis: DriverAnalysis) -> Matrix | None:
    placed = [d for d in analysis.drivers if d.performance is not None]
    if len(placed) < 2:
        return None
    top_importance = max(d.importance for d in placed) or 1.0
    width, height, left, right, top, bottom = 640, 360, 64, 600, 24, 320

    def x(performance: float) -> float:
        return left + performance * (right - left)

    def y(importance: float) -> float:
        return bottom - importance / top_importance * (bottom - top)

    mean_importance = sum(d.importance for d in analysis.drivers) / len(analysis.drivers)
    mean_performance = sum(d.performance or 0.0 for d in placed) / len(placed)
    return Matrix(
        width,
        height,
        [
            MatrixPoint(x(d.performance or 0.0), y(d.importance), d.measure, d.quadrant)
            for d in placed
        ],
        x(mean_performance),
        y(mean_importance),
        left,
        right,
        top,
        bottom,
    )

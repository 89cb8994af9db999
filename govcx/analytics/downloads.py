"""CSV downloads of dashboard tables: the same suppression and minimum n as the screens, and
machine-friendly values (English column names, codes, plain numbers); names that a spreadsheet
would run as formulas are neutralized (govcx.core.csvcells)."""

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from govcx.analytics.metrics import Segment
from govcx.core.csvcells import cell_writer

BREAKDOWN_HEADER = (
    "code",
    "segment",
    "n",
    "percent_positive",
    "ci_low",
    "ci_high",
    "gap_points",
    "significant_gap",
)


def csv_response(
    name: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = cell_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def pct(share: float) -> str:
    return f"{share * 100:.1f}"


def breakdown_rows(segments: list[Segment]) -> list[list[object]]:
    """One row per group; a suppressed group keeps only its name, not even its count."""
    rows: list[list[object]] = []
    for s in segments:
        if s.hidden:
            why = "hidden with a smaller group" if s.complement else "fewer than 10"
            rows.append([s.key, s.label, why, "", "", "", "", ""])
            continue
        rows.append(
            [
                s.key,
                s.label,
                s.proportion.n,
                pct(s.proportion.share) if s.enough else "",
                pct(s.proportion.low) if s.enough else "",
                pct(s.proportion.high) if s.enough else "",
                f"{s.gap.difference * 100:.1f}" if s.gap else "",
                ("yes" if s.gap.significant else "no") if s.gap else "",
            ]
        )
    return rows

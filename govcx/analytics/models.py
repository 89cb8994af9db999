"""Pre-aggregated counts that every dashboard, report and metric reads (never raw responses)."""

from typing import ClassVar

from django.db import models


class RollupCell(models.Model):
    """The dimensions every rollup shares: the day a response was received (local date) and
    where it came from. Organization, service and channel are copied from the response and its
    touchpoint so that dashboards filter without joins. Each rollup adds its own dimensions and
    one measure (analytics/rollups.py describes each rollup from its model's fields)."""

    day = models.DateField()
    organization_id = models.BigIntegerField()
    service_id = models.BigIntegerField()
    survey_id = models.BigIntegerField()
    touchpoint_id = models.BigIntegerField()
    channel = models.CharField(max_length=30)

    class Meta:
        abstract = True


class AnswerCount(RollupCell):
    """How many respondents gave ``answer`` to ``question_key`` on one day, per survey,
    touchpoint and language. Multiple choice adds one row per chosen option. The measure tag,
    organization, service and channel are copied so that dashboards filter without joins.

    Sized by distinct combinations, not by responses: 10 million responses over a year of 14
    surveys make a few hundred thousand rows.
    """

    language = models.CharField(max_length=12)
    question_key = models.CharField(max_length=40)
    measure = models.CharField(max_length=20, blank=True)
    question_type = models.CharField(max_length=20, blank=True)
    answer = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["day", "survey_id", "touchpoint_id", "language", "question_key", "answer"],
                name="one_count_per_cell",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["organization_id", "measure", "day"]),
            models.Index(fields=["service_id", "measure", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.question_key}={self.answer}: {self.count}"


class SegmentCount(RollupCell):
    """The cross-tab that equity needs: how many respondents who gave ``segment_value`` to the
    segment question ``segment_key`` (age group, veteran status...; "" when they did not answer
    it) gave ``answer`` to the scored measure question ``question_key``, per day, survey and
    touchpoint. Not per language: the equity screen breaks down by one dimension at a time and
    takes language from AnswerCount, and a language column would multiply the rows by the
    languages offered.

    Only surveys that ask a segment question add rows, and only for their scored measure
    questions (trust first of all), so the table grows with days x touchpoints x segment groups
    x scale answers, not with responses.
    """

    segment_key = models.CharField(max_length=40)
    segment_value = models.CharField(max_length=40, blank=True)
    question_key = models.CharField(max_length=40)
    measure = models.CharField(max_length=20)
    question_type = models.CharField(max_length=20)
    answer = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "survey_id",
                    "touchpoint_id",
                    "segment_key",
                    "segment_value",
                    "question_key",
                    "answer",
                ],
                name="one_segment_count_per_cell",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["organization_id", "measure", "day"]),
            models.Index(fields=["service_id", "measure", "day"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.day} {self.segment_key}={self.segment_value} {self.question_key}={self.answer}"
        )


class RollupState(models.Model):
    """The watermark: every response with an id up to ``last_id`` is counted exactly once.

    Workers lock this row while they count a batch and move it in the same transaction, so any
    number of workers on any number of machines can run; the counting is idempotent."""

    last_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"rolled up to response {self.last_id}"


class MomentSum(RollupCell):
    """Sums over respondents who answered every agreement-scale measure of their survey: the
    count ("n"), each measure's sum ("s:trust") and each pair's sum of products
    ("p:ease:trust"). Adding them up over any slice gives the correlation matrix that driver
    analysis needs, without reading a single response."""

    language = models.CharField(max_length=12)
    term = models.CharField(max_length=60)
    total = models.BigIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["day", "survey_id", "touchpoint_id", "language", "term"],
                name="one_moment_per_cell",
            )
        ]
        indexes: ClassVar = [models.Index(fields=["service_id", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.term}: {self.total}"

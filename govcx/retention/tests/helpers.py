"""Builders for retention tests: responses received on given days."""

from datetime import date

# FY27 Q1. With the default 12 months, FY25 Q4 (July to September 2025) is due since
# 1 October 2026 and FY26 Q1 (October to December 2025) is due on 1 January 2027.
TODAY = date(2026, 11, 25)
DUE_DAY = date(2025, 9, 15)
NOT_DUE_DAY = date(2025, 10, 15)

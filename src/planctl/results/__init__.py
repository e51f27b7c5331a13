"""What happened against a plan: results files found and checked, progress computed, facts recorded, the report.

This module imports nothing: the status rule is here so that `planctl progress --help` can show it.
"""

STATUSES = ("achieved", "on-track", "at-risk", "off-track", "no-target", "no-data")
AT_RISK = 0.75  # at risk down to 3/4 of the way it should have come by the as-of date

STATUS_RULE = (
    "The status compares how far an indicator has come with how much time has gone by. Its share is the "
    "way from the baseline to the target that the actual has covered (actual/target without a baseline; "
    "a non-cumulative indicator counts from 0). The time share is the part of the period (or of the plan) "
    "gone by on the as-of date. achieved: a share of 100% or more; on-track: a share at least the time "
    "share; at-risk: at least 3/4 of it; off-track: below that; no-target: an actual but no target; "
    "no-data: no actual. A qualitative indicator's status is its rating."
)

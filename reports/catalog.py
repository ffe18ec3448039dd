"""Every report by name: its title, its definition in words, its columns, the query that makes
its rows and the chart that draws them. The page, the CSV/JSON export and ``himflow report``
all read this one table, so they show the same figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from reports import queries as q
from reports.svg import Series, bar_chart, line_chart, stacked_bar_chart
from chart.deficiencies import load_rules
from indexing.decision import Thresholds
from desk.queue import SOURCES


@dataclass(frozen=True)
class Options:
    """What some reports need besides the period: the deficiency rules, the filing rules'
    quality threshold, and the instant "now" (tests pin it)."""

    rules: dict[str, list[dict]] = field(default_factory=dict)
    min_quality: float = 0.8
    now: datetime | None = None

    @classmethod
    def for_data_dir(cls, data_dir: Path | str | None) -> Options:
        return cls(rules=load_rules(data_dir), min_quality=Thresholds.from_env().min_quality)


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    definition: str
    columns: tuple[tuple[str, str], ...]  # (row field, header)
    run: Callable[[Connection, q.Period, Options], Sequence[Any]]
    chart: Callable[[Sequence[Any], q.Period], str]

    @property
    def headers(self) -> list[str]:
        return [h for _, h in self.columns]

    def cells(self, row: Any) -> list[Any]:
        return [getattr(row, f) for f, _ in self.columns]


def _days(period: q.Period) -> list[str]:
    return [d.isoformat() for d in period.days()]


def _short(days: list[str]) -> list[str]:
    return [d[5:] for d in days]  # MM-DD: the year is in the form above the chart


def _received_chart(rows: Sequence[q.ReceivedRow], period: q.Period) -> str:
    days = _days(period)
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per[r.source][r.day] += r.documents
    series = [Series(name=words, values=tuple(float(per[key][d]) for d in days))
              for key, words in SOURCES.items()]
    return stacked_bar_chart(chart_id="chart-received", title="Documents received per day by source",
                             desc=f"Stacked bars, one per day from {period.start} to {period.end}: "
                                  "documents from scanning stations, physicians and web uploads.",
                             categories=_short(days), series=series)


def _turnaround_chart(rows: Sequence[q.TurnaroundRow], period: q.Period) -> str:
    cats, vals = [], []
    for r in rows:
        cats += [f"{r.kind} median", f"{r.kind} p90"]
        vals += [r.median_hours, r.p90_hours]
    return bar_chart(chart_id="chart-turnaround", title="Hours from upload to filed",
                     desc=f"Median and 90th percentile hours per kind, documents filed {period.start} to {period.end}.",
                     categories=cats, values=vals, unit=" h")


def _autofile_chart(rows: Sequence[q.AutoFileRow], period: q.Period) -> str:
    rate = tuple(None if r.auto_file_rate is None else round(r.auto_file_rate * 100, 1) for r in rows)
    return line_chart(chart_id="chart-autofile", title="Auto-file rate per day",
                      desc=f"Share of the day's indexing decisions filed without a person, {period.start} to "
                           f"{period.end}; no point on a day without decisions.",
                      categories=_short([r.day for r in rows]), series=[Series("Auto-filed", rate)],
                      unit="%", y_max=100.0)


def _backlog_chart(rows: Sequence[q.BacklogRow], period: q.Period) -> str:
    return bar_chart(chart_id="chart-backlog", title="Review backlog by reason",
                     desc="Documents waiting for a person now, one bar per reason (a document with two reasons "
                          "counts in both).",
                     categories=[r.reason for r in rows], values=[r.documents for r in rows], name="Waiting")


def _deficiency_chart(rows: Sequence[q.DeficiencyRow], period: q.Period) -> str:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        for i, v in enumerate((r.days_0_7, r.days_8_14, r.days_15_30, r.days_over_30)):
            per[r.physician][i] += v
    names = list(per)
    series = [Series(name=f"{b} days", values=tuple(float(per[n][i]) for n in names))
              for i, b in enumerate(q.AGING_BUCKETS)]
    return stacked_bar_chart(chart_id="chart-deficiencies", title="Open deficiencies by physician and age",
                             desc=f"One stacked bar per responsible physician, as of {period.end}: open deficiencies "
                                  "aged 0-7, 8-14, 15-30 and over 30 days.",
                             categories=names, series=series)


def _roi_volume_chart(rows: Sequence[q.RoiVolumeRow], period: q.Period) -> str:
    return line_chart(chart_id="chart-roi-volume", title="Release-of-information requests per day",
                      desc=f"Requests received and released per day, {period.start} to {period.end}.",
                      categories=_short([r.day for r in rows]),
                      series=[Series("Received", tuple(float(r.received) for r in rows)),
                              Series("Released", tuple(float(r.released) for r in rows))])


def _roi_release_chart(rows: Sequence[q.RoiReleaseRow], period: q.Period) -> str:
    return bar_chart(chart_id="chart-roi-release", title="Median days to release",
                     desc=f"Median days from receipt to release, requests released {period.start} to {period.end}, "
                          "all requests and per requester type.",
                     categories=[r.requester_type for r in rows], values=[r.median_days for r in rows],
                     unit=" d")


def _quality_chart(rows: Sequence[q.QualityRow], period: q.Period) -> str:
    return bar_chart(chart_id="chart-quality", title="Share of documents with low extraction confidence",
                     desc=f"Per kind, documents received {period.start} to {period.end} whose OCR or transcript "
                          "confidence is below the filing rules' quality threshold.",
                     categories=[r.kind for r in rows],
                     values=[None if r.low_share is None else round(r.low_share * 100, 1) for r in rows], unit="%")


REPORTS: dict[str, Report] = {r.name: r for r in (
    Report("received", "Documents received",
           "Documents that arrived per day (UTC), by source (scanning station, physician, web upload: as the "
           "review queue tells them) and document type. A split batch counts as its documents.",
           (("day", "Day"), ("source", "Source"), ("type_code", "Type code"), ("type_display", "Type"),
            ("documents", "Documents")),
           lambda c, p, o: q.received(c, p), _received_chart),
    Report("turnaround", "Turnaround, upload to filed",
           "Hours from a document's arrival to its first filing (automatic or approved), for documents filed "
           "in the period, per kind: median and 90th percentile (linear interpolation).",
           (("kind", "Kind"), ("filed", "Filed"), ("median_hours", "Median hours"), ("p90_hours", "p90 hours")),
           lambda c, p, o: q.turnaround(c, p), _turnaround_chart),
    Report("autofile", "Auto-file rate",
           "Per day, the indexing decisions: filed without a person or sent to review; rate = auto-filed / "
           "decided.",
           (("day", "Day"), ("decided", "Decided"), ("auto_filed", "Auto-filed"), ("to_review", "To review"),
            ("auto_file_rate", "Auto-file rate")),
           lambda c, p, o: q.autofile(c, p), _autofile_chart),
    Report("backlog", "Review backlog by reason",
           "Documents waiting for a person now (the review queue), by reason; a document counts under each of "
           "its reasons. A state: the period does not apply.",
           (("reason", "Reason code"), ("reason_words", "Reason"), ("documents", "Documents"),
            ("oldest_days", "Oldest (days)")),
           lambda c, p, o: q.backlog(c, p, now=o.now), _backlog_chart),
    Report("deficiencies", "Deficiencies and delinquency",
           "Open chart deficiencies (missing or unsigned required documents) as of the period's end, by "
           "responsible physician and the encounter's service; delinquent past the rule's limit; aging buckets "
           "0-7, 8-14, 15-30 and over 30 days from the rule's start.",
           (("physician", "Physician"), ("service", "Service"), ("open", "Open"), ("delinquent", "Delinquent"),
            ("missing", "Missing"), ("unsigned", "Unsigned"), ("days_0_7", "0-7 days"),
            ("days_8_14", "8-14 days"), ("days_15_30", "15-30 days"), ("days_over_30", "Over 30 days")),
           lambda c, p, o: q.deficiencies(c, p, rules=o.rules, now=o.now), _deficiency_chart),
    Report("roi-volume", "Release-of-information requests",
           "Requests for records received and released per day.",
           (("day", "Day"), ("received", "Received"), ("released", "Released")),
           lambda c, p, o: q.roi_volume(c, p), _roi_volume_chart),
    Report("roi-release", "Time to release",
           "Days from a request's receipt to its release, for requests released in the period: median and "
           "90th percentile, all requests and per requester type.",
           (("requester_type", "Requester"), ("released", "Released"), ("median_days", "Median days"),
            ("p90_days", "p90 days")),
           lambda c, p, o: q.roi_release(c, p), _roi_release_chart),
    Report("quality", "OCR and transcription quality",
           "Documents received in the period per kind: how many have an extraction confidence below the filing "
           "rules' quality threshold, their mean confidence, and dictations flagged for unsure words; "
           "the share of OCR'd pages with low confidence; unsure words per minute of dictation audio.",
           (("kind", "Kind"), ("documents", "Documents"), ("low_confidence", "Low confidence"),
            ("low_share", "Low share"), ("mean_confidence", "Mean confidence"),
            ("unsure_words_flagged", "Flagged for unsure words"), ("pages", "OCR'd pages"),
            ("low_confidence_pages", "Low-confidence pages"), ("low_page_share", "Low page share"),
            ("audio_minutes", "Audio minutes"), ("unsure_words", "Unsure words"),
            ("unsure_words_per_minute", "Unsure words per minute")),
           lambda c, p, o: q.quality(c, p, min_quality=o.min_quality), _quality_chart),
)}

//! The data behind the SVG time axis above the timeline: a window of time, ticks in a unit that
//! fits it (decades down to minutes), the density of events per bin, a lane of event marks per
//! source, and the clickable stretches that zoom the list. Positions are fractions of the window,
//! so the UI only multiplies by its width. It must not draw, and it never puts an undated event
//! on the axis.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime, Time};
use jiff::{SignedDuration, Span as CalendarSpan, ToSpan};

use super::{DateOf, event_date, find_event, source_of};
use crate::analysis::timevalue::{month_name, weekday_name};
use crate::analysis::{Analysis, ArticleId, EventId, TimeValue};

/// The most bins [`time_axis`] fills; more would be finer than any screen.
pub const MAX_BINS: usize = 4096;

/// Everything the axis draws.
///
/// Invariant: `start < end`, unless the axis is empty (no dated event and no window), in which
/// case `start == end` and `ticks`, `lanes` and `stretches` are empty and `density` is all zeros.
/// Every fraction lies in `0.0..=1.0`, and `density` sums to the number of events on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The window's first instant.
    pub start: DateTime,
    /// The window's end, exclusive.
    pub end: DateTime,
    /// Tick marks in time order.
    pub ticks: Vec<Tick>,
    /// Events per bin, over equal bins of the window; each event counts once, in the bin of the
    /// middle of its visible part.
    pub density: Vec<u32>,
    /// One lane per source with at least one mark, in source id order.
    pub lanes: Vec<Lane>,
    /// The clickable pieces of the axis, one per tick interval, covering it from 0 to 1.
    pub stretches: Vec<Stretch>,
    /// How many of the given events are undated background, and so not on the axis.
    pub undated: usize,
}

/// One tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Where it sits, from 0 (start) to 1 (end).
    pub at: f64,
    /// Its text: "2018", "Jul", "16 Jul", "18:00"; the first tick and major ticks carry the
    /// context a reader needs ("Jul 2018", "Thu 19 Jul").
    pub label: String,
    /// True at a boundary of the next coarser unit (a new year among months, midnight among
    /// hours), which the UI draws taller.
    pub major: bool,
}

/// The marks of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// The source.
    pub document: ArticleId,
    /// Its short name.
    pub label: String,
    /// Its events on the axis, in the order given.
    pub marks: Vec<Mark>,
}

/// One event drawn as a bar from its first to its last instant, clamped to the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The event.
    pub event: EventId,
    /// Where the bar starts, 0 to 1.
    pub from: f64,
    /// Where it ends, 0 to 1; equal to `from` only for an instant far finer than the window.
    pub to: f64,
}

/// A clickable piece of the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    /// Where it starts on the axis, 0 to 1.
    pub from: f64,
    /// Where it ends, 0 to 1.
    pub to: f64,
    /// The whole tick interval it stands for (half-open), even where the axis cuts it off; the
    /// UI sets it as the filter's date range (see `FilterSpec::with_window`).
    pub window: (DateTime, DateTime),
    /// A name for it: "July 2018", "16–22 July 2018", "Thursday 19 July 2018, 18:00–21:00".
    pub label: String,
}

/// Lays out `events` (in timeline order, possibly filtered) on a time axis of `bins` density
/// bins (at most [`MAX_BINS`]). With a `window` of a minute or more, the axis shows exactly it (a
/// shorter one is widened like a single instant); without, it fits the dated events with a
/// margin, and widens a short range to at least a week (for whole days) or six hours (for times),
/// so one day or one instant still reads as a point in time.
pub fn time_axis(
    analysis: &Analysis,
    events: &[EventId],
    window: Option<(DateTime, DateTime)>,
    bins: usize,
) -> Axis {
    lay_out_axis(analysis, events, window, bins, event_date)
}

fn lay_out_axis(
    analysis: &Analysis,
    events: &[EventId],
    window: Option<(DateTime, DateTime)>,
    bins: usize,
    date_of: DateOf,
) -> Axis {
    let bins = bins.min(MAX_BINS);
    let mut dated: Vec<(EventId, &[ArticleId], (DateTime, DateTime))> = Vec::new();
    let mut undated = 0;
    for &id in events {
        let Some(event) = find_event(analysis, id) else {
            continue;
        };
        match date_of(event).and_then(TimeValue::time_range) {
            Some(range) => dated.push((id, &event.sources, range)),
            None => undated += 1,
        }
    }
    let window = match window {
        // A window shorter than a minute cannot hold a tick; it is widened like one instant.
        Some((a, b)) if a.min(b).duration_until(a.max(b)) >= SignedDuration::from_mins(1) => {
            Some((a.min(b), a.max(b)))
        }
        Some((a, b)) => {
            let a = a.min(b);
            Some(pad_window(
                (a, a.checked_add(1.minute()).unwrap_or(DateTime::MAX)),
                false,
            ))
        }
        None => fit_window(dated.iter().map(|d| d.2)),
    };
    let Some((start, end)) = window else {
        return Axis {
            start: DateTime::ZERO,
            end: DateTime::ZERO,
            ticks: Vec::new(),
            density: vec![0; bins],
            lanes: Vec::new(),
            stretches: Vec::new(),
            undated,
        };
    };
    let total = end.duration_since(start).as_secs_f64();
    let at = |t: DateTime| (t.duration_since(start).as_secs_f64() / total).clamp(0.0, 1.0);

    let mut density = vec![0u32; bins];
    let mut lanes: BTreeMap<ArticleId, Lane> = BTreeMap::new();
    for (id, sources, (from, to)) in &dated {
        if !(*from < end && *to > start) {
            continue;
        }
        let mark = Mark {
            event: *id,
            from: at((*from).max(start)),
            to: at((*to).min(end)),
        };
        if bins > 0 {
            let middle = (mark.from + mark.to) / 2.0;
            let bin = ((middle * bins as f64) as usize).min(bins - 1);
            if let Some(n) = density.get_mut(bin) {
                *n += 1;
            }
        }
        for document in *sources {
            lanes
                .entry(*document)
                .or_insert_with(|| Lane {
                    document: *document,
                    label: source_of(analysis, *document)
                        .map(|s| s.label())
                        .unwrap_or_default(),
                    marks: Vec::new(),
                })
                .marks
                .push(mark.clone());
        }
    }
    let lanes: Vec<Lane> = lanes.into_values().collect();

    let unit = choose_unit(start, end);
    let boundaries = unit_boundaries(unit, start, end, MAX_TICKS);
    let mut ticks = Vec::new();
    for &t in boundaries.iter().filter(|t| **t >= start && **t <= end) {
        let first = ticks.is_empty();
        let major = is_major(unit, t);
        ticks.push(Tick {
            at: at(t),
            label: tick_label(unit, t, first || major),
            major,
        });
    }
    let stretches = boundaries
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if *b > start && *a < end => Some(Stretch {
                from: at(*a),
                to: at(*b),
                window: (*a, *b),
                label: stretch_label(unit, *a, *b),
            }),
            _ => None,
        })
        .collect();
    Axis {
        start,
        end,
        ticks,
        density,
        lanes,
        stretches,
        undated,
    }
}

/// The most tick boundaries generated for one unit; far more than any chosen unit needs.
const MAX_TICKS: usize = 64;

/// The smallest window that fits every range, padded; `None` without ranges.
fn fit_window(ranges: impl Iterator<Item = (DateTime, DateTime)>) -> Option<(DateTime, DateTime)> {
    let mut extent: Option<(DateTime, DateTime)> = None;
    let mut whole_days = true;
    for (from, to) in ranges {
        whole_days &= from.time() == Time::midnight() && to.time() == Time::midnight();
        extent = Some(match extent {
            None => (from, to),
            Some((a, b)) => (a.min(from), b.max(to)),
        });
    }
    extent.map(|e| pad_window(e, whole_days))
}

/// Widens `extent` by a tenth, and to at least a week (whole days) or six hours (times), around
/// its middle.
fn pad_window(extent: (DateTime, DateTime), whole_days: bool) -> (DateTime, DateTime) {
    let (start, end) = extent;
    let length = end.duration_since(start).as_secs().max(0);
    let least = if whole_days { 7 * 86_400 } else { 6 * 3_600 };
    let padded = (length + length / 10).max(least);
    let before = (padded - length) / 2;
    let after = padded - length - before;
    let start = start
        .checked_sub(SignedDuration::from_secs(before))
        .unwrap_or(DateTime::MIN);
    let end = end
        .checked_add(SignedDuration::from_secs(after))
        .unwrap_or(DateTime::MAX);
    (start, end)
}

/// A tick unit: a step of calendar or clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Years(i16),
    Months(i8),
    /// The 1st and the 16th of each month.
    HalfMonths,
    /// ISO weeks, from Monday.
    Weeks,
    Days(i8),
    Hours(i8),
    Minutes(i8),
}

/// Every unit, coarsest first; neighbours differ by at most about 3, so some unit gives 5 to 12
/// ticks for any window.
const UNITS: [Unit; 25] = [
    Unit::Years(1000),
    Unit::Years(500),
    Unit::Years(200),
    Unit::Years(100),
    Unit::Years(50),
    Unit::Years(20),
    Unit::Years(10),
    Unit::Years(5),
    Unit::Years(2),
    Unit::Years(1),
    Unit::Months(6),
    Unit::Months(3),
    Unit::Months(1),
    Unit::HalfMonths,
    Unit::Weeks,
    Unit::Days(2),
    Unit::Days(1),
    Unit::Hours(12),
    Unit::Hours(6),
    Unit::Hours(3),
    Unit::Hours(1),
    Unit::Minutes(30),
    Unit::Minutes(15),
    Unit::Minutes(5),
    Unit::Minutes(1),
];

impl Unit {
    /// Its typical length in seconds, to skip units that would need thousands of ticks.
    fn seconds(self) -> f64 {
        const DAY: f64 = 86_400.0;
        match self {
            Unit::Years(n) => f64::from(n) * 365.25 * DAY,
            Unit::Months(n) => f64::from(n) * 30.44 * DAY,
            Unit::HalfMonths => 15.22 * DAY,
            Unit::Weeks => 7.0 * DAY,
            Unit::Days(n) => f64::from(n) * DAY,
            Unit::Hours(n) => f64::from(n) * 3_600.0,
            Unit::Minutes(n) => f64::from(n) * 60.0,
        }
    }
}

/// The coarsest unit that puts 5 to 12 ticks in the window, else the one closest to that.
fn choose_unit(start: DateTime, end: DateTime) -> Unit {
    let length = end.duration_since(start).as_secs_f64();
    let mut best = (usize::MAX, Unit::Minutes(1));
    for unit in UNITS {
        if length / unit.seconds() > 4.0 * MAX_TICKS as f64 {
            break;
        }
        let count = unit_boundaries(unit, start, end, MAX_TICKS)
            .iter()
            .filter(|t| **t >= start && **t <= end)
            .count();
        let miss = if count < 5 {
            5 - count
        } else {
            count.saturating_sub(12)
        };
        if miss < best.0 {
            best = (miss, unit);
        }
        if miss == 0 {
            break;
        }
    }
    best.1
}

/// The unit boundaries from the last one at or before `start` to the first at or after `end`,
/// at most `limit` of them.
fn unit_boundaries(unit: Unit, start: DateTime, end: DateTime, limit: usize) -> Vec<DateTime> {
    let mut out = Vec::new();
    let mut t = floor_to_unit(unit, start);
    while out.len() < limit {
        out.push(t);
        if t >= end {
            break;
        }
        match next_boundary(unit, t) {
            Some(next) if next > t => t = next,
            _ => break,
        }
    }
    out
}

fn at_midnight(date: Date) -> DateTime {
    date.to_datetime(Time::midnight())
}

/// The last boundary of `unit` at or before `t`.
fn floor_to_unit(unit: Unit, t: DateTime) -> DateTime {
    let date = t.date();
    let floored = match unit {
        Unit::Years(n) => {
            let year = date.year() - date.year().rem_euclid(n);
            Date::new(year, 1, 1).ok().map(at_midnight)
        }
        Unit::Months(n) => {
            let month = date.month() - (date.month() - 1).rem_euclid(n);
            Date::new(date.year(), month, 1).ok().map(at_midnight)
        }
        Unit::HalfMonths => {
            let day = if date.day() >= 16 { 16 } else { 1 };
            Date::new(date.year(), date.month(), day)
                .ok()
                .map(at_midnight)
        }
        Unit::Weeks => date
            .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
            .ok()
            .map(at_midnight),
        Unit::Days(n) => {
            // Count days from a fixed Monday so two-day steps fall on the same days in every
            // window.
            let epoch = Date::constant(2000, 1, 3);
            let days = date.duration_since(epoch).as_hours().div_euclid(24);
            date.checked_sub(days.rem_euclid(i64::from(n)).days())
                .ok()
                .map(at_midnight)
        }
        Unit::Hours(n) => Time::new(t.hour() - t.hour().rem_euclid(n), 0, 0, 0)
            .ok()
            .map(|time| date.to_datetime(time)),
        Unit::Minutes(n) => Time::new(t.hour(), t.minute() - t.minute().rem_euclid(n), 0, 0)
            .ok()
            .map(|time| date.to_datetime(time)),
    };
    floored.unwrap_or(t)
}

/// The boundary after `t`, which is itself a boundary.
fn next_boundary(unit: Unit, t: DateTime) -> Option<DateTime> {
    let step: CalendarSpan = match unit {
        Unit::Years(n) => i64::from(n).years(),
        Unit::Months(n) => i64::from(n).months(),
        Unit::HalfMonths if t.day() == 1 => 15.days(),
        Unit::HalfMonths => {
            let next = t.date().last_of_month().tomorrow().ok()?;
            return Some(at_midnight(next));
        }
        Unit::Weeks => 7.days(),
        Unit::Days(n) => i64::from(n).days(),
        Unit::Hours(n) => i64::from(n).hours(),
        Unit::Minutes(n) => i64::from(n).minutes(),
    };
    t.checked_add(step).ok()
}

/// True when `t` starts the next coarser unit.
fn is_major(unit: Unit, t: DateTime) -> bool {
    match unit {
        Unit::Years(n) => {
            let every = match n {
                100.. => 1000,
                10.. => 100,
                _ => 10,
            };
            t.year().rem_euclid(every) == 0
        }
        Unit::Months(_) => t.month() == 1,
        Unit::HalfMonths | Unit::Weeks | Unit::Days(_) => t.day() == 1,
        Unit::Hours(_) | Unit::Minutes(_) => t.time() == Time::midnight(),
    }
}

fn short_month(month: i8) -> &'static str {
    month_name(month).get(0..3).unwrap_or("")
}

fn short_weekday(t: DateTime) -> &'static str {
    weekday_name(t.weekday()).get(0..3).unwrap_or("")
}

/// A tick's text; `full` adds the context of the coarser unit.
fn tick_label(unit: Unit, t: DateTime, full: bool) -> String {
    match unit {
        Unit::Years(_) => t.year().to_string(),
        Unit::Months(_) if full => format!("{} {}", short_month(t.month()), t.year()),
        Unit::Months(_) => short_month(t.month()).to_string(),
        Unit::HalfMonths | Unit::Weeks | Unit::Days(_) if full => {
            format!("{} {} {}", t.day(), short_month(t.month()), t.year())
        }
        Unit::HalfMonths | Unit::Weeks | Unit::Days(_) => {
            format!("{} {}", t.day(), short_month(t.month()))
        }
        Unit::Hours(_) | Unit::Minutes(_) if full => format!(
            "{} {} {} {:02}:{:02}",
            short_weekday(t),
            t.day(),
            short_month(t.month()),
            t.hour(),
            t.minute()
        ),
        Unit::Hours(_) | Unit::Minutes(_) => format!("{:02}:{:02}", t.hour(), t.minute()),
    }
}

/// "16 July 2018", "16–22 July 2018", "30 July – 5 August 2018", "28 December 2018 – 3 January
/// 2019" for the inclusive days `first` to `last`.
fn day_range_label(first: Date, last: Date) -> String {
    let day = |d: Date| format!("{} {} {}", d.day(), month_name(d.month()), d.year());
    if first == last {
        day(first)
    } else if (first.year(), first.month()) == (last.year(), last.month()) {
        format!("{}–{}", first.day(), day(last))
    } else if first.year() == last.year() {
        format!(
            "{} {} – {}",
            first.day(),
            month_name(first.month()),
            day(last)
        )
    } else {
        format!("{} – {}", day(first), day(last))
    }
}

/// A name for the half-open stretch from boundary `a` to boundary `b`.
fn stretch_label(unit: Unit, a: DateTime, b: DateTime) -> String {
    // The last day or last year inside the half-open stretch.
    let last_day = b.date().yesterday().unwrap_or(b.date()).max(a.date());
    match unit {
        Unit::Years(1) => a.year().to_string(),
        Unit::Years(_) => format!("{}–{}", a.year(), last_day.year()),
        Unit::Months(1) => format!("{} {}", month_name(a.month()), a.year()),
        Unit::Months(_) if a.year() == last_day.year() => format!(
            "{} – {} {}",
            month_name(a.month()),
            month_name(last_day.month()),
            a.year()
        ),
        Unit::Months(_) => format!(
            "{} {} – {} {}",
            month_name(a.month()),
            a.year(),
            month_name(last_day.month()),
            last_day.year()
        ),
        Unit::Days(1) => TimeValue::day(a.date()).label(),
        Unit::HalfMonths | Unit::Weeks | Unit::Days(_) => day_range_label(a.date(), last_day),
        Unit::Hours(_) | Unit::Minutes(_) => format!(
            "{}, {:02}:{:02}–{:02}:{:02}",
            TimeValue::day(a.date()).label(),
            a.hour(),
            a.minute(),
            b.hour(),
            b.minute()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;
    use crate::analysis::views::toy::{Toy, toy_date};

    fn at(s: &str) -> DateTime {
        s.parse().unwrap_or(DateTime::MIN)
    }

    /// Lays out toy events with these dates (`""` undated) from two sources (even events in
    /// `a`, odd ones in `b`) and renders the axis as lines: the window, the ticks (major ones
    /// starred), the stretch labels, each lane's marks in percent, and the density.
    fn check(dates: &[&str], window: Option<(&str, &str)>, expect: &str) {
        let words = ["One", "Two", "Three", "Four", "Five", "Six"];
        let text = "One. Two. Three. Four. Five. Six.";
        let mut toy = Toy::sources(&[text, text]);
        for (i, (date, word)) in dates.iter().zip(words).enumerate() {
            toy = toy.event(date, &[((i % 2) as u32, word)]);
        }
        let analysis = toy.build();
        let ids: Vec<EventId> = analysis.events.iter().map(|e| e.id).collect();
        let window = window.map(|(a, b)| (at(a), at(b)));
        let axis = lay_out_axis(&analysis, &ids, window, 4, toy_date);
        let ticks: Vec<String> = axis
            .ticks
            .iter()
            .map(|t| format!("{}{}", t.label, if t.major { "*" } else { "" }))
            .collect();
        let stretches: Vec<&str> = axis.stretches.iter().map(|s| s.label.as_str()).collect();
        let mut lines = vec![
            format!("{} .. {}", axis.start, axis.end),
            ticks.join(" | "),
            stretches.join(" | "),
        ];
        for lane in &axis.lanes {
            let marks: Vec<String> = lane
                .marks
                .iter()
                .map(|m| format!("{}:{:.0}-{:.0}", m.event.0, m.from * 100.0, m.to * 100.0))
                .collect();
            lines.push(format!("{}: {}", lane.label, marks.join(" ")));
        }
        lines.push(format!(
            "density {:?} undated {}",
            axis.density, axis.undated
        ));
        assert_eq!(lines.join("\n"), expect, "dates {dates:?}");
        // The stretches tile the axis, and every fraction is on it.
        let mut edge = 0.0;
        for s in &axis.stretches {
            assert_eq!(s.from, edge, "stretches must tile the axis");
            assert!(s.window.0 < s.window.1);
            edge = s.to;
        }
        if !axis.stretches.is_empty() {
            assert_eq!(edge, 1.0);
        }
        let on_axis: usize = ids.len() - axis.undated;
        assert!(axis.density.iter().sum::<u32>() as usize <= on_axis);
    }

    #[test]
    fn one_day_is_a_short_bar_in_a_readable_week() {
        check(
            &["2018-07-16"],
            None,
            "2018-07-13T00:00:00 .. 2018-07-20T00:00:00\n\
             13 Jul 2018 | 14 Jul | 15 Jul | 16 Jul | 17 Jul | 18 Jul | 19 Jul | 20 Jul\n\
             Friday 13 July 2018 | Saturday 14 July 2018 | Sunday 15 July 2018 | \
             Monday 16 July 2018 | Tuesday 17 July 2018 | Wednesday 18 July 2018 | \
             Thursday 19 July 2018\n\
             a: 0:43-57\n\
             density [0, 0, 1, 0] undated 0",
        );
    }

    #[test]
    fn one_instant_gets_hours_around_it() {
        check(
            &["2018-07-19T20:00"],
            None,
            "2018-07-19T17:00:30 .. 2018-07-19T23:00:30\n\
             Thu 19 Jul 18:00 | 19:00 | 20:00 | 21:00 | 22:00 | 23:00\n\
             Thursday 19 July 2018, 17:00–18:00 | Thursday 19 July 2018, 18:00–19:00 | \
             Thursday 19 July 2018, 19:00–20:00 | Thursday 19 July 2018, 20:00–21:00 | \
             Thursday 19 July 2018, 21:00–22:00 | Thursday 19 July 2018, 22:00–23:00 | \
             Thursday 19 July 2018, 23:00–00:00\n\
             a: 0:50-50\n\
             density [0, 0, 1, 0] undated 0",
        );
    }

    #[test]
    fn a_season_and_days_share_a_month_axis() {
        check(
            &["2018-FA", "2018-07-16", "2018-12-24"],
            None,
            "2018-07-07T21:36:00 .. 2019-01-02T02:24:00\n\
             Aug 2018 | Sep | Oct | Nov | Dec | Jan 2019*\n\
             July 2018 | August 2018 | September 2018 | October 2018 | November 2018 | \
             December 2018 | January 2019\n\
             a: 0:31-82 2:95-95\n\
             b: 1:5-5\n\
             density [1, 0, 1, 1] undated 0",
        );
    }

    #[test]
    fn decades_scale_to_years_and_undated_events_stay_off() {
        check(
            &["201", "2007-07", ""],
            None,
            "2006-11-14T15:36:00 .. 2020-08-16T08:24:00\n\
             2008 | 2010* | 2012 | 2014 | 2016 | 2018 | 2020*\n\
             2006–2007 | 2008–2009 | 2010–2011 | 2012–2013 | 2014–2015 | 2016–2017 | \
             2018–2019 | 2020–2021\n\
             a: 0:23-95\n\
             b: 1:5-5\n\
             density [1, 0, 1, 0] undated 1",
        );
    }

    #[test]
    fn a_given_window_is_kept_and_clamps_the_marks() {
        check(
            &["2018-FA", "2018-07-16", "2018-12-24", ""],
            Some(("2018-07-01T00:00", "2018-08-01T00:00")),
            "2018-07-01T00:00:00 .. 2018-08-01T00:00:00\n\
             2 Jul 2018 | 9 Jul | 16 Jul | 23 Jul | 30 Jul\n\
             25 June – 1 July 2018 | 2–8 July 2018 | 9–15 July 2018 | 16–22 July 2018 | \
             23–29 July 2018 | 30 July – 5 August 2018\n\
             b: 1:48-52\n\
             density [0, 0, 1, 0] undated 1",
        );
        // A window shorter than a minute, even given backwards, is widened like a single time.
        check(
            &["2018-07-16"],
            Some(("2018-07-16T12:00:30", "2018-07-16T12:00")),
            "2018-07-16T09:00:30 .. 2018-07-16T15:00:30\n\
             Mon 16 Jul 10:00 | 11:00 | 12:00 | 13:00 | 14:00 | 15:00\n\
             Monday 16 July 2018, 09:00–10:00 | Monday 16 July 2018, 10:00–11:00 | \
             Monday 16 July 2018, 11:00–12:00 | Monday 16 July 2018, 12:00–13:00 | \
             Monday 16 July 2018, 13:00–14:00 | Monday 16 July 2018, 14:00–15:00 | \
             Monday 16 July 2018, 15:00–16:00\n\
             a: 0:0-100\n\
             density [0, 0, 1, 0] undated 0",
        );
    }

    #[test]
    fn nothing_dated_gives_an_empty_axis() {
        check(
            &["", ""],
            None,
            "0000-01-01T00:00:00 .. 0000-01-01T00:00:00\n\n\ndensity [0, 0, 0, 0] undated 2",
        );
    }

    #[test]
    fn tick_counts_stay_readable_from_minutes_to_millennia() {
        for (from, to) in [
            ("2018-07-19T20:00", "2018-07-19T20:20"),
            ("2018-07-19T20:00", "2018-07-19T23:00"),
            ("2018-07-19T00:00", "2018-07-20T00:00"),
            ("2018-07-19T00:00", "2018-07-23T00:00"),
            ("2018-07-01T00:00", "2018-07-15T00:00"),
            ("2018-07-01T00:00", "2018-09-15T00:00"),
            ("2018-01-01T00:00", "2019-01-01T00:00"),
            ("2010-01-01T00:00", "2018-01-01T00:00"),
            ("1900-01-01T00:00", "2018-01-01T00:00"),
            ("0001-01-01T00:00", "2018-01-01T00:00"),
        ] {
            let (start, end) = (at(from), at(to));
            let unit = choose_unit(start, end);
            let ticks = unit_boundaries(unit, start, end, MAX_TICKS)
                .into_iter()
                .filter(|t| *t >= start && *t <= end)
                .count();
            assert!(
                (5..=12).contains(&ticks),
                "{from}..{to}: {ticks} ticks of {unit:?}"
            );
        }
    }

    #[test]
    fn the_seeds_span_years_and_zoom_into_the_summit_week() {
        let analysis = seeds::analysis();
        let events = seeds::all_events();
        let axis = time_axis(analysis, &events, None, 40);
        // From the 2007 visit to the planned autumn visit.
        assert!(
            axis.start.year() <= 2007 && axis.end.year() >= 2018,
            "{axis:?}"
        );
        assert_eq!(axis.lanes.len(), 5);
        // Undated background has no place on an axis; every dated event counts once.
        let dated = events
            .iter()
            .filter(|&&e| analysis.events[e.0 as usize].date.is_some())
            .count();
        assert!(dated < events.len(), "the seeds have undated background");
        assert_eq!(axis.density.iter().sum::<u32>() as usize, dated);
        assert_eq!(axis.undated, events.len() - dated);
        assert!((5..=12).contains(&axis.ticks.len()), "{:?}", axis.ticks);
        // Most events sit in the last bins, around July 2018.
        let last: u32 = axis.density.iter().rev().take(4).sum();
        assert!(last as usize * 2 > dated, "{:?}", axis.density);

        // Clicking the stretch that holds July 2018 zooms in; the summit day is then a bar of
        // its own in every source's lane.
        let july = at("2018-07-16T12:00");
        let stretch = axis
            .stretches
            .iter()
            .find(|s| s.window.0 <= july && july < s.window.1);
        let window = stretch.map(|s| s.window);
        assert!(window.is_some());
        let summit = seeds::event_on("2018-07-16");
        let week = time_axis(
            analysis,
            &events,
            Some((at("2018-07-15T00:00"), at("2018-07-22T00:00"))),
            7,
        );
        let summit_marks: Vec<&Mark> = week
            .lanes
            .iter()
            .flat_map(|l| l.marks.iter())
            .filter(|m| Some(m.event) == summit)
            .collect();
        assert_eq!(summit_marks.len(), 5);
        for m in summit_marks {
            assert!(
                (m.from - 1.0 / 7.0).abs() < 1e-9 && (m.to - 2.0 / 7.0).abs() < 1e-9,
                "{m:?}"
            );
        }
        assert!(
            week.ticks.iter().any(|t| t.label == "16 Jul"),
            "{:?}",
            week.ticks
        );
    }
}

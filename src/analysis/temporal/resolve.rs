//! Turns what the scanner understood into TimeML values: completes partial dates and shifts
//! relative ones against the document date or the last earlier mention, using the tense around
//! the expression. It does calendar arithmetic only through jiff and must not look at the text.

use jiff::civil::Date;

use super::lexicon::{Pod, Season, Unit};
use super::{Anchor, AnchorKind};
use crate::analysis::Span;

/// How fine a calendar value is, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Gran {
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Day,
}

impl Unit {
    /// The granularity a shift by this unit reports at, or `None` for clock units.
    pub(super) fn gran(self) -> Option<Gran> {
        Some(match self {
            Unit::Century => Gran::Century,
            Unit::Decade => Gran::Decade,
            Unit::Year => Gran::Year,
            Unit::Quarter => Gran::Quarter,
            Unit::Month => Gran::Month,
            Unit::Week | Unit::Weekend | Unit::Fortnight => Gran::Week,
            Unit::Day => Gran::Day,
            Unit::Hour | Unit::Minute | Unit::Second => return None,
        })
    }
}

/// The grammatical time of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// An auxiliary or an irregular past form: "was", "said", "brought".
    Past,
    /// A word ending in -ed: past, unless it is a participle that only qualifies a noun ("an
    /// unspecified date"), so it pulls a date less far.
    WeakPast,
    Future,
    Unknown,
}

/// How an expression without a year (or week) picks one around the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    /// Bare ("in March", "on Monday"): the clause's tense decides.
    Tense,
    /// "last March": strictly before the anchor.
    Last,
    /// "this March": in the anchor's own year or week.
    This,
    /// "next March": strictly after the anchor.
    Next,
}

/// Where a year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    /// Written out: "July 2007".
    Known(i32),
    /// Missing, so it is chosen around the anchor: "July 16", "last fall".
    Around(Rel),
    /// The anchor's year moved by a number of years: "last year's third quarter".
    Shifted(i64),
}

/// The part of a year a partial date names below the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sub {
    Half(i8),
    Quarter(i8),
    Season(Season),
    Month(i8),
}

/// A time inside a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TimeOfDay {
    Pod(Pod),
    Clock { hour: i8, minute: i8 },
}

/// Which reference a relative expression is shifted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Base {
    /// The document creation time: "yesterday", "two years ago".
    Dct,
    /// The last suitable earlier mention: "the next day", "that week".
    Previous,
}

/// At which granularity a shifted value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Report {
    /// At the unit's granularity: "the next day" after "July 16" is a day, "that week" a week.
    AtUnit,
    /// At the base's own granularity when it is finer: "a year earlier" after "the third
    /// quarter" is a quarter.
    AtFinest,
}

/// What an expression means before it is anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Sem {
    /// A complete value that needs no anchor: durations, sets, references, decades.
    Fixed(String),
    /// A calendar date, perhaps without its year or month.
    Cal {
        year: YearSpec,
        sub: Option<Sub>,
        day: Option<i8>,
        tod: Option<TimeOfDay>,
    },
    /// A day of the month without its month: "the 16th".
    DayOfMonth { day: i8 },
    /// A weekday chosen around the anchor: the document date, or for "the previous Friday"
    /// the day last mentioned.
    Weekday {
        weekday: i8,
        rel: Rel,
        base: Base,
        tod: Option<TimeOfDay>,
    },
    /// The week that contains a date: "the week of March 6". With `weekend`, the weekend that
    /// goes with the day: "Thanksgiving weekend", "Easter weekend" (the one of its week),
    /// "Labor Day weekend" (the one just before a Monday holiday).
    WeekOf { day: Box<Sem>, weekend: bool },
    /// A day some units from another day: "the day before yesterday", "the day after
    /// Christmas", "a week from Monday", "this time last year". With `ahead`, the named day is
    /// the coming one whatever the clause's tense: "a week from Monday" counts from the next
    /// Monday.
    FromDay {
        inner: Box<Sem>,
        unit: Unit,
        n: i64,
        ahead: bool,
    },
    /// A holiday whose date depends on the year.
    Holiday { holiday: Holiday, year: YearSpec },
    /// The base moved by `n` units.
    Shift {
        unit: Unit,
        n: i64,
        base: Base,
        report: Report,
        tod: Option<TimeOfDay>,
    },
    /// The quarter last reported, in another year: "the 1988 period", "the 1988 quarter".
    /// After a report on months rather than a quarter ("the first nine months ... the 1988
    /// period") it is the year.
    QuarterIn { year: i32 },
    /// The quarter a financial report is about: the latest quarter mentioned that had ended
    /// by the document date, else the latest that had begun ("the latest period", "this
    /// quarter's loss"), or `otherwise` when none has been mentioned.
    ReportedQuarter { otherwise: Unreported },
    /// The quarter last reported, `years` years before: "the year-ago quarter", "the quarter
    /// a year earlier", "last year's quarter".
    QuarterBefore { years: i64 },
    /// A past, present or future reference that becomes a date only with an anchor ("a year
    /// or two ago" has no calendar value): written as given.
    Ref(&'static str),
}

/// The quarter meant by an expression for the reported quarter when none has been reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unreported {
    /// The document's own quarter: "this quarter".
    Current,
    /// The last one finished before the document date: "the latest quarter".
    LastFinished,
}

/// Thanksgiving Day: the fourth Thursday of November.
pub(super) const THANKSGIVING: Holiday = Holiday::NthWeekday {
    month: 11,
    nth: 4,
    weekday: 4,
};

/// Holidays with a date that needs a year to be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
    Fixed {
        month: i8,
        day: i8,
    },
    /// The nth (1-based, or -1 for the last) given weekday of a month.
    NthWeekday {
        month: i8,
        nth: i8,
        weekday: i8,
    },
    /// The Tuesday after the first Monday of November.
    ElectionDay,
    /// Days after Thanksgiving, the fourth Thursday of November: Black Friday (1), Cyber
    /// Monday (4).
    AfterThanksgiving {
        days: i8,
    },
    /// Days from Easter Sunday: Good Friday (-2), Easter Monday (1), Ash Wednesday (-46).
    Easter {
        days: i8,
    },
}

/// A calendar value at a granularity, from which TimeML is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Point {
    date: Date,
    gran: Gran,
    season: Option<Season>,
    tod: Option<TimeOfDay>,
    weekend: bool,
}

impl Point {
    fn new(date: Date, gran: Gran) -> Point {
        Point {
            date,
            gran,
            season: None,
            tod: None,
            weekend: false,
        }
    }

    /// The TimeML value.
    fn value(&self) -> String {
        let d = self.date;
        let y = d.year();
        let mut s = match self.gran {
            Gran::Century => format!("{:02}", y.div_euclid(100)),
            Gran::Decade => format!("{:03}", y.div_euclid(10)),
            Gran::Year => format!("{y:04}"),
            Gran::Half => format!("{y:04}-H{}", if d.month() <= 6 { 1 } else { 2 }),
            Gran::Quarter => format!("{y:04}-Q{}", (d.month() - 1) / 3 + 1),
            Gran::Season => {
                let code = self.season.map_or("XX", Season::code);
                format!("{y:04}-{code}")
            }
            Gran::Month => format!("{y:04}-{:02}", d.month()),
            Gran::Week => {
                let iso = d.iso_week_date();
                let mut w = format!("{:04}-W{:02}", iso.year(), iso.week());
                if self.weekend {
                    w.push_str("-WE");
                }
                w
            }
            Gran::Day => format!("{y:04}-{:02}-{:02}", d.month(), d.day()),
        };
        if self.gran == Gran::Day {
            push_time_of_day(&mut s, self.tod);
        }
        s
    }
}

fn push_time_of_day(s: &mut String, tod: Option<TimeOfDay>) {
    match tod {
        Some(TimeOfDay::Pod(p)) => {
            s.push('T');
            s.push_str(p.code());
        }
        Some(TimeOfDay::Clock { hour, minute }) => s.push_str(&format!("T{hour:02}:{minute:02}")),
        None => {}
    }
}

/// Keeps the anchors while the timexes of one text are resolved in order.
pub(super) struct Resolver {
    dct: Option<Date>,
    last: Option<(Point, Span)>,
    /// The last point that was not itself a year-on-year comparison: what "a year earlier"
    /// compares with. After "a year ago" (the year-ago quarter), a later "a year earlier"
    /// still means the year before the period reported, not two years before it.
    last_reported: Option<(Point, Span)>,
    /// The latest (in time, not in text) quarter mentioned so far: the period a financial
    /// report is about, which "the quarter" refers back to.
    latest_quarter: Option<(Point, Span)>,
    /// The latest quarter mentioned that had ended by the document date: the one a report
    /// is most likely about, since a later one is still under way.
    latest_closed_quarter: Option<(Point, Span)>,
    /// A year to date ("the first nine months", "the six months") was reported after the
    /// latest quarter, so "the 1988 period" and "a year earlier" compare with those months,
    /// which TimeML writes as the year.
    months_reported: bool,
}

/// A resolved value with the anchor it used.
pub(super) struct Resolved {
    pub value: String,
    pub anchor: Option<Anchor>,
}

impl Resolver {
    pub(super) fn new(dct: Option<Date>) -> Resolver {
        Resolver {
            dct,
            last: None,
            last_reported: None,
            latest_quarter: None,
            latest_closed_quarter: None,
            months_reported: false,
        }
    }

    /// Resolves one expression found at `span`; `tense` is the tense of its clause.
    pub(super) fn resolve(&mut self, sem: &Sem, span: Span, tense: Tense) -> Resolved {
        let (point, anchor) = self.point_of(sem, tense);
        let value = match (&point, sem) {
            (Some(p), _) => p.value(),
            (None, Sem::Fixed(v)) => v.clone(),
            (None, Sem::Ref(v)) => (*v).to_string(),
            (None, other) => underspecified(other),
        };
        // Reports give results for the quarter and for the year to date: six or nine months.
        if let Sem::Fixed(v) = sem
            && matches!(v.as_str(), "P6M" | "P9M")
        {
            self.months_reported = true;
        }
        if let Some(p) = point {
            self.last = Some((p, span));
            if p.gran == Gran::Quarter {
                self.months_reported = false;
            }
            // A period named for comparison ("a year earlier", "the 1988 period") is not the
            // one reported.
            let comparison = matches!(
                sem,
                Sem::Shift {
                    report: Report::AtFinest,
                    ..
                } | Sem::QuarterBefore { .. }
                    | Sem::QuarterIn { .. }
            );
            if !comparison {
                self.last_reported = Some((p, span));
            }
            if p.gran == Gran::Quarter && self.latest_quarter.is_none_or(|(q, _)| q.date < p.date) {
                self.latest_quarter = Some((p, span));
            }
            // Only a quarter that had ended by the document date can be the one reported.
            if p.gran == Gran::Quarter
                && !comparison
                && self
                    .dct
                    .zip(add(p.date, Unit::Quarter, 1))
                    .is_some_and(|(d, end)| end <= d)
                && self
                    .latest_closed_quarter
                    .is_none_or(|(q, _)| q.date < p.date)
            {
                self.latest_closed_quarter = Some((p, span));
            }
        }
        Resolved { value, anchor }
    }

    fn dct_anchor(&self) -> Option<Anchor> {
        self.dct.map(|d| Anchor {
            kind: AnchorKind::DocumentDate,
            value: Point::new(d, Gran::Day).value(),
            span: None,
        })
    }

    fn point_of(&self, sem: &Sem, cue: Tense) -> (Option<Point>, Option<Anchor>) {
        let tense = if cue == Tense::WeakPast {
            Tense::Past
        } else {
            cue
        };
        match *sem {
            Sem::Fixed(_) | Sem::Ref(_) => (None, None),
            Sem::ReportedQuarter { otherwise } => {
                let Some(d) = self.dct else {
                    return (None, None);
                };
                // A plan ("expects to earn more this quarter") is about the quarter under way,
                // not the one being reported.
                let reported = self
                    .latest_closed_quarter
                    .or(self.latest_quarter.filter(|(q, _)| q.date <= d))
                    .filter(|_| !(otherwise == Unreported::Current && tense == Tense::Future));
                match reported {
                    Some((q, span)) => (
                        Some(q),
                        Some(Anchor {
                            kind: AnchorKind::PreviousMention,
                            value: q.value(),
                            span: Some(span),
                        }),
                    ),
                    None => {
                        let date = match otherwise {
                            Unreported::Current => Some(d),
                            Unreported::LastFinished => add(d, Unit::Quarter, -1),
                        };
                        (
                            date.map(|date| Point::new(date, Gran::Quarter)),
                            self.dct_anchor(),
                        )
                    }
                }
            }
            Sem::QuarterIn { year } if self.months_reported => {
                (cal_point(year, None, None, None), None)
            }
            Sem::QuarterIn { year } => match self.latest_quarter {
                Some((q, span)) => {
                    let quarter = (q.date.month() - 1) / 3 + 1;
                    let anchor = Anchor {
                        kind: AnchorKind::PreviousMention,
                        value: q.value(),
                        span: Some(span),
                    };
                    (
                        cal_point(year, Some(Sub::Quarter(quarter)), None, None),
                        Some(anchor),
                    )
                }
                None => (cal_point(year, None, None, None), None),
            },
            Sem::QuarterBefore { years } => {
                // The quarter just reported, else the latest one mentioned.
                let reported = self
                    .last_reported
                    .filter(|(p, _)| p.gran == Gran::Quarter)
                    .or(self.latest_quarter);
                let (from, anchor) = match (reported, self.dct) {
                    (Some((q, span)), _) => (
                        q.date,
                        Some(Anchor {
                            kind: AnchorKind::PreviousMention,
                            value: q.value(),
                            span: Some(span),
                        }),
                    ),
                    // With no quarter reported yet, the last one finished before the document.
                    (None, Some(d)) => (add(d, Unit::Quarter, -1).unwrap_or(d), self.dct_anchor()),
                    (None, None) => return (None, None),
                };
                let point = add(from, Unit::Year, -years).map(|d| Point::new(d, Gran::Quarter));
                (point, anchor)
            }
            Sem::Cal {
                year: YearSpec::Known(y),
                sub,
                day,
                tod,
            } => (cal_point(y, sub, day, tod), None),
            Sem::Cal {
                year,
                sub,
                day,
                tod,
            } => {
                let Some(d) = self.dct else {
                    return (None, None);
                };
                let y = pick_year(d, year, sub, day, cue);
                (cal_point(y, sub, day, tod), self.dct_anchor())
            }
            Sem::DayOfMonth { day } => {
                let Some((base, anchor)) = self.base_for(Gran::Month) else {
                    return (None, None);
                };
                let mut month = base.first_of_month();
                let key = |m: Date| m.day() < day;
                if tense == Tense::Future && key(base) {
                    month = add(month, Unit::Month, 1).unwrap_or(month);
                }
                if tense == Tense::Past && base.day() < day {
                    month = add(month, Unit::Month, -1).unwrap_or(month);
                }
                let point = Date::new(month.year(), month.month(), day)
                    .ok()
                    .map(|d| Point::new(d, Gran::Day));
                (point, Some(anchor))
            }
            Sem::FromDay {
                ref inner,
                unit,
                n,
                ahead,
            } => {
                let (point, anchor) = self.point_of(inner, if ahead { Tense::Future } else { cue });
                let point = point
                    .filter(|p| p.gran == Gran::Day)
                    .and_then(|p| add(p.date, unit, n))
                    .map(|d| Point::new(d, Gran::Day));
                (point, anchor)
            }
            Sem::WeekOf { ref day, weekend } => {
                let (point, anchor) = self.point_of(day, cue);
                let point = point.filter(|p| p.gran == Gran::Day).and_then(|p| {
                    let day = if weekend && p.date.weekday() == jiff::civil::Weekday::Monday {
                        add(p.date, Unit::Day, -2)?
                    } else {
                        p.date
                    };
                    let mut week = Point::new(day, Gran::Week);
                    week.weekend = weekend;
                    Some(week)
                });
                (point, anchor)
            }
            Sem::Weekday {
                weekday,
                rel,
                base,
                tod,
            } => {
                let mention = self
                    .last
                    .filter(|(p, _)| base == Base::Previous && p.gran == Gran::Day);
                let (d, anchor) = match (mention, self.dct) {
                    (Some((p, span)), _) => (
                        p.date,
                        Some(Anchor {
                            kind: AnchorKind::PreviousMention,
                            value: p.value(),
                            span: Some(span),
                        }),
                    ),
                    (None, Some(d)) => (d, self.dct_anchor()),
                    (None, None) => return (None, None),
                };
                let today = i64::from(d.weekday().to_monday_one_offset());
                let want = i64::from(weekday);
                let back = (today - want).rem_euclid(7);
                let ahead = (want - today).rem_euclid(7);
                let shift = match (rel, tense) {
                    (Rel::Last, _) => -(if back == 0 { 7 } else { back }),
                    (Rel::Next, _) => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (Rel::This, _) => want - today,
                    (Rel::Tense, Tense::Future) => ahead,
                    (Rel::Tense, Tense::Past | Tense::WeakPast) => -back,
                    // Without a tense, the past one unless the coming one is tomorrow:
                    // news mostly reports.
                    (Rel::Tense, Tense::Unknown) if ahead <= 1 && ahead < back => ahead,
                    (Rel::Tense, Tense::Unknown) => -back,
                };
                let point = add(d, Unit::Day, shift).map(|date| Point {
                    tod,
                    ..Point::new(date, Gran::Day)
                });
                (point, anchor)
            }
            Sem::Holiday { holiday, year } => {
                let y = match year {
                    YearSpec::Known(y) => Some(y),
                    _ => self.dct.map(|d| {
                        let probe = holiday_date(i32::from(d.year()), holiday);
                        let after = probe.is_some_and(|h| h > d);
                        let before = probe.is_some_and(|h| h < d);
                        // A holiday within weeks of the document date is this year's,
                        // whatever the tense, as a bare date is: "as Easter week began",
                        // "prices dropped to Black Friday levels".
                        let near = probe.is_some_and(|h| {
                            d.until(h).is_ok_and(|s| {
                                s.get_days().abs() as i64 <= TENSE_IGNORED_WITHIN_DAYS
                            })
                        });
                        let y = i32::from(d.year());
                        match (year, tense) {
                            (YearSpec::Shifted(n), _) => y + n as i32,
                            (YearSpec::Around(Rel::Last), _) if !before => y - 1,
                            (YearSpec::Around(Rel::Next), _) if !after => y + 1,
                            (YearSpec::Around(Rel::Tense), Tense::Past) if after && !near => y - 1,
                            (YearSpec::Around(Rel::Tense), Tense::Future) if before && !near => {
                                y + 1
                            }
                            _ => y,
                        }
                    }),
                };
                let anchor = match year {
                    YearSpec::Known(_) => None,
                    _ => self.dct_anchor(),
                };
                let point = y
                    .and_then(|y| holiday_date(y, holiday))
                    .map(|d| Point::new(d, Gran::Day));
                (point, anchor)
            }
            Sem::Shift {
                unit,
                n,
                base,
                report,
                tod,
            } => {
                let Some(unit_gran) = unit.gran() else {
                    return (None, None);
                };
                // A year-on-year comparison after a year to date compares whole years.
                if report == Report::AtFinest
                    && unit == Unit::Year
                    && self.months_reported
                    && let Some(d) = self.dct
                {
                    let point = add(d, Unit::Year, -n.abs()).map(|d| Point::new(d, Gran::Year));
                    return (point, self.dct_anchor());
                }
                let comparison = self.last_reported.filter(|(p, _)| {
                    base == Base::Dct
                        && report == Report::AtFinest
                        && matches!(p.gran, Gran::Half | Gran::Quarter | Gran::Month)
                });
                let (from, from_gran, anchor) = match base {
                    Base::Dct if let Some((p, span)) = comparison => (
                        p.date,
                        p.gran,
                        Some(Anchor {
                            kind: AnchorKind::PreviousMention,
                            value: p.value(),
                            span: Some(span),
                        }),
                    ),
                    Base::Dct => match self.dct {
                        Some(d) => (d, Gran::Day, self.dct_anchor()),
                        None => return (None, None),
                    },
                    Base::Previous => match (
                        if unit == Unit::Quarter && n == 0 {
                            self.latest_quarter
                        } else if report == Report::AtFinest {
                            // Year-on-year comparisons compare periods: a quarter's closing day
                            // ("the quarter ended Sept. 30 ... a year earlier") stands for the
                            // quarter once one has been reported.
                            match (self.last_reported, self.latest_quarter) {
                                (Some((p, _)), Some(q)) if p.gran == Gran::Day => Some(q),
                                (last, _) => last,
                            }
                        } else {
                            self.last
                        },
                        self.dct,
                    ) {
                        // The mention must be at least as fine as the unit ("the next day" needs
                        // a day; a clock time needs a day to sit in).
                        (Some((p, span)), _)
                            if p.gran >= unit_gran.min(Gran::Year)
                                && (unit_gran != Gran::Day || p.gran == Gran::Day)
                                && (unit_gran != Gran::Quarter || p.gran >= Gran::Quarter) =>
                        {
                            (
                                p.date,
                                p.gran,
                                Some(Anchor {
                                    kind: AnchorKind::PreviousMention,
                                    value: p.value(),
                                    span: Some(span),
                                }),
                            )
                        }
                        // Financial news says "the quarter" for the last one reported.
                        (_, Some(d)) if unit == Unit::Quarter && n == 0 => (
                            add(d, Unit::Quarter, -1).unwrap_or(d),
                            Gran::Day,
                            self.dct_anchor(),
                        ),
                        (_, Some(d)) => (d, Gran::Day, self.dct_anchor()),
                        _ => return (None, None),
                    },
                };
                let anchor_is_mention = anchor
                    .as_ref()
                    .is_some_and(|a| a.kind == AnchorKind::PreviousMention);
                // A bare "the weekend" in a past-tense clause of a weekday article is the
                // weekend before.
                let n = if unit == Unit::Weekend
                    && n == 0
                    && tense == Tense::Past
                    && from.weekday().to_monday_one_offset() < 6
                {
                    -1
                } else {
                    n
                };
                let Some(date) = add(from, unit, n) else {
                    return (None, None);
                };
                let gran = match report {
                    // A decade after a week is no week: only shifts of up to a year keep the
                    // finer granularity of their base.
                    Report::AtFinest
                        if anchor_is_mention
                            && from_gran > unit_gran
                            && unit_gran >= Gran::Year =>
                    {
                        from_gran
                    }
                    _ => unit_gran.min(from_gran),
                };
                let mut point = Point::new(date, gran);
                point.weekend = unit == Unit::Weekend;
                if gran == Gran::Day {
                    point.tod = tod;
                }
                if gran == Gran::Season {
                    point.season = self.last.and_then(|(p, _)| p.season);
                }
                (Some(point), anchor)
            }
        }
    }

    /// The date a day-of-month expression completes: the last mention if it is at least as
    /// fine as `need`, else the document date.
    fn base_for(&self, need: Gran) -> Option<(Date, Anchor)> {
        match (self.last, self.dct) {
            (Some((p, span)), _) if p.gran >= need && p.gran != Gran::Week => Some((
                p.date,
                Anchor {
                    kind: AnchorKind::PreviousMention,
                    value: p.value(),
                    span: Some(span),
                },
            )),
            (_, Some(d)) => self.dct_anchor().map(|a| (d, a)),
            _ => None,
        }
    }
}

/// The value written when no anchor is known: the known parts with X for the rest.
fn underspecified(sem: &Sem) -> String {
    match *sem {
        Sem::Cal { sub, day, tod, .. } => {
            let mut s = String::from("XXXX");
            match sub {
                Some(Sub::Half(h)) => s.push_str(&format!("-H{h}")),
                Some(Sub::Quarter(q)) => s.push_str(&format!("-Q{q}")),
                Some(Sub::Season(season)) => s.push_str(&format!("-{}", season.code())),
                Some(Sub::Month(m)) => {
                    s.push_str(&format!("-{m:02}"));
                    if let Some(d) = day {
                        s.push_str(&format!("-{d:02}"));
                        push_time_of_day(&mut s, tod);
                    }
                }
                None => {}
            }
            s
        }
        Sem::DayOfMonth { day } => format!("XXXX-XX-{day:02}"),
        Sem::WeekOf { weekend: false, .. } => "XXXX-WXX".to_string(),
        Sem::WeekOf { weekend: true, .. } => "XXXX-WXX-WE".to_string(),
        Sem::ReportedQuarter { .. } => "XXXX-QX".to_string(),
        Sem::Weekday { weekday, tod, .. } => {
            let mut s = format!("XXXX-WXX-{weekday}");
            push_time_of_day(&mut s, tod);
            s
        }
        Sem::Holiday {
            holiday: Holiday::Fixed { month, day },
            ..
        } => {
            format!("XXXX-{month:02}-{day:02}")
        }
        Sem::Shift { n, .. } if n < 0 => "PAST_REF".to_string(),
        Sem::Shift { n, .. } if n > 0 => "FUTURE_REF".to_string(),
        Sem::Shift { .. } => "PRESENT_REF".to_string(),
        _ => "XXXX-XX-XX".to_string(),
    }
}

/// `date` moved by `n` units, or `None` when that leaves jiff's range.
pub(super) fn add(date: Date, unit: Unit, n: i64) -> Option<Date> {
    let span = jiff::Span::new();
    let span = match unit {
        Unit::Century => span.try_years(n.checked_mul(100)?),
        Unit::Decade => span.try_years(n.checked_mul(10)?),
        Unit::Year => span.try_years(n),
        Unit::Quarter => span.try_months(n.checked_mul(3)?),
        Unit::Month => span.try_months(n),
        Unit::Week | Unit::Weekend => span.try_weeks(n),
        Unit::Fortnight => span.try_weeks(n.checked_mul(2)?),
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => span.try_days(n),
    };
    date.checked_add(span.ok()?).ok()
}

/// A point for a calendar date with a known year.
fn cal_point(y: i32, sub: Option<Sub>, day: Option<i8>, tod: Option<TimeOfDay>) -> Option<Point> {
    let y = i16::try_from(y).ok()?;
    let (month, gran, season) = match sub {
        None => (1, Gran::Year, None),
        Some(Sub::Half(h)) => ((h - 1) * 6 + 1, Gran::Half, None),
        Some(Sub::Quarter(q)) => ((q - 1) * 3 + 1, Gran::Quarter, None),
        Some(Sub::Season(s)) => (1, Gran::Season, Some(s)),
        Some(Sub::Month(m)) => (m, Gran::Month, None),
    };
    let (d, gran) = match (day, sub) {
        (Some(d), Some(Sub::Month(_))) => (d, Gran::Day),
        _ => (1, gran),
    };
    let date = Date::new(y, month, d).ok()?;
    Some(Point {
        date,
        gran,
        season,
        tod: if gran == Gran::Day { tod } else { None },
        weekend: false,
    })
}

/// The year a partial date falls in around the document date `d`.
fn pick_year(d: Date, year: YearSpec, sub: Option<Sub>, day: Option<i8>, tense: Tense) -> i32 {
    let y = i32::from(d.year());
    let rel = match year {
        YearSpec::Known(y) => return y,
        YearSpec::Shifted(n) => return y.saturating_add(i32::try_from(n).unwrap_or(0)),
        YearSpec::Around(rel) => rel,
    };
    if rel == Rel::Tense {
        return nearest_year(d, sub, day, tense).unwrap_or(y);
    }
    // Compare the named part of the year with the same part of the anchor date.
    let (key, anchor_key) = match sub {
        Some(Sub::Month(m)) => match day {
            Some(dd) => (
                i32::from(m) * 100 + i32::from(dd),
                i32::from(d.month()) * 100 + i32::from(d.day()),
            ),
            None => (i32::from(m), i32::from(d.month())),
        },
        Some(Sub::Quarter(q)) => (i32::from(q), i32::from((d.month() - 1) / 3 + 1)),
        Some(Sub::Half(h)) => (i32::from(h), if d.month() <= 6 { 1 } else { 2 }),
        Some(Sub::Season(s)) => (
            i32::from(s.order()),
            i32::from(Season::order_of_month(d.month())),
        ),
        None => return y,
    };
    match rel {
        Rel::Last if key >= anchor_key => y - 1,
        Rel::Next if key <= anchor_key => y + 1,
        _ => y,
    }
}

/// How far a weak tense cue (a word ending in -ed) may pull a bare date away from the nearest
/// reading: "in April" in a past-tense sentence of an October article is the April before, not
/// the one after.
const WEAK_TENSE_REACH_DAYS: i64 = 245;

/// How far a firm tense cue may pull it: "will be named commander for a mission in December"
/// in March is the December ahead, whatever its distance.
const FIRM_TENSE_REACH_DAYS: i64 = 366;

/// How close to the anchor a bare date's nearest reading must be for the tense to be ignored.
const TENSE_IGNORED_WITHIN_DAYS: i64 = 45;

/// The year, among the anchor's and its neighbours, that puts a bare date nearest to the
/// anchor `d`, unless the clause's tense points the other way and a reading on that side is
/// within [`WEAK_TENSE_REACH_DAYS`] or [`FIRM_TENSE_REACH_DAYS`].
fn nearest_year(d: Date, sub: Option<Sub>, day: Option<i8>, tense: Tense) -> Option<i32> {
    let y = i32::from(d.year());
    // (year, signed distance in days: negative before the anchor, positive after, 0 inside)
    let mut readings = Vec::with_capacity(3);
    for cand in [y - 1, y, y + 1] {
        let Some((start, end)) = interval_in(cand, sub, day) else {
            continue;
        };
        let dist = if d < start {
            d.until(start).ok()?.get_days() as i64
        } else if d > end {
            -(end.until(d).ok()?.get_days() as i64)
        } else {
            0
        };
        readings.push((cand, dist));
    }
    let nearest = readings.iter().min_by_key(|r| (r.1.abs(), r.1 > 0))?;
    let wanted_side = match tense {
        Tense::Past | Tense::WeakPast if nearest.1 > 0 => {
            readings.iter().filter(|r| r.1 <= 0).max_by_key(|r| r.1)
        }
        // Without a tense, news mostly reports: the reading before the anchor unless the one
        // after is less than half as far.
        Tense::Unknown if nearest.1 > 0 => readings
            .iter()
            .filter(|r| r.1 <= 0)
            .max_by_key(|r| r.1)
            .filter(|r| r.1.abs() <= 2 * nearest.1),
        Tense::Future if nearest.1 < 0 => readings.iter().filter(|r| r.1 >= 0).min_by_key(|r| r.1),
        _ => None,
    };
    // A reading within weeks of the anchor is what the text means whatever the tense:
    // "expects to report a third-quarter loss" in November is the quarter just ended.
    if nearest.1.abs() <= TENSE_IGNORED_WITHIN_DAYS {
        return Some(nearest.0);
    }
    let reach = if matches!(tense, Tense::WeakPast | Tense::Unknown) {
        WEAK_TENSE_REACH_DAYS
    } else {
        FIRM_TENSE_REACH_DAYS
    };
    match wanted_side {
        Some(r) if r.1.abs() <= reach => Some(r.0),
        _ => Some(nearest.0),
    }
}

/// The first and last day a partial date covers in year `y`.
fn interval_in(y: i32, sub: Option<Sub>, day: Option<i8>) -> Option<(Date, Date)> {
    let y16 = i16::try_from(y).ok()?;
    let month_span = |first: i8, count: i64| -> Option<(Date, Date)> {
        let start = Date::new(y16, first, 1).ok()?;
        let end = add(start, Unit::Month, count)?
            .checked_sub(jiff::Span::new().days(1))
            .ok()?;
        Some((start, end))
    };
    match sub? {
        Sub::Month(m) => match day {
            Some(dd) => Date::new(y16, m, dd).ok().map(|x| (x, x)),
            None => month_span(m, 1),
        },
        Sub::Quarter(q) => month_span((q - 1) * 3 + 1, 3),
        Sub::Half(h) => month_span((h - 1) * 6 + 1, 6),
        Sub::Season(s) => month_span(s.order() * 3, 3),
    }
}

/// The date of a holiday in year `y`.
fn holiday_date(y: i32, holiday: Holiday) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    match holiday {
        Holiday::Fixed { month, day } => Date::new(y, month, day).ok(),
        Holiday::NthWeekday {
            month,
            nth,
            weekday,
        } => {
            let wd = jiff::civil::Weekday::from_monday_one_offset(weekday).ok()?;
            Date::new(y, month, 1)
                .ok()?
                .nth_weekday_of_month(nth, wd)
                .ok()
        }
        Holiday::ElectionDay => {
            let monday = Date::new(y, 11, 1)
                .ok()?
                .nth_weekday_of_month(1, jiff::civil::Weekday::Monday)
                .ok()?;
            add(monday, Unit::Day, 1)
        }
        Holiday::AfterThanksgiving { days } => add(
            holiday_date(y.into(), THANKSGIVING)?,
            Unit::Day,
            days.into(),
        ),
        Holiday::Easter { days } => add(easter_sunday(y)?, Unit::Day, days.into()),
    }
}

/// Easter Sunday of a Gregorian year: the first Sunday after the ecclesiastical full moon
/// on or after 21 March (the anonymous Gregorian computus, which yields a month and a day).
fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

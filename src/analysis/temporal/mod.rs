//! Temporal expressions in English news (TimeML TIMEX3): finds dates, times, durations and
//! sets in text and resolves relative ones against the document creation time or an earlier
//! mention. It is pure: no clock, no I/O, and it never panics on any input.
//!
//! The work is split in three: `scan` tokenizes and matches the expression grammar, `resolve`
//! turns meanings into TimeML values with calendar arithmetic, and `timeml`/`eval` read the
//! TempEval-3 corpus and score the tagger against it.

mod lexicon;
mod resolve;
mod scan;

pub mod eval;
pub mod timeml;

pub(crate) use lexicon::{month_of, weekday_of};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Span;

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2018-07-16`, `2018-W29`, `PAST_REF`.
    Date,
    /// A time of day: `2018-07-19T20:00`, `2018-07-19TEV`.
    Time,
    /// A length of time: `P4D`, `PT3H`, `PXY`.
    Duration,
    /// A recurring time: `XXXX-WXX-1`, `P1W`.
    Set,
}

impl TimexType {
    /// The TimeML name, as in `type="DATE"`.
    pub fn name(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// The type a TimeML name stands for.
    pub fn from_name(name: &str) -> Option<TimexType> {
        Some(match name {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// What a relative expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnchorKind {
    /// The document creation time (the article's publication date).
    DocumentDate,
    /// The last suitable date mentioned before the expression.
    PreviousMention,
}

/// How a relative expression was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Which reference was used.
    pub kind: AnchorKind,
    /// The anchor's TimeML value.
    pub value: String,
    /// The earlier mention, for [`AnchorKind::PreviousMention`].
    pub span: Option<Span>,
}

/// One temporal expression.
///
/// Invariant: `span` is a char-boundary byte range of the tagged text, and a list returned by
/// [`tag_timexes`] is sorted by `span.start` with no two spans overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// The byte range of the expression in the tagged text.
    pub span: Span,
    /// The TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TimeML value: `2018-07-16`, `2018-W29`, `P4D`, `XXXX-WXX-1`, `PAST_REF`, ...
    pub value: String,
    /// The TimeML modifier: `APPROX`, `START`, `MID`, `END`, `LESS_THAN`, `MORE_THAN`, ...
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// How often a SET recurs in its period, as TimeML writes it: `2X` for "twice a week".
    pub freq: Option<String>,
    /// How a relative expression was resolved; `None` for absolute ones.
    pub anchor: Option<Anchor>,
}

/// Tags every temporal expression in `text`, resolving relative ones against `dct` (the
/// document creation time: the article's publication date) or the last suitable earlier
/// mention. With `dct = None`, relative expressions still get tagged, with underspecified
/// values (containing X, or *_REF) — once a date is estimated for an undated article, its
/// [`ScannedText`] is resolved again against that date.
pub fn tag_timexes(text: &str, dct: Option<Date>) -> Vec<Timex> {
    ScannedText::scan(text).resolve(dct)
}

/// A text's temporal expressions found but not yet resolved. Finding them, and the tense around
/// each, does not depend on the document date, so a text whose date is unknown is scanned once
/// and resolved against each candidate date: resolution costs a small part of the scan.
#[derive(Debug, Clone)]
pub struct ScannedText {
    found: Vec<(scan::Cand, Span, resolve::Tense)>,
}

impl ScannedText {
    /// Finds the temporal expressions of `text`.
    pub fn scan(text: &str) -> ScannedText {
        let scanner = scan::Scanner::new(text);
        let found = scanner
            .scan()
            .into_iter()
            .map(|c| {
                let span = scanner.span_of(&c);
                let tense = scanner.tense_near(c.start, c.end);
                (c, span, tense)
            })
            .collect();
        ScannedText { found }
    }

    /// Resolves the expressions against the document date `dct`, as [`tag_timexes`] does.
    pub fn resolve(&self, dct: Option<Date>) -> Vec<Timex> {
        let mut resolver = resolve::Resolver::new(dct);
        self.found
            .iter()
            .map(|(c, span, tense)| {
                let resolved = resolver.resolve(&c.sem, *span, *tense);
                Timex {
                    span: *span,
                    kind: c.kind,
                    value: resolved.value,
                    modifier: c.modifier.map(str::to_string),
                    freq: c.freq.clone(),
                    anchor: resolved.anchor,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags `text` with the document date `dct` and checks that the expression `needle`
    /// (the first timex whose text equals it) renders as `expect`: `TYPE value [mod]`, or
    /// `-` when no timex may cover any of `needle`.
    fn check(dct: &str, text: &str, needle: &str, expect: &str) {
        let dct = if dct.is_empty() {
            None
        } else {
            Some(dct.parse::<Date>().unwrap())
        };
        let timexes = tag_timexes(text, dct);
        let rendered: Vec<String> = timexes
            .iter()
            .map(|t| {
                let mut s = format!("{}={} {}", t.span.slice(text), t.kind.name(), t.value);
                if let Some(m) = &t.modifier {
                    s.push(' ');
                    s.push_str(m);
                }
                if let Some(f) = &t.freq {
                    s.push_str(" freq=");
                    s.push_str(f);
                }
                s
            })
            .collect();
        if expect == "-" {
            let at = text.find(needle).unwrap();
            let needle_span = Span::new(at, at + needle.len());
            assert!(
                !timexes.iter().any(|t| t.span.overlaps(needle_span)),
                "{needle:?} should not be tagged in {text:?}: {rendered:?}"
            );
            return;
        }
        let found = rendered
            .iter()
            .find(|r| r.split('=').next() == Some(needle));
        assert_eq!(
            found.map(|r| r.split_once('=').map_or("", |x| x.1)),
            Some(expect),
            "{needle:?} in {text:?}: {rendered:?}"
        );
    }

    const FRI: &str = "2018-07-20";

    #[test]
    fn seed_cases() {
        check(
            FRI,
            "Russia is ready, Antonov said on Friday.",
            "Friday",
            "DATE 2018-07-20",
        );
        check(
            FRI,
            "the White House said on Thursday, a daring rebuttal",
            "Thursday",
            "DATE 2018-07-19",
        );
        check(
            FRI,
            "What happened at Monday's one-on-one between Trump and Putin",
            "Monday",
            "DATE 2018-07-16",
        );
        check(
            FRI,
            "What happened at Monday's one-on-one between Trump and Putin",
            "one-on-one",
            "-",
        );
        check(
            FRI,
            "whose last official visit was in July 2007, when",
            "July 2007",
            "DATE 2007-07",
        );
        check(
            FRI,
            "lawmakers could visit again in the first half of August, senior",
            "the first half of August",
            "DATE 2018-08 START",
        );
        check(
            FRI,
            "has invited Putin to Washington this autumn, the White House said",
            "this autumn",
            "DATE 2018-FA",
        );
        check(
            FRI,
            "Sarah Sanders said Wednesday that that was",
            "Wednesday",
            "DATE 2018-07-18",
        );
        check(
            FRI,
            "No Russian leader has visited the White House in nearly a decade.",
            "nearly a decade",
            "DURATION P10Y APPROX",
        );
    }

    #[test]
    fn dates_and_times() {
        check(FRI, "He arrived yesterday.", "yesterday", "DATE 2018-07-19");
        check(FRI, "It is hot today.", "today", "DATE 2018-07-20");
        check(FRI, "They meet tonight.", "tonight", "TIME 2018-07-20TNI");
        check(FRI, "Sales fell last week.", "last week", "DATE 2018-W28");
        check(
            FRI,
            "It happened earlier this month.",
            "earlier this month",
            "DATE 2018-07 START",
        );
        check(
            FRI,
            "Elections are due next year.",
            "next year",
            "DATE 2019",
        );
        check(FRI, "He left two years ago.", "two years ago", "DATE 2016");
        check(FRI, "He was born in 2007.", "2007", "DATE 2007");
        check(
            FRI,
            "The summit was on July 16.",
            "July 16",
            "DATE 2018-07-16",
        );
        check(
            FRI,
            "The summit was on 16 July.",
            "16 July",
            "DATE 2018-07-16",
        );
        check(
            FRI,
            "Growth was slow in the 1990s.",
            "the 1990s",
            "DATE 199",
        );
        check(
            FRI,
            "They spoke Thursday evening.",
            "Thursday evening",
            "TIME 2018-07-19TEV",
        );
        check(
            FRI,
            "He said this morning that",
            "this morning",
            "TIME 2018-07-20TMO",
        );
        check(FRI, "Talks resume this week.", "this week", "DATE 2018-W29");
        check(
            FRI,
            "Markets were calm the past week.",
            "the past week",
            "DATE 2018-W28",
        );
        check(FRI, "He recently said so.", "recently", "DATE PAST_REF");
        check(FRI, "He is now in Moscow.", "now", "DATE PRESENT_REF");
        check(
            FRI,
            "He currently lives there.",
            "currently",
            "DATE PRESENT_REF",
        );
        check(
            FRI,
            "We will see in the future.",
            "the future",
            "DATE FUTURE_REF",
        );
        check(
            FRI,
            "They will meet on Monday.",
            "Monday",
            "DATE 2018-07-23",
        );
        check(
            FRI,
            "He met Putin last Monday.",
            "last Monday",
            "DATE 2018-07-16",
        );
        check(
            FRI,
            "Published : 20 Jul 2018, 01:22",
            "20 Jul 2018, 01:22",
            "TIME 2018-07-20T01:22",
        );
        check(
            FRI,
            "Posted July 20, 2018 1:22 AM EDT by staff",
            "July 20, 2018 1:22 AM EDT",
            "TIME 2018-07-20T01:22",
        );
        check(
            FRI,
            "time 2018-07-20T01:22:00+00:00 end",
            "2018-07-20T01:22:00+00:00",
            "TIME 2018-07-20T01:22",
        );
        check(
            FRI,
            "Thursday April 18, 2024",
            "Thursday April 18, 2024",
            "DATE 2024-04-18",
        );
        check(FRI, "On Jul. 20 he left.", "Jul. 20", "DATE 2018-07-20");
        check(FRI, "Results are due in Sept. and", "Sept.", "DATE 2018-09");
        check(
            FRI,
            "The vote is on the 26th.",
            "the 26th",
            "DATE 2018-07-26",
        );
        check(
            FRI,
            "The fourth quarter results",
            "The fourth quarter",
            "DATE 2018-Q4",
        );
        check(
            FRI,
            "Sales rose in the third quarter of 2017.",
            "the third quarter of 2017",
            "DATE 2017-Q3",
        );
        check(
            FRI,
            "Prices fell late last year.",
            "late last year",
            "DATE 2017 END",
        );
        check(
            FRI,
            "Growth will pick up in early 2019.",
            "early 2019",
            "DATE 2019 START",
        );
        check(
            FRI,
            "The talks lasted more than four hours.",
            "more than four hours",
            "DURATION PT4H MORE_THAN",
        );
        check(
            FRI,
            "The talks lasted less than a week.",
            "less than a week",
            "DURATION P1W LESS_THAN",
        );
        check(
            FRI,
            "The talks lasted about 10 days.",
            "10 days",
            "DURATION P10D APPROX",
        );
        check(
            FRI,
            "A deal within a week.",
            "a week",
            "DURATION P1W EQUAL_OR_LESS",
        );
        check(
            FRI,
            "Sales rose in June last year.",
            "June last year",
            "DATE 2017-06",
        );
        check(FRI, "The 14-day strike ended.", "14-day", "DURATION P14D");
        check(FRI, "A 44-year-old man was held.", "44-year-old", "-");
        check(
            FRI,
            "Profit fell from a year ago in the third quarter.",
            "a year ago",
            "DATE 2017",
        );
        check(
            FRI,
            "Third-quarter profit fell from $5 a year ago.",
            "a year ago",
            "DATE 2017-Q3",
        );
        check(
            FRI,
            "The bridge was closed for four days.",
            "four days",
            "DURATION P4D",
        );
        check(FRI, "He served ten years.", "ten years", "DURATION P10Y");
        check(FRI, "It took three hours.", "three hours", "DURATION PT3H");
        check(FRI, "It took a month.", "a month", "DURATION P1M");
        check(FRI, "It took years.", "years", "DURATION PXY");
        check(
            FRI,
            "They meet every Monday.",
            "every Monday",
            "SET XXXX-WXX-1",
        );
        check(FRI, "They meet weekly.", "weekly", "SET P1W");
        check(
            "1989-10-26",
            "It will post additional profit of about $33 million a year.",
            "a year",
            "SET P1Y",
        );
        check(
            FRI,
            "It will add nearly 700 seats a week on the route.",
            "a week",
            "SET P1W",
        );
        check(
            FRI,
            "Islam will one day be the second largest religion.",
            "one day",
            "DATE FUTURE_REF",
        );
        check(FRI, "The strike lasted one day.", "one day", "DURATION P1D");
        check(
            FRI,
            "It opened in the third quarter of 2015. A decade later it closed.",
            "A decade later",
            "DATE 202",
        );
        check(
            FRI,
            "They meet twice a week.",
            "twice a week",
            "SET P1W freq=2X",
        );
        check(
            FRI,
            "It is inspected three times a year.",
            "three times a year",
            "SET P1Y freq=3X",
        );
        check(
            FRI,
            "They met Thursday at 8 p.m. in Helsinki.",
            "Thursday at 8 p.m.",
            "TIME 2018-07-19T20:00",
        );
        check(
            FRI,
            "He flew to Moscow on July 16. The next day he returned.",
            "The next day",
            "DATE 2018-07-17",
        );
        check(
            FRI,
            "It opened on March 2, 2015. That week, shares fell.",
            "That week",
            "DATE 2015-W10",
        );
        check(
            FRI,
            "It opened in 2015. The following year it closed.",
            "The following year",
            "DATE 2016",
        );
        check(
            FRI,
            "It opened in May 2015. The same month it closed.",
            "The same month",
            "DATE 2015-05",
        );
        check(
            FRI,
            "The deal closes at the end of the month.",
            "the end of the month",
            "DATE 2018-07 END",
        );
        check(
            FRI,
            "It opened on March 2, 2015. By the middle of the month, shares fell.",
            "the middle of the month",
            "DATE 2015-03 MID",
        );
        check(
            FRI,
            "Talks start at the beginning of the week.",
            "the beginning of the week",
            "DATE 2018-W29 START",
        );
        check(FRI, "At the end of the day, he lost.", "the day", "-");
        check(
            FRI,
            "The session adjourned at 11.30pm on Thursday.",
            "11.30pm on Thursday",
            "TIME 2018-07-19T23:30",
        );
        check(
            FRI,
            "Police were called at 9.15 a.m.",
            "9.15 a.m.",
            "TIME 2018-07-20T09:15",
        );
        check(FRI, "Shares rose 11.30 points.", "11.30", "-");
        check(
            FRI,
            "First published on Fri 20 Jul 2018 10.22 BST",
            "Fri 20 Jul 2018 10.22 BST",
            "TIME 2018-07-20T10:22",
        );
        check(FRI, "Posted 20/07/18.", "20/07/18", "DATE 2018-07-20");
        check(
            FRI,
            "Updated 2018-07-20 10:22",
            "2018-07-20 10:22",
            "TIME 2018-07-20T10:22",
        );
        check(
            FRI,
            "Filed 20-Jul-2018 by staff.",
            "20-Jul-2018",
            "DATE 2018-07-20",
        );
        check(FRI, "Stand: 20.07.2018", "20.07.2018", "DATE 2018-07-20");
        check(FRI, "See section 1.2.18 of the rules.", "1.2.18", "-");
        check(FRI, "It beat the 3.20.2 release.", "3.20", "-");
        check(
            FRI,
            "The paper appears every other week.",
            "every other week",
            "SET P2W",
        );
        check(FRI, "Revenue rose in H1 2019.", "H1 2019", "DATE 2019-H1");
        check(FRI, "The H1N1 virus spread in 2009.", "H1N1", "-");
        check(
            FRI,
            "The summit ended at 3:30 p.m. local time on Monday.",
            "3:30 p.m. local time on Monday",
            "TIME 2018-07-16T15:30",
        );
        check(
            FRI,
            "A war in the 20th century.",
            "the 20th century",
            "DATE 19",
        );
        check(
            FRI,
            "Prices rose in the mid-1990s.",
            "the mid-1990s",
            "DATE 199 MID",
        );
        check(
            FRI,
            "Votes are counted on Election Day.",
            "Election Day",
            "DATE 2018-11-06",
        );
        check("", "He will come on Monday.", "Monday", "DATE XXXX-WXX-1");
        check("", "He came last year.", "last year", "DATE PAST_REF");
        check(
            "",
            "The summit was on July 16.",
            "July 16",
            "DATE XXXX-07-16",
        );
    }

    #[test]
    fn tense_of_the_clause() {
        // A participle before its agent says nothing of the clause: "will" does.
        check(
            "1998-02-13",
            "Qantas will double its flights by August in the search for markets untouched by the crisis.",
            "August",
            "DATE 1998-08",
        );
        // "plans" as a noun is no plan.
        check(
            FRI,
            "On Monday, when she set aside vacation plans for the trip, she flew.",
            "Monday",
            "DATE 2018-07-16",
        );
        check(
            FRI,
            "Trading is to resume in Paris on Tuesday.",
            "Tuesday",
            "DATE 2018-07-24",
        );
        // A firm future reaches the December nine months ahead.
        check(
            "2018-03-04",
            "Collins will be named commander of the Space Shuttle Columbia for a mission in December.",
            "December",
            "DATE 2018-12",
        );
        // Figures do not count against the reach of the verb.
        check(
            "1989-10-26",
            "It said it earned $5.2 million, or seven cents a share, in the fiscal first quarter.",
            "the fiscal first quarter",
            "DATE 1989-Q1",
        );
        check(
            "2000-02-10",
            "He was found clinging to a tube in the Atlantic last Thanksgiving.",
            "last Thanksgiving",
            "DATE 1999-11-25",
        );
        // A possessive weekday names a past event whatever the clause says.
        check(
            FRI,
            "They would look for ways to get around Wednesday's ruling.",
            "Wednesday",
            "DATE 2018-07-18",
        );
        // The reporter's clause after a quotation is not the quoted one's.
        check(
            "2000-04-05",
            "''He will leave at dawn (4 a.m. EDT Thursday),'' Castro said.",
            "4 a.m. EDT Thursday",
            "TIME 2000-04-06T04:00",
        );
        // An initial's full stop ends no sentence.
        check(
            FRI,
            "Trump will meet Daniel P. Davison on Monday.",
            "Monday",
            "DATE 2018-07-23",
        );
        // "next to" is a place, not a plan.
        check(
            "2018-07-21",
            "A bomb ripped through a building next to the U.S. embassy on Friday.",
            "Friday",
            "DATE 2018-07-20",
        );
        check(
            FRI,
            "The reduced dividend is payable Feb. 1 to holders of record.",
            "Feb. 1",
            "DATE 2019-02-01",
        );
        // A deadline moved until a day lies ahead of the move; a state that lasted until a
        // day does not.
        check(
            "2000-03-30",
            "Officials postponed until Tuesday morning any action on the case.",
            "Tuesday morning",
            "TIME 2000-04-04TMO",
        );
        check(
            "2000-04-03",
            "The INS extended its deadline until 9 a.m. EST Tuesday.",
            "9 a.m. EST Tuesday",
            "TIME 2000-04-04T09:00",
        );
        check(
            "1998-11-07",
            "Until Thursday, they had not called him a suspect.",
            "Thursday",
            "DATE 1998-11-05",
        );
        // A plan in the past perfect was due before the time of writing.
        check(
            "1989-10-30",
            "The offer previously had been scheduled to expire at midnight Friday.",
            "midnight Friday",
            "TIME 1989-10-27T24:00",
        );
        // A period that has ended is past, as far back as a firm past tense reaches.
        check(
            "1989-10-31",
            "In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.",
            "Jan. 31",
            "DATE 1989-01-31",
        );
    }

    #[test]
    fn periods_weeks_and_spelled_years() {
        check(
            "1989-10-30",
            "Shares closed on Oct. 27. The index was down 4.5% from the previous Friday.",
            "the previous Friday",
            "DATE 1989-10-20",
        );
        check(
            "2000-02-24",
            "It may be resolved in a court hearing the week of March 6.",
            "the week of March 6",
            "DATE 2000-W10",
        );
        check(
            "1998-02-27",
            "January nineteen ninety-seven. Atlanta again.",
            "January nineteen ninety-seven",
            "DATE 1997-01",
        );
        check(
            "1998-02-23",
            "The level we saw in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "DATE 1994-WI",
        );
        check(
            FRI,
            "He will visit in autumn this year.",
            "autumn this year",
            "DATE 2018-FA",
        );
        check(
            FRI,
            "He visited in spring last year.",
            "spring last year",
            "DATE 2017-SP",
        );
        check(
            FRI,
            "Eight trading days after the plunge, it recovered.",
            "Eight trading days",
            "DURATION P8D",
        );
        check(
            FRI,
            "It took a charge in the 1988 second quarter.",
            "the 1988 second quarter",
            "DATE 1988-Q2",
        );
        // A year-on-year comparison compares with the period reported, never with an earlier
        // comparison.
        let text = "Profit rose in the third quarter. It was up from a year ago. \
                    Sales were down from a year earlier.";
        check(FRI, text, "a year ago", "DATE 2017-Q3");
        check(FRI, text, "a year earlier", "DATE 2017-Q3");
        // The period compared with is the quarter reported, a year before.
        check(
            FRI,
            "Net fell in the third quarter, against $1.8 million for the corresponding period last year.",
            "the corresponding period last year",
            "DATE 2017-Q3",
        );
        check(
            FRI,
            "It lost money in the third quarter. For the quarter a year ago, it earned $16 million.",
            "the quarter a year ago",
            "DATE 2017-Q3",
        );
        check(
            FRI,
            "Profit rose in the second quarter. In the comparable year-ago quarter, it lost money.",
            "the comparable year-ago quarter",
            "DATE 2017-Q2",
        );
        check(
            FRI,
            "Sales rose in the third quarter. Sales for last year's quarter were $3 million.",
            "last year's quarter",
            "DATE 2017-Q3",
        );
        // "This quarter" and "the latest period" in a report are the quarter reported on, a
        // finished one before one still under way.
        check(
            "1989-11-01",
            "Net fell in the third quarter. This quarter's loss includes charges.",
            "This quarter",
            "DATE 1989-Q3",
        );
        check(
            FRI,
            "Sales will rise this quarter.",
            "this quarter",
            "DATE 2018-Q3",
        );
        check(
            "1989-11-02",
            "Net rose in the third quarter and will fall in the fourth quarter. Sales in the latest quarter rose.",
            "the latest quarter",
            "DATE 1989-Q3",
        );
        check(
            "1989-11-02",
            "Net rose in the fiscal fourth quarter. Sales in the latest period rose 13%.",
            "the latest period",
            "DATE 1989-Q4",
        );
        check(
            "1989-11-02",
            "It reported no quarter. Sales in the latest period rose.",
            "the latest period",
            "DATE 1989-Q3",
        );
        // "The 1988 period" is the period reported, in 1988: a quarter, or after a span of
        // months the year.
        check(
            "1989-11-02",
            "Net rose in the third quarter, against a loss in the 1988 period.",
            "the 1988 period",
            "DATE 1988-Q3",
        );
        check(
            "1989-11-02",
            "Net rose in the third quarter. In the first nine months, net was $306 million, against $195 million in the 1988 period.",
            "the 1988 period",
            "DATE 1988",
        );
        // After a year to date, a year-on-year comparison is with the year before.
        check(
            "1989-10-30",
            "Net rose in the third quarter. It lost $673 million through the first nine months, against earnings a year earlier.",
            "a year earlier",
            "DATE 1988",
        );
        check(
            "1989-10-30",
            "It lost money in the first nine months. Profit rose in the third quarter from a year ago.",
            "a year ago",
            "DATE 1988-Q3",
        );
    }

    #[test]
    fn reported_years_parts_of_days_and_ages() {
        check(
            "1989-11-02",
            "It expects to complete the sale by year-end.",
            "year-end",
            "DATE 1989 END",
        );
        check(
            "1989-10-26",
            "Jobs will be cut by year end.",
            "year end",
            "DATE 1989 END",
        );
        check(
            "1989-10-26",
            "Rules should be in place by year's end.",
            "year's end",
            "DATE 1989 END",
        );
        check(
            "1989-11-02",
            "For the year, volume was flat.",
            "the year",
            "DATE 1989",
        );
        check(
            "1989-10-30",
            "It forecast an increase for the full year.",
            "the full year",
            "DATE 1989",
        );
        check(
            "1989-10-30",
            "Net income for the year ended Aug. 31 fell.",
            "the year",
            "DURATION P1Y",
        );
        check(
            "1989-10-31",
            "In the fiscal year ended Jan. 31, sales rose.",
            "the fiscal year",
            "DURATION P1Y",
        );
        check(FRI, "It was the year of the flood.", "year", "-");
        check(FRI, "He was named Person of the Year.", "Year", "-");
        check(
            "1989-10-26",
            "Herbicide use was delayed earlier in the year by rains.",
            "earlier in the year",
            "DATE 1989 START",
        );
        check(
            "1989-11-02",
            "In London at mid-afternoon yesterday, shares rose.",
            "mid-afternoon yesterday",
            "TIME 1989-11-01TAF MID",
        );
        check(
            "1998-03-06",
            "By mid afternoon, the operation was over.",
            "mid afternoon",
            "TIME 1998-03-06TAF MID",
        );
        check(
            "1998-01-08",
            "In the last twenty four hours, stocks fell.",
            "the last twenty four hours",
            "DURATION PT24H",
        );
        check(
            FRI,
            "It was a decades-long battle.",
            "decades-long",
            "DURATION PXDE",
        );
        check(FRI, "He was 37 years old when he left.", "37 years", "-");
        check(FRI, "Mr. Reupke, 52 years old, resigned.", "years", "-");
    }

    #[test]
    fn halves_of_decades_and_years_and_hedged_offsets() {
        check(
            "1989-10-26",
            "the trend that has characterized the last half of the '80s, with sales flat",
            "the last half of the '80s",
            "DATE 198 END",
        );
        check(
            FRI,
            "Growth slowed in the first half of the 1990s.",
            "the first half of the 1990s",
            "DATE 199 START",
        );
        check(
            "1989-10-26",
            "through at least the first two quarters of 1990, when prices fall",
            "the first two quarters of 1990",
            "DATE 1990-H1",
        );
        // Without a year it is the two quarters just past, a length of time.
        check(
            "1989-10-26",
            "It has had losses in the last two quarters.",
            "the last two quarters",
            "DURATION P6M",
        );
        check(
            "1991-02-25",
            "Then, a week or so ago, the general picked the night.",
            "a week or so ago",
            "DATE 1991-W08 APPROX",
        );
    }

    #[test]
    fn days_counted_from_a_named_day_and_months_as_adjectives() {
        check(
            FRI,
            "He left the day before yesterday.",
            "the day before yesterday",
            "DATE 2018-07-18",
        );
        check(
            FRI,
            "She arrived the day after Christmas.",
            "the day after Christmas",
            "DATE 2017-12-26",
        );
        check(
            "2000-02-24",
            "The day before last Tuesday's hearing, Manuel went home.",
            "The day before last Tuesday",
            "DATE 2000-02-21",
        );
        check(
            FRI,
            "The summit was on July 16. They had met the day before, in Vienna.",
            "the day before",
            "DATE 2018-07-15",
        );
        // The day before an event is no date of its own.
        check(FRI, "They met the day before returning home.", "day", "-");
        // A month used as an adjective names the thing by its month; the clause's tense, here
        // a plan, is about something else.
        check(
            "1989-10-27",
            "The bank is continuing to try to sell itself, under a June agreement with a group.",
            "June",
            "DATE 1989-06",
        );
        // Without any tense, a month is the one before unless the one after is much nearer.
        check(
            "1989-10-30",
            "The stock has fluctuated sharply on takeover speculation, rising to a high for the year of $42.875 a share in June from $29.75 in March.",
            "March",
            "DATE 1989-03",
        );
        check(
            "2018-10-20",
            "Talks on the treaty, then the summit in November.",
            "November",
            "DATE 2018-11",
        );
        // Planning for something places it ahead.
        check(
            "1998-12-05",
            "They also can participate in planning for the NATO summit in April.",
            "April",
            "DATE 1999-04",
        );
    }

    #[test]
    fn days_counted_on_from_a_day_and_the_same_day_a_year_before() {
        // "a week from Monday" counts from the coming Monday, whatever the tense around it.
        check(
            FRI,
            "They meet a week from Monday.",
            "a week from Monday",
            "DATE 2018-07-30",
        );
        check(
            FRI,
            "He said Tuesday the vote would be held a week from Friday.",
            "a week from Friday",
            "DATE 2018-07-27",
        );
        check(
            FRI,
            "It opens three days from today.",
            "three days from today",
            "DATE 2018-07-23",
        );
        check(
            FRI,
            "A fortnight from Tuesday, it ends.",
            "A fortnight from Tuesday",
            "DATE 2018-08-07",
        );
        // A length counted from a day is no day.
        check(
            FRI,
            "The trial lasted 14 days from July 1.",
            "14 days",
            "DURATION P14D",
        );
        check(
            FRI,
            "He is away for a week from Monday.",
            "a week",
            "DURATION P1W",
        );
        // A range from a day is no day counted from it.
        check(
            FRI,
            "It took two days from Monday to Wednesday.",
            "two days",
            "DURATION P2D",
        );
        check(
            FRI,
            "It took two days from Monday to Wednesday.",
            "Monday",
            "DATE 2018-07-16",
        );
        // "this time last year" keeps the document's day.
        check(
            FRI,
            "Shares rose this time last year.",
            "this time last year",
            "DATE 2017-07-20",
        );
        check(
            FRI,
            "At the same time last month, it fell.",
            "the same time last month",
            "DATE 2018-06-20",
        );
        check(
            FRI,
            "Sales were lower this time a year ago.",
            "this time a year ago",
            "DATE 2017-07-20",
        );
        // A figure compared with last year's is the same quarter a year before.
        check(
            "1989-11-02",
            "Third-quarter net was $24 million, compared with a loss of $3 million last year.",
            "last year",
            "DATE 1988-Q3",
        );
        check(
            "1989-11-02",
            "Third-quarter sales were $1.76 billion, up from last year's $1.55 billion.",
            "last year",
            "DATE 1988-Q3",
        );
        // Without a comparison of money, or without a quarter reported, it is the year.
        check(
            "1989-11-02",
            "Third-quarter net was $24 million. He moved from Boston last year.",
            "last year",
            "DATE 1988",
        );
        check(
            "1989-11-02",
            "Sales fell to $3 million from $4 million last year.",
            "last year",
            "DATE 1988",
        );
        // "a decade ago" is a year, as "ten years ago" is.
        check(FRI, "It began a decade ago.", "a decade ago", "DATE 2008");
        check(FRI, "It began ten years ago.", "ten years ago", "DATE 2008");
        // Times ahead or behind that name no date.
        check(
            FRI,
            "Rates may rise in the near future.",
            "the near future",
            "DATE FUTURE_REF",
        );
        check(
            FRI,
            "It will be hard in the short term.",
            "the short term",
            "DATE FUTURE_REF",
        );
        check(
            FRI,
            "The vote was put off to a later date.",
            "a later date",
            "DATE FUTURE_REF",
        );
        check(
            FRI,
            "It was common in the distant past.",
            "the distant past",
            "DATE PAST_REF",
        );
        check(FRI, "He served a two-year term.", "term", "-");
        check(FRI, "The date of the vote is unknown.", "date", "-");
        // A fiscal year by its abbreviation.
        check(FRI, "FY2019 revenue rose.", "FY2019", "DATE 2019");
        check(FRI, "Revenue in FY 2019 rose.", "FY 2019", "DATE 2019");
        check(FRI, "FY19 results were strong.", "FY19", "DATE 2019");
        check(FRI, "The FY2019A model failed.", "FY2019A", "-");
        // Page headers shorten the weekday before a date; alone, "sat" is a verb.
        check(
            FRI,
            "Posted: Fri 20 Jul 2018",
            "Fri 20 Jul 2018",
            "DATE 2018-07-20",
        );
        check(
            FRI,
            "Thu., July 19, 2018",
            "Thu., July 19, 2018",
            "DATE 2018-07-19",
        );
        check(FRI, "He sat 21 July at home.", "21 July", "DATE 2018-07-21");
        check(FRI, "He sat at home.", "sat", "-");
        // A century written as its hundreds; the 2000s stay a decade.
        check(FRI, "Built in the 1800s, it fell.", "the 1800s", "DATE 18");
        check(
            FRI,
            "In the early 1900s it grew.",
            "the early 1900s",
            "DATE 19 START",
        );
        check(FRI, "In the 2000s it grew.", "the 2000s", "DATE 200");
        check(FRI, "In the 1990s it grew.", "the 1990s", "DATE 199");
        // Two units from the document's own.
        check(
            FRI,
            "They meet the week after next.",
            "the week after next",
            "DATE 2018-W31",
        );
        check(
            FRI,
            "It fell the year before last.",
            "the year before last",
            "DATE 2016",
        );
        check(
            FRI,
            "They met the weekend before last.",
            "the weekend before last",
            "DATE 2018-W27-WE",
        );
        check(
            FRI,
            "It rained the night before last.",
            "the night before last",
            "TIME 2018-07-18TNI",
        );
        check(FRI, "It was the week after the vote.", "week", "-");
        // "this time" alone is an occasion, not a date.
        check(FRI, "This time, he won.", "time", "-");
    }

    #[test]
    fn the_first_and_last_weeks_and_days_of_a_month() {
        check(
            FRI,
            "He travels in the first week of August.",
            "the first week of August",
            "DATE 2018-08 START",
        );
        check(
            FRI,
            "It rained in the last week of June.",
            "the last week of June",
            "DATE 2018-06 END",
        );
        check(
            FRI,
            "In the final days of the 1990s, it grew.",
            "the final days of the 1990s",
            "DATE 199 END",
        );
        // Without a month after it, "the last week" is the week before.
        check(
            FRI,
            "It rained in the last week.",
            "the last week",
            "DATE 2018-W28",
        );
        // "the early hours" is a part of the night, not a length of time.
        check(
            FRI,
            "He was held in the early hours of Thursday.",
            "Thursday",
            "DATE 2018-07-19",
        );
        check(
            FRI,
            "He was held in the early hours of Thursday.",
            "hours",
            "-",
        );
        check(FRI, "He was held for hours.", "hours", "DURATION PTXH");
    }

    #[test]
    fn holidays_named_by_their_own_day() {
        const WED: &str = "2019-11-20";
        check(
            WED,
            "Black Friday deals are live.",
            "Black Friday",
            "DATE 2019-11-29",
        );
        check(
            WED,
            "Cyber Monday follows.",
            "Cyber Monday",
            "DATE 2019-12-02",
        );
        check(
            WED,
            "Last Black Friday was quiet.",
            "Last Black Friday",
            "DATE 2018-11-23",
        );
        check(
            "2024-01-10",
            "Good Friday falls early.",
            "Good Friday",
            "DATE 2024-03-29",
        );
        check(
            "2024-01-10",
            "Easter Monday is a holiday.",
            "Easter Monday",
            "DATE 2024-04-01",
        );
        check(
            "2024-01-10",
            "It starts on Ash Wednesday.",
            "Ash Wednesday",
            "DATE 2024-02-14",
        );
        check(
            "2019-01-10",
            "He proposed on Valentine's Day.",
            "Valentine's Day",
            "DATE 2019-02-14",
        );
        check(
            "2019-01-10",
            "Flowers sell before Mother's Day.",
            "Mother's Day",
            "DATE 2019-05-12",
        );
        check(
            "2019-01-10",
            "Banks close on Presidents' Day.",
            "Presidents' Day",
            "DATE 2019-02-18",
        );
        check(
            "2019-01-10",
            "On St. Patrick's Day, crowds gathered.",
            "St. Patrick's Day",
            "DATE 2018-03-17",
        );
        check(
            "2019-01-10",
            "He went to St. Patrick's Cathedral.",
            "Patrick",
            "-",
        );
        check(
            "2019-01-10",
            "He stayed over New Year's.",
            "New Year's",
            "DATE 2019-01-01",
        );
        check(
            "2019-01-10",
            "New Year's resolutions fail.",
            "New Year's",
            "-",
        );
        // A holiday weeks ahead is this year's, even in the past tense.
        check(
            "2019-11-18",
            "Prices dropped to Black Friday levels.",
            "Black Friday",
            "DATE 2019-11-29",
        );
        check(
            "2000-04-17",
            "Protesters prayed as Easter week began.",
            "Easter week",
            "DATE 2000-W16",
        );
        // The weekend of a holiday: of its own week, or just before a Monday holiday.
        check(
            WED,
            "Traffic peaks over the Thanksgiving weekend.",
            "Thanksgiving weekend",
            "DATE 2019-W48-WE",
        );
        check(
            "2019-09-10",
            "Three drowned over the Labor Day weekend.",
            "Labor Day weekend",
            "DATE 2019-W35-WE",
        );
        check(
            "2019-04-25",
            "Churches filled on Easter weekend.",
            "Easter weekend",
            "DATE 2019-W16-WE",
        );
        // Names of single days are no weekdays; a lower-case adjective is.
        check(WED, "Stocks fell on Black Monday.", "Monday", "-");
        check(WED, "Super Tuesday is near.", "Tuesday", "-");
        check(
            WED,
            "It was a good Friday for stocks.",
            "Friday",
            "DATE 2019-11-15",
        );
    }

    #[test]
    fn names_and_measures_that_tell_no_time() {
        const WED: &str = "2019-11-20";
        check(WED, "The Daily Mail reported it.", "Daily", "-");
        check(WED, "He wrote for the New York Daily News.", "Daily", "-");
        check(WED, "Entertainment Weekly agreed.", "Weekly", "-");
        check(WED, "Daily Mail readers wrote in.", "Daily", "-");
        check(WED, "Prices are set weekly.", "weekly", "SET P1W");
        check(WED, "He told USA Today he would run.", "Today", "-");
        check(WED, "She appeared on the Today show.", "Today", "-");
        check(WED, "Today he left.", "Today", "DATE 2019-11-20");
        check(
            WED,
            "The galaxy is 230 million light-years wide.",
            "years",
            "-",
        );
        check(WED, "It is ten light years away.", "years", "-");
        check(
            WED,
            "Israel took the land in the 1967 Six-Day War.",
            "Six-Day",
            "-",
        );
        check(
            WED,
            "It ended the Hundred Years' War.",
            "Hundred Years",
            "-",
        );
        check(
            WED,
            "The strike lasted six days.",
            "six days",
            "DURATION P6D",
        );
        // "one day" before a verb after "to" is some time ahead; after "cut to", a length.
        check(
            WED,
            "She hopes to one day buy a boat.",
            "one day",
            "DATE FUTURE_REF",
        );
        check(
            WED,
            "The trial was cut to one day.",
            "one day",
            "DURATION P1D",
        );
    }

    #[test]
    fn a_schedule_told_in_the_present_lies_ahead() {
        const WED: &str = "2019-11-20";
        check(
            WED,
            "The show opens to the public on Friday.",
            "Friday",
            "DATE 2019-11-22",
        );
        check(
            WED,
            "The committee meets Tuesday.",
            "Tuesday",
            "DATE 2019-11-26",
        );
        check(
            WED,
            "The law takes effect on January 1.",
            "January 1",
            "DATE 2020-01-01",
        );
        check(
            WED,
            "The car goes on sale in the summer.",
            "the summer",
            "DATE 2020-SU",
        );
        // The past of the same verbs stays past.
        check(
            WED,
            "The show opened on Friday.",
            "Friday",
            "DATE 2019-11-15",
        );
    }

    #[test]
    fn a_question_word_closes_the_clause_of_a_date() {
        // "would" belongs to the clause "how its disclosure would play out", not to "feared".
        check(
            "2019-11-20",
            "I feared at the time of the call on July 25 how its disclosure would play out.",
            "July 25",
            "DATE 2019-07-25",
        );
        check(
            "2019-11-20",
            "The vote on July 25 will decide whether the plan survives.",
            "July 25",
            "DATE 2020-07-25",
        );
    }

    #[test]
    fn ranges_of_days_and_parts_of_a_decade() {
        const WED: &str = "2019-11-20";
        check(
            WED,
            "The festival runs June 5-7.",
            "June 5",
            "DATE 2019-06-05",
        );
        check(
            WED,
            "They meet on Nov. 25-26, 2018.",
            "Nov. 25-26, 2018",
            "DATE 2018-11-25",
        );
        check(WED, "They won March 3-2 on Friday.", "March", "-");
        check(
            WED,
            "It will be done by the end of the decade.",
            "the end of the decade",
            "DATE 201 END",
        );
        check(
            WED,
            "Prices rose in 1985 and had doubled by the end of the decade.",
            "the end of the decade",
            "DATE 198 END",
        );
    }

    #[test]
    fn dates_written_year_first_with_slashes_or_dots() {
        check(FRI, "Posted 2018/07/20.", "2018/07/20", "DATE 2018-07-20");
        check(FRI, "Posted 2018/7/5.", "2018/7/5", "DATE 2018-07-05");
        check(
            FRI,
            "Posted 2018.07.20 10:22",
            "2018.07.20",
            "DATE 2018-07-20",
        );
        // A dotted triple with a short month is a version; a fourth part makes a code.
        check(FRI, "Version 2019.3.1 is out.", "2019.3.1", "-");
        check(FRI, "Build 2018.07.20.1 shipped.", "2018.07.20.1", "-");
        check(FRI, "The ratio 2018/13/40 held.", "2018/13/40", "-");
    }

    #[test]
    fn a_weekday_before_a_date_takes_the_date() {
        const WED: &str = "2019-11-20";
        check(
            WED,
            "Tickets go on sale at 10 a.m. Friday, Dec. 6.",
            "10 a.m. Friday, Dec. 6",
            "TIME 2019-12-06T10:00",
        );
        check(
            WED,
            "They were walking at 6:38 p.m. on Saturday, May 18.",
            "6:38 p.m. on Saturday, May 18",
            "TIME 2019-05-18T18:38",
        );
    }

    #[test]
    fn resolved_dates_keep_their_evidence() {
        let dct = Some(Date::constant(2018, 7, 20));
        let text = "He flew to Moscow on Monday. The next day he returned. In 2007 he was there.";
        let timexes = tag_timexes(text, dct);
        let evidence: Vec<String> = timexes
            .iter()
            .map(|t| {
                let anchor = match &t.anchor {
                    None => "absolute".to_string(),
                    Some(a) => format!(
                        "{:?} {} {}",
                        a.kind,
                        a.value,
                        a.span.map_or("-", |s| s.slice(text))
                    ),
                };
                format!("{} {} <- {anchor}", t.span.slice(text), t.value)
            })
            .collect();
        assert_eq!(
            evidence,
            [
                "Monday 2018-07-16 <- DocumentDate 2018-07-20 -",
                "The next day 2018-07-17 <- PreviousMention 2018-07-16 Monday",
                "2007 2007 <- absolute",
            ]
        );
    }

    #[test]
    fn false_positives() {
        check(FRI, "Theresa May said the deal was done.", "May", "-");
        check(FRI, "You may go now.", "may", "-");
        check(
            FRI,
            "Thousands joined the March on Washington.",
            "March",
            "-",
        );
        check(FRI, "Protesters march to the square.", "march", "-");
        check(FRI, "It was the second meeting of the two.", "second", "-");
        check(FRI, "Fall Out Boy played a show.", "Fall", "-");
        check(FRI, "Prices fall when demand drops.", "fall", "-");
        check(
            FRI,
            "The Summit with Russia was a great success.",
            "Summit",
            "-",
        );
        check(FRI, "The storm killed 105 children.", "105", "-");
        check(FRI, "The army sent 2,000 troops.", "2,000", "-");
        check(FRI, "The army sent 2000 troops.", "2000", "-");
        check(FRI, "It cost $2018 in total.", "2018", "-");
        check(FRI, "Flight 1549 landed on the river.", "1549", "-");
        check(FRI, "The one-on-one lasted hours.", "one-on-one", "-");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "",
            " ",
            "\u{0}",
            "2018-",
            "2018-13-45T99:99",
            "the",
            "the 99th",
            "Q9 9999",
            "'",
            "99999999999999999999 years ago",
            "May",
            "a.m.",
            "12:",
            "Thursday,",
            "ÄÖÜ 2018 ünd",
            "on the 31st of February 2019",
            "10 p",
            "in the",
            "9999999 centuries ago",
            "twenty-",
            "mid-",
            "the first half of",
            "nineteen ninety-",
            "two thousand and",
        ];
        for text in odd {
            for dct in [
                None,
                Some(Date::constant(2018, 7, 20)),
                Some(Date::constant(9999, 12, 31)),
                Some(Date::constant(-9999, 1, 1)),
            ] {
                let timexes = tag_timexes(text, dct);
                let mut last_end = 0;
                for t in &timexes {
                    assert!(
                        t.span.start >= last_end && t.span.end <= text.len(),
                        "{text:?}: {timexes:?}"
                    );
                    assert!(
                        text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end)
                    );
                    last_end = t.span.end;
                }
            }
        }
    }
}

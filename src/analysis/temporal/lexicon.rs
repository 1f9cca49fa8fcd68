//! The English words the temporal tagger knows: month and weekday names, numbers, units, seasons
//! and parts of day. It only classifies single lower-case words; it must not look at context.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A calendar or clock unit that durations count and relative expressions shift by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Century,
    Decade,
    Year,
    Quarter,
    Month,
    Week,
    Weekend,
    Fortnight,
    Day,
    Hour,
    Minute,
    Second,
}

/// Whether a unit word was singular ("year") or plural ("years").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Number {
    Singular,
    Plural,
}

/// A season of the year, in TimeML's two-letter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// The TimeML code: SP, SU, FA or WI.
    pub(super) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// Position in the year, so that seasons can be compared with the month of an anchor date.
    pub(super) fn order(self) -> i8 {
        match self {
            Season::Spring => 1,
            Season::Summer => 2,
            Season::Fall => 3,
            Season::Winter => 4,
        }
    }

    /// The season a month falls in, as an order comparable with [`Season::order`]; January and
    /// February belong to the winter that started the year before, which is order 0.
    pub(super) fn order_of_month(month: i8) -> i8 {
        match month {
            3..=5 => 1,
            6..=8 => 2,
            9..=11 => 3,
            12 => 4,
            _ => 0,
        }
    }
}

/// A part of the day, in TimeML's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    /// The TimeML code appended after `T`.
    pub(super) fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// How a month was written: a full name stands alone, an abbreviation needs a dot or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthForm {
    Full,
    Abbreviated,
}

/// The month (1-12) a word names, if any.
pub(crate) fn month_of(w: &str) -> Option<(i8, MonthForm)> {
    use MonthForm::{Abbreviated as A, Full as F};
    Some(match w {
        "january" => (1, F),
        "february" => (2, F),
        "march" => (3, F),
        "april" => (4, F),
        "may" => (5, F),
        "june" => (6, F),
        "july" => (7, F),
        "august" => (8, F),
        "september" => (9, F),
        "october" => (10, F),
        "november" => (11, F),
        "december" => (12, F),
        "jan" => (1, A),
        "feb" => (2, A),
        "mar" => (3, A),
        "apr" => (4, A),
        "jun" => (6, A),
        "jul" => (7, A),
        "aug" => (8, A),
        "sep" | "sept" => (9, A),
        "oct" => (10, A),
        "nov" => (11, A),
        "dec" => (12, A),
        _ => return None,
    })
}

/// The ISO weekday number (Monday = 1) a full weekday name gives.
pub(crate) fn weekday_of(w: &str) -> Option<i8> {
    Some(match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

/// The weekday a plural name ("Mondays") repeats on.
pub(super) fn weekday_plural_of(w: &str) -> Option<i8> {
    w.strip_suffix('s').and_then(weekday_of)
}

/// The value of a cardinal number word up to ninety-nine's parts.
pub(super) fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of an ordinal word ("third" is 3).
pub(super) fn ordinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// The unit a word names and whether it was plural.
pub(super) fn unit_of(w: &str) -> Option<(Unit, Number)> {
    use Number::{Plural as P, Singular as S};
    Some(match w {
        "century" => (Unit::Century, S),
        "centuries" => (Unit::Century, P),
        "decade" => (Unit::Decade, S),
        "decades" => (Unit::Decade, P),
        "year" | "yr" => (Unit::Year, S),
        "years" | "yrs" => (Unit::Year, P),
        "quarter" => (Unit::Quarter, S),
        "quarters" => (Unit::Quarter, P),
        "month" => (Unit::Month, S),
        "months" => (Unit::Month, P),
        "week" => (Unit::Week, S),
        "weeks" => (Unit::Week, P),
        "weekend" => (Unit::Weekend, S),
        "weekends" => (Unit::Weekend, P),
        "fortnight" => (Unit::Fortnight, S),
        "fortnights" => (Unit::Fortnight, P),
        "day" => (Unit::Day, S),
        "days" => (Unit::Day, P),
        "hour" | "hr" => (Unit::Hour, S),
        "hours" | "hrs" => (Unit::Hour, P),
        "minute" => (Unit::Minute, S),
        "minutes" | "mins" => (Unit::Minute, P),
        "second" => (Unit::Second, S),
        "seconds" => (Unit::Second, P),
        _ => return None,
    })
}

/// The season a word names.
pub(super) fn season_of(w: &str) -> Option<Season> {
    Some(match w {
        "spring" | "springtime" => Season::Spring,
        "summer" | "summertime" => Season::Summer,
        "autumn" | "fall" => Season::Fall,
        "winter" | "wintertime" => Season::Winter,
        _ => return None,
    })
}

/// The part of day a word names.
pub(super) fn pod_of(w: &str) -> Option<Pod> {
    Some(match w {
        "morning" => Pod::Morning,
        "afternoon" => Pod::Afternoon,
        "evening" => Pod::Evening,
        "night" | "overnight" => Pod::Night,
        _ => return None,
    })
}

/// The word can begin a temporal expression.
pub(super) const STARTS: u8 = 1;
/// The word carries time itself (a month, unit, number word, ...), so an expression must
/// contain one.
pub(super) const CORE: u8 = 2;

/// Words that can begin a temporal expression but carry no time themselves.
const FUNCTION_STARTERS: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "last",
    "next",
    "past",
    "previous",
    "prior",
    "coming",
    "following",
    "same",
    "latest",
    "earlier",
    "later",
    "early",
    "late",
    "mid",
    "fiscal",
    "calendar",
    "fy",
    "every",
    "each",
    "once",
    "twice",
    "thrice",
    "a",
    "an",
    "several",
    "few",
    "many",
    "some",
    "couple",
    "dozen",
    "dozens",
    "hundreds",
    "half",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "more",
    "less",
    "fewer",
    "at",
    "over",
    "under",
    "up",
    "no",
    "new",
    "independence",
    "election",
    "labor",
    "labour",
    "memorial",
    "black",
    "cyber",
    "good",
    "holy",
    "maundy",
    "ash",
    "palm",
    "valentine",
    "mother",
    "father",
    "presidents",
    "veterans",
    "boxing",
    "st",
    "saint",
    "end",
    "beginning",
    "start",
    "middle",
    "close",
    "post",
    "pre",
    "as",
    "right",
    "another",
    "final",
    "upcoming",
    "just",
    "within",
    "full",
    "most",
    "recent",
    "current",
    "numerous",
];

/// Words that carry time and can begin an expression.
const CORE_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "current",
    "presently",
    "nowadays",
    "recently",
    "recent",
    "lately",
    "previously",
    "formerly",
    "soon",
    "future",
    // Only in fixed references: "the near term", "a later date".
    "term",
    "date",
    "past",
    "present",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "hourly",
    "nightly",
    "christmas",
    "thanksgiving",
    "halloween",
    "easter",
    "q",
    "h",
    "half",
    "midday",
    "midmorning",
    "midafternoon",
    "noon",
    "midnight",
    "overnight",
    "eve",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "thousand",
    "hundred",
    "first",
    "final",
    "times",
    "ago",
    "period",
    "fiscal",
    "days",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "century",
    "centuries",
    "decade",
    "decades",
    "year",
    "years",
    "yr",
    "yrs",
    "quarter",
    "quarters",
    "month",
    "months",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "fortnight",
    "fortnights",
    "day",
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "mins",
    "second",
    "seconds",
    "spring",
    "springtime",
    "summer",
    "summertime",
    "autumn",
    "fall",
    "winter",
    "wintertime",
    "morning",
    "afternoon",
    "evening",
    "night",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
];

/// Shortened weekdays, which start an expression only before a date: "Fri 20 Jul 2018".
pub(super) const SHORT_WEEKDAYS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// What the scanner needs to know about each word, looked up once per token.
static FLAGS: LazyLock<WordMap<u8>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for w in FUNCTION_STARTERS.iter().chain(SHORT_WEEKDAYS) {
        *map.entry(w).or_default() |= STARTS;
    }
    for w in CORE_WORDS {
        *map.entry(w).or_default() |= STARTS | CORE;
    }
    map
});

/// The [`STARTS`] and [`CORE`] flags of a lower-case word.
pub(super) fn word_flags(w: &str) -> u8 {
    // No listed word is longer than thirteen bytes; most words of a text are skipped here.
    if w.len() > 13 {
        return 0;
    }
    FLAGS.get(w).copied().unwrap_or(0)
}

/// A map from short words, hashed with FNV-1a: much faster than the default hasher for the
/// few-byte keys looked up once per token, and the keys are fixed, so flooding is no concern.
pub(super) type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;

/// The FNV-1a hash.
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

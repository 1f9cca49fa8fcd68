//! Finds people, organisations and places in every source and merges their aliases across
//! sources ("Sarah Sanders" = "Sarah Huckabee Sanders" = "Sanders" = "@..."), from capitalisation,
//! titles, cue words, a compact gazetteer and cross-document evidence. It uses no downloaded model
//! and must not change or re-split the text.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::fasthash::FastSet;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::SourceAnalysis;
use super::article::{ArticleId, Span};
use super::temporal::{month_of, weekday_of};

/// Identifies one entity within an analysis; ids follow the entities' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub u32);

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party, outlet or other body.
    Organisation,
    /// A country, region, city or other place.
    Place,
    /// A name with no evidence of its kind.
    Other,
}

/// The grammatical gender a text gives a person, through honorifics or gendered role nouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// "Mr", "spokesman", "king"...
    Male,
    /// "Mrs", "Ms", "spokeswoman", "queen"...
    Female,
}

/// One place where an entity is named.
///
/// Invariant: `span` is a valid char-boundary range of that document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityMention {
    /// The source.
    pub document: ArticleId,
    /// The name as written (without title), a handle, or a role phrase that names it.
    pub span: Span,
}

/// A person, organisation or place, with every form the sources use for it.
///
/// Invariant: `mentions` is sorted by (document, span) and has no duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its id, equal to its index in the entity list.
    pub id: EntityId,
    /// The fullest name form, e.g. "Sarah Huckabee Sanders".
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Distinct surface forms, sorted: "Mr Trump", "Donald Trump", "Trump", "@handle"...
    pub aliases: Vec<String>,
    /// Distinct titles and roles written before the name, sorted: "White House spokeswoman".
    pub roles: Vec<String>,
    /// Every mention, in document order.
    pub mentions: Vec<EntityMention>,
}

/// Words that may stand inside a name between capitalised words.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "di", "du", "es", "la", "le", "of", "van", "von",
];

/// Honorifics: part of a name form, never a role.
const HONORIFICS: &[&str] = &["dr", "miss", "mr", "mrs", "ms", "prof", "sir"];

/// Titles and role nouns that come before a person's name ("President", "spokeswoman").
const TITLES: &[&str] = &[
    "adm",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "attorney",
    "capt",
    "captain",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "commissioner",
    "congressman",
    "congresswoman",
    "counsel",
    "dame",
    "deputy",
    "director",
    "envoy",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
    "leader",
    "lord",
    "lt",
    "maj",
    "mayor",
    "minister",
    "official",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "queen",
    "rep",
    "representative",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Lower-case words that may qualify a role noun ("national security adviser").
const ROLE_MODIFIERS: &[&str] = &[
    "acting",
    "assistant",
    "campaign",
    "chief",
    "communications",
    "defence",
    "defense",
    "deputy",
    "economic",
    "education",
    "energy",
    "executive",
    "finance",
    "foreign",
    "former",
    "health",
    "home",
    "homeland",
    "intelligence",
    "interior",
    "justice",
    "labour",
    "legal",
    "majority",
    "military",
    "minority",
    "national",
    "opposition",
    "party",
    "policy",
    "press",
    "prime",
    "security",
    "senior",
    "special",
    "state",
    "top",
    "trade",
    "vice",
];

/// Role nouns that tell a person's gender.
const FEMALE_WORDS: &[&str] = &[
    "chairwoman",
    "congresswoman",
    "dame",
    "lady",
    "miss",
    "mrs",
    "ms",
    "princess",
    "queen",
    "spokeswoman",
];
const MALE_WORDS: &[&str] = &[
    "chairman",
    "congressman",
    "king",
    "lord",
    "mr",
    "prince",
    "sir",
    "spokesman",
];

/// Capitalised words that mark an organisation wherever they stand in a name.
const ORG_WORDS: &[&str] = &[
    "agency",
    "army",
    "assembly",
    "association",
    "bank",
    "bureau",
    "co",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "forum",
    "foundation",
    "group",
    "house",
    "inc",
    "institute",
    "kremlin",
    "ltd",
    "media",
    "ministry",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "pentagon",
    "plc",
    "police",
    "post",
    "senate",
    "times",
    "union",
    "university",
];

/// Directions that make a region of a place: "Eastern Europe", "North Africa".
const COMPASS: &[&str] = &[
    "central", "east", "eastern", "north", "northern", "south", "southern", "west", "western",
];

/// Last words of names of places and buildings: "Truman Library", "Kansas City", "Pilsudski
/// Square".
const PLACE_HEADS: &[&str] = &[
    "airport",
    "avenue",
    "base",
    "bay",
    "bridge",
    "building",
    "camp",
    "canal",
    "cathedral",
    "center",
    "centre",
    "church",
    "city",
    "coast",
    "county",
    "desert",
    "district",
    "gulf",
    "hall",
    "harbor",
    "harbour",
    "hospital",
    "island",
    "islands",
    "lake",
    "library",
    "mosque",
    "mountains",
    "museum",
    "ocean",
    "palace",
    "park",
    "peninsula",
    "plaza",
    "prison",
    "province",
    "region",
    "river",
    "road",
    "sea",
    "square",
    "stadium",
    "station",
    "strait",
    "street",
    "temple",
    "tower",
    "valley",
];

/// Last words of names of things that are no person: events, agreements, works.
const THING_HEADS: &[&str] = &[
    "accord",
    "accords",
    "act",
    "agreement",
    "award",
    "championship",
    "convention",
    "crisis",
    "cup",
    "curtain",
    "day",
    "games",
    "ii",
    "olympics",
    "pact",
    "prize",
    "revolution",
    "treaty",
    "uprising",
    "war",
];

/// Capitalised words that never name an entity alone: days, months and their abbreviations
/// (but not "Jan", a first name), "AM", "PM" and time zones, adjectives of nationality and party,
/// common interjections, and "I" with a verb ("I'm", "I've").
const NOT_NAMES: &[&str] = &[
    "african",
    "am",
    "american",
    "apr",
    "april",
    "arab",
    "asian",
    "aug",
    "august",
    "australian",
    "british",
    "bst",
    "canadian",
    "cdt",
    "cest",
    "cet",
    "chinese",
    "cst",
    "dec",
    "december",
    "democrat",
    "democratic",
    "democrats",
    "dutch",
    "edt",
    "est",
    "european",
    "feb",
    "february",
    "french",
    "friday",
    "german",
    "gmt",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "indian",
    "iranian",
    "iraqi",
    "israeli",
    "italian",
    "i’d",
    "i’ll",
    "i’m",
    "i’ve",
    "january",
    "japanese",
    "jul",
    "july",
    "jun",
    "june",
    "korean",
    "march",
    "may",
    "mdt",
    "mexican",
    "monday",
    "mst",
    "nov",
    "november",
    "oct",
    "october",
    "ok",
    "okay",
    "palestinian",
    "pdt",
    "pm",
    "polish",
    "pst",
    "republican",
    "republicans",
    "russian",
    "saturday",
    "saudi",
    "sep",
    "sept",
    "september",
    "soviet",
    "spanish",
    "sunday",
    "syrian",
    "thursday",
    "tuesday",
    "turkish",
    "ukrainian",
    "utc",
    "wednesday",
];

/// Function words and common openers: a capitalised one at the start of a sentence is not a name.
const STARTERS: &[&str] = &[
    "a",
    "according",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "already",
    "also",
    "although",
    "always",
    "amid",
    "among",
    "an",
    "and",
    "any",
    "around",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "behind",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "citing",
    "currently",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "eventually",
    "every",
    "finally",
    "following",
    "for",
    "former",
    "formerly",
    "from",
    "he",
    "hence",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "initially",
    "inside",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "just",
    "later",
    "likewise",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "neither",
    "never",
    "nevertheless",
    "no",
    "nonetheless",
    "not",
    "notably",
    "now",
    "of",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "originally",
    "other",
    "otherwise",
    "our",
    "outside",
    "over",
    "overall",
    "perhaps",
    "picture",
    "previously",
    "published",
    "recently",
    "separately",
    "several",
    "she",
    "similarly",
    "since",
    "so",
    "some",
    "sometimes",
    "soon",
    "speaking",
    "specifically",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "toward",
    "towards",
    "ultimately",
    "under",
    "unless",
    "unlike",
    "until",
    "updated",
    "upon",
    "usually",
    "via",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
];

/// A compact gazetteer: the countries of the world, their capitals, large cities, US states and regions, lower-cased
/// with dots removed, sorted for binary search.
const PLACES: &[&str] = &[
    "abu dhabi",
    "abuja",
    "accra",
    "addis ababa",
    "afghanistan",
    "africa",
    "alabama",
    "alaska",
    "albania",
    "aleppo",
    "alexandria",
    "algeria",
    "algiers",
    "almaty",
    "america",
    "amman",
    "amsterdam",
    "andorra",
    "angola",
    "ankara",
    "antananarivo",
    "antarctica",
    "antigua",
    "arctic",
    "argentina",
    "arizona",
    "arkansas",
    "armenia",
    "ashgabat",
    "asia",
    "asmara",
    "astana",
    "asuncion",
    "athens",
    "auckland",
    "australia",
    "austria",
    "azerbaijan",
    "baghdad",
    "bahamas",
    "bahrain",
    "baku",
    "balkans",
    "baltic",
    "bamako",
    "bangkok",
    "bangladesh",
    "barbados",
    "barcelona",
    "basra",
    "beijing",
    "beirut",
    "belarus",
    "belgium",
    "belgrade",
    "belize",
    "belmopan",
    "benghazi",
    "benin",
    "berlin",
    "bern",
    "bhutan",
    "bishkek",
    "bogota",
    "bolivia",
    "bosnia",
    "boston",
    "botswana",
    "brasilia",
    "bratislava",
    "brazil",
    "brazzaville",
    "britain",
    "brunei",
    "brussels",
    "bucharest",
    "budapest",
    "buenos aires",
    "bulgaria",
    "burkina faso",
    "burma",
    "burundi",
    "cairo",
    "california",
    "cambodia",
    "cameroon",
    "canada",
    "canberra",
    "cape town",
    "cape verde",
    "caracas",
    "caribbean",
    "casablanca",
    "chad",
    "chechnya",
    "chicago",
    "chile",
    "china",
    "chisinau",
    "colombia",
    "colombo",
    "colorado",
    "comoros",
    "conakry",
    "congo",
    "connecticut",
    "copenhagen",
    "costa rica",
    "crimea",
    "croatia",
    "cuba",
    "cyprus",
    "czech republic",
    "czechia",
    "czechoslovakia",
    "dakar",
    "damascus",
    "dar es salaam",
    "darfur",
    "delaware",
    "delhi",
    "denmark",
    "dhaka",
    "djibouti",
    "dodoma",
    "doha",
    "dominica",
    "dominican republic",
    "donbas",
    "dubai",
    "dublin",
    "dushanbe",
    "east timor",
    "ecuador",
    "edinburgh",
    "egypt",
    "el salvador",
    "england",
    "equatorial guinea",
    "eritrea",
    "estonia",
    "eswatini",
    "ethiopia",
    "europe",
    "fiji",
    "finland",
    "florida",
    "france",
    "frankfurt",
    "freetown",
    "gabon",
    "gaborone",
    "gambia",
    "gaza",
    "geneva",
    "georgia",
    "germany",
    "ghana",
    "greece",
    "grenada",
    "guatemala",
    "guatemala city",
    "guinea",
    "guinea-bissau",
    "guyana",
    "haiti",
    "hamburg",
    "hanoi",
    "harare",
    "havana",
    "hawaii",
    "helsinki",
    "ho chi minh city",
    "honduras",
    "hong kong",
    "houston",
    "hungary",
    "iceland",
    "idaho",
    "illinois",
    "india",
    "indiana",
    "indonesia",
    "iowa",
    "iran",
    "iraq",
    "ireland",
    "islamabad",
    "israel",
    "istanbul",
    "italy",
    "ivory coast",
    "jakarta",
    "jamaica",
    "japan",
    "jeddah",
    "jerusalem",
    "johannesburg",
    "jordan",
    "juba",
    "kabul",
    "kampala",
    "kandahar",
    "kansas",
    "karachi",
    "kashmir",
    "kathmandu",
    "kazakhstan",
    "kentucky",
    "kenya",
    "khartoum",
    "kiev",
    "kigali",
    "kingston",
    "kinshasa",
    "kiribati",
    "kolkata",
    "kosovo",
    "krakow",
    "kuala lumpur",
    "kuwait",
    "kuwait city",
    "kyiv",
    "kyrgyzstan",
    "la paz",
    "lagos",
    "lahore",
    "laos",
    "latin america",
    "latvia",
    "lebanon",
    "lesotho",
    "liberia",
    "libreville",
    "libya",
    "liechtenstein",
    "lilongwe",
    "lima",
    "lisbon",
    "lithuania",
    "ljubljana",
    "lome",
    "london",
    "los angeles",
    "louisiana",
    "luanda",
    "lusaka",
    "luxembourg",
    "macedonia",
    "madagascar",
    "madrid",
    "maine",
    "malawi",
    "malaysia",
    "maldives",
    "mali",
    "malta",
    "managua",
    "manama",
    "manila",
    "maputo",
    "marseille",
    "maryland",
    "massachusetts",
    "mauritania",
    "mauritius",
    "melbourne",
    "mexico",
    "mexico city",
    "miami",
    "michigan",
    "micronesia",
    "middle east",
    "milan",
    "minnesota",
    "minsk",
    "mississippi",
    "missouri",
    "mogadishu",
    "moldova",
    "mombasa",
    "monaco",
    "mongolia",
    "monrovia",
    "montana",
    "montenegro",
    "montevideo",
    "montreal",
    "morocco",
    "moscow",
    "mosul",
    "mozambique",
    "mumbai",
    "munich",
    "muscat",
    "myanmar",
    "nairobi",
    "namibia",
    "nassau",
    "nauru",
    "naypyidaw",
    "nebraska",
    "nepal",
    "netherlands",
    "nevada",
    "new delhi",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "new zealand",
    "niamey",
    "nicaragua",
    "nicosia",
    "niger",
    "nigeria",
    "north america",
    "north carolina",
    "north dakota",
    "north korea",
    "north macedonia",
    "northern ireland",
    "norway",
    "ohio",
    "oklahoma",
    "oklahoma city",
    "oman",
    "oregon",
    "osaka",
    "oslo",
    "ottawa",
    "ouagadougou",
    "pakistan",
    "palau",
    "palestine",
    "panama",
    "panama city",
    "papua new guinea",
    "paraguay",
    "paris",
    "pennsylvania",
    "peru",
    "philippines",
    "phnom penh",
    "podgorica",
    "poland",
    "port-au-prince",
    "porto-novo",
    "portugal",
    "prague",
    "pretoria",
    "pristina",
    "pyongyang",
    "qatar",
    "quito",
    "rabat",
    "ramallah",
    "reykjavik",
    "rhode island",
    "riga",
    "rio de janeiro",
    "riyadh",
    "romania",
    "rome",
    "rotterdam",
    "russia",
    "rwanda",
    "saint petersburg",
    "samoa",
    "san francisco",
    "san jose",
    "san marino",
    "san salvador",
    "sanaa",
    "santiago",
    "sao paulo",
    "sarajevo",
    "saudi arabia",
    "scandinavia",
    "scotland",
    "senegal",
    "seoul",
    "serbia",
    "seychelles",
    "shanghai",
    "siberia",
    "sierra leone",
    "sinai",
    "singapore",
    "skopje",
    "slovakia",
    "slovenia",
    "sofia",
    "somalia",
    "south africa",
    "south america",
    "south carolina",
    "south dakota",
    "south korea",
    "south sudan",
    "soviet union",
    "spain",
    "sri lanka",
    "stockholm",
    "sudan",
    "suriname",
    "sweden",
    "switzerland",
    "sydney",
    "syria",
    "taipei",
    "taiwan",
    "tajikistan",
    "tallinn",
    "tanzania",
    "tashkent",
    "tbilisi",
    "tegucigalpa",
    "tehran",
    "tel aviv",
    "tennessee",
    "texas",
    "thailand",
    "the hague",
    "thimphu",
    "tibet",
    "tirana",
    "togo",
    "tokyo",
    "tonga",
    "toronto",
    "trinidad",
    "tripoli",
    "tunis",
    "tunisia",
    "turkey",
    "turkmenistan",
    "tuvalu",
    "uganda",
    "uk",
    "ukraine",
    "ulaanbaatar",
    "united arab emirates",
    "united kingdom",
    "united states",
    "united states of america",
    "uruguay",
    "us",
    "usa",
    "ussr",
    "utah",
    "uzbekistan",
    "valletta",
    "vancouver",
    "vanuatu",
    "vatican",
    "venezuela",
    "vermont",
    "vienna",
    "vientiane",
    "vietnam",
    "vilnius",
    "virginia",
    "wales",
    "warsaw",
    "washington",
    "washington dc",
    "wellington",
    "west bank",
    "west virginia",
    "windhoek",
    "wisconsin",
    "wyoming",
    "yangon",
    "yaounde",
    "yemen",
    "yerevan",
    "yugoslavia",
    "zagreb",
    "zambia",
    "zanzibar",
    "zimbabwe",
    "zurich",
];

/// Place names the gazetteer knows under several forms, with the form they merge under.
const PLACE_SYNONYMS: &[(&str, &str)] = &[
    ("bombay", "mumbai"),
    ("britain", "united kingdom"),
    ("burma", "myanmar"),
    ("czechia", "czech republic"),
    ("great britain", "united kingdom"),
    ("holland", "netherlands"),
    ("kiev", "kyiv"),
    ("peking", "beijing"),
    ("russian federation", "russia"),
    ("uk", "united kingdom"),
    ("united states of america", "united states"),
    ("us", "united states"),
    ("usa", "united states"),
    ("washington dc", "washington"),
];

fn canonical_place(key: &str) -> Option<&'static str> {
    PLACE_SYNONYMS
        .binary_search_by(|(k, _)| k.cmp(&key))
        .ok()
        .map(|i| PLACE_SYNONYMS[i].1)
}

/// A word list as a hash set, built on first use: most words looked up are in no list, and a
/// hash answers that faster than a binary search over strings.
struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<FastSet<&'static str>>,
}

impl WordSet {
    const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    fn has(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(word)
    }
}

static PARTICLES_SET: WordSet = WordSet::new(PARTICLES);
static HONORIFICS_SET: WordSet = WordSet::new(HONORIFICS);
static TITLES_SET: WordSet = WordSet::new(TITLES);
static ROLE_MODIFIERS_SET: WordSet = WordSet::new(ROLE_MODIFIERS);
static FEMALE_WORDS_SET: WordSet = WordSet::new(FEMALE_WORDS);
static MALE_WORDS_SET: WordSet = WordSet::new(MALE_WORDS);
static ORG_WORDS_SET: WordSet = WordSet::new(ORG_WORDS);
static NOT_NAMES_SET: WordSet = WordSet::new(NOT_NAMES);
static STARTERS_SET: WordSet = WordSet::new(STARTERS);
static PLACES_SET: WordSet = WordSet::new(PLACES);

/// True for a name particle; every one is at most three letters, which spares most lookups.
fn is_particle(key: &str) -> bool {
    key.len() <= 3 && PARTICLES_SET.has(key)
}

/// A token's comparison key: lower case, without dots.
fn key_of(word: &str) -> String {
    key_cow(word).into_owned()
}

/// [`key_of`], borrowing the word when it already is its own key (most lower-case words).
fn key_cow(word: &str) -> Cow<'_, str> {
    let mut plain = true;
    for &b in word.as_bytes() {
        plain &= b.is_ascii() && b != b'.' && !b.is_ascii_uppercase();
    }
    if plain {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        let mut key = String::with_capacity(word.len());
        key.extend(
            word.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return Cow::Owned(key);
    }
    Cow::Owned(
        word.chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// One word of a sentence with its place in the document text.
#[derive(Debug, Clone)]
struct Token<'a> {
    span: Span,
    text: &'a str,
    key: Cow<'a, str>,
    /// The text between the previous token of the sentence and this one.
    gap: &'a str,
    /// First word of the sentence or of a quotation, or only function words before it there.
    initial: bool,
}

impl Token<'_> {
    fn capitalised(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }
    fn acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        (2..=6).contains(&letters) && self.text.chars().all(|c| c.is_uppercase() || c == '.')
    }
}

/// Splits one sentence into words: letters and digits with inner dots, apostrophes and hyphens,
/// or a leading "@" for handles. Possessive endings are cut off; "Trump-Putin" gives two words.
fn tokenize<'a>(
    text: &'a str,
    sentence: Span,
    surnames: &FastSet<&'a str>,
    found_surnames: &mut Vec<&'a str>,
) -> Vec<Token<'a>> {
    let body = sentence.slice(text);
    let mut out: Vec<Token<'a>> = Vec::new();
    // The char starting at byte `at`, if any; walking by bytes spares a per-sentence char table.
    let bytes = body.as_bytes();
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => body.get(at..).and_then(|r| r.chars().next()),
        None => None,
    };
    let alnum_at = |at: usize| char_at(at).is_some_and(char::is_alphanumeric);
    let mut i = 0;
    let mut prev_end = 0;
    while let Some(c) = char_at(i) {
        if !(c.is_alphanumeric() || (c == '@' && alnum_at(i + 1))) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut j = i + c.len_utf8();
        while let Some(d) = char_at(j) {
            if d.is_alphanumeric() || d == '_' {
                j += d.len_utf8();
            } else if matches!(d, '.' | '\'' | '’' | '-' | '&') && alnum_at(j + d.len_utf8()) {
                let after = j + d.len_utf8();
                j = after + char_at(after).map_or(0, char::len_utf8);
            } else {
                break;
            }
        }
        let mut end = j;
        let mut word = &body[start..end];
        // A dotted acronym keeps its final dot ("U.S.").
        if word.contains('.') && body[end..].starts_with('.') {
            end += 1;
            word = &body[start..end];
        }
        for suffix in ["'s", "’s"] {
            if word.len() > suffix.len() && word.ends_with(suffix) {
                end -= suffix.len();
                word = &body[start..end];
            }
        }
        let gap_start = prev_end;
        // "Trump-Putin" and "US-China" join two names; "Wi-Fi", "Sci-Fi" and "E-Health" are one
        // word whose short parts name nothing, and "Patrick Soon-Shiong" has a hyphenated surname
        // after a given name, which stays whole wherever the document repeats it (`surnames`).
        let split = word.contains('-')
            && word.split('-').all(|p| {
                p.chars().next().is_some_and(char::is_uppercase)
                    && (p.chars().count() >= 3
                        || p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase()))
            })
            && !surnames.contains(word)
            && {
                let after_name = out.last().is_some_and(|p| {
                    p.capitalised()
                        && !ORG_WORDS_SET.has(&p.key)
                        && p.span.end == sentence.start + gap_start
                        && body[gap_start..start] == *" "
                });
                if after_name {
                    found_surnames.push(&body[start..end]);
                }
                !after_name
            };
        if split {
            let mut offset = start;
            for (n, p) in word.split('-').enumerate() {
                let gap = if n == 0 { &body[gap_start..start] } else { "-" };
                push_token(&mut out, text, sentence.start, offset, p, gap);
                offset += p.len() + 1;
            }
        } else {
            push_token(
                &mut out,
                text,
                sentence.start,
                start,
                word,
                &body[gap_start..start],
            );
        }
        prev_end = end;
        i = j;
    }
    out
}

fn push_token<'a>(
    out: &mut Vec<Token<'a>>,
    text: &'a str,
    base: usize,
    start: usize,
    word: &str,
    gap: &'a str,
) {
    let span = Span::new(base + start, base + start + word.len());
    // A quote mark right before the word opens a quotation; one after a space closes another.
    let opens_quote = gap.ends_with(['"', '“', '‘', '\'']);
    let after_starter = out.last().is_some_and(|p| {
        p.initial && p.capitalised() && STARTERS_SET.has(&p.key) && gap.trim().is_empty()
    });
    let initial = out.is_empty() || opens_quote || after_starter;
    let word = span.slice(text);
    out.push(Token {
        span,
        text: word,
        key: key_cow(word),
        gap,
        initial,
    });
}

/// Corpus-wide word evidence: which capitalised words appear away from sentence starts.
#[derive(Debug, Default)]
struct WordStats<'a> {
    capitalised_inside: FastSet<&'a str>,
    lower_case: FastSet<&'a str>,
}

/// Evidence about one name mention, before merging.
#[derive(Debug, Clone, Default)]
struct Evidence {
    title: bool,
    honorific: Option<String>,
    handle: bool,
    organisation: bool,
    place: bool,
    place_hint: bool,
    /// The name ends in a word for a thing rather than a person: a war, a treaty, a film, an
    /// adjective of nationality ("Cold War", "Warsaw Pact", "Central European").
    thing: bool,
    /// The name was found only at a sentence start.
    initial: bool,
    gender: Option<Gender>,
}

/// A name mention before merging.
#[derive(Debug, Clone)]
struct RawMention {
    document: ArticleId,
    span: Span,
    surface: String,
    keys: Vec<String>,
    /// The start byte of each word behind `keys`.
    starts: Vec<usize>,
    role: Option<String>,
    /// The run follows "Title of" and waits for the split of "Director of National Intelligence
    /// Dan Coats" into role and name, which needs the names known from the whole corpus.
    pending_of: bool,
    evidence: Evidence,
}

fn gender_of(word_key: &str) -> Option<Gender> {
    if FEMALE_WORDS_SET.has(word_key) {
        Some(Gender::Female)
    } else if MALE_WORDS_SET.has(word_key) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender the sources give an entity through honorifics in its aliases or gendered roles.
pub fn entity_gender(entity: &Entity) -> Option<Gender> {
    let words = entity
        .aliases
        .iter()
        .chain(entity.roles.iter())
        .flat_map(|a| a.split_whitespace())
        .map(key_of);
    let mut found = None;
    for w in words {
        match (gender_of(&w), found) {
            (Some(g), None) => found = Some(g),
            (Some(g), Some(f)) if g != f => return None,
            _ => {}
        }
    }
    found
}

/// What one document says about names by itself, before any other document is seen: name
/// candidates, Title Case lines, role phrases and how it writes each word. It depends on nothing
/// but the document's text and sentences, so an incremental analysis keeps it per document and
/// [`merge_entities`] weighs it against the rest of the corpus.
///
/// Invariant: every span in it is a valid char-boundary range of the text it was found in.
#[derive(Debug, Clone, Default)]
pub struct DocumentNames {
    /// Distinct words written with a capital away from a sentence start.
    capitalised_inside: Vec<Span>,
    /// Distinct words written in lower case.
    lower_case: Vec<Span>,
    /// Name mentions of the prose, in text order.
    candidates: Vec<Candidate>,
    /// The words of each Title Case line, whose capitals say nothing by themselves.
    headlines: Vec<Vec<HeadToken>>,
    /// "the US president" and the like, with the normalised role, in text order.
    role_phrases: Vec<(Span, String)>,
}

/// A name mention whose fate may still depend on the rest of the corpus.
#[derive(Debug, Clone)]
struct Candidate {
    /// The mention; its document is set when the corpus is merged.
    mention: RawMention,
    /// A lone capitalised word opening a sentence: dropped when the corpus shows it is an
    /// ordinary word.
    weak: Option<WeakWord>,
    /// The mention's first word when it opens a sentence: the mention counts as found only at
    /// sentence starts unless the corpus capitalises that word elsewhere.
    initial_word: Option<Span>,
}

/// The facts about a sentence-initial word that [`weak_initial`] needs besides the corpus.
#[derive(Debug, Clone)]
struct WeakWord {
    text: Span,
    key: String,
    /// A function word or common opener.
    starter: bool,
    /// A known place, title or honorific.
    listed: bool,
}

/// One word of a Title Case line.
#[derive(Debug, Clone)]
struct HeadToken {
    span: Span,
    key: String,
    capitalised: bool,
    /// The gap before it keeps it in one run with the word before.
    joins_prev: bool,
}

/// Finds the entities of every source and merges their aliases across sources.
pub fn extract_entities(sources: &[SourceAnalysis]) -> Vec<Entity> {
    let names: Vec<DocumentNames> = sources
        .iter()
        .map(|s| find_document_names(&s.document.text, &s.sentences))
        .collect();
    let names: Vec<&DocumentNames> = names.iter().collect();
    merge_entities(sources, &names)
}

/// Reads one document's names: `sentences` are its sentence spans in `text`.
pub fn find_document_names(text: &str, sentences: &[Span]) -> DocumentNames {
    let mut names = DocumentNames::default();
    let mut capitalised_seen: FastSet<&str> = FastSet::default();
    let mut lower_seen: FastSet<&str> = FastSet::default();
    let mut found_surnames: Vec<&str> = Vec::new();
    let none = FastSet::default();
    let mut tokenized: Vec<Vec<Token>> = sentences
        .iter()
        .map(|s| tokenize(text, *s, &none, &mut found_surnames))
        .collect();
    // A hyphenated surname written after a given name once stays whole when it stands alone.
    if !found_surnames.is_empty() {
        let surnames: FastSet<&str> = found_surnames.drain(..).collect();
        for (tokens, sentence) in tokenized.iter_mut().zip(sentences) {
            let body = sentence.slice(text);
            if surnames.iter().any(|n| body.contains(n)) {
                *tokens = tokenize(text, *sentence, &surnames, &mut found_surnames);
            }
        }
    }
    for tokens in &tokenized {
        for t in tokens {
            if !t.initial && t.capitalised() {
                if capitalised_seen.insert(t.text) {
                    names.capitalised_inside.push(t.span);
                }
            } else if t.text.starts_with(char::is_lowercase) && lower_seen.insert(t.text) {
                names.lower_case.push(t.span);
            }
        }
        if title_case(tokens) {
            names.headlines.push(
                tokens
                    .iter()
                    .enumerate()
                    .map(|(k, t)| HeadToken {
                        span: t.span,
                        key: t.key.to_string(),
                        capitalised: t.capitalised(),
                        joins_prev: k > 0 && joins(&tokens[k - 1], t.gap),
                    })
                    .collect(),
            );
        } else {
            find_names(text, tokens, &mut names.candidates);
        }
    }
    names.role_phrases = find_role_phrases(text, sentences);
    names
}

/// Weighs every document's names against the whole corpus and merges their aliases across
/// sources: `names[i]` must come from `sources[i]`'s text and sentences.
pub fn merge_entities(sources: &[SourceAnalysis], names: &[&DocumentNames]) -> Vec<Entity> {
    let mut stats = WordStats::default();
    for (s, n) in sources.iter().zip(names) {
        let text = s.document.text.as_str();
        stats
            .capitalised_inside
            .extend(n.capitalised_inside.iter().map(|w| w.slice(text)));
        stats
            .lower_case
            .extend(n.lower_case.iter().map(|w| w.slice(text)));
    }
    let mut raw = Vec::new();
    for (s, n) in sources.iter().zip(names) {
        let text = s.document.text.as_str();
        for c in &n.candidates {
            if c.weak
                .as_ref()
                .is_some_and(|w| weak_initial(w, text, &stats))
            {
                continue;
            }
            let mut m = c.mention.clone();
            m.document = s.id;
            if let Some(first) = c.initial_word {
                m.evidence.initial = !stats.capitalised_inside.contains(first.slice(text));
            }
            raw.push(m);
        }
    }
    resolve_of_titles(sources, &mut raw);
    // In a Title Case Headline capitals say nothing: take only names the prose also uses.
    let known: HashSet<String> = raw.iter().map(|m| m.keys.join(" ")).collect();
    for (s, n) in sources.iter().zip(names) {
        for tokens in &n.headlines {
            find_known_names(s.id, &s.document.text, tokens, &known, &mut raw);
        }
    }
    let mut entities = merge_mentions(raw);
    resolve_role_phrases(sources, names, &mut entities);
    finish(sources, entities)
}

/// True for a line in Title Case: four or more words, nearly all capitalised.
fn title_case(tokens: &[Token]) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for t in tokens {
        if t.text.starts_with(char::is_alphabetic) && !is_particle(&t.key) {
            // Each part of a hyphenated word counts: "Self-Indicting" is two capitalised words.
            for part in t.text.split('-').filter(|p| !p.is_empty()) {
                words += 1;
                capitalised += usize::from(part.starts_with(char::is_uppercase));
            }
        }
    }
    words >= 4 && capitalised * 10 >= words * 9
}

/// Finds, in a Title Case line, the longest runs of up to four words that the corpus already
/// knows as names.
fn find_known_names(
    doc: ArticleId,
    text: &str,
    tokens: &[HeadToken],
    known: &HashSet<String>,
    out: &mut Vec<RawMention>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let longest = (1..=4.min(tokens.len() - i)).rev().find(|&n| {
            let run = &tokens[i..i + n];
            run.iter().all(|t| t.capitalised)
                && run[1..].iter().all(|t| t.joins_prev)
                && known.contains(
                    &run.iter()
                        .map(|t| t.key.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
        });
        let Some(n) = longest else {
            i += 1;
            continue;
        };
        let run = &tokens[i..i + n];
        let first = run[0].span;
        let last = run[n - 1].span;
        let keys: Vec<String> = run.iter().map(|t| t.key.clone()).collect();
        let mut canonical = keys.clone();
        if let Some(c) = canonical_place(&keys.join(" ")) {
            canonical = c.split(' ').map(str::to_string).collect();
        }
        out.push(RawMention {
            document: doc,
            span: Span::new(first.start, last.end),
            surface: span_text(text, first, last),
            starts: vec![first.start; canonical.len()],
            keys: canonical,
            role: None,
            pending_of: false,
            evidence: Evidence::default(),
        });
        i += n;
    }
}

/// True when a lone sentence-initial capitalised word is an ordinary word by the corpus's
/// evidence.
fn weak_initial(w: &WeakWord, text: &str, stats: &WordStats) -> bool {
    w.starter
        || stats.lower_case.contains(w.key.as_str())
        || (!stats.capitalised_inside.contains(w.text.slice(text)) && !w.listed)
}

/// Gaps that keep a capitalised run together.
fn joins(prev: &Token, gap: &str) -> bool {
    if gap.chars().all(char::is_whitespace) {
        return !gap.contains('\n');
    }
    // "Harry S. Truman": a middle initial's full stop keeps the name together, as does that of
    // "St. Louis", "Mt. Everest" and "Ft. Worth".
    if gap == ". "
        && prev.capitalised()
        && (prev.text.len() == 1 || matches!(prev.key.as_ref(), "st" | "mt" | "ft"))
    {
        return true;
    }
    // "(National Security Adviser) John Bolton": a parenthesised title runs into the name.
    TITLES_SET.has(&prev.key) && gap.trim() == ")"
}

fn find_names(text: &str, tokens: &[Token], out: &mut Vec<Candidate>) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.text.starts_with('@') {
            out.push(Candidate {
                mention: RawMention {
                    document: ArticleId(0),
                    span: t.span,
                    surface: t.text.to_string(),
                    keys: vec![key_of(t.text.get(1..).unwrap_or(""))],
                    starts: vec![t.span.start],
                    role: None,
                    pending_of: false,
                    evidence: Evidence {
                        handle: true,
                        ..Evidence::default()
                    },
                },
                weak: None,
                initial_word: None,
            });
            i += 1;
            continue;
        }
        // "On Monday Kairi Smith met": a weekday before a name is when, not part of the name.
        if !t.capitalised() || weekday_of(&t.key).is_some() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() && joins(&tokens[j - 1], tokens[j].gap) {
            let n = &tokens[j];
            // "Iran Saturday condemned", "Clinton Friday vowed": a day or a dated month
            // after a name is when, not part of the name.
            if is_date_word(tokens, j) {
                break;
            }
            // "ambassador to Kenya Prudence Bushnell": a known place after "to" or "of" a title
            // ends before the name of the person who holds it.
            if j == i + 1 && place_before_holder(tokens, i) {
                break;
            }
            if n.capitalised() && !n.text.starts_with('@') {
                j += 1;
            } else if PARTICLES_SET.has(&n.key)
                && tokens
                    .get(j + 1)
                    .is_some_and(|m| m.capitalised() && joins(n, m.gap))
            {
                j += 2;
            } else {
                break;
            }
        }
        take_run(text, tokens, i, j, out);
        i = j;
    }
}

/// Whether token `j` is a weekday, or a month followed by a day number ("Kenya August 7").
fn is_date_word(tokens: &[Token], j: usize) -> bool {
    let key = &*tokens[j].key;
    weekday_of(key).is_some()
        || (month_of(key).is_some()
            && tokens
                .get(j + 1)
                .is_some_and(|t| t.text.bytes().next().is_some_and(|b| b.is_ascii_digit())))
}

/// Whether the run starting at token `i` opens with a known place that a title names the
/// holder of, with a person's name after it: "ambassador to Kenya Prudence Bushnell".
fn place_before_holder(tokens: &[Token], i: usize) -> bool {
    i >= 2
        && matches!(&*tokens[i - 1].key, "to" | "of" | "in")
        && TITLES_SET.has(&tokens[i - 2].key)
        && PLACES_SET.has(&tokens[i].key)
        && tokens.get(i + 1).is_some_and(Token::capitalised)
        && tokens.get(i + 2).is_some_and(Token::capitalised)
}

/// Turns one capitalised run `tokens[from..to]` into at most one name mention.
fn take_run(text: &str, tokens: &[Token], from: usize, to: usize, out: &mut Vec<Candidate>) {
    let mut start = from;
    while start < to && tokens[start].initial && STARTERS_SET.has(&tokens[start].key) {
        start += 1;
    }
    // A lone capitalised word at a sentence start that the corpus never capitalises elsewhere is
    // an ordinary word ("Four days after..."); only the whole corpus can tell.
    let weak = (to - start == 1 && tokens[start].initial).then(|| {
        let t = &tokens[start];
        WeakWord {
            text: t.span,
            key: t.key.to_string(),
            starter: STARTERS_SET.has(&t.key),
            listed: PLACES_SET.has(&t.key) || TITLES_SET.has(&t.key) || HONORIFICS_SET.has(&t.key),
        }
    });
    while start < to && PARTICLES_SET.has(&tokens[start].key) {
        start += 1;
    }
    if start >= to {
        return;
    }
    let run = &tokens[start..to];
    let mut evidence = Evidence {
        initial: run[0].initial,
        ..Evidence::default()
    };
    // The last title or honorific that still leaves a name after it.
    let title_at = run[..run.len() - 1]
        .iter()
        .rposition(|t| TITLES_SET.has(&t.key) || HONORIFICS_SET.has(&t.key));
    let mut role = None;
    let mut name_from = 0;
    let mut pending_of = false;
    if let Some(k) = title_at {
        let title = &run[k];
        evidence.gender = gender_of(&title.key);
        if HONORIFICS_SET.has(&title.key) {
            evidence.honorific = Some(title.text.to_string());
            if k > 0 {
                role = Some(span_text(text, run[0].span, run[k - 1].span));
            }
        } else {
            evidence.title = true;
            role = Some(span_text(text, run[0].span, title.span));
        }
        name_from = k + 1;
        if run[name_from].key == "of" {
            pending_of = true;
        }
    } else if let Some((r, g)) = role_before(text, tokens, start) {
        role = Some(r);
        evidence.title = true;
        evidence.gender = g;
    }
    let name = &run[name_from..];
    // A run of titles alone ("The US President") is a role phrase, resolved later.
    if name.is_empty() || TITLES_SET.has(&name[name.len() - 1].key) {
        return;
    }
    let keys: Vec<String> = name.iter().map(|t| t.key.to_string()).collect();
    if title_at.is_none() && keys.len() == 1 && NOT_NAMES_SET.has(&keys[0]) {
        return;
    }
    // A lone letter ("E", a stray initial) names nobody.
    if keys.len() == 1 && keys[0].chars().count() == 1 {
        return;
    }
    if title_at.is_none()
        && keys
            .iter()
            .all(|k| STARTERS_SET.has(k) || NOT_NAMES_SET.has(k))
    {
        return;
    }
    let mut keys = keys;
    let joined = keys.join(" ");
    let last = keys.last().map_or("", String::as_str);
    // "Eastern Europe", "West Germany", "Central Asia": a direction before a known place.
    let compass_place = keys.len() >= 2
        && COMPASS.contains(&keys[0].as_str())
        && PLACES_SET.has(&keys[1..].join(" "));
    evidence.place = PLACES_SET.has(&joined)
        || canonical_place(&joined).is_some()
        || compass_place
        || (keys.len() >= 2 && PLACE_HEADS.contains(&last))
        // "St. Louis", "Mt. Hood", "Ft. Worth".
        || (keys.len() >= 2 && matches!(keys[0].as_str(), "st" | "mt" | "ft"));
    evidence.thing = keys.len() >= 2
        && (THING_HEADS.contains(&last) || NOT_NAMES_SET.has(last))
        && !evidence.place;
    if let Some(canonical) = canonical_place(&joined) {
        // "US", "U.S." and "United States" are one place.
        keys = canonical.split(' ').map(str::to_string).collect();
    }
    evidence.organisation = !evidence.place
        && (keys.iter().any(|k| ORG_WORDS_SET.has(k))
            || (name.len() == 1 && name[0].acronym() && !STARTERS_SET.has(&keys[0]))
            || followed_by_agency(tokens, start + name_from + name.len()));
    evidence.place_hint = start > 0
        && matches!(&*tokens[start - 1].key, "in" | "at" | "from" | "near")
        && tokens[start].gap.trim().is_empty();
    let first = name[0].span;
    let last = name[name.len() - 1].span;
    let mut surface = span_text(text, first, last);
    if let Some(h) = &evidence.honorific {
        surface = format!("{} {}", h.trim_end_matches('.'), surface);
    }
    let starts = if keys.len() == name.len() {
        name.iter().map(|t| t.span.start).collect()
    } else {
        vec![first.start; keys.len()]
    };
    out.push(Candidate {
        mention: RawMention {
            document: ArticleId(0),
            span: Span::new(first.start, last.end),
            surface,
            keys,
            starts,
            role,
            pending_of,
            evidence,
        },
        weak,
        initial_word: run[0].initial.then_some(run[0].span),
    });
}

fn span_text(text: &str, first: Span, last: Span) -> String {
    Span::new(first.start, last.end).slice(text).to_string()
}

/// "news agency" or "agency" after a name marks an organisation ("Interfax news agency").
fn followed_by_agency(tokens: &[Token], next: usize) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| &*t.key);
    matches!(
        (word(next), word(next + 1)),
        (Some("agency"), _) | (Some("news"), Some("agency")) | (Some("newspaper"), _)
    )
}

/// A lower-case role right before a name: "national security adviser John Bolton",
/// "White House spokeswoman Sarah Sanders". Walks back over modifiers to a determiner or stop.
fn role_before(text: &str, tokens: &[Token], start: usize) -> Option<(String, Option<Gender>)> {
    if start == 0 || !tokens[start].gap.chars().all(char::is_whitespace) {
        return None;
    }
    let head = &tokens[start - 1];
    if !TITLES_SET.has(&head.key) || head.capitalised() {
        return None;
    }
    let mut first = start - 1;
    while first > 0 && start - first < 5 {
        let prev = &tokens[first - 1];
        let connected = tokens[first].gap.chars().all(char::is_whitespace);
        let modifier = prev.capitalised() || ROLE_MODIFIERS_SET.has(&prev.key);
        if !connected || !modifier || STARTERS_SET.has(&prev.key) || prev.text.starts_with('@') {
            break;
        }
        first -= 1;
    }
    Some((
        span_text(text, tokens[first].span, head.span),
        gender_of(&head.key),
    ))
}

/// Splits "Director of National Intelligence Dan Coats" at the longest known person name, or
/// keeps it as a role when what follows "of" is a place ("President of the United States").
fn resolve_of_titles(sources: &[SourceAnalysis], raw: &mut Vec<RawMention>) {
    let known: HashSet<String> = raw
        .iter()
        .filter(|m| m.keys.len() >= 2 && !m.pending_of)
        .map(|m| m.keys.join(" "))
        .collect();
    let mut keep = Vec::with_capacity(raw.len());
    for mut m in raw.drain(..) {
        if !m.pending_of {
            keep.push(m);
            continue;
        }
        m.pending_of = false;
        let role = m.role.clone().unwrap_or_default();
        // keys[0] is "of"; the name is some suffix of what follows.
        let n = m.keys.len().min(m.starts.len());
        let cut = (2..n)
            .find(|&k| known.contains(&m.keys[k..].join(" ")))
            .or_else(|| {
                let rest: Vec<&str> = m.keys[1..]
                    .iter()
                    .map(String::as_str)
                    .filter(|k| *k != "the")
                    .collect();
                (n >= 4 && !PLACES_SET.has(&rest.join(" "))).then_some(n - 2)
            });
        let Some(cut) = cut else { continue };
        let text = sources
            .get(m.document.index())
            .map_or("", |s| s.document.text.as_str());
        let name = Span::new(m.starts[cut], m.span.end);
        let of_part = Span::new(m.span.start, m.starts[cut])
            .slice(text)
            .trim_end();
        m.role = Some(format!("{role} {of_part}"));
        m.span = name;
        m.surface = name.slice(text).to_string();
        m.keys = m.keys[cut..].to_vec();
        m.starts = m.starts[cut..].to_vec();
        keep.push(m);
    }
    *raw = keep;
}

/// A cluster of mentions that name one entity.
#[derive(Debug, Default)]
struct Cluster {
    mentions: Vec<RawMention>,
}

impl Cluster {
    fn has(&self, f: impl Fn(&Evidence) -> bool) -> bool {
        self.mentions.iter().any(|m| f(&m.evidence))
    }
    fn kind(&self) -> EntityKind {
        if self.has(|e| e.title || e.honorific.is_some()) {
            EntityKind::Person
        } else if self.has(|e| e.organisation) {
            EntityKind::Organisation
        } else if self.has(|e| e.place) || self.has(|e| e.place_hint) {
            EntityKind::Place
        } else if self.has(|e| e.thing) {
            EntityKind::Other
        } else if self.mentions.iter().any(|m| m.keys.len() >= 2) {
            EntityKind::Person
        } else {
            EntityKind::Other
        }
    }
    fn person_like(&self) -> bool {
        !self.has(|e| e.organisation || e.place)
    }
}

/// Merges raw mentions into clusters: exact names first, then fuller forms ("Sarah Huckabee
/// Sanders"), then lone surnames and handles where exactly one person fits.
fn merge_mentions(raw: Vec<RawMention>) -> Vec<Cluster> {
    let mut by_key: BTreeMap<(bool, String), Cluster> = BTreeMap::new();
    let (handles, names): (Vec<_>, Vec<_>) = raw.into_iter().partition(|m| m.evidence.handle);
    for m in names {
        by_key
            .entry((m.keys.len() == 1, m.keys.join(" ")))
            .or_default()
            .mentions
            .push(m);
    }
    let mut clusters: Vec<(String, Cluster)> = Vec::new();
    let mut singles: Vec<(String, Cluster)> = Vec::new();
    for ((single, key), c) in by_key {
        if single {
            singles.push((key, c));
        } else {
            clusters.push((key, c));
        }
    }
    // A shorter full name joins a longer one with the same first and last word when only one
    // longer name of the same sort fits ("Sarah Sanders" into "Sarah Huckabee Sanders", "Truman
    // Library" into "Truman Presidential Library"). Longer names come first,
    // and an index by (first, last) word keeps this linear in the number of names.
    clusters.sort_by(|a, b| {
        let la = a.0.split(' ').count();
        let lb = b.0.split(' ').count();
        lb.cmp(&la).then(a.0.cmp(&b.0))
    });
    let ends = |key: &str| {
        let first = key.split(' ').next().unwrap_or("").to_string();
        let last = key.rsplit(' ').next().unwrap_or("").to_string();
        (first, last)
    };
    let mut merged: Vec<(String, Cluster)> = Vec::new();
    let mut by_ends: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (key, c) in clusters {
        let words: Vec<&str> = key.split(' ').collect();
        let candidates = by_ends.get(&ends(&key)).map_or(&[][..], Vec::as_slice);
        let fits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let ow: Vec<&str> = merged[i].0.split(' ').collect();
                ow.len() > words.len()
                    && is_subsequence(&words, &ow)
                    && (merged[i].1.person_like() == c.person_like())
                    && (c.person_like() || merged[i].1.kind() == c.kind())
            })
            .collect();
        if let [only] = fits[..] {
            merged[only].1.mentions.extend(c.mentions);
        } else {
            by_ends.entry(ends(&key)).or_default().push(merged.len());
            merged.push((key, c));
        }
    }
    // "U.S. White House" is the White House: a leading place word joins a name the corpus also
    // uses without it.
    let positions: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.clone(), i))
        .collect();
    for i in 0..merged.len() {
        let Some((head, rest)) = merged[i].0.split_once(' ') else {
            continue;
        };
        let target = positions.get(rest).copied();
        if let Some(t) = target
            && t != i
            && PLACES_SET.has(head)
            && merged[i].1.kind() != EntityKind::Person
        {
            let moved = std::mem::take(&mut merged[i].1.mentions);
            merged[t].1.mentions.extend(moved);
        }
    }
    merged.retain(|(_, c)| !c.mentions.is_empty());
    // A lone word joins the one person whose last name it is.
    let mut people_by_last: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (key, c)) in merged.iter().enumerate() {
        if c.person_like() && c.kind() == EntityKind::Person {
            people_by_last.entry(ends(key).1).or_default().push(i);
        }
    }
    for (key, c) in singles {
        let lone_place_or_org = c.has(|e| e.place || e.organisation);
        match people_by_last.get(&key).map(Vec::as_slice) {
            Some([only]) if !lone_place_or_org => merged[*only].1.mentions.extend(c.mentions),
            _ => merged.push((key, c)),
        }
    }
    // A handle joins the one person whose last name, and first name or initial, it contains.
    for h in handles {
        let handle = &h.keys[0];
        let fits: Vec<usize> = people_by_last
            .iter()
            .filter(|(last, _)| handle.contains(last.as_str()))
            .flat_map(|(_, ids)| ids.iter().copied())
            .filter(|&i| {
                let (first, last) = ends(&merged[i].0);
                handle_matches(handle, &first, &last)
            })
            .collect();
        match fits[..] {
            [only] => merged[only].1.mentions.push(h),
            _ => merged.push((handle.clone(), Cluster { mentions: vec![h] })),
        }
    }
    merged.into_iter().map(|(_, c)| c).collect()
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

/// "ambjohnbolton" names John Bolton: it holds the last name and, before it, the first name or
/// its initial.
fn handle_matches(handle: &str, first: &str, last: &str) -> bool {
    if last.chars().count() < 3 {
        return false;
    }
    let Some(at) = handle.rfind(last) else {
        return false;
    };
    let before = &handle[..at];
    before.contains(first)
        || (!first.is_empty()
            && before.ends_with(&first[..first.chars().next().map_or(0, char::len_utf8)]))
}

static ROLE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        // ASCII word boundaries keep the regex on its fast engines over non-ASCII text.
        r"(?i)(?-u:\b)the\s+((?:[a-z][\w.]*\s+){0,2}?)(president|prime minister|leader|chancellor|secretary of state|spokeswoman|spokesman|ambassador|senator|governor)(?-u:\b)",
    )
});

#[allow(
    clippy::expect_used,
    reason = "the pattern is a constant covered by the unit tests"
)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern compiles")
}

fn normalise_role(role: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let lower = key_of(role)
        .replace("united states", "us")
        .replace("american", "us");
    for w in lower.split_whitespace() {
        if !matches!(w, "the" | "his" | "her" | "their" | "its" | "former") {
            words.push(w.to_string());
        }
    }
    words.join(" ")
}

/// A role phrase fits a role that it equals or ends ("the chancellor" fits "German
/// Chancellor"); "the US president" does not fit "Russian President".
fn role_fits(role: &str, phrase: &str) -> bool {
    role == phrase
        || role
            .strip_suffix(phrase)
            .is_some_and(|head| head.ends_with(' '))
}

/// Every role phrase of a document ("the US president") that no name follows, with its span
/// and normalised role, in text order.
fn find_role_phrases(text: &str, sentences: &[Span]) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for sentence in sentences {
        let body = sentence.slice(text);
        for cap in ROLE_PHRASE.captures_iter(body) {
            let (Some(all), Some(head)) = (cap.get(0), cap.get(2)) else {
                continue;
            };
            // A name right after the role is already a titled mention.
            let after = &body[all.end()..];
            if after.starts_with(' ') && after[1..].starts_with(char::is_uppercase) {
                continue;
            }
            let phrase_start = all.start() + 4;
            let phrase = normalise_role(&body[phrase_start..head.end()]);
            out.push((
                Span::new(sentence.start + phrase_start, sentence.start + head.end()),
                phrase,
            ));
        }
    }
    out
}

/// "the US president" names the one person in that document who holds that role.
fn resolve_role_phrases(
    sources: &[SourceAnalysis],
    names: &[&DocumentNames],
    clusters: &mut [Cluster],
) {
    let roles: Vec<BTreeSet<String>> = clusters
        .iter()
        .map(|c| {
            c.mentions
                .iter()
                .filter_map(|m| m.role.as_deref())
                .map(normalise_role)
                .collect()
        })
        .collect();
    // The people each document names, computed once so this stays linear in the mentions.
    let mut present_in: HashMap<ArticleId, BTreeSet<usize>> = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        if roles[i].is_empty() || c.kind() != EntityKind::Person {
            continue;
        }
        for m in &c.mentions {
            present_in.entry(m.document).or_default().insert(i);
        }
    }
    for (s, n) in sources.iter().zip(names) {
        let text = s.document.text.as_str();
        let Some(present) = present_in.get(&s.id) else {
            continue;
        };
        let mut found = Vec::new();
        for (span, phrase) in &n.role_phrases {
            let fits: Vec<usize> = present
                .iter()
                .copied()
                .filter(|&i| roles[i].iter().any(|r| role_fits(r, phrase)))
                .collect();
            if let [only] = fits[..] {
                found.push((only, *span));
            }
        }
        for (i, span) in found {
            clusters[i].mentions.push(RawMention {
                document: s.id,
                span,
                surface: span.slice(text).to_string(),
                keys: Vec::new(),
                starts: Vec::new(),
                role: None,
                pending_of: false,
                evidence: Evidence::default(),
            });
        }
    }
}

/// Drops weak singletons, picks names and kinds, and orders entities by first mention.
fn finish(sources: &[SourceAnalysis], clusters: Vec<Cluster>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    for c in clusters {
        let names: Vec<&RawMention> = c.mentions.iter().filter(|m| !m.keys.is_empty()).collect();
        if names.is_empty() {
            continue;
        }
        let documents: BTreeSet<ArticleId> = c.mentions.iter().map(|m| m.document).collect();
        let strong = c.has(|e| e.title || e.honorific.is_some() || e.organisation || e.place)
            || names
                .iter()
                .any(|m| m.keys.len() >= 2 && !m.evidence.initial);
        let kind = c.kind();
        if !strong && documents.len() < 2 {
            continue;
        }
        if kind == EntityKind::Other && names.iter().all(|m| m.evidence.initial) {
            continue;
        }
        // The name is the fullest bare form: no honorific, no handle.
        let mut forms: HashMap<&str, usize> = HashMap::new();
        for m in &names {
            let text = sources
                .get(m.document.index())
                .map_or("", |s| s.document.text.as_str());
            let bare = m.span.slice(text);
            if !m.evidence.handle && !bare.is_empty() {
                *forms.entry(bare).or_default() += 1;
            }
        }
        // "U.S. White House" is not a fuller name of the White House.
        let qualified: Vec<&str> = forms
            .keys()
            .copied()
            .filter(|f| {
                f.split_once(' ').is_some_and(|(head, rest)| {
                    forms.contains_key(rest) && PLACES_SET.has(&key_of(head))
                })
            })
            .collect();
        for f in qualified {
            forms.remove(f);
        }
        let name = forms
            .iter()
            .max_by(|a, b| {
                let wa = a.0.split_whitespace().count();
                let wb = b.0.split_whitespace().count();
                wa.cmp(&wb).then(a.1.cmp(b.1)).then(b.0.cmp(a.0))
            })
            .map(|(s, _)| s.to_string())
            .unwrap_or_else(|| names[0].surface.clone());
        let aliases: BTreeSet<String> = names.iter().map(|m| m.surface.clone()).collect();
        let roles: BTreeSet<String> = c
            .mentions
            .iter()
            .filter_map(|m| m.role.clone())
            .filter(|r| !r.is_empty())
            .collect();
        let mut mentions: Vec<EntityMention> = c
            .mentions
            .iter()
            .filter(|m| {
                m.span.end
                    <= sources
                        .get(m.document.index())
                        .map_or(0, |s| s.document.text.len())
            })
            .map(|m| EntityMention {
                document: m.document,
                span: m.span,
            })
            .collect();
        mentions.sort();
        mentions.dedup();
        entities.push(Entity {
            id: EntityId(0),
            name,
            kind,
            aliases: aliases.into_iter().collect(),
            roles: roles.into_iter().collect(),
            mentions,
        });
    }
    entities.sort_by(|a, b| {
        let fa = a.mentions.first().map(|m| (m.document, m.span.start));
        let fb = b.mentions.first().map(|m| (m.document, m.span.start));
        fa.cmp(&fb).then(a.name.cmp(&b.name))
    });
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = EntityId(i as u32);
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::article::Document;

    fn sources_of(texts: &[&str]) -> Vec<SourceAnalysis> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let document = Document::from_text(&format!("{i}.txt"), 0, t.to_string());
                SourceAnalysis {
                    id: ArticleId(i as u32),
                    sentences: crate::analysis::sentences::split_sentences(t, &[]),
                    document,
                    timexes: Vec::new(),
                    estimate: None,
                }
            })
            .collect()
    }

    /// Renders each entity as "kind name = alias | alias (role; role)", one per line, and checks
    /// that `expect` lines are all present (`!line` means no entity renders as that line).
    fn check(texts: &[&str], expect: &[&str]) {
        let entities = extract_entities(&sources_of(texts));
        let lines: Vec<String> = entities.iter().map(render).collect();
        for e in expect {
            if let Some(absent) = e.strip_prefix('!') {
                assert!(
                    !lines.iter().any(|l| l.contains(absent)),
                    "unexpected {absent:?} in {lines:#?}"
                );
            } else {
                assert!(lines.iter().any(|l| l == e), "missing {e:?} in {lines:#?}");
            }
        }
    }

    fn render(e: &Entity) -> String {
        let kind = match e.kind {
            EntityKind::Person => "person",
            EntityKind::Organisation => "org",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        };
        let mut line = format!("{kind} {} = {}", e.name, e.aliases.join(" | "));
        if !e.roles.is_empty() {
            line += &format!(" ({})", e.roles.join("; "));
        }
        line
    }

    #[test]
    fn kinds_follow_the_last_word_and_names_of_one_sort_merge() {
        check(
            &[
                "The ceremony took place at the Harry S. Truman Library in Kansas City.",
                "Soviet troops left Eastern Europe after the Cold War and the Warsaw Pact ended.",
                "Then Martonyi replied. Hungarian minister Janos Martonyi spoke.",
                "Guests filled the Truman Presidential Library. The Truman Library was full.",
                "Flights from Washington DC landed in Washington, Bombay and Mumbai.",
                "Former Soviet leader Mikhail Gorbachev spoke.",
            ],
            &[
                "place Harry S. Truman Library = Harry S. Truman Library",
                "place Kansas City = Kansas City",
                "place Eastern Europe = Eastern Europe",
                "other Cold War = Cold War",
                "other Warsaw Pact = Warsaw Pact",
                "person Janos Martonyi = Janos Martonyi | Martonyi (Hungarian minister)",
                "place Truman Presidential Library = Truman Library | Truman Presidential Library",
                "place Washington DC = Washington | Washington DC",
                "place Bombay = Bombay | Mumbai",
                "!Former Soviet",
            ],
        );
    }

    #[test]
    fn names_end_before_days_and_stay_whole_with_particles() {
        check(
            &[
                "Iran Saturday condemned the bombing. President Bill Clinton Saturday vowed to act.",
                "Bill Clinton spoke. Iran said no.",
            ],
            &[
                "place Iran = Iran",
                "person Bill Clinton = Bill Clinton (President)",
                "!Saturday",
            ],
        );
        // A weekday before a name is no part of it.
        let entities = extract_entities(&sources_of(&[
            "On Monday Kairi Smith met the board. Later Kairi Smith left.",
        ]));
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].name, "Kairi Smith");
        assert_eq!(entities[0].mentions.len(), 2);
        check(
            &["A blast hit Dar es Salaam, the capital of Tanzania."],
            &["place Dar es Salaam = Dar es Salaam"],
        );
        check(
            &[
                "Kenyan Trade Minister Joseph Kamotho and American ambassador to Kenya Prudence Bushnell were injured.",
            ],
            &[
                "person Prudence Bushnell = Prudence Bushnell",
                "place Kenya = Kenya",
            ],
        );
    }

    #[test]
    fn dates_times_and_i_with_a_verb_are_no_names() {
        check(
            &[
                "Updated Nov 19, 6:55 AM EST by Jane Doe. Posted Sept. 3.",
                "I’m sure, and I've said so. Jane Doe agreed.",
            ],
            &[
                "person Jane Doe = Jane Doe",
                "!Nov",
                "!Sept",
                "!AM",
                "!EST",
                "!I’m",
                "!I've",
            ],
        );
    }

    #[test]
    fn hyphens_join_two_names_but_not_a_surname_or_a_word() {
        check(
            &[
                "Yesterday, Kairi Thomas-Brooks met Patrick Soon-Shiong before the Trump-Putin \
                 meeting. Later, Thomas-Brooks said Soon-Shiong spoke.",
                "President Trump and President Putin did not.",
                "Use Wi-Fi on the Sci-Fi set. The Wi-Fi failed, as E-Health did.",
                // A Title Case headline counts each part of a hyphenated word.
                "Royal Self-Indicting Arrogance\n\nWhat was Prince Andrew thinking, asked Royal Watch.",
            ],
            &[
                "person Kairi Thomas-Brooks = Kairi Thomas-Brooks | Thomas-Brooks",
                "person Patrick Soon-Shiong = Patrick Soon-Shiong | Soon-Shiong",
                "person Trump = Trump (President)",
                "person Putin = Putin (President)",
                "!Patrick Soon =",
                "!Fi =",
                "!Sci =",
                "!other E =",
                "!Arrogance",
            ],
        );
    }

    #[test]
    fn abbreviated_saints_and_mounts_stay_whole_and_lone_letters_are_no_names() {
        check(
            &[
                "The tour plays St. Louis, then Mt. Hood. Dianna E. wrote.",
                "St. Louis was loud. Mt. Hood was cold. E. said so.",
            ],
            &[
                "place St. Louis = St. Louis",
                "place Mt. Hood = Mt. Hood",
                "!place Louis =",
                "!person Louis =",
                "!other Louis =",
                "!person E =",
                "!other E =",
            ],
        );
    }

    #[test]
    fn merges_alias_forms_across_sources() {
        check(
            &[
                "President Donald Trump met aides. Mr Trump left.",
                "Donald Trump spoke. Later, Trump said no.",
            ],
            &["person Donald Trump = Donald Trump | Mr Trump | Trump (President)"],
        );
        check(
            &[
                "It was announced by White House spokeswoman Sarah Sanders on Monday.",
                "A statement came from press secretary Sarah Huckabee Sanders today.",
                "Asked again, Sanders said nothing.",
            ],
            &[
                "person Sarah Huckabee Sanders = Sanders | Sarah Huckabee Sanders | Sarah Sanders (White House spokeswoman; press secretary)",
            ],
        );
    }

    #[test]
    fn reads_titles_brackets_parentheses_and_handles() {
        check(
            &[
                "He asked national security adviser John Bolton to go.",
                "He asked [National Security Adviser John Bolton] to go.",
                "He asked (National Security Adviser) John Bolton to go.",
                "He asked @Ambjohnbolton to go.",
            ],
            &[
                "person John Bolton = @Ambjohnbolton | John Bolton (National Security Adviser; national security adviser)",
            ],
        );
        check(
            &[
                "It surprised US Director of National Intelligence Dan Coats, who laughed. Dan Coats left.",
            ],
            &["person Dan Coats = Dan Coats (US Director of National Intelligence)"],
        );
        check(
            &["In Helsinki, President of the United States agreed."],
            &["!United States (", "place Helsinki = Helsinki"],
        );
    }

    #[test]
    fn resolves_unambiguous_role_phrases() {
        // Every mention of the entity named `name`, as written.
        let forms = |texts: &[&str], name: &str| -> Vec<String> {
            let sources = sources_of(texts);
            let entities = extract_entities(&sources);
            let Some(e) = entities.iter().find(|e| e.name == name) else {
                return Vec::new();
            };
            let text = &sources[0].document.text;
            e.mentions
                .iter()
                .map(|m| m.span.slice(text).to_string())
                .collect()
        };
        let text = "U.S. President Donald Trump met Russian President Vladimir Putin. It caught the US president by surprise.";
        assert_eq!(
            forms(&[text], "Donald Trump"),
            ["Donald Trump", "US president"]
        );
        let text = "President Trump met President Putin. The president smiled.";
        assert_eq!(forms(&[text], "Trump"), ["Trump"]);
        let text = "German Chancellor Angela Merkel spoke. Mrs May listened. The chancellor left.";
        assert_eq!(
            forms(&[text], "Angela Merkel"),
            ["Angela Merkel", "chancellor"]
        );
        assert_eq!(forms(&[text], "May"), ["May"]);
    }

    #[test]
    fn finds_organisations_and_places() {
        check(
            &[
                "The White House said on Thursday that Interfax news agency and the FBI met in Helsinki, Finland. He flew to Colorado, in the US, the U.S. or the United States.",
            ],
            &[
                "org White House = White House",
                "place United States = U.S. | US | United States",
                "org Interfax = Interfax",
                "org FBI = FBI",
                "place Helsinki = Helsinki",
                "place Finland = Finland",
                "place Colorado = Colorado",
                "!Thursday",
            ],
        );
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            PARTICLES,
            HONORIFICS,
            TITLES,
            ROLE_MODIFIERS,
            FEMALE_WORDS,
            MALE_WORDS,
            ORG_WORDS,
            NOT_NAMES,
            STARTERS,
            PLACES,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(PLACE_SYNONYMS.windows(2).all(|w| w[0].0 < w[1].0));
        // `is_particle` looks only at short words.
        assert!(PARTICLES.iter().all(|p| p.len() <= 3));
    }

    #[test]
    fn joins_place_qualified_organisations() {
        check(
            &["The White House spoke. A U.S. White House spokesperson agreed."],
            &["org White House = U.S. White House | White House"],
        );
    }

    #[test]
    fn survives_messy_text() {
        let texts = [
            "",
            "\u{feff}",
            "A",
            "@",
            "@@x",
            "Mr",
            "Mr.",
            "President of",
            "President of the",
            "Director of ’s",
            "É. Ö-Ü Ça",
            "🙂 Trump-🙂 Putin",
            "[[[(((",
            "x-Y-z-",
            "Mr Mr Mr Mr",
            "of of of of Of",
            "US President US President",
            "‘’“”\"'",
            "Dr. Who\n\nDr Who's Dr-Who",
        ];
        let sources = sources_of(&texts);
        for e in extract_entities(&sources) {
            for m in &e.mentions {
                let text = &sources[m.document.index()].document.text;
                assert!(text.get(m.span.start..m.span.end).is_some(), "{e:?}");
            }
        }
    }

    #[test]
    fn reads_title_case_headlines_through_known_names() {
        check(
            &[
                "Donald Trump Asks Senior Aide To Invite Vladimir Putin To Washington\nDonald Trump asked an aide to invite Vladimir Putin.",
            ],
            &[
                "person Donald Trump = Donald Trump",
                "person Vladimir Putin = Vladimir Putin",
                "!Invite",
                "!Aide",
            ],
        );
    }

    #[test]
    fn ignores_sentence_initial_capitals() {
        check(
            &[
                "Four days after the summit, Trump spoke. Earlier, Trump wrote. Amid criticism, he left. Yet White House staff stayed.",
            ],
            &[
                "!Four",
                "!Earlier",
                "!Amid",
                "!Yet",
                "org White House = White House",
            ],
        );
    }
}

//! The five seed articles in the browser, checked the way a careful reader would: each entry's
//! chips and counts, every source's own sentence when an entry is expanded, the reader walking
//! an event's mentions, the keyboard alone, filters that narrow and combine and come back from
//! the URL, and the five exports. What the page must show is worked out natively from the same
//! files (`native.rs`), so every comparison is exact.

use std::collections::BTreeSet;

use crossread::analysis::TimeValue;
use crossread::analysis::views::{FilterSpec, mention_diffs};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::browser::{
    PATIENCE, click_centered, drop_files, press_keys, run_js, wait_for, with_browser,
};
use crate::exports::{self, FORMATS, ShownEntry};
use crate::native::{Entry, Native, page_date};
use crate::{
    SHARED_DAY, SUB_PATH, check_app_still_alive, check_chip_opens_its_sentence,
    check_no_request_left_the_origin, check_server_log, close_reader, dist_dir, open_app,
    seed_files, server, wait_for_settled_sources,
};

/// The name of this test's browser profile and downloads folder.
const BROWSER: &str = "sample";

/// Words to search for; the test uses the first that keeps some entries but not all.
const SEARCH_WORDS: &[&str] = &["Helsinki", "Sanders", "Bolton", "tweet", "Putin", "autumn"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_counts_expands_walks_filters_restores_and_exports_its_timeline() {
    let server = server::serve(dist_dir(), SUB_PATH).await;
    let (url, proxy) = (server.url.clone(), server.proxy.clone());
    let seeds = seed_files();
    with_browser(BROWSER, &proxy, move |client, _| async move {
        let native = Native::of(&seeds);
        open_app(&client, &url).await;
        drop_files(&client, "#drop-zone", &seeds).await;
        wait_for_settled_sources(&client, seeds.len()).await;
        let shown = wait_for_entries(&client, &native.all_entries(), "the whole timeline").await;
        let export = check_exports(&client, &native, &shown).await;
        check_entries_show_chips_and_counts(&client, &export).await;
        check_expanded_entries_list_every_sentence(&client, &export, &native).await;
        check_chip_opens_its_sentence(&client, 0, &seeds).await;
        check_reader_walks_the_mentions(&client, &export).await;
        check_keyboard_reaches_and_opens_an_entry(&client, &export).await;
        check_filters_narrow_and_combine(&client, &native).await;
        check_url_restores_the_filters(&client, &url, &native).await;
        check_app_still_alive(&client).await;
        check_no_request_left_the_origin(&client).await;
    })
    .await;
    check_server_log(&server);
}

/// Every timeline entry on the page, in order.
async fn shown_entries(client: &Client) -> Vec<ShownEntry> {
    let entries = run_js(
        client,
        r##"return [...document.querySelectorAll("#timeline li.event")].map(li => ({
            date: li.dataset.date || "",
            granularity: li.dataset.granularity || "",
            label: (li.querySelector(".event-date") || {}).textContent || "",
            text: (li.querySelector(".event-text") || {}).textContent || "",
        }));"##,
        vec![],
    )
    .await;
    serde_json::from_value(entries).unwrap()
}

fn as_entries(shown: &[ShownEntry]) -> Vec<Entry> {
    shown
        .iter()
        .map(|e| (e.date.clone(), e.text.clone()))
        .collect()
}

/// Waits until the page lists exactly `expected` (date and sentence, in order), and fails
/// saying `what` the list should have become.
async fn wait_for_entries(client: &Client, expected: &[Entry], what: &str) -> Vec<ShownEntry> {
    let started = std::time::Instant::now();
    loop {
        let shown = shown_entries(client).await;
        if as_entries(&shown) == expected {
            return shown;
        }
        if started.elapsed() > PATIENCE {
            let dates = |list: &[Entry]| list.iter().map(|e| e.0.clone()).collect::<Vec<_>>();
            panic!(
                "{what}: the timeline shows {} entries {:?} but should show {} entries {:?}\n\
                 shown: {:#?}\nexpected: {expected:#?}",
                shown.len(),
                dates(&as_entries(&shown)),
                expected.len(),
                dates(expected),
                as_entries(&shown)
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Downloads every export and checks each; returns the JSON export.
async fn check_exports(client: &Client, native: &Native, shown: &[ShownEntry]) -> Value {
    let mut texts = Vec::new();
    for format in &FORMATS {
        let bytes = exports::download(client, BROWSER, format.button, format.file).await;
        texts.push(exports::same_as_cli(format, &bytes, native));
    }
    let [json, markdown, html, timelinejs, csv] = &texts[..] else {
        unreachable!("five formats");
    };
    let export = exports::check_json(json);
    exports::check_timelinejs(timelinejs, shown);
    exports::check_csv(csv, &export);
    exports::check_markdown(markdown, &export);
    exports::check_html(html, &export);
    export
}

/// The exported event shown as the entry dated `date` (empty for undated background) with the
/// sentence `text`.
fn exported_event<'a>(export: &'a Value, date: &str, text: &str) -> &'a Value {
    export["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let value = e["date"]["value"].as_str().unwrap_or("");
            value == date && e["text"] == json!(text)
        })
        .unwrap_or_else(|| {
            panic!("the page shows an entry on {date} that the export lacks: {text:?}")
        })
}

/// The exported text of document `doc`, sliced at the byte range `start..end`.
fn span_text(export: &Value, doc: u64, start: u64, end: u64) -> String {
    let text = export["documents"][doc as usize]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("the export has no document {doc}"));
    text.get(start as usize..end as usize)
        .unwrap_or_else(|| panic!("{start}..{end} is not a span of document {doc}"))
        .to_string()
}

/// Checks every entry: one chip per source of its event, each opening one of its mentions; a
/// count that says as many sources as there are chips, and the independent ones the export
/// gives; and the single-source badge exactly where one source reports it. The shared day has a
/// chip for each of the five seeds.
async fn check_entries_show_chips_and_counts(client: &Client, export: &Value) {
    let cards = run_js(
        client,
        r##"return [...document.querySelectorAll("#timeline li.event")].map(li => ({
            date: li.dataset.date || "",
            text: (li.querySelector(".event-text") || {}).textContent || "",
            count: (li.querySelector(".event-count") || {}).textContent || "",
            single: !!li.querySelector(".badge.single"),
            chips: [...li.querySelectorAll("button.chip")].map(c => ({
                file: c.dataset.file || "", doc: Number(c.dataset.doc),
                start: Number(c.dataset.start), end: Number(c.dataset.end),
                label: c.textContent.trim() })),
        }));"##,
        vec![],
    )
    .await;
    let count_pattern = regex::Regex::new(r"^(\d+) sources?(?:, (\d+) independent)?$").unwrap();
    let documents = export["documents"].as_array().unwrap();
    for card in cards.as_array().unwrap() {
        let (date, text) = (
            card["date"].as_str().unwrap(),
            card["text"].as_str().unwrap(),
        );
        let event = exported_event(export, date, text);
        let sources: Vec<u64> = serde_json::from_value(event["sources"].clone()).unwrap();
        let chips = card["chips"].as_array().unwrap();
        let chip_docs: Vec<u64> = chips.iter().map(|c| c["doc"].as_u64().unwrap()).collect();
        assert_eq!(
            chip_docs.iter().collect::<BTreeSet<_>>(),
            sources.iter().collect::<BTreeSet<_>>(),
            "the entry on {date} should have one chip per source: chips {chips:?}"
        );
        assert_eq!(
            chips.len(),
            sources.len(),
            "the entry on {date} shows a source twice: {chips:?}"
        );
        for chip in chips {
            let doc = chip["doc"].as_u64().unwrap();
            assert_eq!(
                chip["file"], documents[doc as usize]["file"],
                "a chip on {date} names another file than its document"
            );
            assert!(
                !chip["label"].as_str().unwrap_or("").is_empty(),
                "a chip on {date} has no visible name"
            );
            let opens_a_mention = event["mentions"].as_array().unwrap().iter().any(|m| {
                m["document"] == chip["doc"]
                    && m["start"] == chip["start"]
                    && m["end"] == chip["end"]
            });
            assert!(
                opens_a_mention,
                "a chip on {date} opens no sentence of its event: {chip}"
            );
        }
        let count = card["count"].as_str().unwrap().trim();
        let numbers = count_pattern
            .captures(count)
            .unwrap_or_else(|| panic!("the entry on {date} has an unreadable count: {count:?}"));
        let said_sources: usize = numbers[1].parse().unwrap();
        let said_independent: u64 = numbers
            .get(2)
            .map_or(said_sources as u64, |n| n.as_str().parse().unwrap());
        assert_eq!(
            said_sources,
            chips.len(),
            "the entry on {date} says {count:?} but shows {} chips",
            chips.len()
        );
        assert_eq!(
            Some(said_independent),
            event["independent_sources"].as_u64(),
            "the entry on {date} says {count:?}; the export counts {} independent sources",
            event["independent_sources"]
        );
        assert_eq!(
            card["single"].as_bool(),
            event["single_source"].as_bool(),
            "the entry on {date} shows the single-source badge wrongly ({count:?})"
        );
    }
    let shared = cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["date"] == json!(SHARED_DAY))
        .unwrap_or_else(|| panic!("no entry on {SHARED_DAY}"));
    let files: BTreeSet<&str> = shared["chips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    let seeds: BTreeSet<String> = seed_files().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        files,
        seeds.iter().map(String::as_str).collect(),
        "the {SHARED_DAY} entry should have one chip per seed"
    );
}

/// Expands every entry and checks it lists exactly its event's mentions, in order, each the
/// very text of its span in the exported document, with the words that differ from the
/// representative sentence marked as the analysis marks them.
async fn check_expanded_entries_list_every_sentence(
    client: &Client,
    export: &Value,
    native: &Native,
) {
    let cards = client
        .find_all(Locator::Css("#timeline li.event"))
        .await
        .unwrap();
    for (i, card) in cards.iter().enumerate() {
        let date = card.attr("data-date").await.unwrap().unwrap_or_default();
        let read = r##"const li = document.querySelectorAll("#timeline li.event")[arguments[0]];
            const details = li.querySelector("details.wordings");
            return { open: details.open, text: li.querySelector(".event-text").textContent,
                     wordings: [...details.querySelectorAll("li.wording")].map(w => {
                        const open = w.querySelector("button.wording-open");
                        const q = w.querySelector(".wording-text");
                        return { doc: Number(open.dataset.doc), start: Number(open.dataset.start),
                                 end: Number(open.dataset.end), text: q.textContent,
                                 visible: q.getClientRects().length > 0,
                                 changed: [...q.querySelectorAll("ins.diff")].map(d => d.textContent) };
                     }) };"##;
        let before = run_js(client, read, vec![json!(i)]).await;
        assert_eq!(
            before["open"],
            json!(false),
            "the wordings of the entry on {date} are open before anyone asked"
        );
        let summary = card
            .find(Locator::Css("details.wordings > summary"))
            .await
            .unwrap();
        click_centered(client, &summary).await;
        let after = run_js(client, read, vec![json!(i)]).await;
        assert_eq!(
            after["open"],
            json!(true),
            "clicking the summary of the entry on {date} did not expand it"
        );
        let text = after["text"].as_str().unwrap();
        let event = exported_event(export, &date, text);
        let mentions = event["mentions"].as_array().unwrap();
        let wordings = after["wordings"].as_array().unwrap();
        let spans = |list: &[Value], doc: &str| {
            list.iter()
                .map(|m| (m[doc].as_u64(), m["start"].as_u64(), m["end"].as_u64()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans(wordings, "doc"),
            spans(mentions, "document"),
            "the expanded entry on {date} should list exactly its event's mentions"
        );
        let id = native
            .analysis
            .events
            .iter()
            .find(|e| page_date(e) == date && e.text == text)
            .map(|e| e.id)
            .unwrap();
        let diffs = mention_diffs(&native.analysis, id);
        for (k, (wording, mention)) in wordings.iter().zip(mentions).enumerate() {
            let (doc, start, end) = (
                wording["doc"].as_u64().unwrap(),
                wording["start"].as_u64().unwrap(),
                wording["end"].as_u64().unwrap(),
            );
            let expected = span_text(export, doc, start, end);
            assert_eq!(
                wording["text"].as_str(),
                Some(expected.as_str()),
                "the expanded entry on {date} misquotes document {doc} at {start}..{end}"
            );
            assert_eq!(mention["text"].as_str(), Some(expected.as_str()));
            assert_eq!(
                wording["visible"],
                json!(true),
                "the sentence of document {doc} is not visible in the expanded entry on {date}"
            );
            let changed: Vec<String> = diffs
                .get(k)
                .map(|runs| {
                    runs.iter()
                        .filter(|r| r.changed)
                        .map(|r| expected[r.span.start..r.span.end].to_string())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(
                wording["changed"],
                json!(changed),
                "the expanded entry on {date} marks other words of document {doc} as changed"
            );
        }
    }
}

/// What the reader shows: its text, the current highlight with the text before it, the
/// position note and whether previous and next can be pressed.
const READER_STATE: &str = r##"
    const reader = document.querySelector("#reader");
    const text = document.querySelector("#reader-text");
    const marks = [...document.querySelectorAll("#reader mark.hl-current")];
    if (!reader || !text || marks.length === 0) { return null; }
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEndBefore(marks[0]);
    const box = marks[0].getBoundingClientRect();
    let inView = box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
    // Inside the pane that scrolls, the highlight must be within its visible part too.
    for (let el = marks[0].parentElement; el; el = el.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight) {
            const pane = el.getBoundingClientRect();
            inView = inView && box.bottom > pane.top && box.top < pane.bottom;
        }
    }
    const prev = document.querySelector("#reader-prev");
    const next = document.querySelector("#reader-next");
    return {
        open: reader.classList.contains("open"),
        text: text.textContent,
        marks: marks.map(m => m.textContent),
        before: range.toString(),
        inView,
        position: (document.querySelector(".reader-position") || {}).textContent || "",
        prevDisabled: prev ? prev.disabled : null,
        nextDisabled: next ? next.disabled : null,
    };"##;

/// Opens the shared day's first chip, then presses Previous back to the first mention and Next
/// through to the last: at each step the reader shows that mention's document with exactly that
/// span highlighted and in view, says which mention it is, and greys out the button that
/// cannot go further.
async fn check_reader_walks_the_mentions(client: &Client, export: &Value) {
    let chip = run_js(
        client,
        "const c = document.querySelector(arguments[0]); \
         return [c.closest('li.event').querySelector('.event-text').textContent, \
                 Number(c.dataset.doc), Number(c.dataset.start)];",
        vec![json!(format!(
            "#timeline li.event[data-date=\"{SHARED_DAY}\"] button.chip"
        ))],
    )
    .await;
    let event = exported_event(export, SHARED_DAY, chip[0].as_str().unwrap());
    let mentions = event["mentions"].as_array().unwrap().clone();
    let total = mentions.len();
    let mut at = mentions
        .iter()
        .position(|m| m["document"] == chip[1] && m["start"] == chip[2])
        .expect("the first chip opens none of its event's mentions");
    assert!(
        total > 1,
        "the {SHARED_DAY} event has one mention: nothing to walk"
    );
    check_reader_shows(client, export, &mentions[at], at, total, "the chip").await;
    while at > 0 {
        click(client, "#reader-prev").await;
        at -= 1;
        check_reader_shows(client, export, &mentions[at], at, total, "Previous").await;
    }
    while at + 1 < total {
        click(client, "#reader-next").await;
        at += 1;
        check_reader_shows(client, export, &mentions[at], at, total, "Next").await;
    }
    close_reader(client).await;
}

async fn click(client: &Client, selector: &str) {
    let element = client
        .find(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("there is no {selector} to press: {e}"));
    click_centered(client, &element).await;
}

async fn check_reader_shows(
    client: &Client,
    export: &Value,
    mention: &Value,
    index: usize,
    total: usize,
    pressed: &str,
) {
    let doc = mention["document"].as_u64().unwrap();
    let (start, end) = (
        mention["start"].as_u64().unwrap(),
        mention["end"].as_u64().unwrap(),
    );
    let wanted = span_text(export, doc, start, end);
    let document_text = export["documents"][doc as usize]["text"].as_str().unwrap();
    let what = format!("after {pressed}, mention {} of {total}", index + 1);
    // The highlight has moved once it marks this mention's text at this mention's offset.
    let started = std::time::Instant::now();
    let state = loop {
        let state = run_js(client, READER_STATE, vec![]).await;
        let moved = state["marks"] == json!([wanted])
            && state["before"].as_str().map(str::len) == Some(start as usize)
            && state["inView"] == json!(true);
        if moved {
            break state;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: the reader should highlight document {doc} at {start}..{end} ({wanted:?}) \
             in view; it shows {}",
            json!({"marks": state["marks"], "offset": state["before"].as_str().map(str::len),
                   "inView": state["inView"], "position": state["position"]})
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(state["open"], json!(true), "{what}: the reader is not open");
    assert_eq!(
        state["text"].as_str(),
        Some(document_text),
        "{what}: the reader shows another text than document {doc}"
    );
    let position = state["position"].as_str().unwrap_or("");
    let numbers: Vec<usize> = regex::Regex::new(r"\d+")
        .unwrap()
        .find_iter(position)
        .map(|m| m.as_str().parse().unwrap())
        .collect();
    assert_eq!(
        numbers,
        vec![index + 1, total],
        "{what}: the reader says {position:?}"
    );
    assert_eq!(
        state["prevDisabled"],
        json!(index == 0),
        "{what}: Previous is {} at mention {}",
        if index == 0 { "enabled" } else { "disabled" },
        index + 1
    );
    assert_eq!(
        state["nextDisabled"],
        json!(index + 1 == total),
        "{what}: Next is {} at mention {}",
        if index + 1 == total {
            "enabled"
        } else {
            "disabled"
        },
        index + 1
    );
}

/// The focused element: its place among the timeline entries (or -1), its id, and whether a
/// focus ring shows (it matches :focus-visible and has an outline or a box shadow).
const FOCUS_STATE: &str = r##"
    const el = document.activeElement;
    const entries = [...document.querySelectorAll("#timeline li.event")];
    const style = el ? getComputedStyle(el) : null;
    const outline = style && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style && style.boxShadow !== "none";
    return { entry: entries.indexOf(el), id: el ? el.id : "", tag: el ? el.tagName : "",
             focusVisible: !!el && el.matches(":focus-visible"), ring: !!(outline || shadow),
             outline: style ? style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor : "",
             shadow: style ? style.boxShadow : "" };"##;

async fn wait_for_focus(client: &Client, entry: i64, what: &str) -> Value {
    let started = std::time::Instant::now();
    loop {
        let state = run_js(client, FOCUS_STATE, vec![]).await;
        if state["entry"] == json!(entry) {
            return state;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: focus should be on timeline entry {} but is on {state}",
            entry + 1
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// With real key presses only: j, j reach the second entry with a visible focus ring, Enter
/// opens its first source in the reader with its sentence highlighted, Escape closes it, k goes
/// back to the first entry and / jumps to the search box.
async fn check_keyboard_reaches_and_opens_an_entry(client: &Client, export: &Value) {
    close_reader(client).await;
    run_js(
        client,
        "if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0); return true;",
        vec![],
    )
    .await;
    press_keys(client, &['j']).await;
    wait_for_focus(client, 0, "after pressing j").await;
    press_keys(client, &['j']).await;
    let focus = wait_for_focus(client, 1, "after pressing j twice").await;
    assert!(
        focus["focusVisible"] == json!(true) && focus["ring"] == json!(true),
        "the entry reached with j shows no focus ring: {focus}"
    );
    let first_chip = run_js(
        client,
        "const c = document.querySelectorAll('#timeline li.event')[1].querySelector('button.chip'); \
         return [Number(c.dataset.doc), Number(c.dataset.start), Number(c.dataset.end)];",
        vec![],
    )
    .await;
    let (doc, start, end) = (
        first_chip[0].as_u64().unwrap(),
        first_chip[1].as_u64().unwrap(),
        first_chip[2].as_u64().unwrap(),
    );
    let wanted = span_text(export, doc, start, end);
    press_keys(client, &[fantoccini::key::Key::Enter.into()]).await;
    let state = wait_for(
        client,
        &format!("(() => {{ {READER_STATE} }})()"),
        "Enter on the focused entry to open the reader with a highlight",
    )
    .await;
    assert_eq!(
        state["open"],
        json!(true),
        "Enter did not open the reader: {state}"
    );
    assert_eq!(
        state["marks"],
        json!([wanted]),
        "Enter opened the reader on another sentence than the entry's first source's"
    );
    press_keys(client, &[fantoccini::key::Key::Escape.into()]).await;
    wait_for(
        client,
        "!document.querySelector('#reader').classList.contains('open') \
         && !document.querySelector('#reader mark.hl-current')",
        "Escape to close the reader",
    )
    .await;
    press_keys(client, &['k']).await;
    wait_for_focus(client, 0, "after pressing k").await;
    press_keys(client, &['/']).await;
    let started = std::time::Instant::now();
    loop {
        let state = run_js(client, FOCUS_STATE, vec![]).await;
        if state["id"] == json!("filter-text") {
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "/ should focus the search box; focus is on {state}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    run_js(
        client,
        "document.activeElement.blur(); return true;",
        vec![],
    )
    .await;
}

/// The filter the URL fragment holds now.
async fn fragment_spec(client: &Client) -> (String, FilterSpec) {
    let hash = run_js(client, "return location.hash;", vec![]).await;
    let hash = hash.as_str().unwrap_or("").to_string();
    // The app reads its filter from the fragment with every leading `#` taken off, and so does
    // this; check_url_restores_the_filters holds the fragment to its exact form.
    let spec = FilterSpec::from_fragment(hash.trim_start_matches('#'));
    (hash, spec)
}

/// Waits until the URL fragment holds a filter that `done` accepts, then until the page shows
/// exactly the entries that filter keeps; checks the count line says so. Returns the filter
/// and the entries.
async fn settle_filter(
    client: &Client,
    native: &Native,
    what: &str,
    done: impl Fn(&FilterSpec) -> bool,
) -> (FilterSpec, Vec<ShownEntry>) {
    let started = std::time::Instant::now();
    let spec = loop {
        let (hash, spec) = fragment_spec(client).await;
        if done(&spec) {
            break spec;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: the URL fragment should hold the filter but is {hash:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let expected = native.entries(&spec);
    let shown = wait_for_entries(client, &expected, what).await;
    let total = native.analysis.events.len();
    let count = run_js(
        client,
        "return document.querySelector('#timeline-count').textContent;",
        vec![],
    )
    .await;
    let count = count.as_str().unwrap_or("");
    let numbers: Vec<usize> = regex::Regex::new(r"\d+")
        .unwrap()
        .find_iter(count)
        .map(|m| m.as_str().parse().unwrap())
        .collect();
    let expected_numbers = if shown.len() == total {
        vec![total]
    } else {
        vec![shown.len(), total]
    };
    assert_eq!(
        numbers,
        expected_numbers,
        "{what}: the count line says {count:?} for {} of {total} entries",
        shown.len()
    );
    (spec, shown)
}

async fn clear_filters(client: &Client, native: &Native) {
    if client.find(Locator::Id("clear-filters")).await.is_ok() {
        click(client, "#clear-filters").await;
    }
    settle_filter(client, native, "after Clear filters", FilterSpec::is_empty).await;
    let all = shown_entries(client).await;
    assert_eq!(
        all.len(),
        native.analysis.events.len(),
        "Clear filters did not bring back every entry"
    );
}

async fn type_search(client: &Client, text: &str) {
    client
        .find(Locator::Id("filter-text"))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Empties the search box as a person does: select all, then delete.
async fn erase_search(client: &Client) {
    let keys = format!(
        "{}a{}{}",
        fantoccini::key::Key::Control,
        fantoccini::key::Key::Null,
        fantoccini::key::Key::Backspace
    );
    type_search(client, &keys).await;
}

async fn choose(client: &Client, select: &str, value: &str) {
    client
        .find(Locator::Id(select))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("cannot choose {value:?} in #{select}: {e}"));
}

/// The values a filter menu offers, without its empty prompt.
async fn menu_values(client: &Client, select: &str) -> Vec<String> {
    let values = run_js(
        client,
        "return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(v => v);",
        vec![json!(format!("#{select}"))],
    )
    .await;
    serde_json::from_value(values).unwrap()
}

/// The date window a key date button selects, as the filter stores it.
fn key_date_spec(value: &str) -> FilterSpec {
    let date = TimeValue::parse(value).unwrap_or_else(|| panic!("a key date is no date: {value}"));
    FilterSpec::default().with_window(date.time_range().unwrap())
}

/// Whether the entry dated `date` overlaps the filter's date window.
fn overlaps(date: &str, spec: &FilterSpec) -> bool {
    let window = spec.date_window().unwrap();
    TimeValue::parse(date)
        .and_then(|d| d.time_range())
        .is_some_and(|(start, end)| start < window.1 && end > window.0)
}

/// Text, entity, source, key date and axis stretch each narrow the list to what they select,
/// and text and source together keep only what both keep.
async fn check_filters_narrow_and_combine(client: &Client, native: &Native) {
    let total = native.analysis.events.len();
    let narrows = |spec: &FilterSpec| (1..total).contains(&native.entries(spec).len());
    let text_spec = |word: &str| FilterSpec {
        text: word.to_string(),
        ..FilterSpec::default()
    };
    let source_spec = |key: &str| FilterSpec {
        sources: vec![key.to_string()],
        ..FilterSpec::default()
    };

    // Free text: every entry left contains the word.
    let word = *SEARCH_WORDS
        .iter()
        .find(|w| narrows(&text_spec(w)))
        .expect("no search word keeps some entries and not others");
    type_search(client, word).await;
    settle_filter(client, native, &format!("searching {word:?}"), |s| {
        s.text == word
    })
    .await;
    let without_word = run_js(
        client,
        "return [...document.querySelectorAll('#timeline li.event')].filter(li => \
         !li.textContent.toLowerCase().includes(arguments[0].toLowerCase())).map(li => li.dataset.date);",
        vec![json!(word)],
    )
    .await;
    assert_eq!(
        without_word,
        json!([]),
        "searching {word:?} keeps entries without the word"
    );
    clear_filters(client, native).await;

    // An entity from the menu.
    let entities = menu_values(client, "filter-entity").await;
    let entity = entities
        .iter()
        .find(|e| {
            narrows(&FilterSpec {
                entities: vec![e.to_string()],
                ..FilterSpec::default()
            })
        })
        .unwrap_or_else(|| panic!("no entity in the menu narrows the list: {entities:?}"));
    choose(client, "filter-entity", entity).await;
    settle_filter(client, native, &format!("choosing {entity:?}"), |s| {
        s.entities == [entity.clone()]
    })
    .await;
    check_active_chip(client, entity).await;
    clear_filters(client, native).await;

    // A source from the menu: every entry left carries its chip.
    let sources = menu_values(client, "filter-source").await;
    let source = sources
        .iter()
        .find(|s| narrows(&source_spec(s)))
        .unwrap_or_else(|| panic!("no source in the menu narrows the list: {sources:?}"))
        .clone();
    choose(client, "filter-source", &source).await;
    settle_filter(
        client,
        native,
        &format!("choosing the source {source:?}"),
        |s| s.sources == [source.clone()],
    )
    .await;
    check_active_chip(client, &source).await;
    let file = source.split('#').next().unwrap_or(&source);
    let without_chip = run_js(
        client,
        "return [...document.querySelectorAll('#timeline li.event')].filter(li => \
         ![...li.querySelectorAll('button.chip')].some(c => c.dataset.file === arguments[0])).map(li => li.dataset.date);",
        vec![json!(file)],
    )
    .await;
    assert_eq!(
        without_chip,
        json!([]),
        "filtering by {source} keeps entries it does not report"
    );
    clear_filters(client, native).await;

    // Text and source together: only what both keep, fewer than either keeps alone.
    let (word, source) = SEARCH_WORDS
        .iter()
        .flat_map(|w| sources.iter().map(move |s| (*w, s.clone())))
        .find(|(w, s)| {
            let both = FilterSpec {
                text: w.to_string(),
                sources: vec![s.clone()],
                ..FilterSpec::default()
            };
            let n = native.entries(&both).len();
            n > 0
                && n < native.entries(&text_spec(w)).len()
                && n < native.entries(&source_spec(s)).len()
        })
        .expect("no search word and source keep fewer entries together than alone");
    type_search(client, word).await;
    let (_, alone_text) = settle_filter(client, native, &format!("searching {word:?}"), |s| {
        s.text == word
    })
    .await;
    choose(client, "filter-source", &source).await;
    let (_, both) = settle_filter(
        client,
        native,
        &format!("searching {word:?} within {source:?}"),
        |s| s.text == word && s.sources == [source.clone()],
    )
    .await;
    erase_search(client).await;
    let (_, alone_source) = settle_filter(
        client,
        native,
        &format!("only the source {source:?}"),
        |s| s.text.is_empty() && s.sources == [source.clone()],
    )
    .await;
    let kept: Vec<&ShownEntry> = alone_text
        .iter()
        .filter(|e| alone_source.contains(e))
        .collect();
    assert_eq!(
        both.iter().collect::<Vec<_>>(),
        kept,
        "searching {word:?} within {source:?} should keep exactly the entries each keeps"
    );
    assert!(
        both.len() < alone_text.len() && both.len() < alone_source.len(),
        "the filters did not combine: {} entries together, {} and {} alone",
        both.len(),
        alone_text.len(),
        alone_source.len()
    );
    clear_filters(client, native).await;

    // A key date: the date inputs show its day and every entry left overlaps it.
    let key_date = run_js(
        client,
        "const b = document.querySelector('#key-dates .key-date'); return b ? b.dataset.date : null;",
        vec![],
    )
    .await;
    let key_date = key_date
        .as_str()
        .expect("the sample shows no key date")
        .to_string();
    click(
        client,
        &format!("#key-dates .key-date[data-date=\"{key_date}\"]"),
    )
    .await;
    let (spec, shown) = settle_filter(
        client,
        native,
        &format!("clicking the key date {key_date}"),
        |s| s.from.is_some() && s.to.is_some(),
    )
    .await;
    assert_eq!(
        spec,
        key_date_spec(&key_date),
        "the key date {key_date} selects another stretch of time"
    );
    assert!(
        shown.len() < total,
        "the key date {key_date} keeps every entry"
    );
    for entry in &shown {
        assert!(
            overlaps(&entry.date, &spec),
            "the key date {key_date} keeps an entry on {}",
            entry.date
        );
    }
    check_date_inputs(client, &spec).await;
    clear_filters(client, native).await;

    // A stretch of the time axis: the latest one, where most of the story happened.
    let stretches = client
        .find_all(Locator::Css("#time-axis rect.axis-stretch"))
        .await
        .unwrap();
    let stretch = stretches
        .last()
        .expect("the time axis has no stretch to click");
    let label = stretch
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap_or_default();
    click_centered(client, stretch).await;
    let (spec, shown) = settle_filter(
        client,
        native,
        &format!("clicking the axis stretch {label:?}"),
        |s| s.from.is_some() && s.to.is_some(),
    )
    .await;
    assert!(
        !shown.is_empty() && shown.len() < total,
        "the axis stretch {label:?} should keep some entries but not all; it keeps {}",
        shown.len()
    );
    for entry in &shown {
        assert!(
            overlaps(&entry.date, &spec),
            "the axis stretch {label:?} keeps an entry on {}",
            entry.date
        );
    }
    check_date_inputs(client, &spec).await;
    click(client, "#axis-reset").await;
    settle_filter(client, native, "pressing All dates", FilterSpec::is_empty).await;
}

/// The active-filter chips name `name`.
async fn check_active_chip(client: &Client, name: &str) {
    let chips = run_js(
        client,
        "return [...document.querySelectorAll('#active-filters button')].map(b => b.textContent);",
        vec![],
    )
    .await;
    let chips: Vec<String> = serde_json::from_value(chips).unwrap();
    assert!(
        chips.iter().any(|c| c.contains(name)),
        "the active filters do not show {name:?}: {chips:?}"
    );
}

/// The From and To inputs show the first and last day of the filter's window.
async fn check_date_inputs(client: &Client, spec: &FilterSpec) {
    let values = run_js(
        client,
        "return [document.querySelector('#filter-from').value, document.querySelector('#filter-to').value];",
        vec![],
    )
    .await;
    let day = |v: &Option<String>| {
        v.as_deref()
            .unwrap_or("")
            .chars()
            .take(10)
            .collect::<String>()
    };
    assert_eq!(
        values,
        json!([day(&spec.from), day(&spec.to)]),
        "the date inputs do not show the filter's days"
    );
}

/// Sets text, entity, source and a key date together, then loads the page afresh from that URL
/// and the sample: the same entries come back and the inputs show the same filter.
async fn check_url_restores_the_filters(client: &Client, url: &str, native: &Native) {
    let entities = menu_values(client, "filter-entity").await;
    let sources = menu_values(client, "filter-source").await;
    let key_dates = run_js(
        client,
        "return [...document.querySelectorAll('#key-dates .key-date')].map(b => b.dataset.date);",
        vec![],
    )
    .await;
    let key_dates: Vec<String> = serde_json::from_value(key_dates).unwrap();
    let mut choice = None;
    'search: for date in &key_dates {
        for word in SEARCH_WORDS {
            for entity in &entities {
                for source in &sources {
                    let spec = FilterSpec {
                        text: word.to_string(),
                        entities: vec![entity.clone()],
                        sources: vec![source.clone()],
                        ..key_date_spec(date)
                    };
                    if !native.entries(&spec).is_empty() {
                        choice = Some((spec, date.clone()));
                        break 'search;
                    }
                }
            }
        }
    }
    let (wanted, date) = choice.expect("no filter of all four kinds keeps an entry of the sample");
    type_search(client, &wanted.text).await;
    choose(client, "filter-entity", &wanted.entities[0]).await;
    choose(client, "filter-source", &wanted.sources[0]).await;
    click(
        client,
        &format!("#key-dates .key-date[data-date=\"{date}\"]"),
    )
    .await;
    let (spec, before) = settle_filter(
        client,
        native,
        "text, entity, source and date at once",
        |s| s == &wanted,
    )
    .await;
    let (fragment, _) = fragment_spec(client).await;

    // A fresh navigation: nothing of the old page survives but the URL.
    client.goto("about:blank").await.unwrap();
    open_app(client, &format!("{url}{fragment}")).await;
    click(client, "#load-sample").await;
    let after = wait_for_entries(
        client,
        &as_entries(&before),
        &format!("reopening {fragment} and loading the sample"),
    )
    .await;
    assert_eq!(after, before);
    let (reopened, restored) = fragment_spec(client).await;
    assert_eq!(restored, spec, "reopening changed the filter in the URL");
    assert_eq!(reopened, fragment);
    let search = run_js(
        client,
        "return document.querySelector('#filter-text').value;",
        vec![],
    )
    .await;
    assert_eq!(
        search,
        json!(spec.text),
        "the reopened page does not show the search words"
    );
    check_active_chip(client, &spec.entities[0]).await;
    check_active_chip(client, &spec.sources[0]).await;
    check_date_inputs(client, &spec).await;
    // A bookmark shows this: `#q=…&entity=…`, the filter and nothing else.
    assert_eq!(
        fragment,
        spec.to_fragment(),
        "the URL fragment should be the filter written once, `#q=…&entity=…`, and nothing else"
    );
}

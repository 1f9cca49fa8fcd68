//! Accessibility and looks: axe-core audits the sample's timeline, the open reader, the quotes
//! and the coverage views, in light mode and in dark mode, and the same views are photographed
//! on a desktop and a 390 px phone under target/screenshots/ for a person to look at. Serious and
//! critical violations fail the test; every violation is printed. axe-core comes from npm
//! (`cargo verify` installs it into target/tools) and is injected through WebDriver, which the
//! page's Content-Security-Policy does not govern.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use fantoccini::wd::TimeoutConfiguration;
use serde_json::{Value, json};

use crate::browser::{
    Driver, click_centered, run_js, save_png, save_screenshot, set_viewport, wait_for, with_browser,
};
use crate::{
    SHARED_DAY, SUB_PATH, check_app_still_alive, check_server_log, close_reader, dist_dir,
    open_app, server, wait_for_settled_sources,
};

/// Where `cargo verify` installs axe-core.
const AXE: &str = "target/tools/node_modules/axe-core/axe.min.js";

/// The phone width the layout must work at.
const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 900);

/// One violation axe found in one view.
#[derive(Debug, Clone)]
struct Violation {
    view: String,
    id: String,
    impact: String,
    nodes: u64,
    help: String,
    targets: Vec<String>,
    /// What axe says is wrong with the first element.
    detail: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_passes_axe_in_light_and_dark_and_is_photographed_on_desktop_and_phone() {
    let axe_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(AXE);
    let axe = std::fs::read_to_string(&axe_path).unwrap_or_else(|e| {
        panic!(
            "cannot read axe-core at {}: {e}; `cargo verify` installs it (npm install axe-core \
             into target/tools)",
            axe_path.display()
        )
    });
    let server = server::serve(dist_dir(), SUB_PATH).await;
    let (url, proxy) = (server.url.clone(), server.proxy.clone());
    with_browser("looks", &proxy, move |client, driver| async move {
        client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(180)),
                None,
                None,
            ))
            .await
            .unwrap();
        open_app(&client, &url).await;
        client
            .find(fantoccini::Locator::Id("load-sample"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_settled_sources(&client, 5).await;
        wait_for(
            &client,
            "document.querySelectorAll('#timeline li.event').length > 1",
            "the sample's timeline",
        )
        .await;
        let mut violations = Vec::new();
        let mut too_wide = Vec::new();
        let mut backgrounds = Vec::new();
        for scheme in ["light", "dark"] {
            set_color_scheme(&client, &driver, scheme).await;
            backgrounds.push(page_background(&client).await);
            let (found, wide) = audit_and_photograph(&client, &driver, &axe, scheme).await;
            violations.extend(found);
            too_wide.extend(wide);
        }
        assert_ne!(
            backgrounds[0], backgrounds[1],
            "the page looks the same in dark mode as in light mode"
        );
        println!("axe-core: every violation found, by view:");
        if violations.is_empty() {
            println!("    none");
        }
        for v in &violations {
            println!(
                "    {}: {} ({}) on {} element{}: {}; first: {}; {}",
                v.view,
                v.id,
                v.impact,
                v.nodes,
                if v.nodes == 1 { "" } else { "s" },
                v.help,
                v.targets.join(" | "),
                v.detail
            );
        }
        let serious: Vec<String> = violations
            .iter()
            .filter(|v| v.impact == "serious" || v.impact == "critical")
            .map(|v| {
                format!(
                    "{}: {} ({}) on {} elements — {}: {}; {}",
                    v.view,
                    v.id,
                    v.impact,
                    v.nodes,
                    v.help,
                    v.targets.join(" | "),
                    v.detail
                )
            })
            .collect();
        // One assertion for both, so a run lists every problem a user would meet.
        let mut problems = Vec::new();
        if !serious.is_empty() {
            problems.push(format!(
                "axe-core finds serious or critical accessibility problems:\n{}",
                serious.join("\n")
            ));
        }
        if !too_wide.is_empty() {
            problems.push(format!(
                "at {} px wide the page scrolls sideways, hiding part of every line:\n{}",
                PHONE.0,
                too_wide.join("\n")
            ));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n\n"));
        check_app_still_alive(&client).await;
    })
    .await;
    check_server_log(&server);
}

/// Makes the page see `prefers-color-scheme: scheme`, through the DevTools emulation a real
/// system setting would drive, and checks the page sees it.
async fn set_color_scheme(client: &Client, driver: &Driver, scheme: &str) {
    driver
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
    let seen = run_js(
        client,
        "return matchMedia('(prefers-color-scheme: dark)').matches;",
        vec![],
    )
    .await;
    assert_eq!(
        seen,
        json!(scheme == "dark"),
        "the page does not see prefers-color-scheme: {scheme}"
    );
}

/// The colour the page's body is painted in.
async fn page_background(client: &Client) -> String {
    // Give the style change a frame to apply.
    tokio::time::sleep(Duration::from_millis(200)).await;
    run_js(
        client,
        "return getComputedStyle(document.body).backgroundColor + ' / ' + getComputedStyle(document.documentElement).backgroundColor;",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Audits and photographs the timeline, the reader, the quotes and the coverage in `scheme`;
/// returns axe's violations and the views too wide for a phone.
async fn audit_and_photograph(
    client: &Client,
    driver: &Driver,
    axe: &str,
    scheme: &str,
) -> (Vec<Violation>, Vec<String>) {
    let mut found = Vec::new();
    let mut wide = Vec::new();
    let (w, h) = DESKTOP;

    show_tab(client, "tab-timeline", "#timeline li.event").await;
    set_viewport(client, w, h).await;
    found.extend(audit(client, axe, &format!("timeline, {scheme}")).await);
    save_screenshot(client, &format!("desktop-{scheme}"), w, h).await;
    save_whole_page(client, &format!("desktop-full-{scheme}"), w).await;
    set_viewport(client, w, h).await;
    wide.extend(photograph_phone(client, driver, &format!("mobile-{scheme}"), None).await);
    wide.extend(
        photograph_phone(
            client,
            driver,
            &format!("mobile-timeline-{scheme}"),
            Some("#main-view"),
        )
        .await,
    );

    open_reader(client).await;
    found.extend(audit(client, axe, &format!("reader open, {scheme}")).await);
    save_screenshot(client, &format!("reader-desktop-{scheme}"), w, h).await;
    wide.extend(photograph_phone(client, driver, &format!("reader-mobile-{scheme}"), None).await);
    close_reader(client).await;

    show_tab(client, "tab-quotes", "#quotes li.quote").await;
    found.extend(audit(client, axe, &format!("quotes, {scheme}")).await);
    scroll_to(client, "#main-view").await;
    save_screenshot(client, &format!("quotes-{scheme}"), w, h).await;
    wide.extend(
        photograph_phone(
            client,
            driver,
            &format!("quotes-mobile-{scheme}"),
            Some("#main-view"),
        )
        .await,
    );

    show_tab(
        client,
        "tab-coverage",
        "#coverage-matrix rect, #coverage-sources li",
    )
    .await;
    found.extend(audit(client, axe, &format!("coverage, {scheme}")).await);
    scroll_to(client, "#main-view").await;
    save_screenshot(client, &format!("coverage-{scheme}"), w, h).await;
    wide.extend(
        photograph_phone(
            client,
            driver,
            &format!("coverage-mobile-{scheme}"),
            Some("#main-view"),
        )
        .await,
    );
    show_tab(client, "tab-timeline", "#timeline li.event").await;
    (found, wide)
}

/// Scrolls the first element matching `selector` to the top of the window.
async fn scroll_to(client: &Client, selector: &str) {
    run_js(
        client,
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return true;",
        vec![json!(selector)],
    )
    .await;
}

/// Shows the page as a phone does (390 CSS px wide, the viewport meta tag honoured, overlay
/// scrollbars) through DevTools device emulation, scrolled to `scroll` if given, saves a
/// screenshot, and reports anything sticking out sideways: a page that scrolls horizontally
/// hides part of every line. Then turns the emulation off again.
async fn photograph_phone(
    client: &Client,
    driver: &Driver,
    name: &str,
    scroll: Option<&str>,
) -> Option<String> {
    let (width, height) = PHONE;
    driver
        .cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true }),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    if let Some(selector) = scroll {
        scroll_to(client, selector).await;
    }
    save_png(client, name).await;
    // A page wider than the phone makes the browser widen its layout viewport (innerWidth),
    // so the page pans sideways and fixed panes, sized to that viewport, are cut at the
    // screen's edge. Elements inside a scrolling box are that box's business, not the page's.
    let wide = run_js(
        client,
        r##"const width = arguments[0];
           const inScroller = el => {
               for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                   if (getComputedStyle(a).overflowX !== "visible") { return true; }
               }
               return false;
           };
           const out = [...document.querySelectorAll("body *")].filter(el => {
               const r = el.getBoundingClientRect();
               return r.width > 0 && r.height > 0 && r.right > width + 1 && !inScroller(el);
           }).slice(0, 6).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
               + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "")
               + " (" + Math.round(el.getBoundingClientRect().right) + " px)");
           return { scroll: Math.max(document.documentElement.scrollWidth, window.innerWidth), width, out };"##,
        vec![json!(width)],
    )
    .await;
    driver
        .cdp("Emulation.clearDeviceMetricsOverride", json!({}))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (scroll, screen) = (
        wide["scroll"].as_u64().unwrap_or(0),
        wide["width"].as_u64().unwrap_or(0),
    );
    (scroll > screen).then(|| {
        format!(
            "{name}: the page is {scroll} px wide on a {screen} px screen; sticking out: {}",
            wide["out"]
        )
    })
}

/// Saves the whole page, `width` wide, as one tall screenshot (at most 6,000 px).
async fn save_whole_page(client: &Client, name: &str, width: u32) {
    let height = run_js(
        client,
        "return document.documentElement.scrollHeight;",
        vec![],
    )
    .await;
    let height = height.as_u64().unwrap_or(900).clamp(900, 6000) as u32;
    run_js(client, "window.scrollTo(0, 0); return true;", vec![]).await;
    save_screenshot(client, name, width, height).await;
}

/// Clicks the tab `id` and waits for `ready` to match in its panel.
async fn show_tab(client: &Client, id: &str, ready: &str) {
    let tab = client
        .find(fantoccini::Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("there is no tab #{id}: {e}"));
    click_centered(client, &tab).await;
    wait_for(
        client,
        &format!(
            "document.querySelector('#{id}').getAttribute('aria-selected') === 'true' \
             && document.querySelector({ready:?})"
        ),
        &format!("the tab #{id} to show {ready}"),
    )
    .await;
    run_js(client, "window.scrollTo(0, 0); return true;", vec![]).await;
}

/// Opens the shared day's first source in the reader and waits for its highlight.
async fn open_reader(client: &Client) {
    let chip = client
        .find(fantoccini::Locator::Css(&format!(
            "#timeline li.event[data-date=\"{SHARED_DAY}\"] button.chip"
        )))
        .await
        .unwrap();
    click_centered(client, &chip).await;
    wait_for(
        client,
        "document.querySelector('#reader.open mark.hl-current')",
        "the reader to open at the highlighted sentence",
    )
    .await;
}

/// Runs axe-core on the whole page and returns its violations, tagged with `view`.
async fn audit(client: &Client, axe: &str, view: &str) -> Vec<Violation> {
    let loaded = run_js(
        client,
        &format!("if (!window.axe) {{ {axe}\n }} return typeof window.axe;"),
        vec![],
    )
    .await;
    assert_eq!(
        loaded,
        json!("object"),
        "axe-core did not load into the page"
    );
    let result = client
        .execute_async(
            r##"const done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ["violations"] }).then(
                   r => done({ violations: r.violations.map(v => ({
                       id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
                       targets: v.nodes.slice(0, 4).map(n => n.target.join(" ")),
                       detail: (v.nodes[0] && v.nodes[0].failureSummary || "").replace(/\s+/g, " ") })) }),
                   e => done({ error: String(e) }));"##,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("axe-core did not finish on the {view} view: {e}"));
    assert!(
        result["error"].is_null(),
        "axe-core failed on the {view} view: {}",
        result["error"]
    );
    result["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v: &Value| Violation {
            view: view.to_string(),
            id: v["id"].as_str().unwrap_or("").to_string(),
            impact: v["impact"].as_str().unwrap_or("").to_string(),
            nodes: v["nodes"].as_u64().unwrap_or(0),
            help: v["help"].as_str().unwrap_or("").to_string(),
            targets: serde_json::from_value(v["targets"].clone()).unwrap_or_default(),
            detail: v["detail"].as_str().unwrap_or("").to_string(),
        })
        .collect()
}

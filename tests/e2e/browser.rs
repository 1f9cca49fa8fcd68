//! Headless Chromium through chromedriver: start it, run a test body, and always close the
//! session and stop chromedriver afterwards, even when the body panics. Also the page-level
//! actions the tests share: waiting for a state, dropping files, key presses, Chrome DevTools
//! commands (dark mode) and screenshots.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, Command};

/// How long to wait for the app to reach a state before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Flags this machine needs: it runs as root, and the network beyond loopback is closed.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    // Chromium still calls home without these; the test proxy would see it as a leak.
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-extensions",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--disable-field-trial-config",
    "--disable-features=AutofillServerCommunication,NetworkTimeServiceQuerying,PreconnectToSearch,OptimizationHints,Translate,MediaRouter,CertificateTransparencyComponentUpdater,SigninInterceptBubble,ChromeSignin",
];

/// Set while a browser runs. The tests take turns: on two cores, two Chromiums at once starve
/// each other, which skews the timings printed and stretches every wait.
static BROWSER_BUSY: AtomicBool = AtomicBool::new(false);

/// Holds the browser turn; dropping it hands the turn on, also when a test panics.
struct BrowserTurn;

impl BrowserTurn {
    async fn take() -> BrowserTurn {
        while BROWSER_BUSY
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        BrowserTurn
    }
}

impl Drop for BrowserTurn {
    fn drop(&mut self) {
        BROWSER_BUSY.store(false, Ordering::Release);
    }
}

/// The chromedriver behind a session, for the commands fantoccini has no call for.
#[derive(Clone, Debug)]
pub struct Driver {
    port: u16,
    session: String,
}

impl Driver {
    /// Runs a Chrome DevTools Protocol command in the page through chromedriver's
    /// `goog/cdp/execute` endpoint and returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params }).to_string();
        let request = format!(
            "POST /session/{}/goog/cdp/execute HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            self.session,
            self.port,
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .unwrap_or_else(|e| panic!("cannot reach chromedriver for {command}: {e}"));
        stream.write_all(request.as_bytes()).await.unwrap();
        let response = tokio::time::timeout(PATIENCE, read_response(&mut stream))
            .await
            .unwrap_or_else(|_| panic!("chromedriver did not answer {command}"));
        let response = String::from_utf8_lossy(&response);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        assert!(
            head.starts_with("HTTP/1.1 200"),
            "chromedriver refused {command}: {head}\n{body}"
        );
        let answer: Value = serde_json::from_str(body)
            .unwrap_or_else(|e| panic!("chromedriver's answer to {command} is not JSON: {e}"));
        answer["value"].clone()
    }
}

/// Reads one HTTP response: its head, then as many body bytes as its Content-Length says
/// (chromedriver keeps the connection open, so reading to the end would wait forever).
async fn read_response(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut response = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = stream.read(&mut buf).await.unwrap_or(0);
        if n == 0 {
            return response;
        }
        response.extend_from_slice(&buf[..n]);
        let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        if let Some(length) = length
            && response.len() >= end + 4 + length
        {
            return response;
        }
    }
}

/// Scrolls `element` to the middle of the window, as a person brings into view what they are
/// about to click, and clicks it. Clicking at the window's edge would hit the sticky headings.
pub async fn click_centered(client: &Client, element: &fantoccini::elements::Element) {
    client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' }); return true;",
            vec![serde_json::to_value(element).unwrap()],
        )
        .await
        .unwrap();
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {element:?}: {e}"));
}

/// Runs `body` with a fresh headless Chromium that sends every request, loopback included,
/// through `proxy`; then cleans up and re-raises any panic.
pub async fn with_browser<F, Fut>(name: &str, proxy: &str, body: F)
where
    F: FnOnce(Client, Driver) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let _turn = BrowserTurn::take().await;
    let failure_png = screenshot_dir().join(format!("{name}-failure.png"));
    let _ = std::fs::remove_file(&failure_png);
    let (mut driver, port) = start_chromedriver().await;
    let profile = fresh_profile(name);
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push(format!("--proxy-server={proxy}"));
    // Chromium bypasses the proxy for loopback unless told not to.
    args.push("--proxy-bypass-list=<-loopback>".into());
    let downloads = downloads_dir(name);
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let mut options = json!({
        "args": args,
        "prefs": {
            "download.default_directory": downloads.to_string_lossy(),
            "download.prompt_for_download": false,
        },
    });
    if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await;
    let client = match client {
        Ok(client) => client,
        Err(e) => {
            let _ = driver.kill().await;
            panic!("could not open a Chromium session through chromedriver: {e}");
        }
    };
    let session = client.session_id().await.ok().flatten().unwrap_or_default();
    let driver_handle = Driver { port, session };
    // The body runs in its own task so that a failed assertion still reaches the cleanup below.
    let outcome = tokio::spawn(body(client.clone(), driver_handle)).await;
    if outcome.is_err() {
        // What the page looked like when the test failed is the first thing to look at.
        if let Ok(png) = client.screenshot().await {
            let _ = std::fs::write(&failure_png, png);
        }
    }
    let _ = client.close().await;
    let _ = driver.kill().await;
    let _ = std::fs::remove_dir_all(&profile);
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("the browser test task was cancelled: {e}");
    }
}

/// Where the browser of the test `name` saves downloads.
pub fn downloads_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("downloads-{name}"))
}

fn fresh_profile(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-profile-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts chromedriver (from `CHROMEDRIVER` or PATH) on a free port and waits until it listens.
async fn start_chromedriver() -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = Command::new(&program)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "could not start `{program}` (install chromium-driver, or run `cargo verify`): {e}"
            )
        });
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < PATIENCE,
            "chromedriver did not listen on port {port}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (child, port)
}

/// Evaluates `expression` in the page until it is truthy, failing with `what` after PATIENCE.
pub async fn wait_for(client: &Client, expression: &str, what: &str) -> Value {
    wait_for_within(client, expression, what, PATIENCE).await
}

/// Evaluates `expression` in the page until it is truthy, failing with `what` after `patience`.
pub async fn wait_for_within(
    client: &Client,
    expression: &str,
    what: &str,
    patience: Duration,
) -> Value {
    let started = Instant::now();
    let script = format!("return ({expression});");
    loop {
        let value = client.execute(&script, vec![]).await;
        match value {
            Ok(v) if truthy(&v) => return v,
            Ok(_) | Err(_) if started.elapsed() < patience => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Ok(v) => panic!("timed out waiting for {what}: `{expression}` is {v}"),
            Err(e) => panic!("timed out waiting for {what}: `{expression}` failed: {e}"),
        }
    }
}

/// Evaluates `script` (which uses `return`) with `args` and returns its value.
pub async fn run_js(client: &Client, script: &str, args: Vec<Value>) -> Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// Drops `files` (name and bytes) on `selector` as a real drop: a DataTransfer holding File
/// objects, dispatched as dragenter, dragover and drop.
pub async fn drop_files(client: &Client, selector: &str, files: &[(String, Vec<u8>)]) {
    dispatch_drop(client, selector, files, false).await;
}

/// Drops `files` like [`drop_files`] and times, inside the page with `performance.now()`, from
/// just before the drop is dispatched to the first timeline entry in the DOM and to the frame
/// that paints it. Returns at once; [`drop_timing`] waits for the figures.
pub async fn drop_files_timed(client: &Client, selector: &str, files: &[(String, Vec<u8>)]) {
    dispatch_drop(client, selector, files, true).await;
}

/// Milliseconds from the timed drop to the first `#timeline li.event` in the DOM, and to the
/// animation frame after it, waiting up to `patience` for them.
pub async fn drop_timing(client: &Client, patience: Duration) -> (f64, f64) {
    let timing = wait_for_within(
        client,
        "window.__e2eDrop && window.__e2eDrop.painted !== null && window.__e2eDrop",
        "the first timeline entry after the drop",
        patience,
    )
    .await;
    let ms = |key: &str| timing[key].as_f64().unwrap() - timing["start"].as_f64().unwrap();
    (ms("shown"), ms("painted"))
}

async fn dispatch_drop(client: &Client, selector: &str, files: &[(String, Vec<u8>)], timed: bool) {
    // Text goes over as a string, which is far smaller than a list of byte values.
    let files: Vec<Value> = files
        .iter()
        .map(|(name, bytes)| match std::str::from_utf8(bytes) {
            Ok(text) => json!([name, text]),
            Err(_) => json!([name, bytes]),
        })
        .collect();
    let script = r##"
        const [selector, files, timed] = arguments;
        const target = document.querySelector(selector);
        if (!target) { return "no element matches " + selector; }
        const transfer = new DataTransfer();
        for (const [name, contents] of files) {
            const part = typeof contents === "string" ? contents : new Uint8Array(contents);
            transfer.items.add(new File([part], name, { type: "text/plain" }));
        }
        if (timed) {
            const timing = { start: 0, progress: null, shown: null, painted: null };
            window.__e2eDrop = timing;
            const seen = () => {
                if (timing.progress === null && document.querySelector("#progress")) {
                    timing.progress = performance.now();
                }
                if (timing.shown !== null || !document.querySelector("#timeline li.event")) { return; }
                timing.shown = performance.now();
                observer.disconnect();
                requestAnimationFrame(() => { timing.painted = performance.now(); });
            };
            const observer = new MutationObserver(seen);
            observer.observe(document.body, { childList: true, subtree: true });
            timing.start = performance.now();
        }
        for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        return "dropped";
    "##;
    let result = run_js(
        client,
        script,
        vec![json!(selector), json!(files), json!(timed)],
    )
    .await;
    assert_eq!(
        result,
        json!("dropped"),
        "could not drop files on {selector}"
    );
}

/// Presses and releases each key in turn, as typed on a real keyboard: the events go to
/// whatever has focus, through the browser's own input pipeline.
pub async fn press_keys(client: &Client, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("could not press {keys:?}: {e}"));
}

/// Saves a screenshot of a `width` x `height` viewport as target/screenshots/NAME.png.
pub async fn save_screenshot(client: &Client, name: &str, width: u32, height: u32) {
    set_viewport(client, width, height).await;
    save_png(client, name).await;
}

/// Saves what the page shows now as target/screenshots/NAME.png.
pub async fn save_png(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

/// Resizes the window so that the page itself, not the window frame, is `width` x `height`.
pub async fn set_viewport(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.unwrap();
    let inner = run_js(
        client,
        "return [window.innerWidth, window.innerHeight];",
        vec![],
    )
    .await;
    let frame = |i: usize, want: u32| {
        let got = inner[i].as_u64().unwrap_or(u64::from(want));
        u32::try_from(u64::from(want).saturating_sub(got)).unwrap_or(0)
    };
    let (extra_w, extra_h) = (frame(0, width), frame(1, height));
    if extra_w > 0 || extra_h > 0 {
        client
            .set_window_size(width + extra_w, height + extra_h)
            .await
            .unwrap();
    }
    // Give the layout a moment to settle at the new size.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// target/screenshots/, created on first use.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

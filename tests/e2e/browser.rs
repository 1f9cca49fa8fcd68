//! Headless Chromium through chromedriver: start it, run a test body, and always close the
//! session and stop chromedriver afterwards, even when the body panics.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
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

/// Runs `body` with a fresh headless Chromium that sends every request, loopback included,
/// through `proxy`; then cleans up and re-raises any panic.
pub async fn with_browser<F, Fut>(name: &str, proxy: &str, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
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
    // The body runs in its own task so that a failed assertion still reaches the cleanup below.
    let outcome = tokio::spawn(body(client.clone())).await;
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
    let started = Instant::now();
    let script = format!("return ({expression});");
    loop {
        let value = client.execute(&script, vec![]).await;
        match value {
            Ok(v) if truthy(&v) => return v,
            Ok(_) | Err(_) if started.elapsed() < PATIENCE => {
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
    let files: Vec<Value> = files
        .iter()
        .map(|(name, bytes)| json!([name, bytes]))
        .collect();
    let script = r#"
        const [selector, files] = arguments;
        const target = document.querySelector(selector);
        if (!target) { return "no element matches " + selector; }
        const transfer = new DataTransfer();
        for (const [name, bytes] of files) {
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "text/plain" }));
        }
        for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        return "dropped";
    "#;
    let result = run_js(client, script, vec![json!(selector), json!(files)]).await;
    assert_eq!(
        result,
        json!("dropped"),
        "could not drop files on {selector}"
    );
}

/// Saves a screenshot of a `width` x `height` viewport as target/screenshots/NAME.png.
pub async fn save_screenshot(client: &Client, name: &str, width: u32, height: u32) {
    set_viewport(client, width, height).await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

/// Resizes the window so that the page itself, not the window frame, is `width` x `height`.
async fn set_viewport(client: &Client, width: u32, height: u32) {
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

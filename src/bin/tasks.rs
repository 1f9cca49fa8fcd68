//! Developer tasks behind `cargo start` and `cargo verify`: install the missing tools, then serve
//! the app or run every check in order. It runs on the host only and never edits the sources.
//!
//! Every install is guarded by a version check, so running either command again installs nothing.
//! Installs run one after another: two `cargo install`s in parallel take longer than in sequence.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    host::run()
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use std::ffi::OsString;
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::process::{Command, ExitCode, Stdio};
    use std::time::{Duration, Instant};

    /// Trunk 0.22 needs a newer rustc than this project pins, so Trunk stays on 0.21.
    const TRUNK_VERSION: &str = "0.21.14";
    /// Trunk.toml pins `wasm_opt = "version_132"`, so an older wasm-opt is refused, not used.
    const BINARYEN_VERSION: &str = "132.0.0";
    /// The accessibility engine the end-to-end test injects into the page.
    const AXE_CORE_VERSION: &str = "4.14.1";
    const WASM_TARGET: &str = "wasm32-unknown-unknown";
    const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

    /// A failed step, named for the person reading the terminal.
    struct Failure(String);

    type Outcome = Result<(), Failure>;

    /// One check of `cargo verify`.
    enum Check {
        /// `cargo` with these arguments.
        Cargo(&'static [&'static str]),
        /// A fresh release build of the app into dist/.
        ReleaseBuild,
        /// Prints the size of the release wasm, raw and gzipped.
        WasmSize,
    }

    /// Every check, in order: fast ones first, so a typo fails in seconds, not minutes.
    fn verify_checks() -> Vec<(&'static str, Check)> {
        vec![
            ("cargo fmt --check", Check::Cargo(&["fmt", "--check"])),
            (
                "clippy (host)",
                // The e2e test is `test = false`, so `--all-targets` alone would not lint it.
                Check::Cargo(&[
                    "clippy",
                    "--all-targets",
                    "--test",
                    "e2e",
                    "--",
                    "-D",
                    "warnings",
                ]),
            ),
            (
                "clippy (wasm32)",
                // Benches use divan, which is a host-only dev-dependency.
                Check::Cargo(&[
                    "clippy",
                    "--target",
                    WASM_TARGET,
                    "--lib",
                    "--bins",
                    "--tests",
                    "--test",
                    "e2e",
                    "--",
                    "-D",
                    "warnings",
                ]),
            ),
            // The e2e test is `test = false`: it needs the fresh dist/ built below.
            ("host tests", Check::Cargo(&["test", "--all-targets"])),
            ("doc tests", Check::Cargo(&["test", "--doc"])),
            (
                "fetch crates for the offline build",
                Check::Cargo(&["fetch"]),
            ),
            ("trunk build --release", Check::ReleaseBuild),
            (
                "browser tests (wasm-bindgen-test, headless Chromium)",
                // Every wasm-bindgen test lives in the library (src/web/); compiling the CLI and
                // the fixture tests for wasm32 as well would only cost minutes.
                Check::Cargo(&["test", "--target", WASM_TARGET, "--lib"]),
            ),
            (
                "end-to-end browser test",
                Check::Cargo(&["test", "--test", "e2e"]),
            ),
            ("release wasm size", Check::WasmSize),
        ]
    }

    /// Which tools a command needs.
    #[derive(Clone, Copy, PartialEq)]
    enum Toolset {
        /// What `cargo start` needs to build and serve the app.
        App,
        /// The app's tools plus headless Chromium and chromedriver for the browser tests.
        AppAndBrowser,
    }

    pub fn run() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let Some(command) = args.first() else {
            eprintln!("usage: cargo start [TRUNK SERVE ARGS] | cargo verify");
            return ExitCode::from(2);
        };
        let tasks = Tasks::new();
        let started = Instant::now();
        let outcome = match command.as_str() {
            "start" => tasks.start(&args[1..]),
            "verify" => tasks.verify(),
            "install" => tasks.install(Toolset::App),
            other => Err(Failure(format!(
                "unknown task `{other}`: use `cargo start` or `cargo verify`"
            ))),
        };
        match outcome {
            Ok(()) => {
                println!("\n{command}: all done in {}", seconds(started.elapsed()));
                ExitCode::SUCCESS
            }
            Err(Failure(message)) => {
                eprintln!("\n{command} FAILED: {message}");
                ExitCode::FAILURE
            }
        }
    }

    struct Tasks {
        root: PathBuf,
        /// PATH with the project's own tool folder and cargo's bin folder in front.
        path: OsString,
    }

    impl Tasks {
        fn new() -> Self {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            let cargo_bin = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
                .map(|home| home.join("bin"));
            let mut dirs = vec![root.join("target/tools/node_modules/.bin")];
            dirs.extend(cargo_bin);
            dirs.extend(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ));
            let path = std::env::join_paths(dirs).unwrap_or_default();
            Tasks { root, path }
        }

        /// A command that runs in the repository root and finds the project's tools first.
        fn command(&self, program: &str) -> Command {
            let mut command = Command::new(program);
            command
                .current_dir(&self.root)
                .env("PATH", &self.path)
                .env("TRUNK_SKIP_VERSION_CHECK", "true");
            command
        }

        fn start(&self, serve_args: &[String]) -> Outcome {
            self.install(Toolset::App)?;
            step("fetch crates for offline builds", || {
                self.run(self.command("cargo").arg("fetch"))
            })?;
            println!(
                "\n==> serving the app; click \"Try the sample\" to load the five seed articles"
            );
            self.run(
                self.command("trunk")
                    .args(["serve", "--offline"])
                    .args(serve_args),
            )
        }

        fn verify(&self) -> Outcome {
            let started = Instant::now();
            self.install(Toolset::AppAndBrowser)?;
            let checks = verify_checks();
            let total = checks.len();
            for (n, (name, check)) in checks.into_iter().enumerate() {
                let label = format!("[{}/{total}] {name}", n + 1);
                step(&label, || match check {
                    Check::Cargo(args) => self.run(
                        self.command("cargo")
                            .args(args)
                            .env("CHROMEDRIVER", CHROMEDRIVER)
                            .env(
                                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                                self.root.join("tests/webdriver.json"),
                            ),
                    ),
                    Check::ReleaseBuild => self.build_release(),
                    Check::WasmSize => self.report_wasm_size(),
                })
                .map_err(|Failure(why)| Failure(format!("step {label}: {why}")))?;
            }
            println!(
                "\nverify: every check passed in {}",
                seconds(started.elapsed())
            );
            Ok(())
        }

        fn build_release(&self) -> Outcome {
            // A stale dist/ must not let the end-to-end test pass against an old build.
            let dist = self.root.join("dist");
            if dist.exists() {
                std::fs::remove_dir_all(&dist)
                    .map_err(|e| Failure(format!("could not remove the old dist/: {e}")))?;
            }
            self.run(self.command("trunk").args([
                "build",
                "--release",
                "--offline",
                "--public-url",
                "./",
            ]))
        }

        fn report_wasm_size(&self) -> Outcome {
            let dist = self.root.join("dist");
            let entries = std::fs::read_dir(&dist)
                .map_err(|e| Failure(format!("could not read {}: {e}", dist.display())))?;
            let mut wasm: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
                .collect();
            wasm.sort();
            if wasm.is_empty() {
                return Err(Failure("dist/ holds no .wasm file".into()));
            }
            for file in wasm {
                let raw = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
                let gzipped = gzipped_size(&file)?;
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                println!(
                    "    {name}: {} raw, {} gzipped (gzip -9)",
                    kilobytes(raw),
                    kilobytes(gzipped)
                );
            }
            Ok(())
        }

        /// Installs what `toolset` needs that is not already there, at the pinned versions.
        fn install(&self, toolset: Toolset) -> Outcome {
            step("rust components and the wasm32 target", || {
                self.ensure_rust_parts()
            })?;
            // apt-get runs once, for everything missing, so its index is updated only once.
            let mut packages = Vec::new();
            if !self.found("npm", &["--version"]) {
                packages.push("npm");
            }
            if toolset == Toolset::AppAndBrowser
                && !(Path::new(CHROMEDRIVER).exists() && self.found("chromium", &["--version"]))
            {
                packages.extend(["chromium", "chromium-driver"]);
            }
            step("Debian packages", || self.ensure_apt(&packages))?;
            let wasm_bindgen = self.locked_wasm_bindgen()?;
            self.check_trunk_pin(&wasm_bindgen)?;
            step(&format!("wasm-bindgen-cli {wasm_bindgen}"), || {
                self.ensure_cargo_tool(
                    "wasm-bindgen",
                    &format!("wasm-bindgen {wasm_bindgen}"),
                    &["wasm-bindgen-cli", "--version", &wasm_bindgen],
                )
            })?;
            step(&format!("trunk {TRUNK_VERSION}"), || {
                self.ensure_cargo_tool(
                    "trunk",
                    &format!("trunk {TRUNK_VERSION}"),
                    &["trunk", "--locked", "--version", TRUNK_VERSION],
                )
            })?;
            step(&format!("wasm-opt (binaryen {BINARYEN_VERSION})"), || {
                self.ensure_wasm_opt()
            })?;
            if toolset == Toolset::AppAndBrowser {
                step(
                    &format!("axe-core {AXE_CORE_VERSION} (accessibility audits)"),
                    || self.ensure_axe_core(),
                )?;
            }
            Ok(())
        }

        fn ensure_rust_parts(&self) -> Outcome {
            let installed = self.output("rustup", &["target", "list", "--installed"]);
            if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
                self.run(self.command("rustup").args(["target", "add", WASM_TARGET]))?;
            }
            if !self.found("cargo", &["fmt", "--version"])
                || !self.found("cargo", &["clippy", "--version"])
            {
                self.run(
                    self.command("rustup")
                        .args(["component", "add", "rustfmt", "clippy"]),
                )?;
            }
            println!("    wasm32 target, rustfmt and clippy present");
            Ok(())
        }

        fn ensure_apt(&self, packages: &[&str]) -> Outcome {
            if packages.is_empty() {
                println!("    nothing missing");
                return Ok(());
            }
            let list = packages.join(" ");
            println!("    installing {list}");
            let script = format!(
                "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends {list}"
            );
            self.run(self.command("sh").args(["-c", &script]))
                .map_err(|Failure(why)| {
                    Failure(format!(
                        "{why}; install {list} yourself (apt-get needs root)"
                    ))
                })
        }

        /// Reads the wasm-bindgen version from Cargo.lock, which the CLI must match exactly.
        fn locked_wasm_bindgen(&self) -> Result<String, Failure> {
            let lock = std::fs::read_to_string(self.root.join("Cargo.lock"))
                .map_err(|e| Failure(format!("could not read Cargo.lock: {e}")))?;
            let mut lines = lock.lines();
            while let Some(line) = lines.next() {
                if line.trim() == r#"name = "wasm-bindgen""# {
                    let version = lines
                        .next()
                        .and_then(|l| l.trim().strip_prefix("version = \""))
                        .and_then(|v| v.strip_suffix('"'));
                    if let Some(version) = version {
                        return Ok(version.to_string());
                    }
                }
            }
            Err(Failure("Cargo.lock names no wasm-bindgen version".into()))
        }

        /// Trunk downloads a wasm-bindgen it cannot find, and downloads fail on a closed network,
        /// so Trunk.toml must name the locked version.
        fn check_trunk_pin(&self, locked: &str) -> Outcome {
            let trunk = std::fs::read_to_string(self.root.join("Trunk.toml"))
                .map_err(|e| Failure(format!("could not read Trunk.toml: {e}")))?;
            let pinned = format!(r#"wasm_bindgen = "{locked}""#);
            if trunk.lines().any(|l| l.trim() == pinned) {
                Ok(())
            } else {
                Err(Failure(format!(
                    "Trunk.toml must say `{pinned}` under [tools], to match Cargo.lock"
                )))
            }
        }

        fn ensure_cargo_tool(&self, binary: &str, expect: &str, install_args: &[&str]) -> Outcome {
            let found = self.output(binary, &["--version"]);
            if found.trim() == expect {
                println!("    {expect} present");
                return Ok(());
            }
            if !found.is_empty() {
                println!("    found {}, want {expect}", found.trim());
            }
            // A release build without LTO and with parallel codegen installs minutes sooner.
            self.run(
                self.command("cargo")
                    .arg("install")
                    .args(install_args)
                    .env("CARGO_PROFILE_RELEASE_LTO", "off")
                    .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
            )?;
            let now = self.output(binary, &["--version"]);
            if now.trim() != expect {
                return Err(Failure(format!(
                    "after installing, `{binary} --version` says `{}`, not `{expect}`",
                    now.trim()
                )));
            }
            Ok(())
        }

        fn ensure_wasm_opt(&self) -> Outcome {
            let tools = self.root.join("target/tools");
            let binary = tools.join("node_modules/.bin/wasm-opt");
            let want = format!("version {}", major(BINARYEN_VERSION));
            let found = self.output(&binary.to_string_lossy(), &["--version"]);
            if found.contains(&want) {
                println!("    {} present", found.trim());
                return Ok(());
            }
            std::fs::create_dir_all(&tools)
                .map_err(|e| Failure(format!("could not create {}: {e}", tools.display())))?;
            self.run(self.command("npm").args([
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &tools.to_string_lossy(),
                &format!("binaryen@{BINARYEN_VERSION}"),
            ]))?;
            let now = self.output(&binary.to_string_lossy(), &["--version"]);
            if !now.contains(&want) {
                return Err(Failure(format!(
                    "after installing, wasm-opt says `{}`, not {want}",
                    now.trim()
                )));
            }
            Ok(())
        }

        /// Installs axe-core from npm into target/tools, where the end-to-end test reads
        /// `axe.min.js` to inject into the page.
        fn ensure_axe_core(&self) -> Outcome {
            let tools = self.root.join("target/tools");
            let package = tools.join("node_modules/axe-core/package.json");
            let installed = || {
                std::fs::read_to_string(&package)
                    .ok()
                    .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                    .and_then(|json| json["version"].as_str().map(str::to_string))
            };
            if installed().as_deref() == Some(AXE_CORE_VERSION) {
                println!("    axe-core {AXE_CORE_VERSION} present");
                return Ok(());
            }
            std::fs::create_dir_all(&tools)
                .map_err(|e| Failure(format!("could not create {}: {e}", tools.display())))?;
            self.run(self.command("npm").args([
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &tools.to_string_lossy(),
                &format!("axe-core@{AXE_CORE_VERSION}"),
            ]))?;
            match installed() {
                Some(v) if v == AXE_CORE_VERSION => Ok(()),
                found => Err(Failure(format!(
                    "after installing, {} says axe-core {}, not {AXE_CORE_VERSION}",
                    package.display(),
                    found.unwrap_or_else(|| "is missing".into())
                ))),
            }
        }

        /// Whether `program args` runs and succeeds.
        fn found(&self, program: &str, args: &[&str]) -> bool {
            self.command(program)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        }

        /// The stdout of `program args`, or an empty string when it cannot run.
        fn output(&self, program: &str, args: &[&str]) -> String {
            self.command(program)
                .args(args)
                .stderr(Stdio::null())
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default()
        }

        fn run(&self, command: &mut Command) -> Outcome {
            let shown = describe(command);
            println!("    $ {shown}");
            match command.status() {
                Ok(status) if status.success() => Ok(()),
                Ok(status) => Err(Failure(format!("`{shown}` failed ({status})"))),
                Err(e) => Err(Failure(format!("could not run `{shown}`: {e}"))),
            }
        }
    }

    /// Runs one named step and prints its wall time, whether it passed or not.
    fn step(name: &str, body: impl FnOnce() -> Outcome) -> Outcome {
        println!("\n==> {name}");
        let started = Instant::now();
        let outcome = body();
        let verdict = if outcome.is_ok() { "ok" } else { "FAILED" };
        println!("<== {name}: {verdict} in {}", seconds(started.elapsed()));
        outcome
    }

    fn gzipped_size(file: &Path) -> Result<u64, Failure> {
        let mut child = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(file)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Failure(format!("could not run gzip: {e}")))?;
        let mut compressed = Vec::new();
        if let Some(mut out) = child.stdout.take() {
            out.read_to_end(&mut compressed)
                .map_err(|e| Failure(format!("could not read gzip output: {e}")))?;
        }
        let status = child
            .wait()
            .map_err(|e| Failure(format!("gzip did not finish: {e}")))?;
        if !status.success() {
            return Err(Failure(format!("gzip failed ({status})")));
        }
        Ok(compressed.len() as u64)
    }

    fn describe(command: &Command) -> String {
        let mut words = vec![command.get_program().to_string_lossy().into_owned()];
        words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
        words.join(" ")
    }

    fn major(version: &str) -> &str {
        version.split('.').next().unwrap_or(version)
    }

    fn seconds(elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        if secs >= 60.0 {
            let whole = elapsed.as_secs() + u64::from(elapsed.subsec_millis() >= 500);
            format!("{}m {}s", whole / 60, whole % 60)
        } else {
            format!("{secs:.1}s")
        }
    }

    fn kilobytes(bytes: u64) -> String {
        format!("{bytes} bytes ({:.0} KiB)", bytes as f64 / 1024.0)
    }
}

//! Starting the app under tauri-driver, and small WebDriver helpers.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};

/// A CSS locator for a `data-testid`.
pub fn by_id(id: &str) -> Locator<'static> {
    Locator::Css(Box::leak(format!("[data-testid='{id}']").into_boxed_str()))
}

/// One running app with its WebDriver session.
pub struct App {
    pub client: Client,
    pub vault_path: PathBuf,
    _driver: Driver,
    _serial: tokio::sync::MutexGuard<'static, ()>,
    shots: PathBuf,
    /// The app's private home: XDG directories and the vault's folder.
    home: tempfile::TempDir,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The app under test: `TASKING_VAULT_APP`, or the end-to-end build
/// (`cargo build --profile e2e -p tasking-vault --features
/// custom-protocol,e2e-hooks`, as `scripts/test` makes it) in this
/// target folder's `e2e/`: release code with the hook that lets a file
/// answer the save dialog, which no release build has.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_APP") {
        return PathBuf::from(p);
    }
    // target/<profile>/deps/e2e-xxxx -> target/e2e/tasking-vault
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors()
        .nth(3)
        .map(|target| target.join("e2e").join("tasking-vault"))
        .expect("target directory")
}

/// `tasking-vault-cli`, built next to this test (`scripts/test` builds it),
/// or at `TASKING_VAULT_CLI`.
pub fn cli_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_CLI") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("tasking-vault-cli"))
        .expect("target directory")
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    let p = home.join("bin/tauri-driver");
    if p.exists() {
        p
    } else {
        PathBuf::from("tauri-driver")
    }
}

impl App {
    /// Starts tauri-driver and the app with a fresh home and vault location.
    /// Returns `None` (after saying why) when end-to-end tests are not enabled.
    pub async fn start(name: &str) -> Option<App> {
        Self::start_with(name, |_| {}).await
    }

    /// As [`App::start`], after `prepare` has had the chance to make the
    /// vault at the path the app will open.
    pub async fn start_with(name: &str, prepare: impl FnOnce(&Path)) -> Option<App> {
        Self::start_with_env(name, prepare, &[]).await
    }

    /// As [`App::start_with`], the app started with `extra` in its
    /// environment as well (the end-to-end build's hooks read some).
    pub async fn start_with_env(
        name: &str,
        prepare: impl FnOnce(&Path),
        extra: &[(&'static str, &str)],
    ) -> Option<App> {
        if std::env::var("TASKING_VAULT_E2E").as_deref() != Ok("1") {
            eprintln!("e2e: skipped (set TASKING_VAULT_E2E=1, or run scripts/test)");
            return None;
        }
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "e2e needs a display: run under xvfb-run (scripts/test does)"
        );
        let app = app_binary();
        assert!(
            app.exists(),
            "app not built at {}: run scripts/test",
            app.display()
        );

        let home = tempfile::tempdir().expect("temp home");
        let mut env: Vec<(&str, PathBuf)> = Vec::new();
        for (var, dir) in [
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_RUNTIME_DIR", "runtime"),
        ] {
            let p = home.path().join(dir);
            std::fs::create_dir_all(&p).expect("xdg dir");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o700))
                    .expect("chmod");
            }
            env.push((var, p));
        }
        // The end-to-end build's save dialog reads its answer from here
        // (src-tauri/src/export.rs; see `answer_save_dialog`).
        env.push((SAVE_ANSWER_VAR, home.path().join(SAVE_ANSWER_FILE)));
        let vault_path = home.path().join("vaults").join("e2e.tvault");
        prepare(&vault_path);

        // One app at a time: tauri-driver has one port. Held until the App drops.
        let serial = SERIAL.lock().await;
        // A port left behind by an earlier run would be silently reused; the
        // previous test's driver may take a moment to let it go.
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect("127.0.0.1:4444").is_ok() {
            assert!(
                Instant::now() < deadline,
                "port 4444 is busy: a tauri-driver from an earlier run is still alive"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shots = repo().join("tests/artefacts/e2e").join(name);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).expect("artefacts dir");
        let log = std::fs::File::create(shots.join("tauri-driver.log")).expect("driver log");
        let mut cmd = Command::new(tauri_driver());
        cmd.stdout(Stdio::null()).stderr(log);
        for (k, v) in &env {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        // Stopped on drop, also if anything below panics.
        let driver = Driver(
            cmd.spawn()
                .expect("tauri-driver starts (cargo install tauri-driver)"),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect("127.0.0.1:4444").is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on 4444"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app,
                "args": ["--vault", vault_path],
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect("http://127.0.0.1:4444")
            .await
            .expect("WebDriver session with the app");
        Some(App {
            client,
            vault_path,
            _driver: driver,
            _serial: serial,
            shots,
            home,
        })
    }

    /// Waits (up to 15 s) for the element with this test id. Any error
    /// is asked again until then: while a page is being replaced (after a
    /// lock) WebKitWebDriver can answer with half an element ("Could not
    /// parse element info").
    pub async fn wait_for(&self, id: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.client.find(by_id(id)).await {
                Ok(e) => return e,
                Err(e) if Instant::now() > deadline => {
                    self.shot(&format!("failed-waiting-for-{id}")).await;
                    panic!("waiting for [data-testid={id}]: {e}");
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Clicks the element with this test id (waiting for it first).
    pub async fn click(&self, id: &str) {
        self.wait_for(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {id}: {e}"));
    }

    /// Clicks the first element matching a CSS selector (waiting for it
    /// first). A list that re-renders between finding and clicking leaves a
    /// stale element: it is found again, up to three times.
    pub async fn click_css(&self, css: &str) {
        let mut tries = 0;
        loop {
            match self.wait_css(css).await.click().await {
                Ok(()) => return,
                Err(e) if tries < 3 => {
                    tries += 1;
                    eprintln!("click {css}: {e}; finding it again");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    /// Waits (up to 10 s) until nothing matches a CSS selector: a filtered
    /// list has been redrawn.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default();
            if found.is_empty() {
                return;
            }
            if Instant::now() > deadline {
                self.shot("failed-gone").await;
                panic!("{} element(s) still match {css}", found.len());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (up to 15 s) for an element matching a CSS selector.
    pub async fn wait_css(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(e) => e,
            Err(e) => {
                self.shot("failed-waiting").await;
                panic!("waiting for {css}: {e}");
            }
        }
    }

    /// Types into the element with this test id, replacing what it held.
    pub async fn type_into(&self, id: &str, text: &str) {
        let field = self.wait_for(id).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear {id}: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {id}: {e}"));
    }

    /// Chooses the option with this visible text in a select with this test id.
    pub async fn choose(&self, id: &str, label: &str) {
        self.choose_in(
            Locator::Css(&format!("[data-testid='{id}']")),
            Pick::Label(label),
        )
        .await;
    }

    /// Chooses the option with this value in the select this CSS finds.
    pub async fn choose_value_css(&self, css: &str, value: &str) {
        self.choose_in(Locator::Css(css), Pick::Value(value)).await;
    }

    /// Chooses the option with this visible text in the select this CSS finds.
    pub async fn choose_css(&self, css: &str, label: &str) {
        self.choose_in(Locator::Css(css), Pick::Label(label)).await;
    }

    /// Chooses by label or value, asking again (up to 15 s) while the
    /// select or its option is not there yet: a select's options can come
    /// from a backend call still under way, and a redraw can replace it.
    async fn choose_in(&self, select: Locator<'_>, pick: Pick<'_>) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let chosen = match self.client.find(select).await {
                Ok(e) => match pick {
                    Pick::Label(label) => e.select_by_label(label).await,
                    Pick::Value(value) => e.select_by_value(value).await,
                },
                Err(e) => Err(e),
            };
            match chosen {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => {
                    panic!("choose {pick:?} in {select:?}: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until the agencies table has `n` rows.
    pub async fn wait_rows(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let rows = self
                .client
                .find_all(by_id("agency-row"))
                .await
                .unwrap_or_default();
            if rows.len() == n {
                return;
            }
            if Instant::now() > deadline {
                self.shot("failed-rows").await;
                panic!("expected {n} agency rows, found {}", rows.len());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot after two animation frames (so it shows the latest frame).
    pub async fn shot(&self, name: &str) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await;
        if let Ok(png) = self.client.screenshot().await {
            let path = self.shots.join(format!("{name}.png"));
            std::fs::write(&path, png).expect("write screenshot");
        }
    }

    /// Screenshots at 1280×800 (`{name}-1280x800`) and at 1024×700
    /// (`{name}-1024x700`), leaving the window at 1280×800.
    pub async fn shot_both(&self, name: &str) {
        self.shot(&format!("{name}-1280x800")).await;
        self.resize(1024, 700).await;
        self.shot(&format!("{name}-1024x700")).await;
        self.resize(1280, 800).await;
    }

    /// As [`App::shot_both`], with the first element matching `css`
    /// scrolled to the top of the window at each size (a resize moves
    /// what is in view).
    pub async fn shot_both_at(&self, name: &str, css: &str) {
        self.scroll_to_css(css).await;
        self.shot(&format!("{name}-1280x800")).await;
        self.resize(1024, 700).await;
        self.scroll_to_css(css).await;
        self.shot(&format!("{name}-1024x700")).await;
        self.resize(1280, 800).await;
    }

    /// Scrolls the element with this test id to the top of the window.
    pub async fn scroll_to(&self, id: &str) {
        self.scroll_to_css(&format!("[data-testid='{id}']")).await;
    }

    /// Scrolls the first element matching a CSS selector to the top of the
    /// window.
    pub async fn scroll_to_css(&self, css: &str) {
        let el = self.wait_css(css).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'start' });",
                vec![serde_json::to_value(&el).expect("element as JSON")],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// Draws `strokes` on the element with this test id with WebDriver
    /// pointer actions (a mouse: pointer events as a pen or a finger
    /// would make them), each stroke a list of offsets in CSS pixels from
    /// the element's centre.
    pub async fn draw(&self, id: &str, strokes: &[Vec<(f64, f64)>]) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let pad = self.wait_for(id).await;
        let mut mouse = MouseActions::new("pen".into());
        for stroke in strokes {
            let Some(&(x0, y0)) = stroke.first() else {
                continue;
            };
            mouse = mouse
                .then(PointerAction::MoveToElement {
                    element: pad.clone(),
                    duration: None,
                    x: x0,
                    y: y0,
                })
                .then(PointerAction::Down {
                    button: MOUSE_BUTTON_LEFT,
                });
            for &(x, y) in &stroke[1..] {
                mouse = mouse.then(PointerAction::MoveToElement {
                    element: pad.clone(),
                    duration: Some(Duration::from_millis(20)),
                    x,
                    y,
                });
            }
            mouse = mouse.then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        }
        self.client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("draw on {id}: {e}"));
        let _ = self.client.release_actions().await;
    }

    /// Clicks the element matching `click` from inside the page and
    /// returns the milliseconds (the page's own clock) until an element
    /// matching `until` is in the document: what the person waits, without
    /// WebDriver's round trips.
    pub async fn click_and_time(&self, click: &str, until: &str) -> f64 {
        self.wait_css(click).await;
        let answer = self
            .client
            .execute_async(
                "const [click, until, done] = arguments;
                 const t0 = performance.now();
                 const seen = () => document.querySelector(until) !== null;
                 const observer = new MutationObserver(() => {
                   if (seen()) { observer.disconnect(); done(performance.now() - t0); }
                 });
                 observer.observe(document.body, { childList: true, subtree: true, attributes: true });
                 document.querySelector(click).click();
                 if (seen()) { observer.disconnect(); done(performance.now() - t0); }",
                vec![
                    serde_json::Value::String(click.to_owned()),
                    serde_json::Value::String(until.to_owned()),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("click {click} until {until}: {e}"));
        answer.as_f64().unwrap_or(f64::NAN)
    }

    /// Presses `key` in the element with this test id (through WebDriver,
    /// as a person's key press) and returns the milliseconds (the page's
    /// own clock) from that key's keydown until `css` matches at least `n`
    /// elements: what the person waits after pressing it, without
    /// WebDriver's round trips.
    pub async fn press_and_time(&self, id: &str, key: Key, css: &str, n: usize) -> f64 {
        let el = self.wait_for(id).await;
        self.client
            .execute(
                "const [el, css, n] = arguments;
                 window.__pressTimed = new Promise((resolve) => {
                   let t0 = null;
                   const check = () => {
                     if (t0 !== null && document.querySelectorAll(css).length >= n) {
                       observer.disconnect();
                       resolve(performance.now() - t0);
                     }
                   };
                   const observer = new MutationObserver(check);
                   el.addEventListener('keydown', () => { t0 = performance.now(); },
                     { capture: true, once: true });
                   observer.observe(document.body,
                     { childList: true, subtree: true, attributes: true });
                 });",
                vec![
                    serde_json::to_value(&el).expect("element as JSON"),
                    serde_json::Value::String(css.to_owned()),
                    serde_json::Value::from(n),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("watch for {css}: {e}"));
        el.send_keys(&key.to_string())
            .await
            .unwrap_or_else(|e| panic!("press a key in {id}: {e}"));
        let answer = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__pressTimed.then(done);",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("key in {id} until {n} of {css}: {e}"));
        answer.as_f64().unwrap_or(f64::NAN)
    }

    /// The folder this app's screenshots go to.
    pub fn artefacts(&self) -> &Path {
        &self.shots
    }

    /// Answers the app's next save dialog, as the chair would: save in
    /// `folder` under the app's own file name, or with `None` cancel. The
    /// app under test is the end-to-end build (the cargo feature
    /// `e2e-hooks`), whose dialog reads this answer instead of opening;
    /// see [`App::wait_save_dialog_answered`].
    pub fn answer_save_dialog(&self, folder: Option<&Path>) {
        let answer = match folder {
            Some(f) => f.display().to_string(),
            None => "cancel".to_owned(),
        };
        std::fs::write(self.home.path().join(SAVE_ANSWER_FILE), answer)
            .expect("the save dialog's answer written");
    }

    /// Answers the app's next folder or open dialog with `path` (the
    /// folder for issued copies, or the file to check), as the chair
    /// choosing it; the same hook as [`App::answer_save_dialog`].
    pub fn answer_dialog_with(&self, path: &Path) {
        std::fs::write(
            self.home.path().join(SAVE_ANSWER_FILE),
            path.display().to_string(),
        )
        .expect("the dialog's answer written");
    }

    /// Waits (up to 10 s) until the app has taken the answer given with
    /// [`App::answer_save_dialog`]. An app without the hook opens a real
    /// dialog instead, and this says so.
    pub async fn wait_save_dialog_answered(&self) {
        let answer = self.home.path().join(SAVE_ANSWER_FILE);
        let deadline = Instant::now() + Duration::from_secs(10);
        while answer.exists() {
            if Instant::now() > deadline {
                self.shot("failed-save-dialog").await;
                panic!(
                    "the app did not take the save dialog's answer: is it the end-to-end build \
                     (cargo build --profile e2e -p tasking-vault --features \
                     custom-protocol,e2e-hooks, as scripts/test makes it)?"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses Lock and waits for the unlock screen of a fresh page: the
    /// shell discards the page on every lock, so the one that showed the
    /// unlock screen at once is replaced a moment later.
    pub async fn lock(&self) {
        self.mark_page().await;
        self.click("lock-button").await;
        self.wait_fresh_page().await;
        self.wait_for("screen-unlock").await;
    }

    /// Leaves a mark in the page's JavaScript, for [`App::wait_fresh_page`].
    pub async fn mark_page(&self) {
        self.client
            .execute("window.__taskingVaultOldPage = true;", vec![])
            .await
            .expect("mark the page");
    }

    /// Whether the page marked by [`App::mark_page`] is still the one shown
    /// (true while it cannot be asked, as in the middle of a reload).
    pub async fn page_is_marked(&self) -> bool {
        self.client
            .execute("return window.__taskingVaultOldPage === true;", vec![])
            .await
            .unwrap_or(serde_json::Value::Bool(true))
            == serde_json::Value::Bool(true)
    }

    /// Waits (up to 15 s) until the page marked by [`App::mark_page`] has
    /// been replaced by one loaded afresh.
    pub async fn wait_fresh_page(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if !self.page_is_marked().await {
                break;
            }
            if Instant::now() > deadline {
                self.shot("failed-fresh-page").await;
                panic!("the page was not loaded afresh after the lock");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Text content of the element with this test id (hidden text too).
    pub async fn text_of(&self, id: &str) -> String {
        self.wait_for(id)
            .await
            .prop("textContent")
            .await
            .unwrap_or_else(|e| panic!("text of {id}: {e}"))
            .unwrap_or_default()
    }

    /// Resizes the window.
    pub async fn resize(&self, w: u32, h: u32) {
        self.client
            .set_window_size(w, h)
            .await
            .expect("resize window");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Files under the app's home (XDG data, cache, config, runtime and the
    /// vault's folder) that hold `needle` as UTF-8, UTF-16LE or UTF-16BE.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        let forms = text_forms(needle);
        let mut found = Vec::new();
        let mut stack = vec![self.home.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(t) if t.is_dir() => stack.push(path),
                    Ok(t) if t.is_file() => {
                        let bytes = std::fs::read(&path).unwrap_or_default();
                        if forms.iter().any(|f| contains(&bytes, f)) {
                            found.push(path);
                        }
                    }
                    _ => {}
                }
            }
        }
        found
    }

    /// Ends the session; dropping the driver stops tauri-driver.
    pub async fn stop(self) {
        let _ = self.client.clone().close().await;
    }
}

/// An option of a select, by its visible text or its value.
#[derive(Debug, Clone, Copy)]
enum Pick<'a> {
    Label(&'a str),
    Value(&'a str),
}

/// The variable naming the file the end-to-end build's save dialog reads.
const SAVE_ANSWER_VAR: &str = "TASKING_VAULT_E2E_SAVE_ANSWER";
/// That file, in the app's home.
const SAVE_ANSWER_FILE: &str = "save-dialog-answer";

/// Tests in this binary run in parallel; apps run one after another.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The tauri-driver process.
struct Driver(Child);

impl Drop for Driver {
    /// Stops tauri-driver with SIGTERM, also when a test fails (SIGKILL would
    /// leave WebKitWebDriver holding its port for the next run).
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// `text` as UTF-8, UTF-16LE and UTF-16BE bytes.
pub fn text_forms(text: &str) -> Vec<Vec<u8>> {
    let units: Vec<u16> = text.encode_utf16().collect();
    vec![
        text.as_bytes().to_vec(),
        units.iter().flat_map(|u| u.to_le_bytes()).collect(),
        units.iter().flat_map(|u| u.to_be_bytes()).collect(),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

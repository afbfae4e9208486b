//! The HTML report in a real browser: headless Chromium driven over WebDriver (chromedriver, with
//! fantoccini as the client). The Debian packages `chromium` and `chromium-driver` are needed;
//! `.ci/run` installs them. Without them these tests fail and say what to install.
//!
//! `FACTDIFF_SCREENSHOT=docs/report.png cargo test --test browser` also saves a screenshot of the
//! seed report (the picture in the README).

use assert_cmd::Command;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The flags Chromium runs with: no sandbox (CI runs as root), no GPU, and nothing that reaches
/// the network or keeps state between runs.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1600",
];

/// A program on the PATH.
fn program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn required(name: &str) -> PathBuf {
    program(name).unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: the browser tests need the Debian packages chromium and \
             chromium-driver (apt-get install -y chromium chromium-driver; `bash .ci/run` installs them)"
        )
    })
}

/// chromedriver on a free port, ended when dropped, and a fresh Chromium profile.
struct Browser {
    driver: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let chromedriver = required("chromedriver");
        required("chromium");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = std::process::Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Browser {
            driver,
            port,
            profile: tempfile::tempdir().expect("a profile folder"),
        }
    }

    async fn client(&self) -> Client {
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
        args.push(format!("--user-data-dir={}", self.profile.path().display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": required("chromium"), "args": args},
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("an object")
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `factdiff check --format html` of two files, written into `dir`; the page's file:// URL.
fn report(dir: &Path, files: [&str; 2]) -> String {
    let page = dir.join("report.html");
    Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "html", "--exit-zero", "--output"])
        .arg(&page)
        .args(files)
        .assert()
        .success();
    format!("file://{}", page.display())
}

/// Clicks an element as a reader would: brought to the middle of the window first, clear of the
/// finding panel at the bottom.
async fn click(client: &Client, element: &fantoccini::elements::Element) {
    let handle = serde_json::to_value(element).expect("an element reference");
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![handle],
        )
        .await
        .unwrap();
    element.clone().click().await.unwrap();
}

/// A session on the report of two files, written into `dir`.
async fn open(browser: &Browser, dir: &Path, files: [&str; 2]) -> Client {
    let url = report(dir, files);
    let client = browser.client().await;
    client.goto(&url).await.unwrap();
    client
}

/// What the finding panel shows.
async fn panel(client: &Client) -> String {
    let panel = client.find(Locator::Id("finding")).await.unwrap();
    panel.text().await.unwrap()
}

async fn classes(client: &Client, selector: &str) -> Vec<String> {
    let element = client.find(Locator::Css(selector)).await.expect(selector);
    let class = element.attr("class").await.unwrap().unwrap_or_default();
    class.split_whitespace().map(str::to_string).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn clicking_a_diverging_fact_highlights_its_counterpart_and_shows_the_finding() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    let client = open(
        &browser,
        dir.path(),
        [
            "tests/fixtures/check/story.ru.txt",
            "tests/fixtures/check/story-edited.ru.txt",
        ],
    )
    .await;
    let diverging = client
        .find(Locator::Css(r#"mark.fact.st-diverge[data-side="l"]"#))
        .await
        .expect("a diverging fact on the left");
    let k = diverging.attr("data-k").await.unwrap().expect("data-k");
    let left_text = diverging.text().await.unwrap();
    let counterpart = format!(r#"mark.fact[data-k="{k}"][data-side="r"]"#);
    assert!(
        !classes(&client, &counterpart)
            .await
            .contains(&"hl".to_string()),
        "nothing is highlighted before the click"
    );
    click(&client, &diverging).await;
    assert!(
        classes(&client, &counterpart)
            .await
            .contains(&"hl".to_string()),
        "the counterpart of {left_text:?} is highlighted"
    );
    let right_text = client
        .find(Locator::Css(&counterpart))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let panel = panel(&client).await;
    let lowered = panel.to_lowercase();
    for expected in ["error", "diverge", "mismatch", "left", "right"] {
        assert!(
            lowered.contains(expected),
            "{expected:?} in the panel: {panel}"
        );
    }
    for shown in [&left_text, &right_text] {
        let written = shown.trim_end_matches(['≠', '=', '≈', '∅']);
        assert!(panel.contains(written), "{written:?} in the panel: {panel}");
    }
    // The panel's rule link leads to the rule's explanation, included in the page.
    let rule = client.find(Locator::Css("#finding a.rule")).await.unwrap();
    let href = rule.attr("href").await.unwrap().unwrap();
    let explained = client
        .find(Locator::Css(&href))
        .await
        .expect("the rule's explanation")
        .text()
        .await
        .unwrap();
    assert!(
        explained.contains("What:") && explained.contains("Why:"),
        "{explained}"
    );
    // A missing fact outlines the cell where its counterpart was expected.
    let missing = client
        .find(Locator::Css(r#"mark.fact.st-missing[data-side="l"]"#))
        .await
        .expect("a fact missing from the right");
    click(&client, &missing).await;
    let outlined = client.find_all(Locator::Css("td.hl-cell")).await.unwrap();
    assert_eq!(
        outlined.len(),
        1,
        "the other cell of the missing fact's row"
    );
    assert!(!classes(&client, &counterpart)
        .await
        .contains(&"hl".to_string()));
    // "errors only" hides the warnings of the list.
    let warning = client
        .find(Locator::Css("ol.findings li.sev-warning"))
        .await
        .unwrap();
    assert!(warning.is_displayed().await.unwrap());
    let errors_only = client
        .find(Locator::Css(r#"input[name="level"][value="error"]"#))
        .await
        .unwrap();
    click(&client, &errors_only).await;
    assert!(!warning.is_displayed().await.unwrap(), "warnings hidden");
    let error = client
        .find(Locator::Css("ol.findings li.sev-error"))
        .await
        .unwrap();
    assert!(error.is_displayed().await.unwrap(), "errors still shown");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn markup_in_a_document_renders_as_text() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    let hostile = "Le <script>document.title='pwned'</script> taux est de 17 %. \
                   Puis \"><img src=x onerror=\"document.title='pwned'\"> 45 communes.\n";
    let left = dir.path().join("hostile.fr.txt");
    let right = dir.path().join("plain.fr.txt");
    std::fs::write(&left, hostile).unwrap();
    std::fs::write(&right, "Le taux est de 18 %. Puis 45 communes.\n").unwrap();
    let client = open(
        &browser,
        dir.path(),
        [left.to_str().unwrap(), right.to_str().unwrap()],
    )
    .await;
    let counted = client
        .execute(
            "return [document.title, document.images.length, document.scripts.length, \
             document.querySelector('table.columns').textContent];",
            vec![],
        )
        .await
        .unwrap();
    assert_ne!(counted[0], "pwned", "no script of the document ran");
    assert_eq!(counted[1], 0, "no image element was made");
    assert_eq!(counted[2], 2, "only the page's own two scripts");
    let cell = counted[3].as_str().unwrap();
    assert!(
        cell.contains("<script>document.title='pwned'</script>")
            && cell.contains("\"><img src=x onerror="),
        "the markup is shown as text: {cell}"
    );
    client.close().await.unwrap();
}

/// Opens the seed report, points at the 209 / "plus de 200" pair, and saves the screenshot when
/// FACTDIFF_SCREENSHOT names a file.
#[tokio::test(flavor = "current_thread")]
async fn the_seed_report_opens_and_shows_a_compatible_pair() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    let client = open(
        &browser,
        dir.path(),
        [
            "seeds/000_68e9064bbfbe1c43.txt",
            "seeds/001_cea54e034a4877b4.txt",
        ],
    )
    .await;
    let compatible = client
        .find(Locator::Css(r#"mark.fact.st-compatible[data-side="l"]"#))
        .await
        .expect("the compatible pair");
    click(&client, &compatible).await;
    let panel = panel(&client).await;
    assert!(
        panel.contains("precision-loss") && panel.contains("plus de 200"),
        "{panel}"
    );
    if let Some(path) = std::env::var_os("FACTDIFF_SCREENSHOT") {
        // Tall enough to show the pair's two rows and the panel.
        client.set_window_size(1400, 2000).await.unwrap();
        client
            .execute("window.scrollTo(0, 0);", vec![])
            .await
            .unwrap();
        let png = client.screenshot().await.unwrap();
        std::fs::write(&path, png).unwrap();
    }
    client.close().await.unwrap();
}

/// How long a page of about 10,000 facts takes to open, printed (speed is measured, never
/// asserted): `cargo test --release --test browser -- --ignored --nocapture`.
#[tokio::test(flavor = "current_thread")]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn a_page_of_ten_thousand_facts_opens() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut files = Vec::new();
    for name in ["story.ru.txt", "story-edited.ru.txt"] {
        let story = std::fs::read_to_string(fixtures.join(name)).unwrap();
        let long = dir.path().join(format!("long-{name}"));
        std::fs::write(&long, story.repeat(400)).unwrap();
        files.push(long.to_str().unwrap().to_string());
    }
    let client = open(&browser, dir.path(), [&files[0], &files[1]]).await;
    let measured = client
        .execute(
            "const n = performance.getEntriesByType('navigation')[0]; \
             return [document.querySelectorAll('mark.fact').length, \
                     n.domContentLoadedEventEnd, n.loadEventEnd];",
            vec![],
        )
        .await
        .unwrap();
    let first = client
        .find(Locator::Css("mark.fact.st-diverge[data-k]"))
        .await
        .unwrap();
    click(&client, &first).await;
    let shown = panel(&client).await;
    assert!(shown.contains("mismatch"), "{shown}");
    println!(
        "{} facts marked; DOMContentLoaded {} ms, load {} ms",
        measured[0], measured[1], measured[2]
    );
    client.close().await.unwrap();
}

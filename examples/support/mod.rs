//! What the speed examples share: news text from the NTREX-128 documents and a child process
//! measured as a whole (wall time, user and system CPU time, peak resident memory from `wait4`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The languages measured: the six.
pub const LANGUAGES: [&str; 6] = ["ru", "fr", "pl", "ar", "en", "zh"];

/// `../shared/corpora/ntrex-dev` beside the checkout, unless `--corpus DIR` names another.
pub fn corpus_dir(args: &[String]) -> PathBuf {
    flag(args, "--corpus").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ntrex-dev"),
        PathBuf::from,
    )
}

/// Every value of `--name VALUE` in `args`, in order.
pub fn flags(args: &[String], name: &str) -> Vec<String> {
    args.windows(2)
        .filter(|w| w[0] == name)
        .map(|w| w[1].clone())
        .collect()
}

/// The last value of `--name VALUE` in `args`.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    flags(args, name).pop()
}

/// The binaries to measure (`--bin PATH`, repeatable), by default the release build beside this
/// example.
pub fn binaries(args: &[String]) -> Vec<PathBuf> {
    // Absolute: lint_tree runs them from the tree's folder.
    let given: Vec<PathBuf> = flags(args, "--bin")
        .iter()
        .map(|b| std::fs::canonicalize(b).unwrap_or_else(|e| panic!("{b}: {e}")))
        .collect();
    if !given.is_empty() {
        return given;
    }
    let exe = std::env::current_exe().expect("the example's own path");
    // target/release/examples/NAME → target/release/factdiff
    vec![exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/examples")
        .join("factdiff")]
}

/// Every document of the corpus in `lang`, by folder name.
pub fn documents(corpus: &Path, lang: &str) -> Vec<String> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    folders
        .iter()
        .filter_map(|folder| std::fs::read_to_string(folder.join(format!("{lang}.txt"))).ok())
        .collect()
}

/// One measured run of a child process.
pub struct Measured {
    pub wall: Duration,
    pub user: Duration,
    pub system: Duration,
    /// Peak resident set size in bytes.
    pub peak_rss: u64,
    pub exit_code: i32,
}

/// Runs `command` with its standard output sent to `stdout` and measures it on its own (`wait4`
/// gives this child's resource use, not that of every child so far).
// wait4 below reaps the child (std's `wait` cannot report its resource use).
#[allow(clippy::zombie_processes)]
pub fn measure(mut command: Command, stdout: &Path) -> Measured {
    let out = std::fs::File::create(stdout).expect("output file");
    let start = Instant::now();
    let child = command
        .stdout(out)
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    let wall = start.elapsed();
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Measured {
        wall,
        user: time(usage.ru_utime),
        system: time(usage.ru_stime),
        peak_rss: usage.ru_maxrss as u64 * 1024,
        exit_code: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
    }
}

/// The run with the least user time of `runs` runs: the one the machine's other load disturbed
/// least.
#[allow(dead_code)] // lint_tree measures one run of each binary.
pub fn best_of(runs: usize, run: impl Fn() -> Measured) -> Measured {
    (0..runs.max(1))
        .map(|_| run())
        .min_by_key(|m| m.user)
        .expect("one run at least")
}

/// Whether two files hold the same bytes.
pub fn same_bytes(a: &Path, b: &Path) -> bool {
    std::fs::read(a).ok() == std::fs::read(b).ok()
}

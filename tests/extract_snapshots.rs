//! One snapshot of `factdiff extract` per seed text, so every change in what is extracted from
//! real text is seen and reviewed. Paths are relative to the project: no machine paths.

use assert_cmd::Command;

fn extract(seed: &str, format: &str) -> String {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--format", format, &format!("seeds/{seed}")])
        .env("NO_COLOR", "1")
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

macro_rules! seed_snapshot {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
                insta::assert_snapshot!(concat!("extract_", stringify!($name)), extract($file, "text"));
            });
        }
    };
}

seed_snapshot!(seed_000_ru, "000_68e9064bbfbe1c43.txt");
seed_snapshot!(seed_001_fr, "001_cea54e034a4877b4.txt");
seed_snapshot!(seed_002_pl, "002_0670ba753eaed892.txt");
seed_snapshot!(seed_003_ru, "003_5f4fe48c88a862a6.txt");
seed_snapshot!(seed_004_ar, "004_13c61ffd3cca6478.txt");

#[test]
fn json_format() {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("extract_json_seed_000_ru", extract("000_68e9064bbfbe1c43.txt", "json"));
    });
}

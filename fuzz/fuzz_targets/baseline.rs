//! cargo fuzz run baseline: see factdiff_fuzz::baseline.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::baseline(data));

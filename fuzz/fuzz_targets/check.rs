//! cargo fuzz run check: see factdiff_fuzz::check.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::check(data));

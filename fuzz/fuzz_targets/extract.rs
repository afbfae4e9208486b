//! cargo fuzz run extract: see factdiff_fuzz::extract.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::extract(data));

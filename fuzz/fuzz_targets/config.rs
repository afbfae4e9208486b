//! cargo fuzz run config: see factdiff_fuzz::config.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::config(data));

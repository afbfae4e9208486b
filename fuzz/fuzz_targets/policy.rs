//! cargo fuzz run policy: see factdiff_fuzz::policy.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::policy(data));

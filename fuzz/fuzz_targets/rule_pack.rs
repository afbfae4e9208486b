//! cargo fuzz run rule_pack: see factdiff_fuzz::rule_pack.
#![no_main]

libfuzzer_sys::fuzz_target!(init: factdiff_fuzz::warm_up(), |data: &[u8]| factdiff_fuzz::rule_pack(data));

//! libFuzzer entry point for `inflow_fuzz::claims`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| inflow_fuzz::claims(data));

//! libFuzzer entry point for `inflow_fuzz::period`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| inflow_fuzz::period(data));

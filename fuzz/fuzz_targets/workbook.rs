//! libFuzzer entry point for `inflow_fuzz::workbook`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| inflow_fuzz::workbook(data));

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pyward_fuzz::config(
        pyward_config::ConfigKind::Nftables,
        "etc/nftables.conf",
        data,
    )
});

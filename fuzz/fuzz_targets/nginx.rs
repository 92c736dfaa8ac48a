#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pyward_fuzz::config(
        pyward_config::ConfigKind::Nginx,
        "etc/nginx/nginx.conf",
        data,
    )
});

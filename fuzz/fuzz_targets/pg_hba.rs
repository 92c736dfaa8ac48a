#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pyward_fuzz::config(
        pyward_config::ConfigKind::PgHba,
        "etc/postgresql/16/main/pg_hba.conf",
        data,
    )
});

#![no_main]

use pyward_config::ConfigKind;

// Every configuration format, including those without a target of their own (gunicorn,
// Procfile, postgresql.conf, redis, mysql, sudoers, fail2ban, ufw.conf): the first byte picks
// the format.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = ConfigKind::ALL[usize::from(first) % ConfigKind::ALL.len()];
    pyward_fuzz::config(kind, kind.name(), rest)
});

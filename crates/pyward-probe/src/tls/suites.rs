//! Cipher suite code points the probe offers, grouped by what they say about a server.

use serde::Serialize;

/// TLS 1.3 suites.
pub const TLS13: &[u16] = &[0x1301, 0x1302, 0x1303];

/// Forward-secret suites (ECDHE and DHE) for TLS 1.2 and below.
pub const FS: &[u16] = &[
    0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0x009e, 0x009f, 0xc027, 0xc028, 0xc023, 0xc024,
    0xc013, 0xc014, 0xc009, 0xc00a, 0x0033, 0x0039, 0x0067, 0x006b,
];

/// Static-RSA key exchange: no forward secrecy.
pub const NON_FS: &[u16] = &[0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035];

/// A wide offer so any server speaking TLS ≤1.2 finds a suite it likes (3DES included).
pub fn broad_legacy() -> Vec<u16> {
    let mut v = FS.to_vec();
    v.extend_from_slice(NON_FS);
    v.extend_from_slice(&[0xc012, 0x0016, 0x000a]);
    v
}

/// A family of weak suites, offered one family at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeakCategory {
    Rc4,
    TripleDes,
    /// CBC suites with SHA-1 MACs, negotiated under TLS 1.0.
    CbcSha1Tls10,
    Export,
    Null,
    Anonymous,
}

impl WeakCategory {
    pub const ALL: [WeakCategory; 6] = [
        WeakCategory::Rc4,
        WeakCategory::TripleDes,
        WeakCategory::CbcSha1Tls10,
        WeakCategory::Export,
        WeakCategory::Null,
        WeakCategory::Anonymous,
    ];
    pub fn name(self) -> &'static str {
        match self {
            WeakCategory::Rc4 => "RC4",
            WeakCategory::TripleDes => "3DES",
            WeakCategory::CbcSha1Tls10 => "CBC with SHA-1 under TLS 1.0",
            WeakCategory::Export => "export",
            WeakCategory::Null => "NULL encryption",
            WeakCategory::Anonymous => "anonymous key exchange",
        }
    }
    pub fn suites(self) -> &'static [u16] {
        match self {
            WeakCategory::Rc4 => &[0x0005, 0x0004, 0xc011, 0xc007, 0x0018, 0xc016, 0x008a],
            WeakCategory::TripleDes => &[0x000a, 0xc012, 0xc008, 0x0016, 0x0013, 0x001b, 0xc017],
            WeakCategory::CbcSha1Tls10 => &[
                0xc013, 0xc014, 0xc009, 0xc00a, 0x0033, 0x0039, 0x002f, 0x0035, 0x0041, 0x0084,
                0x0045, 0x0088, 0x0096, 0x009a,
            ],
            WeakCategory::Export => &[
                0x0003, 0x0006, 0x0008, 0x000b, 0x000e, 0x0011, 0x0014, 0x0017, 0x0019, 0x0062,
                0x0063, 0x0064, 0x0065,
            ],
            WeakCategory::Null => &[
                0x0001, 0x0002, 0x003b, 0xc006, 0xc010, 0xc015, 0x002c, 0x002d, 0x002e, 0x00b0,
                0x00b1,
            ],
            WeakCategory::Anonymous => &[
                0x0018, 0x001b, 0x0034, 0x003a, 0x006c, 0x006d, 0x00a6, 0x00a7, 0xc018, 0xc019,
                0xc017, 0x0046, 0x0089, 0x009b,
            ],
        }
    }
}

/// The IANA name of a suite, or its code point.
pub fn name(suite: u16) -> String {
    let n = match suite {
        0x0001 => "TLS_RSA_WITH_NULL_MD5",
        0x0002 => "TLS_RSA_WITH_NULL_SHA",
        0x0003 => "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
        0x0004 => "TLS_RSA_WITH_RC4_128_MD5",
        0x0005 => "TLS_RSA_WITH_RC4_128_SHA",
        0x0006 => "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
        0x0008 => "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
        0x000a => "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        0x0013 => "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
        0x0014 => "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
        0x0016 => "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
        0x0018 => "TLS_DH_anon_WITH_RC4_128_MD5",
        0x001b => "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
        0x002f => "TLS_RSA_WITH_AES_128_CBC_SHA",
        0x0033 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
        0x0034 => "TLS_DH_anon_WITH_AES_128_CBC_SHA",
        0x0035 => "TLS_RSA_WITH_AES_256_CBC_SHA",
        0x0039 => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        0x003a => "TLS_DH_anon_WITH_AES_256_CBC_SHA",
        0x003b => "TLS_RSA_WITH_NULL_SHA256",
        0x003c => "TLS_RSA_WITH_AES_128_CBC_SHA256",
        0x003d => "TLS_RSA_WITH_AES_256_CBC_SHA256",
        0x0041 => "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
        0x0045 => "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
        0x0067 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
        0x006b => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        0x006c => "TLS_DH_anon_WITH_AES_128_CBC_SHA256",
        0x006d => "TLS_DH_anon_WITH_AES_256_CBC_SHA256",
        0x0084 => "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
        0x0088 => "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
        0x0096 => "TLS_RSA_WITH_SEED_CBC_SHA",
        0x009a => "TLS_DHE_RSA_WITH_SEED_CBC_SHA",
        0x009c => "TLS_RSA_WITH_AES_128_GCM_SHA256",
        0x009d => "TLS_RSA_WITH_AES_256_GCM_SHA384",
        0x009e => "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        0x009f => "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        0x00a6 => "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
        0x00a7 => "TLS_DH_anon_WITH_AES_256_GCM_SHA384",
        0x1301 => "TLS_AES_128_GCM_SHA256",
        0x1302 => "TLS_AES_256_GCM_SHA384",
        0x1303 => "TLS_CHACHA20_POLY1305_SHA256",
        0xc006 => "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
        0xc007 => "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
        0xc008 => "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
        0xc009 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        0xc00a => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        0xc010 => "TLS_ECDHE_RSA_WITH_NULL_SHA",
        0xc011 => "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
        0xc012 => "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        0xc013 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        0xc014 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        0xc015 => "TLS_ECDH_anon_WITH_NULL_SHA",
        0xc016 => "TLS_ECDH_anon_WITH_RC4_128_SHA",
        0xc017 => "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",
        0xc018 => "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
        0xc019 => "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
        0xc023 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        0xc024 => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        0xc027 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        0xc028 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        0xc02b => "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        0xc02c => "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        0xc02f => "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        0xc030 => "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        0xcca8 => "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        0xcca9 => "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        other => return format!("0x{other:04X}"),
    };
    n.to_string()
}

//! AUTH003 `weak-password-hash`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `hashlib` digests (`md5`, `sha1`, `sha256` …) of values named like passwords, passlib's
/// weak schemes (`md5_crypt`, `des_crypt`, `ldap_sha1`, `hex_sha256` …) and a `CryptContext`
/// whose first scheme is one of them. Only values named like a user's password count
/// (`password`, `passwd`, `pwd`, `passphrase`), and a digest with `usedforsecurity=False` is a
/// declared non-security use.
///
/// ## Why is this bad?
/// Fast hashes are brute-forced at billions of guesses per second once the database leaks;
/// passwords need a slow, salted KDF (argon2, bcrypt, scrypt, PBKDF2).
///
/// ## Example
/// ```python
/// digest = hashlib.sha256(password.encode()).hexdigest()
/// ```
///
/// ## Use instead
/// ```python
/// digest = argon2.PasswordHasher().hash(password)
/// ```
///
/// ## References
/// - [OWASP: Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
/// - [CWE-916](https://cwe.mitre.org/data/definitions/916.html)
    pub static RULE = {
        code: "AUTH003",
        name: "weak-password-hash",
        analyzer: "code",
        summary: "password hashed with a fast hash instead of a KDF",
        severity: High,
        confidence: Medium,
        cwe: 916,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const WEAK_PASSLIB: &[&str] = &[
    "md5_crypt",
    "des_crypt",
    "bsdi_crypt",
    "bigcrypt",
    "crypt16",
    "apr_md5_crypt",
    "ldap_md5",
    "ldap_sha1",
    "ldap_plaintext",
    "ldap_salted_md5",
    "ldap_salted_sha1",
    "hex_md5",
    "hex_sha1",
    "hex_sha256",
    "hex_sha512",
    "plaintext",
    "mysql323",
    "mysql41",
    "lmhash",
    "nthash",
    "postgres_md5",
    "oracle10",
    "oracle11",
    "sun_md5_crypt",
];

/// A name for a user's password (`password`, `passwd`, `pwd`, `passphrase`), not for a server
/// secret or key (`SECRET_KEY` hashed into an identifier is not password storage).
fn is_user_password(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    is_password_name(name)
        && !lower.contains("token")
        && (lower.contains("pass") || lower.contains("pwd"))
}

fn mentions_password(expr: &Expr) -> bool {
    match expr {
        Expr::Name(n) => is_user_password(n.id.as_str()),
        Expr::Attribute(a) => is_user_password(a.attr.as_str()) || mentions_password(&a.value),
        Expr::Call(c) => {
            mentions_password(&c.func) || c.arguments.args.iter().any(mentions_password)
        }
        Expr::BinOp(b) => mentions_password(&b.left) || mentions_password(&b.right),
        _ => false,
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    if let Some(algo) = q.strip_prefix("hashlib.")
        && matches!(
            algo,
            "md5"
                | "sha1"
                | "sha224"
                | "sha256"
                | "sha384"
                | "sha512"
                | "blake2b"
                | "blake2s"
                | "sha3_256"
                | "sha3_512"
        )
        && ast::arg(call.node, 0).is_some_and(mentions_password)
        // `usedforsecurity=False` declares a non-security use (an identifier, a cache key).
        && ast::keyword(call.node, "usedforsecurity")
            .is_none_or(|k| ast::is_truthy_const(&k.value) != Some(false))
    {
        checker.report(
            &RULE,
            call.node.range(),
            format!("password hashed with hashlib.{algo}: use argon2, bcrypt, scrypt or PBKDF2"),
        );
        return;
    }
    if let Some(rest) = q.strip_prefix("passlib.hash.")
        && let Some((scheme, method)) = rest.split_once('.')
        && matches!(method, "hash" | "encrypt")
        && WEAK_PASSLIB.contains(&scheme)
    {
        checker.report(
            &RULE,
            call.node.range(),
            format!("password hashed with passlib's weak {scheme} scheme"),
        );
        return;
    }
    if q == "passlib.context.CryptContext"
        && let Some(k) = ast::keyword(call.node, "schemes")
        && let Expr::List(l) = &k.value
        && let Some(first) = l.elts.first().and_then(ast::string_value)
        && WEAK_PASSLIB.contains(&first)
    {
        checker.report(
            &RULE,
            k.value.range(),
            format!("CryptContext hashes new passwords with the weak {first} scheme"),
        );
    }
}

pyward_core::declare_rule! {
    /// ## What it does
    /// Checks every `Set-Cookie` of the probed responses for `Secure`, `HttpOnly` and `SameSite`. Session-like cookies (`sessionid`, `session`, `sid`, names containing `session`, `auth` or `token`) missing a flag are high; `csrftoken`/`csrf` cookies need not be HttpOnly (scripts read them by design). The cookie's value is never shown. Deduction: 20 points for a session cookie, 5 for others.
    ///
    /// ## Why is this bad?
    /// A cookie without Secure is sent over plain HTTP; without HttpOnly any injected script reads it; without SameSite it rides along on cross-site requests (CSRF).
    ///
    /// ## Example
    /// ```text
    /// Set-Cookie: sessionid=…; Path=/
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Set-Cookie: sessionid=…; Path=/; Secure; HttpOnly; SameSite=Lax
    /// ```
    ///
    /// ## References
    /// - [MDN: Set-Cookie](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie)
    /// - [CWE-614](https://cwe.mitre.org/data/definitions/614.html)
    pub static PRB_COOKIE_FLAGS = {
        code: "PRB014",
        name: "cookie-without-flags",
        analyzer: "probe",
        summary: "a cookie is set without Secure, HttpOnly or SameSite",
        severity: Medium,
        confidence: High,
        cwe: 614,
    }
}

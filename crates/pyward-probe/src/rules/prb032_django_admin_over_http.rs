pyward_core::declare_rule! {
    /// ## What it does
    /// On an `http://` origin, requests `/admin/login/` and flags Django's admin login page (recognised by its form and CSRF field) served without TLS and without a redirect to HTTPS.
    ///
    /// ## Why is this bad?
    /// Staff passwords and the admin session cookie cross the network in clear text, and the admin is the most privileged interface of a Django site. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/admin/login/ | grep -c csrfmiddlewaretoken
    /// 1
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # settings.py
    /// SECURE_SSL_REDIRECT = True
    /// SESSION_COOKIE_SECURE = True
    /// CSRF_COOKIE_SECURE = True
    /// ```
    ///
    /// ## References
    /// - [Django: HTTPS deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PRB_DJANGO_ADMIN_OVER_HTTP = {
        code: "PRB032",
        name: "django-admin-over-http",
        analyzer: "probe",
        summary: "the Django admin login is served over plain HTTP",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}

pyward_core::declare_rule! {
    /// ## What it does
    /// Requests a random path that cannot exist and flags Django's technical 404 page (the URLconf listing shown only with `DEBUG = True`), and flags Django's technical 500 page on any page the probe fetched.
    ///
    /// ## Why is this bad?
    /// With `DEBUG = True` Django shows every URL pattern of the project on a 404 and, on an error, the traceback with local variables and most settings. It also keeps every SQL query in memory. Deduction: 40 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/pyward-probe-404 | grep DEBUG
    /// You're seeing this error because you have DEBUG = True in your Django settings file.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # settings.py (production)
    /// DEBUG = False
    /// ```
    ///
    /// ## References
    /// - [Django: the DEBUG setting](https://docs.djangoproject.com/en/stable/ref/settings/#debug)
    /// - [CWE-215](https://cwe.mitre.org/data/definitions/215.html)
    pub static PRB_DJANGO_DEBUG_PAGE = {
        code: "PRB031",
        name: "django-debug-page",
        analyzer: "probe",
        summary: "Django's technical debug page is shown (DEBUG = True)",
        severity: High,
        confidence: High,
        cwe: 215,
    }
}

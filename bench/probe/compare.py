#!/usr/bin/env python3
"""Per-property comparison of `pyward probe`, sslyze and testssl.sh, from their JSON outputs.

Reads the files bench/probe/compare.sh writes into OUT (default bench/out/probe):

    pyward-<server>.json        pyward probe --format json --ca-file <test CA>
    pyward-noca-<server>.json   the same without --ca-file (system roots only)
    sslyze-<server>.json        sslyze --json_out (with --certinfo_ca_file <test CA>)
    testssl-<server>.json       testssl.sh --jsonfile (with --add-ca <test CA>)
    testssl-noca-<server>.json  testssl.sh -S --jsonfile, without --add-ca
    servers.json                {"<server>": {"tls": "host:port", "origin": "https://host:port"}}

and prints one markdown table per server: each property as each tool reports it, and whether
the tools that check it agree. Every cell comes from a tool's own output; "—" means the tool
does not check that property (or its output for it is missing).

    python3 bench/probe/compare.py [OUT]
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

NA = (None, "—")

# The weak families, named as pyward's PRB021 messages name them.
FAMILIES = [
    ("RC4", "RC4"),
    ("3DES", "3DES"),
    ("export", "export"),
    ("NULL", "NULL encryption"),
    ("anonymous", "anonymous key exchange"),
    ("CBC-SHA1 under TLS 1.0", "CBC with SHA-1"),
]


def load(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def yes_no(b: bool | None, detail: str = "") -> tuple[bool | None, str]:
    if b is None:
        return NA
    text = "yes" if b else "no"
    return b, f"{text} ({detail})" if detail else text


def family_of(name: str, version: str) -> str | None:
    """A suite's weak family by IANA name, one family each, checked in this order; CBC with SHA-1
    counts only under TLS 1.0 (pyward's PRB021 families)."""
    if "EXPORT" in name:
        return "export"
    if "_RC4_" in name:
        return "RC4"
    if "3DES" in name:
        return "3DES"
    if "_WITH_NULL_" in name:
        return "NULL"
    if "_anon_" in name:
        return "anonymous"
    if version == "TLSv1.0" and name.endswith("_CBC_SHA"):
        return "CBC-SHA1 under TLS 1.0"
    return None


def suites_text(names: set[str]) -> str:
    return f"{len(names)}: " + ", ".join(sorted(names)) if names else "none"


# ---- pyward ---------------------------------------------------------------------------------


class Pyward:
    def __init__(self, report, noca, tls_key: str, origin: str):
        self.ok = report is not None
        self.tls_key = tls_key
        self.origin = origin
        self.findings = report["findings"] if report else []
        self.errors = report.get("errors", []) if report else []
        self.noca = noca["findings"] if noca else None

    def tls(self, code: str, findings=None):
        findings = self.findings if findings is None else findings
        return [
            f
            for f in findings
            if f["code"] == code and f["location"].get("host") == self.tls_key
        ]

    def http(self, code: str):
        return [
            f
            for f in self.findings
            if f["code"] == code
            and (f["location"].get("url") or "").startswith(self.origin + "/")
        ]

    def tls_not_checked(self) -> bool:
        return any(self.tls_key in e.get("path", "") for e in self.errors)

    def version(self, v: str):
        if not self.ok or self.tls_not_checked():
            return NA
        if v in ("SSLv2", "SSLv3", "TLSv1.2"):
            return NA  # not reported: no finding either way
        if v == "TLSv1.3":
            return yes_no(not self.tls("PRB020"))
        legacy = " ".join(f["message"] for f in self.tls("PRB019"))
        return yes_no(v in legacy.split())

    def weak(self, family_label: str):
        if not self.ok or self.tls_not_checked():
            return NA, set()
        for f in self.tls("PRB021"):
            m = re.match(r"accepts (.+?) suites(?: under (\S+))?: (.*)", f["message"])
            if m and m.group(1) == family_label:
                names = {n.strip() for n in m.group(3).split(",")}
                return (True, f"yes ({suites_text(names)})"), names
        return (False, "no"), set()

    def fs_preferred(self):
        if not self.ok or self.tls_not_checked():
            return NA
        f = self.tls("PRB022")
        if f:
            return False, "no: " + f[0]["message"]
        return True, "yes"

    def chain(self, system_only: bool):
        findings = self.noca if system_only else self.findings
        if findings is None or not self.ok:
            return NA
        untrusted = self.tls("PRB023", findings)
        if untrusted:
            why = untrusted[0]["message"].split(": ", 1)[-1]
            return False, "no: " + shorten(why)
        expired = self.tls("PRB025", findings)
        if expired and "expired" in expired[0]["message"]:
            return None, "no PRB023 (an expired chain is reported by PRB025 only)"
        return True, "yes"

    def hostname(self):
        if not self.ok:
            return NA
        f = self.tls("PRB024")
        return (False, "no: " + shorten(f[0]["message"])) if f else (True, "yes")

    def expiry(self):
        if not self.ok:
            return NA
        f = self.tls("PRB025")
        if f:
            return False, f[0]["message"].removeprefix("the certificate ")
        return True, "valid, ≥ 30 days left"

    def key(self):
        if not self.ok:
            return NA
        f = self.tls("PRB026")
        if f:
            return False, "weak: " + f[0]["message"].removeprefix("the certificate has a ")
        return True, "ok (RSA ≥ 2048 / EC ≥ 256)"

    def signature(self):
        if not self.ok:
            return NA
        f = self.tls("PRB027")
        if f:
            return False, "weak: " + f[0]["message"].removeprefix("the certificate is signed with ")
        return True, "ok (no SHA-1/MD5)"

    def ocsp(self):
        if not self.ok:
            return NA
        return (False, "no") if self.tls("PRB028") else (True, "yes")

    def hsts(self):
        if not self.ok:
            return NA
        if self.http("PRB002"):
            return False, "missing"
        weak = self.http("PRB003")
        if weak:
            return False, "weak: " + weak[0]["message"]
        return True, "yes (≥ 6 months, includeSubDomains)"

    def banner(self):
        if not self.ok:
            return NA
        f = self.http("PRB012")
        return (True, f[0]["message"]) if f else (False, "no version")

    def cookies(self):
        if not self.ok:
            return NA
        f = self.http("PRB014")
        return (False, f[0]["message"]) if f else (True, "no PRB014 finding")

    def headers(self):
        if not self.ok:
            return NA
        missing = [
            label
            for code, label in [
                ("PRB005", "CSP"),
                ("PRB007", "nosniff"),
                ("PRB008", "frame protection"),
                ("PRB009", "Referrer-Policy"),
            ]
            if self.http(code)
        ]
        return (False, "missing: " + ", ".join(missing)) if missing else (True, "all four set")


# ---- sslyze ---------------------------------------------------------------------------------


class Sslyze:
    KEYS = {
        "SSLv2": "ssl_2_0",
        "SSLv3": "ssl_3_0",
        "TLSv1.0": "tls_1_0",
        "TLSv1.1": "tls_1_1",
        "TLSv1.2": "tls_1_2",
        "TLSv1.3": "tls_1_3",
    }

    def __init__(self, doc):
        self.r = None
        self.date = None
        if doc and doc.get("server_scan_results"):
            s = doc["server_scan_results"][0]
            if s.get("scan_status") == "COMPLETED":
                self.r = s["scan_result"]
                self.date = doc.get("date_scans_started")

    def part(self, name):
        if not self.r:
            return None
        p = self.r.get(name) or {}
        return p.get("result") if p.get("status") == "COMPLETED" else None

    def accepted(self, v):
        res = self.part(self.KEYS[v] + "_cipher_suites")
        if res is None:
            return None
        return [c["cipher_suite"] for c in res["accepted_cipher_suites"]]

    def version(self, v):
        acc = self.accepted(v)
        return NA if acc is None else yes_no(bool(acc))

    def weak(self, family):
        names = set()
        any_checked = False
        for v in self.KEYS:
            acc = self.accepted(v)
            if acc is None:
                continue
            any_checked = True
            for c in acc:
                if family_of(c["name"], v) == family:
                    names.add(c["name"])
        if not any_checked:
            return NA, set()
        return ((True, f"yes ({suites_text(names)})") if names else (False, "no")), names

    def fs_offered(self):
        offered = False
        checked = False
        for v in ["TLSv1.0", "TLSv1.1", "TLSv1.2"]:
            acc = self.accepted(v)
            if acc is None:
                continue
            checked = True
            offered |= any(
                ("_ECDHE_" in c["name"] or "_DHE_" in c["name"]) for c in acc
            )
        if self.accepted("TLSv1.3"):
            offered = True
        return yes_no(offered) if checked else NA

    def deployment(self):
        ci = self.part("certificate_info")
        if not ci or not ci.get("certificate_deployments"):
            return None
        return ci["certificate_deployments"][0]

    def validation(self, store_prefix):
        d = self.deployment()
        if not d:
            return None
        for pv in d["path_validation_results"]:
            if pv["trust_store"]["name"].startswith(store_prefix):
                return pv
        return None

    def chain(self, system_only: bool):
        pv = self.validation("Mozilla" if system_only else "Supplied CA file")
        if pv is None:
            return NA
        if pv["was_validation_successful"]:
            return True, "yes"
        err = pv.get("validation_error") or ""
        if "subjectAltName" in err and not system_only:
            # sslyze checks the name inside path validation: this is the host-name row's.
            return None, "no, but for the host name: " + shorten(err)
        return False, "no: " + shorten(err)

    def leaf(self):
        d = self.deployment()
        return d["received_certificate_chain"][0] if d else None

    def hostname(self):
        pv = self.validation("Supplied CA file")
        if pv is None:
            return NA
        err = pv.get("validation_error") or ""
        if "subjectAltName" in err or "hostname" in err.lower():
            return False, "no: " + shorten(err)
        if pv["was_validation_successful"]:
            return True, "yes (path validation passed)"
        return None, "not reported apart from path validation"

    def expiry(self):
        leaf = self.leaf()
        if not leaf:
            return NA
        after = datetime.fromisoformat(leaf["not_valid_after"].replace("Z", "+00:00"))
        now = datetime.fromisoformat(self.date) if self.date else datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        days = (after - now).days
        if days < 0:
            return False, f"expired (not_valid_after {after.date()})"
        return days >= 30, f"not_valid_after {after.date()} ({days} days)"

    def key(self):
        leaf = self.leaf()
        if not leaf:
            return NA
        pk = leaf["public_key"]
        size = pk.get("key_size")
        algo = pk.get("algorithm", "")
        ok = size >= (256 if "EllipticCurve" in algo else 2048)
        return ok, f"{algo} {size} bits"

    def signature(self):
        leaf = self.leaf()
        if not leaf:
            return NA
        name = leaf["signature_algorithm_oid"]["name"]
        ok = not re.search(r"sha1|md5", name, re.I)
        return ok, name

    def ocsp(self):
        d = self.deployment()
        if not d:
            return NA
        if d.get("ocsp_response") is None:
            return False, "no"
        return True, f"yes (trusted: {d.get('ocsp_response_is_trusted')})"

    def hsts(self):
        res = self.part("http_headers")
        if res is None:
            return NA
        h = res.get("strict_transport_security_header")
        if not h:
            return False, "missing"
        ok = (h.get("max_age") or 0) >= 15552000 and h.get("include_subdomains")
        return bool(ok), f"max_age={h.get('max_age')}, include_subdomains={h.get('include_subdomains')}"


# ---- testssl.sh -----------------------------------------------------------------------------


class Testssl:
    def __init__(self, doc, noca):
        self.by_id = {}
        self.suites = []  # (version, IANA name)
        for e in doc or []:
            self.by_id.setdefault(e["id"], e)
            if e["id"].startswith("cipher-tls") or e["id"].startswith("cipher-ssl"):
                tokens = e["finding"].split()
                label = " ".join(tokens[:2])
                version = {
                    "TLS 1": "TLSv1.0",
                    "TLS 1.1": "TLSv1.1",
                    "TLS 1.2": "TLSv1.2",
                    "TLS 1.3": "TLSv1.3",
                }.get(label, label)
                self.suites.append((version, tokens[-1]))
        self.noca = {e["id"]: e for e in (noca or [])}
        self.ok = bool(doc)

    def get(self, key, source=None):
        e = (source if source is not None else self.by_id).get(key)
        return e["finding"] if e else None

    def version(self, v):
        key = {
            "SSLv2": "SSLv2",
            "SSLv3": "SSLv3",
            "TLSv1.0": "TLS1",
            "TLSv1.1": "TLS1_1",
            "TLSv1.2": "TLS1_2",
            "TLSv1.3": "TLS1_3",
        }[v]
        f = self.get(key)
        if f is None:
            return NA
        plain = f.startswith(("offered", "not offered"))
        return yes_no(f.startswith("offered"), "" if plain else f)

    def weak(self, family):
        if not self.suites:
            return NA, set()
        names = {n for v, n in self.suites if family_of(n, v) == family}
        return ((True, f"yes ({suites_text(names)})") if names else (False, "no")), names

    def fs_offered(self):
        f = self.get("PFS") or self.get("FS")
        if f is None:
            return NA
        return yes_no(f.startswith("offered"))

    def order(self):
        f = self.get("cipher_order")
        if f is None:
            return NA
        return (f.startswith("server"), f)

    def chain(self, system_only: bool):
        f = self.get("cert_chain_of_trust", self.noca if system_only else None)
        if f is None:
            return NA
        return (f.startswith("passed"), f if not f.startswith("passed") else "yes")

    def hostname(self):
        f = self.get("cert_trust")
        if f is None:
            return NA
        return (f.startswith("Ok"), f)

    def expiry(self):
        f = self.get("cert_expirationStatus")
        if f is None:
            return NA
        return (">=" in f and "expired" not in f, f)

    def key(self):
        f = self.get("cert_keySize")
        if f is None:
            return NA
        sev = self.by_id["cert_keySize"]["severity"]
        return (sev in ("OK", "INFO"), f)

    def signature(self):
        f = self.get("cert_signatureAlgorithm")
        if f is None:
            return NA
        return (not re.search(r"sha1|md5", f, re.I), f)

    def ocsp(self):
        f = self.get("OCSP_stapling")
        if f is None:
            return NA
        return (f.startswith("offered"), f)

    def hsts(self):
        if "HSTS" in self.by_id:
            return False, self.get("HSTS")
        t = self.get("HSTS_time")
        if t is None:
            return NA
        sub = self.get("HSTS_subdomains") or ""
        ok = self.by_id["HSTS_time"]["severity"] == "OK" and "includes" in sub
        return ok, f"{t}; {sub}"

    def banner(self):
        f = self.get("banner_server")
        if f is None:
            return NA
        return (bool(re.search(r"\d", f)), f)

    def cookies(self):
        s, h = self.get("cookie_secure"), self.get("cookie_httponly")
        if s is None and h is None:
            count = self.get("cookie_count")
            return (None, f"no cookie ({count})") if count else NA
        ok = (s or "").startswith("All") and (h or "").startswith("All")
        return ok, f"{s}; {h}"

    def headers(self):
        if not self.ok:
            return NA
        wanted = (
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Referrer-Policy",
        )
        have = [k for k in wanted if k in self.by_id]
        missing = [k for k in wanted if k not in self.by_id]
        if "security_headers" in self.by_id and not have:
            return False, "none (" + self.get("security_headers") + ")"
        if missing:
            return False, "missing: " + ", ".join(missing)
        return True, "all four set"


def shorten(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def verdict(cells: list[tuple[bool | None, str]]) -> str:
    """agree / differ over the tools with a yes/no; a tool that answered without one (its text
    is not "—") is named."""
    known = [v for v, _ in cells if v is not None]
    silent = [
        tool
        for tool, (v, text) in zip(["pyward", "sslyze", "testssl"], cells)
        if v is None and text != "—"
    ]
    if len(known) < 2:
        out = "—"
    else:
        out = "agree" if all(v == known[0] for v in known) else "**differ**"
    if silent:
        out += " (no verdict: " + ", ".join(silent) + ")"
    return out


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def table(name: str, spec: dict, out: Path) -> str:
    pw = Pyward(
        load(out / f"pyward-{name}.json"),
        load(out / f"pyward-noca-{name}.json"),
        spec["tls"],
        spec["origin"],
    )
    sy = Sslyze(load(out / f"sslyze-{name}.json"))
    ts = Testssl(load(out / f"testssl-{name}.json"), load(out / f"testssl-noca-{name}.json"))
    rows = []
    for v in ["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]:
        rows.append((f"{v} accepted", pw.version(v), sy.version(v), ts.version(v)))
    for fam, label in FAMILIES:
        p, pn = pw.weak(label)
        s, sn = sy.weak(fam)
        t, tn = ts.weak(fam)
        rows.append((f"weak suites: {fam}", p, s, t))
        # Where both found suites, say which names only one of them saw.
        for other, on, oname in [("sslyze", sn, s), ("testssl", tn, t)]:
            if pn and on and pn != on:
                extra = on - pn
                missing = pn - on
                notes = []
                if extra:
                    notes.append(f"only {other}: {', '.join(sorted(extra))}")
                if missing:
                    notes.append(f"only pyward: {', '.join(sorted(missing))}")
                rows.append((f"  ↳ {fam} suite names vs {other}", NA, (None, "; ".join(notes)), NA))
    rows.append(("forward-secret suites offered", NA, sy.fs_offered(), ts.fs_offered()))
    rows.append(
        (
            "server picks FS over non-FS (pyward) / has its own cipher order (testssl)",
            pw.fs_preferred(),
            NA,
            ts.order(),
        )
    )
    rows.append(("chain trusted (test CA added)", pw.chain(False), sy.chain(False), ts.chain(False)))
    rows.append(("chain trusted (system roots only)", pw.chain(True), sy.chain(True), ts.chain(True)))
    rows.append(("host name matches", pw.hostname(), sy.hostname(), ts.hostname()))
    rows.append(("not expired, ≥ 30 days left", pw.expiry(), sy.expiry(), ts.expiry()))
    rows.append(("key size ok", pw.key(), sy.key(), ts.key()))
    rows.append(("signature ok (no SHA-1/MD5)", pw.signature(), sy.signature(), ts.signature()))
    rows.append(("OCSP response stapled", pw.ocsp(), sy.ocsp(), ts.ocsp()))
    rows.append(("HSTS ≥ 6 months + includeSubDomains", pw.hsts(), sy.hsts(), ts.hsts()))
    rows.append(("Server header shows a version", pw.banner(), NA, ts.banner()))
    rows.append(("cookies flagged (Secure, HttpOnly)", pw.cookies(), NA, ts.cookies()))
    rows.append(("CSP, nosniff, framing, Referrer-Policy", pw.headers(), NA, ts.headers()))

    lines = [
        f"### {name} (`{spec['tls']}`)",
        "",
        "| Property | pyward probe | sslyze | testssl.sh | |",
        "|:---|:---|:---|:---|:---|",
    ]
    for label, p, s, t in rows:
        v = "" if label.startswith("  ↳") else verdict([p, s, t])
        lines.append(f"| {cell(label)} | {cell(p[1])} | {cell(s[1])} | {cell(t[1])} | {v} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    default = Path(__file__).resolve().parents[2] / "bench/out/probe"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    servers = load(out / "servers.json")
    if not servers:
        print(f"no {out}/servers.json: run bench/probe/compare.sh first", file=sys.stderr)
        return 2
    print("# pyward probe, sslyze and testssl.sh, property by property\n")
    print("yes/no: what the tool's output says; —: not checked by that tool. The last column")
    print("compares the yes/no of the tools that check the property.\n")
    for name, spec in servers.items():
        print(table(name, spec, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

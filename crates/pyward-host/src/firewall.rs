//! The firewall rules the kernel has loaded, from `nft -j list ruleset` and `iptables-save`, and
//! what they do to a new connection from outside to a port. A firewall counts as active only
//! when rules were read; when they cannot be, every answer is [`Reach::Unknown`].

use std::collections::BTreeMap;

use serde_json::Value;

use crate::Host;
use crate::command::run_bounded;
use crate::procfs::Proto;

/// What the loaded rules do to a new connection from another host to a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Accepted from anywhere (or no filtering is loaded).
    Open,
    /// Accepted only from some source addresses.
    Restricted,
    /// Dropped or rejected.
    Filtered,
    /// The rules could not be read, or are too involved to follow.
    Unknown,
}

impl Reach {
    /// Words for a finding's message.
    pub fn describe(self, fw: &Firewall) -> String {
        match self {
            Reach::Open if !fw.loaded() => "no firewall rules are loaded".to_string(),
            Reach::Open => format!("the loaded {} rules accept it from anywhere", fw.source()),
            Reach::Restricted => format!(
                "the loaded {} rules accept it from some addresses",
                fw.source()
            ),
            Reach::Filtered => format!("the loaded {} rules drop it", fw.source()),
            Reach::Unknown => match &fw.error {
                Some(e) => format!("the firewall could not be read ({e})"),
                None => "the firewall rules could not be followed for this port".to_string(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    /// Matches any new connection (from the rule's point of view).
    None,
    /// Only some sources (`saddr`, `-s`).
    Source,
    /// Never a new connection from outside: loopback interface, established/related state.
    NotNew,
    /// Something this model does not follow.
    Other,
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Accept,
    Drop,
    Return,
    Jump(String),
    /// Logging, counting, marking: the packet goes on.
    Continue,
}

#[derive(Debug, Clone)]
struct Rule {
    proto: Option<Proto>,
    /// Inclusive port ranges; `None` is every port.
    dports: Option<Vec<(u16, u16)>>,
    cond: Cond,
    action: Action,
}

impl Cond {
    /// How strongly a condition limits which new connections a rule applies to.
    fn rank(&self) -> u8 {
        match self {
            Cond::None => 0,
            Cond::Source => 1,
            Cond::Other => 2,
            Cond::NotNew => 3,
        }
    }
}

impl Rule {
    /// Adds a match: the strongest condition wins (NotNew > Other > Source > None).
    fn narrow(&mut self, c: Cond) {
        if c.rank() > self.cond.rank() {
            self.cond = c;
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Chain {
    rules: Vec<Rule>,
    /// For base chains: the policy drops what no rule accepted.
    policy_drop: bool,
}

/// One ruleset: base input chains and the chains they jump to.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    inputs: Vec<String>,
    chains: BTreeMap<String, Chain>,
}

impl Ruleset {
    /// Filtering of incoming connections is loaded: an input chain with a rule or a drop
    /// policy.
    pub fn filters_input(&self) -> bool {
        self.inputs.iter().any(|name| {
            self.chains
                .get(name)
                .is_some_and(|c| c.policy_drop || !c.rules.is_empty())
        })
    }

    fn reach(&self, proto: Proto, port: u16) -> Reach {
        let mut restricted = false;
        for name in &self.inputs {
            match self.eval(name, proto, port, 0) {
                Some(Reach::Filtered) => return Reach::Filtered,
                Some(Reach::Unknown) => return Reach::Unknown,
                Some(Reach::Restricted) => restricted = true,
                Some(Reach::Open) => {}
                None => {
                    if self.chains.get(name).is_some_and(|c| c.policy_drop) {
                        return if restricted {
                            Reach::Restricted
                        } else {
                            Reach::Filtered
                        };
                    }
                }
            }
        }
        if restricted {
            Reach::Restricted
        } else {
            Reach::Open
        }
    }

    /// The verdict of chain `name` for a new connection, `None` when it falls through.
    fn eval(&self, name: &str, proto: Proto, port: u16, depth: usize) -> Option<Reach> {
        if depth > 16 {
            return Some(Reach::Unknown);
        }
        let chain = self.chains.get(name)?;
        let mut restricted = false;
        for rule in &chain.rules {
            if rule.proto.is_some_and(|p| p != proto)
                || rule
                    .dports
                    .as_ref()
                    .is_some_and(|r| !r.iter().any(|(a, b)| (*a..=*b).contains(&port)))
            {
                continue;
            }
            match (&rule.cond, &rule.action) {
                (Cond::NotNew, _) | (_, Action::Continue) => {}
                (Cond::Other, Action::Accept | Action::Jump(_)) => return Some(Reach::Unknown),
                (Cond::Other | Cond::Source, Action::Drop | Action::Return) => {
                    // Drops only some traffic: others go on.
                }
                (Cond::Source, Action::Accept) => restricted = true,
                (Cond::Source, Action::Jump(_)) => return Some(Reach::Unknown),
                (Cond::None, Action::Accept) => {
                    return Some(if restricted {
                        Reach::Restricted
                    } else {
                        Reach::Open
                    });
                }
                (Cond::None, Action::Drop) => {
                    return Some(if restricted {
                        Reach::Restricted
                    } else {
                        Reach::Filtered
                    });
                }
                (Cond::None, Action::Return) => break,
                (Cond::None, Action::Jump(target)) => {
                    if let Some(verdict) = self.eval(target, proto, port, depth + 1) {
                        return Some(if restricted && verdict == Reach::Filtered {
                            Reach::Restricted
                        } else {
                            verdict
                        });
                    }
                }
            }
        }
        restricted.then_some(Reach::Restricted)
    }
}

/// The loaded firewall of a host.
#[derive(Debug, Clone, Default)]
pub struct Firewall {
    /// Rulesets read, by source (`nftables`, `iptables`).
    pub rulesets: Vec<(&'static str, Ruleset)>,
    /// Why the rules could not be read (no rule was read at all).
    pub error: Option<String>,
}

impl Firewall {
    /// Input filtering was read and is loaded.
    pub fn loaded(&self) -> bool {
        self.rulesets.iter().any(|(_, r)| r.filters_input())
    }

    fn source(&self) -> String {
        let names: Vec<&str> = self
            .rulesets
            .iter()
            .filter(|(_, r)| r.filters_input())
            .map(|(n, _)| *n)
            .collect();
        if names.is_empty() {
            "firewall".to_string()
        } else {
            names.join(" and ")
        }
    }

    /// What the loaded rules do to a new connection from outside to `port`.
    pub fn reach(&self, proto: Proto, port: u16) -> Reach {
        if self.rulesets.is_empty() {
            return Reach::Unknown;
        }
        let mut out = Reach::Open;
        for (_, r) in self.rulesets.iter().filter(|(_, r)| r.filters_input()) {
            match r.reach(proto, port) {
                Reach::Filtered => return Reach::Filtered,
                Reach::Unknown => out = Reach::Unknown,
                Reach::Restricted if out == Reach::Open => out = Reach::Restricted,
                _ => {}
            }
        }
        out
    }
}

/// Reads the loaded rules on a live host; on a mounted root nothing is loaded to read.
pub fn read(host: &mut Host) -> Firewall {
    let mut fw = Firewall::default();
    if !host.live {
        fw.error = Some("a mounted root has no loaded rules".into());
        return fw;
    }
    let mut errors = Vec::new();
    match run_bounded("nft", &["-j", "list", "ruleset"]) {
        Ok(out) => match parse_nft_json(&out) {
            Ok(r) => fw.rulesets.push(("nftables", r)),
            Err(e) => errors.push(format!("nft: {e}")),
        },
        Err(e) => errors.push(format!("nft: {e}")),
    }
    match run_bounded("iptables-save", &[]) {
        Ok(out) => fw.rulesets.push(("iptables", parse_iptables_save(&out))),
        Err(e) => errors.push(format!("iptables-save: {e}")),
    }
    if fw.rulesets.is_empty() {
        let why = errors.join("; ");
        host.not_checked("firewall", &why);
        fw.error = Some(why);
    }
    fw
}

/// Parses `nft -j list ruleset`.
pub fn parse_nft_json(text: &str) -> Result<Ruleset, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("unreadable JSON: {e}"))?;
    let items = v
        .get("nftables")
        .and_then(Value::as_array)
        .ok_or("no `nftables` list")?;
    let mut set = Ruleset::default();
    let key = |o: &Value| {
        format!(
            "{}/{}/{}",
            o.get("family").and_then(Value::as_str).unwrap_or(""),
            o.get("table").and_then(Value::as_str).unwrap_or(""),
            o.get("name")
                .or_else(|| o.get("chain"))
                .and_then(Value::as_str)
                .unwrap_or("")
        )
    };
    let family_ok = |o: &Value| {
        matches!(
            o.get("family").and_then(Value::as_str),
            Some("ip" | "ip6" | "inet")
        )
    };
    for item in items {
        if let Some(c) = item.get("chain").filter(|c| family_ok(c)) {
            let name = key(c);
            let chain = set.chains.entry(name.clone()).or_default();
            if c.get("hook").and_then(Value::as_str) == Some("input")
                && c.get("type").and_then(Value::as_str) == Some("filter")
            {
                chain.policy_drop = c.get("policy").and_then(Value::as_str) == Some("drop");
                set.inputs.push(name);
            }
        } else if let Some(r) = item.get("rule").filter(|r| family_ok(r)) {
            let name = key(r);
            let prefix = name.rsplit_once('/').map_or("", |(p, _)| p).to_string();
            let rule = nft_rule(r.get("expr").and_then(Value::as_array), &prefix);
            set.chains.entry(name).or_default().rules.push(rule);
        }
    }
    Ok(set)
}

fn nft_rule(exprs: Option<&Vec<Value>>, table: &str) -> Rule {
    let mut rule = Rule {
        proto: None,
        dports: None,
        cond: Cond::None,
        action: Action::Continue,
    };
    for e in exprs.into_iter().flatten() {
        if let Some(m) = e.get("match") {
            let left = m.get("left").unwrap_or(&Value::Null);
            let right = m.get("right").unwrap_or(&Value::Null);
            let op = m.get("op").and_then(Value::as_str).unwrap_or("==");
            if let Some(p) = left.get("payload") {
                let field = p.get("field").and_then(Value::as_str).unwrap_or("");
                let protocol = p.get("protocol").and_then(Value::as_str).unwrap_or("");
                match field {
                    "dport" if op == "==" || op == "in" => {
                        rule.proto = proto_of(protocol).or(rule.proto);
                        match nft_ports(right) {
                            Some(p) => rule.dports = Some(p),
                            None => rule.narrow(Cond::Other),
                        }
                    }
                    "saddr" => rule.narrow(Cond::Source),
                    _ => rule.narrow(Cond::Other),
                }
            } else if let Some(k) = left
                .get("meta")
                .and_then(|m| m.get("key"))
                .and_then(Value::as_str)
            {
                match k {
                    "l4proto" | "nfproto" | "protocol" => {
                        if let Some(p) = right.as_str().and_then(proto_of) {
                            rule.proto = Some(p);
                        }
                    }
                    "iif" | "iifname" => {
                        if right.as_str().is_some_and(|i| i == "lo") && op == "==" {
                            rule.narrow(Cond::NotNew);
                        } else {
                            rule.narrow(Cond::Other);
                        }
                    }
                    _ => rule.narrow(Cond::Other),
                }
            } else if left
                .get("ct")
                .and_then(|c| c.get("key"))
                .and_then(Value::as_str)
                == Some("state")
            {
                let states: Vec<&str> = match right {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => right
                        .get("set")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default(),
                };
                if op != "!=" && !states.contains(&"new") {
                    rule.narrow(Cond::NotNew);
                } else {
                    rule.narrow(Cond::Other);
                }
            } else {
                rule.narrow(Cond::Other);
            }
        } else if e.get("accept").is_some() {
            rule.action = Action::Accept;
        } else if e.get("drop").is_some() || e.get("reject").is_some() {
            rule.action = Action::Drop;
        } else if e.get("return").is_some() {
            rule.action = Action::Return;
        } else if let Some(t) = e
            .get("jump")
            .or_else(|| e.get("goto"))
            .and_then(|j| j.get("target"))
            .and_then(Value::as_str)
        {
            rule.action = Action::Jump(format!("{table}/{t}"));
        } else if e.get("counter").is_none()
            && e.get("log").is_none()
            && e.get("limit").is_none()
            && e.get("comment").is_none()
        {
            rule.narrow(Cond::Other);
        }
    }
    rule
}

fn proto_of(name: &str) -> Option<Proto> {
    match name {
        "tcp" => Some(Proto::Tcp),
        "udp" => Some(Proto::Udp),
        _ => None,
    }
}

fn nft_ports(v: &Value) -> Option<Vec<(u16, u16)>> {
    let one = |v: &Value| -> Option<(u16, u16)> {
        if let Some(p) = v.as_u64() {
            let p = u16::try_from(p).ok()?;
            return Some((p, p));
        }
        let r = v.get("range")?.as_array()?;
        let a = u16::try_from(r.first()?.as_u64()?).ok()?;
        let b = u16::try_from(r.get(1)?.as_u64()?).ok()?;
        Some((a, b))
    };
    if let Some(set) = v.get("set").and_then(Value::as_array) {
        return set.iter().map(one).collect();
    }
    one(v).map(|p| vec![p])
}

/// Parses `iptables-save` output: the `filter` table's `INPUT` chain and its user chains.
pub fn parse_iptables_save(text: &str) -> Ruleset {
    let mut set = Ruleset::default();
    let mut in_filter = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(table) = line.strip_prefix('*') {
            in_filter = table == "filter";
            continue;
        }
        if !in_filter {
            continue;
        }
        if let Some(decl) = line.strip_prefix(':') {
            let mut words = decl.split_whitespace();
            let (Some(name), Some(policy)) = (words.next(), words.next()) else {
                continue;
            };
            let chain = set.chains.entry(name.to_string()).or_default();
            if name == "INPUT" {
                chain.policy_drop = policy == "DROP";
                set.inputs.push(name.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("-A ") {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let Some((name, args)) = words.split_first() else {
                continue;
            };
            let rule = iptables_rule(args);
            set.chains
                .entry((*name).to_string())
                .or_default()
                .rules
                .push(rule);
        }
    }
    set
}

fn iptables_rule(args: &[&str]) -> Rule {
    let mut rule = Rule {
        proto: None,
        dports: None,
        cond: Cond::None,
        action: Action::Continue,
    };
    let mut i = 0;
    let mut negate = false;
    let mut conds: Vec<Cond> = Vec::new();
    while i < args.len() {
        let a = args[i];
        let next = args.get(i + 1).copied().unwrap_or("");
        match a {
            "!" => {
                negate = true;
                i += 1;
                continue;
            }
            "-p" | "--protocol" => {
                rule.proto = proto_of(next);
                if negate {
                    conds.push(Cond::Other);
                }
                i += 2;
            }
            "--dport" | "--destination-port" | "--dports" | "--destination-ports" => {
                let ports: Option<Vec<(u16, u16)>> = next
                    .split(',')
                    .map(|p| {
                        let (a, b) = p.split_once(':').unwrap_or((p, p));
                        Some((a.parse().ok()?, b.parse().ok()?))
                    })
                    .collect();
                match ports {
                    Some(p) if !negate => rule.dports = Some(p),
                    _ => conds.push(Cond::Other),
                }
                i += 2;
            }
            "-s" | "--source" | "--src-range" => {
                conds.push(if negate { Cond::Other } else { Cond::Source });
                i += 2;
            }
            "-i" | "--in-interface" => {
                conds.push(if next == "lo" && !negate {
                    Cond::NotNew
                } else {
                    Cond::Other
                });
                i += 2;
            }
            "--ctstate" | "--state" => {
                let new = next.split(',').any(|s| s == "NEW");
                conds.push(if !new && !negate {
                    Cond::NotNew
                } else {
                    Cond::Other
                });
                i += 2;
            }
            "-j" | "-g" | "--jump" | "--goto" => {
                rule.action = match next {
                    "ACCEPT" => Action::Accept,
                    "DROP" | "REJECT" => Action::Drop,
                    "RETURN" => Action::Return,
                    "LOG" | "NFLOG" | "ULOG" | "MARK" | "CONNMARK" => Action::Continue,
                    other => Action::Jump(other.to_string()),
                };
                // Target options (`--reject-with …`) follow: nothing more matches.
                break;
            }
            // Modules and options that only qualify other matches.
            "-m" | "--match" | "--comment" | "--limit" | "--limit-burst" | "--log-prefix" => {
                i += 2;
            }
            "-d" | "--destination" => {
                conds.push(Cond::Other);
                i += 2;
            }
            _ => {
                // An option this model does not know: its value (if any) follows.
                if a.starts_with('-') && !next.starts_with('-') && !next.is_empty() {
                    i += 2;
                } else {
                    i += 1;
                }
                conds.push(Cond::Other);
            }
        }
        negate = false;
    }
    for c in conds {
        rule.narrow(c);
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw(set: Ruleset) -> Firewall {
        Firewall {
            rulesets: vec![("test", set)],
            error: None,
        }
    }

    #[test]
    fn iptables_policy_drop_with_accepted_ports() {
        let text = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 5432 -j ACCEPT\nCOMMIT\n\
*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n\
-A INPUT -i lo -j ACCEPT\n\
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n\
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n\
-A INPUT -p tcp -m multiport --dports 80,443,8000:8010 -j ACCEPT\n\
-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n";
        let f = fw(parse_iptables_save(text));
        assert!(f.loaded());
        assert_eq!(f.reach(Proto::Tcp, 22), Reach::Open);
        assert_eq!(f.reach(Proto::Tcp, 8005), Reach::Open);
        assert_eq!(f.reach(Proto::Tcp, 5432), Reach::Restricted);
        assert_eq!(f.reach(Proto::Tcp, 6379), Reach::Filtered);
        assert_eq!(f.reach(Proto::Udp, 22), Reach::Filtered);
    }

    #[test]
    fn iptables_empty_tables_are_no_firewall() {
        let f = fw(parse_iptables_save(
            "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\nCOMMIT\n",
        ));
        assert!(!f.loaded());
        assert_eq!(f.reach(Proto::Tcp, 6379), Reach::Open);
        assert!(Reach::Open.describe(&f).contains("no firewall rules"));
    }

    #[test]
    fn iptables_user_chains_like_ufw() {
        let text = "*filter\n:INPUT DROP [0:0]\n:ufw-before-input - [0:0]\n:ufw-user-input - [0:0]\n\
-A INPUT -j ufw-before-input\n-A INPUT -j ufw-user-input\n\
-A ufw-before-input -i lo -j ACCEPT\n\
-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n\
-A ufw-user-input -p tcp --dport 22 -j ACCEPT\n\
-A ufw-user-input -p tcp --dport 6379 -j DROP\nCOMMIT\n";
        let f = fw(parse_iptables_save(text));
        assert_eq!(f.reach(Proto::Tcp, 22), Reach::Open);
        assert_eq!(f.reach(Proto::Tcp, 6379), Reach::Filtered);
        assert_eq!(f.reach(Proto::Tcp, 3306), Reach::Filtered);
    }

    #[test]
    fn nft_json_input_chain() {
        let text = r#"{"nftables":[{"metainfo":{"version":"1.0.6"}},
{"table":{"family":"inet","name":"filter","handle":1}},
{"chain":{"family":"inet","table":"filter","name":"input","handle":1,"type":"filter","hook":"input","prio":0,"policy":"drop"}},
{"rule":{"family":"inet","table":"filter","chain":"input","handle":2,"expr":[{"match":{"op":"in","left":{"ct":{"key":"state"}},"right":["established","related"]}},{"accept":null}]}},
{"rule":{"family":"inet","table":"filter","chain":"input","handle":3,"expr":[{"match":{"op":"==","left":{"meta":{"key":"iif"}},"right":"lo"}},{"accept":null}]}},
{"rule":{"family":"inet","table":"filter","chain":"input","handle":4,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":{"set":[22,80,{"range":[8000,8010]}]}}},{"counter":{"packets":0,"bytes":0}},{"accept":null}]}},
{"rule":{"family":"inet","table":"filter","chain":"input","handle":5,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"ip","field":"saddr"}},"right":{"prefix":{"addr":"10.0.0.0","len":8}}}},{"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":5432}},{"accept":null}]}},
{"rule":{"family":"inet","table":"filter","chain":"input","handle":6,"expr":[{"jump":{"target":"extra"}}]}},
{"chain":{"family":"inet","table":"filter","name":"extra","handle":7}},
{"rule":{"family":"inet","table":"filter","chain":"extra","handle":8,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"udp","field":"dport"}},"right":53}},{"accept":null}]}}]}"#;
        let f = fw(parse_nft_json(text).expect("parses"));
        assert!(f.loaded());
        assert_eq!(f.reach(Proto::Tcp, 22), Reach::Open);
        assert_eq!(f.reach(Proto::Tcp, 8003), Reach::Open);
        assert_eq!(f.reach(Proto::Tcp, 5432), Reach::Restricted);
        assert_eq!(f.reach(Proto::Tcp, 6379), Reach::Filtered);
        assert_eq!(f.reach(Proto::Udp, 53), Reach::Open);
    }

    #[test]
    fn nft_without_input_hook_filters_nothing_and_loops_are_bounded() {
        let empty = r#"{"nftables":[{"metainfo":{}},{"table":{"family":"ip","name":"nat"}}]}"#;
        let f = fw(parse_nft_json(empty).expect("parses"));
        assert!(!f.loaded());
        assert_eq!(f.reach(Proto::Tcp, 22), Reach::Open);
        let looped = r#"{"nftables":[
{"chain":{"family":"ip","table":"t","name":"in","type":"filter","hook":"input","policy":"accept"}},
{"rule":{"family":"ip","table":"t","chain":"in","expr":[{"jump":{"target":"a"}}]}},
{"rule":{"family":"ip","table":"t","chain":"a","expr":[{"jump":{"target":"a"}}]}}]}"#;
        let f = fw(parse_nft_json(looped).expect("parses"));
        assert_eq!(f.reach(Proto::Tcp, 22), Reach::Unknown);
        assert!(parse_nft_json("[]").is_err());
        assert!(parse_nft_json("not json").is_err());
    }

    #[test]
    fn unread_firewall_is_unknown_never_open() {
        let f = Firewall {
            rulesets: vec![],
            error: Some("Operation not permitted".into()),
        };
        assert_eq!(f.reach(Proto::Tcp, 6379), Reach::Unknown);
        assert!(!f.loaded());
        assert!(Reach::Unknown.describe(&f).contains("could not be read"));
    }
}

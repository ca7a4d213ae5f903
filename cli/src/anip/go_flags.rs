//! Go `flag` package behaviour for an undefined flag on the commands upstream has:
//! `flag provided but not defined: -NAME`, then the command's usage text with
//! `PrintDefaults`, on stderr, exit 2. Only the unknown-flag error is Go's; every
//! other parse error (and `--help`) stays clap's.
use clap::error::ErrorKind;

/// A flag as Go's `flag.FlagSet` declares it.
struct GoFlag {
    name: &'static str,
    /// `flag.String` or `flag.Bool` (the only kinds these commands use).
    string: bool,
    usage: &'static str,
}

const fn s(name: &'static str, usage: &'static str) -> GoFlag {
    GoFlag { name, string: true, usage }
}

const fn b(name: &'static str, usage: &'static str) -> GoFlag {
    GoFlag { name, string: false, usage }
}

/// What a command's `fs.Usage` prints.
enum Usage {
    /// A header printed with `Fprintln`, then the flags sorted by `PrintDefaults`.
    Table { header: &'static str, flags: &'static [GoFlag] },
    /// The whole text, without its final newline (build-local keeps its own copy).
    Text(&'static str),
}

/// One upstream command: the trustloop subcommand under `anip` and its usage.
struct GoCommand {
    subcommand: &'static str,
    usage: Usage,
}

const VERIFY: GoCommand = GoCommand {
    subcommand: "verify",
    usage: Usage::Table {
        header: "Usage:
  anip validate --definition <file> [flags]
  anip validate --package-bundle <bundle> [flags]
  anip validate --registry-url <url> --package <id@version> [flags]

Compatibility:
  anip verify [flags] and anip-verify [flags] run the same command.

Flags:",
        flags: &[
            s("definition", "Path to a local anip-service-definition.json"),
            s("package-bundle", "Path to a portable .anip-package.json bundle"),
            s("registry-base", "Base URL of the ANIP Registry service"),
            s("registry-url", "Base URL of the ANIP Registry service"),
            s("package-id", "Registry package id"),
            s("package-version", "Registry package version"),
            s("package", "Registry package reference as package_id@package_version"),
            s("lock-file", "Path to an anip package lock file to enforce during validation"),
            s("expected-contract-signature", "Expected compiled contract signature"),
            s("require-registry-mode", "Required Registry signing mode, for example production"),
            s("trusted-registry-key-id", "Trusted Registry receipt signing key id"),
            b(
                "allow-yanked-package",
                "Allow validating a yanked registry package for pinned historical reproduction. Takedown packages are always blocked.",
            ),
        ],
    },
};

const ATTACH: GoCommand = GoCommand {
    subcommand: "attach-implementation",
    usage: Usage::Table {
        header: "Usage:
  anip package attach-implementation --package-bundle <bundle> --package-version <new-version> --custom-code-bundle-ref <immutable-ref> [flags]

The command does not upload or fetch custom code. It records immutable implementation
material metadata in the publish request so the Registry can sign it as part of the
new package revision manifest.

Flags:",
        flags: &[
            s("package-bundle", "Path to an existing package bundle or registry package record JSON"),
            s("package-version", "New package version to publish"),
            s("implementation-material-title", "Human-readable implementation material title"),
            s("implementation-material-ref", "Immutable implementation material ref. Alias for --custom-code-bundle-ref"),
            s("custom-code-bundle-ref", "Immutable custom bundle ref, for example git+https://repo.git@commit#sha256:<digest>"),
            s("bundle-tree-sha256", "Expected normalized local custom bundle tree digest, sha256:<64 hex chars>"),
            s("custom-code-bundle", "Reviewed local custom bundle directory used only to compute bundle-tree-sha256; not uploaded"),
            s("output", "Write the publish request JSON to this path instead of stdout"),
            s("registry-url", "Registry base URL. When present, publish the new revision instead of only writing the request"),
            s("publish-token", "Registry publish bearer token. Defaults to ANIP_REGISTRY_PUBLISH_TOKEN"),
        ],
    },
};

const BUILD_LOCAL: GoCommand = GoCommand { subcommand: "build-local", usage: Usage::Text(super::build_local::go_flags::USAGE) };

const COMMANDS: &[GoCommand] = &[VERIFY, ATTACH, BUILD_LOCAL];

/// `PrintDefaults` of Go 1.21+: flags sorted by name, `  -name type`, then the usage
/// on the next line after four spaces and a tab (no defaults: all are zero values).
fn print_defaults(flags: &[GoFlag]) -> String {
    let mut sorted: Vec<&GoFlag> = flags.iter().collect();
    sorted.sort_by_key(|f| f.name);
    let mut out = String::new();
    for f in sorted {
        let mut line = format!("  -{}", f.name);
        if f.string {
            line.push_str(" string");
        }
        line.push_str(if line.len() <= 4 { "\t" } else { "\n    \t" });
        line.push_str(&f.usage.replace('\n', "\n    \t"));
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The flag name Go's `parseOne` would stop at as undefined, scanning `args` (the
/// arguments after the subcommand) the way Go does: stop at `--` or the first
/// non-flag; `-name=value` or `-name value` for flags that take a value.
/// `known(name)` says whether a flag exists and whether it takes a separate value.
fn first_undefined(args: &[String], known: &dyn Fn(&str) -> Option<bool>) -> Option<String> {
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" || arg.len() < 2 || !arg.starts_with('-') {
            return None;
        }
        let name = arg.strip_prefix("--").unwrap_or(&arg[1..]);
        let (name, inline_value) = match name.split_once('=') {
            Some((n, _)) => (n, true),
            None => (name, false),
        };
        if name.is_empty() || name.starts_with('-') || name == "h" || name == "help" {
            return None; // bad syntax or help: not Go's "not defined" path
        }
        match known(name) {
            None => return Some(name.to_string()),
            Some(takes_value) => i += if takes_value && !inline_value { 2 } else { 1 },
        }
    }
    None
}

/// For a clap parse error of `trustloop anip <subcommand> …` with an unknown flag,
/// Go's stderr text; `None` for everything else (clap reports it).
pub fn unknown_flag_usage(err: &clap::Error, argv: &[String], cli: &clap::Command) -> Option<String> {
    if err.kind() != ErrorKind::UnknownArgument || argv.get(1).map(String::as_str) != Some("anip") {
        return None;
    }
    let sub = argv.get(2)?;
    let go = COMMANDS.iter().find(|c| c.subcommand == sub)?;
    let clap_sub = cli.find_subcommand("anip")?.find_subcommand(sub)?;
    // trustloop's own flags count as defined too, so they never hide the unknown one.
    let known = |name: &str| {
        clap_sub.get_arguments().find(|a| a.get_long() == Some(name)).map(|a| a.get_action().takes_values())
    };
    let name = first_undefined(&argv[3..], &known)?;
    let usage = match &go.usage {
        Usage::Table { header, flags } => format!("{header}\n{}", print_defaults(flags)),
        Usage::Text(text) => format!("{text}\n"),
    };
    Some(format!("flag provided but not defined: -{name}\n{usage}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn print_defaults_matches_go_layout() {
        let text = print_defaults(&[s("zeta", "last"), b("alpha", "first\nsecond line")]);
        assert_eq!(text, "  -alpha\n    \tfirst\n    \tsecond line\n  -zeta string\n    \tlast\n");
        assert_eq!(print_defaults(&[b("x", "short")]), "  -x\tshort\n");
    }

    #[test]
    fn first_undefined_scans_like_go() {
        let known = |n: &str| match n {
            "package-bundle" => Some(true),
            "json" => Some(false),
            _ => None,
        };
        assert_eq!(first_undefined(&args(&["--package-bundle", "--bogus", "--nope"]), &known).as_deref(), Some("nope"));
        assert_eq!(first_undefined(&args(&["--json", "-bogus=1"]), &known).as_deref(), Some("bogus"));
        assert_eq!(first_undefined(&args(&["--package-bundle=x", "--", "--bogus"]), &known), None);
        assert_eq!(first_undefined(&args(&["positional", "--bogus"]), &known), None);
    }
}

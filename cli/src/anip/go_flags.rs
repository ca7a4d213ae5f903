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

/// What Go's `flag.Parse` reports first.
#[derive(Debug, PartialEq)]
enum GoError {
    BadSyntax(String),
    Undefined(String),
    NeedsArgument(String),
}

/// Scans `args` (the arguments after the subcommand) as Go's `parseOne` does: it stops
/// at `--` or the first non-flag; a flag is `-name` or `--name`, its value `=value` or
/// the next argument (whatever it looks like). `known(name)` says whether a flag exists
/// and whether it takes a value. `on_flag(index, dashes)` sees each accepted flag.
fn scan(args: &[String], known: &dyn Fn(&str) -> Option<bool>, on_flag: &mut dyn FnMut(usize, usize)) -> Option<GoError> {
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" || arg.len() < 2 || !arg.starts_with('-') {
            return None;
        }
        let dashes = if arg.starts_with("--") { 2 } else { 1 };
        let body = &arg[dashes..];
        if body.is_empty() || body.starts_with('-') || body.starts_with('=') {
            return Some(GoError::BadSyntax(arg.clone()));
        }
        let (name, inline_value) = match body.split_once('=') {
            Some((n, _)) => (n, true),
            None => (body, false),
        };
        if name == "h" || name == "help" {
            return None; // help stays clap's
        }
        match known(name) {
            None => return Some(GoError::Undefined(name.to_string())),
            Some(true) if !inline_value => {
                if i + 1 == args.len() {
                    return Some(GoError::NeedsArgument(name.to_string()));
                }
                on_flag(i, dashes);
                i += 2;
            }
            Some(_) => {
                on_flag(i, dashes);
                i += 1;
            }
        }
    }
    None
}

/// Upstream's command `argv` runs (`trustloop anip <subcommand> …`), with `known` for its
/// flags: trustloop's own flags count as defined too, so they never hide Go's error.
fn upstream_command<'a>(argv: &[String], cli: &'a clap::Command) -> Option<(&'static GoCommand, &'a clap::Command)> {
    if argv.get(1).map(String::as_str) != Some("anip") {
        return None;
    }
    let sub = argv.get(2)?;
    let go = COMMANDS.iter().find(|c| c.subcommand == sub)?;
    Some((go, cli.find_subcommand("anip")?.find_subcommand(sub)?))
}

fn known_in(clap_sub: &clap::Command) -> impl Fn(&str) -> Option<bool> + '_ {
    |name: &str| clap_sub.get_arguments().find(|a| a.get_long() == Some(name)).map(|a| a.get_action().takes_values())
}

/// Go's `-name` / `-name=value` for upstream's commands: the single-dash flags become
/// clap's `--name`. Only flags in Go's flag position are touched, never a value.
pub fn double_dashed(argv: Vec<std::ffi::OsString>, cli: &dyn Fn() -> clap::Command) -> Vec<std::ffi::OsString> {
    let text: Vec<String> = argv.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    // Most command lines have no single-dash word: they skip building clap's tree.
    if text.len() < 4 || !text[3..].iter().any(|a| a.len() > 2 && a.starts_with('-') && !a.starts_with("--")) {
        return argv;
    }
    let cli = cli();
    let Some((_, clap_sub)) = upstream_command(&text, &cli) else { return argv };
    let mut single = Vec::new();
    scan(&text[3..], &known_in(clap_sub), &mut |i, dashes| {
        if dashes == 1 {
            single.push(i + 3);
        }
    });
    let mut argv = argv;
    for i in single {
        argv[i] = format!("-{}", text[i]).into();
    }
    argv
}

/// For a clap parse error of upstream's command (`trustloop anip <subcommand> …`), the
/// error Go's `flag` package prints (`flag provided but not defined: -NAME`, `flag needs
/// an argument: -NAME`, `bad flag syntax: ARG`) and the command's usage; `None` for
/// everything else (clap reports it).
pub fn go_parse_error(err: &clap::Error, argv: &[String], cli: &clap::Command) -> Option<String> {
    if !matches!(err.kind(), ErrorKind::UnknownArgument | ErrorKind::InvalidValue | ErrorKind::NoEquals) {
        return None;
    }
    let (go, clap_sub) = upstream_command(argv, cli)?;
    let message = match scan(&argv[3..], &known_in(clap_sub), &mut |_, _| {})? {
        GoError::BadSyntax(arg) => format!("bad flag syntax: {arg}"),
        GoError::Undefined(name) => format!("flag provided but not defined: -{name}"),
        GoError::NeedsArgument(name) => format!("flag needs an argument: -{name}"),
    };
    let usage = match &go.usage {
        Usage::Table { header, flags } => format!("{header}\n{}", print_defaults(flags)),
        Usage::Text(text) => format!("{text}\n"),
    };
    Some(format!("{message}\n{usage}"))
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
    fn scan_finds_gos_first_error() {
        let known = |n: &str| match n {
            "package-bundle" => Some(true),
            "json" => Some(false),
            _ => None,
        };
        let first = |list: &[&str]| scan(&args(list), &known, &mut |_, _| {});
        assert_eq!(first(&["--package-bundle", "--bogus", "--nope"]), Some(GoError::Undefined("nope".into())));
        assert_eq!(first(&["--json", "-bogus=1"]), Some(GoError::Undefined("bogus".into())));
        assert_eq!(first(&["--package-bundle=x", "--", "--bogus"]), None);
        assert_eq!(first(&["positional", "--bogus"]), None);
        assert_eq!(first(&["--json", "-package-bundle"]), Some(GoError::NeedsArgument("package-bundle".into())));
        assert_eq!(first(&["---package-bundle", "x"]), Some(GoError::BadSyntax("---package-bundle".into())));
        assert_eq!(first(&["-=x"]), Some(GoError::BadSyntax("-=x".into())));
        let mut seen = Vec::new();
        assert_eq!(scan(&args(&["-package-bundle", "-x", "--json", "-json"]), &known, &mut |i, d| seen.push((i, d))), None);
        assert_eq!(seen, [(0, 1), (2, 2), (3, 1)], "a flag's value is never a flag, whatever it looks like");
    }
}

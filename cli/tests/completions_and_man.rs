//! `trustloop completions SHELL` and `trustloop man`: generated from the flag
//! definitions, so a completion offers today's subcommands and flags.
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustloop")).args(args).output().expect("run trustloop")
}

/// What bash offers for the words typed so far (the last one is being completed).
fn bash_offers(script: &str, words: &[&str]) -> Vec<String> {
    let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}\n\
         _trustloop trustloop \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$((COMP_CWORD-1))]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words.join(" "),
        cword = words.len() - 1,
    );
    let out = Command::new("bash").args(["--norc", "-c", &program]).output().expect("run bash");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_subcommands_and_their_flags() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).expect("UTF-8 script");
    assert_eq!(bash_offers(&script, &["trustloop", "anip", "ver"]), ["verify"]);
    let flags = bash_offers(&script, &["trustloop", "anip", "verify", "--package-b"]);
    assert_eq!(flags, ["--package-bundle"]);
}

#[test]
fn every_supported_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    for (shell, marker) in [("bash", "_trustloop"), ("zsh", "#compdef trustloop"), ("fish", "complete -c trustloop"), ("elvish", "trustloop"), ("powershell", "trustloop")] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(String::from_utf8_lossy(&out.stdout).contains(marker), "{shell}");
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(64));
    assert!(out.stdout.is_empty());
}

#[test]
fn man_page_is_roff_for_section_1_and_lists_the_commands() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).expect("UTF-8 page");
    assert!(page.contains(".TH trustloop 1"), "{page}");
    for command in ["anip", "anpkg", "assets\\-pa", "keygen", "completions"] {
        assert!(page.contains(&format!("trustloop\\-{command}(1)")), "{command} missing:\n{page}");
    }
    assert!(page.contains("\\-\\-max\\-input\\-bytes"));
}

//! Whose grammar a text is read with: PyYAML's pure-Python scanner (`yaml.safe_load`,
//! what the validator calls) or libyaml's (`yaml.load(Loader=CSafeLoader)`, what
//! 0.22.0's exporter reads project files with, ANPKG-REF-4). They differ on tabs, `?`
//! in flow plain scalars, a `:` before a flow indicator and byte order marks at a
//! line's start (`pyyaml_rules.rs`, `pyyaml_parser.rs`, `linebreaks.rs`); the
//! constructor is the same.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    Python,
    LibYaml,
}

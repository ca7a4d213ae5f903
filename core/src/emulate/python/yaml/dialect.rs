//! Whose grammar a text is read with: PyYAML's pure-Python scanner (`yaml.safe_load`,
//! what the validator calls) or libyaml's (`yaml.load(Loader=CSafeLoader)`, what
//! 0.22.0's exporter reads project files with, ANPKG-REF-4). They differ on tabs, `?`
//! in flow plain scalars, a `:` before a flow indicator, a comment right after a block
//! scalar's header and byte order marks at a line's start (`pyyaml_rules.rs`,
//! `pyyaml_parser.rs`, `linebreaks.rs`), and on an empty node tagged `!` (`load.rs`).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    Python,
    LibYaml,
}

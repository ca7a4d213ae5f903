//! The structural half of PyYAML's emitter, driven by the value tree instead of an
//! event stream: block mappings and sequences (sequences directly under a mapping key
//! are not indented), empty collections in flow style (`{}`, `[]`), simple keys
//! (`key: value`) versus complex keys (`? key` / `: value`, for keys that are empty,
//! multi-line or 128+ characters with their tag), scalar style choice and tags.
use alloc::string::String;

use super::analysis::{analyze, Analysis};
use crate::emulate::python::yaml::resolve::{self, resolve_scalar};
use super::represent::{binary_text, date_text, datetime_text, float_text, ScalarTag};
use super::writer::Writer;
use super::EmitError;
use crate::emulate::python::yaml::value::Value;

/// Deeper documents are refused instead of risking the host's stack.
pub const MAX_DEPTH: usize = 512;

static NULL: Value = Value::Null;

/// Where a node sits, as PyYAML's `expect_node` flags record it.
#[derive(Clone, Copy, Default)]
struct Ctx {
    root: bool,
    mapping: bool,
    simple_key: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Scalar {
    tag: ScalarTag,
    text: String,
    /// The representer asked for a literal block (`!!binary`).
    literal: bool,
}

enum Node<'a> {
    Scalar(Scalar),
    Seq(&'a [Value]),
    Map(&'a crate::emulate::python::yaml::value::Map),
    /// `!!set`: a mapping whose values are all null.
    Set(&'a [Value]),
}

fn represent(v: &Value) -> Result<Node<'_>, EmitError> {
    let scalar = |tag, text: String| Node::Scalar(Scalar { tag, text, literal: false });
    Ok(match v {
        Value::Null => scalar(ScalarTag::Null, "null".into()),
        Value::Bool(b) => scalar(ScalarTag::Bool, if *b { "true" } else { "false" }.into()),
        Value::Int(i) => {
            // Python refuses str() of ints with more than 4300 digits.
            if i.decimal_digits() > 4300 {
                return Err(EmitError::IntTooLarge);
            }
            scalar(ScalarTag::Int, alloc::format!("{i}"))
        }
        Value::Float(f) => scalar(ScalarTag::Float, float_text(*f)),
        Value::Str(s) => scalar(ScalarTag::Str, s.clone()),
        Value::Binary(b) => Node::Scalar(Scalar { tag: ScalarTag::Binary, text: binary_text(b), literal: true }),
        Value::Date(d) => scalar(ScalarTag::Timestamp, date_text(d)),
        Value::DateTime(t) => scalar(ScalarTag::Timestamp, datetime_text(t)),
        Value::Seq(items) | Value::Tuple(items) => Node::Seq(items),
        Value::Map(m) => Node::Map(m),
        Value::Set(items) => Node::Set(items),
    })
}

/// Whether the plain text reads back with the scalar's own tag.
fn plain_keeps_tag(s: &Scalar) -> bool {
    let want = match s.tag {
        ScalarTag::Str => resolve::STR,
        ScalarTag::Int => resolve::INT,
        ScalarTag::Float => resolve::FLOAT,
        ScalarTag::Bool => resolve::BOOL,
        ScalarTag::Null => resolve::NULL,
        ScalarTag::Timestamp => resolve::TIMESTAMP,
        ScalarTag::Binary => return false,
    };
    resolve_scalar(&s.text) == want
}

pub struct Layout {
    w: Writer,
    depth: usize,
}

impl Layout {
    pub fn new() -> Self {
        Layout { w: Writer::new(), depth: 0 }
    }

    /// One document: no `---`, the root node, a final line break, and `...` after a
    /// plain root scalar (PyYAML's open-ended document).
    pub fn document(mut self, root: &Value) -> Result<String, EmitError> {
        self.node(root, Ctx { root: true, ..Ctx::default() })?;
        self.w.write_indent();
        if self.w.open_ended {
            self.w.write_indicator("...", true, false, false);
            self.w.write_indent();
        }
        Ok(self.w.out)
    }

    fn node(&mut self, v: &Value, ctx: Ctx) -> Result<(), EmitError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(EmitError::TooDeep);
        }
        match represent(v)? {
            Node::Scalar(s) => self.scalar(&s, ctx),
            Node::Seq([]) => self.empty_flow("[", "]"),
            Node::Seq(items) => self.block_sequence(items, ctx)?,
            Node::Map(m) if m.is_empty() => self.empty_flow("{", "}"),
            Node::Map(m) => self.block_mapping(m.iter())?,
            Node::Set(items) => {
                self.w.write_indicator("!!set", true, false, false);
                if items.is_empty() {
                    self.empty_flow("{", "}");
                } else {
                    self.block_mapping(items.iter().map(|k| (k, &NULL)))?;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.w.write_indicator(open, true, true, false);
        self.w.increase_indent(true, false);
        self.w.pop_indent();
        self.w.write_indicator(close, false, false, false);
    }

    fn block_sequence(&mut self, items: &[Value], ctx: Ctx) -> Result<(), EmitError> {
        let indentless = ctx.mapping && !self.w.indention;
        self.w.increase_indent(false, indentless);
        for item in items {
            self.w.write_indent();
            self.w.write_indicator("-", true, false, true);
            self.node(item, Ctx::default())?;
        }
        self.w.pop_indent();
        Ok(())
    }

    fn block_mapping<'v>(&mut self, entries: impl Iterator<Item = (&'v Value, &'v Value)>) -> Result<(), EmitError> {
        self.w.increase_indent(false, false);
        for (key, value) in entries {
            self.w.write_indent();
            if self.is_simple_key(key)? {
                self.node(key, Ctx { mapping: true, simple_key: true, ..Ctx::default() })?;
                self.w.write_indicator(":", false, false, false);
            } else {
                self.w.write_indicator("?", true, false, true);
                self.node(key, Ctx { mapping: true, ..Ctx::default() })?;
                self.w.write_indent();
                self.w.write_indicator(":", true, false, true);
            }
            self.node(value, Ctx { mapping: true, ..Ctx::default() })?;
        }
        self.w.pop_indent();
        Ok(())
    }

    /// PyYAML's `check_simple_key`: tag plus text shorter than 128 characters, and a
    /// scalar that is neither empty nor multi-line (or an empty collection).
    fn is_simple_key(&self, key: &Value) -> Result<bool, EmitError> {
        Ok(match represent(key)? {
            Node::Scalar(s) => {
                let a = analyze(&s.text);
                s.tag.short().len() + s.text.chars().count() < 128 && !a.empty && !a.multiline
            }
            Node::Seq(items) => items.is_empty(),
            Node::Map(m) => m.is_empty(),
            Node::Set(items) => items.is_empty(),
        })
    }

    fn choose_style(&self, s: &Scalar, a: &Analysis, ctx: Ctx) -> Style {
        if !s.literal && plain_keeps_tag(s) && !(ctx.simple_key && (a.empty || a.multiline)) && a.allow_block_plain {
            return Style::Plain;
        }
        if s.literal && !ctx.simple_key && a.allow_block {
            return Style::Literal;
        }
        if !s.literal && a.allow_single_quoted && !(ctx.simple_key && a.multiline) {
            return Style::Single;
        }
        Style::Double
    }

    fn scalar(&mut self, s: &Scalar, ctx: Ctx) {
        let a = analyze(&s.text);
        let style = self.choose_style(s, &a, ctx);
        // The tag is implied by plain text that resolves to it, and by quoted text
        // for strings; anything else is written out (`!!binary`).
        let implied = if style == Style::Plain { plain_keeps_tag(s) } else { s.tag == ScalarTag::Str };
        if !implied {
            self.w.write_indicator(s.tag.short(), true, false, false);
        }
        self.w.increase_indent(true, false);
        let split = !ctx.simple_key;
        match style {
            Style::Plain => self.w.write_plain(&s.text, split, ctx.root),
            Style::Single => self.w.write_single_quoted(&s.text, split),
            Style::Double => self.w.write_double_quoted(&s.text, split),
            Style::Literal => self.w.write_literal(&s.text),
        }
        self.w.pop_indent();
    }
}

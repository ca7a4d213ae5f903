//! `yaml.safe_load` for one document, with PyYAML's semantics.
//!
//! The event-level parsing is `saphyr-parser`'s (read first by `simple_events.rs`
//! where the text has the usual shape of a config file); on top of it this module does what
//! PyYAML's Reader, Composer, Resolver and SafeConstructor do:
//! * Reader: characters outside PyYAML's printable set are an error, a leading BOM
//!   is skipped;
//! * Composer: exactly one document (`expected a single document in the stream`),
//!   aliases refer to complete anchored nodes;
//! * Resolver: YAML 1.1 implicit tags for plain scalars (`resolve.rs`), `!` forces
//!   implicit resolution, quoted scalars are strings;
//! * SafeConstructor: `<<` merge keys, Python types (`int` of any size, `date`,
//!   `datetime`, `bytes`, `set`, `!!omap`/`!!pairs` tuples), unhashable keys rejected,
//!   duplicate keys last-wins under Python equality.
//!
//! Resource limits (input size, nesting depth, node count after alias expansion)
//! turn "billion laughs" and deep nesting into an error instead of a hang.
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use crate::budgets::Budget;

use saphyr_parser::{Event, ScalarStyle, Span};

use super::dialect::Dialect;
use super::int::Int;
use super::linebreaks::Source;
use super::load_error::{LoadError, LoadErrorKind};
use super::pyyaml_parser;
use super::pyyaml_rules;
use super::resolve::{self, resolve_scalar};
use super::simple_events::SimpleEvents;
use super::value::{is_valid_date, Date, DateTime, Map, Value};

/// Resource limits for one YAML document (docs/limits.md). Every limit counts the
/// document as loaded, aliases expanded: an alias adds the size and height of the node
/// it names, so what the limits allow bounds the loaded value's memory and the depth
/// of every walk over it (construction, comparison, schema checks, repr, emission).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest accepted text, in bytes.
    pub max_bytes: usize,
    /// Deepest collection nesting of the loaded value, aliased collections included
    /// (Python fails with RecursionError somewhere past a few hundred levels).
    pub max_depth: usize,
    /// Most nodes after expanding aliases.
    pub max_nodes: usize,
    /// Most scalar bytes after expanding aliases (one large string aliased many times
    /// is copied into the value each time).
    pub max_expanded_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: Budget::YamlBytes.get(),
            max_depth: Budget::YamlDepth.get(),
            max_nodes: Budget::YamlNodes.get(),
            max_expanded_bytes: Budget::YamlExpandedBytes.get(),
        }
    }
}

/// `yaml.safe_load(text)` with default limits.
pub fn safe_load(text: &str) -> Result<Value, LoadError> {
    safe_load_with(text, Limits::default())
}

/// `yaml.safe_load(text)`; an empty stream is `None`.
pub fn safe_load_with(text: &str, limits: Limits) -> Result<Value, LoadError> {
    load(text, limits, Dialect::Python)
}

/// `yaml.load(text, Loader=yaml.CSafeLoader)`: [`safe_load_with`] with libyaml's grammar.
pub fn libyaml_safe_load_with(text: &str, limits: Limits) -> Result<Value, LoadError> {
    load(text, limits, Dialect::LibYaml)
}

fn load(text: &str, limits: Limits, dialect: Dialect) -> Result<Value, LoadError> {
    if text.len() > limits.max_bytes {
        return Err(LoadError::new(
            LoadErrorKind::Limit,
            format!("YAML document larger than {} bytes", limits.max_bytes),
        ));
    }
    check_printable(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // PyYAML's NEL/LS/PS line breaks and byte order marks: see linebreaks.rs. One
    // `Source` serves every pass.
    let mut source = Source::new(text, dialect);
    let scanned = pyyaml_rules::prepare(&mut source, dialect)?;
    match read(&source, limits, dialect) {
        // A text saphyr refuses may be one PyYAML reads once the parser's text is changed.
        Err(e) if e.kind == LoadErrorKind::Syntax && !scanned && pyyaml_rules::reread_after_error(&mut source, &e, dialect) => {
            read(&source, limits, dialect)
        }
        result => result,
    }
}

/// The value of a prepared text.
fn read(source: &Source<'_>, limits: Limits, dialect: Dialect) -> Result<Value, LoadError> {
    // The usual shape of a config file is read without saphyr's general scanner (when
    // no scalar needs re-reading, which only saphyr's spans allow); a text of any other
    // shape, or with any error, is read again by saphyr below.
    if source.needs_no_rereading() {
        if let Some(Ok(value)) = SimpleEvents::new(source.text()).map(|reader| load_direct(source, Events::Simple(reader), limits, dialect)) {
            return Ok(value);
        }
    }
    match load_direct(source, Events::general(source, dialect), limits, dialect) {
        Ok(value) => return Ok(value),
        Err(Abort::Error(e)) => return Err(e),
        Err(Abort::Fallback) => {}
    }
    // Merge keys, `!!set`/`!!omap`/`!!pairs` and other tagged collections, and every
    // construction error: the representation graph first, then construction, exactly
    // in PyYAML's order (so the same error wins when there are several).
    match compose(source, limits, dialect)? {
        None => Ok(Value::Null),
        Some(node) => construct(&node),
    }
}

/// PyYAML's Reader accepts only `[\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]`.
fn check_printable(text: &str) -> Result<(), LoadError> {
    // ASCII text is checked a block at a time without branching on each byte (the
    // compiler vectorises it); a block with a byte outside printable ASCII, and all
    // text after it, is walked character by character.
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut clean = 0;
    for block in bytes.chunks(BLOCK) {
        let odd = block.iter().fold(false, |odd, &b| odd | !(matches!(b, 0x20..=0x7E) | (b == b'\n') | (b == b'\t') | (b == b'\r')));
        if odd {
            break;
        }
        clean += block.len();
    }
    if clean == bytes.len() {
        return Ok(());
    }
    for (at, c) in text[clean..].char_indices() {
        let ok = matches!(c,
            '\x09' | '\x0A' | '\x0D' | '\x20'..='\x7E' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
            | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}');
        if !ok {
            let at = clean + at;
            return Err(LoadError::new(
                LoadErrorKind::NonPrintable,
                format!("unacceptable character #x{:04x}: special characters are not allowed (byte {at})", c as u32),
            ));
        }
    }
    Ok(())
}

/// A resolved tag: the resolver's constants are not copied into every node (a
/// 400 000-key document has 800 000 of them).
type Tag = Cow<'static, str>;

/// A composed node with its resolved tag (PyYAML's representation graph). An alias is
/// a second reference to the anchored node, never a copy.
#[derive(Debug)]
enum Node {
    Scalar { tag: Tag, value: String },
    Seq { tag: Tag, items: Vec<Rc<Node>> },
    Map { tag: Tag, pairs: Vec<(Rc<Node>, Rc<Node>)> },
}

impl Node {
    fn tag(&self) -> &str {
        match self {
            Node::Scalar { tag, .. } | Node::Seq { tag, .. } | Node::Map { tag, .. } => tag,
        }
    }
    fn kind(&self) -> &'static str {
        match self {
            Node::Scalar { .. } => "scalar",
            Node::Seq { .. } => "sequence",
            Node::Map { .. } => "mapping",
        }
    }
}

/// What a node weighs once its aliases are expanded.
#[derive(Clone, Copy, Debug, Default)]
struct Size {
    nodes: usize,
    scalar_bytes: usize,
    /// Collection nesting: 0 for a scalar, 1 + the tallest child for a collection.
    height: usize,
}

impl Size {
    fn add_child(&mut self, child: Size) {
        self.nodes = self.nodes.saturating_add(child.nodes);
        self.scalar_bytes = self.scalar_bytes.saturating_add(child.scalar_bytes);
        self.height = self.height.max(child.height + 1);
    }
}

enum Frame {
    Seq { tag: Tag, anchor: usize, items: Vec<Rc<Node>>, size: Size },
    Map { tag: Tag, anchor: usize, pairs: Vec<(Rc<Node>, Rc<Node>)>, key: Option<Rc<Node>>, size: Size },
}

fn full_tag(tag: &saphyr_parser::Tag) -> String {
    if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// A scalar's tag: its own, or for none and the non-specific `!` the resolver's (by
/// the value for a plain scalar, str for a quoted one). libyaml's parser marks an
/// empty node tagged `!` (`a: !`) as not implicit, so its loader gives it str: `''`.
#[inline(always)] // once a scalar, on the loader's hot path
fn scalar_tag(tag: Option<&saphyr_parser::Tag>, style: ScalarStyle, value: &str, dialect: Dialect) -> Tag {
    match tag.map(full_tag) {
        None if style == ScalarStyle::Plain => Cow::Borrowed(resolve_scalar(value)),
        None => Cow::Borrowed(resolve::STR),
        Some(t) if t == "!" && dialect == Dialect::LibYaml && style == ScalarStyle::Plain && value.is_empty() => Cow::Borrowed(resolve::STR),
        Some(t) if t == "!" => Cow::Borrowed(resolve_scalar(value)),
        Some(t) => Cow::Owned(t),
    }
}

struct Composer {
    limits: Limits,
    stack: Vec<Frame>,
    /// Anchored complete nodes and their expanded sizes.
    anchors: BTreeMap<usize, (Rc<Node>, Size)>,
    /// The whole document so far, aliases expanded.
    total: Size,
}

fn limit(message: String) -> LoadError {
    LoadError::new(LoadErrorKind::Limit, message)
}

impl Composer {
    /// Checks a node about to be added at the current nesting against every limit,
    /// before anything is built from it.
    fn admit(&mut self, node: Size) -> Result<(), LoadError> {
        let l = self.limits;
        if self.stack.len() + node.height > l.max_depth {
            return Err(limit(format!("YAML nesting deeper than {} levels (aliases included)", l.max_depth)));
        }
        self.total.nodes = self.total.nodes.saturating_add(node.nodes);
        self.total.scalar_bytes = self.total.scalar_bytes.saturating_add(node.scalar_bytes);
        if self.total.nodes > l.max_nodes {
            return Err(limit(format!("YAML document expands to more than {} nodes", l.max_nodes)));
        }
        if self.total.scalar_bytes > l.max_expanded_bytes {
            return Err(limit(format!("YAML document expands to more than {} bytes of scalars", l.max_expanded_bytes)));
        }
        Ok(())
    }

    /// Attaches a finished node to its parent; returns it when it is the document root.
    fn attach(&mut self, node: Rc<Node>, size: Size) -> Option<Rc<Node>> {
        match self.stack.last_mut() {
            None => Some(node),
            Some(Frame::Seq { items, size: s, .. }) => {
                items.push(node);
                s.add_child(size);
                None
            }
            Some(Frame::Map { pairs, key, size: s, .. }) => {
                s.add_child(size);
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => pairs.push((k, node)),
                }
                None
            }
        }
    }

    fn finish(&mut self, node: Node, size: Size, anchor: usize) -> Option<Rc<Node>> {
        let node = Rc::new(node);
        if anchor != 0 {
            self.anchors.insert(anchor, (Rc::clone(&node), size));
        }
        self.attach(node, size)
    }

    /// Opens a collection (its own node counts now; its children as they come).
    fn open(&mut self, frame: Frame) -> Result<(), LoadError> {
        self.admit(Size { nodes: 1, scalar_bytes: 0, height: 1 })?;
        self.stack.push(frame);
        Ok(())
    }
}

fn collection_tag(tag: Option<String>, default: &'static str) -> Tag {
    match tag {
        None => Cow::Borrowed(default),
        Some(t) if t == "!" => Cow::Borrowed(default),
        Some(t) => Cow::Owned(t),
    }
}

/// Events → the single document's node (`None` for an empty stream).
fn compose(source: &Source<'_>, limits: Limits, dialect: Dialect) -> Result<Option<Rc<Node>>, LoadError> {
    let mut parser = pyyaml_parser::Parser::new(source, dialect);
    let mut c = Composer { limits, stack: Vec::new(), anchors: BTreeMap::new(), total: Size::default() };
    let mut documents = 0usize;
    let mut root: Option<Rc<Node>> = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = event?;
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                one_document(&mut documents)?;
                c.anchors.clear();
            }
            Event::Alias(id) => {
                let (node, size) = c.anchors.get(&id).cloned().ok_or_else(|| {
                    LoadError::new(LoadErrorKind::Construct, "found undefined or recursive alias")
                })?;
                c.admit(size)?;
                if let Some(n) = c.attach(node, size) {
                    root = Some(n);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let value = source.scalar(value, style, &span);
                let size = Size { nodes: 1, scalar_bytes: value.len(), height: 0 };
                c.admit(size)?;
                let tag = scalar_tag(tag.as_deref(), style, &value, dialect);
                let node = Node::Scalar { tag, value: value.into_owned() };
                if let Some(n) = c.finish(node, size, anchor) {
                    root = Some(n);
                }
            }
            Event::SequenceStart(anchor, tag) => {
                let tag = collection_tag(tag.as_deref().map(full_tag), resolve::SEQ);
                c.open(Frame::Seq { tag, anchor, items: Vec::new(), size: Size { nodes: 1, scalar_bytes: 0, height: 1 } })?;
            }
            Event::MappingStart(anchor, tag) => {
                let tag = collection_tag(tag.as_deref().map(full_tag), resolve::MAP);
                let size = Size { nodes: 1, scalar_bytes: 0, height: 1 };
                c.open(Frame::Map { tag, anchor, pairs: Vec::new(), key: None, size })?;
            }
            Event::SequenceEnd => match c.stack.pop() {
                Some(Frame::Seq { tag, anchor, items, size }) => {
                    if let Some(n) = c.finish(Node::Seq { tag, items }, size, anchor) {
                        root = Some(n);
                    }
                }
                _ => return Err(LoadError::syntax("unbalanced sequence end")),
            },
            Event::MappingEnd => match c.stack.pop() {
                Some(Frame::Map { tag, anchor, pairs, key: None, size }) => {
                    if let Some(n) = c.finish(Node::Map { tag, pairs }, size, anchor) {
                        root = Some(n);
                    }
                }
                _ => return Err(LoadError::syntax("unbalanced mapping end")),
            },
        }
    }
    if documents == 0 {
        return Ok(None);
    }
    Ok(Some(root.unwrap_or_else(|| Rc::new(Node::Scalar { tag: Cow::Borrowed(resolve::NULL), value: String::new() }))))
}

/// Why the direct loader stopped: an error PyYAML reports the same way whatever else
/// the document holds (reader, parser, composer, limits), or something it leaves to
/// the two-pass path (`compose` + `construct`).
enum Abort {
    Error(LoadError),
    Fallback,
}

impl From<LoadError> for Abort {
    fn from(e: LoadError) -> Self {
        Abort::Error(e)
    }
}

/// The events `load_direct` reads: saphyr-parser's (every YAML text), or the simple
/// reader's (the usual shape of config files; anything else is [`Abort::Fallback`]).
enum Events<'a> {
    General(Box<pyyaml_parser::Parser<'a>>),
    Simple(SimpleEvents<'a>),
}

impl<'a> Events<'a> {
    fn general(source: &'a Source<'_>, dialect: Dialect) -> Self {
        Events::General(Box::new(pyyaml_parser::Parser::new(source, dialect)))
    }

    fn next(&mut self) -> Option<Result<(Event<'a>, Span), Abort>> {
        match self {
            Events::General(parser) => parser.next_event().map(|e| e.map_err(Abort::Error)),
            // Spans are only read to re-read scalars, which this reader never meets.
            Events::Simple(reader) => reader.next_event().map(|e| e.map(|e| (e, Span::default())).map_err(|_| Abort::Fallback)),
        }
    }
}

/// An open collection of the direct loader: its children are the values from `start`
/// on in the loader's value stack (a mapping's as key, value, key, value, …).
struct Open {
    mapping: bool,
    anchor: usize,
    start: usize,
    size: Size,
}

/// `compose` and `construct` in one pass over the events, for documents whose value
/// is the plain composition of their nodes' values: every collection a `seq` or `map`,
/// no merge (`<<`) or value (`=`) key, no construction error. Values are built as their
/// nodes complete (no representation graph); an alias clones the anchored value (in
/// PyYAML each alias constructs the same node again). Anything else is
/// [`Abort::Fallback`], and `safe_load_with` starts over with the two passes, which
/// give PyYAML's order of errors. The composer checks (limits, aliases, documents)
/// are `compose`'s, in the same order. No recursion: nesting lives in `open`.
fn load_direct(source: &Source<'_>, mut events: Events<'_>, limits: Limits, dialect: Dialect) -> Result<Value, Abort> {
    // The composer's stack is only used for its depth (`admit`).
    let mut c = Composer { limits, stack: Vec::new(), anchors: BTreeMap::new(), total: Size::default() };
    let mut open: Vec<Open> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut anchors: BTreeMap<usize, (Value, Size)> = BTreeMap::new();
    let mut documents = 0usize;
    let mut root: Option<Value> = None;
    // Attaches a complete value to the innermost open collection (or makes it the root).
    fn attach(open: &mut [Open], values: &mut Vec<Value>, root: &mut Option<Value>, value: Value, size: Size) {
        match open.last_mut() {
            None => *root = Some(value),
            Some(o) => {
                o.size.add_child(size);
                values.push(value);
            }
        }
    }
    fn dummy_frame() -> Frame {
        Frame::Seq { tag: Cow::Borrowed(resolve::SEQ), anchor: 0, items: Vec::new(), size: Size::default() }
    }
    while let Some(event) = events.next() {
        let (event, span) = event?;
        let mapping = matches!(event, Event::MappingStart(..) | Event::MappingEnd);
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                one_document(&mut documents)?;
                anchors.clear();
            }
            Event::Alias(id) => {
                let (value, size) = anchors.get(&id).ok_or_else(|| {
                    LoadError::new(LoadErrorKind::Construct, "found undefined or recursive alias")
                })?;
                let size = *size;
                c.admit(size)?;
                let value = value.clone();
                attach(&mut open, &mut values, &mut root, value, size);
            }
            Event::Scalar(value, style, anchor, tag) => {
                let value = source.scalar(value, style, &span);
                let size = Size { nodes: 1, scalar_bytes: value.len(), height: 0 };
                c.admit(size)?;
                let tag = scalar_tag(tag.as_deref(), style, &value, dialect);
                if matches!(&*tag, resolve::MERGE | resolve::VALUE) {
                    return Err(Abort::Fallback);
                }
                let value = match construct_scalar(&tag, value) {
                    Some(Ok(v)) => v,
                    _ => return Err(Abort::Fallback),
                };
                if anchor != 0 {
                    anchors.insert(anchor, (value.clone(), size));
                }
                attach(&mut open, &mut values, &mut root, value, size);
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                let default = if mapping { resolve::MAP } else { resolve::SEQ };
                if collection_tag(tag.as_deref().map(full_tag), default) != default {
                    return Err(Abort::Fallback);
                }
                c.admit(Size { nodes: 1, scalar_bytes: 0, height: 1 })?;
                c.stack.push(dummy_frame());
                open.push(Open { mapping, anchor, start: values.len(), size: Size { nodes: 1, scalar_bytes: 0, height: 1 } });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let o = match open.pop() {
                    Some(o) if o.mapping == mapping && (!o.mapping || (values.len() - o.start) % 2 == 0) => o,
                    _ if mapping => return Err(Abort::Error(LoadError::syntax("unbalanced mapping end"))),
                    _ => return Err(Abort::Error(LoadError::syntax("unbalanced sequence end"))),
                };
                c.stack.pop();
                let value = if o.mapping {
                    let mut map = Map::with_capacity((values.len() - o.start) / 2);
                    let mut items = values.drain(o.start..);
                    while let (Some(k), Some(v)) = (items.next(), items.next()) {
                        if !k.is_hashable() {
                            return Err(Abort::Fallback);
                        }
                        map.insert(k, v);
                    }
                    Value::Map(map)
                } else {
                    Value::Seq(values.split_off(o.start))
                };
                if o.anchor != 0 {
                    anchors.insert(o.anchor, (value.clone(), o.size));
                }
                attach(&mut open, &mut values, &mut root, value, o.size);
            }
        }
    }
    if documents == 0 {
        return Ok(Value::Null);
    }
    Ok(root.unwrap_or(Value::Null))
}

/// Counts a document start: `safe_load` takes a single document.
fn one_document(documents: &mut usize) -> Result<(), LoadError> {
    *documents += 1;
    if *documents > 1 {
        return Err(LoadError::new(LoadErrorKind::MultipleDocuments, "expected a single document in the stream"));
    }
    Ok(())
}

fn construct_error(message: impl Into<String>) -> LoadError {
    LoadError::new(LoadErrorKind::Construct, message)
}

const YAML_PREFIX: &str = "tag:yaml.org,2002:";

/// The scalar arms of `SafeConstructor.construct_object`: `None` when no scalar
/// constructor has the tag.
fn construct_scalar(tag: &str, value: Cow<'_, str>) -> Option<Result<Value, LoadError>> {
    Some(match tag.strip_prefix(YAML_PREFIX)? {
        "str" => Ok(Value::Str(match value {
            Cow::Borrowed(v) => String::from(v),
            // The parser grows its strings a character at a time: no spare capacity
            // kept in the value (it would be most of the loaded value's memory).
            Cow::Owned(mut v) => {
                v.shrink_to_fit();
                v
            }
        })),
        "null" => Ok(Value::Null),
        "bool" => construct_bool(&value),
        "int" => construct_int(&value).map(Value::Int),
        "float" => construct_float(&value).map(Value::Float),
        "timestamp" => construct_timestamp(&value),
        "binary" => construct_binary(&value).map(Value::Binary),
        _ => return None,
    })
}

/// `SafeConstructor.construct_yaml_bool`.
fn construct_bool(value: &str) -> Result<Value, LoadError> {
    // ASCII text needs no lowercased copy; other text is lowercased as Python does.
    let lowered;
    let v = if value.is_ascii() && !value.bytes().any(|b| b.is_ascii_uppercase()) {
        value
    } else {
        lowered = value.to_lowercase();
        lowered.as_str()
    };
    match v {
        "yes" | "true" | "on" => Ok(Value::Bool(true)),
        "no" | "false" | "off" => Ok(Value::Bool(false)),
        _ => Err(construct_error(format!("invalid boolean {value:?}"))),
    }
}

/// PyYAML's `SafeConstructor.construct_object`.
fn construct(node: &Node) -> Result<Value, LoadError> {
    if let Node::Scalar { tag, value } = node {
        if let Some(v) = construct_scalar(tag, Cow::Borrowed(value)) {
            return v;
        }
    }
    let short = node.tag().strip_prefix(YAML_PREFIX);
    match (node, short) {
        (Node::Seq { items, .. }, Some("seq")) => items.iter().map(|n| construct(n)).collect::<Result<_, _>>().map(Value::Seq),
        (Node::Seq { items, .. }, Some("omap" | "pairs")) => {
            let mut out = Vec::new();
            for item in items {
                match &**item {
                    Node::Map { pairs, .. } if pairs.len() == 1 => {
                        let (k, v) = &pairs[0];
                        out.push(Value::Tuple(alloc::vec![construct(k)?, construct(v)?]));
                    }
                    Node::Map { pairs, .. } => {
                        return Err(construct_error(format!(
                            "expected a single mapping item, but found {} items",
                            pairs.len()
                        )))
                    }
                    other => {
                        return Err(construct_error(format!(
                            "expected a mapping of length 1, but found {}",
                            other.kind()
                        )))
                    }
                }
            }
            Ok(Value::Seq(out))
        }
        (Node::Map { .. }, Some("map")) => construct_mapping(node).map(Value::Map),
        (Node::Map { .. }, Some("set")) => {
            Ok(Value::Set(construct_mapping(node)?.into_entries().into_iter().map(|(k, _)| k).collect()))
        }
        _ => Err(construct_error(format!(
            "could not determine a constructor for the tag '{}' on a {}",
            node.tag(),
            node.kind()
        ))),
    }
}

type NodePairs = Vec<(Rc<Node>, Rc<Node>)>;

/// PyYAML's `flatten_mapping`: `<<` merges (mapping, or a sequence of mappings where
/// earlier ones win) go first, own keys after (so own keys win); a `=` key is a str.
fn flatten(pairs: &[(Rc<Node>, Rc<Node>)]) -> Result<NodePairs, LoadError> {
    let mut merge: Vec<(Rc<Node>, Rc<Node>)> = Vec::new();
    let mut own: Vec<(Rc<Node>, Rc<Node>)> = Vec::new();
    for (key, value) in pairs {
        match key.tag() {
            resolve::MERGE => match &**value {
                Node::Map { pairs: sub, .. } => merge.extend(flatten(sub)?),
                Node::Seq { items, .. } => {
                    let mut submerge = Vec::new();
                    for item in items {
                        match &**item {
                            Node::Map { pairs: sub, .. } => submerge.push(flatten(sub)?),
                            other => {
                                return Err(construct_error(format!(
                                    "expected a mapping for merging, but found {}",
                                    other.kind()
                                )))
                            }
                        }
                    }
                    for sub in submerge.into_iter().rev() {
                        merge.extend(sub);
                    }
                }
                other => {
                    return Err(construct_error(format!(
                        "expected a mapping or list of mappings for merging, but found {}",
                        other.kind()
                    )))
                }
            },
            resolve::VALUE => {
                let key = match &**key {
                    Node::Scalar { value, .. } => Rc::new(Node::Scalar { tag: Cow::Borrowed(resolve::STR), value: value.clone() }),
                    _ => Rc::clone(key),
                };
                own.push((key, Rc::clone(value)));
            }
            _ => own.push((Rc::clone(key), Rc::clone(value))),
        }
    }
    merge.extend(own);
    Ok(merge)
}

fn construct_mapping(node: &Node) -> Result<Map, LoadError> {
    let Node::Map { pairs, .. } = node else {
        return Err(construct_error(format!("expected a mapping node, but found {}", node.kind())));
    };
    let has_merge = pairs.iter().any(|(k, _)| matches!(k.tag(), resolve::MERGE | resolve::VALUE));
    let flat;
    let pairs = if has_merge {
        flat = flatten(pairs)?;
        &flat
    } else {
        pairs
    };
    let mut map = Map::with_capacity(pairs.len());
    for (k, v) in pairs {
        let key = construct(k)?;
        if !key.is_hashable() {
            return Err(construct_error("while constructing a mapping found unhashable key"));
        }
        let value = construct(v)?;
        map.insert(key, value);
    }
    Ok(map)
}

/// Python's `int(text)` for decimal text (surrounding whitespace allowed, at most
/// 4300 digits as in Python ≥ 3.11).
fn python_decimal_int(text: &str) -> Option<Int> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || digits.len() > 4300 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Int::parse_radix(digits, 10, negative)
}

/// `SafeConstructor.construct_yaml_int`.
fn construct_int(text: &str) -> Result<Int, LoadError> {
    let bad = || construct_error(format!("invalid literal for int(): {text:?}"));
    let value: Cow<'_, str> =
        if text.contains('_') { Cow::Owned(text.chars().filter(|c| *c != '_').collect()) } else { Cow::Borrowed(text) };
    let (negative, value) = match value.as_bytes().first() {
        None => return Err(bad()),
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, &*value),
    };
    if value == "0" {
        return Ok(Int::ZERO);
    }
    if let Some(rest) = value.strip_prefix("0b") {
        return Int::parse_radix(rest.trim(), 2, negative).ok_or_else(bad);
    }
    if let Some(rest) = value.strip_prefix("0x") {
        return Int::parse_radix(rest.trim(), 16, negative).ok_or_else(bad);
    }
    if value.starts_with('0') {
        let digits = value.strip_prefix("0o").or_else(|| value.strip_prefix("0O")).unwrap_or(value);
        return Int::parse_radix(digits.trim(), 8, negative).ok_or_else(bad);
    }
    if value.contains(':') {
        let parts = value.split(':').map(python_decimal_int).collect::<Option<Vec<_>>>().ok_or_else(bad)?;
        // Python multiplies each part by 60**k, keeping each part's own sign.
        if parts.iter().any(Int::is_negative) {
            return Err(bad());
        }
        return Ok(Int::from_sexagesimal(&parts, negative));
    }
    let v = python_decimal_int(value).ok_or_else(bad)?;
    Ok(if negative { v.neg() } else { v })
}

/// `SafeConstructor.construct_yaml_float`.
fn construct_float(text: &str) -> Result<f64, LoadError> {
    let bad = || construct_error(format!("could not convert string to float: {text:?}"));
    // Text without `_` and upper case (ASCII) is its own lowercased copy.
    let value: Cow<'_, str> = if text.bytes().all(|b| b.is_ascii() && b != b'_' && !b.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| *c != '_').collect::<String>().to_lowercase())
    };
    let (sign, value) = match value.as_bytes().first() {
        None => return Err(bad()),
        Some(b'-') => (-1.0, &value[1..]),
        Some(b'+') => (1.0, &value[1..]),
        _ => (1.0, &*value),
    };
    if value == ".inf" {
        return Ok(sign * f64::INFINITY);
    }
    if value == ".nan" {
        return Ok(f64::NAN);
    }
    if value.contains(':') {
        let mut parts = value.split(':').map(python_float).collect::<Option<Vec<_>>>().ok_or_else(bad)?;
        parts.reverse();
        let mut total = 0.0f64;
        let mut base = 1.0f64;
        for p in parts {
            total += p * base;
            base *= 60.0;
        }
        return Ok(sign * total);
    }
    python_float(value).map(|f| sign * f).ok_or_else(bad)
}

/// Python's `float(text)` for the forms that reach it.
fn python_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let ok = !body.is_empty()
        && (body.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
            || matches!(body.to_ascii_lowercase().as_str(), "inf" | "infinity" | "nan"));
    if !ok {
        return None;
    }
    t.parse::<f64>().ok()
}

/// `SafeConstructor.construct_yaml_timestamp`.
fn construct_timestamp(text: &str) -> Result<Value, LoadError> {
    let bad = |why: &str| construct_error(format!("invalid timestamp {text:?}: {why}"));
    let p = resolve::timestamp_parts(text).ok_or_else(|| bad("no match"))?;
    let num = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (num(p.year), num(p.month), num(p.day));
    if !is_valid_date(year, month, day) {
        return Err(bad("day is out of range for month"));
    }
    // Checked above: year ≤ 9999, month ≤ 12, day ≤ 31.
    let date = Date { year: year as u16, month: month as u8, day: day as u8 };
    let Some(hour) = p.hour else {
        return Ok(Value::Date(date));
    };
    let (hour, minute, second) = (num(hour), num(p.minute), num(p.second));
    if hour > 23 || minute > 59 || second > 59 {
        return Err(bad("time out of range"));
    }
    let microsecond = match p.fraction {
        Some(f) if !f.is_empty() => {
            let mut digits: String = f.chars().take(6).collect();
            while digits.len() < 6 {
                digits.push('0');
            }
            num(&digits)
        }
        _ => 0,
    };
    let utc_offset_seconds = match p.tz_sign {
        Some(sign) => {
            let seconds = (num(p.tz_hour) * 3600 + num(p.tz_minute.unwrap_or("0")) * 60) as i32;
            if seconds >= 86_400 {
                return Err(bad("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)"));
            }
            Some(if sign == b'-' { -seconds } else { seconds })
        }
        None if p.tz_z => Some(0),
        None => None,
    };
    Ok(Value::DateTime(DateTime {
        date,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        microsecond,
        utc_offset_seconds,
    }))
}

/// `base64.decodebytes`: CPython's non-strict `binascii.a2b_base64`. Characters outside
/// the alphabet are skipped; a `=` ends the data once it completes a quad (with the
/// `=`s right before it), and is skipped elsewhere; what is left over is an error.
fn construct_binary(text: &str) -> Result<Vec<u8>, LoadError> {
    if !text.is_ascii() {
        return Err(construct_error("failed to convert base64 data into ascii"));
    }
    let (mut out, mut quad_pos, mut left, mut pads) = (Vec::with_capacity(text.len() / 4 * 3), 0u8, 0u8, 0u8);
    for b in text.bytes() {
        if b == b'=' {
            pads += 1;
            if quad_pos >= 2 && quad_pos + pads >= 4 {
                return Ok(out);
            }
            continue;
        }
        let Some(six) = base64_value(b) else { continue };
        pads = 0;
        match quad_pos {
            0 => left = six,
            1 => {
                out.push((left << 2) | (six >> 4));
                left = six & 0x0f;
            }
            2 => {
                out.push((left << 4) | (six >> 2));
                left = six & 0x03;
            }
            _ => out.push((left << 6) | six),
        }
        quad_pos = (quad_pos + 1) % 4;
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(construct_error(format!(
            "failed to decode base64 data: Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(construct_error("failed to decode base64 data: Incorrect padding")),
    }
}

fn base64_value(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    fn load(s: &str) -> Value {
        safe_load(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    /// `base64.decodebytes` of CPython 3.11 on each text (observed): the bytes, or the
    /// error's detail.
    #[test]
    fn binary_as_python_decodes_base64() {
        let cases: &[(&str, Result<&[u8], &str>)] = &[
            ("QUJD", Ok(b"ABC")),
            ("QU=JD", Ok(b"ABC")),
            ("QUI=D", Ok(b"AB")),
            ("QUJD=QUJD", Ok(b"ABCABC")),
            ("QQ==QUJD", Ok(b"A")),
            ("QUI=QUJD", Ok(b"AB")),
            ("QUJDRA=*a =", Ok(b"ABCD\x06")),
            ("QUJDRA==", Ok(b"ABCD")),
            ("=QUJD", Ok(b"ABC")),
            ("QU*JD", Ok(b"ABC")),
            ("QQ=QUJD", Err("Incorrect padding")),
            ("QUJDRA=", Err("Incorrect padding")),
            ("Q=QUJD", Err("Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4")),
            ("QUJDR", Err("Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4")),
        ];
        for (text, expected) in cases {
            let got = construct_binary(text).map_err(|e| e.message);
            match expected {
                Ok(bytes) => assert_eq!(got.as_deref(), Ok(*bytes), "{text:?}"),
                Err(detail) => assert_eq!(got, Err(format!("failed to decode base64 data: {detail}")), "{text:?}"),
            }
        }
    }

    #[test]
    fn yaml_1_1_scalars() {
        let v = load("a: 0x0A\nb: yes\nc: 0755\nd: 1_000\ne: 12:30\nf: ~\ng:\nh: .inf\ni: '0x0A'\nj: 2026-04-03\nk: Off\n");
        let m = v.as_map().unwrap();
        assert_eq!(m.get_str("a").and_then(|v| if let Value::Int(i) = v { i.to_i64() } else { None }), Some(10));
        assert!(matches!(m.get_str("b"), Some(Value::Bool(true))));
        assert!(matches!(m.get_str("c"), Some(Value::Int(i)) if i.to_i64() == Some(493)));
        assert!(matches!(m.get_str("d"), Some(Value::Int(i)) if i.to_i64() == Some(1000)));
        assert!(matches!(m.get_str("e"), Some(Value::Int(i)) if i.to_i64() == Some(750)));
        assert!(matches!(m.get_str("f"), Some(Value::Null)));
        assert!(matches!(m.get_str("g"), Some(Value::Null)));
        assert!(matches!(m.get_str("h"), Some(Value::Float(f)) if f.is_infinite()));
        assert_eq!(m.get_str("i").and_then(Value::as_str), Some("0x0A"));
        assert!(matches!(m.get_str("j"), Some(Value::Date(Date { year: 2026, month: 4, day: 3 }))));
        assert!(matches!(m.get_str("k"), Some(Value::Bool(false))));
    }

    #[test]
    fn keys_follow_python_equality_and_merge() {
        let v = load("1: a\n1.0: b\ntrue: c\n");
        let m = v.as_map().unwrap();
        assert_eq!(m.len(), 1);
        assert!(matches!(m.iter().next(), Some((Value::Int(_), Value::Str(s))) if s == "c"));
        let v = load("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n");
        let d = v.get("d").and_then(Value::as_map).unwrap();
        let keys: Vec<_> = d.keys().filter_map(Value::as_str).collect();
        assert_eq!(keys, ["x", "y"]);
        assert!(matches!(d.get_str("y"), Some(Value::Int(i)) if i.to_i64() == Some(3)));
    }

    #[test]
    fn errors_like_pyyaml() {
        let kind = |s: &str| safe_load(s).unwrap_err().kind;
        assert_eq!(kind("a: 1\n---\nb: 2\n"), LoadErrorKind::MultipleDocuments);
        assert_eq!(kind("{not: valid: yaml"), LoadErrorKind::Syntax);
        assert_eq!(kind("a: \x01\n"), LoadErrorKind::NonPrintable);
        assert_eq!(kind("? [a]\n: b\n"), LoadErrorKind::Construct);
        assert_eq!(kind("a: 2026-02-30\n"), LoadErrorKind::Construct);
        assert_eq!(kind("a: !!int x\n"), LoadErrorKind::Construct);
        assert_eq!(kind("a: !foo x\n"), LoadErrorKind::Construct);
        assert_eq!(kind("a: =\n"), LoadErrorKind::Construct);
        assert_eq!(kind(&("[".repeat(250) + &"]".repeat(250))), LoadErrorKind::Limit);
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        assert_eq!(kind(bomb), LoadErrorKind::Limit);
    }

    /// F1: each alias nests the previous anchor's node; the loaded height counts them.
    fn alias_chain(links: usize, levels: usize) -> String {
        (0..links)
            .map(|k| {
                let inner = if k == 0 { String::from("1") } else { format!("*n{}", k - 1) };
                format!("n{k}: &n{k} {}{inner}{}\n", "[".repeat(levels), "]".repeat(levels))
            })
            .collect()
    }

    #[test]
    fn aliases_count_toward_depth() {
        let limits = Limits { max_depth: 40, ..Limits::default() };
        // 3 links × 13 levels + the root mapping = 40: at the limit.
        assert!(safe_load_with(&alias_chain(3, 13), limits).is_ok());
        let e = safe_load_with(&alias_chain(3, 14), limits).unwrap_err();
        assert_eq!(e.kind, LoadErrorKind::Limit);
        assert_eq!(e.message, "YAML nesting deeper than 40 levels (aliases included)");
        // The shape of the hostile reproducer (100 links of 190 levels), default limits.
        assert_eq!(safe_load(&alias_chain(100, 190)).unwrap_err().kind, LoadErrorKind::Limit);
    }

    #[test]
    fn aliases_count_expanded_bytes() {
        let limits = Limits { max_expanded_bytes: 10_000, ..Limits::default() };
        let doc = |n: usize| format!("a: &a \"{}\"\nb: [{}]\n", "x".repeat(1000), vec!["*a"; n].join(", "));
        // 1000 bytes, plus 8 aliases of it, plus the keys "a" and "b".
        assert!(safe_load_with(&doc(8), limits).is_ok());
        let e = safe_load_with(&doc(9), limits).unwrap_err();
        assert_eq!(e.kind, LoadErrorKind::Limit);
        assert_eq!(e.message, "YAML document expands to more than 10000 bytes of scalars");
    }

    /// The one-pass loader and the two-pass path (`compose` + `construct`) agree on
    /// every input the one-pass loader does not hand over: same value (by `repr`), or
    /// the same error.
    fn assert_paths_agree(yaml: &str, limits: Limits) {
        use crate::emulate::python::repr::repr;
        let text = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
        if check_printable(yaml).is_err() {
            return;
        }
        let source = Source::new(text, Dialect::Python);
        let two_pass = compose(&source, limits, Dialect::Python).and_then(|n| n.map_or(Ok(Value::Null), |n| construct(&n)));
        match load_direct(&source, Events::general(&source, Dialect::Python), limits, Dialect::Python) {
            Ok(v) => {
                let w = two_pass.unwrap_or_else(|e| panic!("{yaml:?}: one pass loads, two passes fail: {e}"));
                assert_eq!(repr(&v), repr(&w), "{yaml:?}");
            }
            Err(Abort::Error(e)) => assert_eq!(Err(e), two_pass.map(|w| repr(&w)), "{yaml:?}"),
            Err(Abort::Fallback) => {}
        }
    }

    #[test]
    fn one_pass_agrees_with_two_passes() {
        let cases = [
            "", "---\n", "a: 1\n", "a: 1\n---\nb: 2\n", "a: !!int x\n---\nb: 2\n", "[a, b, {c: d}]\n",
            "a: &x [1, 2]\nb: *x\nc: *x\n", "a: *x\n", "a: &x [*x]\n", "1: a\n1.0: b\ntrue: c\n",
            "? [a]\n: b\n", "? {a: 1}\n: b\n", "a: 2026-02-30\n", "a: !foo x\n", "a: =\n", "<<: {a: 1}\n",
            "a: !!str 1\nb: !!float 1\nc: !!bool yes\nd: !!null ''\n", "a: !!binary aGVsbG8=\n",
            "a: ! 12\nb: ! '12'\n", "!!set {a, b}\n", "!!omap [a: 1, b: 2]\n", "!!seq [a]\n", "!!map {a: 1}\n",
            "!!str [a]\n", "a: &a 1\nb: &a 2\nc: *a\n", "{a: 1, a: 2, b: 3, a: 4}\n",
            "a: |\n  x\n  y\nb: >-\n  p\n  q\n", "a: 'x''y'\nb: \"\\u00e9\\t\"\n", "- - - x\n", "[[[[]]]]\n",
            "a: 0x_1F\nb: 0b1_0\nc: -0o17\nd: +1_000\ne: 1:30:00\nf: -1.5e+3\ng: 1_0.5\nh: .Inf\ni: -.INF\n",
            "a: 9999999999999999999999999\nb: -0x8000000000000000\nc: 07777777777777777777777\n",
            "t: 2026-04-16 19:01:02.5 +02:00\nu: 2026-4-6t1:02:03Z\n", "k: {[1]: 2}\n", "a: !!timestamp x\n",
            "a: b: c\n", "{a: 1\n", "- a\nb: 1\n", "a: 'unterminated\n", "\u{feff}a: 1\n", "a: x\u{2028}  y\n",
            "a: yes\nb: NO\nc: On\nd: oFF\ne: ~\nf: Null\ng:\n", "&r [*r]\n", "x: &a {b: *a}\n",
        ];
        let bigger = Limits { max_depth: 6, max_nodes: 40, ..Limits::default() };
        for yaml in cases {
            assert_paths_agree(yaml, Limits::default());
            assert_paths_agree(yaml, bigger);
        }
        let keys = (0..40).map(|i| format!("k{}: {i}\n", i % 23)).collect::<String>();
        assert_paths_agree(&keys, Limits::default());
        assert_paths_agree(&alias_chain(3, 13), Limits { max_depth: 40, ..Limits::default() });
        assert_paths_agree(&alias_chain(3, 14), Limits { max_depth: 40, ..Limits::default() });
        // Random documents spliced from fragments (a fixed LCG, so the run is repeatable).
        let fragments = [
            "a", "b", "1", "0x1F", "1.5", "yes", "~", "2026-04-03", "'q'", "\"d\\n\"", "<<", "=", "!!int x",
            "!!str 3", "[", "]", "{", "}", ",", ": ", "\n", "\n  ", "\n- ", "- ", "&x ", "*x", "&y ", "*y", "? ",
            "|\n  t\n", ">\n  f\n", "!!set ", "!!omap ", "# c\n", "---\n", "1.0", "true", "-.inf", "12:30",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..4000 {
            let mut doc = String::new();
            for _ in 0..(state >> 60) + 2 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                doc.push_str(fragments[(state >> 33) as usize % fragments.len()]);
            }
            assert_paths_agree(&doc, Limits::default());
            assert_paths_agree(&doc, bigger);
        }
    }

    #[test]
    fn empty_and_documents() {
        assert!(matches!(load(""), Value::Null));
        assert!(matches!(load("# only a comment\n"), Value::Null));
        assert!(matches!(load("---\n"), Value::Null));
        assert!(matches!(load("\u{feff}a: 1\n"), Value::Map(_)));
        assert!(matches!(load("--- !!set {a, b}\n"), Value::Set(s) if s.len() == 2));
        let v = load("t: 2026-04-16 19:01:02.5 +02:00\n");
        let Some(Value::DateTime(dt)) = v.get("t") else { panic!() };
        assert_eq!((dt.microsecond, dt.utc_offset_seconds), (500_000, Some(7200)));
        assert_eq!(load("x: 0b1010\n").get("x").map(|v| matches!(v, Value::Int(i) if i.to_string() == "10")), Some(true));
    }
}

//! The `assets.pa` header model: bank types, codecs, asset entries and preload entries
//! (PA-HDR-1, PA-ENTRY-1, PA-BANK-1, PA-CODEC-1, PA-PRELOAD-3), and their JSON form.
use alloc::string::String;
use alloc::vec::Vec;

use crate::json::{Map, Value};

/// Runtime bank types v1 recognises (PA-BANK-1/2). Legacy `TILES` is not one (PA-BANK-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BankType {
    Glyph,
    Sounds,
}

impl BankType {
    pub const ALL: [BankType; 2] = [BankType::Glyph, BankType::Sounds];

    pub fn as_str(self) -> &'static str {
        match self {
            BankType::Glyph => "GLYPH",
            BankType::Sounds => "SOUNDS",
        }
    }
    /// Exact, case-sensitive wire names only.
    pub fn parse(s: &str) -> Option<BankType> {
        BankType::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// Payload codecs: only `NONE` (PA-CODEC-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    None,
}

impl Codec {
    pub fn as_str(self) -> &'static str {
        match self {
            Codec::None => "NONE",
        }
    }
    pub fn parse(s: &str) -> Option<Codec> {
        (s == "NONE").then_some(Codec::None)
    }
}

/// One `asset_table` entry (PA-ENTRY-1).
#[derive(Clone, Debug, PartialEq)]
pub struct AssetEntry {
    pub asset_id: u32,
    pub asset_name: String,
    pub bank_type: BankType,
    pub codec: Codec,
    pub decoded_size: u64,
    pub metadata: Map,
    /// Relative to `payload_offset` (PA-SLICE-1).
    pub offset: u64,
    pub size: u64,
}

impl AssetEntry {
    /// The entry as a JSON object (key order is irrelevant: canonical output sorts).
    pub fn to_value(&self) -> Value {
        Map::new()
            .with("asset_id", u64::from(self.asset_id))
            .with("asset_name", self.asset_name.as_str())
            .with("bank_type", self.bank_type.as_str())
            .with("codec", self.codec.as_str())
            .with("decoded_size", self.decoded_size)
            .with("metadata", self.metadata.clone())
            .with("offset", self.offset)
            .with("size", self.size)
            .into()
    }

    /// End of the slice relative to the payload region, `None` on overflow.
    pub fn end(&self) -> Option<u64> {
        self.offset.checked_add(self.size)
    }
}

/// One `preload` entry (PA-PRELOAD-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreloadEntry {
    pub asset_id: u32,
    pub slot: u32,
}

impl PreloadEntry {
    pub fn to_value(self) -> Value {
        Map::new().with("asset_id", u64::from(self.asset_id)).with("slot", u64::from(self.slot)).into()
    }
}

/// The whole header (PA-HDR-1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub asset_table: Vec<AssetEntry>,
    pub preload: Vec<PreloadEntry>,
}

impl Header {
    pub fn asset_table_value(&self) -> Value {
        Value::Array(self.asset_table.iter().map(AssetEntry::to_value).collect())
    }
    pub fn preload_value(&self) -> Value {
        Value::Array(self.preload.iter().copied().map(PreloadEntry::to_value).collect())
    }
    pub fn to_value(&self) -> Value {
        Map::new().with("asset_table", self.asset_table_value()).with("preload", self.preload_value()).into()
    }
    pub fn entry(&self, asset_id: u32) -> Option<&AssetEntry> {
        self.asset_table.iter().find(|e| e.asset_id == asset_id)
    }
}

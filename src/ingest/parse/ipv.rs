//! The IPV rule applied to rows: whether a row is IPV (domestic flag, offence or call-type
//! words, relationship), and which offence texts the IPV rows had, for the quality report.

use super::Parser;
use crate::ingest::fields::Field;
use crate::model::NO_ID;

/// What is known of an offence or call-type text against the IPV rule's words.
const KIND_UNREAD: u8 = 0;
const KIND_NOT_IPV: u8 = 1;
const KIND_IPV: u8 = 2;

impl Parser {
    /// Whether the row's offence or call-type text (label `kind`) holds one of the rule's
    /// words, read once per text.
    fn kind_meets_rule(&mut self, record: &csv::ByteRecord, kind: u32) -> bool {
        let known = self.kind_ipv.get(kind as usize).copied().filter(|&k| k != KIND_UNREAD);
        if let Some(known) = known.filter(|_| kind != NO_ID) {
            return known == KIND_IPV;
        }
        let holds = self.text(record, Field::Kind).is_some_and(|k| {
            let k = k.to_lowercase();
            self.ipv_kinds.iter().any(|want| k.contains(want.as_str()))
        });
        if kind != NO_ID {
            let slot = kind as usize;
            if self.kind_ipv.len() <= slot {
                self.kind_ipv.resize(slot + 1, KIND_UNREAD);
            }
            self.kind_ipv[slot] = if holds { KIND_IPV } else { KIND_NOT_IPV };
        }
        holds
    }

    /// Counts the offence or call-type text of an IPV row when the rule reads that text, so the
    /// report can show which texts were matched.
    pub(super) fn count_ipv_text(&mut self, kind: u32) {
        if self.ipv_kinds.is_empty() || self.column(Field::Kind).is_none() {
            return;
        }
        if kind == NO_ID {
            self.ipv_rows_without_kind += 1;
            return;
        }
        let slot = kind as usize;
        if self.ipv_rows_by_kind.len() <= slot {
            self.ipv_rows_by_kind.resize(slot + 1, 0);
        }
        self.ipv_rows_by_kind[slot] += 1;
    }

    /// The offence or call-type texts of IPV rows and their counts.
    pub(super) fn ipv_texts(&self) -> std::collections::HashMap<String, usize> {
        let by_kind = self.ipv_rows_by_kind.iter().enumerate().filter(|(_, &n)| n > 0);
        let mut texts: std::collections::HashMap<String, usize> =
            by_kind.map(|(id, &n)| (self.labels.name(id as u32).to_string(), n)).collect();
        if self.ipv_rows_without_kind > 0 {
            texts.insert(String::new(), self.ipv_rows_without_kind);
        }
        texts
    }

    /// Whether a row counts as IPV under the table's rule: every part that is set must hold.
    pub(super) fn is_ipv(&mut self, record: &csv::ByteRecord, domestic: bool, kind: u32) -> bool {
        let flag_ok = !self.ipv.domestic_flag || self.column(Field::Domestic).is_none() || domestic;
        let kind_ok = self.ipv_kinds.is_empty() || self.kind_meets_rule(record, kind);
        let rule = &self.ipv;
        let rel_ok = rule.relationships.is_empty()
            || self
                .text(record, Field::Relationship)
                .is_some_and(|r| rule.relationships.iter().any(|want| want.trim().eq_ignore_ascii_case(r)));
        flag_ok && kind_ok && rel_ok
    }
}

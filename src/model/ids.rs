//! Interned ids: people, addresses, case numbers and free-text categories as dense `u32`s.

/// An interned id that is absent (for example an incident with no known suspect).
pub const NO_ID: u32 = u32::MAX;

/// Strings interned to dense `u32`s, in first-seen order.
///
/// The names live back to back in one arena; the hash table holds only ids, so interning a
/// new name costs no allocation of its own (a million case numbers stay cheap).
#[derive(Clone, Default)]
pub struct Ids {
    arena: String,
    /// Start of each name in `arena`; name `i` ends where `i + 1` starts.
    starts: Vec<u32>,
    /// Built on the first lookup for ids made `from_parts`: the page receives a worker's ids
    /// and mostly only reads their names, so it does not pay for a table it may never use.
    table: std::sync::OnceLock<hashbrown::HashTable<u32>>,
}

fn hash_name(name: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x1f2e_3d4c).build_hasher();
    h.write(name.as_bytes());
    h.finish()
}

/// The hash table of the names in an arena, each found by its first id.
fn index(arena: &str, starts: &[u32]) -> hashbrown::HashTable<u32> {
    let mut table = hashbrown::HashTable::with_capacity(starts.len());
    for id in 0..starts.len() as u32 {
        let name = arena_name(arena, starts, id);
        let same = |&other: &u32| arena_name(arena, starts, other) == name;
        let rehash = |&other: &u32| hash_name(arena_name(arena, starts, other));
        if let hashbrown::hash_table::Entry::Vacant(slot) = table.entry(hash_name(name), same, rehash) {
            slot.insert(id);
        }
    }
    table
}

impl std::fmt::Debug for Ids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries((0..self.len() as u32).map(|i| self.name(i))).finish()
    }
}

/// Name `id` of an arena: it ends where the next one starts.
fn arena_name<'a>(arena: &'a str, starts: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let end = starts.get(i + 1).map_or(arena.len(), |&e| e as usize);
    &arena[starts[i] as usize..end]
}

impl Ids {
    pub fn intern(&mut self, name: &str) -> u32 {
        let hash = hash_name(name);
        let (arena, starts) = (&mut self.arena, &mut self.starts);
        let table = match self.table.get_mut() {
            Some(table) => table,
            None => {
                let _ = self.table.set(index(arena, starts));
                self.table.get_mut().expect("just set")
            }
        };
        if let Some(&id) = table.find(hash, |&id| arena_name(arena, starts, id) == name) {
            return id;
        }
        let id = u32::try_from(starts.len()).expect("fewer than 4 billion distinct ids");
        starts.push(u32::try_from(arena.len()).expect("names total under 4 GB"));
        arena.push_str(name);
        table.insert_unique(hash, id, |&id| hash_name(arena_name(arena, starts, id)));
        id
    }

    /// Makes room for `more` new names (of about `bytes_each`) without rehashing on the way.
    pub fn reserve(&mut self, more: usize, bytes_each: usize) {
        self.starts.reserve(more);
        self.arena.reserve(more * bytes_each);
        let (arena, starts) = (&self.arena, &self.starts);
        self.table.get_or_init(|| index(arena, starts));
        let table = self.table.get_mut().expect("just built");
        table.reserve(more, |&id| hash_name(arena_name(arena, starts, id)));
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        let table = self.table.get_or_init(|| index(&self.arena, &self.starts));
        table.find(hash_name(name), |&id| self.name(id) == name).copied()
    }

    /// The name of an id; empty for `NO_ID`.
    pub fn name(&self, id: u32) -> &str {
        if id == NO_ID {
            ""
        } else {
            arena_name(&self.arena, &self.starts, id)
        }
    }

    /// The names back to back and where each starts: the ids as plain data, for
    /// `ingest::columns`.
    pub fn to_parts(&self) -> (&str, &[u32]) {
        (&self.arena, &self.starts)
    }

    /// The ids `to_parts` gave, each name with the same id; `None` when the parts are not names
    /// in the arena (starts in order, from 0, on character boundaries). Names are not checked to
    /// be distinct (that would build the hash table now): a repeated name is found by its first id.
    pub fn from_parts(arena: String, starts: Vec<u32>) -> Option<Ids> {
        let in_order = starts.windows(2).all(|w| w[0] <= w[1]);
        let first_ok = starts.first().map_or(arena.is_empty(), |&s| s == 0);
        let last_ok = starts.last().is_none_or(|&s| s as usize <= arena.len());
        if !in_order || !first_ok || !last_ok || u32::try_from(arena.len()).is_err() {
            return None;
        }
        if !starts.iter().all(|&s| arena.is_char_boundary(s as usize)) {
            return None;
        }
        Some(Ids { arena, starts, table: std::sync::OnceLock::new() })
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_dense_stable_ids() {
        let mut ids = Ids::default();
        assert_eq!(ids.intern("P1"), 0);
        assert_eq!(ids.intern("P2"), 1);
        assert_eq!(ids.intern("P1"), 0);
        assert_eq!(ids.name(1), "P2");
        assert_eq!(ids.name(NO_ID), "");
        assert_eq!(ids.get("P3"), None);
    }

    #[test]
    fn parts_give_back_the_same_ids() {
        let mut ids = Ids::default();
        for name in ["P1", "", "Zoë", "P2"] {
            ids.intern(name);
        }
        let (arena, starts) = ids.to_parts();
        let back = Ids::from_parts(arena.to_string(), starts.to_vec()).expect("valid parts");
        assert_eq!(back.to_parts(), ids.to_parts());
        assert_eq!((back.get("Zoë"), back.get("P2"), back.get("")), (Some(2), Some(3), Some(1)));
        let mut more = back.clone();
        assert_eq!(more.intern("P3"), 4);
        // A repeated name is found by its first id; a start past the end or inside a character:
        // not ids.
        let repeated = Ids::from_parts("aab".into(), vec![0, 1, 2]).expect("valid parts");
        assert_eq!((repeated.get("a"), repeated.get("b"), repeated.len()), (Some(0), Some(2), 3));
        assert!(Ids::from_parts("ab".into(), vec![0, 3]).is_none());
        assert!(Ids::from_parts("ë".into(), vec![0, 1]).is_none());
        assert!(Ids::from_parts("ab".into(), vec![1]).is_none());
        assert!(Ids::from_parts(String::new(), vec![]).is_some_and(|ids| ids.is_empty()));
    }
}

//! Yes/no facts about an incident or call.

/// Yes/no facts about an incident or call, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u16);

impl Flags {
    /// The row counts as intimate partner violence under the user's rule.
    pub const IPV: Flags = Flags(1);
    pub const ARREST: Flags = Flags(1 << 1);
    pub const CHARGED: Flags = Flags(1 << 2);
    pub const FELONY: Flags = Flags(1 << 3);
    pub const WEAPON: Flags = Flags(1 << 4);
    pub const STRANGULATION: Flags = Flags(1 << 5);
    pub const INJURY: Flags = Flags(1 << 6);
    pub const PO_VIOLATION: Flags = Flags(1 << 7);

    pub fn has(self, flag: Flags) -> bool {
        self.0 & flag.0 == flag.0
    }

    pub fn with(self, flag: Flags, on: bool) -> Flags {
        if on {
            Flags(self.0 | flag.0)
        } else {
            Flags(self.0 & !flag.0)
        }
    }
}

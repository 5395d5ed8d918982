//! A sliding window over one person's incidents in date order: the incidents within `span` days
//! before the latest one (both ends included), with their counts kept up to date as incidents
//! arrive and leave. Each incident is counted once and uncounted once, so a person's whole
//! history costs time linear in their incidents, however many fall in one window.

use super::features::{gravity_class, Features};
use crate::model::{Day, Flags, NO_ID};
use std::collections::{HashMap, VecDeque};

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

#[derive(Clone, Debug, Default)]
pub struct Window {
    span: i32,
    incidents: VecDeque<(Day, Flags, u32)>,
    /// The lookback counts of the incidents in the window (only the count fields are used).
    counts: Features,
    /// The incidents in the window by [`gravity_class`].
    by_gravity: [u32; 4],
    /// Each victim in the window and their number of incidents in it.
    victims: Map<u32, u32>,
}

impl Window {
    pub fn new(span: i32) -> Window {
        Window { span, ..Window::default() }
    }

    pub fn clear(&mut self) {
        if self.incidents.is_empty() {
            // Every incident counted was uncounted: nothing to clear (a walk reusing counts
            // never fills its windows, and starts on a quarter of a million persons).
            return;
        }
        self.incidents.clear();
        self.counts = Features::default();
        self.by_gravity = [0; 4];
        self.victims.clear();
    }

    /// Adds an incident dated on or after the previous one, after dropping the incidents more
    /// than `span` days before it.
    pub fn push(&mut self, day: Day, flags: Flags, victim: u32) {
        while let Some(&(d, old_flags, old_victim)) = self.incidents.front() {
            if day - d <= self.span {
                break;
            }
            self.incidents.pop_front();
            self.counts.count(old_flags, false);
            self.by_gravity[gravity_class(old_flags)] -= 1;
            if old_victim != NO_ID {
                let n = self.victims.get_mut(&old_victim).expect("a victim in the window is counted");
                *n -= 1;
                if *n == 0 {
                    self.victims.remove(&old_victim);
                }
            }
        }
        self.incidents.push_back((day, flags, victim));
        self.counts.count(flags, true);
        self.by_gravity[gravity_class(flags)] += 1;
        if victim != NO_ID {
            *self.victims.entry(victim).or_insert(0) += 1;
        }
    }

    /// The features' counts over the window, with `victims` the number of distinct victims.
    pub fn counts(&self) -> Features {
        Features { victims: self.victims.len() as u32, ..self.counts }
    }

    /// The incidents in the window by [`gravity_class`].
    pub fn by_gravity(&self) -> [u32; 4] {
        self.by_gravity
    }

    /// The number of distinct victims in the window.
    pub fn victims(&self) -> u32 {
        self.victims.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts a window must hold, counted from scratch over the incidents within the span.
    fn recounted(history: &[(Day, Flags, u32)], span: i32) -> Features {
        let day = history.last().expect("an incident").0;
        let mut f = Features::default();
        let mut victims = Vec::new();
        for &(_, flags, victim) in history.iter().filter(|&&(d, _, _)| day - d <= span) {
            f.count(flags, true);
            if victim != NO_ID {
                victims.push(victim);
            }
        }
        f.victims = super::super::features::distinct(&mut victims);
        f
    }

    #[test]
    fn the_window_keeps_the_counts_a_recount_gives() {
        let flags = [Flags::CHARGED, Flags::WEAPON, Flags(0), Flags::CHARGED.with(Flags::FELONY, true), Flags::INJURY];
        let mut window = Window::new(30);
        let mut history = Vec::new();
        for i in 0..200i32 {
            let day = i * 7 / 3;
            let victim = if i % 5 == 0 { NO_ID } else { (i % 4) as u32 };
            let f = flags[(i % 5) as usize].with(Flags::PO_VIOLATION, i % 3 == 0);
            window.push(day, f, victim);
            history.push((day, f, victim));
            assert_eq!(window.counts(), recounted(&history, 30), "after incident {i}");
        }
    }
}

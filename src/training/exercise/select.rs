//! Finding cases in a demo jurisdiction (or in loaded data): one history per person, cut at a random incident,
//! keyed by the engine, and picked so that an exercise mixes levels (clear-cut cases) and
//! kinds of threshold (hard cases).

use super::case::{History, IncidentFact, NotificationFact};
use super::settings::{ExerciseError, ExerciseSettings};
use super::{key_of, CaseKind, Key};
use crate::model::{day_from_ymd, Dataset, Day, Flags, Level, Role};
use crate::synth::{self, DemoParams};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// People in the demo jurisdiction an exercise draws from: enough for dozens of cases of
/// every kind, small enough to generate in a moment in the browser. Also the most people of
/// loaded data an exercise considers.
pub const DEMO_PEOPLE: u32 = 2500;
/// A case card stays readable: at most this many incidents (the latest before the decision).
/// Below 10, so that record numbers `case-01-1` .. `case-01-8` sort as text in date order.
pub const MAX_INCIDENTS: usize = 8;
/// The decision date falls this many days at most after the case's last incident.
const MAX_DECISION_DELAY: u32 = 30;

/// Integer draws from one ChaCha8 stream (no floats, no `usize`: the same on every platform).
struct Stream(ChaCha8Rng);

impl Stream {
    fn new(seed: u64, stream: u64) -> Stream {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Stream(rng)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: u32) -> u32 {
        (((self.0.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len() as u32).rev() {
            items.swap(i as usize, self.below(i + 1) as usize);
        }
    }
}

/// The demo jurisdiction's seed for an exercise seed (SplitMix64's mix: nearby exercise seeds
/// give unrelated jurisdictions).
fn demo_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Candidates of one class (clear-cut or at a threshold) by group, so that the exercise
/// mixes them: each group keeps up to `wanted` candidates in the order found.
struct Pool {
    wanted: u32,
    groups: Vec<Vec<(History, Key)>>,
}

impl Pool {
    fn new(wanted: u32, groups: usize) -> Pool {
        Pool { wanted, groups: vec![Vec::new(); groups] }
    }

    fn offer(&mut self, group: usize, candidate: (History, Key)) {
        if self.groups[group].len() < self.wanted as usize {
            self.groups[group].push(candidate);
        }
    }

    fn found(&self) -> u32 {
        self.groups.iter().map(|g| g.len() as u32).sum::<u32>().min(self.wanted)
    }

    /// The picked cases: one from each group in turn, until there are enough.
    fn take(self) -> Vec<(History, Key)> {
        let wanted = self.wanted as usize;
        let mut groups: Vec<_> = self.groups.into_iter().map(Vec::into_iter).collect();
        let mut picked = Vec::with_capacity(wanted);
        while picked.len() < wanted {
            let before = picked.len();
            picked.extend(groups.iter_mut().filter_map(Iterator::next).take(wanted - before));
            if picked.len() == before {
                break;
            }
        }
        picked
    }
}

/// Which group a clear-cut case fills (its level) and a hard case (its rarest kind).
fn easy_group(key: &Key) -> usize {
    key.level.map_or(4, Level::index)
}

fn hard_group(key: &Key) -> usize {
    CaseKind::ALL.iter().position(|k| key.kinds.contains(k)).unwrap_or(CaseKind::ALL.len() - 1)
}

/// The cases of an exercise from its own demo jurisdiction, shifted to one decision date, in
/// the order the room sees them.
pub fn pick_cases(settings: &ExerciseSettings) -> Result<(Day, Vec<(History, Key)>), ExerciseError> {
    let mut order_stream = Stream::new(settings.seed, 0);
    let decision_day = decision_day(&mut order_stream);
    let params = DemoParams { people: DEMO_PEOPLE, seed: demo_seed(settings.seed), ..DemoParams::default() };
    let data = synth::generate(&params).map_err(|e| ExerciseError::Settings(e.to_string()))?;
    let cases = pick_from(settings, &data, &mut order_stream, decision_day, true)?;
    Ok((decision_day, cases))
}

/// The cases of an exercise from a given data set (the loaded data), shifted to one decision
/// date. A notification among the cases is required only when the data has notifications.
pub fn pick_cases_from(
    settings: &ExerciseSettings,
    data: &Dataset,
) -> Result<(Day, Vec<(History, Key)>), ExerciseError> {
    let people = ipv_people(data).len() as u32;
    if people < settings.cases {
        return Err(ExerciseError::TooFewPeople { asked: settings.cases, found: people });
    }
    let mut order_stream = Stream::new(settings.seed, 0);
    let decision_day = decision_day(&mut order_stream);
    let cases = pick_from(settings, data, &mut order_stream, decision_day, data.notifications.is_some())?;
    Ok((decision_day, cases))
}

/// The date every case is decided as of: a day of 2024 drawn from the order stream.
fn decision_day(order_stream: &mut Stream) -> Day {
    day_from_ymd(2024, 1, 1).expect("a real date") + order_stream.below(366) as Day
}

/// Picks the cases from `data`: people in the order stream's order, each cut at a random
/// incident and keyed, until both pools hold what the settings ask for.
fn pick_from(
    settings: &ExerciseSettings,
    data: &Dataset,
    order_stream: &mut Stream,
    decision_day: Day,
    need_notification: bool,
) -> Result<Vec<(History, Key)>, ExerciseError> {
    let people = ipv_people(data);
    let mut order: Vec<u32> = (0..people.len() as u32).collect();
    order_stream.shuffle(&mut order);
    // Loaded data may hold many more people than a demo: candidates are a random sample of the
    // demo's size, so that an exercise is made in a moment (a demo is never cut by this).
    order.truncate(DEMO_PEOPLE as usize);

    let hard = settings.difficulty.hard_cases(settings.cases);
    let mut easy_pool = Pool::new(settings.cases - hard, 5);
    let mut hard_pool = Pool::new(hard, CaseKind::ALL.len());
    // The exercise's notifications extract must hold a row, or `ipvi classify` would simulate
    // notifications instead of reading them (and its levels would differ from the key).
    let mut notified: [Option<(History, Key)>; 2] = [None, None];
    let notices = offender_notifications(data);
    for &index in &order {
        let (person, rows) = &people[index as usize];
        let mut stream = Stream::new(settings.seed, u64::from(*person) + 1);
        let history = cut_history(data, rows, &notices, *person, &mut stream, decision_day);
        let key = key_of(&history, &settings.criteria);
        let class = usize::from(key.at_threshold);
        let pool = if key.at_threshold { &mut hard_pool } else { &mut easy_pool };
        if pool.wanted == 0 {
            continue;
        }
        if !history.notifications.is_empty() && notified[class].is_none() {
            notified[class] = Some((history.clone(), key.clone()));
        }
        let group = if key.at_threshold { hard_group(&key) } else { easy_group(&key) };
        pool.offer(group, (history, key));
    }
    for (pool, what) in [(&easy_pool, "clear-cut"), (&hard_pool, "at-a-threshold")] {
        if pool.found() < pool.wanted {
            return Err(ExerciseError::NotEnoughCases { asked: pool.wanted, found: pool.found(), what });
        }
    }
    let mut cases = easy_pool.take();
    let easy = cases.len();
    cases.extend(hard_pool.take());
    if need_notification && !cases.iter().any(|(h, _)| !h.notifications.is_empty()) {
        // Swap the last case of a class for the first one of that class with a notification.
        let (class, candidate) = notified
            .into_iter()
            .enumerate()
            .rev()
            .find_map(|(class, c)| Some((class, c?)))
            .ok_or(ExerciseError::NoNotification)?;
        let last = if class == 1 { cases.len() - 1 } else { easy - 1 };
        cases[last] = candidate;
    }
    order_stream.shuffle(&mut cases);
    Ok(cases)
}

/// Each person with IPV incidents and the rows of those incidents, in date order.
fn ipv_people(data: &Dataset) -> Vec<(u32, Vec<usize>)> {
    let inc = &data.incidents;
    inc.person_runs()
        .map(|(person, run)| (person, run.filter(|&i| inc.flags[i].has(Flags::IPV)).collect::<Vec<_>>()))
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

/// Notifications delivered to offenders: (person, day, level, method), by person and day.
fn offender_notifications(data: &Dataset) -> Vec<(u32, Day, Level, u32)> {
    let Some(n) = &data.notifications else { return Vec::new() };
    let mut list: Vec<_> = (0..n.len())
        .filter(|&i| n.role[i] == Role::Offender)
        .map(|i| (n.person[i], n.day[i], n.level[i], n.method[i]))
        .collect();
    list.sort_unstable();
    list
}

/// One person's history up to a decision date after a randomly drawn incident, shifted so
/// that the decision falls on `decision_day`.
fn cut_history(
    data: &Dataset,
    rows: &[usize],
    notices: &[(u32, Day, Level, u32)],
    person: u32,
    stream: &mut Stream,
    decision_day: Day,
) -> History {
    let inc = &data.incidents;
    let mut last = stream.below(rows.len() as u32) as usize;
    // Incidents of the same day belong together.
    while last + 1 < rows.len() && inc.day[rows[last + 1]] == inc.day[rows[last]] {
        last += 1;
    }
    let kept = &rows[(last + 1).saturating_sub(MAX_INCIDENTS)..=last];
    let last_day = inc.day[rows[last]];
    let mut delay = 1 + stream.below(MAX_DECISION_DELAY) as Day;
    if let Some(&next) = rows.get(last + 1) {
        // No incident of the person may fall between the last one shown and the decision.
        delay = delay.min(inc.day[next] - last_day - 1);
    }
    let shift = decision_day - (last_day + delay);
    let first_day = inc.day[kept[0]];
    let mut victims: Vec<u32> = Vec::new();
    let incidents = kept
        .iter()
        .map(|&row| {
            let victim = match victims.iter().position(|&v| v == inc.victim[row]) {
                Some(i) => i as u32 + 1,
                None => {
                    victims.push(inc.victim[row]);
                    victims.len() as u32
                }
            };
            let f = inc.flags[row];
            IncidentFact {
                day: inc.day[row] + shift,
                offense: data.labels.name(inc.offense[row]).to_string(),
                victim,
                relationship: data.labels.name(inc.relationship[row]).to_string(),
                charged: f.has(Flags::CHARGED),
                felony: f.has(Flags::FELONY),
                weapon: f.has(Flags::WEAPON),
                strangulation: f.has(Flags::STRANGULATION),
                injury: f.has(Flags::INJURY),
                po_violation: f.has(Flags::PO_VIOLATION),
            }
        })
        .collect();
    let from = notices.partition_point(|n| n.0 < person);
    let to = notices.partition_point(|n| n.0 <= person);
    let notifications = notices[from..to]
        .iter()
        .filter(|n| n.1 >= first_day && n.1 + shift < decision_day)
        .map(|n| NotificationFact { day: n.1 + shift, level: n.2, method: data.labels.name(n.3).to_string() })
        .collect();
    History { decision_day, incidents, notifications }
}

//! The generator: one person at a time (incidents, notifications, services, sanctions), then the
//! calls for service.

use crate::classify::criteria::Criteria;
use crate::classify::engine::PersonWalk;
use crate::model::{permute, Calls, Dataset, Day, Flags, Incidents, Level, Notifications, Role, Sanctions, Services};
use std::sync::Arc;

use super::draw::{season, Draw};
use super::names::*;
use super::*;

pub(super) struct Generator<'a> {
    p: &'a DemoParams,
    /// The notification policy: the "IPVI default" criteria.
    criteria: &'a Criteria,
    pub(super) data: Dataset,
    calls: Calls,
    notifications: Notifications,
    services: Services,
    sanctions: Sanctions,
    /// Every address ever used, by number, so background calls can revisit them.
    addresses: u32,
    next_case: u32,
}

impl<'a> Generator<'a> {
    pub(super) fn new(p: &'a DemoParams, criteria: &'a Criteria) -> Generator<'a> {
        Generator {
            p,
            criteria,
            data: Dataset::default(),
            calls: Calls::default(),
            notifications: Notifications::default(),
            services: Services::default(),
            sanctions: Sanctions::default(),
            addresses: 0,
            next_case: 0,
        }
    }

    fn address_name(number: u32) -> String {
        // A stable pseudo-random block for each address number (no draws: a pure mix).
        let mix = (number as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20;
        let block = mix % 120;
        let dir = DIRECTIONS[(mix / 120 % 4) as usize];
        let street = STREETS[(mix / 480 % STREETS.len() as u64) as usize];
        format!("{block:03}XX {dir} {street} #{}", number % 97 + 1)
    }

    fn address(&mut self, rng: &mut Draw) -> u32 {
        // Address numbers grow with people; a new household gets a fresh number most of the time.
        let number = if self.addresses > 0 && rng.chance(0.1) {
            rng.between(0, self.addresses as i32 - 1) as u32
        } else {
            self.addresses += 1;
            self.addresses - 1
        };
        Arc::make_mut(&mut self.data.addresses).intern(&Self::address_name(number))
    }

    fn label(&mut self, text: &str) -> u32 {
        Arc::make_mut(&mut self.data.labels).intern(text)
    }

    fn minute(rng: &mut Draw) -> u16 {
        // IPV calls peak in the evening and at night.
        const HOUR_WEIGHTS: [f64; 24] = [
            6.0, 5.0, 4.0, 3.0, 2.0, 1.5, 1.5, 2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0,
            7.5, 7.5, 7.0,
        ];
        (rng.weighted(&HOUR_WEIGHTS) * 60) as u16 + rng.between(0, 59) as u16
    }

    pub(super) fn person(&mut self, index: u32) {
        let p = self.p;
        let mut rng = Draw::new(p.seed, u64::from(index) + 1);
        let family = rng.chance(FAMILY_SHARE);
        let offender = Arc::make_mut(&mut self.data.people).intern(&format!("P{:07}", index + 1));
        let mut victims = 0u32;
        let mut new_victim = |g: &mut Self, rng: &mut Draw| {
            victims += 1;
            let id = Arc::make_mut(&mut g.data.people).intern(&format!("V{:07}-{}", index + 1, victims));
            let rel = rng.pick(if family { FAMILY_RELATIONSHIPS } else { INTIMATE_RELATIONSHIPS });
            (id, g.label(rel))
        };
        let (mut victim, mut relationship) = new_victim(self, &mut rng);
        let mut home = self.address(&mut rng);

        let frailty = rng.gamma(FRAILTY_SHAPE) / FRAILTY_SHAPE;
        let daily_rate = BASE_RATE_PER_YEAR * frailty / 365.25;
        let mut day = rng.between(p.first_day - BURN_IN_DAYS, p.last_day);
        let mut walk = PersonWalk::new(self.criteria);
        let mut first_notified: Option<Day> = None;
        let mut prior = 0u32;

        loop {
            if day >= p.first_day {
                let flags = Self::incident_flags(&mut rng, prior, family);
                let case = self.incident(&mut rng, offender, victim, relationship, home, day, flags);
                if !family {
                    let level = walk.observe(day, flags, victim).level.expect("the D rule always holds");
                    let notified = self.after_incident(&mut rng, offender, victim, case, day, flags, level, &mut walk);
                    first_notified = first_notified.or(notified);
                }
            }
            prior += 1;
            // Next incident by thinning: candidates at the highest rate, kept in proportion.
            let top = daily_rate * 1.15 * p.hazard_ratio.max(1.0);
            loop {
                let gap = 1.0 + rng.exponential(top);
                if f64::from(day) + gap > f64::from(p.last_day) {
                    return;
                }
                day += gap as i32;
                let effect = if first_notified.is_some_and(|n| n < day) { p.hazard_ratio } else { 1.0 };
                if rng.chance(daily_rate * season(day) * effect / top) {
                    break;
                }
            }
            if rng.chance(0.08 + 0.02 * f64::from(prior.min(5))) {
                (victim, relationship) = new_victim(self, &mut rng);
            }
            if rng.chance(0.05) {
                home = self.address(&mut rng);
            }
        }
    }

    fn incident_flags(rng: &mut Draw, prior: u32, family: bool) -> Flags {
        let n = f64::from(prior.min(5));
        let arrest = rng.chance(0.35 + 0.07 * n);
        let charged = arrest || rng.chance(0.05);
        let felony = charged && rng.chance(0.10 + 0.04 * n);
        Flags::default()
            .with(Flags::IPV, !family)
            .with(Flags::ARREST, arrest)
            .with(Flags::CHARGED, charged)
            .with(Flags::FELONY, felony)
            .with(Flags::WEAPON, rng.chance(0.03 + 0.015 * n))
            .with(Flags::STRANGULATION, rng.chance(0.025 + 0.015 * n))
            .with(Flags::INJURY, rng.chance(0.25 + 0.03 * n))
            .with(Flags::PO_VIOLATION, prior > 0 && rng.chance(0.04 + 0.01 * n))
    }

    #[allow(clippy::too_many_arguments)]
    fn incident(
        &mut self,
        rng: &mut Draw,
        suspect: u32,
        victim: u32,
        relationship: u32,
        address: u32,
        day: Day,
        flags: Flags,
    ) -> u32 {
        self.next_case += 1;
        let year = crate::model::date_of(day).format("%y");
        let case = self.label(&format!("RMS{year}-{:07}", self.next_case));
        let offense = if flags.has(Flags::PO_VIOLATION) {
            "VIOLATION OF PROTECTIVE ORDER"
        } else if flags.has(Flags::FELONY) || flags.has(Flags::WEAPON) || flags.has(Flags::STRANGULATION) {
            "AGGRAVATED ASSAULT - DOMESTIC"
        } else if flags.has(Flags::CHARGED) {
            "SIMPLE ASSAULT - DOMESTIC"
        } else {
            "DOMESTIC DISTURBANCE - NO CRIME"
        };
        let offense = self.label(offense);
        let minute = Self::minute(rng);
        let inc = Arc::make_mut(&mut self.data.incidents);
        inc.case_id.push(case);
        inc.day.push(day);
        inc.minute.push(minute);
        inc.suspect.push(suspect);
        inc.victim.push(victim);
        inc.address.push(address);
        inc.relationship.push(relationship);
        inc.offense.push(offense);
        inc.flags.push(flags);
        // The call that led to the report, a little earlier the same day when possible.
        let call_type = if flags.has(Flags::IPV) { "DOMESTIC VIOLENCE" } else { "FAMILY DISTURBANCE" };
        self.call(day, minute.saturating_sub(rng.between(5, 40) as u16), address, call_type, flags.has(Flags::IPV));
        case
    }

    fn call(&mut self, day: Day, minute: u16, address: u32, call_type: &str, ipv: bool) {
        let id = self.label(&format!("CAD{:08}", self.calls.len() + 1));
        let call_type = self.label(call_type);
        self.calls.call_id.push(id);
        self.calls.day.push(day);
        self.calls.minute.push(minute);
        self.calls.address.push(address);
        self.calls.call_type.push(call_type);
        self.calls.flags.push(Flags::default().with(Flags::IPV, ipv));
    }

    #[allow(clippy::too_many_arguments)]
    fn after_incident(
        &mut self,
        rng: &mut Draw,
        offender: u32,
        victim: u32,
        case: u32,
        day: Day,
        flags: Flags,
        level: Level,
        walk: &mut PersonWalk,
    ) -> Option<Day> {
        let p = self.p;
        let notified = walk.notified_level();
        // Sanctions: a charged incident after a B or A notification.
        if flags.has(Flags::CHARGED) && notified >= Some(Level::B) && rng.chance(0.75) {
            let kinds: &[&str] = if notified == Some(Level::A) {
                &["Federal referral", "Fast-track prosecution", "High bond request"]
            } else {
                &["Enhanced charge", "High bond request", "Probation violation"]
            };
            let kind = rng.pick(kinds);
            let kind = self.label(kind);
            let when = (day + rng.between(1, 10)).min(p.last_day);
            self.sanctions.person.push(offender);
            self.sanctions.day.push(when);
            self.sanctions.sanction_type.push(kind);
            self.sanctions.case_id.push(case);
        }

        let before_start = day < p.start_day;
        if before_start {
            // Services existed before the programme, at lower uptake.
            if rng.chance(0.15) {
                self.service(rng, victim, offender, Role::Victim, day, (0, 60));
            }
            if flags.has(Flags::CHARGED) && rng.chance(0.05) {
                self.service(rng, offender, offender, Role::Offender, day, (20, 120));
            }
            return None;
        }
        if notified.is_some_and(|n| n >= level) {
            return None;
        }
        let method = match level {
            Level::D => "Letter",
            Level::C | Level::A => "Custom notification",
            Level::B => "Call-in",
        };
        if method == "Custom notification" && rng.chance(0.08) {
            return None; // the officer never found the person
        }
        // Notifications go out in order: a later, higher one never precedes an earlier one.
        let earliest = walk.last_notification_day().map_or(day, |last| last + 1);
        let when = (day + rng.between(5, 25)).max(earliest);
        if when > p.last_day {
            return None;
        }
        walk.notified(when, level);
        let method = self.label(method);
        self.notification(offender, when, level, method, Role::Offender);
        if rng.chance(0.85) {
            let advocate = self.label(if level == Level::D { "Letter" } else { "Advocate contact" });
            let told = (when + rng.between(0, 3)).min(p.last_day);
            self.notification(offender, told, level, advocate, Role::Victim);
        }
        let uptake = match level {
            Level::D => 0.10,
            Level::C => 0.30,
            Level::B => 0.45,
            Level::A => 0.35,
        };
        if rng.chance(uptake) {
            self.service(rng, offender, offender, Role::Offender, when, (3, 60));
        }
        if rng.chance(0.45) {
            self.service(rng, victim, offender, Role::Victim, when, (0, 45));
        }
        Some(when)
    }

    fn notification(&mut self, offender: u32, day: Day, level: Level, method: u32, role: Role) {
        let n = &mut self.notifications;
        n.person.push(offender);
        n.day.push(day);
        n.level.push(level);
        n.method.push(method);
        n.role.push(role);
    }

    /// A service contact some days (drawn from `delay`) after `from`.
    fn service(&mut self, rng: &mut Draw, client: u32, offender: u32, role: Role, from: Day, delay: (i32, i32)) {
        let day = from + rng.between(delay.0, delay.1);
        if day > self.p.last_day {
            return;
        }
        let kind = rng.pick(if role == Role::Victim { VICTIM_SERVICES } else { OFFENDER_SERVICES });
        let kind = self.label(kind);
        let s = &mut self.services;
        s.person.push(client);
        s.offender.push(offender);
        s.day.push(day);
        s.role.push(role);
        s.service_type.push(kind);
    }

    /// Calls that led to no report, so that the IPV calls per month follow the planted trend.
    pub(super) fn calls(&mut self) {
        let p = self.p;
        let days = (p.last_day - p.first_day + 1) as usize;
        let mut linked = vec![0u32; days];
        for (i, &day) in self.calls.day.iter().enumerate() {
            if self.calls.flags[i].has(Flags::IPV) {
                linked[(day - p.first_day) as usize] += 1;
            }
        }
        let base = call_base(p, &self.data.incidents);
        let mut rng = Draw::new(p.seed, 0);
        for (offset, &linked_today) in linked.iter().enumerate() {
            let day = p.first_day + offset as i32;
            let drop = if day >= p.start_day { 1.0 - p.call_drop } else { 1.0 };
            let expected = base * season(day) * drop;
            let ipv_calls = rng.poisson((expected - f64::from(linked_today)).max(0.0));
            let other_calls = rng.poisson(0.15 * base);
            for k in 0..ipv_calls + other_calls {
                let ipv = k < ipv_calls;
                let address = if self.addresses > 0 && rng.chance(0.6) {
                    rng.between(0, self.addresses as i32 - 1) as u32
                } else {
                    self.addresses + rng.between(0, (self.addresses as i32).max(100)) as u32
                };
                let address = Arc::make_mut(&mut self.data.addresses).intern(&Self::address_name(address));
                let call_type = if ipv {
                    rng.pick(&[
                        "DOMESTIC DISTURBANCE",
                        "DOMESTIC VIOLENCE",
                        "ASSAULT - DOMESTIC",
                        "DOMESTIC DISTURBANCE",
                    ])
                } else {
                    rng.pick(&["FAMILY DISTURBANCE", "CHILD CUSTODY DISPUTE"])
                };
                self.call(day, Self::minute(&mut rng), address, call_type, ipv);
            }
        }
        sort_calls(&mut self.calls);
        self.data.calls = Some(Arc::new(std::mem::take(&mut self.calls)));
        self.data.notifications = Some(Arc::new(std::mem::take(&mut self.notifications)));
        self.data.services = Some(Arc::new(std::mem::take(&mut self.services)));
        self.data.sanctions = Some(Arc::new(std::mem::take(&mut self.sanctions)));
    }
}

/// The expected IPV calls for service per day before the start at a seasonal factor of 1:
/// `CALLS_PER_INCIDENT` calls per IPV incident dated before the start (each led to one of those
/// calls), per seasonal day. A day's expected IPV calls are this x `season(day)`, x (1 - call
/// drop) from the start on.
pub(super) fn call_base(p: &DemoParams, incidents: &Incidents) -> f64 {
    let before_start =
        |&(day, flags): &(&Day, &Flags)| *day >= p.first_day && *day < p.start_day && flags.has(Flags::IPV);
    let pre_linked = incidents.day.iter().zip(&incidents.flags).filter(before_start).count() as u32;
    let pre_season: f64 = (p.first_day..p.start_day).map(season).sum();
    CALLS_PER_INCIDENT * f64::from(pre_linked) / pre_season
}

/// Orders calls by time, renumbering call ids so that they rise with time as CAD numbers do.
fn sort_calls(calls: &mut Calls) {
    let mut order: Vec<u32> = (0..calls.len() as u32).collect();
    order.sort_by_key(|&i| (calls.day[i as usize], calls.minute[i as usize], i));
    calls.day = permute(&order, &calls.day);
    calls.minute = permute(&order, &calls.minute);
    calls.address = permute(&order, &calls.address);
    calls.call_type = permute(&order, &calls.call_type);
    calls.flags = permute(&order, &calls.flags);
    // call_id stays in place: ids rise with time, as CAD numbers do.
}

//! Random draws with the same results on every platform, and the seasonal rate.

use crate::model::{month_index, Day};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// Random draws with platform-independent results.
pub(super) struct Draw(ChaCha8Rng);

impl Draw {
    pub(super) fn new(seed: u64, stream: u64) -> Draw {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Draw(rng)
    }

    /// Uniform on [0, 1), 53 bits.
    pub(super) fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Uniform integer in `lo..=hi`.
    pub(super) fn between(&mut self, lo: i32, hi: i32) -> i32 {
        let span = (hi - lo + 1) as u64;
        lo + (((self.0.next_u64() >> 32) * span) >> 32) as i32
    }

    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.between(0, items.len() as i32 - 1) as usize]
    }

    /// Index drawn with the given relative weights.
    pub(super) fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut u = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if u < *w {
                return i;
            }
            u -= w;
        }
        weights.len() - 1
    }

    pub(super) fn exponential(&mut self, rate: f64) -> f64 {
        -libm::log(1.0 - self.uniform()) / rate
    }

    pub(super) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Gamma(shape, scale 1) by Marsaglia and Tsang (2000), boosted for shape < 1.
    pub(super) fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let u = 1.0 - self.uniform();
            return self.gamma(shape + 1.0) * libm::pow(u, 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / libm::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = 1.0 - self.uniform();
            if libm::log(u) < 0.5 * x * x + d - d * v + d * libm::log(v) {
                return d * v;
            }
        }
    }

    /// Poisson by multiplication (Knuth), in pieces of mean <= 10 so large means stay exact.
    pub(super) fn poisson(&mut self, mean: f64) -> u32 {
        let mut remaining = mean.max(0.0);
        let mut count = 0;
        while remaining > 0.0 {
            let piece = remaining.min(10.0);
            remaining -= piece;
            let limit = libm::exp(-piece);
            let mut product = self.uniform();
            while product > limit {
                count += 1;
                product *= self.uniform();
            }
        }
        count
    }
}

/// Relative IPV rate by month of year (0 = January), peaking in July.
pub(super) fn season(day: Day) -> f64 {
    let month = month_index(day).rem_euclid(12) as f64;
    1.0 + 0.15 * libm::cos(2.0 * std::f64::consts::PI * (month - 6.0) / 12.0)
}

//! Least squares on the simplex: min ||y - X w||² subject to w >= 0 and sum w = 1, the weight
//! problem of a synthetic control (docs/methods.md, "Synthetic control").
//!
//! An exact primal active-set method (the strategy of Lawson & Hanson's NNLS, with the sum
//! constraint kept in every subproblem): the free set starts at the single best column; each
//! outer step frees the column whose reduced gradient is most negative, and the inner loop
//! solves the equality-constrained least squares on the free set (its KKT system by Cholesky),
//! stepping back to the boundary and fixing at 0 any weight that would turn negative. It stops
//! when no fixed weight has a reduced gradient below -1e-11 times the largest squared column
//! norm: the KKT conditions of the problem to that tolerance, so the answer is the optimum up to
//! rounding, not an approximate iterate.

/// A symmetric cross-product matrix over units, H[a][b] = sum over the fitting months of
/// x_a(t) x_b(t), stored flat. Every fit (the treated unit and each placebo) reads from one.
#[derive(Clone, Debug)]
pub struct Gram {
    n: usize,
    values: Vec<f64>,
}

impl Gram {
    /// `series[a][t]` for `t < months`.
    pub fn new(series: &[Vec<f64>], months: usize) -> Gram {
        let n = series.len();
        let mut values = vec![0.0; n * n];
        for a in 0..n {
            for b in a..n {
                let v: f64 = series[a][..months].iter().zip(&series[b][..months]).map(|(x, y)| x * y).sum();
                values[a * n + b] = v;
                values[b * n + a] = v;
            }
        }
        Gram { n, values }
    }

    pub fn at(&self, a: usize, b: usize) -> f64 {
        self.values[a * self.n + b]
    }
}

/// The weights (one per entry of `pool`, summing to 1) that best reproduce unit `target` from
/// the units in `pool`. `pool` must not be empty.
pub fn simplex_weights(gram: &Gram, target: usize, pool: &[usize]) -> Vec<f64> {
    assert!(!pool.is_empty(), "the pool of donors is empty");
    let m = pool.len();
    let scale = pool.iter().map(|&p| gram.at(p, p)).fold(gram.at(target, target), f64::max).max(f64::MIN_POSITIVE);
    let tolerance = 1e-11 * scale;
    let distance = |i: usize| gram.at(target, target) - 2.0 * gram.at(pool[i], target) + gram.at(pool[i], pool[i]);
    let first = (0..m).min_by(|&a, &b| distance(a).total_cmp(&distance(b))).expect("pool is not empty");
    let mut weights = vec![0.0; m];
    weights[first] = 1.0;
    let mut free = vec![first];
    for _ in 0..(3 * m + 50) {
        let gradient: Vec<f64> = (0..m)
            .map(|i| {
                free.iter().map(|&k| gram.at(pool[i], pool[k]) * weights[k]).sum::<f64>() - gram.at(pool[i], target)
            })
            .collect();
        let level: f64 = free.iter().map(|&k| weights[k] * gradient[k]).sum();
        let entering = (0..m)
            .filter(|i| !free.contains(i))
            .min_by(|&a, &b| gradient[a].total_cmp(&gradient[b]))
            .filter(|&i| gradient[i] - level < -tolerance);
        let Some(entering) = entering else { break };
        free.push(entering);
        if !settle(gram, target, pool, &mut free, &mut weights, entering) {
            break;
        }
    }
    weights
}

/// The inner loop: moves `weights` to the constrained optimum on `free`, dropping columns that
/// reach 0. Returns false when the column just freed cannot take positive weight (rounding at
/// the optimum), which ends the outer loop.
fn settle(
    gram: &Gram,
    target: usize,
    pool: &[usize],
    free: &mut Vec<usize>,
    weights: &mut [f64],
    entering: usize,
) -> bool {
    for round in 0..=pool.len() {
        let z = subproblem(gram, target, pool, free);
        if z.iter().all(|&v| v > 0.0) {
            free.iter().zip(&z).for_each(|(&k, &v)| weights[k] = v);
            return true;
        }
        if round == 0 && z[free.len() - 1] <= 0.0 {
            free.retain(|&k| k != entering);
            return false;
        }
        let step = free
            .iter()
            .zip(&z)
            .filter(|(_, &v)| v <= 0.0)
            .map(|(&k, &v)| weights[k] / (weights[k] - v))
            .fold(1.0, f64::min);
        free.iter().zip(&z).for_each(|(&k, &v)| weights[k] += step * (v - weights[k]));
        let blocking: Vec<usize> = free.iter().copied().filter(|&k| weights[k] <= 1e-14).collect();
        let blocking = if blocking.is_empty() {
            // Rounding left the blocking weight a hair above 0: fix the smallest one.
            vec![free.iter().copied().min_by(|&a, &b| weights[a].total_cmp(&weights[b])).expect("free is not empty")]
        } else {
            blocking
        };
        for k in blocking {
            weights[k] = 0.0;
            free.retain(|&f| f != k);
        }
        let total: f64 = free.iter().map(|&k| weights[k]).sum();
        free.iter().for_each(|&k| weights[k] /= total);
    }
    true
}

/// min ||y - X_F v||² subject to sum v = 1 (signs free): v = a - lambda b with G a = c, G b = 1
/// and lambda = (sum a - 1) / sum b. A ridge of 1e-13 times the largest diagonal keeps G
/// positive definite when two free columns are identical.
fn subproblem(gram: &Gram, target: usize, pool: &[usize], free: &[usize]) -> Vec<f64> {
    let f = free.len();
    let largest = free.iter().map(|&k| gram.at(pool[k], pool[k])).fold(0.0, f64::max);
    let mut g: Vec<f64> = (0..f * f).map(|i| gram.at(pool[free[i / f]], pool[free[i % f]])).collect();
    (0..f).for_each(|i| g[i * f + i] += 1e-13 * largest);
    let Some(l) = cholesky(&g, f) else {
        return vec![1.0 / f as f64; f];
    };
    let c: Vec<f64> = free.iter().map(|&k| gram.at(pool[k], target)).collect();
    let a = cholesky_solve(&l, f, &c);
    let b = cholesky_solve(&l, f, &vec![1.0; f]);
    let lambda = (a.iter().sum::<f64>() - 1.0) / b.iter().sum::<f64>();
    a.iter().zip(&b).map(|(x, y)| x - lambda * y).collect()
}

/// The lower-triangular L with L L' = g (row-major, f x f); `None` if g is not positive definite.
fn cholesky(g: &[f64], f: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; f * f];
    for i in 0..f {
        for j in 0..=i {
            let s = g[i * f + j] - (0..j).map(|k| l[i * f + k] * l[j * f + k]).sum::<f64>();
            if i == j {
                if s <= 0.0 {
                    return None;
                }
                l[i * f + i] = s.sqrt();
            } else {
                l[i * f + j] = s / l[j * f + j];
            }
        }
    }
    Some(l)
}

fn cholesky_solve(l: &[f64], f: usize, rhs: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0; f];
    for i in 0..f {
        y[i] = (rhs[i] - (0..i).map(|k| l[i * f + k] * y[k]).sum::<f64>()) / l[i * f + i];
    }
    let mut x = vec![0.0; f];
    for i in (0..f).rev() {
        x[i] = (y[i] - (i + 1..f).map(|k| l[k * f + i] * x[k]).sum::<f64>()) / l[i * f + i];
    }
    x
}

//! Dense symmetric positive-definite algebra for the count models: X'WX is p x p with p at most a
//! few hundred (a two-way fixed-effects panel), so a Cholesky factor is cheap and exact enough.

/// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix A = L L'.
#[derive(Clone, Debug)]
pub struct Cholesky {
    p: usize,
    /// Row-major p x p; only the lower triangle is used.
    l: Vec<f64>,
}

/// A pivot smaller than this share of its diagonal means the columns are (nearly) collinear.
const SINGULAR_SHARE: f64 = 1e-11;

impl Cholesky {
    /// Factors `a` (row-major p x p, lower triangle read). `None` when `a` is not positive
    /// definite: some column is a combination of others, or has no weight at all.
    pub fn new(a: &[f64], p: usize) -> Option<Cholesky> {
        let mut l = vec![0.0; p * p];
        for j in 0..p {
            let diagonal = a[j * p + j];
            let d = diagonal - l[j * p..j * p + j].iter().map(|x| x * x).sum::<f64>();
            if !diagonal.is_finite() || !d.is_finite() || diagonal <= 0.0 || d <= SINGULAR_SHARE * diagonal {
                return None;
            }
            let root = libm::sqrt(d);
            l[j * p + j] = root;
            for i in j + 1..p {
                let dot: f64 = l[i * p..i * p + j].iter().zip(&l[j * p..j * p + j]).map(|(x, y)| x * y).sum();
                l[i * p + j] = (a[i * p + j] - dot) / root;
            }
        }
        Some(Cholesky { p, l })
    }

    /// Solves A x = b.
    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut x = b.to_vec();
        for i in 0..p {
            let dot: f64 = self.l[i * p..i * p + i].iter().zip(&x[..i]).map(|(l, x)| l * x).sum();
            x[i] = (x[i] - dot) / self.l[i * p + i];
        }
        for i in (0..p).rev() {
            let dot: f64 = (i + 1..p).map(|k| self.l[k * p + i] * x[k]).sum();
            x[i] = (x[i] - dot) / self.l[i * p + i];
        }
        x
    }

    /// A^-1, row-major p x p.
    pub fn inverse(&self) -> Vec<f64> {
        let p = self.p;
        let mut inverse = vec![0.0; p * p];
        let mut unit = vec![0.0; p];
        for j in 0..p {
            unit[j] = 1.0;
            let column = self.solve(&unit);
            unit[j] = 0.0;
            for (i, v) in column.into_iter().enumerate() {
                inverse[i * p + j] = v;
            }
        }
        inverse
    }
}

/// The sub-matrix of a row-major p x p matrix on the given rows and columns.
pub fn submatrix(a: &[f64], p: usize, keep: &[usize]) -> Vec<f64> {
    keep.iter().flat_map(|&i| keep.iter().map(move |&j| a[i * p + j])).collect()
}

/// The Wald statistic b' V^-1 b; `None` when V is singular (e.g. more coefficients than clusters).
pub fn wald(b: &[f64], v: &[f64]) -> Option<f64> {
    let solved = Cholesky::new(v, b.len())?.solve(b);
    Some(b.iter().zip(&solved).map(|(x, y)| x * y).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts_a_small_matrix() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let c = Cholesky::new(&a, 2).unwrap();
        let x = c.solve(&[2.0, 1.0]);
        assert!((4.0 * x[0] + 2.0 * x[1] - 2.0).abs() < 1e-12 && (2.0 * x[0] + 3.0 * x[1] - 1.0).abs() < 1e-12);
        let inv = c.inverse();
        assert!((inv[0] - 0.375).abs() < 1e-12 && (inv[1] + 0.25).abs() < 1e-12 && (inv[3] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn refuses_collinear_columns() {
        assert!(Cholesky::new(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
        assert!(Cholesky::new(&[0.0, 0.0, 0.0, 1.0], 2).is_none());
    }
}

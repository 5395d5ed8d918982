"""Reference values for the synthetic control weights and the power calculations.

Rerun from the repository root (writes tests/reference/synth.json and nothing else):

    python3 -m venv /tmp/venv-synth && /tmp/venv-synth/bin/pip install statsmodels pysyncon
    /tmp/venv-synth/bin/python tests/reference/make_synth.py

The native test tests/synth_reference.rs reads the JSON, so CI needs no Python.

Synthetic control. Each panel is generated with a seeded numpy generator: 20 donors x 48 months
from a two-factor model (level x (1 + loadings . factors) + noise); the treated series is a convex
combination of a few donors plus noise; the start is month 36. The weight problem is the plain
constrained least squares on the pre-period outcomes: minimise sum_t (y_t - sum_j w_j x_jt)^2
over w >= 0, sum w = 1.
- pysyncon 1.7 `Synth().fit(X0, X1, Z0, Z1, custom_V=v)` with the 36 pre-period months as the
  only predictors. pysyncon divides each predictor row by its standard deviation across units
  (pandas std, ddof=1) before weighting it by V, so V = that standard deviation squared gives
  back the unweighted problem exactly. Its inner solver is scipy SLSQP with the default
  tolerance (ftol 1e-6, 1000 iterations), hence only close to the optimum: "pysyncon_weights".
  On some panels it stops well short of it ("pysyncon_converged": false when its pre-period
  RMSPE exceeds the optimum's by more than 1e-6 relative; the engine's must then be lower).
- The optimum itself ("weights"): scipy SLSQP with ftol 1e-15 from pysyncon's answer, then
  polished: the support (weights above 1e-6) is kept and the equality-constrained least
  squares solved on it exactly (its KKT system with numpy; a weight that turns negative leaves
  the support), and the KKT conditions are checked
  (all weights >= 0, every reduced gradient off the support >= 0 to 1e-9 relative).
The "scaled" panels fit every series divided by its own pre-period mean (the engine's default);
the "big city" panel is the same panel with the treated series multiplied by 12.

Power. "before_after": seeded negative binomial monthly counts (the pre-period); mean, variance
(ddof 1) and dispersion max(variance / mean, 1). For each post length n1 the minimum detectable
rate ratio is the root in `rate1 / rate2` of statsmodels'
`power_poisson_ratio_2indep(rate1=mean*rr, rate2=mean, nobs1=n1, nobs_ratio=n0/n1, exposure=1,
value=1, alpha=0.05, dispersion=phi, alternative="two-sided", method_var="alt",
return_results=False) = 0.8` (brentq, xtol 1e-14; the decrease is the first root below 1).
"log_rank": Schoenfeld's events formula is a two-sample z-test on log HR with variance
1 / (D p (1 - p)), which is statsmodels' `NormalIndPower().solve_power(effect_size=log HR,
nobs1=D p, ratio=(1 - p) / p, alpha=0.05, power=0.8, alternative="two-sided")`: solved for the
effect size (the MDE, HR = exp(-effect)) and for nobs1 (events needed D = nobs1 / p).
"""

import json
import math
import pathlib
import platform

import numpy as np
import pandas as pd
import pysyncon
import scipy
import statsmodels
from pysyncon import Synth
from scipy.optimize import LinearConstraint, Bounds, brentq, minimize
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.rates import power_poisson_ratio_2indep

OUT = pathlib.Path(__file__).with_name("synth.json")
START, MONTHS, DONORS = 36, 48, 20


def panel(seed, true_weights):
    rng = np.random.default_rng(seed)
    t = np.arange(MONTHS)
    factors = np.vstack([np.sin(2 * np.pi * t / 12), t / MONTHS - 0.5])
    levels = rng.uniform(20, 200, DONORS)
    loadings = rng.normal(0, 0.3, (DONORS, 2))
    donors = levels[:, None] * (1 + loadings @ factors) + rng.normal(0, 3, (DONORS, MONTHS))
    treated = sum(w * donors[j] for j, w in true_weights.items()) + rng.normal(0, 2, MONTHS)
    return treated, donors


def pysyncon_weights(treated, donors):
    months = [f"m{t}" for t in range(START)]
    names = [f"donor{j}" for j in range(DONORS)]
    x0 = pd.DataFrame(donors[:, :START].T, index=months, columns=names)
    x1 = pd.Series(treated[:START], index=months, name="treated")
    both = pd.concat([x0, x1], axis=1)
    v = (both.std(axis=1) ** 2).to_numpy()
    synth = Synth()
    synth.fit(X0=x0, X1=x1, Z0=x0, Z1=x1, custom_V=v)
    return np.asarray(synth.W)


def exact_optimum(y, x, start_w):
    """min ||y - x w||^2 on the simplex: tight SLSQP, then the KKT system on its support."""
    g, c = x.T @ x, x.T @ y
    k = len(c)
    res = minimize(
        lambda w: 0.5 * w @ g @ w - c @ w,
        start_w,
        jac=lambda w: g @ w - c,
        bounds=Bounds(np.zeros(k), np.ones(k)),
        constraints=[LinearConstraint(np.ones(k), 1, 1)],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 10000},
    )
    support = list(np.flatnonzero(res.x > 1e-6))
    while True:
        s = len(support)
        kkt = np.zeros((s + 1, s + 1))
        kkt[:s, :s] = g[np.ix_(support, support)]
        kkt[:s, s] = kkt[s, :s] = 1
        solution = np.linalg.solve(kkt, np.append(c[support], 1))[:s]
        if (solution >= 0).all():
            break
        support.pop(int(np.argmin(solution)))  # a weight SLSQP left just above 0 belongs at 0
    w = np.zeros(k)
    w[support] = solution
    gradient = g @ w - c
    reduced = gradient - gradient[support].mean()
    assert (w >= 0).all(), "a polished weight is negative"
    assert (reduced >= -1e-9 * np.abs(g).max()).all(), "KKT conditions fail off the support"
    return w


def rmspe(y, x, w):
    return float(np.sqrt(np.mean((y - x @ w) ** 2)))


def synth_case(name, seed, true_weights, treated_factor=1.0):
    treated, donors = panel(seed, true_weights)
    treated = treated * treated_factor
    y, x = treated[:START], donors[:, :START].T
    raw_py = pysyncon_weights(treated, donors)
    raw = exact_optimum(y, x, raw_py)
    scale_y, scale_x = y.mean(), x.mean(axis=0)
    scaled = exact_optimum(y / scale_y, x / scale_x, np.full(DONORS, 1 / DONORS))
    return {
        "name": name,
        "start": START,
        "treated": treated.tolist(),
        "donors": donors.tolist(),
        "true_weights": {str(j): w for j, w in true_weights.items()},
        "raw": {
            "pysyncon_weights": raw_py.tolist(),
            "pysyncon_pre_rmspe": rmspe(y, x, raw_py),
            "pysyncon_converged": rmspe(y, x, raw_py) <= rmspe(y, x, raw) * (1 + 1e-6),
            "weights": raw.tolist(),
            "pre_rmspe": rmspe(y, x, raw),
        },
        "scaled": {"weights": scaled.tolist(), "pre_rmspe_index": rmspe(y / scale_y, x / scale_x, scaled)},
    }


def before_after_case(seed, mean, size, n0):
    rng = np.random.default_rng(seed)
    counts = rng.negative_binomial(size, size / (size + mean), n0).astype(float)
    m, var = counts.mean(), counts.var(ddof=1)
    phi = max(var / m, 1.0)

    def power(rr, n1):
        return power_poisson_ratio_2indep(
            rate1=m * rr, rate2=m, nobs1=n1, nobs_ratio=n0 / n1, exposure=1, value=1, alpha=0.05,
            dispersion=phi, alternative="two-sided", method_var="alt", return_results=False,
        )

    table = []
    for n1 in (6, 12, 18, 24, 36):
        gap = lambda log_rr: float(power(math.exp(log_rr), n1)) - 0.8
        increase = math.exp(brentq(gap, 1e-9, 20, xtol=1e-14))
        grid = [-k * 0.005 for k in range(1, 2001)]
        first = next((x for x in grid if gap(x) >= 0), None)
        decrease = None if first is None else math.exp(brentq(gap, first, first + 0.005, xtol=1e-14))
        table.append({"post_months": n1, "decrease": decrease, "increase": increase})
    return {"counts": counts.tolist(), "mean": m, "dispersion": phi, "mde": table}


def log_rank_case(events, share, hazard_ratio):
    solver = NormalIndPower()
    ratio = (1 - share) / share
    effect = solver.solve_power(effect_size=None, nobs1=events * share, alpha=0.05, power=0.8, ratio=ratio, alternative="two-sided")
    nobs1 = solver.solve_power(effect_size=abs(math.log(hazard_ratio)), nobs1=None, alpha=0.05, power=0.8, ratio=ratio, alternative="two-sided")
    return {
        "events": events,
        "share": share,
        "mde_decrease": math.exp(-effect),
        "mde_increase": math.exp(effect),
        "hazard_ratio": hazard_ratio,
        "events_needed": nobs1 / share,
    }


def main():
    synth = [
        synth_case("three donors", 16, {0: 0.5, 3: 0.3, 7: 0.2}),
        synth_case("two donors", 2012, {4: 0.6, 11: 0.4}),
        synth_case("five donors", 7, {1: 0.3, 2: 0.25, 9: 0.2, 14: 0.15, 19: 0.1}),
        synth_case("big city", 16, {0: 0.5, 3: 0.3, 7: 0.2}, treated_factor=12.0),
    ]
    before_after = [before_after_case(31, 40.0, 8.0, 36), before_after_case(32, 12.0, 50.0, 24), before_after_case(33, 150.0, 5.0, 48)]
    log_rank = [log_rank_case(120, 0.5, 0.7), log_rank_case(60, 0.3, 0.6), log_rank_case(400, 0.2, 0.8)]
    versions = f"pysyncon {pysyncon.__version__ if hasattr(pysyncon, '__version__') else '1.7'}, statsmodels {statsmodels.__version__}, numpy {np.__version__}, scipy {scipy.__version__}"
    reference = {
        "generated_by": f"tests/reference/make_synth.py with Python {platform.python_version()}, {versions}",
        "synth": synth,
        "before_after": before_after,
        "log_rank": log_rank,
    }
    OUT.write_text(json.dumps(reference, allow_nan=False, indent=1) + "\n")
    print(f"wrote {OUT} ({len(synth)} panels, {len(before_after)} count series, {len(log_rank)} log-rank cases)")


if __name__ == "__main__":
    main()

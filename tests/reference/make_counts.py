"""Reference values for the count models, Newey-West errors and difference-in-differences,
computed with statsmodels.

Rerun from the repository root (writes tests/reference/counts.json and nothing else):

    python3 -m venv /tmp/venv-counts && /tmp/venv-counts/bin/pip install statsmodels
    /tmp/venv-counts/bin/python tests/reference/make_counts.py

The data sets are drawn here from seeded numpy generators and stored in the JSON with the
results, so the native test tests/counts_reference.rs needs no Python:

- its_poisson: 72 months from April 2019, start at month 36, Poisson counts with a level drop,
  a slope change, month-of-year terms and the offset ln(days in month);
- its_overdispersed: 60 months, start at month 30, negative binomial counts (alpha 0.15);
- ols_ar1: 72 months of a segmented regression with AR(1) errors (rho 0.6), with and without
  month-of-year terms, for the Newey-West errors;
- panel_one_treated: 12 areas x 48 months, area 0 treated, start at month 24, with a month no
  area has any count (dropped) and a month the treated area has none (dropped from the event
  study only);
- panel_many_treated: 31 areas x 48 months, 15 treated, start at month 24, one area with no
  count at all (dropped).

Poisson and fixed-alpha GLMs are statsmodels `GLM(..., family=Poisson() or
NegativeBinomial(alpha)).fit(tol=1e-13)` (deterministic: compared to 1e-6 relative). Alpha is the
maximum-likelihood estimate of `NegativeBinomial(loglike_method="nb2").fit(method="newton")`,
an optimiser's answer (when Newton steps below zero the maximum is at the boundary alpha = 0,
checked here on a grid of the profile likelihood, and the negative binomial fit is the Poisson
one): the native test compares it to 1e-6 relative, a bound with room to spare (the engine
maximises the same likelihood by another route and stopping rule; alpha agrees to about 1e-9),
and the NB coefficients and errors are those of the fixed-alpha GLM at that alpha, also compared
to 1e-6 (they inherit alpha's difference: about 1e-8). Quasi-Poisson errors are
`fit(scale="X2")`, cluster-robust ones
`fit(cov_type="cluster", cov_kwds={"groups": area})` (small-sample factor G/(G-1) (n-1)/(n-p)),
Newey-West ones `OLS.fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": True})` with
L = floor(4 (n/100)^(2/9)). The pre-trend test is `wald_test(R, use_f=False, scalar=True)`.
"""

import calendar
import json
import math
import pathlib
import platform

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

OUT = pathlib.Path(__file__).with_name("counts.json")
TOL = 1e-13


def its_design(months, start, seasonal, first_month0):
    rows = []
    for t in range(months):
        post = 1.0 if t >= start else 0.0
        row = [1.0, t, post, (t - start) * post]
        if seasonal:
            month = (first_month0 + t) % 12
            row += [1.0 if month == m else 0.0 for m in range(1, 12)]
        rows.append(row)
    return np.array(rows)


def days_in_months(year, month0, months):
    out = []
    for t in range(months):
        y, m = year + (month0 + t) // 12, (month0 + t) % 12 + 1
        out.append(float(calendar.monthrange(y, m)[1]))
    return np.array(out)


def glm_fields(res):
    return {
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "conf_int": res.conf_int().tolist(),
        "deviance": res.deviance,
        "pearson_chi2": res.pearson_chi2,
        "llf": res.llf,
        "df_resid": res.df_resid,
        "fitted": res.fittedvalues.tolist(),
    }


def glm_nb(counts, x, offset, alpha):
    return sm.GLM(counts, x, family=sm.families.NegativeBinomial(alpha=alpha), offset=offset).fit(tol=TOL)


def count_its_case(name, counts, days, start, seasonal, first_month0):
    x = its_design(len(counts), start, seasonal, first_month0)
    offset = np.log(days)
    poisson = sm.GLM(counts, x, family=sm.families.Poisson(), offset=offset).fit(tol=TOL)
    nb_ml = sm.NegativeBinomial(counts, x, offset=offset, loglike_method="nb2")
    nb_ml = nb_ml.fit(start_params=np.append(poisson.params, 0.1), method="newton", maxiter=200, tol=1e-12, disp=0)
    alpha = float(nb_ml.params[-1])
    boundary = not (nb_ml.mle_retvals["converged"] and alpha > 1e-8 and np.isfinite(nb_ml.llf))
    if boundary:
        # The likelihood is highest at alpha = 0 (Newton steps below zero): the profile
        # likelihood must fall from the Poisson one for every alpha > 0.
        profile = [glm_nb(counts, x, offset, a).llf for a in (1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1.0)]
        assert max(profile) < poisson.llf, "alpha at the boundary, yet a positive alpha fits better"
        alpha = 0.0
        nb = poisson
    else:
        nb = glm_nb(counts, x, offset, alpha)
    lr = max(2 * (nb.llf - poisson.llf), 0.0)
    counterfactual = np.exp(x[:, [0, 1] + list(range(4, x.shape[1]))] @ np.delete(nb.params, [2, 3]) + offset)
    return {
        "name": name,
        "counts": counts.tolist(),
        "days": days.tolist(),
        "start": start,
        "seasonal": seasonal,
        "first_month0": first_month0,
        "poisson": glm_fields(poisson),
        "nb_alpha": alpha,
        "nb_boundary": boundary,
        "nb": glm_fields(nb),
        "nb_counterfactual": counterfactual.tolist(),
        "lr_statistic": lr,
        "lr_p_value": 0.5 * stats.chi2.sf(lr, 1) if lr > 0 else 1.0,
    }


def its_cases():
    rng = np.random.default_rng(2012)
    months, start = 72, 36
    days = days_in_months(2019, 3, months)
    x = its_design(months, start, True, 3)
    season = 0.1 * np.sin(2 * np.pi * ((3 + np.arange(months)) % 12) / 12)
    eta = np.log(days) + np.log(4.0) + 0.004 * x[:, 1] - 0.25 * x[:, 2] - 0.006 * x[:, 3] + season
    poisson_counts = rng.poisson(np.exp(eta)).astype(float)
    months2, start2 = 60, 30
    days2 = days_in_months(2020, 0, months2)
    x2 = its_design(months2, start2, False, 0)
    mu2 = days2 * np.exp(np.log(2.0) + 0.003 * x2[:, 1] - 0.3 * x2[:, 2] + 0.002 * x2[:, 3])
    alpha = 0.15
    nb_counts = rng.poisson(mu2 * rng.gamma(1 / alpha, alpha, months2)).astype(float)
    return [
        count_its_case("its_poisson", poisson_counts, days, start, True, 3),
        count_its_case("its_overdispersed", nb_counts, days2, start2, False, 0),
    ]


def hac_cases():
    rng = np.random.default_rng(7)
    out = []
    for seasonal in (False, True):
        months, start = 72, 40
        x = its_design(months, start, seasonal, 3)
        e = np.zeros(months)
        for t in range(months):
            e[t] = (0.6 * e[t - 1] if t else 0.0) + rng.normal(0, 8)
        y = 200 + 0.8 * x[:, 1] - 25 * x[:, 2] - 0.5 * x[:, 3] + e
        lags = int(np.floor(4 * (months / 100.0) ** (2.0 / 9.0)))
        ols = sm.OLS(y, x).fit()
        hac = sm.OLS(y, x).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True})
        out.append({
            "name": f"ols_ar1{'_seasonal' if seasonal else ''}",
            "counts": y.tolist(),
            "start": start,
            "seasonal": seasonal,
            "first_month0": 3,
            "lags": lags,
            "params": ols.params.tolist(),
            "bse": ols.bse.tolist(),
            "hac_bse": hac.bse.tolist(),
            "hac_conf_int": hac.conf_int().tolist(),
            "hac_use_t": bool(hac.use_t),
        })
    return out


def panel_design(counts, treated, months, effect_columns, effect):
    """Intercept, area dummies (first kept area the reference), month dummies (first kept month
    the reference), then the effect columns; areas with no count at all are left out."""
    areas = [a for a in range(counts.shape[0]) if counts[a].sum() > 0]
    rows, y, groups, cells = [], [], [], []
    p = len(areas) + len(months) - 1 + effect_columns
    for ai, a in enumerate(areas):
        for mi, t in enumerate(months):
            row = np.zeros(p)
            row[0] = 1
            if ai > 0:
                row[ai] = 1
            if mi > 0:
                row[len(areas) + mi - 1] = 1
            k = effect(a, t)
            if k is not None:
                row[len(areas) + len(months) - 1 + k] = 1
            rows.append(row)
            y.append(counts[a, t])
            groups.append(ai)
            cells.append(t)
    return np.array(rows), np.array(y), np.array(groups), np.array(cells)


def fits(x, y, offset, groups):
    model = sm.GLM(y, x, family=sm.families.Poisson(), offset=offset)
    return (
        model.fit(tol=TOL),
        model.fit(tol=TOL, scale="X2"),
        model.fit(tol=TOL, cov_type="cluster", cov_kwds={"groups": groups}),
    )


def panel_case(name, counts, treated, start, days):
    n_months = counts.shape[1]
    did_months = [t for t in range(n_months) if counts[:, t].sum() > 0]
    x, y, groups, cells = panel_design(counts, treated, did_months, 1, lambda a, t: 0 if treated[a] and t >= start else None)
    model, quasi, cluster = fits(x, y, np.log(days[cells]), groups)
    tr, co = counts[treated], counts[~treated]
    es_months = [t for t in range(n_months) if tr[:, t].sum() > 0 and co[:, t].sum() > 0]
    terms = [t for t in es_months if t != start - 1]
    x2, y2, groups2, cells2 = panel_design(counts, treated, es_months, len(terms), lambda a, t: terms.index(t) if treated[a] and t in terms else None)
    es = fits(x2, y2, np.log(days[cells2]), groups2)
    base = x2.shape[1] - len(terms)
    pre = [base + k for k, t in enumerate(terms) if t < start - 1]
    r = np.zeros((len(pre), x2.shape[1]))
    for i, k in enumerate(pre):
        r[i, k] = 1

    def event(res):
        w = res.wald_test(r, use_f=False, scalar=True)
        return {
            "params": res.params[base:].tolist(),
            "bse": res.bse[base:].tolist(),
            "pretrend_chi2": float(w.statistic),
            "pretrend_p": float(w.pvalue),
        }

    return {
        "name": name,
        "counts": counts.tolist(),
        "treated": treated.tolist(),
        "start": start,
        "days": days.tolist(),
        "did_months": did_months,
        "did": {
            "param": model.params[-1],
            "bse_model": model.bse[-1],
            "bse_quasi": quasi.bse[-1],
            "bse_cluster": cluster.bse[-1],
            "df_resid": model.df_resid,
            "pearson_chi2": model.pearson_chi2,
        },
        "event_months": terms,
        "event_pretrend_df": len(pre),
        "event_quasi": event(es[1]),
        "event_cluster": event(es[2]),
    }


def panel_cases():
    rng = np.random.default_rng(16)
    days = days_in_months(2018, 0, 48)
    out = []
    for name, areas, n_treated in (("panel_one_treated", 12, 1), ("panel_many_treated", 31, 15)):
        treated = np.arange(areas) < n_treated
        size = rng.uniform(0.3, 1.5, areas)
        month_effect = rng.normal(0, 0.1, 48)
        post = np.arange(48) >= 24
        eta = np.log(size)[:, None] + month_effect[None, :] + np.log(days)[None, :] - 0.35 * np.outer(treated, post)
        gamma = rng.gamma(1 / 0.05, 0.05, (areas, 48))
        counts = rng.poisson(np.exp(eta) * gamma).astype(float)
        if name == "panel_one_treated":
            counts[:, 5] = 0
            counts[0, 10] = 0
        else:
            counts[areas - 1, :] = 0
        out.append(panel_case(name, counts, treated, 24, days))
    return out


def plain(value):
    """numpy scalars as JSON numbers."""
    return value.item()


def main():
    result = {
        "generated_by": "tests/reference/make_counts.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "count_its": its_cases(),
        "hac": hac_cases(),
        "panels": panel_cases(),
    }
    OUT.write_text(json.dumps(result, indent=1, default=plain) + "\n")


if __name__ == "__main__":
    main()

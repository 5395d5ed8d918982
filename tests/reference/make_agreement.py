"""Reference values for the training room's agreement statistics, computed with statsmodels.

Rerun from the repository root (writes tests/reference/agreement.json and nothing else):

    python3 -m venv /tmp/venv-agree && /tmp/venv-agree/bin/pip install statsmodels
    /tmp/venv-agree/bin/python tests/reference/make_agreement.py

The native test tests/agreement_reference.rs reads the JSON and compares every value to 1e-9, so
CI needs no Python. Each room is a key (one answer per case: none, D, C, B or A) and every
trainee's answers (null: skipped). For each trainee, the 5x5 table of answers (rows: chosen;
columns: key; categories none, D, C, B, A) goes to statsmodels' cohens_kappa, unweighted and with
wt="quadratic"; the accuracy interval is proportion_confint(method="wilson"). Fleiss' kappa is
fleiss_kappa(method="fleiss") over the cases every trainee answered. statsmodels has no standard
error for Fleiss' kappa: "fleiss_se" is the large-sample standard error of Fleiss, Nee & Landis
(1979), computed here with numpy from the published formula (as R's irr::kappam.fleiss does).
NaN (undefined) is written as null.
"""

import json
import math
import pathlib
import platform

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa
from statsmodels.stats.proportion import proportion_confint

CATEGORIES = ["none", "D", "C", "B", "A"]
OUT = pathlib.Path(__file__).with_name("agreement.json")


def number(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def kappa_fields(result):
    keys = ["kappa", "var_kappa", "std_kappa", "kappa_low", "kappa_upp"]
    return {k: number(result[k]) for k in keys}


def cohen_table(answers, key):
    table = np.zeros((5, 5))
    for chosen, correct in zip(answers, key):
        if chosen is not None:
            table[CATEGORIES.index(chosen), CATEGORIES.index(correct)] += 1
    return table


def fnl_se(table):
    """Fleiss, Nee & Landis (1979): the standard error of Fleiss' kappa under no agreement."""
    subjects, raters = table.shape[0], table[0].sum()
    p = table.sum(0) / (subjects * raters)
    q = 1 - p
    pq = (p * q).sum()
    var = 2 / (pq**2 * subjects * raters * (raters - 1)) * (pq**2 - (p * q * (q - p)).sum())
    return math.sqrt(var) if var >= 0 else float("nan")


def fleiss(trainees, key):
    complete = [i for i in range(len(key)) if all(t["answers"][i] is not None for t in trainees)]
    table = np.zeros((len(complete), 5))
    for row, i in enumerate(complete):
        for t in trainees:
            table[row, CATEGORIES.index(t["answers"][i])] += 1
    out = {"cases_used": len(complete), "table": table.astype(int).tolist()}
    if len(trainees) < 2 or not complete:
        return out | {"kappa": None, "se": None, "low": None, "high": None}
    with np.errstate(all="ignore"):
        kappa = fleiss_kappa(table, method="fleiss")
        se = fnl_se(table)
    z = stats.norm.isf(0.025)
    return out | {"kappa": number(kappa), "se": number(se), "low": number(kappa - z * se), "high": number(kappa + z * se)}


def trainee_results(trainees, key):
    results = []
    for t in trainees:
        table = cohen_table(t["answers"], key)
        answered, correct = int(table.sum()), int(np.trace(table))
        low, high = proportion_confint(correct, answered, alpha=0.05, method="wilson")
        with np.errstate(all="ignore"):
            simple = cohens_kappa(table)
            quadratic = cohens_kappa(table, wt="quadratic")
        results.append(
            {
                "name": t["name"],
                "table": table.astype(int).tolist(),
                "answered": answered,
                "correct": correct,
                "accuracy_low": number(low),
                "accuracy_high": number(high),
                "unweighted": kappa_fields(simple),
                "quadratic": kappa_fields(quadratic),
            }
        )
    return results


def room(name, case_ids, key, trainees):
    return {
        "name": name,
        "cases": case_ids,
        "key": key,
        "trainees": trainees,
        "cohen": trainee_results(trainees, key),
        "fleiss": fleiss(trainees, key),
    }


def seeded_room(name, seed, n_trainees, n_cases, skip=0.0, numbered=False):
    """A realistic room: skilled and less skilled trainees, near misses more likely than far ones."""
    rng = np.random.default_rng(seed)
    key = [str(c) for c in rng.choice(CATEGORIES, size=n_cases, p=[0.1, 0.35, 0.3, 0.15, 0.1])]
    trainees = []
    for t in range(n_trainees):
        skill = rng.uniform(0.45, 0.95)
        answers = []
        for correct in key:
            if rng.random() < skip:
                answers.append(None)
                continue
            at = CATEGORIES.index(correct)
            if rng.random() < skill:
                answers.append(correct)
            elif rng.random() < 0.7:
                step = rng.choice([-1, 1])
                answers.append(CATEGORIES[min(4, max(0, at + step))])
            else:
                answers.append(CATEGORIES[rng.integers(0, 5)])
        trainees.append({"name": f"Trainee {t + 1:02d}", "answers": answers})
    ids = [str(i + 1) for i in range(n_cases)] if numbered else [f"case-{i + 1:02d}" for i in range(n_cases)]
    return room(name, ids, key, trainees)


def edge_rooms():
    ids = [f"case-{i + 1:02d}" for i in range(6)]
    mixed = ["none", "D", "C", "B", "A", "C"]
    same = ["C"] * 6
    return [
        room("all agree with the key", ids, mixed, [{"name": n, "answers": list(mixed)} for n in ("Ana", "Bo", "Cy")]),
        room("one category only", ids, same, [{"name": n, "answers": list(same)} for n in ("Ana", "Bo")]),
        room(
            "key in one category, answers vary",
            ids,
            same,
            [{"name": "Ana", "answers": ["C", "C", "B", "C", "D", "C"]}, {"name": "Bo", "answers": ["C"] * 5 + ["B"]}],
        ),
        room(
            "a trainee who always says C",
            ids,
            mixed,
            [{"name": "Ana", "answers": list(same)}, {"name": "Bo", "answers": ["none", "D", "C", "A", "A", "C"]}],
        ),
        room(
            "trainees who skipped cases",
            ids,
            mixed,
            [
                {"name": "Ana", "answers": ["none", None, "C", "B", None, "C"]},
                {"name": "Bo", "answers": ["D", "D", "C", "B", "A", "B"]},
                {"name": "Cy", "answers": [None, None, None, None, "A", None]},
            ],
        ),
        room("a single trainee", ids, mixed, [{"name": "Ana", "answers": ["none", "D", "B", "B", "A", "C"]}]),
        room(
            "the room agrees on wrong answers",
            ids,
            mixed,
            [{"name": n, "answers": ["D", "C", "B", "A", "A", "D"]} for n in ("Ana", "Bo", "Cy", "Di")],
        ),
        room(
            "complete disagreement",
            ids,
            mixed,
            [{"name": "Ana", "answers": ["A", "A", "none", "none", "D", "A"]}, {"name": "Bo", "answers": ["B", "A", "D", "none", "none", "none"]}],
        ),
    ]


def main():
    rooms = [
        seeded_room("3 trainees, 10 cases", 101, 3, 10),
        seeded_room("8 trainees, 20 cases, numbered", 202, 8, 20, numbered=True),
        seeded_room("12 trainees, 24 cases, some skipped", 303, 12, 24, skip=0.06),
        seeded_room("15 trainees, 30 cases", 404, 15, 30),
        seeded_room("25 trainees, 40 cases", 505, 25, 40),
        seeded_room("25 trainees, 40 cases, some skipped", 606, 25, 40, skip=0.03),
    ] + edge_rooms()
    versions = f"statsmodels {statsmodels.__version__}, numpy {np.__version__}, scipy {scipy.__version__}"
    reference = {
        "generated_by": f"tests/reference/make_agreement.py with Python {platform.python_version()}, {versions}",
        "categories": CATEGORIES,
        "rooms": rooms,
    }
    OUT.write_text(json.dumps(reference, allow_nan=False, indent=1) + "\n")
    print(f"wrote {OUT} ({len(rooms)} rooms)")


if __name__ == "__main__":
    main()

"""Generate data/pass_the_class.csv, the toy "Will I pass this class?" dataset.

Each row is a made-up student: lectures attended (0-12), hours spent on the final project (0-12)
and whether they passed. The chance of passing grows with both, through a logistic curve, so
the classes overlap a little near the boundary, as real grades would.

Run from the repository root:  python data/generate_pass_the_class.py
"""
import csv
import pathlib

import numpy as np

SEED = 2024
N_STUDENTS = 200
OUTPUT = pathlib.Path(__file__).with_name("pass_the_class.csv")


def generate(n=N_STUDENTS, seed=SEED):
    """Return (lectures, hours, passed) as three arrays of length n."""
    rng = np.random.default_rng(seed)
    lectures = rng.integers(0, 13, size=n)
    hours = np.round(rng.uniform(0, 12, size=n), 1)
    # Both matter about equally; a student needs roughly 11 "points" for even odds.
    logit = 1.1 * (0.5 * lectures + 0.5 * hours - 5.5)
    passed = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    return lectures, hours, passed


def main():
    lectures, hours, passed = generate()
    with OUTPUT.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["lectures_attended", "project_hours", "passed"])
        writer.writerows(zip(lectures.tolist(), hours.tolist(), passed.tolist()))
    print(f"wrote {len(passed)} students ({passed.mean():.0%} passed) to {OUTPUT.name}")


if __name__ == "__main__":
    main()

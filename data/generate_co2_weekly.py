"""Generate data/co2_weekly.csv: weekly mean atmospheric CO2 at Mauna Loa, 1958-2001.

The series is the one statsmodels ships as ``statsmodels.datasets.co2`` (marked public domain:
NOAA / Scripps measurements, Keeling and Whorf 2004, via CDIAC). Weeks without a measurement are
kept as empty cells, so the file is the source, unchanged; ``utils.data.load_co2()`` fills them.

statsmodels is needed only to regenerate the file, not by the course. Run from the repository
root, in an environment that has it (for example a throw-away venv):
    python -m venv /tmp/datavenv && /tmp/datavenv/bin/pip install statsmodels
    /tmp/datavenv/bin/python data/generate_co2_weekly.py
"""
import csv
import pathlib

OUTPUT = pathlib.Path(__file__).with_name("co2_weekly.csv")


def generate():
    """Return the rows (ISO date, ppm or "" for a missing week), oldest first."""
    from statsmodels.datasets import co2

    frame = co2.load_pandas().data  # one row per week (Saturdays), column "co2", NaN = missing
    rows = []
    for day, value in zip(frame.index, frame["co2"]):
        rows.append((day.strftime("%Y-%m-%d"), "" if value != value else f"{value:.1f}"))
    return rows


def main():
    rows = generate()
    with OUTPUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "co2_ppm"])
        writer.writerows(rows)
    missing = sum(value == "" for _, value in rows)
    print(f"wrote {len(rows)} weeks ({missing} without a measurement) to {OUTPUT.name}")


if __name__ == "__main__":
    main()

"""Generate data/first_names.csv: the first names of the 1990 US Census, lower case.

The lists are the ones the PyPI package ``names`` (version 0.3.0) ships as ``dist.female.first``
(4,275 names) and ``dist.male.first`` (1,219 names); its README states that these files are public
domain, derived from 1990 Census data (the package's code is MIT-licensed; only the data is
copied here). Each row keeps the list a name comes from and its rank in that list (1 = most
common), so a name on both lists appears twice.

The package is needed only to regenerate the file, not by the course. Run from the repository
root, in an environment that has it (for example a throw-away venv):
    python -m venv /tmp/datavenv && /tmp/datavenv/bin/pip install names==0.3.0
    /tmp/datavenv/bin/python data/generate_first_names.py
"""
import csv
import pathlib

OUTPUT = pathlib.Path(__file__).with_name("first_names.csv")
LISTS = {"female": "first:female", "male": "first:male"}


def generate():
    """Return the rows (name, sex, rank): female list first, then male, each by rank."""
    import names

    rows = []
    for sex, key in LISTS.items():
        with open(names.FILES[key], encoding="ascii") as handle:
            for rank, line in enumerate(handle, start=1):
                name = line.split()[0].lower()  # a line: NAME  percent  cumulative  rank
                rows.append((name, sex, rank))
    return rows


def main():
    rows = generate()
    with OUTPUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "sex", "rank"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} names ({len({row[0] for row in rows})} distinct) to {OUTPUT.name}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Derives the compact ATOP and MID tables shipped in data/alliances from the
peacesciencer exports in /work/shared/data/alliances (see README.md).

  atop5_1_spells.csv  undirected alliance spells: a provision held in either
                      direction of the directed dyad-year counts for the pair;
                      consecutive years with the same provisions form a spell.
  cow_mid5_ddy_compact.csv  CoW MID 5 dyad-years, the columns entente reads.

Usage: derive.py SHARED_ALLIANCES_DIR OUT_DIR
"""
import csv
import sys

src, out = sys.argv[1], sys.argv[2]
prov = ["defense", "offense", "neutral", "nonagg", "consul"]
years = {}
with open(f"{src}/atop5_1_ddy.csv", newline="") as f:
    for r in csv.DictReader(f):
        a, b, y = int(r["ccode1"]), int(r["ccode2"]), int(r["year"])
        bits = tuple(int(r["atop_" + p]) for p in prov)
        if not any(bits):
            continue
        key = (min(a, b), max(a, b))
        old = years.setdefault(key, {}).get(y, (0,) * 5)
        years[key][y] = tuple(x | z for x, z in zip(old, bits))
with open(f"{out}/atop5_1_spells.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["ccode1", "ccode2", "first_year", "last_year"] + prov)
    for key in sorted(years):
        spell = None
        for y in sorted(years[key]):
            bits = years[key][y]
            if spell and y == spell[1] + 1 and bits == spell[2]:
                spell[1] = y
                continue
            if spell:
                w.writerow([*key, spell[0], spell[1], *spell[2]])
            spell = [y, y, bits]
        if spell:
            w.writerow([*key, spell[0], spell[1], *spell[2]])
with open(f"{src}/cow_mid5_ddy.csv", newline="") as f, \
        open(f"{out}/cow_mid5_ddy_compact.csv", "w", newline="") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["dispnum", "ccode1", "ccode2", "year", "hostlev", "fatality"])
    for r in csv.DictReader(f):
        w.writerow([r["dispnum"], r["ccode1"], r["ccode2"], r["year"], r["hostlev"], r["fatality"]])

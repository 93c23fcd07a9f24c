#!/usr/bin/env python3
"""Generates the synthetic event corpus used by src/analysis/trend_test.cc and
blocs_time_test.cc: events.jsonl (one event per line, the JSONL fields entente
reads) and truth.json (the planted answers).

Planted structure, years 2010-2019 (ten calendar-year windows):
  * two blocs: A = USA KOR JPN GBR AUS NATO, B = CHN PRK RUS IRN SYR.  Every
    pair gets 3-10 events a year; within a bloc an event is cooperation with
    probability 0.85, between blocs 0.15 (15 % noise either way);
  * trend dyads (35-45 events a year, quad-class probabilities):
      CHN-PRK  cooperation 0.35 -> 0.90 (rising)
      USA-KOR  cooperation 0.55 -> 0.95 (rising)
      USA-CHN  cooperation 0.45 -> 0.10 (falling)
      USA-JPN  cooperation 0.80 flat (control)
  * articles hold 1-4 events of one dyad and one date;
  * a few bad records: one malformed JSON line, two bad dates, three events
    inside one country, two events without a target.
Deterministic: random.Random(20240101).  Run: python3 make_corpus.py
"""
import json
import random

rng = random.Random(20240101)
A = ["USA", "KOR", "JPN", "GBR", "AUS", "NATO"]
B = ["CHN", "PRK", "RUS", "IRN", "SYR"]
YEARS = list(range(2010, 2020))
TRENDS = {
    ("CHN", "PRK"): (0.35, 0.90),
    ("USA", "KOR"): (0.55, 0.95),
    ("USA", "CHN"): (0.45, 0.10),
    ("USA", "JPN"): (0.80, 0.80),
}
COOP = [("042", 1, 1.9), ("057", 1, 8.0), ("036", 1, 4.0), ("061", 2, 6.4), ("071", 2, 7.4)]
CONF = [("112", 3, -2.0), ("130", 3, -4.4), ("138", 4, -7.0), ("172", 4, -5.0), ("190", 4, -10.0)]
TYPES = ["GOV", "GOV", "MIL", ""]

def actor(name):
    if name == "NATO":
        return "IGOWSTNAT", {"country": "", "known_group": "NAT", "ethnic": "", "religion1": "",
                             "religion2": "", "types": ["IGO"], "other": "WST", "unknown": False}
    t = rng.choice(TYPES)
    return name + t, {"country": name, "known_group": "", "ethnic": "", "religion1": "",
                      "religion2": "", "types": [t] if t else [], "other": "", "unknown": False}

lines = []
doc = 0

def emit_article(a, b, year, p_coop, n):
    global doc
    doc += 1
    date = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
    for i in range(n):
        src, tgt = (a, b) if rng.random() < 0.5 else (b, a)
        code, quad, g = rng.choice(COOP if rng.random() < p_coop else CONF)
        sa, sp = actor(src)
        ta, tp = actor(tgt)
        ev = {"doc_id": "syn%05d" % doc, "date": date, "sentence_index": i, "event_index": 0,
              "source_actor": sa, "target_actor": ta, "code": code, "quad_class": quad,
              "goldstein": g}
        if rng.random() < 0.15:  # some events carry enriched actor parts
            ev["source_parts"] = sp
            ev["target_parts"] = tp
        lines.append(json.dumps(ev, separators=(",", ":")))

def emit_dyad_year(a, b, year, p_coop, total):
    while total > 0:
        n = min(total, rng.randint(1, 4))
        emit_article(a, b, year, p_coop, n)
        total -= n

actors = A + B
for yi, year in enumerate(YEARS):
    for i in range(len(actors)):
        for j in range(i + 1, len(actors)):
            a, b = actors[i], actors[j]
            key = (a, b) if (a, b) in TRENDS else ((b, a) if (b, a) in TRENDS else None)
            if key:
                lo, hi = TRENDS[key]
                p = lo + (hi - lo) * yi / (len(YEARS) - 1)
                emit_dyad_year(key[0], key[1], year, p, rng.randint(35, 45))
            else:
                same = (a in A) == (b in A)
                emit_dyad_year(a, b, year, 0.85 if same else 0.15, rng.randint(3, 10))

# Bad records.
lines.append('{"doc_id":"bad1","date":"2012-01-01","source_actor":"USAGOV"')
lines.append(json.dumps({"doc_id": "bad2", "date": "2012-13-01", "source_actor": "USA",
                         "target_actor": "CHN", "code": "042", "quad_class": 1, "goldstein": 1.9}))
lines.append(json.dumps({"doc_id": "bad3", "date": "", "source_actor": "USA",
                         "target_actor": "CHN", "code": "042", "quad_class": 1, "goldstein": 1.9}))
for k in range(3):
    lines.append(json.dumps({"doc_id": "dom%d" % k, "date": "2015-06-01", "source_actor": "CHNGOV",
                             "target_actor": "CHNMIL", "code": "042", "quad_class": 1, "goldstein": 1.9}))
for k in range(2):
    lines.append(json.dumps({"doc_id": "nt%d" % k, "date": "2015-06-01", "source_actor": "RUSGOV",
                             "target_actor": "", "code": "042", "quad_class": 1, "goldstein": 1.9}))

with open("events.jsonl", "w") as f:
    f.write("\n".join(lines) + "\n")
truth = {
    "years": [YEARS[0], YEARS[-1]],
    "blocs": {"A": A, "B": B},
    "within_bloc_cooperation": 0.85, "between_bloc_cooperation": 0.15,
    "trends": {"-".join(k): {"cooperation_from": v[0], "cooperation_to": v[1],
                             "share_slope_per_year": round(2 * (v[1] - v[0]) / (len(YEARS) - 1), 4)}
               for k, v in TRENDS.items()},
    "bad_records": {"malformed_json": 1, "bad_date": 2, "self_dyad": 3, "no_target": 2},
}
with open("truth.json", "w") as f:
    json.dump(truth, f, indent=1)
    f.write("\n")
print(len(lines), "lines,", doc, "articles")

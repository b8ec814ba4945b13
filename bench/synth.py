"""Synthetic news reports for scale tests: our own generator, nothing taken from real reports.

A news archive is mostly about other things; a minority of reports tell of an arrest, a
sentence, a prisoner's health, a petition or a hunger strike. Names are invented from
syllable tables, places and outlets are picked from short lists, and every report is
different (its own names, dates and numbers), so no two share a sha256.

    python bench/synth.py OUT_DIR [--n 10000] [--share 0.2] [--short] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

GIVEN = (["Ai", "Bek", "Da", "Er", "Fa", "Gul", "Is", "Ka", "Mu", "Nur", "Ru", "Sa", "Ta", "Zha"],
         ["gul", "nar", "mir", "lan", "ra", "dil", "zat", "ya", "khan", "bek", "slan", "ida"])
FAMILY = (["Ba", "Ker", "Mam", "Nas", "Or", "Sul", "Tash", "Us", "Yus", "Zhu", "Ab", "Kal"],
          ["ay", "im", "ur", "ta", "ra", "ib", "an", "ol", "um", "ed", "ir", "as"],
          ["ov", "ev", "ova", "eva", "uly", "kyzy", "zade"])
CITIES = ["Almaty", "Atyrau", "Shymkent", "Tashkent", "Bishkek", "Osh", "Dushanbe", "Ashgabat",
          "Petropavl", "Karaganda", "Nukus", "Khujand"]
OUTLETS = ["Steppe Courier", "Caspian Daily", "Valley Post", "Northern Herald", "Silk Road Wire"]
ROLES = ["activist", "journalist", "blogger", "lawyer", "trade unionist", "human rights defender"]
CHARGES = ["extremism", "fraud", "inciting hatred", "smuggling", "organising mass unrest",
           "spreading false information"]
ILLNESSES = ["tuberculosis", "diabetes", "a heart condition", "hepatitis", "pneumonia"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# Topics of the reports without any detention: what fills a news archive.
OTHER = {
    "economy": ["The central bank of {country} kept its base rate at {n}.{d} percent on {date}, citing "
                "slower inflation in food prices.",
                "Exporters in {city} said the new rail link had cut delivery times to the coast by "
                "{n} days, and freight volumes grew by {pct} percent in the first quarter.",
                "Analysts at the {outlet} expect wheat prices to stay high until the autumn harvest.",
                "The ministry plans to publish a revised budget for the region in {month}."],
    "weather": ["Heavy snow closed the mountain pass near {city} for {n} days this week.",
                "Forecasters warned of temperatures above 3{d} degrees across the south of {country}.",
                "Farmers around {city} reported that the spring floods had damaged irrigation canals.",
                "Schools in {city} will reopen on {date} once the roads are cleared."],
    "culture": ["A festival of folk music opened in {city} on {date} with performers from {n} countries.",
                "The {city} theatre is staging a new production of a classic comedy this season.",
                "Organisers said more than {n} thousand visitors came to the book fair.",
                "A restored caravanserai near {city} will open to tourists in {month}."],
    "sport": ["The national football team beat its neighbours {n}-{d} in a friendly match in {city}.",
              "A {age}-year-old wrestler from {city} won gold at the Asian championships.",
              "The marathon on {date} drew runners from across {country}.",
              "The club's coach said the squad would train in {city} before the new season."],
    "infrastructure": ["Construction of a new bridge over the river in {city} is {pct} percent complete.",
                       "The city council of {city} approved a plan for {n} new bus routes.",
                       "Engineers began replacing water pipes in the old districts on {date}.",
                       "Officials said the airport in {city} would handle {n} million passengers a year."],
}
COUNTRIES = ["Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan"]

# Paragraphs of reports about a detained person; {name} the full name, {surname} alone,
# {he} / {his} / {His} the pronouns.
DETENTION = {
    "arrest": ["{Role} {name} was detained in {city} on {date}, {his} colleagues said.",
               "Police searched {surname}'s flat and took away computers and notebooks.",
               "{surname} has been charged with {charge} and faces up to {n} years in prison.",
               "{His} lawyer said {surname} was held in pretrial detention in {city}."],
    "sentence": ["A court in {city} sentenced {role} {name} to {n} years in prison on {date}.",
                 "{surname}, {age}, was convicted of {charge}, a charge {he} denies.",
                 "{His} supporters said the trial was closed to journalists and relatives.",
                 "{surname} will serve the term in a penal colony, the court ruled."],
    "health": ["The health of imprisoned {role} {name} has worsened, {his} family said on {date}.",
               "{surname}, {age}, suffers from {illness} and has not received treatment in the colony.",
               "Relatives who visited in {month} said {he} had lost {n} kilograms.",
               "{surname} is serving a {n}-year sentence for {charge}."],
    "petition": ["In {month}, the family of {name} petitioned the Prosecutor General for {his} release.",
                 "The petition cited {his} {illness} and asked for release on health grounds.",
                 "On {date}, the prosecutor's office rejected the petition without explanation.",
                 "{surname} was sentenced to {n} years in prison for {charge}."],
    "hunger_strike": ["Jailed {role} {name} went on a hunger strike on {date}, {his} lawyer said.",
                      "{surname} is protesting against being held in solitary confinement in {city}.",
                      "{His} lawyer said {surname} had been denied visits for {n} months.",
                      "{surname}, {age}, was arrested in {month} and is awaiting trial."],
}


def _name(rng: random.Random) -> tuple[str, str, bool]:
    given = rng.choice(GIVEN[0]) + rng.choice(GIVEN[1])
    family = rng.choice(FAMILY[0]) + rng.choice(FAMILY[1]) + rng.choice(FAMILY[2])
    return f"{given} {family}", family, family.endswith(("a", "kyzy"))


def _fill(template: str, rng: random.Random, values: dict[str, str]) -> str:
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
    return template.format(city=rng.choice(CITIES), country=rng.choice(COUNTRIES), outlet=rng.choice(OUTLETS),
                           n=rng.randint(2, 15), d=rng.randint(1, 9), pct=rng.randint(5, 95), date=day, month=rng.choice(MONTHS),
                           charge=rng.choice(CHARGES), illness=rng.choice(ILLNESSES),
                           age=rng.randint(24, 70), **values)


def report(i: int, rng: random.Random, *, detention: bool, short: bool = False) -> str:
    """One report with its header block; `short` keeps it to two sentences (tests)."""
    published = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if detention:
        kind = rng.choice(list(DETENTION))
        name, surname, female = _name(rng)
        role = rng.choice(ROLES)
        his = "her" if female else "his"
        values = {"name": name, "surname": surname, "role": role, "Role": role.capitalize(),
                  "he": "she" if female else "he", "his": his, "His": his.capitalize()}
        paragraphs = DETENTION[kind]
        title = f"{role.capitalize()} {name}: {kind.replace('_', ' ')}"
    else:
        kind = rng.choice(list(OTHER))
        values = {}
        paragraphs = OTHER[kind]
        title = f"{kind.capitalize()} news from {rng.choice(CITIES)}"
    sentences = [_fill(p, rng, values) for p in paragraphs]
    if short:
        body = " ".join(sentences[:2])
    else:
        # Realistic length: the report's own paragraphs, then background from other topics.
        filler = [_fill(p, rng, {}) for topic in rng.sample(list(OTHER.values()), 2) for p in topic]
        body = "\n\n".join([" ".join(sentences), " ".join(filler[:4]), " ".join(sentences[1:] + filler[4:6]),
                              " ".join(filler[6:])])
    body += f" (Report {i}.)"
    return (f"TITLE: {title}\nOUTLET: {rng.choice(OUTLETS)}\nPUBLISHED: {published}\nLANG: en\n\n{body}\n")


def generate(folder: Path, n: int, *, share: float = 0.2, short: bool = False, seed: int = 1) -> list[Path]:
    """Write n reports into folder, a `share` of them about a detention; their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"report-{i:06d}.txt"
        path.write_text(report(i, rng, detention=rng.random() < share, short=short), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--share", type=float, default=0.2, help="share of reports about a detention")
    parser.add_argument("--short", action="store_true", help="two-sentence reports")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.n, share=args.share, short=args.short, seed=args.seed)
    print(f"{args.n} reports in {args.out}")


if __name__ == "__main__":
    main()

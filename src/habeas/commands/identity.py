"""Who is who, and what is true: `habeas merge`, `split`, `review`, `fact`, `watch`. Each
decision is recorded in the archive's audit log."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from habeas.commands.common import DbOption, Format, FormatOption, PersonArg, open_archive, or_exit, printed_as_json

app = typer.Typer()   # merged into the `habeas` command by habeas.cli


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The person to keep (id or name).", show_default=False)],
    other: Annotated[str, typer.Argument(help="The same person under another entry.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Merge two entries that are one person; later ingests add to the merged case file."""
    archive = open_archive(db)
    or_exit(lambda: archive.merge(archive.find_person(keep), archive.find_person(other)))
    typer.echo("merged")


@app.command()
def split(
    person: PersonArg,
    document: Annotated[int, typer.Option("--document", help="Id of the document (see `habeas "
                                          "show PERSON --format json`) whose mention is someone else.")],
    db: DbOption = None,
) -> None:
    """Split off what one document says of a person into a new person; later ingests never
    merge those names back into the first."""
    archive = open_archive(db)
    new = or_exit(lambda: archive.split(archive.find_person(person), document))
    typer.echo(f"split off as person #{new}")


@app.command()
def review(
    db: DbOption = None,
    accept: Annotated[Optional[int], typer.Option(help="Accept item N: the two are one person.")] = None,
    reject: Annotated[Optional[int], typer.Option(help="Reject item N: they are different people.")] = None,
    format: FormatOption = Format.text,
) -> None:
    """The review queue: doubtful matches between persons, kept apart until someone decides,
    and facts worth a look (documents disagree, or no sentence states them; see `habeas fact`)."""
    archive = open_archive(db)
    if accept is not None or reject is not None:
        item = accept if accept is not None else reject
        or_exit(lambda: archive.decide(item, accept=accept is not None))
        typer.echo("accepted: merged" if accept is not None else "rejected: kept apart")
        return
    items, facts = archive.review_items(), archive.doubtful_facts()
    if printed_as_json({"matches": items, "facts": facts}, format):
        return
    for item in items:
        typer.echo(f"#{item['id']}  person #{item['person']} ~ person #{item['candidate']}: {item['reason']}")
    for fact in facts:
        typer.echo(f"fact  person #{fact['person']} {fact['slot']} {fact['value']!r}: {fact['reason']}")


class Verdict(str, Enum):
    accept = "accept"
    correct = "correct"
    reject = "reject"


@app.command()
def fact(
    person: PersonArg,
    slot: Annotated[str, typer.Argument(help="age, facilities, sentence, charges, conditions, status "
                                        "or name.", show_default=False)],
    value: Annotated[Optional[str], typer.Argument(help="The value as the case file shows it "
                                                   "(omit it to add a fact with --correct).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The value is right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The value is wrong: drop it.")] = False,
    correct: Annotated[Optional[str], typer.Option("--correct", metavar="NEW",
                                                   help="The value is wrong: it should read NEW.")] = None,
    note: Annotated[Optional[str], typer.Option(help="Why (kept with the verdict).")] = None,
    db: DbOption = None,
) -> None:
    """Accept, correct or reject one fact of a person's case file. The verdict is kept apart
    from what the reports say and wins over every later ingest and `habeas reextract`."""
    chosen = [v for v, on in ((Verdict.accept, accept), (Verdict.reject, reject),
                              (Verdict.correct, correct is not None)) if on]
    if len(chosen) != 1:
        raise typer.BadParameter("give exactly one of --accept, --reject, --correct NEW")
    archive = open_archive(db)
    done = or_exit(lambda: archive.review_fact(archive.find_person(person), slot, value, chosen[0].value,
                                                corrected=correct, note=note))
    typer.echo(f"{done['action']}ed: {slot} {value or ''}{' -> ' + done['corrected'] if done['corrected'] else ''}")


@app.command()
def watch(
    person: PersonArg,
    stop: Annotated[bool, typer.Option("--stop", help="Stop following the person.")] = False,
    db: DbOption = None,
) -> None:
    """Follow a person: `habeas alerts` tells of each new report about them."""
    archive = open_archive(db)
    or_exit(lambda: archive.watch(archive.find_person(person), on=not stop))
    typer.echo("stopped watching" if stop else "watching")

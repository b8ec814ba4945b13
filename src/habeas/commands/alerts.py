"""`habeas alerts`: what needs attention now, by the rules of habeas.alerts."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from habeas.commands.common import (ConfidentialOption, DbOption, Format, FormatOption, TodayOption, open_archive,
                                    or_exit, owner_view, parse_day, printed_as_json, run_settings)

app = typer.Typer()   # merged into the `habeas` command by habeas.cli


@app.command()
def alerts(
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="YYYY-MM-DD", help="Only alerts that became due on or after this day.")] = None,
    format: FormatOption = Format.text,
    today: TodayOption = None,
    include_confidential: ConfidentialOption = False,
) -> None:
    """Alerts: no news of a detained person for 180 days, a petition unanswered after 30 days,
    a serious health event, a sentence served without a reported release, the last day to
    file a remedy within 14 days, a new report about a watched person (rules and thresholds:
    $HABEAS_HOME/alerts.yml); at most one alert per person and rule."""
    from habeas.alerts.service import alerts as find_alerts
    day, since_day = parse_day(today, "--today"), parse_day(since, "--since")
    archive = open_archive(db)
    found = or_exit(lambda: find_alerts(archive, since_day, day, seen=owner_view(include_confidential),
                                        home=run_settings().home))
    if printed_as_json(found, format):
        return
    for a in found:
        typer.echo(f"{a['date']}  {a['title']}: {a['person']['name']} (#{a['person']['id']}) — {a['message']}")
    if not found:
        typer.echo("no alerts")

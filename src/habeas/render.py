"""A case file as a person reads it in a terminal (Rich): the detainees, a timeline, the
laws cited, the sources, and under each item the sentence it came from."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from habeas.model import CaseFile, Evidence, Person, Term
from habeas.nlp.dates import parse_iso


def precision_label(value: str | None) -> str:
    """ "2012-06" -> "2012-06 (month)", "XXXX-10-20" -> "…(day, year unknown)"."""
    parsed = parse_iso(value)
    if parsed is None:
        return "undated"
    label = parsed.precision + (", year unknown" if parsed.year is None else "")
    return f"{value} ({label})"


def _chronological_key(value: str | None) -> tuple:
    """By year only: within a year the report's own order is kept, since "2012" and
    "2012-06" cannot be ordered without it ("Later that year" comes after June)."""
    parsed = parse_iso(value)
    if parsed is None:
        return (2, 0)
    return (0, parsed.year) if parsed.year else (1, 0)


def _quote(evidence: Evidence | None) -> Text:
    return Text(f"“{evidence.text}”" if evidence and evidence.text else "", style="dim italic")


def _fmt_attr(value) -> str:
    if isinstance(value, Term):
        return str(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _person_panel(person: Person) -> Panel:
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="bold")
    rows.add_column()
    facts = [
        ("age", str(person.age) if person.age is not None else None, "age"),
        ("status", person.status, None),
        ("roles", ", ".join(person.roles), None),
        ("facilities", "; ".join(person.facilities), "facilities"),
        ("sentence", str(person.sentence) if person.sentence else None, None),
        ("charges", "; ".join(person.charges), "charges"),
        ("conditions", "; ".join(person.conditions), "conditions"),
        ("aliases", ", ".join(person.aliases), None),
    ]
    for label, value, slot in facts:
        if not value:
            continue
        rows.add_row(label, value)
        for item, ev in (person.slot_evidence.get(slot, {}) if slot else {}).items():
            rows.add_row("", Text.assemble(Text(f"{item}: ", style="dim"), _quote(ev)))
    return Panel(rows, title=f"[bold]{person.name}[/bold] ({person.id})", title_align="left")


def render(case: CaseFile, console: Console) -> None:
    doc = case.document
    head = Text(doc.title or doc.path or "report", style="bold underline")
    meta = " · ".join(x for x in (doc.outlet, doc.url, f"published {doc.published}" if doc.published
                                  else "publication date unknown") if x)
    console.print(head)
    console.print(Text(meta, style="dim"))
    detainees = case.detainees
    console.print(Text(f"\nDetained ({len(detainees)})", style="bold"))
    for person in detainees:
        console.print(_person_panel(person))
    others = [p for p in case.persons if not p.detained]
    if others:
        console.print(Text("Other people named: ", style="bold") + Text(", ".join(p.name for p in others)))

    timeline = Table(title="Timeline", title_justify="left", show_lines=True, expand=True)
    timeline.add_column("date", no_wrap=True)
    timeline.add_column("event")
    timeline.add_column("details and source sentence", ratio=3)
    for event in sorted(case.events, key=lambda e: _chronological_key(e.date)):
        details = ", ".join(f"{k}: {_fmt_attr(v)}" for k, v in event.attrs.items() if v not in (None, [], ""))
        timeline.add_row(precision_label(event.date),
                         Text(f"{event.type}\n", style="bold") + Text(", ".join(event.persons)),
                         Group(Text(details), _quote(event.evidence)))
    console.print(timeline)

    if case.citations:
        console.print(Text("Laws cited", style="bold"))
        for c in case.citations:
            title = f" (“{c.title}”)" if c.title else ""
            console.print(Text(f"  • {c.label()}{title}" + (f", {c.jurisdiction}" if c.jurisdiction else "")))
            console.print(Text("    ") + _quote(c.evidence))
    if case.sources:
        console.print(Text("Sources", style="bold"))
        for s in case.sources:
            console.print(Text(f"  • {s.name}"))
            console.print(Text("    ") + _quote(s.evidence))

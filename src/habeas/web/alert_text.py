"""An alert's message in the page's language, from what it says (its `args`, habeas.alerts):
dates as the language writes them, event types and terms in its words. The names the reports
give (a court, a procedure, a condition) stay as the reports wrote them. An alert without
args (from an older rule, or a rule the catalog does not know) keeps its English message."""

from __future__ import annotations

from habeas.web.i18n import day, gettext, ngettext, word

def _term(term: dict) -> str:
    years, months, days = (int(term.get(k) or 0) for k in ("years", "months", "days"))
    parts = [ngettext("%(num)d year", "%(num)d years", years) % {"num": years} if years else "",
             ngettext("%(num)d month", "%(num)d months", months) % {"num": months} if months else "",
             ngettext("%(num)d day", "%(num)d days", days) % {"num": days} if days else ""]
    return " ".join(p for p in parts if p)


def _no_news(a: dict) -> str:
    return gettext("no news since %(since)s (%(days)s days, more than %(limit)s)") % {
        "since": day(a["since"]), "days": a["days"], "limit": a["limit"]}


def _unanswered(a: dict) -> str:
    when = day(a["when"]) if a.get("when") else gettext("a date not given (told on %(day)s)") % {
        "day": day(a["told"])}
    to = ", ".join(a.get("to") or []) or gettext("the authorities")
    return gettext("petition of %(when)s to %(to)s: no answer reported after more than %(limit)s days") % {
        "when": when, "to": to, "limit": a["limit"]}


def _serious_health(a: dict) -> str:
    what = word(a["what"]) if a.get("what") == a.get("type") else a.get("what")
    return f"{word(a['type'])} {day(a.get('when'))}: {what}".replace("  ", " ")


def _sentence_end(a: dict) -> str:
    terms = gettext(" and ").join(_term(t) for t in a["terms"])
    return gettext("a term of %(terms)s counted from %(start)s ended by %(end)s; no release reported") % {
        "terms": terms, "start": day(a["start"]), "end": day(a["end"])}


def _filing_deadline(a: dict) -> str:
    return gettext("%(what)s: file by %(day)s (%(left)s days left; %(rule)s)") % {
        "what": a["what"], "day": day(a["file_by"]), "left": a["left"], "rule": a["law"]}


def _watched(a: dict) -> str:
    return gettext("new report for %(who)s: %(title)s") % {"who": a["who"], "title": a["title"]}


WORDED = {"no_news": _no_news, "unanswered_petition": _unanswered, "serious_health": _serious_health,
          "sentence_end": _sentence_end, "filing_deadline": _filing_deadline, "watched_report": _watched}


def message(alert: dict) -> str:
    args, rule = alert.get("args") or {}, alert.get("rule")
    if rule not in WORDED or not args:
        return alert.get("message", "")
    try:
        text = WORDED[rule](args)
    except (KeyError, TypeError, ValueError):
        return alert.get("message", "")
    if args.get("more"):
        text += " " + ngettext("(and %(num)d more)", "(and %(num)d more)", args["more"]) % {"num": args["more"]}
    return text

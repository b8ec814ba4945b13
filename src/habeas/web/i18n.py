"""The interface in English and Russian: gettext catalogs (Babel) under web/locale/, the
request's language, dates as its language writes them.

The language of a request: the user's own choice kept in their account, else the language
cookie the header's switch sets, else the browser's Accept-Language, else English. It is held
in a context variable for the request, so templates (Jinja2's i18n extension), error pages and
messages built in Python all read the same. Catalogs are compiled from their .po files when the
app starts (no compiled file to forget or to go stale): `pybabel extract -F babel.cfg` and
`pybabel update` keep the .po files in step with the templates (docs in babel.cfg)."""

from __future__ import annotations

import gettext as _gettext
import io
import re
from contextvars import ContextVar
from datetime import date
from functools import cache
from importlib import resources

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from habeas.store.accounts import LOCALES

DEFAULT = "en"
COOKIE = "habeas_lang"
NAMES = {"en": "English", "ru": "Русский"}        # each language in its own words (never translated)
DATES = {"en": "en_GB"}       # English pages write dates as the reports do: 3 May 2024
_locale: ContextVar[str] = ContextVar("habeas_locale", default=DEFAULT)


def N_(message: str) -> str:
    """Marks a word for the catalog (pybabel finds it) that is translated where it is shown."""
    return message


# Words the archive stores as values and pages show: event types, statuses, fact slots, the
# highlight's kinds, alert rules' titles, the timeline's months. `word` translates them.
WORDS = (
    # event types (habeas.model.EVENT_TYPES)
    N_("arrest"), N_("charge"), N_("sentence"), N_("appeal"), N_("petition"), N_("response"), N_("release"),
    N_("transfer"), N_("health"), N_("hunger strike"), N_("ill treatment"), N_("denial"), N_("death"),
    N_("disappearance"),
    # statuses (habeas.model.STATUSES)
    N_("imprisoned"), N_("pretrial"), N_("released"), N_("deceased"), N_("disappeared"), N_("psychiatric"),
    N_("house arrest"), N_("exiled"), N_("unknown"),
    # fact slots and what the document page marks
    N_("age"), N_("facilities"), N_("charges"), N_("conditions"), N_("status"), N_("name"),
    N_("person"), N_("facility"), N_("condition"), N_("citation"), N_("event"), N_("fact"),
    # review verdicts on a fact
    N_("accepted"), N_("corrected"), N_("rejected"),
    # roles (habeas.store.accounts.ROLES)
    N_("viewer"), N_("editor"), N_("admin"),
    # alert rules' titles (habeas/alerts/rules.yml)
    N_("No news of a detained person (proof of life)"), N_("Petition without an answer"),
    N_("Serious health event"), N_("Sentence served without a reported release"), N_("Deadline to file a remedy"),
    N_("New report about a watched person"),
    # remedy states (habeas.remedies.tracking.STATES)
    N_("not started"), N_("filed"), N_("awaiting"), N_("stalled"), N_("granted"),
    # the timeline's quarter marks
    N_("Apr"), N_("Jul"), N_("Oct"),
)


@cache
def translations(locale: str) -> _gettext.NullTranslations:
    """The catalog of `locale`, compiled from its .po file (fuzzy entries left out)."""
    if locale == DEFAULT:
        return _gettext.NullTranslations()
    po = resources.files("habeas.web") / "locale" / locale / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def current() -> str:
    return _locale.get()


def use(locale: str | None) -> None:
    """The request's language from now on (an unknown one is ignored)."""
    if locale in LOCALES:
        _locale.set(locale)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def word(value: str | None) -> str:
    """A stored word (house_arrest, hunger_strike, a slot, an alert title) as the page's
    language writes it; a value the catalog does not know is shown as it is."""
    if value is None:
        return ""
    return gettext(str(value).replace("_", " "))


_ACCEPT = re.compile(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*$")


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The language of a request without a user's choice: the cookie's, else the first of
    Accept-Language (by its q weights) the interface has, else English."""
    if cookie in LOCALES:
        return cookie
    offered = []
    for i, part in enumerate((accept_language or "")[:500].split(",")):
        found = _ACCEPT.match(part)
        if found:
            weight = float(found.group(2)) if found.group(2) else 1.0
            offered.append((-weight, i, found.group(1).lower()))
    return next((lang for _w, _i, lang in sorted(offered) if lang in LOCALES), DEFAULT)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _dates() -> str:
    return DATES.get(current(), current())


def day(value: str | date | None) -> str:
    """An extract-v1 or ISO date as the page's language writes it: 3 May 2024 / 3 мая 2024 г.,
    a month as "May 2024" / "май 2024", a year as it is; what is not a date as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return format_date(value, "long", locale=_dates())
    found = _ISO.match(str(value)[:10]) if len(str(value)) in (4, 7, 10) else None
    if not found:
        return str(value)
    year, month, dom = found.groups()
    try:
        if dom:
            return format_date(date(int(year), int(month), int(dom)), "long", locale=_dates())
        if month:
            return format_date(date(int(year), int(month), 1), "LLLL y", locale=_dates())
    except ValueError:
        return str(value)
    return year


@cache
def _territory_codes() -> dict[str, str]:
    from babel import Locale
    return {name.casefold(): code for code, name in Locale("en").territories.items()}


def country(value: str | None) -> str:
    """A country the archive stores in English ("Kazakhstan") in the page's language; a name
    Babel does not know, as it is."""
    if not value:
        return ""
    if current() == DEFAULT:
        return value
    code = _territory_codes().get(str(value).casefold())
    if code is None:
        return word(value)
    from babel import Locale
    return Locale.parse(current()).territories.get(code, value)


def install(env) -> None:
    """Jinja2's i18n extension in `env`, reading the request's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters["word"] = word
    env.filters["day"] = day
    env.filters["country"] = country
    from habeas.web.alert_text import message
    env.filters["alert_message"] = message
    env.globals["locale"] = current
    env.globals["languages"] = NAMES

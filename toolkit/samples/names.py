"""Small word lists from which fictional municipalities, neighbourhoods, people and places
are composed. Nothing here names a real municipality or a real person."""

from __future__ import annotations

import random
import unicodedata

# Municipality names are a prefix and a suffix; the pairs chosen by municipality_name()
# are all distinct for the first len(_PREFIXES) * len(_SUFFIXES) municipalities.
_PREFIXES = (
    "Bremmer",
    "Ganzen",
    "Lepel",
    "Vlinder",
    "Hazel",
    "Dorren",
    "Wilgen",
    "Keuter",
    "Mossel",
    "Ruigen",
    "Tjalken",
    "Zegge",
    "Elzen",
    "Kievits",
    "Reigers",
    "Lijster",
    "Meidoorn",
    "Kwartel",
    "Spreeuwen",
    "Haver",
)
_SUFFIXES = (
    "veen",
    "waard",
    "dijk",
    "horst",
    "broek",
    "hoven",
    "stede",
    "kerk",
    "zand",
    "loo",
    "rade",
    "mond",
    "wold",
    "heuvel",
    "dam",
    "meer",
    "haven",
    "berg",
    "oord",
)
MAX_MUNICIPALITIES = len(_PREFIXES) * len(_SUFFIXES)

_WIJK_PARTS = (
    "Centrum",
    "Oude Haven",
    "Molenkwartier",
    "De Linde",
    "Wilgenpark",
    "Noorderhof",
    "Zuiderveld",
    "Oosterkamp",
    "Westerbeek",
    "Kastanjehof",
    "De Akkers",
    "Spoorzone",
    "Bloemenbuurt",
    "Vogelwijk",
    "Dijkzicht",
    "Het Ven",
    "Sluiskwartier",
    "De Weide",
)

FIRST_NAMES = (
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fatima",
    "Hamza",
    "Ilse",
    "Jasper",
    "Kevin",
    "Layla",
    "Mohamed",
    "Noor",
    "Priya",
    "Ruben",
    "Sanne",
    "Tomasz",
    "Yara",
    "Zeynep",
    "Youssef",
    "Lotte",
    "Mehmet",
    "Shanice",
    "Kofi",
    "Marieke",
    "Ahmet",
    "Esther",
    "Dewi",
    "Joris",
    "Nadia",
    "Sem",
)
SURNAMES = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "El Amrani",
    "Yilmaz",
    "Kaya",
    "Bouzid",
    "Nowak",
    "Pinas",
    "Ramdin",
    "Tahiri",
    "van Dijk",
    "van den Berg",
    "Koster",
    "Prins",
    "Brouwer",
    "Öztürk",
    "Mensah",
    "Kowalski",
    "Wijnands",
    "Haddou",
)
EMAIL_DOMAIN = "example.org"  # reserved for examples (RFC 2606): no real mailbox
PHONE_PREFIX = "06-99"  # chosen to look fictional; followed by six digits

_ORGANISATIONS = (
    "Buurtvereniging {wijk}",
    "Moskeevereniging {wijk}",
    "Kerkgemeenschap {wijk}",
    "Jongerenwerk {place}",
    "Vrouwennetwerk {wijk}",
    "Sportclub {place}",
    "Huurdersvereniging {wijk}",
    "Ondernemersvereniging {place}",
    "Stichting Samen {place}",
    "Ouderraad basisschool {wijk}",
    "Wijkteam {wijk}",
    "Migrantenorganisatie {place}",
)


def municipality_name(index: int) -> str:
    """The fictional name of municipality number index (0-based)."""
    if not 0 <= index < MAX_MUNICIPALITIES:
        raise ValueError(f"at most {MAX_MUNICIPALITIES} municipalities")
    prefix = index % len(_PREFIXES)
    a = index // len(_PREFIXES)
    # 2a + prefix is a bijection of a modulo a prime suffix count, so pairs never repeat.
    suffix = (2 * a + prefix) % len(_SUFFIXES)
    return _PREFIXES[prefix] + _SUFFIXES[suffix]


def wijk_names(rng: random.Random, count: int) -> list[str]:
    """count distinct neighbourhood names, Centrum first."""
    others = rng.sample(_WIJK_PARTS[1:], count - 1)
    return [_WIJK_PARTS[0], *others]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def email(name: str, number: int) -> str:
    """An address at the reserved example domain; number keeps namesakes apart."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    first, _, last = ascii_name.lower().partition(" ")
    return f"{first}.{last.replace(' ', '')}{number}@{EMAIL_DOMAIN}"


def phone(rng: random.Random) -> str:
    return f"{PHONE_PREFIX}{rng.randrange(10**6):06d}"


def organisation(rng: random.Random, wijk: str, place: str) -> str:
    return rng.choice(_ORGANISATIONS).format(wijk=wijk, place=place)


def slug(name: str) -> str:
    """A file-system friendly, lowercase form of a name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().split())

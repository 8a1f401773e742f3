"""The closed lists behind every dropdown, declared once, in the order users see them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """A named list of allowed values; the name is also the defined name on sheet Lijsten."""

    name: str
    values: tuple[str, ...]


def _vocab(name: str, *values: str) -> Vocabulary:
    return Vocabulary(name, values)


ROLLEN = _vocab(
    "ROLLEN", "Verbinder", "Vertegenwoordiger", "Resultaatgerichte doener", "Luis in de pels"
)
JA_NEE = _vocab("JA_NEE", "Ja", "Nee")
JA_NEE_ONBEKEND = _vocab("JA_NEE_ONBEKEND", "Ja", "Nee", "Onbekend")
INVOLUNTARY_REASON = "Afscheid op initiatief van de gemeente"
REDENEN_VERTREK = _vocab(
    "REDENEN_VERTREK",
    "Geen tijd of energie meer",
    "Persoonlijke omstandigheden (gezin, verhuizing)",
    "Andere verantwoordelijkheden",
    "Verschil van inzicht over beleid of rol van het netwerk",
    "Teleurgesteld in het netwerk (niveau, daadkracht, invloed)",
    "Weerstand vanuit de achterban",
    INVOLUNTARY_REASON,
    "Overig",
)
SNOWBALL_METHOD = "Sneeuwbalmethode (voorgedragen)"
WERVINGSMETHODEN = _vocab(
    "WERVINGSMETHODEN",
    "Via bestaand netwerk",
    "Gericht gesprek met professional of organisatie",
    "Outreachend benaderd",
    SNOWBALL_METHOD,
    "Inloopavond of evenement",
    "Wervingscampagne online",
    "Wervingscampagne offline",
    "Overig",
)
WERVERS = _vocab(
    "WERVERS", "Gemeente", "Lokale partner", "Externe organisatie", "Scout", "Sleutelpersoon"
)
TEGENPRESTATIES = _vocab(
    "TEGENPRESTATIES",
    "Geen",
    "Vrijwilligersvergoeding",
    "In dienst",
    "Training of cursus",
    "Toegang tot netwerken",
    "Budget voor activiteiten",
    "Hulp bij praktische vragen",
)
LEEFTIJDSGROEPEN = _vocab(
    "LEEFTIJDSGROEPEN", "Jonger dan 27", "27 t/m 44", "45 t/m 64", "65 of ouder"
)
OPLEIDING = _vocab("OPLEIDING", "Theoretisch opgeleid", "Praktisch opgeleid", "Onbekend")
MOTIVATIE = _vocab("MOTIVATIE", "Sterk", "Voldoende", "Onvoldoende", "Nog niet beoordeeld")
SELECTED = "Geselecteerd"
DECIDED_STATUSES = (SELECTED, "Afgewezen", "Zelf afgehaakt")
STATUS_KANDIDAAT = _vocab(
    "STATUS_KANDIDAAT", "Benaderd", "In gesprek", *DECIDED_STATUSES, "Aangehouden"
)
SOORTEN_BIJEENKOMST = _vocab(
    "SOORTEN_BIJEENKOMST",
    "Periodiek netwerkoverleg",
    "Kerngroepoverleg",
    "Grote netwerkbijeenkomst",
    "Naar aanleiding van actuele gebeurtenis",
    "Training of cursus",
    "Activiteit van sleutelpersonen",
    "Kennismaking of startbijeenkomst",
    "Evaluatie of reflectie",
)
LOCATIES = _vocab(
    "LOCATIES",
    "Gemeentehuis",
    "Moskee",
    "Kerk",
    "Synagoge",
    "Ander gebedshuis",
    "Bibliotheek",
    "Buurthuis of wijkcentrum",
    "Politiebureau",
    "Locatie van een organisatie uit het netwerk",
    "Online",
    "Overig",
)
VOORZITTERS = _vocab(
    "VOORZITTERS",
    "Neutrale externe voorzitter",
    "Gemeente",
    "Sleutelpersoon (vast)",
    "Sleutelpersoon (roulerend)",
)
BESTUURDERS = _vocab(
    "BESTUURDERS", "Geen", "Burgemeester", "Wethouder", "Burgemeester en wethouder"
)
RESPONDENTEN = _vocab(
    "RESPONDENTEN",
    "Sleutelpersoon",
    "Gemeenteambtenaar",
    "Bestuurder",
    "Externe deskundige",
    "Partnerorganisatie",
)
LIKERT = _vocab(
    "LIKERT",
    "1 Helemaal oneens",
    "2 Oneens",
    "3 Neutraal",
    "4 Eens",
    "5 Helemaal eens",
    "n.v.t.",
)
DOELEN = _vocab(
    "DOELEN",
    "Voorlichting en bewustwording",
    "Versterken veerkracht en weerbaarheid",
    "De-escaleren van spanningen",
    "Bijdragen aan effectief beleid",
    "Overig",
)
BEHAALD = _vocab("BEHAALD", "Ja", "Deels", "Nee", "Nog niet te beoordelen")
WIJK_DIMENSION = "Wijk"
DIMENSIES = _vocab(
    "DIMENSIES",
    "Migratieachtergrond",
    "Leeftijdsgroep",
    "Hulpverlenend beroep",
    "Bekend bij gemeente",
    "Opleiding",
    "Rol",
    WIJK_DIMENSION,
)

# The municipality's own neighbourhoods: empty unless the template is made with --wijken.
WIJKEN_NAME = "WIJKEN"

ALL: tuple[Vocabulary, ...] = (
    ROLLEN,
    JA_NEE,
    JA_NEE_ONBEKEND,
    REDENEN_VERTREK,
    WERVINGSMETHODEN,
    WERVERS,
    TEGENPRESTATIES,
    LEEFTIJDSGROEPEN,
    OPLEIDING,
    MOTIVATIE,
    STATUS_KANDIDAAT,
    SOORTEN_BIJEENKOMST,
    LOCATIES,
    VOORZITTERS,
    BESTUURDERS,
    RESPONDENTEN,
    LIKERT,
    DOELEN,
    BEHAALD,
    DIMENSIES,
)


def likert_score(value: str) -> int | None:
    """The number 1-5 of a LIKERT value; None for n.v.t."""
    head = value[:1]
    return int(head) if head.isdigit() else None

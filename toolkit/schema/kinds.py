"""The five workbook kinds of a sleutelpersonennetwerk, declared once (see DOMAIN.md)."""

from __future__ import annotations

from toolkit.schema import vocabularies as v
from toolkit.schema.model import (
    CategoryOf,
    Column,
    ColumnType,
    CountMatches,
    DateOrder,
    Differs,
    Dimension,
    Discouraged,
    GegevensField,
    Kind,
    NoOverlap,
    NotAfterFilledDate,
    Ref,
    SheetSchema,
    TargetsSum,
    When,
)

SCHEMA_VERSION = "1"
T = ColumnType

GEGEVENS_SHEET = "Gegevens"
TOELICHTING_SHEET = "Toelichting"
LIJSTEN_SHEET = "Lijsten"

GEGEVENS: tuple[GegevensField, ...] = (
    GegevensField("gemeente", "Gemeente", T.TEXT, "Naam van de gemeente.", required=True),
    GegevensField(
        "cbs_code",
        "CBS-gemeentecode",
        T.TEXT,
        "Code van het CBS, bijvoorbeeld GM0363 (niet verplicht).",
        pattern=r"GM\d{4}",
        pattern_hint="GM gevolgd door 4 cijfers, bijvoorbeeld GM0363",
    ),
    GegevensField("netwerk", "Netwerk", T.TEXT, "Naam van het sleutelpersonennetwerk."),
    GegevensField(
        "periode",
        "Periode",
        T.TEXT,
        "Het kwartaal waarover dit bestand gaat, bijvoorbeeld 2026-K3.",
        pattern_hint="een kwartaal zoals 2026-K3",
    ),
    GegevensField(
        "ingevuld_door", "Ingevuld door", T.TEXT, "Wie dit bestand bijhoudt.", personal=True
    ),
    GegevensField(
        "datum_ingevuld", "Datum ingevuld", T.DATE, "Datum waarop dit bestand is bijgewerkt."
    ),
)

_REGISTER = Ref("register", "Sleutelpersonen", "person_id")
_ENDED = When("end_date")
_ACTIVE = When("end_date", negate=True)

REGISTER = Kind(
    id="register",
    title="Sleutelpersonenregister",
    filename="sleutelpersonenregister",
    purpose=(
        "Wie de sleutelpersonen van het netwerk zijn, sinds wanneer, en wanneer en waarom zij "
        "zijn vertrokken. Eén regel per periode van deelname."
    ),
    instructions=(
        "Vul één regel in per periode waarin iemand sleutelpersoon is.",
        "Vertrekt iemand? Verwijder de regel niet, maar vul Einddatum en Reden vertrek in. "
        "Zo blijven de verloopcijfers kloppen.",
        "Komt iemand later terug? Voeg een nieuwe regel toe met dezelfde Persoon-ID en een "
        "nieuwe Startdatum.",
    ),
    sheets=(
        SheetSchema(
            name="Sleutelpersonen",
            purpose="Eén regel per periode van deelname van een sleutelpersoon.",
            columns=(
                Column(
                    "person_id",
                    "Persoon-ID",
                    T.TEXT,
                    "Vaste code voor deze persoon, bijvoorbeeld SP-001. Blijft altijd "
                    "hetzelfde, ook als iemand vertrekt en terugkomt.",
                    required=True,
                    width=12,
                ),
                Column(
                    "name",
                    "Naam",
                    T.TEXT,
                    "Voor- en achternaam.",
                    required=True,
                    personal=True,
                    width=24,
                ),
                Column(
                    "email",
                    "E-mail",
                    T.EMAIL,
                    "E-mailadres (niet verplicht).",
                    personal=True,
                    width=26,
                ),
                Column(
                    "phone",
                    "Telefoon",
                    T.PHONE,
                    "Telefoonnummer (niet verplicht).",
                    personal=True,
                    width=14,
                ),
                Column(
                    "wijk",
                    "Wijk",
                    T.TEXT,
                    "De wijk of buurt waar deze persoon actief is.",
                    required=True,
                    wijk_list=True,
                ),
                Column(
                    "organisation",
                    "Organisatie of achterban",
                    T.TEXT,
                    "De organisatie, gemeenschap of groep die deze persoon kent of "
                    "vertegenwoordigt (niet verplicht).",
                    sensitive=True,
                    free_text=True,
                    width=26,
                ),
                Column(
                    "role",
                    "Rol",
                    T.VOCABULARY,
                    "De belangrijkste rol in het netwerk.",
                    required=True,
                    vocabulary=v.ROLLEN,
                    width=24,
                ),
                Column(
                    "second_role",
                    "Tweede rol",
                    T.VOCABULARY,
                    "Een tweede rol, als die er is; niet dezelfde als Rol.",
                    vocabulary=v.ROLLEN,
                    width=24,
                ),
                Column(
                    "core_group",
                    "Kerngroep",
                    T.VOCABULARY,
                    "Hoort deze persoon bij de kerngroep?",
                    required=True,
                    vocabulary=v.JA_NEE,
                    width=11,
                ),
                Column(
                    "start_date",
                    "Startdatum",
                    T.DATE,
                    "Eerste dag als sleutelpersoon (dd-mm-jjjj). Niet na de datum van invullen.",
                    required=True,
                    width=12,
                ),
                Column(
                    "end_date",
                    "Einddatum",
                    T.DATE,
                    "Laatste dag als sleutelpersoon (dd-mm-jjjj). Leeg laten zolang iemand "
                    "actief is.",
                    width=12,
                ),
                Column(
                    "leave_reason",
                    "Reden vertrek",
                    T.VOCABULARY,
                    "Waarom iemand is gestopt. Verplicht als Einddatum is ingevuld, anders leeg.",
                    vocabulary=v.REDENEN_VERTREK,
                    required_when=_ENDED,
                    only_when=_ENDED,
                    width=30,
                ),
                Column(
                    "exit_interview",
                    "Exitgesprek gevoerd",
                    T.VOCABULARY,
                    "Is er een afscheidsgesprek gevoerd? In te vullen bij vertrek.",
                    vocabulary=v.JA_NEE,
                    expected_when=_ENDED,
                    width=12,
                ),
                Column(
                    "recruited_via",
                    "Geworven via",
                    T.VOCABULARY,
                    "Hoe deze persoon is geworven.",
                    vocabulary=v.WERVINGSMETHODEN,
                    width=30,
                ),
                Column(
                    "compensation",
                    "Tegenprestatie",
                    T.VOCABULARY,
                    "Wat deze persoon terugkrijgt voor de inzet.",
                    vocabulary=v.TEGENPRESTATIES,
                    width=24,
                ),
                Column(
                    "buddy_id",
                    "Buddy (Persoon-ID)",
                    T.REFERENCE,
                    "Persoon-ID van een ervaren sleutelpersoon die deze persoon begeleidt; "
                    "niet de eigen Persoon-ID.",
                    references=_REGISTER,
                    width=12,
                ),
                Column(
                    "migration",
                    "Migratieachtergrond",
                    T.VOCABULARY,
                    "Heeft deze persoon een migratieachtergrond? Onbekend mag.",
                    vocabulary=v.JA_NEE_ONBEKEND,
                    sensitive=True,
                    width=12,
                ),
                Column(
                    "age_group",
                    "Leeftijdsgroep",
                    T.VOCABULARY,
                    "De leeftijdsgroep.",
                    vocabulary=v.LEEFTIJDSGROEPEN,
                    width=14,
                ),
                Column(
                    "care_profession",
                    "Hulpverlenend beroep",
                    T.VOCABULARY,
                    "Werkt deze persoon in een hulpverlenend beroep?",
                    vocabulary=v.JA_NEE_ONBEKEND,
                    width=12,
                ),
                Column(
                    "known_to_municipality",
                    "Bekend bij gemeente",
                    T.VOCABULARY,
                    "Was deze persoon al bekend bij de gemeente?",
                    vocabulary=v.JA_NEE_ONBEKEND,
                    width=12,
                ),
                Column(
                    "education",
                    "Opleiding",
                    T.VOCABULARY,
                    "Theoretisch of praktisch opgeleid.",
                    vocabulary=v.OPLEIDING,
                    width=20,
                ),
                Column(
                    "consent_date",
                    "AVG-toestemming (datum)",
                    T.DATE,
                    "Datum waarop de persoon toestemming gaf om gegevens vast te leggen (AVG). "
                    "Nodig voor iedereen die actief is.",
                    expected_when=_ACTIVE,
                    width=12,
                ),
                Column(
                    "remarks",
                    "Opmerkingen",
                    T.TEXT,
                    "Vrije opmerkingen (niet verplicht).",
                    personal=True,
                    free_text=True,
                    width=30,
                ),
            ),
            unique=(("person_id", "start_date"),),
            checks=(
                DateOrder("end_date", "start_date"),
                Differs("second_role", "role"),
                Differs("buddy_id", "person_id"),
                NotAfterFilledDate("start_date"),
                NotAfterFilledDate("end_date", severity="warning"),
                NoOverlap("person_id", "start_date", "end_date"),
            ),
        ),
    ),
)

WERVING = Kind(
    id="werving",
    title="Wervingstracker",
    filename="wervingstracker",
    purpose="Wie er benaderd is om sleutelpersoon te worden, hoe, en met welke uitkomst.",
    instructions=(
        "Vul één regel in per kandidaat en werk de Status bij als er iets verandert.",
        "Is een kandidaat geselecteerd? Zet hem of haar ook in het sleutelpersonenregister en "
        "vul hier de Persoon-ID in.",
    ),
    sheets=(
        SheetSchema(
            name="Kandidaten",
            purpose="Eén regel per kandidaat-sleutelpersoon.",
            columns=(
                Column(
                    "candidate_id",
                    "Kandidaat-ID",
                    T.TEXT,
                    "Vaste code voor deze kandidaat, bijvoorbeeld K-001.",
                    required=True,
                    width=12,
                ),
                Column(
                    "name",
                    "Naam",
                    T.TEXT,
                    "Voor- en achternaam.",
                    required=True,
                    personal=True,
                    width=24,
                ),
                Column(
                    "wijk", "Wijk", T.TEXT, "De wijk of buurt (niet verplicht).", wijk_list=True
                ),
                Column(
                    "method",
                    "Wervingsmethode",
                    T.VOCABULARY,
                    "Hoe de kandidaat is gevonden.",
                    required=True,
                    vocabulary=v.WERVINGSMETHODEN,
                    width=30,
                ),
                Column(
                    "nominated_by",
                    "Voorgedragen door (Persoon-ID)",
                    T.REFERENCE,
                    "Persoon-ID van de sleutelpersoon die de kandidaat voordroeg. Verplicht bij "
                    "de sneeuwbalmethode.",
                    required_when=When("method", (v.SNOWBALL_METHOD,)),
                    references=_REGISTER,
                    width=14,
                ),
                Column(
                    "recruiter",
                    "Geworven door",
                    T.VOCABULARY,
                    "Wie de kandidaat heeft geworven.",
                    vocabulary=v.WERVERS,
                    width=18,
                ),
                Column(
                    "first_contact",
                    "Datum eerste contact",
                    T.DATE,
                    "Datum van het eerste contact (dd-mm-jjjj).",
                    required=True,
                    width=12,
                ),
                Column(
                    "intake_date",
                    "Datum kennismakingsgesprek",
                    T.DATE,
                    "Datum van het kennismakingsgesprek (dd-mm-jjjj), niet vóór het eerste "
                    "contact.",
                    expected_when=When("status", (v.SELECTED,)),
                    width=14,
                ),
                Column(
                    "expectations",
                    "Verwachtingen besproken",
                    T.VOCABULARY,
                    "Zijn de wederzijdse verwachtingen besproken?",
                    vocabulary=v.JA_NEE,
                    width=12,
                ),
                Column(
                    "motivation",
                    "Motivatie",
                    T.VOCABULARY,
                    "Hoe sterk is de motivatie van de kandidaat?",
                    vocabulary=v.MOTIVATIE,
                    width=18,
                ),
                Column(
                    "disruptor",
                    "Aandachtspunt stoorzender",
                    T.VOCABULARY,
                    "Is er een aanwijzing dat de kandidaat het netwerk kan verstoren?",
                    vocabulary=v.JA_NEE,
                    sensitive=True,
                    width=12,
                ),
                Column(
                    "status",
                    "Status",
                    T.VOCABULARY,
                    "Waar de kandidaat nu staat.",
                    required=True,
                    vocabulary=v.STATUS_KANDIDAAT,
                    width=16,
                ),
                Column(
                    "decision_date",
                    "Datum besluit",
                    T.DATE,
                    "Datum van het besluit (dd-mm-jjjj). Verplicht bij Geselecteerd, Afgewezen "
                    "en Zelf afgehaakt.",
                    required_when=When("status", v.DECIDED_STATUSES),
                    width=12,
                ),
                Column(
                    "person_id",
                    "Persoon-ID na selectie",
                    T.REFERENCE,
                    "De Persoon-ID in het sleutelpersonenregister. Verplicht bij Geselecteerd.",
                    required_when=When("status", (v.SELECTED,)),
                    references=_REGISTER,
                    reference_severity="warning",
                    width=12,
                ),
                Column(
                    "remarks",
                    "Opmerkingen",
                    T.TEXT,
                    "Vrije opmerkingen (niet verplicht).",
                    personal=True,
                    free_text=True,
                    width=30,
                ),
            ),
            unique=(("candidate_id",),),
            checks=(
                DateOrder("intake_date", "first_contact"),
                DateOrder("decision_date", "first_contact"),
                NotAfterFilledDate("first_contact"),
                Discouraged("motivation", "Onvoldoende", When("status", (v.SELECTED,))),
            ),
        ),
    ),
)

_MEETINGS = "Bijeenkomsten"

BIJEENKOMSTEN = Kind(
    id="bijeenkomsten",
    title="Bijeenkomstenlog",
    filename="bijeenkomstenlog",
    purpose="Welke bijeenkomsten het netwerk had, waar, met wie, en wie er aanwezig was.",
    instructions=(
        "Vul op Bijeenkomsten één regel in per bijeenkomst.",
        "Vul op Aanwezigheid één regel in per aanwezige sleutelpersoon per bijeenkomst.",
    ),
    sheets=(
        SheetSchema(
            name=_MEETINGS,
            purpose="Eén regel per bijeenkomst.",
            columns=(
                Column(
                    "meeting_id",
                    "Bijeenkomst-ID",
                    T.TEXT,
                    "Vaste code voor de bijeenkomst, bijvoorbeeld B-001.",
                    required=True,
                    width=12,
                ),
                Column(
                    "date",
                    "Datum",
                    T.DATE,
                    "Datum van de bijeenkomst (dd-mm-jjjj).",
                    required=True,
                    width=12,
                ),
                Column(
                    "kind",
                    "Soort bijeenkomst",
                    T.VOCABULARY,
                    "Wat voor bijeenkomst.",
                    required=True,
                    vocabulary=v.SOORTEN_BIJEENKOMST,
                    width=30,
                ),
                Column(
                    "location_kind",
                    "Soort locatie",
                    T.VOCABULARY,
                    "Waar de bijeenkomst was; wissel af tussen locaties.",
                    required=True,
                    vocabulary=v.LOCATIES,
                    width=24,
                ),
                Column(
                    "location", "Locatie", T.TEXT, "Naam van de locatie (niet verplicht).", width=24
                ),
                Column(
                    "topic",
                    "Onderwerp",
                    T.TEXT,
                    "Het onderwerp (niet verplicht).",
                    free_text=True,
                    width=30,
                ),
                Column(
                    "chair",
                    "Voorzitter",
                    T.VOCABULARY,
                    "Wie de bijeenkomst leidde.",
                    vocabulary=v.VOORZITTERS,
                    width=24,
                ),
                Column(
                    "key_persons_present",
                    "Aantal sleutelpersonen aanwezig",
                    T.INTEGER,
                    "Aantal aanwezige sleutelpersonen (een heel getal, 0 of meer).",
                    minimum=0,
                    width=14,
                ),
                Column(
                    "officials_present",
                    "Aantal ambtenaren aanwezig",
                    T.INTEGER,
                    "Aantal aanwezige ambtenaren (een heel getal, 0 of meer).",
                    minimum=0,
                    width=14,
                ),
                Column(
                    "executive_present",
                    "Bestuurder aanwezig",
                    T.VOCABULARY,
                    "Was de burgemeester of een wethouder aanwezig?",
                    vocabulary=v.BESTUURDERS,
                    width=20,
                ),
                Column(
                    "signals_discussed",
                    "Signalen besproken",
                    T.VOCABULARY,
                    "Zijn er signalen uit de wijken besproken?",
                    vocabulary=v.JA_NEE,
                    width=12,
                ),
                Column(
                    "agreements",
                    "Afspraken",
                    T.TEXT,
                    "Gemaakte afspraken (niet verplicht).",
                    free_text=True,
                    width=30,
                ),
            ),
            unique=(("meeting_id",),),
            checks=(
                NotAfterFilledDate("date", severity="warning"),
                CountMatches("key_persons_present", "meeting_id", "Aanwezigheid", "meeting_id"),
            ),
        ),
        SheetSchema(
            name="Aanwezigheid",
            purpose="Eén regel per aanwezige sleutelpersoon per bijeenkomst.",
            columns=(
                Column(
                    "meeting_id",
                    "Bijeenkomst-ID",
                    T.REFERENCE,
                    "Bijeenkomst-ID zoals op het blad Bijeenkomsten.",
                    required=True,
                    references=Ref("bijeenkomsten", _MEETINGS, "meeting_id"),
                    width=14,
                ),
                Column(
                    "person_id",
                    "Persoon-ID",
                    T.REFERENCE,
                    "Persoon-ID zoals in het sleutelpersonenregister.",
                    required=True,
                    references=_REGISTER,
                    width=14,
                ),
            ),
            unique=(("meeting_id", "person_id"),),
        ),
    ),
)


def _same(vocabulary: v.Vocabulary) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in vocabulary.values)


def _yes_no(yes: str, no: str) -> tuple[tuple[str, str], ...]:
    return ((yes, "Ja"), (no, "Nee"))


# How the Streefwaarden categories count persons in the register. Wijk targets (Dimensie
# Wijk, one per neighbourhood) count the register's Wijk column by name.
DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "Migratieachtergrond",
        "migration",
        _yes_no("Met migratieachtergrond", "Zonder migratieachtergrond"),
    ),
    Dimension("Leeftijdsgroep", "age_group", _same(v.LEEFTIJDSGROEPEN)),
    Dimension(
        "Hulpverlenend beroep",
        "care_profession",
        _yes_no("Met hulpverlenend beroep", "Zonder hulpverlenend beroep"),
    ),
    Dimension("Bekend bij gemeente", "known_to_municipality", _yes_no("Bekend", "Onbekend")),
    Dimension(
        "Opleiding",
        "education",
        (
            ("Theoretisch opgeleid", "Theoretisch opgeleid"),
            ("Praktisch opgeleid", "Praktisch opgeleid"),
        ),
    ),
    Dimension("Rol", "role", _same(v.ROLLEN)),
)
WIJK_DIMENSION_COLUMN = "wijk"


DIVERSITEIT = Kind(
    id="diversiteit",
    title="Diversiteitsmatrix",
    filename="diversiteitsmatrix",
    purpose="Hoe divers het netwerk wil zijn: streefwaarden per kenmerk, en de wijken.",
    instructions=(
        "Vul op Streefwaarden per categorie het streefpercentage in (0 tot 100). Per dimensie "
        "tellen de percentages op tot 100.",
        "Een dimensie zonder streefwaarden mag leeg blijven.",
        "Zet op Wijken de wijken van de gemeente; die kunnen de keuzelijst Wijk in het register "
        "vullen. Streefwaarden per wijk: voeg regels toe met Dimensie Wijk.",
    ),
    sheets=(
        SheetSchema(
            name="Streefwaarden",
            purpose="Eén regel per dimensie en categorie.",
            columns=(
                Column(
                    "dimension",
                    "Dimensie",
                    T.VOCABULARY,
                    "Het kenmerk.",
                    required=True,
                    vocabulary=v.DIMENSIES,
                    width=22,
                ),
                Column(
                    "category",
                    "Categorie",
                    T.TEXT,
                    "De categorie binnen de dimensie (bij Wijk: de naam van de wijk).",
                    required=True,
                    width=30,
                ),
                Column(
                    "target_pct",
                    "Streefpercentage",
                    T.NUMBER,
                    "Het gewenste aandeel in procenten, van 0 tot 100.",
                    minimum=0,
                    maximum=100,
                    width=14,
                ),
                Column(
                    "minimum",
                    "Minimum aantal",
                    T.INTEGER,
                    "Minimaal aantal sleutelpersonen in deze categorie (niet verplicht).",
                    minimum=0,
                    width=12,
                ),
                Column(
                    "current",
                    "Huidig aantal",
                    T.INTEGER,
                    "Zelf geteld huidig aantal (niet verplicht).",
                    minimum=0,
                    width=12,
                ),
            ),
            unique=(("dimension", "category"),),
            checks=(
                TargetsSum("dimension", "target_pct"),
                CategoryOf(
                    "dimension",
                    "category",
                    tuple((d.name, tuple(c for c, _ in d.categories)) for d in DIMENSIONS),
                    listed=(v.WIJK_DIMENSION, "Wijken", "wijk"),
                ),
            ),
            prefill=tuple(
                {"dimension": d.name, "category": category}
                for d in DIMENSIONS
                for category, _ in d.categories
            ),
        ),
        SheetSchema(
            name="Wijken",
            purpose="Eén regel per wijk van de gemeente.",
            columns=(
                Column("wijk", "Wijk", T.TEXT, "Naam van de wijk.", required=True, width=26),
                Column(
                    "wijk_code",
                    "CBS-wijkcode",
                    T.TEXT,
                    "Code van het CBS, bijvoorbeeld WK036301 (niet verplicht).",
                    pattern=r"WK\d{6}",
                    pattern_hint="WK gevolgd door 6 cijfers",
                    width=14,
                ),
            ),
            unique=(("wijk",),),
        ),
    ),
)

STATEMENTS: tuple[tuple[str, str], ...] = (
    ("S01", "Het netwerk draagt bij aan voorlichting en bewustwording"),
    ("S02", "Het netwerk versterkt de veerkracht en weerbaarheid van jongeren"),
    ("S03", "Het netwerk helpt spanningen te de-escaleren"),
    ("S04", "Het netwerk draagt bij aan effectief gemeentelijk beleid"),
    ("S05", "De samenwerking tussen netwerk en gemeente is wederkerig en gelijkwaardig"),
    ("S06", "Sleutelpersonen voelen zich gehoord, gezien en gewaardeerd"),
    ("S07", "Er is voldoende vertrouwen tussen de sleutelpersonen onderling"),
    ("S08", "De gemeente gaat zorgvuldig om met vertrouwelijke informatie"),
    ("S09", "Het netwerk heeft vaste, bekende contactpersonen bij de gemeente"),
    ("S10", "De rol van de gemeente in het netwerk is duidelijk"),
    ("S11", "De rol van sleutelpersonen past bij hun kennis en capaciteiten"),
    ("S12", "Er zijn voldoende momenten voor reflectie en evaluatie"),
)


def _statement(code: str, text: str) -> Column:
    return Column(
        code.lower(),
        f"{code} {text}",
        T.VOCABULARY,
        f"{text}. Kies 1 (helemaal oneens) tot 5 (helemaal eens), of n.v.t.",
        vocabulary=v.LIKERT,
        aliases=(code,),
        width=18,
    )


EVALUATIE = Kind(
    id="evaluatie",
    title="Evaluatieformulier",
    filename="evaluatieformulier",
    purpose="Hoe sleutelpersonen, gemeente en partners het netwerk beoordelen, en welke doelen "
    "het bereikt.",
    instructions=(
        "Vul op Vragenlijst één regel in per persoon die de vragenlijst invulde.",
        "Vul op Doelen per doel in of het is behaald.",
    ),
    sheets=(
        SheetSchema(
            name="Vragenlijst",
            purpose="Eén regel per respondent.",
            columns=(
                Column(
                    "respondent_id",
                    "Respondent-ID",
                    T.TEXT,
                    "Code van de respondent (niet verplicht; geen naam).",
                    width=12,
                ),
                Column(
                    "respondent_kind",
                    "Soort respondent",
                    T.VOCABULARY,
                    "Wie de vragenlijst invulde.",
                    required=True,
                    vocabulary=v.RESPONDENTEN,
                    width=20,
                ),
                Column("date", "Datum", T.DATE, "Datum van invullen (dd-mm-jjjj).", width=12),
                *(_statement(code, text) for code, text in STATEMENTS),
                Column(
                    "went_well",
                    "Wat gaat goed?",
                    T.TEXT,
                    "Vrije tekst (niet verplicht).",
                    free_text=True,
                    personal=True,
                    width=30,
                ),
                Column(
                    "could_improve",
                    "Wat kan beter?",
                    T.TEXT,
                    "Vrije tekst (niet verplicht).",
                    free_text=True,
                    personal=True,
                    width=30,
                ),
            ),
            unique=(("respondent_id",),),
            checks=(NotAfterFilledDate("date"),),
        ),
        SheetSchema(
            name="Doelen",
            purpose="Eén regel per doel van het netwerk.",
            columns=(
                Column(
                    "goal",
                    "Doel",
                    T.VOCABULARY,
                    "Het doel van het netwerk.",
                    required=True,
                    vocabulary=v.DOELEN,
                    width=30,
                ),
                Column(
                    "description",
                    "Omschrijving",
                    T.TEXT,
                    "Wat het doel inhoudt.",
                    free_text=True,
                    width=30,
                ),
                Column(
                    "indicator",
                    "Indicator",
                    T.TEXT,
                    "Waaraan u ziet of het doel is bereikt.",
                    free_text=True,
                    width=24,
                ),
                Column(
                    "target",
                    "Streefwaarde",
                    T.TEXT,
                    "Wat u wilt bereiken.",
                    free_text=True,
                    width=16,
                ),
                Column(
                    "achieved",
                    "Behaald",
                    T.VOCABULARY,
                    "Is het doel behaald?",
                    vocabulary=v.BEHAALD,
                    width=18,
                ),
                Column(
                    "explanation",
                    "Toelichting",
                    T.TEXT,
                    "Uitleg (niet verplicht).",
                    free_text=True,
                    width=30,
                ),
            ),
        ),
    ),
)

KINDS: tuple[Kind, ...] = (REGISTER, WERVING, BIJEENKOMSTEN, DIVERSITEIT, EVALUATIE)
KINDS_BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}


def kind_by_id(kind_id: str) -> Kind:
    return KINDS_BY_ID[kind_id]


def kind_by_filename(name: str) -> Kind | None:
    for kind in KINDS:
        if kind.filename == name or kind.id == name:
            return kind
    return None

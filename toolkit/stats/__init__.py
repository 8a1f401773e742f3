"""The statistics of a sleutelpersonennetwerk for one period, per municipality and in total.

Public API::

    compute_stats(workbooks, period) -> dict     # JSON-able, shape below
    period_from_workbooks(workbooks) -> Period   # from Gegevens "Periode"; UsageError if not one

Input is the validator's ``list[ParsedWorkbook]``. Workbooks are grouped by municipality
(Gegevens "Gemeente" trimmed, case-folded, spaces collapsed; shown as first written; the
municipalities sorted by that key). Rows with ``has_error`` are left out and counted in
``rijen``. Definitions follow DOMAIN.md "Turnover and other statistics" for the period [a, b]
(both inclusive; Einddatum is the last day of membership).

Conventions
-----------
* Dates are ISO strings; percentages (``*_pct``) are rounded half-up to one decimal; ``None``
  wherever a figure is undefined (a zero denominator, no data). A count sits beside every
  percentage (``uitstroom`` beside ``verloop_pct``, ``behouden`` beside ``behoud_pct`` ...).
* Every block has ``bestand_aanwezig``: whether a workbook of that kind was given; without
  one its counts are 0 and its rates None.
* Vocabulary breakdowns (``redenen``, ``per_soort``, ``statussen`` ...) list every value of
  the vocabulary in the schema's order, zeros included, so charts and suppression see
  the same cells for every municipality.
* ``totaal`` is computed over the persons of all municipalities together (Persoon-IDs kept
  apart per municipality), never as an average of percentages: each municipality's tally
  (toolkit.stats.compute.Tally: counts, and the day counts that medians and the retention
  curve need) is added up, which equals pooling their rows. Its ``gemeente`` is "Totaal", its
  diversity has no targets (each municipality sets its own) and no Wijk dimension, and its
  ``signalen`` are all municipalities' signals together.
* Membership days of a period = Einddatum − Startdatum + 1 (ongoing: b − Startdatum + 1).
  Vroege uitval: a leaver in [a, b] with fewer than 365 membership days.
* Kaplan–Meier: over every period with Startdatum ≤ b; a period ending on or before b is an
  event at its membership days, every other one is censored at b. S(t) = share with more
  than t membership days; month m is m × 365 // 12 days (6 → 182, 12 → 365, 24 → 730);
  the median is the first event time where S ≤ 0.5 (None when the curve stays above).
* Diversity counts the persons active at the end of the period (Bezetting eind) per
  toolkit.schema.kinds.DIMENSIONS; an empty cell or "Onbekend" (JA_NEE_ONBEKEND / OPLEIDING)
  is counted in ``ontbrekend`` and left OUT of the denominator ``basis``. Rol counts the
  first role only. Blau index = 1 − Σ p² over the known categories (3 decimals).
  ``verschil_pp`` = aandeel − streef (negative: below target).
* Recruitment counts every candidate with Datum eerste contact ≤ b. Stages: Benaderd =
  all; In gesprek = a get-acquainted date, or status In gesprek / Geselecteerd; Geselecteerd
  = status Geselecteerd. ``nieuw_benaderd`` = first contact in [a, b]; ``besluiten`` =
  candidates with a decision date (the base of the median days first contact -> decision).
* Means of Likert scores have two decimals; medians (days) one.
* Meetings: those dated in [a, b]. Attendance of a meeting = its Aanwezigheid rows, or when
  it has none the count "Aantal sleutelpersonen aanwezig"; its base = periods active on that
  day. Per person: meetings attended / meetings (with Aanwezigheid rows) held while active.
  Quiet members: active at b, member since the start of the previous quarter, and no
  attendance in that quarter and the current one (None without any Aanwezigheid rows).
* Evaluation: Vragenlijst rows dated in the twelve months up to b (b − 364 .. b) or undated;
  all Doelen rows.

Shape (abridged example; lists shortened with ...)::

    {
      "periode": {"label": "2026-K3", "start": "2026-07-01", "end": "2026-09-30"},
      "gemeenten": [{
        "gemeente": "Utrecht",
        "rijen": {"register": {"rijen_gebruikt": 40, "rijen_weggelaten": 1},
                  "werving": {...}, "bijeenkomsten": {...}, "diversiteit": {...},
                  "evaluatie": {...}},
        "verloop": {
          "bestand_aanwezig": true,
          "bezetting_begin": 30, "bezetting_eind": 31, "gemiddelde_bezetting": 30.5,
          "instroom": 3, "herintreders": 1,
          "uitstroom": 2, "uitstroom_vrijwillig": 1, "uitstroom_onvrijwillig": 1,
          "verloop_pct": 6.6, "behouden": 28, "behoud_pct": 93.3,
          "vroege_uitval": 1, "exitgesprekken": 1, "exitgesprek_pct": 50.0,
          "redenen": {"Geen tijd of energie meer": 1, ..., "Overig": 0},
          "identiteit": {"verwacht_eind": 31, "klopt": true},
          "zittingsduur": {"actief_n": 31, "actief_mediaan_dagen": 610.0,
                           "vertrokken_n": 2, "vertrokken_mediaan_dagen": 250.5},
          "retentie": {"perioden": 45, "vertrekken": 14,
                       "behoud_6_maanden_pct": 95.1, "behoud_12_maanden_pct": 84.0,
                       "behoud_24_maanden_pct": 61.2, "mediaan_dagen": 1012,
                       "curve": [{"maand": 0, "dagen": 0, "behoud_pct": 100.0}, ...,
                                 {"maand": 24, "dagen": 730, "behoud_pct": 61.2}]},
          "trend": [{"label": "2024-K4", "start": "2024-10-01", "end": "2024-12-31",
                     "bezetting_begin": 25, "bezetting_eind": 26, "instroom": 2,
                     "uitstroom": 1, "verloop_pct": 3.9}, ... eight quarters, oldest first,
                    the last one the quarter holding b]
        },
        "werving": {
          "bestand_aanwezig": true, "kandidaten": 12, "nieuw_benaderd": 4,
          "besluiten_in_periode": 3,
          "trechter": {"benaderd": 12, "in_gesprek": 8, "geselecteerd": 5,
                       "benaderd_naar_gesprek_pct": 66.7, "gesprek_naar_geselecteerd_pct": 62.5,
                       "opbrengst_pct": 41.7},
          "statussen": {"Benaderd": 2, "In gesprek": 2, "Geselecteerd": 5, ...},
          "mediaan_dagen_tot_besluit": 35.0, "besluiten": 7,
          "per_methode": {"Via bestaand netwerk": {"benaderd": 3, "in_gesprek": 2,
                          "geselecteerd": 1, "opbrengst_pct": 33.3, "besluiten": 2,
                          "mediaan_dagen_tot_besluit": 28.0}, ... every WERVINGSMETHODEN}
        },
        "diversiteit": {
          "bestand_aanwezig": true, "actief": 31,
          "dimensies": [{"dimensie": "Migratieachtergrond", "basis": 29, "ontbrekend": 2,
                         "blau_index": 0.499,
                         "categorieen": [{"categorie": "Met migratieachtergrond",
                                          "aantal": 14, "aandeel_pct": 48.3,
                                          "streef_pct": 50.0, "verschil_pp": -1.7,
                                          "minimum_aantal": null}, ...]},
                        ... every DIMENSIONS entry, then "Wijk" (categories: the targets'
                        wijken, then other wijken of active persons, by name)]
        },
        "bijeenkomsten": {
          "bestand_aanwezig": true, "aantal": 4,
          "per_soort": {"Periodiek netwerkoverleg": 3, ...},
          "per_locatie": {"Gemeentehuis": 1, "Moskee": 1, ...},
          "met_bestuurder": 1,
          "aanwezig": 52, "actief_op_datum": 120, "opkomst_pct": 43.3,
          "per_bijeenkomst": [{"datum": "2026-07-14", "soort": "Periodiek netwerkoverleg",
                               "soort_locatie": "Moskee", "aanwezig": 14,
                               "actief": 30, "opkomst_pct": 46.7}, ...],
          "per_persoon": {"personen": 30, "gemiddelde_opkomst_pct": 41.2,
                          "verdeling": {"nooit": 6, "minder_dan_de_helft": 10,
                                        "de_helft_of_meer": 9, "altijd": 5}},
          "stille_leden": 4, "stille_leden_basis": 27
        },
        "evaluatie": {
          "bestand_aanwezig": true, "respondenten": 18, "laatste_datum": "2026-06-30",
          "stellingen": [{"code": "S01", "stelling": "Het netwerk draagt bij ...",
                          "n": 17, "gemiddelde": 3.82,
                          "verdeling": {"1 Helemaal oneens": 0, ..., "n.v.t.": 1}}, ...],
          "per_soort_respondent": {"Sleutelpersoon": {"respondenten": 12, "n": 140,
                                   "gemiddelde": 3.9, "per_stelling": {"S01": 4.1, ...}},
                                   ... every RESPONDENTEN},
          "doelen": 4, "behaald": {"Ja": 1, "Deels": 2, "Nee": 0, "Nog niet te beoordelen": 1,
                                   "Niet ingevuld": 0},
          "per_doel": {"Voorlichting en bewustwording": {"Ja": 1, ...}, ...}
        },
        "signalen": [{"code": "exitgesprek_ontbreekt", "gemeente": "Utrecht",
                      "bericht": "1 van de 2 vertrokken sleutelpersonen had geen exitgesprek.",
                      "paragraaf": "3.3", "cijfers": {"uitstroom": 2, "zonder_exitgesprek": 1}}]
      }],
      "totaal": {"gemeente": "Totaal", "rijen": ..., "verloop": ..., ..., "signalen": [...]}
    }

Signal codes (paragraaf): geen_evaluatie (3.4: no response dated in the twelve months up to
b, also when no evaluation workbook was given), exitgesprek_ontbreekt (3.3),
uitstroom_boven_instroom (3.3: the last two quarters of the trend), geen_werving (3.3:
leavers, no inflow and no new candidate in the period), rol_ontbreekt (2.2),
stille_leden (3.3), avg_toestemming_ontbreekt (3.1), een_soort_locatie (3.2: two or more
meetings, all at one kind of location), geen_bestuurder (1.2, 3.1: meetings in the twelve
months up to b, none with a mayor or alderman), geen_kerngroep (1.3: more than 50 active, no
one in the core group), streefwaarde_gemist (2.2: a share more than 10 points below its target).
"""

from toolkit.stats.compute import compute_stats, period_from_workbooks

__all__ = ["compute_stats", "period_from_workbooks"]

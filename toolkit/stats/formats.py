"""The stats dict as a person reads it (Dutch text) and as a table (CSV, one row per
municipality and a Totaal row). Suppressed figures (None after --drempel) show as ≤N."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

Figures = dict[str, Any]
LABEL_WIDTH = 40

# The headline figures of the CSV: (header, how to get it from one municipality's figures).
HEADLINE: tuple[tuple[str, Callable[[Figures], Any]], ...] = (
    ("Gemeente", lambda f: f["gemeente"]),
    ("Bezetting begin", lambda f: f["verloop"]["bezetting_begin"]),
    ("Bezetting eind", lambda f: f["verloop"]["bezetting_eind"]),
    ("Gemiddelde bezetting", lambda f: f["verloop"]["gemiddelde_bezetting"]),
    ("Instroom", lambda f: f["verloop"]["instroom"]),
    ("Herintreders", lambda f: f["verloop"]["herintreders"]),
    ("Uitstroom", lambda f: f["verloop"]["uitstroom"]),
    ("Uitstroom vrijwillig", lambda f: f["verloop"]["uitstroom_vrijwillig"]),
    ("Uitstroom onvrijwillig", lambda f: f["verloop"]["uitstroom_onvrijwillig"]),
    ("Verloop %", lambda f: f["verloop"]["verloop_pct"]),
    ("Behouden", lambda f: f["verloop"]["behouden"]),
    ("Behoud %", lambda f: f["verloop"]["behoud_pct"]),
    ("Vroege uitval", lambda f: f["verloop"]["vroege_uitval"]),
    ("Exitgesprekken", lambda f: f["verloop"]["exitgesprekken"]),
    ("Exitgesprek %", lambda f: f["verloop"]["exitgesprek_pct"]),
    ("Behoud na 12 maanden %", lambda f: f["verloop"]["retentie"]["behoud_12_maanden_pct"]),
    ("Kandidaten", lambda f: f["werving"]["kandidaten"]),
    ("Geselecteerd", lambda f: f["werving"]["trechter"]["geselecteerd"]),
    ("Opbrengst werving %", lambda f: f["werving"]["trechter"]["opbrengst_pct"]),
    ("Bijeenkomsten", lambda f: f["bijeenkomsten"]["aantal"]),
    ("Opkomst %", lambda f: f["bijeenkomsten"]["opkomst_pct"]),
    ("Stille leden", lambda f: f["bijeenkomsten"]["stille_leden"]),
    ("Respondenten evaluatie", lambda f: f["evaluatie"]["respondenten"]),
    ("Signalen", lambda f: len(f["signalen"])),
)


def dutch_number(value: Any) -> str:
    """12.5 -> "12,5"; whole numbers without decimals; None -> ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def dutch_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d-%m-%Y")


def to_json(stats: dict[str, Any]) -> str:
    return json.dumps(stats, ensure_ascii=False, indent=2)


def to_csv(stats: dict[str, Any]) -> str:
    """Semicolons and decimal commas, as Excel and LibreOffice in Dutch expect."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["Periode", *(header for header, _ in HEADLINE)])
    for figures in [*stats["gemeenten"], stats["totaal"]]:
        writer.writerow(
            [stats["periode"]["label"], *(dutch_number(get(figures)) for _, get in HEADLINE)]
        )
    return out.getvalue()


class _Text:
    """Builds the text report line by line; a suppressed count shows as ≤ the threshold."""

    def __init__(self, threshold: int | None) -> None:
        self.lines: list[str] = []
        self.hidden = f"≤{threshold}" if threshold is not None else "?"

    def n(self, value: Any) -> str:
        return self.hidden if value is None else dutch_number(value)

    def num(self, value: Any) -> str:
        """A figure that is not a count (a median, an index): – when undefined."""
        return "–" if value is None else dutch_number(value)

    def pct(self, value: Any) -> str:
        return "–" if value is None else f"{dutch_number(value)}%"

    def line(self, label: str, text: str, indent: int = 2) -> None:
        self.lines.append(f"{' ' * indent}{label + ':':<{LABEL_WIDTH}} {text}".rstrip())

    def heading(self, text: str) -> None:
        self.lines += ["", text, "=" * len(text)]

    def section(self, text: str) -> None:
        self.lines += ["", text]


def _turnover(out: _Text, v: Figures) -> None:
    out.section("Verloop")
    out.line(
        "Bezetting begin / eind", f"{out.n(v['bezetting_begin'])} / {out.n(v['bezetting_eind'])}"
    )
    out.line("Gemiddelde bezetting", out.n(v["gemiddelde_bezetting"]))
    out.line("Instroom", f"{out.n(v['instroom'])} (herintreders: {out.n(v['herintreders'])})")
    out.line(
        "Uitstroom",
        f"{out.n(v['uitstroom'])} (vrijwillig {out.n(v['uitstroom_vrijwillig'])}, "
        f"onvrijwillig {out.n(v['uitstroom_onvrijwillig'])})",
    )
    out.line(
        "Verloop",
        f"{out.pct(v['verloop_pct'])} ({out.n(v['uitstroom'])} van gemiddeld "
        f"{out.num(v['gemiddelde_bezetting'])})",
    )
    out.line(
        "Behoud",
        f"{out.pct(v['behoud_pct'])} ({out.n(v['behouden'])} van {out.n(v['bezetting_begin'])})",
    )
    out.line("Vroege uitval (< 1 jaar)", out.n(v["vroege_uitval"]))
    out.line("Exitgesprekken", f"{out.n(v['exitgesprekken'])} ({out.pct(v['exitgesprek_pct'])})")
    check = v["identiteit"]
    out.line(
        "Controle begin + in − uit = eind",
        "klopt" if check["klopt"] else f"klopt NIET (verwacht {check['verwacht_eind']})",
    )
    out.line("Redenen van vertrek", "")
    for reason, count in v["redenen"].items():
        if count != 0:
            out.line(f"  {reason}", out.n(count))
    tenure, km = v["zittingsduur"], v["retentie"]
    out.line(
        "Zittingsduur mediaan (dagen)",
        f"actief {out.num(tenure['actief_mediaan_dagen'])}, "
        f"vertrokken {out.num(tenure['vertrokken_mediaan_dagen'])}",
    )
    out.line(
        "Nog actief na 6 / 12 / 24 maanden",
        " / ".join(out.pct(km[f"behoud_{m}_maanden_pct"]) for m in (6, 12, 24))
        + _km_median(km["mediaan_dagen"]),
    )
    out.line("Trend (begin, in, uit, eind)", "")
    for q in v["trend"]:
        out.line(
            f"  {q['label']}",
            f"{out.n(q['bezetting_begin'])}, +{out.n(q['instroom'])}, "
            f"−{out.n(q['uitstroom'])}, {out.n(q['bezetting_eind'])} ({out.pct(q['verloop_pct'])})",
        )


def _km_median(days: int | None) -> str:
    return " (helft nog actief)" if days is None else f" (mediaan {days} dagen)"


def _recruitment(out: _Text, w: Figures) -> None:
    out.section("Werving")
    funnel = w["trechter"]
    out.line(
        "Kandidaten (nieuw in periode)", f"{out.n(w['kandidaten'])} ({out.n(w['nieuw_benaderd'])})"
    )
    out.line(
        "Benaderd → in gesprek → geselecteerd",
        f"{out.n(funnel['benaderd'])} → {out.n(funnel['in_gesprek'])} → "
        f"{out.n(funnel['geselecteerd'])} (opbrengst {out.pct(funnel['opbrengst_pct'])})",
    )
    out.line("Mediaan dagen tot besluit", out.num(w["mediaan_dagen_tot_besluit"]))


def _diversity(out: _Text, d: Figures) -> None:
    out.section(f"Diversiteit (actief aan het eind: {out.n(d['actief'])})")
    for dimension in d["dimensies"]:
        out.line(
            dimension["dimensie"],
            f"Blau-index {out.num(dimension['blau_index'])}, "
            f"niet ingevuld of onbekend {out.n(dimension['ontbrekend'])}",
        )
        for c in dimension["categorieen"]:
            target = ""
            if c["streef_pct"] is not None:
                target = (
                    f", streef {out.pct(c['streef_pct'])}, verschil {out.num(c['verschil_pp'])} pp"
                )
            out.line(
                f"  {c['categorie']}", f"{out.n(c['aantal'])} ({out.pct(c['aandeel_pct'])}{target})"
            )


def _meetings(out: _Text, b: Figures) -> None:
    out.section("Bijeenkomsten")
    out.line("Aantal", out.n(b["aantal"]))
    out.line(
        "Opkomst",
        f"{out.pct(b['opkomst_pct'])} ({out.n(b['aanwezig'])} van {out.n(b['actief_op_datum'])})",
    )
    out.line("Met burgemeester of wethouder", out.n(b["met_bestuurder"]))
    no_attendance = b["stille_leden"] is None and not b["stille_leden_basis"]
    out.line("Stille leden (2 kwartalen)", "–" if no_attendance else out.n(b["stille_leden"]))


def _evaluation(out: _Text, e: Figures) -> None:
    out.section(f"Evaluatie (respondenten: {out.n(e['respondenten'])})")
    out.line("Gemiddelde per stelling (1 tot 5)", "")
    for s in e["stellingen"]:
        if s["n"]:
            out.line(
                f"  {s['code']}", f"gemiddeld {out.num(s['gemiddelde'])} (n = {out.n(s['n'])})"
            )
    out.line(
        "Doelen behaald",
        ", ".join(f"{k} {out.n(n)}" for k, n in e["behaald"].items() if n != 0) or "–",
    )


def _signals(out: _Text, signals: list[Figures], show_place: bool) -> None:
    out.section(f"Signalen ({len(signals)})")
    for s in signals:
        place = f"{s['gemeente']}: " if show_place else ""
        out.lines.append(f"  - {place}{s['bericht']} (handreiking {s['paragraaf']})")


def _block(out: _Text, figures: Figures, total: bool) -> None:
    out.heading(figures["gemeente"])
    _turnover(out, figures["verloop"])
    _recruitment(out, figures["werving"])
    _diversity(out, figures["diversiteit"])
    _meetings(out, figures["bijeenkomsten"])
    _evaluation(out, figures["evaluatie"])
    _signals(out, figures["signalen"], show_place=total)


def to_text(stats: dict[str, Any]) -> str:
    period = stats["periode"]
    out = _Text(stats.get("drempel"))
    out.lines.append(
        f"Periode {period['label']}: {dutch_date(period['start'])} t/m {dutch_date(period['end'])}"
    )
    if "drempel" in stats:
        out.lines.append(
            f"Aantallen van 1 tot en met {stats['drempel']} zijn afgeschermd (≤{stats['drempel']})."
        )
    for figures in stats["gemeenten"]:
        _block(out, figures, total=False)
    if len(stats["gemeenten"]) != 1:
        _block(out, stats["totaal"], total=True)
    return "\n".join(out.lines) + "\n"


def render(stats: dict[str, Any], fmt: str) -> str:
    return {"json": to_json, "csv": to_csv, "text": to_text}[fmt](stats)

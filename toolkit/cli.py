"""The command line: a thin Click layer over the library API.

Each command parses its options, calls one library function and renders the result. Library
exceptions become one Dutch line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit import __version__
from toolkit.errors import SleutelnetError, UsageError
from toolkit.schema import KINDS
from toolkit.template import generate_templates, kinds_named, read_wijken

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn a SleutelnetError (or an unexpected fault) into one line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SleutelnetError as exc:
            click.echo(f"Fout: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Afgebroken.", err=True)
            sys.exit(130)
        except Exception as exc:  # a fault of ours: one line, the traceback only on request
            if os.environ.get("SLEUTELNET_DEBUG"):
                raise
            click.echo(
                f"Interne fout in sleutelnet ({type(exc).__name__}: {exc}). Meld dit bij de "
                "beheerders; met SLEUTELNET_DEBUG=1 ziet u de details.",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _in_dutch(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = "Toon deze uitleg en stop."
    return option


class DutchCommand(click.Command):
    """A command whose --help option explains itself in Dutch, like everything else."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_dutch(super().get_help_option(ctx))


class DutchGroup(click.Group):
    command_class = DutchCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_dutch(super().get_help_option(ctx))


def input_paths() -> Callable[[F], F]:
    """PAD...: workbooks or folders of workbooks."""
    return click.argument(
        "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PAD..."
    )


def output_folder(default: Path) -> Callable[[F], F]:
    """-o/--output MAP: the folder the workbooks are written into."""
    return click.option(
        "-o",
        "--output",
        "outdir",
        type=click.Path(path_type=Path),
        default=default,
        show_default=True,
        metavar="MAP",
        help="Map waarin de bestanden komen.",
    )


def period_options() -> Callable[[F], F]:
    """--kwartaal and --jaar: the period to report on."""

    def decorate(command: F) -> F:
        command = click.option("--jaar", metavar="JJJJ", help="Het hele jaar, bijvoorbeeld 2026.")(
            command
        )
        return click.option(
            "--kwartaal", metavar="JJJJ-KN", help="Het kwartaal, bijvoorbeeld 2026-K3."
        )(command)

    return decorate


def jobs_option(help_text: str) -> Callable[[F], F]:
    """--jobs N: processes working side by side, by default one per core."""
    return click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="aantal processorkernen",
        metavar="N",
        help=help_text,
    )


@click.group(cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sleutelnet", help="Toon het versienummer en stop.")
def cli() -> None:
    """sleutelnet: werkbladen voor het sleutelpersonennetwerk van een gemeente.

    Maak lege werkbladen (template), controleer ingevulde werkbladen (validate) en maak een
    kwartaaloverzicht van veel werkbladen (merge, stats).
    """


TEMPLATE_HELP = f"""Maak lege werkbladen om in te vullen (.xlsx of .ods).

SOORT is een van: {", ".join(f"{k.id} ({k.filename})" for k in KINDS)}.
Bestaande bestanden worden alleen met --force overschreven.

\b
Voorbeeld:
  sleutelnet template --all --gemeente Utrecht --wijken wijken.txt -o werkbladen
"""


@cli.command("template", help=TEMPLATE_HELP)
@click.argument("kind_names", nargs=-1, metavar="[SOORT]...")
@click.option("--all", "all_kinds", is_flag=True, help="Alle vijf werkbladen.")
@click.option(
    "--format",
    "fmt",
    default="xlsx",
    show_default=True,
    metavar="xlsx|ods",
    help="Bestandsformaat.",
)
@output_folder(Path("."))
@click.option("--gemeente", metavar="NAAM", help="Vul de gemeente in op het blad Gegevens.")
@click.option(
    "--wijken",
    "wijken_file",
    type=click.Path(path_type=Path),
    metavar="BESTAND",
    help="Tekstbestand (één wijk per regel) of ingevulde diversiteitsmatrix: "
    "maakt van de kolom Wijk een keuzelijst.",
)
@click.option("--force", is_flag=True, help="Overschrijf bestaande bestanden.")
@reports_errors
def template_command(
    kind_names: tuple[str, ...],
    all_kinds: bool,
    fmt: str,
    outdir: Path,
    gemeente: str | None,
    wijken_file: Path | None,
    force: bool,
) -> None:
    if all_kinds == bool(kind_names):
        raise UsageError("Geef een of meer soorten of --all (niet allebei). Zie --help.")
    kinds = list(KINDS) if all_kinds else kinds_named(kind_names)
    wijken = read_wijken(wijken_file) if wijken_file is not None else []
    for path in generate_templates(
        kinds, outdir, fmt.lower(), gemeente=gemeente, wijken=wijken, force=force
    ):
        click.echo(f"Geschreven: {path}")


STATS_HELP = """Toon de cijfers van het netwerk (verloop, werving, diversiteit, bijeenkomsten,
evaluatie en signalen) per gemeente en in totaal, zonder overzichtswerkboek.

PAD is een werkblad of een map met werkbladen. Zonder --kwartaal of --jaar komt de periode
uit het blad Gegevens van de bestanden. De cijfers zijn exact; met --drempel worden kleine
aantallen afgeschermd, zoals in het overzicht dat u deelt.

\b
Voorbeelden:
  sleutelnet stats werkbladen/ --kwartaal 2026-K3
  sleutelnet stats werkbladen/ --format json --drempel 5 > cijfers.json
"""


@cli.command("stats", help=STATS_HELP)
@input_paths()
@period_options()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Tekst om te lezen, JSON, of CSV (één regel per gemeente en Totaal).",
)
@click.option(
    "--drempel",
    type=click.IntRange(min=1),
    metavar="N",
    help="Scherm aantallen van 1 tot en met N af (in JSON: null, met de naam in onderdrukt).",
)
@jobs_option("Aantal gemeenten tegelijk lezen en berekenen (processen).")
@reports_errors
def stats_command(
    paths: tuple[Path, ...],
    kwartaal: str | None,
    jaar: str | None,
    fmt: str,
    drempel: int | None,
    jobs: int,
) -> None:
    from toolkit.merge import collect
    from toolkit.stats.compute import period_from_options
    from toolkit.stats.formats import render

    period = period_from_options(kwartaal, jaar)
    result = collect(paths, period=period, threshold=drempel, jobs=jobs).stats
    click.echo(render(result, fmt), nl=False)


MERGE_HELP = """Voeg de werkbladen van een of meer gemeenten samen tot één kwartaaloverzicht
(Excel), met verloop, werving, diversiteit, bijeenkomsten, evaluatie, signalen en bronnen.

PAD is een werkblad of een map met werkbladen. Elk bestand wordt eerst gecontroleerd;
regels met fouten worden weggelaten en geteld op het blad Bronnen. Zonder --kwartaal of
--jaar komt de periode uit het blad Gegevens van de bestanden. Kleine aantallen (1 tot en
met --drempel) worden afgeschermd; het overzicht bevat geen namen of contactgegevens.

\b
Voorbeelden:
  sleutelnet merge werkbladen/ -o overzicht.xlsx
  sleutelnet merge werkbladen/ -o overzicht.xlsx --kwartaal 2026-K3 --vorige vorig-kwartaal/
"""


@cli.command("merge", help=MERGE_HELP)
@input_paths()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="OVERZICHT.xlsx",
    help="Het overzicht dat wordt geschreven.",
)
@period_options()
@click.option(
    "--vorige",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="PAD",
    help="Register(s) van het vorige kwartaal: meldt wie zonder einddatum is verdwenen. "
    "Mag vaker worden gegeven.",
)
@click.option(
    "--drempel",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    metavar="N",
    help="Aantallen van 1 tot en met N worden afgeschermd.",
)
@click.option("--streng", is_flag=True, help="Voeg niets samen als een bestand fouten heeft.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "ods"]),
    help="Bestandsformaat van het overzicht; standaard volgens de naam (-o), anders xlsx. "
    "Een .ods-overzicht heeft dezelfde tabellen, zonder grafieken.",
)
@jobs_option("Aantal gemeenten tegelijk lezen en berekenen (processen).")
@reports_errors
def merge_command(
    paths: tuple[Path, ...],
    output: Path,
    kwartaal: str | None,
    jaar: str | None,
    vorige: tuple[Path, ...],
    drempel: int,
    streng: bool,
    fmt: str | None,
    jobs: int,
) -> None:
    from toolkit.merge import format_of, merge_workbooks
    from toolkit.stats.compute import period_from_options

    with ExitStack() as stack:
        result = merge_workbooks(
            paths,
            output,
            period=period_from_options(kwartaal, jaar),
            previous=vorige,
            threshold=drempel,
            strict=streng,
            fmt=fmt or format_of(output),
            jobs=jobs,
            progress=_progress_bar(stack, "Werkbladen lezen"),
        )
    click.echo(result.report())


PROGRESS_FROM = 20  # more files than this get a progress bar (on a terminal)


def _progress_bar(stack: ExitStack, label: str) -> Callable[[int, int], None] | None:
    """A progress callback drawing a bar on stderr, opened at the first report; None when
    stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    bars: list[Any] = []

    def report(done: int, total: int) -> None:
        if total <= PROGRESS_FROM:
            return
        if not bars:
            bars.append(
                stack.enter_context(click.progressbar(length=total, label=label, file=sys.stderr))
            )
        bars[0].update(done - bars[0].pos)

    return report


VALIDATE_HELP = """Controleer ingevulde werkbladen; meld elk probleem bij de cel, met de oplossing.

PAD is een bestand (.xlsx, .xlsm, .ods) of een map: dan worden alle werkbladen in die map
gecontroleerd (niet die in submappen). Werkbladen van dezelfde gemeente worden ook onderling
vergeleken (bestaat een Persoon-ID uit de wervingstracker in het register?).

Afsluitcode: 0 geen fouten (waarschuwingen mogen), 1 fouten gevonden (met --strict ook bij
waarschuwingen), 2 verkeerd gebruik, 3 een bestand kon helemaal niet worden gelezen.

\b
Voorbeelden:
  sleutelnet validate werkbladen/
  sleutelnet validate register.xlsx --format json
  sleutelnet validate werkbladen/ --annotate gecontroleerd/
"""


@cli.command("validate", help=VALIDATE_HELP)
@input_paths()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Tekst om te lezen, of JSON.",
)
@click.option(
    "--annotate",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="MAP",
    help="Schrijf in MAP per bestand een kopie met de problemen gemarkeerd in de cellen.",
)
@click.option("--strict", is_flag=True, help="Tel waarschuwingen ook als fouten.")
@jobs_option("Aantal bestanden tegelijk lezen (processen).")
@reports_errors
def validate_command(
    paths: tuple[Path, ...], fmt: str, annotate: Path | None, strict: bool, jobs: int
) -> None:
    from toolkit.validate import render_text, validate_paths
    from toolkit.validate.report import is_unreadable

    report = validate_paths(paths, jobs=jobs)
    if annotate is not None:
        from toolkit.validate.annotate import annotate_workbook

        readable = [workbook for workbook in report.files if not is_unreadable(workbook)]
        # Mirror the inputs' folders, so that registers of several municipalities that
        # share a file name do not overwrite each other's annotated copy.
        root = Path(os.path.commonpath([w.path.resolve().parent for w in readable or report.files]))
        for workbook in readable:
            folder = annotate / workbook.path.resolve().parent.relative_to(root)
            annotate_workbook(workbook.path, workbook.findings, folder)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(strict=strict), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report, strict=strict))
    sys.exit(report.exit_code(strict=strict))


SAMPLES_HELP = """Maak fictieve, realistisch ingevulde werkbladen: de vijf werkbladen van elke
gemeente in een eigen map, ingevuld voor het kwartaal. Alle namen, gemeenten en gegevens
zijn verzonnen. Met dezelfde --seed komen precies dezelfde bestanden.

Met --met-fouten komt er ook een map met-fouten: een gemeente met de fouten die gemeenten
echt maken, en fouten.json met per fout het bestand, het blad en de cel (altijd .xlsx).

\b
Voorbeelden:
  sleutelnet samples --gemeenten 3 -o voorbeelden
  sleutelnet samples --gemeenten 342 --seed 7 -o landelijk
  sleutelnet samples --met-fouten --format ods
"""


@cli.command("samples", help=SAMPLES_HELP)
@output_folder(Path("samples"))
@click.option(
    "--gemeenten",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    metavar="N",
    help="Aantal fictieve gemeenten.",
)
@click.option(
    "--kwartaal",
    default="2026-K3",
    show_default=True,
    metavar="JJJJ-KN",
    help="Het kwartaal waarover de werkbladen gaan.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Startgetal van het toeval.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "ods"]),
    default="xlsx",
    show_default=True,
    help="Bestandsformaat.",
)
@click.option("--met-fouten", is_flag=True, help="Maak ook de map met-fouten met fouten.json.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Aantal processen tegelijk (standaard: aantal processorkernen).",
)
@reports_errors
def samples_command(
    outdir: Path,
    gemeenten: int,
    kwartaal: str,
    seed: int,
    fmt: str,
    met_fouten: bool,
    jobs: int | None,
) -> None:
    from toolkit.periods import parse_quarter
    from toolkit.samples import write_samples

    period = parse_quarter(kwartaal)
    if period is None:
        raise UsageError(f"Onbekend kwartaal '{kwartaal}'; schrijf het als 2026-K3.")
    paths = write_samples(
        outdir, period, gemeenten=gemeenten, seed=seed, fmt=fmt, met_fouten=met_fouten, jobs=jobs
    )
    click.echo(f"{len(paths)} bestanden geschreven in {outdir}.")


def main() -> None:
    """The console entry point. The process ends once the command is done and its output is
    flushed, without the interpreter's teardown: after a national merge that would free
    millions of objects one at a time (some 0.2 s) for nothing. The command has closed every
    file it wrote by then, and its worker processes have ended."""
    try:
        cli(prog_name="sleutelnet")
        code = 0
    except SystemExit as exc:  # how Click ends, also after success
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message")
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError):  # a reader that went away (| head): nothing more to tell it
            stream.flush()
    os._exit(code)

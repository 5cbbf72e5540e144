"""Demo examples: housing organisations that changed a recurring operations
task, with what it gave on the three bottom lines.

Every organisation, person and figure is made up for the demo; e-mail
addresses sit under example.dk. Places and coordinates are real Danish towns,
so the map shows the examples where they would be. Loading is idempotent:
when any example exists, nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from almenhub.examples.models import (
    ExampleBuildingBlock,
    ExampleContact,
    ExamplePage,
    ExampleStatus,
    OperationsTask,
)
from almenhub.examples.services import example_index_get_or_create, unique_example_slug
from almenhub.examples.text import text_to_richtext
from almenhub.indicators.models import Indicator, IndicatorValue, ValueMethod
from almenhub.organisations.models import Department, Organisation, OrganisationKind
from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.services import person_upsert
from almenhub.taxonomy.models import Theme

MEASURED, ESTIMATED, TARGET = (
    ValueMethod.MEASURED,
    ValueMethod.ESTIMATED,
    ValueMethod.TARGET,
)
IDEA, IN_PROGRESS, IMPLEMENTED = (
    ExampleStatus.IDEA,
    ExampleStatus.IN_PROGRESS,
    ExampleStatus.IMPLEMENTED,
)

DRIFT = ("Drift og administration", "Drift og vedligehold")
OEKONOMI = ("Drift og administration", "Økonomi og styring")
NATUR = ("Energi, klima og miljø", "Natur og biodiversitet")
ENERGI = ("Energi, klima og miljø", "Energi og ressourcer")
KLIMA = ("Energi, klima og miljø", "Klimatilpasning")
DEMOKRATI = ("Beboere og fællesskab", "Beboerdemokrati")
TRYGHED = ("Beboere og fællesskab", "Tryghed og trivsel")
JOB = ("Beboere og fællesskab", "Beskæftigelse og uddannelse")


def _t(text: str) -> str:
    """Source text is wrapped to fit the line length; pages get one line per
    paragraph (paragraphs are separated by a blank line)."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n"))


@dataclass(frozen=True)
class Dept:
    name: str
    number: str
    address: str
    postcode: str
    city: str
    homes: int


@dataclass(frozen=True)
class Org:
    name: str
    municipality: str
    website: str
    departments: tuple[Dept, ...]


@dataclass(frozen=True)
class Contact:
    name: str
    job_title: str
    email: str
    phone: str
    public: bool


@dataclass(frozen=True)
class V:
    """An indicator value; a whole calendar year unless dates are given."""

    indicator: str
    value: str | int
    year: int
    method: str = MEASURED
    source: str = ""
    start: datetime.date | None = None

    def period(self) -> tuple[datetime.date, datetime.date]:
        start = self.start or datetime.date(self.year, 1, 1)
        return start, datetime.date(self.year, 12, 31)


@dataclass(frozen=True)
class Spec:
    title: str
    org: str
    department: str
    municipality: str
    lat: str
    lon: str
    task: str
    themes: tuple[tuple[str, str], ...]
    status: str
    teaser: str
    what: str
    results: str
    lessons: str
    blocks: tuple[tuple[str, str], ...]
    contact: Contact
    values: tuple[V, ...] = field(default_factory=tuple)


ENGPARKEN = "Boligforeningen Engparken"
VESTKYSTEN = "Vestkysten Boligselskab"
AABRINKEN = "Boligselskabet Åbrinken"
NORDLYS = "Nordlys Boligselskab"
OESTJYLLAND = "Boligkontoret Østjylland"
HOVEDSTADEN = "Hovedstadens Almene Boliger"
VESTEGNEN = "Vestegnens Boligforening"
SYDFYN = "Sydfyns Almene Bolig"
BORNHOLM = "Bornholms Boligselskab"
HOLSTEBRO = "Boligselskabet Storåen"
SOENDERBORG = "Sønderjyske Almene Boliger"
NAESTVED = "Næstved Almene Boligselskab"
TREKANTEN = "Boligforeningen Trekanten"

ORGANISATIONS: tuple[Org, ...] = (
    Org(
        ENGPARKEN,
        "Odense",
        "https://engparken.example.dk",
        (
            Dept("Engparken", "1", "Engparken 10-80", "5220", "Odense SØ", 340),
            Dept("Solsikkehaven", "5", "Solsikkevej 3-21", "5210", "Odense NV", 58),
        ),
    ),
    Org(
        VESTKYSTEN,
        "Esbjerg",
        "https://vestkysten-bolig.example.dk",
        (
            Dept("Klitbakken", "12", "Klitbakken 1-64", "6700", "Esbjerg", 180),
            Dept("Strandenggården", "14", "Strandengvej 2", "6710", "Esbjerg V", 44),
        ),
    ),
    Org(
        AABRINKEN,
        "Randers",
        "https://aabrinken.example.dk",
        (
            Dept("Åbrinken", "1", "Åbrinken 2-40", "8900", "Randers C", 150),
            Dept("Vibehaven", "2", "Vibevej 1-19", "8920", "Randers NV", 38),
        ),
    ),
    Org(
        NORDLYS,
        "Aalborg",
        "https://nordlys-bolig.example.dk",
        (
            Dept(
                "Vestergården", "21", "Vestergårdsvej 1-90", "9200", "Aalborg SV", 412
            ),
            Dept("Fjordblik", "24", "Fjordblik 2-30", "9400", "Nørresundby", 96),
        ),
    ),
    Org(
        OESTJYLLAND,
        "Aarhus",
        "https://boligkontoret-oj.example.dk",
        (
            Dept("Bøgeparken", "3", "Bøgeparken 1-120", "8210", "Aarhus V", 520),
            Dept("Kildebakken", "8", "Kildebakken 4-36", "8260", "Viby J", 128),
        ),
    ),
    Org(
        HOVEDSTADEN,
        "København",
        "https://hab.example.dk",
        (
            Dept(
                "Amagerhusene",
                "40",
                "Amagerfælledvej 50-90",
                "2300",
                "København S",
                310,
            ),
            Dept(
                "Nørrebrogården",
                "41",
                "Hørsholmsgade 10-24",
                "2200",
                "København N",
                186,
            ),
        ),
    ),
    Org(
        VESTEGNEN,
        "Albertslund",
        "https://vestegnen-bolig.example.dk",
        (
            Dept("Stensåsen", "7", "Stensåsen 1-200", "2620", "Albertslund", 640),
            Dept("Strandgården", "9", "Strandgårdsvej 2-60", "2635", "Ishøj", 280),
        ),
    ),
    Org(
        SYDFYN,
        "Svendborg",
        "https://sydfyn-bolig.example.dk",
        (Dept("Byparken", "2", "Byparken 1-44", "5700", "Svendborg", 174),),
    ),
    Org(
        BORNHOLM,
        "Bornholm",
        "https://bornholms-bolig.example.dk",
        (Dept("Søndre Allé", "4", "Søndre Allé 8-30", "3700", "Rønne", 92),),
    ),
    Org(
        HOLSTEBRO,
        "Holstebro",
        "https://storaaen-bolig.example.dk",
        (Dept("Nørreland", "11", "Nørrelandvej 2-88", "7500", "Holstebro", 236),),
    ),
    Org(
        SOENDERBORG,
        "Sønderborg",
        "https://sjab.example.dk",
        (Dept("Ulkebøl Park", "6", "Ulkebøl Park 1-52", "6400", "Sønderborg", 148),),
    ),
    Org(
        NAESTVED,
        "Næstved",
        "https://naestved-almene.example.dk",
        (Dept("Kalbyris", "15", "Kalbyrisvej 3-75", "4700", "Næstved", 260),),
    ),
    Org(
        TREKANTEN,
        "Kolding",
        "https://bf-trekanten.example.dk",
        (
            Dept("Skovparken", "5", "Skovparken 1-60", "6000", "Kolding", 210),
            Dept("Nørremarken", "12", "Nørremarksvej 20-48", "7100", "Vejle", 88),
        ),
    ),
)


EXAMPLES: tuple[Spec, ...] = (
    Spec(
        title="Fra plæne til vild eng i Engparken",
        org=ENGPARKEN,
        department="Engparken",
        municipality="Odense",
        lat="55.37180",
        lon="10.43010",
        task="graesslaaning",
        themes=(NATUR, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""Afdelingen lod halvdelen af de store plæner gro til eng. Der
        slås nu to gange om året i stedet for hver uge, og engen summer af
        insekter."""),
        what=_t("""Driften kortlagde, hvilke plæner der faktisk blev brugt til leg
        og ophold. De resterende 4.200 m² blev slået ned og eftersået med en
        frøblanding af hjemmehørende arter.

        Engen slås i juli og september med en brugt klippe-opsamler, som driften
        lejer af kommunen. Stier klippes kort, så beboerne kan gå igennem."""),
        results=_t("""Der er registreret 38 vilde plantearter og 61 insektarter på
        engen. Driftstimerne med plæneklipper er faldet med over 300 timer om
        året."""),
        lessons=_t("""Fortæl beboerne i god tid, hvad der skal ske, og sæt skilte
        op: en eng ligner misligholdelse det første år. Klippede stier og en
        kort kant mod husene gør engen til et valg og ikke et svigt."""),
        blocks=(
            (
                "Kortlægning af plænernes brug",
                "Gå arealerne igennem med en beboer og en ejendomsfunktionær og "
                "marker på et luftfoto, hvor der leges, spilles og sidder folk.",
            ),
            (
                "Slåplan for engen",
                "To slæt om året (juli og september) med opsamling, så jorden "
                "bliver mager. Stier og kanter klippes hver anden uge.",
            ),
            (
                "Skilte og beboerinformation",
                "Skilte ved engen forklarer, hvorfor græsset er højt, og hvem man "
                "kan spørge.",
            ),
        ),
        contact=Contact(
            "Mette Lindberg",
            "Driftsleder",
            "mli@engparken.example.dk",
            "61234501",
            True,
        ),
        values=(
            V("plaene-til-eng", 4200, 2022, source="Opmålt på luftfoto"),
            V("plantearter", 22, 2023, source="Optælling med biolog i juni"),
            V("plantearter", 38, 2025, source="Optælling med biolog i juni"),
            V("insektarter", 61, 2025, source="Registreret i Arter.dk"),
            V("driftstimer-maskiner-undgaaet", 320, 2023, source="Timetæller"),
            V("driftsudgifter-sparet", 48000, 2023, ESTIMATED, "Driftsregnskab"),
            V("co2e-undgaaet", "1.1", 2023, ESTIMATED, "420 l diesel × 2,6 kg"),
            V(
                "tilfredshed-udearealer",
                72,
                2025,
                source="Beboerundersøgelse, 212 svar",
            ),
        ),
    ),
    Spec(
        title="Unge i fritidsjob holder Vestergården ren",
        org=NORDLYS,
        department="Vestergården",
        municipality="Aalborg",
        lat="57.03010",
        lon="9.89020",
        task="renholdelse",
        themes=(JOB, TRYGHED),
        status=IMPLEMENTED,
        teaser=_t("""Otte unge fra området samler affald og fejer stier tre
        eftermiddage om ugen. De får løn, en mester og en anbefaling."""),
        what=_t("""Afdelingen har en aftale med den boligsociale indsats om at
        ansætte unge mellem 14 og 17 år i fritidsjob. De unge arbejder sammen med
        en fast ejendomsfunktionær, som også er deres mester.

        Opgaverne er renholdelse af stier, legepladser og affaldsøer. De unge
        får arbejdstøj, løn efter overenskomst og en udtalelse, når de stopper."""),
        results=_t("""24 unge har haft job siden 2022, og fire af dem er gået videre
        til en erhvervsuddannelse. Hærværket på legepladserne er faldet
        markant."""),
        lessons=_t("""Mesteren er afgørende: vælg en medarbejder, der har lyst, og
        giv vedkommende tid i arbejdsplanen. Start med korte vagter."""),
        blocks=(
            (
                "Aftale med den boligsociale indsats",
                "En skabelon for samarbejdet: rekruttering, samtaler med forældre, "
                "og hvem der følger op, hvis en ung udebliver.",
            ),
            (
                "Mesterordning",
                "En fast ejendomsfunktionær har 3 timer om ugen afsat til de unge.",
            ),
        ),
        contact=Contact(
            "Jonas Kragh",
            "Boligsocial koordinator",
            "jkr@nordlys.example.dk",
            "61234502",
            True,
        ),
        values=(
            V("unge-i-fritidsjob", 8, 2022),
            V("unge-i-fritidsjob", 9, 2023),
            V("unge-i-fritidsjob", 7, 2024),
            V("haervaerk-udgifter", 86000, 2021, source="Driftsregnskab"),
            V("haervaerk-udgifter", 41000, 2024, source="Driftsregnskab"),
            V("arbejdstimer-frigjort", 410, 2024, ESTIMATED),
            V("unge-i-fritidsjob", 10, 2026, TARGET, "Mål i helhedsplanen"),
        ),
    ),
    Spec(
        title="Elektriske snerydningsmaskiner i Bøgeparken",
        org=OESTJYLLAND,
        department="Bøgeparken",
        municipality="Aarhus",
        lat="56.16450",
        lon="10.15220",
        task="snerydning",
        themes=(ENERGI, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""To dieseldrevne traktorer blev udskiftet med eldrevne
        redskabsbærere. Snerydningen er blevet stillere, og brændstoffet er
        væk."""),
        what=_t("""Da traktorerne skulle udskiftes, testede driften to eldrevne
        redskabsbærere i en vinter. De lades om natten på afdelingens egne
        solceller og bruges om sommeren til fejning."""),
        results=_t("""Dieselforbruget til snerydning er faldet fra 2.300 liter til
        nul. Beboerne klager ikke længere over støj klokken fem om morgenen."""),
        lessons=_t("""Batterierne holder kortere i streng frost: planlæg ruterne,
        så maskinerne kan lade midt på dagen."""),
        blocks=(
            (
                "Testvinter før indkøb",
                "Lej maskinerne en vinter, og før log over ladning, kørte timer og "
                "nedbrud, før I beslutter jer.",
            ),
            (
                "Ruteplan med ladepause",
                "Ruterne er delt i to, så hver maskine lader i frokostpausen.",
            ),
        ),
        contact=Contact(
            "Anders Holm", "Driftschef", "aho@bko-oj.example.dk", "61234503", False
        ),
        values=(
            V("braendstof-sparet", 2300, 2024, start=datetime.date(2023, 11, 1)),
            V("co2e-undgaaet", "6.1", 2024, ESTIMATED, "2.300 l × 2,64 kg CO2e/l"),
            V("driftsudgifter-sparet", 31000, 2024, ESTIMATED),
            V("braendstof-sparet", 2450, 2025, start=datetime.date(2024, 11, 1)),
            V("co2e-undgaaet", "6.5", 2025, ESTIMATED),
        ),
    ),
    Spec(
        title="Beboerne planter frugtlund i Amagerhusene",
        org=HOVEDSTADEN,
        department="Amagerhusene",
        municipality="København",
        lat="55.65830",
        lon="12.58960",
        task="pleje-af-groenne-omraader",
        themes=(NATUR, DEMOKRATI),
        status=IMPLEMENTED,
        teaser=_t("""En tom græsflade blev til frugtlund med 40 træer og bærbuske,
        plantet af beboerne på tre lørdage."""),
        what=_t("""Afdelingsbestyrelsen ønskede mere liv mellem blokkene. Driften
        lavede en plan sammen med beboerne, og på tre plantedage plantede 70
        beboere æble-, pære- og blommetræer samt solbær og hyld.

        En gruppe beboere har siden passet vanding og høst."""),
        results=_t("""Lunden har givet 40 nye hjemmehørende og gamle frugtsorter og
        en fast gruppe på 14 frivillige."""),
        lessons=_t("""Plantedagene skal være korte og have mad. Aftal på forhånd,
        hvem der vander den første sommer."""),
        blocks=(
            (
                "Plantedag med beboere",
                "Program, materialeliste og fordeling af opgaver for en plantedag "
                "med 20-30 deltagere.",
            ),
            (
                "Vandingslaug",
                "En vagtplan, hvor beboere skiftes til at vande i den første sommer.",
            ),
        ),
        contact=Contact(
            "Sara Nielsen", "Områdeleder", "sni@hab.example.dk", "61234504", True
        ),
        values=(
            V("traeer-og-buske-plantet", 40, 2023),
            V("beboere-i-aktiviteter", 70, 2023),
            V("timer-beboerinddragelse", 260, 2023, source="Deltagerlister"),
            V("frivillige-beboergrupper", 14, 2024),
            V("timer-beboerinddragelse", 180, 2024, ESTIMATED),
        ),
    ),
    Spec(
        title="Affaldsøer med 10 fraktioner i Stensåsen",
        org=VESTEGNEN,
        department="Stensåsen",
        municipality="Albertslund",
        lat="55.66120",
        lon="12.35080",
        task="affaldshaandtering",
        themes=(ENERGI, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""Nye affaldsøer, affaldsguider blandt beboerne og en fast
        storskraldsordning fik genanvendelsen op fra 18 til 46 procent."""),
        what=_t("""Afdelingen byggede 12 affaldsøer med plads til ti fraktioner.
        Ti beboere blev uddannet som affaldsguider og bankede på hos naboerne.

        Storskrald hentes nu på en fast dag, og brugbare møbler sættes i et
        byttehus."""),
        results=_t("""Genanvendelsen steg fra 18 til 46 procent på to år, og
        udgiften til restaffald faldt."""),
        lessons=_t("""Piktogrammer virker bedre end tekst. Hold øerne pæne: et
        rodet sted inviterer til mere rod."""),
        blocks=(
            (
                "Affaldsguider",
                "Et kursus på to aftener for beboere, der vil hjælpe naboerne med "
                "at sortere.",
            ),
            (
                "Byttehus for møbler",
                "Et aflåst skur, hvor driften sætter brugbare møbler fra "
                "storskraldet, og beboerne kan hente dem.",
            ),
        ),
        contact=Contact(
            "Kim Bech", "Ejendomsmester", "kbe@vestegnen.example.dk", "61234505", True
        ),
        values=(
            V("genanvendelsesprocent", 18, 2021, source="Kommunens affaldsdata"),
            V("genanvendelsesprocent", 34, 2022, source="Kommunens affaldsdata"),
            V("genanvendelsesprocent", 46, 2023, source="Kommunens affaldsdata"),
            V("affald-til-genanvendelse", 182000, 2023, source="Vejesedler"),
            V("indtaegt-genbrug", 22000, 2023),
            V("driftsudgifter-sparet", 95000, 2023, ESTIMATED),
            V("genanvendelsesprocent", 55, 2026, TARGET),
        ),
    ),
    Spec(
        title="Regnbede i stedet for kloak i Klitbakken",
        org=VESTKYSTEN,
        department="Klitbakken",
        municipality="Esbjerg",
        lat="55.47630",
        lon="8.44250",
        task="pleje-af-regnvandsanlaeg",
        themes=(KLIMA, NATUR),
        status=IMPLEMENTED,
        teaser=_t("""Tagvandet fra seks blokke løber nu til regnbede med
        fugtigbundsplanter. Driften plejer bedene i stedet for at rense
        riste."""),
        what=_t("""Sammen med forsyningen koblede afdelingen nedløbsrørene fra
        kloakken og gravede seks regnbede. Bedene er tilplantet med arter, der
        tåler både tørke og oversvømmelse."""),
        results=_t("""Cirka 2.900 m³ regnvand om året bliver nu på grunden, og der
        har ikke været opstuvning i kældrene siden."""),
        lessons=_t("""Driften skal være med fra projekteringen: bedene skal kunne
        luges uden at træde planterne ned."""),
        blocks=(
            (
                "Plejeplan for regnbede",
                "Lugning fire gange om året, oprensning af indløb efter løvfald og "
                "eftersyn efter skybrud.",
            ),
        ),
        contact=Contact(
            "Lene Mortensen",
            "Driftsleder",
            "lmo@vestkysten.example.dk",
            "61234506",
            True,
        ),
        values=(
            V("regnvand-haandteret-lokalt", 2900, 2022, ESTIMATED, "4.100 m² tag"),
            V("regnvand-haandteret-lokalt", 3100, 2023, ESTIMATED),
            V("plantearter", 19, 2023),
            V("driftsudgifter-sparet", -12000, 2023, source="Mere lugning end før"),
        ),
    ),
    Spec(
        title="Beskæring med lokale lærlinge i Åbrinken",
        org=AABRINKEN,
        department="Åbrinken",
        municipality="Randers",
        lat="56.46090",
        lon="10.03640",
        task="beskaering",
        themes=(JOB, DRIFT),
        status=IN_PROGRESS,
        teaser=_t("""Afdelingen tog to anlægsgartnerlærlinge ind. De står for
        beskæringen og lærer faget på afdelingens egne træer."""),
        what=_t("""I stedet for at udlicitere beskæringen ansatte afdelingen to
        lærlinge i samarbejde med en erhvervsskole. En erfaren gartner er deres
        vejleder."""),
        results=_t("""Beskæringen er blevet billigere, og begge lærlinge er fra
        kommunen."""),
        lessons=_t("""Skolens praktikkonsulent hjalp med papirarbejdet. Beregn
        vejledertid ærligt i budgettet."""),
        blocks=(
            (
                "Lærlingeaftale med erhvervsskolen",
                "Sådan deles ansvaret mellem skole, vejleder og afdeling.",
            ),
        ),
        contact=Contact(
            "Peter Vang",
            "Gartner og vejleder",
            "pva@aabrinken.example.dk",
            "61234507",
            False,
        ),
        values=(
            V("elever-og-laerlinge", 2, 2024),
            V("elever-og-laerlinge", 2, 2025),
            V(
                "maskinindkoeb-undgaaet",
                65000,
                2024,
                ESTIMATED,
                "Tilbud fra entreprenør",
            ),
            V("ledige-i-job-via-driften", 1, 2025),
        ),
    ),
    Spec(
        title="Trappevask uden kemi i Fjordblik",
        org=NORDLYS,
        department="Fjordblik",
        municipality="Aalborg",
        lat="57.05850",
        lon="9.92150",
        task="trappevask",
        themes=(ENERGI, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""Trapperne vaskes nu med mikrofiber og rent vand. Forbruget af
        rengøringsmidler er næsten væk, og gulvene er mindre glatte."""),
        what=_t("""Driften skiftede til mikrofibermopper og en ny arbejdsgang med
        to spande. Sæbe bruges kun ved pletter."""),
        results=_t("""Indkøb af rengøringsmidler faldt med 85 procent, og
        medarbejderne oplever færre hudproblemer."""),
        lessons=_t("""Oplæring er vigtigere end udstyr: tag en dag med en
        leverandør, der viser teknikken."""),
        blocks=(
            (
                "Vaskeinstruks med mikrofiber",
                "En side med billeder af arbejdsgangen, hængt op i hvert "
                "rengøringsrum.",
            ),
        ),
        contact=Contact(
            "Hanne Dahl",
            "Ejendomsfunktionær",
            "hda@nordlys.example.dk",
            "61234508",
            True,
        ),
        values=(
            V("driftsudgifter-sparet", 14000, 2022),
            V("driftsudgifter-sparet", 15500, 2023),
            V(
                "arbejdstimer-frigjort",
                52,
                2023,
                ESTIMATED,
                "Ingen skylning efter sæbe",
            ),
        ),
    ),
    Spec(
        title="Legepladsen bygget om med genbrugstræ",
        org=VESTEGNEN,
        department="Strandgården",
        municipality="Ishøj",
        lat="55.61540",
        lon="12.35200",
        task="vedligehold-af-legepladser",
        themes=(TRYGHED, ENERGI),
        status=IMPLEMENTED,
        teaser=_t("""Da legeredskaberne var slidte, byggede driften og beboerne nye
        af træ fra afdelingens egne fældede træer."""),
        what=_t("""Tre store popler skulle fældes. Stammerne blev savet op og brugt
        til balancebomme, en klatreskov og bænke. Børn og forældre var med til at
        bygge på to weekender."""),
        results=_t("""Afdelingen sparede indkøb af nye redskaber og slap for at
        bortskaffe træet."""),
        lessons=_t("""Få en legepladsinspektør til at godkende tegningerne, før I
        bygger."""),
        blocks=(
            (
                "Redskaber af egne stammer",
                "Tegninger til balancebom, trinstammer og bænke, godkendt efter "
                "legepladsstandarden.",
            ),
            (
                "Byggeweekend med familier",
                "Sådan fordeles opgaverne, så børn kan være med sikkert.",
            ),
        ),
        contact=Contact(
            "Bilal Aziz",
            "Ejendomsfunktionær",
            "baz@vestegnen.example.dk",
            "61234509",
            False,
        ),
        values=(
            V(
                "maskinindkoeb-undgaaet",
                185000,
                2022,
                ESTIMATED,
                "Tilbud på nye redskaber",
            ),
            V("beboere-i-aktiviteter", 46, 2022),
            V("timer-beboerinddragelse", 310, 2022),
            V("co2e-undgaaet", "2.4", 2022, ESTIMATED),
        ),
    ),
    Spec(
        title="Graffiti fjernes inden for 24 timer",
        org=HOVEDSTADEN,
        department="Nørrebrogården",
        municipality="København",
        lat="55.69740",
        lon="12.54220",
        task="graffitifjernelse",
        themes=(TRYGHED, OEKONOMI),
        status=IMPLEMENTED,
        teaser=_t("""Alt tags fjernes inden for et døgn af et lille hold med egne
        midler. Mængden af graffiti er mere end halveret."""),
        what=_t("""Driften fik et lille graffitiudstyr og uddannede to
        medarbejdere. Beboerne melder graffiti via en QR-kode på
        opslagstavlerne."""),
        results=_t("""Udgifterne til graffitifirma faldt fra 120.000 kr. til 38.000
        kr. om året."""),
        lessons=_t("""Hurtighed er det hele: graffiti, der bliver stående, kommer
        der mere af."""),
        blocks=(
            (
                "Meld graffiti med QR-kode",
                "En enkel formular, der sender billede og sted direkte til "
                "driftens telefon.",
            ),
        ),
        contact=Contact(
            "Rasmus Friis", "Driftsleder", "rfr@hab.example.dk", "61234510", True
        ),
        values=(
            V("haervaerk-udgifter", 120000, 2021),
            V("haervaerk-udgifter", 38000, 2023),
            V("haervaerk-udgifter", 35000, 2024),
            V("tilfredshed-udearealer", 64, 2024, source="Tryghedsmåling, 140 svar"),
        ),
    ),
    Spec(
        title="Løv bliver til kompost og levesteder",
        org=SYDFYN,
        department="Byparken",
        municipality="Svendborg",
        lat="55.06050",
        lon="10.60690",
        task="loevopsamling",
        themes=(NATUR, ENERGI),
        status=IMPLEMENTED,
        teaser=_t("""Løvet køres ikke længere væk. Det ligger i bunker under
        buskene og bliver til kompost og vinterhi for pindsvin."""),
        what=_t("""Driften holder op med at blæse løvet ud af bedene og samler kun
        løv fra stier og plæner. Det lægges i faunabunker og kompostkasser."""),
        results=_t("""12 kørsler til genbrugspladsen om året er sparet, og der er
        set pindsvin i tre af bunkerne."""),
        lessons=_t("""Forklar beboerne, hvorfor bedene ikke er 'ryddet'."""),
        blocks=(
            (
                "Faunabunker af løv og grene",
                "Placering, størrelse og pleje af bunker, der giver skjul til "
                "pindsvin og insekter.",
            ),
        ),
        contact=Contact(
            "Birgitte Juhl", "Ejendomsmester", "bju@sydfyn.example.dk", "61234511", True
        ),
        values=(
            V("nye-levesteder", 9, 2022),
            V("driftstimer-maskiner-undgaaet", 140, 2022, ESTIMATED),
            V("affald-til-genanvendelse", 36000, 2022, ESTIMATED, "Løv komposteret"),
            V("insektarter", 27, 2024),
        ),
    ),
    Spec(
        title="Ingen sprøjtemidler på Søndre Allé",
        org=BORNHOLM,
        department="Søndre Allé",
        municipality="Bornholm",
        lat="55.09650",
        lon="14.70460",
        task="ukrudtsbekaempelse",
        themes=(NATUR, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""Afdelingen er gået helt fri af sprøjtemidler. Belægninger
        holdes med børste og varmt vand, bedene med bunddække."""),
        what=_t("""Alle bede fik et lag flis og tætte bunddækkeplanter. Fliser og
        grus renses med en ukrudtsbørste og en lejet varmtvandsmaskine to gange
        om året."""),
        results=_t("""Hele udearealet på 6.800 m² plejes nu uden sprøjtemidler."""),
        lessons=_t("""Lidt ukrudt i fugerne er prisen. Aftal med beboerne, hvad der
        er godt nok."""),
        blocks=(
            (
                "Bunddække i stedet for lugning",
                "Plantelister til sol og skygge, der dækker jorden på to år.",
            ),
        ),
        contact=Contact(
            "Ole Kofoed",
            "Ejendomsfunktionær",
            "oko@bornholms-bolig.example.dk",
            "61234512",
            True,
        ),
        values=(
            V("areal-uden-pesticider", 6800, 2023),
            V("areal-uden-pesticider", 6800, 2024),
            V("plantearter", 31, 2024),
            V("arbejdstimer-frigjort", -60, 2024, ESTIMATED, "Mere manuel rensning"),
        ),
    ),
    Spec(
        title="Ledige får fodfæste i driften i Nørreland",
        org=HOLSTEBRO,
        department="Nørreland",
        municipality="Holstebro",
        lat="56.36410",
        lon="8.61780",
        task="pleje-af-groenne-omraader",
        themes=(JOB, DRIFT),
        status=IMPLEMENTED,
        teaser=_t("""Sammen med jobcentret tilbyder afdelingen praktik i
        grønne områder. Fem er kommet i fast job."""),
        what=_t("""Jobcentret visiterer borgere til 13 ugers praktik. De arbejder
        med beplantning og pleje og får et grønt kursusbevis."""),
        results=_t("""14 har været i praktik siden 2022; fem er i ordinært job, to
        af dem i driften."""),
        lessons=_t("""Praktikanten skal have faste opgaver og en fast kollega."""),
        blocks=(
            (
                "Praktikforløb på 13 uger",
                "Ugeplan med opgaver, der bliver sværere, og en slutsamtale med "
                "jobcentret.",
            ),
        ),
        contact=Contact(
            "Susanne Bak", "Driftschef", "sba@storaaen.example.dk", "61234513", True
        ),
        values=(
            V("ledige-i-job-via-driften", 4, 2022),
            V("ledige-i-job-via-driften", 6, 2023),
            V("ledige-i-job-via-driften", 4, 2024),
            V("arbejdstimer-frigjort", 850, 2023, ESTIMATED),
        ),
    ),
    Spec(
        title="Vinduespudsning med rentvandsanlæg",
        org=TREKANTEN,
        department="Skovparken",
        municipality="Kolding",
        lat="55.49040",
        lon="9.47220",
        task="vinduespudsning",
        themes=(ENERGI, OEKONOMI),
        status=IMPLEMENTED,
        teaser=_t("""Fællesarealernes vinduer pudses fra jorden med teleskopstang
        og afkalket vand. Ingen lift, ingen sæbe."""),
        what=_t("""Driften købte et rentvandsanlæg og to teleskopstænger i stedet
        for at leje lift. Vinduer op til tredje sal pudses fra jorden."""),
        results=_t("""Liftleje og sæbe er sparet, og arbejdet tager halvt så lang
        tid."""),
        lessons=_t("""Anlægget skal afkalkes jævnligt. Tjek vandets hårdhed
        først."""),
        blocks=(
            (
                "Indkøbsguide til rentvandsanlæg",
                "Hvad der skal stå i tilbuddet: kapacitet, filtre, slangelængde.",
            ),
        ),
        contact=Contact(
            "Torben Lund",
            "Ejendomsmester",
            "tlu@trekanten.example.dk",
            "61234514",
            False,
        ),
        values=(
            V("driftsudgifter-sparet", 22000, 2023),
            V("arbejdstimer-frigjort", 96, 2023),
            V("driftstimer-maskiner-undgaaet", 40, 2023, ESTIMATED, "Lift ikke brugt"),
        ),
    ),
    Spec(
        title="Fælles hækklipning og kaffe i Kalbyris",
        org=NAESTVED,
        department="Kalbyris",
        municipality="Næstved",
        lat="55.22390",
        lon="11.77630",
        task="beskaering",
        themes=(DEMOKRATI, TRYGHED),
        status=IN_PROGRESS,
        teaser=_t("""To gange om året klipper beboere og driften hækkene sammen.
        Bagefter er der kaffe, og nye naboer møder de gamle."""),
        what=_t("""Driften stiller værktøj og en trailer til rådighed, beboerne
        klipper de lave hække og driften de høje. Afdelingsbestyrelsen står for
        kaffen."""),
        results=_t("""Omkring 50 beboere deltager hver gang, og flere nye er kommet
        med i afdelingsbestyrelsen."""),
        lessons=_t("""Hav værktøj i børnestørrelse. Sæt en slutning på dagen."""),
        blocks=(
            (
                "Arbejdsdag med driften",
                "Tjekliste til værktøj, sikkerhed og fordeling mellem beboere og "
                "driften.",
            ),
        ),
        contact=Contact(
            "Mona Jensen",
            "Formand for afdelingsbestyrelsen",
            "mje@naestved-almene.example.dk",
            "",
            False,
        ),
        values=(
            V("beboere-i-aktiviteter", 48, 2024),
            V("timer-beboerinddragelse", 190, 2024),
            V("beboere-i-aktiviteter", 55, 2025),
            V("timer-beboerinddragelse", 220, 2025),
            V("tilfredshed-udearealer", 80, 2026, TARGET),
        ),
    ),
    Spec(
        title="Robotklippere og eng i Strandenggården",
        org=VESTKYSTEN,
        department="Strandenggården",
        municipality="Esbjerg",
        lat="55.46510",
        lon="8.41300",
        task="graesslaaning",
        themes=(ENERGI, DRIFT),
        status=IN_PROGRESS,
        teaser=_t("""Fire robotplæneklippere passer de græsarealer, der skal være
        korte. De resterende arealer er lagt om til eng."""),
        what=_t("""Efter en opdeling af arealerne i 'korte' og 'lange' fik de korte
        robotklippere, mens de lange blev eng med to slæt."""),
        results=_t("""Benzinforbruget er væk, og medarbejderne bruger tiden på
        beplantning."""),
        lessons=_t("""Robotterne skal have hegn omkring ladestationen, ellers
        bliver de flyttet."""),
        blocks=(
            (
                "Opdeling i korte og lange arealer",
                "Kriterier for, hvor græs skal være kort, og hvor det må gro.",
            ),
        ),
        contact=Contact(
            "Lene Mortensen",
            "Driftsleder",
            "lmo@vestkysten.example.dk",
            "61234506",
            True,
        ),
        values=(
            V("braendstof-sparet", 610, 2024),
            V("driftstimer-maskiner-undgaaet", 260, 2024),
            V("plaene-til-eng", 1900, 2024),
            V("co2e-undgaaet", "1.4", 2024, ESTIMATED),
            V("plaene-til-eng", 3000, 2026, TARGET),
        ),
    ),
    Spec(
        title="Madaffald samles ind i Vibehaven",
        org=AABRINKEN,
        department="Vibehaven",
        municipality="Randers",
        lat="56.47480",
        lon="9.99850",
        task="affaldshaandtering",
        themes=(ENERGI,),
        status=IMPLEMENTED,
        teaser=_t("""Alle husstande fik en lille spand og poser til madaffald.
        Driften tømmer de brune containere og følger op med naboerne."""),
        what=_t("""Afdelingen uddelte køkkenspande og et års forbrug af poser.
        Ejendomsfunktionæren gik rundt de første uger og svarede på
        spørgsmål."""),
        results=_t("""7,4 ton madaffald blev indsamlet det første år."""),
        lessons=_t("""Poserne skal være gratis og lette at hente."""),
        blocks=(
            (
                "Opstart af madaffaldsindsamling",
                "Brev til beboerne, uddeling af spande og tjekliste for de første "
                "fire uger.",
            ),
        ),
        contact=Contact(
            "Peter Vang",
            "Gartner og vejleder",
            "pva@aabrinken.example.dk",
            "61234507",
            False,
        ),
        values=(
            V("affald-til-genanvendelse", 7400, 2023),
            V("affald-til-genanvendelse", 8100, 2024),
            V("genanvendelsesprocent", 38, 2024),
            V("beboere-i-aktiviteter", 33, 2023, ESTIMATED, "Spørgsmål ved dørene"),
        ),
    ),
    Spec(
        title="Insektvenlig belysning på stierne",
        org=ENGPARKEN,
        department="Solsikkehaven",
        municipality="Odense",
        lat="55.41450",
        lon="10.34560",
        task="belysning",
        themes=(NATUR, ENERGI),
        status=IMPLEMENTED,
        teaser=_t("""Stilamperne blev skiftet til varmt, nedadrettet LED-lys med
        bevægelsessensor. Mindre strøm og mindre lys i naturen."""),
        what=_t("""24 gamle lamper blev udskiftet. Lyset er 2.200 kelvin og dæmpes
        til 20 procent, når ingen går forbi."""),
        results=_t("""Strømforbruget til udebelysning faldt med 70 procent, og der
        er registreret flere natsværmere."""),
        lessons=_t("""Beboerne skal høres om tryghed: dæmpet lys må ikke føles
        mørkt."""),
        blocks=(
            (
                "Krav til insektvenlig belysning",
                "Farvetemperatur, afskærmning og dæmpning, skrevet som krav til "
                "leverandøren.",
            ),
        ),
        contact=Contact(
            "Mette Lindberg",
            "Driftsleder",
            "mli@engparken.example.dk",
            "61234501",
            True,
        ),
        values=(
            V("driftsudgifter-sparet", 18500, 2024),
            V("co2e-undgaaet", "0.9", 2024, ESTIMATED, "Elforbrug × 0,12 kg/kWh"),
            V("insektarter", 14, 2025, source="Natsværmerfælde, to nætter"),
        ),
    ),
    Spec(
        title="Fællesvaskeriet kører på beboernes egne tider",
        org=TREKANTEN,
        department="Nørremarken",
        municipality="Vejle",
        lat="55.71470",
        lon="9.53860",
        task="vaskeri",
        themes=(ENERGI, DEMOKRATI),
        status=IDEA,
        teaser=_t("""Et vaskerilaug af beboere vil tage ansvar for den daglige
        rengøring og booking. Driften tager de tekniske eftersyn."""),
        what=_t("""Idéen er udviklet på et afdelingsmøde. Driften har regnet på
        timerne, og et laug af seks beboere har meldt sig."""),
        results=_t("""Endnu ingen: forsøget starter efter sommerferien."""),
        lessons=_t("""Skriv ansvarsfordelingen ned, før I starter."""),
        blocks=(
            (
                "Aftale mellem laug og drift",
                "Hvem gør hvad, hvem betaler, og hvornår aftalen tages op igen.",
            ),
        ),
        contact=Contact(
            "Torben Lund",
            "Ejendomsmester",
            "tlu@trekanten.example.dk",
            "61234514",
            False,
        ),
        values=(
            V("beboere-i-aktiviteter", 38, 2025, source="Afdelingsmøde om vaskeriet"),
            V("frivillige-beboergrupper", 6, 2026, TARGET),
            V("arbejdstimer-frigjort", 150, 2026, TARGET),
        ),
    ),
    Spec(
        title="Vild med vilje i Ulkebøl Park",
        org=SOENDERBORG,
        department="Ulkebøl Park",
        municipality="Sønderborg",
        lat="54.91930",
        lon="9.80600",
        task="pleje-af-groenne-omraader",
        themes=(NATUR, DEMOKRATI),
        status=IMPLEMENTED,
        teaser=_t("""Beboerne stemte om, hvilke arealer der måtte blive vilde. Nu
        er der vandhul, stendige og blomstereng."""),
        what=_t("""På et afdelingsmøde fik beboerne et kort og klistermærker:
        grøn for 'må blive vildt', rød for 'skal være pænt'. Driften gennemførte
        planen over to år med vandhul, stendige og eng."""),
        results=_t("""Der er kommet frøer i vandhullet og 45 plantearter i
        engen."""),
        lessons=_t("""Afstemningen gav ejerskab: ingen klager over det høje græs."""),
        blocks=(
            (
                "Kortafstemning på afdelingsmødet",
                "Materialer og spilleregler for en afstemning med klistermærker.",
            ),
            (
                "Stendige af udgravede sten",
                "Sten fra en kloakrenovering blev genbrugt i et dige, der giver "
                "skjul til firben og insekter.",
            ),
        ),
        contact=Contact(
            "Karen Thomsen", "Driftsleder", "kth@sjab.example.dk", "61234515", True
        ),
        values=(
            V("plaene-til-eng", 2600, 2022),
            V("nye-levesteder", 6, 2022),
            V("plantearter", 45, 2024),
            V("insektarter", 52, 2024),
            V("beboere-i-aktiviteter", 85, 2021, source="Afdelingsmøde"),
            V("tilfredshed-udearealer", 77, 2023, source="Beboerundersøgelse, 96 svar"),
        ),
    ),
    Spec(
        title="Saltfri glatførebekæmpelse med grus",
        org=NAESTVED,
        department="Kalbyris",
        municipality="Næstved",
        lat="55.22900",
        lon="11.76900",
        task="snerydning",
        themes=(NATUR, KLIMA),
        status=IMPLEMENTED,
        teaser=_t("""Stierne gruses i stedet for at saltes. Grus fejes op om
        foråret og bruges igen."""),
        what=_t("""Driften skiftede vejsalt ud med knust granit, der fejes op i
        marts, sigtes og lagres til næste vinter."""),
        results=_t("""Træer og hække langs stierne har det bedre, og salt er ikke
        længere en udgift."""),
        lessons=_t("""Grus kræver fejning om foråret: planlæg det."""),
        blocks=(
            (
                "Genbrug af grus",
                "Fejning, sigtning og lagring, så gruset kan bruges i tre vintre.",
            ),
        ),
        contact=Contact(
            "Mona Jensen",
            "Formand for afdelingsbestyrelsen",
            "mje@naestved-almene.example.dk",
            "",
            False,
        ),
        values=(
            V("driftsudgifter-sparet", 9000, 2023, start=datetime.date(2022, 11, 1)),
            V("maskinindkoeb-undgaaet", 12000, 2023, ESTIMATED, "Ingen ny saltspreder"),
            V("affald-til-genanvendelse", 5200, 2024, ESTIMATED, "Grus fejet op"),
        ),
    ),
    Spec(
        title="Beboerservice med unge ambassadører",
        org=OESTJYLLAND,
        department="Kildebakken",
        municipality="Aarhus",
        lat="56.12470",
        lon="10.15880",
        task="beboerservice",
        themes=(JOB, TRYGHED),
        status=IN_PROGRESS,
        teaser=_t("""Unge ambassadører hjælper ældre beboere med småopgaver og
        henter driften, når det er nødvendigt."""),
        what=_t("""Fire unge er ansat 8 timer om ugen. De skifter pærer, bærer
        indkøb og hjælper med at melde fejl i beboerappen."""),
        results=_t("""Henvendelserne til driften om småting er faldet, og ældre
        beboere føler sig mere trygge."""),
        lessons=_t("""Afgræns opgaverne tydeligt: de unge må ikke gøre det, der
        kræver en håndværker."""),
        blocks=(
            (
                "Opgaveliste for ambassadører",
                "Hvad de unge må, og hvad der skal videre til driften.",
            ),
        ),
        contact=Contact(
            "Anders Holm", "Driftschef", "aho@bko-oj.example.dk", "61234503", False
        ),
        values=(
            V("unge-i-fritidsjob", 4, 2025),
            V("arbejdstimer-frigjort", 220, 2025, ESTIMATED),
            V("tilfredshed-udearealer", 69, 2025),
        ),
    ),
    Spec(
        title="Genbrug af fliser ved renovering af stier",
        org=SYDFYN,
        department="Byparken",
        municipality="Svendborg",
        lat="55.06700",
        lon="10.59400",
        task="vedligehold-af-belaegninger",
        themes=(ENERGI, OEKONOMI),
        status=IMPLEMENTED,
        teaser=_t("""Da stierne skulle omlægges, blev de gamle fliser renset og lagt
        igen. Kun knuste fliser blev erstattet."""),
        what=_t("""Driften optog 1.100 m² fliser, sorterede dem og lagde 85 procent
        af dem igen på et nyt bærelag."""),
        results=_t("""Indkøb af nye fliser og bortskaffelse af gamle blev
        sparet."""),
        lessons=_t("""Optagning tager tid: sæt en ekstra uge af."""),
        blocks=(
            (
                "Sortering af fliser",
                "Hele, skårne og knuste: hvad der kan genbruges hvor.",
            ),
        ),
        contact=Contact(
            "Birgitte Juhl", "Ejendomsmester", "bju@sydfyn.example.dk", "61234511", True
        ),
        values=(
            V("maskinindkoeb-undgaaet", 140000, 2021, ESTIMATED, "Nye fliser"),
            V("co2e-undgaaet", "9.8", 2021, ESTIMATED, "Beton: 10 kg CO2e/m²"),
            V("affald-til-genanvendelse", 42000, 2021),
        ),
    ),
)


def _theme(parent: str, child: str) -> Theme:
    return Theme.objects.get(name=child, parent__name=parent)


def _organisations_load() -> dict[str, tuple[Organisation, dict[str, Department]]]:
    loaded = {}
    for spec in ORGANISATIONS:
        org, _ = organisation_get_or_create(
            name=spec.name,
            kind=OrganisationKind.HOUSING,
            website=spec.website,
            municipality=spec.municipality,
        )
        departments = {}
        for d in spec.departments:
            dept, _ = Department.objects.get_or_create(
                organisation=org,
                name=d.name,
                defaults={
                    "number": d.number,
                    "address": d.address,
                    "postcode": d.postcode,
                    "city": d.city,
                    "homes": d.homes,
                },
            )
            departments[d.name] = dept
        loaded[spec.name] = (org, departments)
    return loaded


def _values(specs: tuple[V, ...], indicators: dict[str, Indicator]) -> list:
    values = []
    for position, spec in enumerate(specs):
        start, end = spec.period()
        value = IndicatorValue(
            indicator=indicators[spec.indicator],
            value=Decimal(str(spec.value)),
            period_start=start,
            period_end=end,
            year=end.year,
            method=spec.method,
            source=spec.source,
            sort_order=position,
        )
        value.full_clean(exclude=["page", "sort_order"])
        values.append(value)
    return values


@transaction.atomic
def demo_examples_load() -> int:
    """Create the demo examples under the examples' index; returns how many.

    Does nothing, and returns 0, when any example already exists.
    """
    if ExamplePage.objects.exists():
        return 0
    index = example_index_get_or_create()
    organisations = _organisations_load()
    tasks = {task.slug: task for task in OperationsTask.objects.all()}
    indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
    created = 0
    for spec in EXAMPLES:
        org, departments = organisations[spec.org]
        person, _ = person_upsert(
            name=spec.contact.name,
            job_title=spec.contact.job_title,
            email=spec.contact.email,
            phone=spec.contact.phone,
            organisation=org,
            show_contact_details=spec.contact.public,
        )
        page = ExamplePage(
            title=spec.title,
            slug=unique_example_slug(index, spec.title),
            teaser=spec.teaser,
            organisation=org,
            department=departments[spec.department],
            municipality=spec.municipality,
            latitude=Decimal(spec.lat),
            longitude=Decimal(spec.lon),
            task=tasks[spec.task],
            status=spec.status,
            what_was_done=text_to_richtext(spec.what),
            results=text_to_richtext(spec.results),
            lessons=text_to_richtext(spec.lessons),
        )
        page.themes = [_theme(*theme) for theme in spec.themes]
        index.add_child(instance=page)
        # Children go in after the page exists, so that publishing writes
        # them once rather than add_child and publish writing them twice.
        page.building_blocks = [
            ExampleBuildingBlock(title=title, description=description, sort_order=i)
            for i, (title, description) in enumerate(spec.blocks)
        ]
        page.contacts = [ExampleContact(person=person)]
        page.values = _values(spec.values, indicators)
        page.save_revision().publish()
        created += 1
    return created

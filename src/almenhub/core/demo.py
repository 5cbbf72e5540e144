"""The demo content that `make run` loads into an empty hub.

Every organisation, person, programme, project and publication is fictional;
e-mail addresses and websites sit under example.dk. The projects go through
`project_upsert`, the same write path as imported pages, so the demo also shows
that path at work, and a second load finds everything in place and writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from wagtail.models import Site

from almenhub.core.text import danish_slugify
from almenhub.home.models import HomePage
from almenhub.organisations.models import Department, Organisation, OrganisationKind
from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.models import Person
from almenhub.people.services import person_upsert
from almenhub.projects.models import (
    ProgrammePage,
    ProjectPage,
    ProjectRelatedProject,
    ProjectStatus,
)
from almenhub.projects.records import (
    BodyPart,
    ContactRecord,
    DeliverableRecord,
    FactRecord,
    ProjectRecord,
    QuoteRecord,
)
from almenhub.projects.services import Outcome, body_to_stream, project_upsert
from almenhub.publications.models import PublicationIndexPage, PublicationPage
from almenhub.publications.services import (
    publication_get_or_create,
    publication_index_get_or_create,
    series_find,
)

SOURCE_PREFIX = "demo:"


def _t(text: str) -> str:
    """Source text is wrapped to fit the line length; pages get one line."""
    return " ".join(text.split())


def _p(text: str) -> BodyPart:
    return BodyPart(kind="paragraph", text=_t(text))


def _h(text: str) -> BodyPart:
    return BodyPart(kind="heading", text=text)


def _ul(*items: str) -> BodyPart:
    return BodyPart(kind="list", items=[_t(item) for item in items])


# -- organisations ---------------------------------------------------------


@dataclass(frozen=True)
class DepartmentSpec:
    name: str
    number: str
    address: str
    postcode: str
    city: str
    homes: int


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    website: str
    municipality: str
    description: str
    departments: tuple[DepartmentSpec, ...] = ()


ASSOCIATION = "Almen Udvikling"
FJORDBO = "Boligselskabet Fjordbo"
ENGPARKEN = "Boligforeningen Engparken"
VESTKYSTEN = "Vestkysten Boligselskab"
LYNGBO = "Lyngbo Almene Boliger"
AABRINKEN = "Boligselskabet Åbrinken"
FJORDBY = "Fjordby Kommune"
LINDHOLM = "Lindholm Kommune"
DRIFTSNET = "DriftsNetværket Øst"
BSNET = "Boligsocialt Netværk Midt"
GROEN = "Grøn Hverdag ApS"
RAADGIVNING = "Byg & Bolig Rådgivning A/S"
SKOLE = "Anlægsgartnerskolen Ådalen"
TAENKETANK = "Tænketanken Fælles Rum"

ORGANISATIONS: list[OrganisationSpec] = [
    OrganisationSpec(
        ASSOCIATION,
        OrganisationKind.ASSOCIATION,
        "https://almenudvikling.example.dk",
        "København",
        _t("""Udviklingsforening for almene boligorganisationer. Foreningen samler
        sektorens erfaringer, holder ERFA-møder og udgiver rapporter og
        værktøjer."""),
    ),
    OrganisationSpec(
        FJORDBO,
        OrganisationKind.HOUSING,
        "https://fjordbo.example.dk",
        "Fjordby",
        "Boligselskab med cirka 1.800 familie- og ungdomsboliger ved fjorden.",
        (
            DepartmentSpec(
                "Fjordparken", "101", "Fjordparken 2-48", "9990", "Fjordby", 212
            ),
            DepartmentSpec(
                "Skovbrynet", "104", "Skovbrynet 1-27", "9991", "Fjordby Øst", 96
            ),
            DepartmentSpec("Havnefronten", "117", "Kajgade 5", "9990", "Fjordby", 64),
        ),
    ),
    OrganisationSpec(
        ENGPARKEN,
        OrganisationKind.HOUSING,
        "https://engparken.example.dk",
        "Odense",
        "Boligforening med to store afdelinger i Odenses udkant.",
        (
            DepartmentSpec(
                "Engparken", "1", "Engparken 10-80", "5220", "Odense SØ", 340
            ),
            DepartmentSpec(
                "Solsikkehaven", "5", "Solsikkevej 3-21", "5210", "Odense NV", 58
            ),
        ),
    ),
    OrganisationSpec(
        VESTKYSTEN,
        OrganisationKind.HOUSING,
        "https://vestkysten-bolig.example.dk",
        "Esbjerg",
        "Boligselskab med familie-, ældre- og ungdomsboliger i Sydvestjylland.",
        (
            DepartmentSpec(
                "Klitbakken", "12", "Klitbakken 1-64", "6700", "Esbjerg", 180
            ),
            DepartmentSpec(
                "Strandenggården", "14", "Strandengvej 2", "6710", "Esbjerg V", 44
            ),
        ),
    ),
    OrganisationSpec(
        LYNGBO,
        OrganisationKind.HOUSING,
        "https://lyngbo.example.dk",
        "Lindholm",
        "Almen boligorganisation med tæt-lav og etageboliger i Lindholm.",
        (
            DepartmentSpec(
                "Lynghaven", "3", "Lynghaven 1-120", "4990", "Lindholm", 410
            ),
            DepartmentSpec(
                "Birkegården", "7", "Birkevej 30-52", "4991", "Lindholm Syd", 72
            ),
        ),
    ),
    OrganisationSpec(
        AABRINKEN,
        OrganisationKind.HOUSING,
        "https://aabrinken.example.dk",
        "Randers",
        "Mindre boligselskab med afdelinger langs åen.",
        (
            DepartmentSpec("Åbrinken", "1", "Åbrinken 2-40", "8900", "Randers C", 150),
            DepartmentSpec("Vibehaven", "2", "Vibevej 1-19", "8920", "Randers NV", 38),
        ),
    ),
    OrganisationSpec(
        FJORDBY,
        OrganisationKind.MUNICIPALITY,
        "https://fjordby-kommune.example.dk",
        "Fjordby",
        "Kommunen, hvor Boligselskabet Fjordbo har sine afdelinger.",
    ),
    OrganisationSpec(
        LINDHOLM,
        OrganisationKind.MUNICIPALITY,
        "https://lindholm-kommune.example.dk",
        "Lindholm",
        "Kommune med et aktivt samarbejde med de almene boligorganisationer.",
    ),
    OrganisationSpec(
        DRIFTSNET,
        OrganisationKind.NETWORK,
        "https://driftsnetvaerket.example.dk",
        "Roskilde",
        "Netværk for driftschefer og driftsledere i de almene boligorganisationer.",
    ),
    OrganisationSpec(
        BSNET,
        OrganisationKind.NETWORK,
        "https://bsnetmidt.example.dk",
        "Aarhus",
        "Netværk for medarbejdere i boligsociale helhedsplaner i Midtjylland.",
    ),
    OrganisationSpec(
        GROEN,
        OrganisationKind.COMPANY,
        "https://groenhverdag.example.dk",
        "Vejle",
        "Rådgivning om natur, beplantning og pleje af grønne arealer.",
    ),
    OrganisationSpec(
        RAADGIVNING,
        OrganisationKind.COMPANY,
        "https://bygogbolig.example.dk",
        "Kolding",
        "Ingeniørrådgivning om energi, renovering og byggeledelse.",
    ),
    OrganisationSpec(
        SKOLE,
        OrganisationKind.EDUCATION,
        "https://aadalen-skole.example.dk",
        "Viborg",
        "Erhvervsskole, der uddanner anlægsgartnere og ejendomsserviceteknikere.",
    ),
    OrganisationSpec(
        TAENKETANK,
        OrganisationKind.OTHER,
        "https://faellesrum.example.dk",
        "København",
        "Uafhængig tænketank om fællesskaber og tryghed i boligområder.",
    ),
]


# -- people ----------------------------------------------------------------


@dataclass(frozen=True)
class PersonSpec:
    name: str
    job_title: str
    organisation: str
    email: str = ""
    phone: str = ""
    # False for people who have not agreed to have their details published.
    public: bool = True

    def contact(self) -> ContactRecord:
        return ContactRecord(
            name=self.name,
            job_title=self.job_title,
            email=self.email,
            phone=self.phone,
            organisation=self.organisation,
        )


METTE = PersonSpec(
    "Mette Holm Andersen",
    "Sekretariatsleder",
    ASSOCIATION,
    "mha@almenudvikling.example.dk",
    "33124578",
)
JONAS = PersonSpec(
    "Jonas Brandt",
    "Projektleder",
    ASSOCIATION,
    "jb@almenudvikling.example.dk",
    "33124579",
)
SOFIE = PersonSpec(
    "Sofie Lund Kristensen", "Driftschef", FJORDBO, "slk@fjordbo.example.dk", "96301122"
)
HENRIK = PersonSpec("Henrik Dalgaard", "Ejendomsfunktionær", FJORDBO, phone="96301140")
AMALIE = PersonSpec(
    "Amalie Nørgaard",
    "Boligsocial projektleder",
    ENGPARKEN,
    email="amn@engparken.example.dk",
)
KASPER = PersonSpec(
    "Kasper Vinther",
    "Driftsleder",
    VESTKYSTEN,
    "kv@vestkysten-bolig.example.dk",
    "75124410",
    public=False,
)
LONE = PersonSpec("Lone Bech", "Formand for afdelingsbestyrelsen", ENGPARKEN)
RASMUS = PersonSpec(
    "Rasmus Juhl", "Energirådgiver", RAADGIVNING, "rj@bygogbolig.example.dk", "70254433"
)
FATIMA = PersonSpec(
    "Fatima El-Sayed",
    "Beskæftigelseskonsulent",
    FJORDBY,
    "fes@fjordby-kommune.example.dk",
    "96312020",
    public=False,
)
PETER = PersonSpec(
    "Peter Skov Mikkelsen",
    "Landskabsarkitekt",
    GROEN,
    "psm@groenhverdag.example.dk",
    "28406511",
)
CAMILLA = PersonSpec(
    "Camilla Friis", "Faglærer", SKOLE, email="cf@aadalen-skole.example.dk"
)
THOMAS = PersonSpec(
    "Thomas Ravn",
    "Digitaliseringskonsulent",
    LYNGBO,
    "tr@lyngbo.example.dk",
    "43551290",
)
BIRGITTE = PersonSpec(
    "Birgitte Kold",
    "Økonomichef",
    AABRINKEN,
    "bk@aabrinken.example.dk",
    "86421133",
    public=False,
)
ALI = PersonSpec(
    "Ali Hassan", "Områdeleder", LYNGBO, "ah@lyngbo.example.dk", "43551210"
)
IDA = PersonSpec(
    "Ida Mølgaard",
    "Netværkskoordinator",
    DRIFTSNET,
    "im@driftsnetvaerket.example.dk",
    "22617788",
)
MORTEN = PersonSpec(
    "Morten Lauridsen",
    "Byggeleder",
    VESTKYSTEN,
    "ml@vestkysten-bolig.example.dk",
    "75124420",
)
NANNA = PersonSpec(
    "Nanna Toft",
    "Klimakoordinator",
    LINDHOLM,
    "nt@lindholm-kommune.example.dk",
    "44907050",
)
JENS = PersonSpec("Jens Otto Pedersen", "Varmemester", AABRINKEN, phone="86421150")
MARIA = PersonSpec(
    "Maria Dahl", "Koordinator", BSNET, "md@bsnetmidt.example.dk", "61402233"
)

PEOPLE: list[PersonSpec] = [
    METTE,
    JONAS,
    SOFIE,
    HENRIK,
    AMALIE,
    KASPER,
    LONE,
    RASMUS,
    FATIMA,
    PETER,
    CAMILLA,
    THOMAS,
    BIRGITTE,
    ALI,
    IDA,
    MORTEN,
    NANNA,
    JENS,
    MARIA,
]


# -- programmes ------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    title: str
    teaser: str
    intro: str
    show_in_menus: bool = False


DEVELOPMENT = "udviklingsprojekter"
TRIAL_FUND = "forsoegspuljen-for-drift"
SOCIAL = "boligsociale-indsatser"

PROGRAMMES: list[ProgrammeSpec] = [
    ProgrammeSpec(
        DEVELOPMENT,
        "Udviklingsprojekter",
        _t("""Foreningens egne udviklingsprojekter: fra ERFA-møder og
        eksempelsamlinger til håndbøger og digitale værktøjer."""),
        _t("""<p>Her finder du de projekter, Almen Udvikling selv står bag eller
        er med i. Projekterne tager afsæt i de spørgsmål, medlemmerne stiller
        på ERFA-møderne, og resultaterne deles frit med hele sektoren.</p>"""),
        show_in_menus=True,
    ),
    ProgrammeSpec(
        TRIAL_FUND,
        "Forsøgspuljen for drift",
        _t("""Små og store forsøg, hvor boligorganisationer afprøver nye måder at
        løse driftens faste opgaver på."""),
        _t("""<p>Forsøgspuljen støtter boligorganisationer, der vil prøve noget
        nyt i den daglige drift – og dele, hvad de lærte, også når det ikke
        gik som planlagt.</p>"""),
    ),
    ProgrammeSpec(
        SOCIAL,
        "Boligsociale indsatser",
        _t("""Indsatser for tryghed, fællesskab, beskæftigelse og
        beboerdemokrati i de almene boligområder."""),
        _t("""<p>De boligsociale indsatser samler projekter, hvor
        boligorganisationer, kommuner og beboere arbejder sammen om livet i
        boligområderne.</p>"""),
    ),
]


# -- themes (exactly as created by taxonomy/migrations/0002) ---------------

DRIFT = ("Drift og administration", "Drift og vedligehold")
OEKONOMI = ("Drift og administration", "Økonomi og styring")
DIGITAL = ("Drift og administration", "Digitalisering")
NATUR = ("Energi, klima og miljø", "Natur og biodiversitet")
ENERGI = ("Energi, klima og miljø", "Energi og ressourcer")
KLIMA = ("Energi, klima og miljø", "Klimatilpasning")
DEMOKRATI = ("Beboere og fællesskab", "Beboerdemokrati")
TRYGHED = ("Beboere og fællesskab", "Tryghed og trivsel")
JOB = ("Beboere og fællesskab", "Beskæftigelse og uddannelse")
RENOVERING = ("Byggeri og renovering", "Renovering")
NYBYGGERI = ("Byggeri og renovering", "Nybyggeri")
TILGAENGELIGHED = ("Byggeri og renovering", "Tilgængelighed")


# -- projects --------------------------------------------------------------

PROJECTS: list[tuple[str, ProjectRecord]] = [
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Gentagelsens værdi",
            teaser=_t("""Erfaringer fra driften selv om, hvordan de faste opgaver
            kan skabe mere natur og tage et socialt ansvar."""),
            themes=[DRIFT, NATUR],
            status=ProjectStatus.FINISHED,
            publication_year=2023,
            owner=ASSOCIATION,
            participants=[DRIFTSNET],
            participants_text="Deltagerne på ERFA-møderne i foråret 2023",
            contacts=[METTE.contact()],
            body=[
                _p("""I foråret 2023 inviterede Almen Udvikling driftsfolk fra hele
                landet til fire ERFA-møder i Fjordby, Odense, Esbjerg og
                Lindholm. Denne gang havde vi ikke en færdig publikation med som
                oplæg. Vi brugte i stedet tiden på, at deltagerne fortalte
                hinanden om det, de allerede gør, og på at samle de bedste
                fortællinger op i plenum."""),
                _p("""Rapporten samler oplæggene og drøftelserne fra de fire
                møder."""),
                _h("Hverdagens opgaver skaber værdi"),
                _p("""Græsslåning, trappevask, snerydning og affald er opgaver, der
                gentages uge efter uge. Netop derfor kan små ændringer gøre en
                stor forskel over tid – for beboerne, for naturen og for
                økonomien. En plæne, der slås sjældnere, kan blive levested for
                insekter. En ung, der får et fritidsjob i driften, kan tage et
                første skridt ind på arbejdsmarkedet."""),
                _h("Driften som nøglespiller"),
                _p("""Driften i den almene sektor er blevet mere professionel,
                mere digital og mere strategisk de seneste ti år. Alligevel bliver
                driftens bidrag til andet end økonomien sjældent gjort op. Med
                møderne ville vi vise, at driften allerede leverer på flere
                bundlinjer, og at der er mere at hente."""),
                _p("""Vi satte fokus på to områder, hvor driften efter vores
                vurdering får en nøglerolle i de kommende år:"""),
                _ul(
                    "Biodiversitet på afdelingernes friarealer",
                    """Velfærdsudfordringer, som driften møder i hverdagen – fra
                    ensomhed til unge uden job""",
                ),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Gentagelsens værdi",
                    description=_t("""En eksempelsamling med tiltag fra
                    boligorganisationer om biodiversitet og velfærdsudfordringer i
                    den daglige drift."""),
                    kind="report",
                    series="AlmenRapport",
                ),
            ],
            quotes=[
                QuoteRecord(
                    text=_t("""Driften er til stede hver eneste dag. Det gør den til
                    den mest oplagte partner, når vi vil have mere natur og flere
                    fællesskaber i boligområderne."""),
                    author="Karen Mølby",
                    role="lektor i bygningsdrift",
                ),
            ],
            facts=[
                FactRecord(
                    text=_t("""At flere af afdelingerne bag eksemplerne lagde en del
                    af plænerne om til slåenge, som kun slås en eller to gange om
                    året? Det frigav timer til andre opgaver og gav plads til
                    flere arter af blomster og insekter."""),
                ),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Digitale drifts- og vedligeholdelsesplaner",
            teaser=_t("""Fra regneark til fælles digital plan, som både
            driftsfolk, økonomi og afdelingsbestyrelse kan arbejde i."""),
            themes=[DIGITAL, OEKONOMI],
            status=ProjectStatus.ONGOING,
            publication_year=2025,
            owner=LYNGBO,
            participants=[FJORDBO, RAADGIVNING],
            contacts=[THOMAS.contact(), JONAS.contact()],
            body=[
                _p("""Mange afdelinger har deres drifts- og vedligeholdelsesplan i
                regneark, som kun få kender. Projektet udvikler en fælles
                skabelon og en arbejdsgang, så planen kan holdes ajour løbende og
                bruges ved budgetlægningen."""),
                _h("Det afprøver vi"),
                _ul(
                    "En fælles struktur for bygningsdele og levetider",
                    "Fotoregistrering fra tablet ved det årlige eftersyn",
                    "Et enkelt overblik til afdelingsmødet",
                ),
                _p("""Skabelonen afprøves i fire afdelinger hos Lyngbo og Fjordbo
                i 2025."""),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Skabelon til digital drifts- og vedligeholdelsesplan",
                    description="Skabelon og vejledning til at komme i gang.",
                    kind="tool",
                    series="Værktøj",
                ),
                DeliverableRecord(
                    title="Sådan kommer I i gang",
                    description="Kort film om det første eftersyn med tablet.",
                    kind="film",
                ),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Fra energidata til adfærd",
            teaser=_t("""Kan fjernaflæste målere og enkle beskeder til beboerne
            sænke forbruget af varme og vand?"""),
            themes=[ENERGI],
            status=ProjectStatus.FINISHED,
            publication_year=2021,
            owner=AABRINKEN,
            participants=[RAADGIVNING],
            contacts=[RASMUS.contact(), BIRGITTE.contact()],
            body=[
                _p("""Boligselskabet Åbrinken fik fjernaflæste målere i to
                afdelinger. Projektet undersøgte, om data fra målerne kunne
                bruges til at give beboerne en bedre forståelse af deres eget
                forbrug."""),
                _p("""Beboerne fik en månedlig besked med deres forbrug sammenlignet
                med lignende boliger. Varmemesteren fulgte op på usædvanligt højt
                forbrug, som ofte skyldtes en defekt termostat eller en
                løbende cisterne."""),
                _h("Resultater"),
                _ul(
                    "Færre fejl blev overset, fordi de viste sig hurtigt i data",
                    "Beboerne efterspurgte råd frem for tal",
                    "Besparelsen var størst i de første måneder",
                ),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Energidata i afdelingen",
                    description="Et kort hæfte om at bruge målerdata i driften.",
                    kind="report",
                    series="AlmenHæfte",
                ),
            ],
            facts=[
                FactRecord(
                    heading="Godt at vide",
                    text=_t("""En løbende cisterne kan bruge lige så meget vand som
                    en hel husstand. I projektet fandt varmemesteren flere af dem
                    ved at kigge efter forbrug om natten."""),
                ),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Klimatilpasning af grønne områder",
            teaser=_t("""Regnbede, grøfter og lavninger, der tager skybrud og
            samtidig giver mere natur og bedre opholdssteder."""),
            themes=[KLIMA, NATUR],
            status=ProjectStatus.PLANNED,
            publication_year=2026,
            owner=FJORDBO,
            participants=[FJORDBY, GROEN],
            contacts=[SOFIE.contact(), PETER.contact()],
            body=[
                _p("""Flere af Fjordbos afdelinger ligger lavt og har haft vand i
                kældrene efter skybrud. Sammen med kommunen og en
                landskabsrådgiver planlægger boligselskabet at lede regnvandet
                til regnbede og lavninger på friarealerne."""),
                _p("""Projektet skal også vise, hvordan driften plejer de nye
                arealer, så de bliver ved med at virke."""),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Tilgængelige boliger til en aldrende beboergruppe",
            teaser=_t("""Hvordan kan eksisterende familieboliger tilpasses, så
            beboerne kan blive boende, når de bliver ældre?"""),
            themes=[TILGAENGELIGHED, RENOVERING],
            status=ProjectStatus.ONGOING,
            owner=VESTKYSTEN,
            contacts=[MORTEN.contact()],
            body=[
                _p("""I Vestkysten Boligselskabs afdeling Klitbakken er hver tredje
                beboer over 65 år. Projektet kortlægger, hvilke små og store
                ændringer der gør hverdagen lettere: fra niveaufri adgang og
                bedre belysning til badeværelser uden kant."""),
                _p("""Erfaringerne skal bruges, når afdelingen skal renoveres."""),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Renovering i dialog med beboerne",
            teaser=_t("""En model for beboerinddragelse fra den første idé til
            indflytningen efter en helhedsrenovering."""),
            themes=[RENOVERING, DEMOKRATI],
            status=ProjectStatus.FINISHED,
            publication_year=2020,
            owner=ASSOCIATION,
            participants=[ENGPARKEN, VESTKYSTEN],
            contacts=[JONAS.contact()],
            body=[
                _p("""En helhedsrenovering vender op og ned på beboernes hverdag i
                flere år. Projektet har samlet erfaringer fra to renoveringer og
                omsat dem til en model for dialog, der kan bruges i andre
                afdelinger."""),
                _h("Modellens faser"),
                _ul(
                    "Idé og forundersøgelse",
                    "Projektering og beslutning på afdelingsmødet",
                    "Udførelse og genhusning",
                    "Indflytning og opfølgning",
                ),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Renovering med beboerne",
                    description="Håndbog til projektledere og afdelingsbestyrelser.",
                    kind="report",
                    series="Håndbog",
                ),
                DeliverableRecord(
                    title="Evaluering af dialogmodellen",
                    description="Ekstern evaluering af modellen i to afdelinger.",
                    kind="report",
                ),
            ],
        ),
    ),
    (
        DEVELOPMENT,
        ProjectRecord(
            title="Nybyggeri med lavt klimaaftryk",
            teaser=_t("""Erfaringer med træ, genbrugte materialer og
            livscyklusberegninger i almene nybyggerier."""),
            themes=[NYBYGGERI, ENERGI],
            status=ProjectStatus.PLANNED,
            owner=LYNGBO,
            participants=[RAADGIVNING],
            contacts=[ALI.contact()],
            body=[
                _p("""Lyngbo Almene Boliger forbereder et nybyggeri med 48
                familieboliger. Projektet skal dokumentere de valg, der bliver
                truffet for at sænke klimaaftrykket, og hvad de koster i anlæg og
                drift."""),
            ],
        ),
    ),
    (
        TRIAL_FUND,
        ProjectRecord(
            title="Vild med vilje",
            teaser=_t("""Fra kortklippet plæne til blomstereng – og hvad det
            betyder for driften, beboerne og insekterne."""),
            themes=[NATUR, DRIFT],
            status=ProjectStatus.FINISHED,
            publication_year=2022,
            owner=ENGPARKEN,
            participants=[SKOLE, GROEN],
            participants_text="Afdelingsbestyrelsen og beboere i Engparken",
            contacts=[LONE.contact(), CAMILLA.contact()],
            body=[
                _p("""I Engparken blev 4.000 kvadratmeter plæne lagt om til
                blomstereng. Eleverne fra anlægsgartnerskolen stod for
                omlægningen som en del af deres praktik, og beboerne var med til
                at vælge, hvor engen skulle ligge."""),
                _h("Det lærte vi"),
                _ul(
                    "Skilte og slåede stier gør det tydeligt, at engen er med vilje",
                    "Det første år ser engen rodet ud – fortæl det til beboerne",
                    "Slåningen kræver andet materiel end plæneklipperen",
                ),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Fra plæne til blomstereng",
                    description="Film om omlægningen fortalt af elever og beboere.",
                    kind="film",
                ),
                DeliverableRecord(
                    title="Frøblanding og slåplan",
                    description="Regneark med frøblanding, mængder og slåtider.",
                    kind="other",
                ),
            ],
            quotes=[
                QuoteRecord(
                    text=_t("""Først troede vi, at driften havde glemt at slå
                    græsset. Nu går vi tur i engen om aftenen."""),
                    author="Lone Bech",
                    role="formand for afdelingsbestyrelsen i Engparken",
                ),
            ],
        ),
    ),
    (
        TRIAL_FUND,
        ProjectRecord(
            title="Fælles indkøb af driftsmateriel",
            teaser=_t("""Tre boligorganisationer købte ind sammen – og delte
            maskiner, som ingen af dem brugte hver dag."""),
            themes=[OEKONOMI],
            status=ProjectStatus.FINISHED,
            publication_year=2019,
            owner=AABRINKEN,
            participants=[FJORDBO, VESTKYSTEN],
            contacts=[BIRGITTE.contact()],
            body=[
                _p("""Forsøget samlede indkøbet af fejemaskiner, saltspredere og
                redskabsbærere i ét udbud. Maskiner, der kun bruges nogle uger om
                året, blev delt mellem afdelingerne efter en fælles kalender."""),
                _p("""Den største gevinst var ikke prisen, men at maskinerne blev
                vedligeholdt bedre, når én havde ansvaret."""),
            ],
        ),
    ),
    (
        TRIAL_FUND,
        ProjectRecord(
            title="Robotplæneklippere i afdelingerne",
            teaser=_t("""Kan robotter overtage græsslåningen, så
            ejendomsfunktionærerne får mere tid til beboerne?"""),
            themes=[DRIFT, DIGITAL],
            status=ProjectStatus.ONGOING,
            publication_year=2024,
            owner=FJORDBO,
            contacts=[HENRIK.contact(), SOFIE.contact()],
            body=[
                _p("""Fjordbo afprøver robotplæneklippere i to afdelinger i to
                sæsoner. Forsøget måler tidsforbrug, støj, strømforbrug og
                beboernes tilfredshed."""),
                _p("""Undervejs viste det sig, at robotterne ikke kan stå alene:
                kanter, skråninger og områder med legetøj kræver stadig hænder."""),
            ],
        ),
    ),
    (
        TRIAL_FUND,
        ProjectRecord(
            title="Affaldssortering i tæt bebyggelse",
            teaser=_t("""Nye affaldsøer med ti fraktioner – og en indsats for, at
            beboerne faktisk bruger dem."""),
            themes=[ENERGI, TRYGHED],
            status=ProjectStatus.FINISHED,
            publication_year=2022,
            owner=LYNGBO,
            participants=[LINDHOLM],
            contacts=[NANNA.contact(), ALI.contact()],
            body=[
                _p("""Da kommunen indførte sortering i ti fraktioner, byggede
                Lyngbo nye affaldsøer i Lynghaven. Projektet fulgte, hvor godt
                beboerne sorterede, og hvad der hjalp."""),
                _ul(
                    "Tydelige piktogrammer på alle sprog i afdelingen",
                    "Affaldsøer med lys og overdækning føles tryggere",
                    "Beboere, der viser naboer rundt, virker bedre end foldere",
                ),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Tjekliste til affaldsøer",
                    description="Tjekliste til planlægning og drift af affaldsøer.",
                    kind="tool",
                    series="Værktøj",
                ),
            ],
        ),
    ),
    (
        TRIAL_FUND,
        ProjectRecord(
            title="Grønne praktikpladser i driften",
            teaser=_t("""Lærlinge og praktikanter fra anlægsgartneruddannelsen
            skal være en fast del af driften."""),
            themes=[JOB, DRIFT],
            status=ProjectStatus.PLANNED,
            publication_year=2026,
            owner=VESTKYSTEN,
            participants=[SKOLE],
            contacts=[KASPER.contact()],
            body=[
                _p("""Vestkysten Boligselskab vil oprette praktikpladser i
                driften i samarbejde med anlægsgartnerskolen. Målet er både at
                uddanne fremtidens medarbejdere og at vise unge i afdelingerne,
                hvilke job der findes lige uden for døren."""),
            ],
        ),
    ),
    (
        SOCIAL,
        ProjectRecord(
            title="Unge i fritidsjob i driften",
            teaser=_t("""Fritidsjob i driften som det første skridt mod
            uddannelse og arbejde for unge i boligområdet."""),
            themes=[JOB, DRIFT],
            status=ProjectStatus.FINISHED,
            publication_year=2023,
            owner=FJORDBO,
            participants=[FJORDBY, BSNET],
            contacts=[FATIMA.contact(), SOFIE.contact()],
            body=[
                _p("""Over tre år fik 42 unge fra Fjordparken og Skovbrynet et
                fritidsjob i driften. De unge arbejdede sammen med
                ejendomsfunktionærerne nogle timer om ugen med alt fra
                græsslåning til småreparationer."""),
                _h("Sådan gjorde vi"),
                _ul(
                    "Kommunens jobkonsulent hjalp med rekruttering og papirer",
                    "Hver ung havde en fast ejendomsfunktionær som mentor",
                    "Jobbet sluttede med en anbefaling til næste job",
                ),
                _p("""De fleste af de unge var efter et år i gang med uddannelse
                eller havde et andet fritidsjob."""),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Fritidsjob som trædesten",
                    description="Rapport om erfaringerne med fritidsjob i driften.",
                    kind="report",
                    series="AlmenRapport",
                ),
            ],
            quotes=[
                QuoteRecord(
                    text=_t("""De unge ser os hver dag. Når de får et job hos os,
                    ser de også, at der er en vej videre."""),
                    author="Sofie Lund Kristensen",
                    role="driftschef i Boligselskabet Fjordbo",
                ),
            ],
            facts=[
                FactRecord(
                    text=_t("""At et fritidsjob for mange unge er den første
                    erfaring med at møde til tiden og have en kollega, der regner
                    med en? Det er ofte det, de fremhæver bagefter."""),
                ),
            ],
        ),
    ),
    (
        SOCIAL,
        ProjectRecord(
            title="Tryghedsvandringer med beboerne",
            teaser=_t("""Beboere, medarbejdere og politi går rundt i afdelingen
            sammen og finder de steder, der føles utrygge."""),
            themes=[TRYGHED, DEMOKRATI],
            status=ProjectStatus.ONGOING,
            publication_year=2024,
            owner=ENGPARKEN,
            participants=[TAENKETANK],
            contacts=[AMALIE.contact(), LONE.contact()],
            body=[
                _p("""To gange om året går beboere, ejendomsfunktionærer og den
                boligsociale medarbejder en tur gennem Engparken efter mørkets
                frembrud. De noterer mørke stier, buske, der skal beskæres, og
                steder, hvor der mangler liv."""),
                _p("""Driften følger op på listen, og resultatet vises på
                afdelingsmødet."""),
            ],
        ),
    ),
    (
        SOCIAL,
        ProjectRecord(
            title="Nye veje til beboerdemokratiet",
            teaser=_t("""Afdelingsmøder, der tiltrækker flere og nye beboere – og
            beslutninger, der holder."""),
            themes=[DEMOKRATI],
            status=ProjectStatus.FINISHED,
            publication_year=2020,
            owner=ASSOCIATION,
            participants_text="Afdelingsbestyrelser i fem boligorganisationer",
            contacts=[IDA.contact()],
            body=[
                _p("""Projektet afprøvede nye former for afdelingsmøder: møder
                med spisning og børnepasning, korte temamøder før det formelle
                møde og digital afstemning som supplement."""),
                _p("""Fremmødet steg i de fleste afdelinger, især blandt
                børnefamilier og nye beboere."""),
            ],
            deliverables=[
                DeliverableRecord(
                    title="Afdelingsmødet i en ny form",
                    description="Inspirationshæfte til afdelingsbestyrelser.",
                    kind="report",
                    series="AlmenHæfte",
                ),
            ],
        ),
    ),
    (
        SOCIAL,
        ProjectRecord(
            title="Fællesskab på tværs af generationer",
            teaser=_t("""Ældre og børnefamilier i samme afdeling – hvordan skaber
            man steder og aktiviteter, der samler dem?"""),
            themes=[TRYGHED, TILGAENGELIGHED],
            status=ProjectStatus.PLANNED,
            owner=AABRINKEN,
            participants=[BSNET],
            contacts=[MARIA.contact(), JENS.contact()],
            body=[
                _p("""Åbrinken vil indrette fælleshuset og gården, så de kan bruges
                af både ældre og børnefamilier. Projektet begynder med en række
                samtaler med beboerne om, hvad de savner."""),
            ],
        ),
    ),
    (
        SOCIAL,
        ProjectRecord(
            title="Lektiecafé i beboerhuset",
            teaser=_t("""Frivillige og boligsociale medarbejdere hjælper børn og
            unge med lektierne to eftermiddage om ugen."""),
            themes=[JOB],
            status=ProjectStatus.ONGOING,
            publication_year=2025,
            owner=LYNGBO,
            contacts=[ALI.contact()],
            body=[
                _p("""Lektiecaféen i Lynghaven blev startet af en gruppe beboere og
                drives nu i samarbejde med den boligsociale helhedsplan. Omkring
                30 børn kommer fast."""),
            ],
        ),
    ),
]

# Editors' choice of related projects, by project title.
RELATED: dict[str, list[str]] = {
    "Gentagelsens værdi": ["Vild med vilje", "Unge i fritidsjob i driften"],
    "Vild med vilje": ["Gentagelsens værdi", "Klimatilpasning af grønne områder"],
    "Unge i fritidsjob i driften": ["Grønne praktikpladser i driften"],
    "Renovering i dialog med beboerne": [
        "Tilgængelige boliger til en aldrende beboergruppe",
        "Nye veje til beboerdemokratiet",
    ],
}


# -- publications ----------------------------------------------------------


@dataclass(frozen=True)
class PublicationSpec:
    series: str
    title: str
    year: int
    teaser: str
    body: list[BodyPart]
    prepared_by: str
    prepared_for: str = ASSOCIATION
    photos: str = ""
    rights: str = "Må citeres med tydelig kildeangivelse."
    funders: str = ""
    layout: str = ""
    isbn: str = ""
    # Titles of the projects it belongs to, besides the one that lists it.
    projects: tuple[str, ...] = field(default=())


PUBLICATIONS: list[PublicationSpec] = [
    PublicationSpec(
        "AlmenRapport",
        "Gentagelsens værdi",
        2023,
        _t("""Eksempler fra boligorganisationer om biodiversitet og
        velfærdsudfordringer i den daglige drift."""),
        [
            _p("""Rapporten samler oplæg og drøftelser fra fire ERFA-møder i
            2023. Hvert eksempel beskriver opgaven, hvad afdelingen gjorde om, og
            hvad det gav."""),
            _h("Indhold"),
            _ul(
                "Driften som værdiskaber",
                "Biodiversitet på friarealerne",
                "Velfærdsudfordringer i hverdagen",
                "Byggesten til jeres egen afdeling",
            ),
        ],
        prepared_by="Mette Holm Andersen og Jonas Brandt, Almen Udvikling",
        prepared_for="Deltagerne på ERFA-møderne og sektoren i øvrigt",
        photos="Almen Udvikling og de deltagende boligorganisationer",
        funders="Almen Udvikling og Forsøgspuljen for drift",
        layout="Studio Tryk & Form",
        isbn="978-87-99999-01-9",
    ),
    PublicationSpec(
        "AlmenRapport",
        "Fritidsjob som trædesten",
        2023,
        "Erfaringer med 42 unges fritidsjob i driften hos Boligselskabet Fjordbo.",
        [
            _p("""Rapporten følger de unge fra rekrutteringen til et år efter
            fritidsjobbet og samler driftens og kommunens erfaringer."""),
        ],
        prepared_by="Almen Udvikling i samarbejde med Boligsocialt Netværk Midt",
        prepared_for=FJORDBO,
        photos="Boligselskabet Fjordbo",
        funders="Fjordby Kommune og Boligselskabet Fjordbo",
        layout="Almen Udvikling",
        isbn="978-87-99999-02-6",
    ),
    PublicationSpec(
        "AlmenHæfte",
        "Energidata i afdelingen",
        2021,
        "Sådan bruger driften data fra fjernaflæste målere – kort og konkret.",
        [
            _p("""Hæftet viser, hvordan varmemestre og driftsledere kan bruge
            målerdata til at finde fejl tidligt og give beboerne råd, de kan
            bruge."""),
        ],
        prepared_by="Rasmus Juhl, Byg & Bolig Rådgivning A/S",
        photos="Byg & Bolig Rådgivning A/S",
        funders="Boligselskabet Åbrinken",
        layout="Studio Tryk & Form",
        isbn="978-87-99999-11-8",
    ),
    PublicationSpec(
        "AlmenHæfte",
        "Afdelingsmødet i en ny form",
        2020,
        "Inspiration til afdelingsmøder, som flere beboere har lyst til at deltage i.",
        [
            _p("""Hæftet beskriver fem mødeformer, som afdelingsbestyrelserne
            afprøvede, med gode råd om planlægning, indkaldelse og
            afstemning."""),
        ],
        prepared_by="Ida Mølgaard og Almen Udvikling",
        prepared_for="Afdelingsbestyrelser i almene boligafdelinger",
        photos="Deltagende afdelinger",
        layout="Almen Udvikling",
    ),
    PublicationSpec(
        "Håndbog",
        "Renovering med beboerne",
        2020,
        "Håndbog i beboerdialog fra den første idé til indflytningen.",
        [
            _p("""Håndbogen følger en helhedsrenovering fase for fase og giver
            konkrete værktøjer til hver fase: invitationer, dagsordener,
            tidsplaner og skabeloner til referater."""),
            _h("Til hvem"),
            _p("""Projektledere, driftsledere og afdelingsbestyrelser, der står
            foran en større renovering."""),
        ],
        prepared_by="Jonas Brandt, Almen Udvikling",
        prepared_for="Boligorganisationer, der planlægger en helhedsrenovering",
        photos="Boligforeningen Engparken og Vestkysten Boligselskab",
        funders="Almen Udvikling",
        layout="Studio Tryk & Form",
        isbn="978-87-99999-21-7",
    ),
    PublicationSpec(
        "Værktøj",
        "Tjekliste til affaldsøer",
        2022,
        "Tjekliste til planlægning, indretning og drift af affaldsøer.",
        [
            _p("""Tjeklisten samler erfaringerne fra Lynghaven i en række
            spørgsmål, der bør være besvaret, før en affaldsø bygges."""),
        ],
        prepared_by="Lyngbo Almene Boliger og Lindholm Kommune",
        photos="Lyngbo Almene Boliger",
        funders="Forsøgspuljen for drift",
        layout="Lyngbo Almene Boliger",
    ),
    PublicationSpec(
        "Værktøj",
        "Skabelon til digital drifts- og vedligeholdelsesplan",
        2025,
        "Skabelon og vejledning til en fælles digital drifts- og vedligeholdelsesplan.",
        [
            _p("""Skabelonen er et regneark med faste bygningsdele, levetider og
            felter til fotos og noter fra det årlige eftersyn."""),
        ],
        prepared_by="Thomas Ravn, Lyngbo Almene Boliger",
        prepared_for="Driftsledere og økonomimedarbejdere",
        rights="Må frit bruges og tilpasses.",
        layout="Lyngbo Almene Boliger",
    ),
    PublicationSpec(
        "Håndbog",
        "Biodiversitet trin for trin",
        2024,
        "Håndbog for ejendomsfunktionærer om mere natur på afdelingens friarealer.",
        [
            _p("""Håndbogen går fra den første registrering af friarealerne til
            en plejeplan, som driften kan arbejde efter år efter år."""),
            _ul(
                "Registrér, hvad der vokser i dag",
                "Vælg de arealer, der skal have lov at blive vilde",
                "Lav en slåplan og fortæl beboerne om den",
                "Følg op hvert år",
            ),
        ],
        prepared_by="Peter Skov Mikkelsen, Grøn Hverdag ApS",
        photos="Grøn Hverdag ApS og Boligforeningen Engparken",
        funders="Forsøgspuljen for drift",
        layout="Studio Tryk & Form",
        isbn="978-87-99999-31-6",
        projects=("Gentagelsens værdi", "Vild med vilje"),
    ),
]


# -- the service -----------------------------------------------------------


class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class DemoSummary:
    programmes: int
    projects: int
    publications: int
    organisations: int
    people: int
    departments: int
    new_projects: int

    def as_danish(self) -> str:
        return (
            f"Demoindhold: {self.programmes} programmer, {self.projects} projekter "
            f"({self.new_projects} nye), {self.publications} publikationer, "
            f"{self.organisations} organisationer med {self.departments} "
            f"afdelinger og {self.people} personer."
        )


def _say(stdout: Writer | None, line: str) -> None:
    if stdout is not None:
        stdout.write(line + "\n")


def _organisations_load() -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        org, _ = organisation_get_or_create(
            name=spec.name,
            kind=spec.kind,
            website=spec.website,
            municipality=spec.municipality,
            description=spec.description,
        )
        # An organisation that already has departments is left to its editors.
        if spec.departments and not org.departments.exists():
            Department.objects.bulk_create(
                Department(
                    organisation=org,
                    name=d.name,
                    number=d.number,
                    address=d.address,
                    postcode=d.postcode,
                    city=d.city,
                    homes=d.homes,
                )
                for d in spec.departments
            )
        organisations[spec.name] = org
    return organisations


def _people_load(organisations: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for spec in PEOPLE:
        person, _ = person_upsert(
            name=spec.name,
            job_title=spec.job_title,
            email=spec.email,
            phone=spec.phone,
            organisation=organisations[spec.organisation],
            show_contact_details=spec.public,
        )
        people[spec.name] = person
    return people


def _programmes_load(
    organisations: dict[str, Organisation],
) -> dict[str, ProgrammePage]:
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Sitet har ingen forside at lægge demoindholdet under.")
    programmes: dict[str, ProgrammePage] = {}
    for spec in PROGRAMMES:
        page = ProgrammePage.objects.child_of(home).filter(slug=spec.slug).first()
        if page is None:
            page = ProgrammePage(
                title=spec.title,
                slug=spec.slug,
                teaser=spec.teaser,
                intro=spec.intro,
                owner_organisation=organisations[ASSOCIATION],
                show_in_menus=spec.show_in_menus,
            )
            home.add_child(instance=page)
        programmes[spec.slug] = page
    return programmes


def _publication_index_load() -> PublicationIndexPage:
    index = publication_index_get_or_create()
    if not index.show_in_menus:
        index.show_in_menus = True
        index.save()
    return index


def _related_load(projects: dict[str, ProjectPage]) -> None:
    for title, related_titles in RELATED.items():
        page = projects[title]
        wanted = [projects[t].pk for t in related_titles]
        current = list(
            page.related_links.order_by("sort_order").values_list(
                "related_id", flat=True
            )
        )
        if current != wanted:
            page.related_links = [
                ProjectRelatedProject(related=projects[t]) for t in related_titles
            ]
            page.save()


def _publications_load(projects: dict[str, ProjectPage]) -> list[PublicationPage]:
    pages: list[PublicationPage] = []
    for spec in PUBLICATIONS:
        series = series_find(name=spec.series)
        page, _ = publication_get_or_create(
            title=spec.title, series=series, year=spec.year, teaser=spec.teaser
        )
        changed = False
        # The colophon is written once; later edits in the admin are kept.
        if not page.prepared_by:
            page.year = spec.year
            page.teaser = spec.teaser
            page.body = body_to_stream(spec.body)
            page.prepared_by = spec.prepared_by
            page.prepared_for = spec.prepared_for
            page.photos = spec.photos
            page.rights = spec.rights
            page.funders = spec.funders
            page.layout = spec.layout
            page.isbn = spec.isbn
            changed = True
        linked = set(page.projects.values_list("pk", flat=True))
        missing = [projects[t] for t in spec.projects if projects[t].pk not in linked]
        if missing:
            page.projects.add(*missing)
            changed = True
        if changed:
            # One revision with everything, published. `publish` writes a
            # copy of the page; this object is stale after it (no publish
            # dates, no live revision), so it is read again, never saved.
            page.save_revision().publish()
            page.refresh_from_db()
        pages.append(page)
    return pages


@transaction.atomic
def demo_site_align() -> Site | None:
    """Give the default site the address the hub is served on locally
    (WAGTAILADMIN_BASE_URL: http://127.0.0.1:8000 for `make run`), so that
    the full addresses in the sitemap, feeds, e-mails and calendar files
    lead back to it. Only while it still has the placeholder the first
    migration gave it (localhost:80): a site an editor has set up is left."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(
        is_default_site=True, hostname="localhost", port=80
    ).first()
    if site is None or not base.hostname:
        return None
    site.hostname = base.hostname
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.save()  # through save(): Wagtail's cached site paths are renewed
    return site


def demo_load(*, stdout: Writer | None = None) -> DemoSummary:
    """Write the demo content; what is already there is left as it is."""
    demo_site_align()
    organisations = _organisations_load()
    _say(stdout, f"Organisationer: {len(organisations)}")
    people = _people_load(organisations)
    _say(stdout, f"Personer: {len(people)}")
    programmes = _programmes_load(organisations)
    _publication_index_load()

    projects: dict[str, ProjectPage] = {}
    new_projects = 0
    for programme_slug, record in PROJECTS:
        result = project_upsert(
            programme=programmes[programme_slug],
            record=record,
            source_key=f"{SOURCE_PREFIX}{danish_slugify(record.title)}",
        )
        projects[record.title] = result.page
        if result.outcome == Outcome.CREATED:
            new_projects += 1
            _say(stdout, f"Oprettet projekt: {record.title}")

    # project_upsert publishes the details of every contact with an e-mail or
    # a phone; those who have not agreed are hidden again afterwards.
    for spec in PEOPLE:
        if not spec.public:
            person_upsert(
                name=spec.name,
                email=spec.email,
                organisation=organisations[spec.organisation],
                show_contact_details=False,
            )

    _related_load(projects)
    publications = _publications_load(projects)

    return DemoSummary(
        programmes=len(programmes),
        projects=len(projects),
        publications=len({p.pk for p in publications}),
        organisations=len({o.pk for o in organisations.values()}),
        people=len({p.pk for p in people.values()}),
        departments=Department.objects.filter(
            organisation__in=organisations.values()
        ).count(),
        new_projects=new_projects,
    )


ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "almenhub-admin"


def demo_admin_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"


def demo_admin_get_or_create() -> tuple[AbstractBaseUser, bool]:
    """The superuser a fresh local hub is logged into; never touched once there."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is not None:
        return user, False
    user = User.objects.create_superuser(
        username=ADMIN_USERNAME, email="", password=ADMIN_PASSWORD
    )
    return user, True

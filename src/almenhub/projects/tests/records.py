"""The seed page's project as a record, typed in by hand, so that the tests of
pages, API and exports do not depend on the importer's parser."""

from __future__ import annotations

from almenhub.projects.records import (
    BodyPart,
    ContactRecord,
    DeliverableRecord,
    FactRecord,
    ProjectRecord,
    QuoteRecord,
)


def seed_record_build() -> ProjectRecord:
    """The fields of ../shared/seeds' project page."""
    return ProjectRecord(
        title="Værdiskabende gentagelser",
        teaser=(
            "Inspiration og erfaringer om biodiversitet og socialt ansvar i driften "
            "fra sektoren selv."
        ),
        themes=[
            ("Drift og administration", "Drift og vedligehold"),
            ("Energi, klima og miljø", "Natur og biodiversitet"),
        ],
        status="finished",
        publication_year=2023,
        owner="AlmenNet",
        participants_text="Deltagerne på AlmenNets ERFA-møder",
        contacts=[
            ContactRecord(
                name="Niklas Jarnit",
                job_title="Sekretariatsleder",
                email="nja@almennet.dk",
                phone="33762071",
            )
        ],
        body=[
            BodyPart("paragraph", "I maj 2023 afholdt AlmenNet fire ERFA-møder."),
            BodyPart("heading", "Værdiskabende gentagelser"),
            BodyPart("paragraph", "Driften er en værdiskaber."),
            BodyPart("heading", "Driftens udvikling"),
            BodyPart(
                "paragraph", "Driften i den almene sektor har taget kvantespring."
            ),
            BodyPart("list", items=["Biodiversitet", "Vilde velfærdsproblemer"]),
        ],
        deliverables=[
            DeliverableRecord(
                title="Værdiskabende gentagelser",
                series="AlmenRapport",
                description=(
                    "En eksempelsamling over tiltag fra boligorganisationer ud fra "
                    "temaerne biodiversitet og velfærdsudfordringer."
                ),
            )
        ],
        quotes=[
            QuoteRecord(
                text=(
                    "Den almene boligsektor er en ufortalt succes. De får børn i "
                    "fritidsjob og voksne i arbejde."
                ),
                author="Nina Smith",
                role="formand for Reformkommissionen",
            )
        ],
        facts=[
            FactRecord(
                heading="Vidste du...",
                text="At i 2013 udgjorde værdien af bygninger ca. 4.000 mia. kr.",
            )
        ],
    )

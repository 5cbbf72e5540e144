from django.db import migrations

# The recurring tasks of a housing department's operations (driftsopgaver).
TASKS = [
    ("graesslaaning", "Græsslåning", "Slåning af plæner og rabatter."),
    ("pleje-af-groenne-omraader", "Pleje af grønne områder", "Bede, buske, hække og naturarealer."),
    ("renholdelse", "Renholdelse", "Fejning, opsamling af affald og rengøring af udearealer."),
    ("trappevask", "Trappevask", "Rengøring af opgange, trapper og elevatorer."),
    ("snerydning", "Snerydning og glatførebekæmpelse", "Rydning af sne og saltning eller grusning af stier og p-pladser."),
    ("affaldshaandtering", "Affaldshåndtering", "Affaldsøer, sortering, tømning og storskrald."),
    ("vedligehold-af-legepladser", "Vedligehold af legepladser", "Eftersyn, reparation og fornyelse af legeredskaber og faldunderlag."),
    ("beskaering", "Beskæring", "Beskæring af træer, buske og hække."),
    ("vinduespudsning", "Vinduespudsning", "Pudsning af vinduer i fællesarealer og opgange."),
    ("graffitifjernelse", "Graffitifjernelse", "Fjernelse af graffiti og tags på facader og inventar."),
    ("loevopsamling", "Løvopsamling", "Opsamling og kompostering af blade om efteråret."),
    ("ukrudtsbekaempelse", "Ukrudtsbekæmpelse", "Fjernelse af ukrudt på belægninger og i bede."),
    ("vedligehold-af-belaegninger", "Vedligehold af belægninger", "Fliser, asfalt, stier og kantsten."),
    ("pleje-af-regnvandsanlaeg", "Pleje af regnvandsanlæg", "Regnbede, grøfter, faskiner og bassiner."),
    ("vaskeri", "Drift af fællesvaskeri", "Vedligehold og rengøring af fællesvaskeriet."),
    ("beboerservice", "Beboerservice", "Henvendelser, nøgler, småreparationer og flytninger."),
    ("hegn-og-inventar", "Vedligehold af hegn og udeinventar", "Bænke, borde, skure, hegn og cykelstativer."),
    ("belysning", "Udendørs belysning", "Eftersyn og udskiftning af lamper på stier og p-pladser."),
]


def create_tasks(apps, schema_editor):
    OperationsTask = apps.get_model("examples", "OperationsTask")
    for i, (slug, name, description) in enumerate(TASKS):
        OperationsTask.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": i},
        )


def remove_tasks(apps, schema_editor):
    OperationsTask = apps.get_model("examples", "OperationsTask")
    OperationsTask.objects.filter(
        slug__in=[slug for slug, _, _ in TASKS], examples__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("examples", "0001_initial")]
    operations = [migrations.RunPython(create_tasks, remove_tasks)]

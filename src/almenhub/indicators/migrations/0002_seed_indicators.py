from django.db import migrations

S, C, E = "social", "climate_environment", "economic"
AMOUNT, COUNT, PERCENT, CURRENCY = "amount", "count", "percent", "currency"

# (slug, name, bottom line, biodiversity, unit, unit kind, higher is better,
#  allow negative, definition, how to measure)
INDICATORS = [
    ("unge-i-fritidsjob", "Unge i fritidsjob i driften", S, False, "antal unge", COUNT, True, False,
     "Unge under 18 år fra boligområdet, der har haft fritidsjob i driften i perioden.",
     "Tæl unikke personer på lønlisten eller i kontrakten med jobformidleren; en ung tælles én gang pr. periode."),
    ("timer-beboerinddragelse", "Timer med beboerinddragelse", S, False, "timer", AMOUNT, True, False,
     "Timer, hvor beboere har deltaget i planlægning eller udførelse af driftsopgaver.",
     "Antal deltagere gange varighed for hver aktivitet, fx 12 beboere × 3 timer = 36 timer. Før deltagerlister."),
    ("beboere-i-aktiviteter", "Beboere, der deltog i aktiviteter", S, False, "antal beboere", COUNT, True, False,
     "Unikke beboere, der har deltaget i mindst én aktivitet knyttet til eksemplet.",
     "Deltagerlister fra arrangementer; tæl hver beboer én gang pr. periode."),
    ("ledige-i-job-via-driften", "Ledige i job eller praktik via driften", S, False, "antal personer", COUNT, True, False,
     "Personer uden for arbejdsmarkedet, der er kommet i praktik, løntilskud eller ordinært job i driften.",
     "Aftaler med jobcenter eller ansættelsesbreve i perioden."),
    ("elever-og-laerlinge", "Elever og lærlinge i driften", S, False, "antal elever", COUNT, True, False,
     "Ejendomsservicetekniker-, anlægsgartner- og andre elever ansat i afdelingens drift.",
     "Uddannelsesaftaler, der har været aktive i perioden."),
    ("tilfredshed-udearealer", "Beboere, der er tilfredse med udearealerne", S, False, "%", PERCENT, True, False,
     "Andel af de adspurgte beboere, der svarer “tilfreds” eller “meget tilfreds” om udearealerne.",
     "Spørgeskema med samme spørgsmål før og efter; angiv antal svar i noten."),
    ("frivillige-beboergrupper", "Beboere i frivillige grupper", S, False, "antal beboere", COUNT, True, False,
     "Beboere, der er faste medlemmer af et grønt laug, en affaldsgruppe eller lignende.",
     "Medlemslister ved periodens slutning."),
    ("affald-til-genanvendelse", "Affald sorteret til genanvendelse", C, False, "kg", AMOUNT, True, False,
     "Vægt af affald, der er sorteret til genanvendelse (papir, pap, plast, metal, glas, madaffald).",
     "Vejesedler fra renovatøren eller kommunens affaldsdata for afdelingen."),
    ("genanvendelsesprocent", "Genanvendelsesprocent", C, False, "%", PERCENT, True, False,
     "Andel af afdelingens samlede affald, der sorteres til genanvendelse.",
     "Sorteret affald divideret med samlet affald, begge i kg, gange 100."),
    ("co2e-undgaaet", "Undgået udledning af drivhusgasser", C, False, "ton CO2e", AMOUNT, True, True,
     "Udledning, der er undgået i forhold til den tidligere måde at løse opgaven på.",
     "Sparet brændstof eller el gange emissionsfaktor (fx 2,6 kg CO2e pr. liter diesel); angiv faktoren i noten."),
    ("driftstimer-maskiner-undgaaet", "Undgåede driftstimer med maskiner", C, False, "driftstimer", AMOUNT, True, True,
     "Timer med brændstofdrevne maskiner (plæneklippere, fejemaskiner, traktorer), der ikke længere køres.",
     "Timetællere eller kørebøger før og efter omlægningen."),
    ("braendstof-sparet", "Sparet brændstof", C, False, "liter", AMOUNT, True, True,
     "Benzin og diesel, der ikke er brugt i perioden i forhold til før.",
     "Indkøbsbilag for brændstof før og efter."),
    ("vand-til-vanding-sparet", "Sparet vand til vanding", C, False, "m³", AMOUNT, True, True,
     "Drikkevand, der ikke længere bruges til vanding af plæner og bede.",
     "Bimålere på udendørs haner eller skøn ud fra vandingsplanen."),
    ("regnvand-haandteret-lokalt", "Regnvand håndteret lokalt", C, False, "m³", AMOUNT, True, False,
     "Regnvand, der nedsives eller forsinkes på egen grund i stedet for at gå i kloakken.",
     "Tilsluttet tagareal × årsnedbør (ca. 0,7 m pr. år), eller målinger fra forsyningen."),
    ("plaene-til-eng", "Græsplæne omlagt til vild eng", C, True, "m²", AMOUNT, True, False,
     "Areal, der er gået fra kortklippet plæne til eng, der slås højst to gange om året.",
     "Opmål arealet på kort eller med målehjul."),
    ("plantearter", "Registrerede plantearter", C, True, "antal arter", COUNT, True, False,
     "Antal forskellige vilde plantearter fundet på de omlagte arealer.",
     "Artsregistrering i juni og august, fx med en biolog eller i Arter.dk; brug samme felter hvert år."),
    ("insektarter", "Registrerede insektarter", C, True, "antal arter", COUNT, True, False,
     "Antal forskellige insektarter (bier, sommerfugle, svirrefluer, biller) registreret.",
     "Faste ruter eller fælder på samme datoer hvert år; registrér i Arter.dk."),
    ("traeer-og-buske-plantet", "Plantede hjemmehørende træer og buske", C, True, "antal planter", COUNT, True, False,
     "Hjemmehørende træer og buske, der er plantet og har overlevet første vækstsæson.",
     "Plantelister og optælling året efter plantning."),
    ("nye-levesteder", "Nye levesteder for dyr og insekter", C, True, "antal levesteder", COUNT, True, False,
     "Redekasser, insekthoteller, faunabunker, stendiger og vandhuller, der er etableret.",
     "Optælling ved periodens slutning."),
    ("areal-uden-pesticider", "Areal plejet uden pesticider", C, True, "m²", AMOUNT, True, False,
     "Udeareal, hvor der slet ikke bruges sprøjtemidler.",
     "Opmål på kort; tæl kun arealer, hvor ingen sprøjtning er sket i hele perioden."),
    ("driftsudgifter-sparet", "Sparede driftsudgifter", E, False, "kr./år", CURRENCY, True, True,
     "Forskellen på de årlige udgifter til opgaven før og efter; negativ, hvis det er blevet dyrere.",
     "Driftsregnskabets konti for opgaven før og efter, omregnet til ét år."),
    ("arbejdstimer-frigjort", "Frigjorte arbejdstimer i driften", E, False, "timer/år", AMOUNT, True, True,
     "Medarbejdertimer om året, der er frigjort til andre opgaver.",
     "Tidsregistrering eller arbejdsplaner før og efter."),
    ("maskinindkoeb-undgaaet", "Undgåede indkøb af maskiner og materialer", E, False, "kr.", CURRENCY, True, False,
     "Indkøb, der ikke har været nødvendige, fx en ny plæneklipper eller nye planter.",
     "Tilbud eller budget for indkøbet, der blev sparet."),
    ("indtaegt-genbrug", "Indtægt fra salg af genbrugsmaterialer", E, False, "kr./år", CURRENCY, True, False,
     "Indtægter fra pap, metal, møbler og andet, der sælges i stedet for at blive kasseret.",
     "Afregninger fra opkøbere."),
    ("haervaerk-udgifter", "Udgifter til hærværk og graffiti", E, False, "kr./år", CURRENCY, False, False,
     "Årlige udgifter til at udbedre hærværk og fjerne graffiti.",
     "Driftsregnskabets konti for hærværk og graffiti."),
]


def create_indicators(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for i, row in enumerate(INDICATORS):
        slug, name, line, bio, unit, kind, higher, negative, definition, how = row
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "bottom_line": line,
                "biodiversity": bio,
                "unit": unit,
                "unit_kind": kind,
                "higher_is_better": higher,
                "allow_negative": negative,
                "definition": definition,
                "how_to_measure": how,
                "sort_order": i,
            },
        )


def remove_indicators(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(
        slug__in=[row[0] for row in INDICATORS], values__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(create_indicators, remove_indicators)]

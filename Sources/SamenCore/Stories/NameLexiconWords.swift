extension NameLexicon {
    /// Ordinary Dutch (and some English) words: never a name when written in lower case,
    /// and no evidence of a name when capitalised outside a cue (people capitalise nouns:
    /// "de Gemeente", "mijn Uitkering"). Function words, frequent verbs, adverbs and the
    /// nouns of benefit, debt, care, housing and youth-care stories.
    static let commonWords = words("""
    de het een en of maar want dus dan toen als omdat dat die dit deze wat wie waar wanneer hoe waarom welke welk er hier daar
    ik jij je u hij zij ze wij we jullie hun hen hem haar mij me mijn m'n mn jouw jou uw ons onze zijn z'n mezelf zichzelf
    niet geen wel ook nog al weer alleen altijd nooit soms vaak steeds meteen direct gewoon echt heel erg zo zeer te veel weinig
    meer minder minst meest alles niets iets iemand niemand iedereen allemaal elke elk ieder beide andere ander zelf samen
    in op aan bij met van voor na naar uit over onder tussen door tegen zonder tot sinds vanaf om rond via per binnen buiten
    boven achter naast langs tijdens volgens ondanks behalve
    ben bent is zijn was waren ben geweest heb hebt heeft hebben had hadden gehad word wordt worden werd werden geworden kan kun
    kunt kunnen kon konden wil wilt willen wilde wou mag mogen mocht moet moeten moest moesten zal zult zullen zou zouden ga gaat
    gaan ging gingen gegaan kom komt komen kwam kwamen gekomen doe doet doen deed deden gedaan zeg zegt zeggen zei zeiden gezegd
    weet weten wist geweten zie ziet zien zag zagen gezien krijg krijgt krijgen kreeg kregen gekregen geef geeft geven gaf gegeven
    sta staat staan stond lig ligt liggen lag zit zitten zat blijf blijft blijven bleef woon woont wonen woonde gewoond werk werkt
    werken werkte gewerkt bel belt bellen belde gebeld vraag vraagt vragen vroeg gevraagd help helpt helpen hielp geholpen
    betaal betaalt betalen betaalde betaald stuur stuurt sturen stuurde gestuurd schrijf schrijft schrijven schreef geschreven
    lees leest lezen las gelezen vind vindt vinden vond gevonden denk denkt denken dacht gedacht voel voelt voelen voelde
    hoor hoort horen hoorde gehoord snap snapt begrijp begrijpt begrijpen begreep wacht wacht wachten wachtte gewacht
    probeer probeert proberen probeerde geprobeerd maak maakt maken maakte gemaakt laat laten liet gelaten neem neemt nemen nam
    genomen houd houdt houden hield loop loopt lopen liep leef leeft leven leefde zoek zoekt zoeken zocht gezocht
    ja nee nou oké ok oke hè he hoor hoi joh jee tja ach oh o hmm uh eh nou sorry bedankt dank alsjeblieft alstublieft graag
    goed slecht blij boos bang moe ziek gezond druk rustig lastig moeilijk makkelijk fijn leuk mooi lief aardig vriendelijk
    groot klein oud jong nieuw eerst eerste tweede laatste volgende vorige hele heel half lang kort hoog laag zwaar duur goedkoop
    arm rijk alleen samen zelfstandig bezorgd verdrietig eenzaam zwanger gescheiden getrouwd werkloos dakloos schuldig
    vandaag gisteren morgen straks nu net later eerder ooit daarna daarvoor toen intussen inmiddels eindelijk opeens ineens
    dag week maand jaar uur minuut keer tijd ochtend middag avond nacht weekend vakantie begin eind
    gemeente wijkteam loket balie brief brieven mail formulier aanvraag uitkering bijstand toeslag toeslagen huurtoeslag
    zorgtoeslag kinderbijslag belasting boete schuld schulden rekening rekeningen incasso deurwaarder beslag bewind budget geld
    euro huur huis woning flat kamer keuken badkamer schimmel lekkage verhuurder corporatie wachtlijst urgentie afspraak
    gesprek telefoon nummer website app portaal dossier zaak besluit beschikking bezwaar klacht regeling voorziening indicatie
    zorg thuiszorg huisarts ziekenhuis apotheek medicijnen therapie hulp ondersteuning begeleiding jeugdhulp jeugdzorg school
    werk baan contract uitzendbureau sollicitatie re-integratie traject cursus taalles inburgering verblijfsvergunning
    kind kinderen ouders gezin familie moeder vader zoon dochter man vrouw mensen mens persoon klant inwoner burger
    consulent medewerker ambtenaar hulpverlener begeleider instantie instanties organisatie overheid politie rechter
    vrijwilliger buurt wijk straat stad dorp land bewoner bewoners deelnemer deelnemers interviewer respondent spreker
    vertelt vertelde vertellen verteld legt legde uitleg aangeeft geeft aan
    goedemorgen goedemiddag goedenavond welkom groet groeten
    thuis avonds ochtends morgens middags nachts zondags zaterdags winters zomers inkomen welzijn participatie onderwijs
    veiligheid veilig burgerzaken publiekszaken klantcontact samenleving wonen jeugd gezondheid sport cultuur armoede
    schuldhulpverlening schuldhulp bewindvoering dagbesteding mantelzorg huishoudelijke beschermd inloop spreekuur
    informatie advies aanmelding intake melding meldpunt vragen antwoord antwoorden bericht berichten bijlage bijlagen
    betreft onderwerp datum kenmerk handtekening naam adres woonplaats geboortedatum telefoonnummer postcode
    algemeen algemene sociale sociaal maatschappelijke maatschappelijk openbare openbaar centrale centraal lokale lokaal
    nationale nationaal landelijke landelijk regionale regionaal gemeentelijke gemeentelijk stedelijke afdeling directie
    dienstverlening team teams bureau kantoor stadskantoor gemeentehuis stadhuis buurthuis wijkcentrum servicepunt
    uitleg overzicht verslag rapport plan aanpak beleid regels wet recht rechten plicht plichten kosten bijdrage
    inderdaad natuurlijk helaas gelukkig jammer misschien waarschijnlijk zeker eigenlijk uiteindelijk achteraf daarom
    dankzij volgens zelfs eerlijk moeilijk hopelijk vanochtend vanmiddag vanavond vannacht onlangs laatst binnenkort
    verder tenslotte ten slotte bovendien daarnaast ondertussen ondanks hoewel terwijl zodra nadat voordat totdat zodat
    i you he she we they it the a an and or but is are was were be been have has had do does did not no yes my your his her our
    their this that what who when where why how with for from to of in on at by very so just also too
    """)

    /// First names that are also words in lower case: taken only when capitalised.
    static let wordLikeNames = words("max mark said ties frank harm amber iris ton merel fleur bas kim cor ad leo els jose ana sara")

    /// Common first names in the Netherlands and Flanders, across the backgrounds of their
    /// inhabitants; an extra source beside the cues. Names that are also ordinary words
    /// (roos, job, wil, hoop, …) are left out.
    static let firstNames = words("""
    jan piet kees henk gerrit willem johan hans peter paul mark marco martin michel frank erik eric rob robert richard ronald
    sander jeroen bas bart joost maarten wouter jasper thijs tim tom niels koen stijn ruben daan sem lucas levi finn luuk milan
    noah liam jesse thomas max lars bram sven teun tijn gijs mees siem ties jens joris stefan dennis patrick kevin mike nick
    rick ricardo edwin erwin arjan marcel rene ruud jeroen gert geert harm hendrik jacob jaap klaas dirk evert arie cor ad
    anton frans gerard leo theo wim bert nico toon sjaak huub harry fred ton joop
    anna emma julia sophie sofie lisa eva sara sarah lotte fleur noor mila tess saar zoë zoe nina lieke anouk sanne femke
    iris esther eline ilse inge ingrid anja annie ans riet corrie truus mieke marieke mariëlle marjolein monique yvonne petra
    sandra linda wendy marloes kim lisanne manon demi britt romy isa fenna maud jasmijn lynn elin nora evi amber merel jolien
    janneke hanneke karin carla gerda wilma tineke marianne marja joke jannie diny hennie ria ineke liesbeth annemarie
    mohamed mohammed mohammad muhammad ahmed ahmad ali omar youssef yusuf ibrahim mustafa mehmet hasan hassan hussein
    abdel abdelkader abdullah karim khalid rachid rashid said samir hamza bilal ayoub anas ilias adam amine nordin driss
    mounir redouan soufiane zakaria younes mehmet emre burak murat ahmet fatih kemal yusuf serkan ozan baris cem
    fatima fatma aisha aicha khadija zainab zeynep meryem maryam samira nadia naima latifa hafsa imane salma yasmina yasmine
    sara leila layla nour amira hanan hayat loubna soumaya ikram dounia elif ayse ayşe emine hatice büşra esra merve
    rajesh ravi sunita anita shanti priya kiran sharda radj sandeep
    kwame kofi ama akosua abena yaw mamadou fatoumata aminata ibrahima abdi hodan faadumo ayaan yonas semhar tesfay
    dewi putri agus wayan
    piotr pawel tomasz katarzyna agnieszka marta magda monika andrzej krzysztof olga natalia oksana iryna olena dmitri
    ivan elena maria mario giovanni josé jose juan carlos luis ana carmen pedro miguel marta joão
    jean pierre marie claire luc philippe dirk wim jef veerle griet els katrien sofie jana lotte hanne
    """)
}

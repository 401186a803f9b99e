/// The word lists behind `NameDetector`, written for this project (not taken from any
/// other tool). All entries are lower case; the detector compares lower-cased words.
enum NameLexicon {
    static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    /// Name particles (tussenvoegsels and their Arabic, French and other counterparts).
    static let particles = words("""
    van de der den het ter ten te t 's in op 'van la le du des da di do dos el al bin ben ibn abu ul von zu vd v.d. d' o' mc mac
    """)

    /// Words after which the next word is a name even in lower case ("ik heet piet").
    static let strongCues: [[String]] = [
        ["mijn", "naam", "is"], ["m'n", "naam", "is"], ["mn", "naam", "is"], ["naam", "is"], ["naam", "was"], ["naam", ":"],
        ["voornaam", "is"], ["achternaam", "is"], ["roepnaam", "is"], ["voornaam", ":"], ["achternaam", ":"],
        ["genaamd"], ["genoemd"], ["my", "name", "is"], ["name", "is"], ["name", ":"], ["i'm", "called"],
    ]
    /// Words after which a capitalised word is a name: "ik ben Anouk", "dit is Kees".
    static let weakCues: [[String]] = [
        ["ik", "ben"], ["ik", "was"], ["dit", "is"], ["met", "wie", "spreek", "ik", "?"], ["u", "spreekt", "met"],
        ["je", "spreekt", "met"], ["spreek", "ik", "met"], ["i", "am"], ["i'm"], ["een", "zekere"], ["ene"], ["zekere"],
        ["bedankt"], ["dank", "je"], ["dank", "u"], ["dankjewel"], ["dankuwel"], ["thanks"], ["samen", "met"], ["aldus"],
    ]
    /// "heet" and its forms: a name follows, in lower case too when a person comes before.
    static let nameVerbs = words("heet heette heten heetten")
    static let personWords = words("ik hij zij ze die jij je u hem haar wie diegene")

    /// Forms of address; the name after them may be in lower case ("meneer jansen").
    static let addressForms = words("""
    meneer mevrouw mevr mw mvr dhr heer juf juffrouw meester dokter dr drs mr ir ing prof zuster pastoor dominee imam rabbijn mrs ms miss sir madam
    """)

    /// Relations and roles: "mijn buurvrouw Ans", "klantmanager Yvonne". A capitalised word
    /// must follow (or ", Name,"), or "van" and a name ("de moeder van Daan").
    static let relations = words("""
    moeder vader mama papa mam pap ma pa moeke zoon zoontje dochter dochtertje zus zusje zuster broer broertje oma opa tante
    oom neef nicht nichtje neefje man vrouw echtgenoot echtgenote partner vriend vriendin vriendje vriendinnetje ex schoonmoeder
    schoonvader schoonzus zwager stiefvader stiefmoeder stiefzoon stiefdochter kleinzoon kleindochter kind kleinkind buurman
    buurvrouw buurjongen buurmeisje huisgenoot collega baas leidinggevende kennis klasgenoot maatje buddy mantelzorger
    begeleider begeleidster hulpverlener consulent consulente klantmanager casemanager regisseur schuldhulpverlener bewindvoerder
    mentor coach jobcoach wijkcoach wijkagent verpleegkundige huisarts arts psycholoog psychiater therapeut advocaat advocate
    notaris docent docente leraar lerares directeur directrice ambtenaar medewerker medewerkster contactpersoon behandelaar
    gezinsvoogd voogd pleegmoeder pleegvader ouderenadviseur tolk vrijwilliger verhuurder huisbaas beheerder conciërge
    werkgever ondernemer eigenaar jongen meisje vriendinnen vrienden zussen broers
    """)
    /// Endings that make a word a role: wijkverpleegkundige, budgetcoach, schuldconsulent.
    static let roleEndings = ["medewerker", "medewerkster", "consulent", "consulente", "coach", "manager", "adviseur",
                              "begeleider", "begeleidster", "verpleegkundige", "werker", "werkster", "regisseur", "agent",
                              "arts", "voogd", "hulpverlener", "verlener", "deskundige", "assistent", "assistente"]

    /// Greetings at the start of a message or line: "Hoi Sanne", "Beste Jan".
    static let greetings = words("hoi hallo hey hee hi hai beste lieve liefste dag goedemorgen goedemiddag goedenavond dear hello")
    /// Closing words after which a signature follows: "Groet, Kees", "Mvg\nPiet".
    static let closers = words("""
    groet groeten groetjes groetje gr grt grtjs mvg liefs kusjes doei xx xxx regards cheers namens dank
    """)

    /// Capitalised words that are no personal name: places, countries, peoples and
    /// languages, organisations and brands that citizens name in these stories, feasts.
    static let nonNames = words("""
    nederland holland belgië belgie vlaanderen duitsland frankrijk engeland spanje italië turkije marokko suriname curaçao curacao
    aruba bonaire antillen polen roemenië bulgarije syrië irak iran afghanistan eritrea somalië ethiopië ghana nigeria china
    india indonesië oekraïne rusland europa afrika azië amerika
    amsterdam rotterdam utrecht eindhoven groningen tilburg almere breda nijmegen apeldoorn arnhem haarlem enschede amersfoort
    zaanstad haarlemmermeer zwolle zoetermeer leiden maastricht dordrecht ede alphen alkmaar emmen delft venlo deventer sittard
    helmond oss hilversum heerlen amstelveen nissewaard hengelo purmerend schiedam lelystad roosendaal leeuwarden almelo spijkenisse
    vlaardingen gouda zeist capelle katwijk assen bergen hoorn veenendaal nieuwegein lansingerland den haag haag bosch 's-hertogenbosch
    antwerpen gent brussel luik leuven mechelen brugge hasselt zuidoost nieuw-west noord oost west zuid centrum schilderswijk
    kanaleneiland overvecht lombok bijlmer randstad brabant limburg friesland drenthe overijssel gelderland zeeland flevoland
    nederlands nederlandse nederlander nederlanders hollands vlaams vlaamse belgisch belgische engels engelse duits duitse frans
    franse spaans spaanse turks turkse turk turken marokkaans marokkaanse marokkaan marokkanen surinaams surinaamse antilliaans
    antilliaanse pools poolse syrisch syrische arabisch arabische berbers koerdisch koerdische eritrees eritrese somalisch
    somalische afghaans afghaanse oekraïens oekraïense roemeens roemeense bulgaars bulgaarse chinees chinese indisch indische
    europees europese afrikaans afrikaanse aziatisch aziatische islamitisch islamitische christelijk christelijke joods joodse
    moslim moslims christen christenen hindoe hindoestaans hindoestaanse
    uwv svb duo cak cjib ind ggd ggz rdw kvk belastingdienst toeslagen gemeente rijksoverheid digid mijnoverheid juridisch loket
    wijkteam sociaal zorgverzekeraar zilveren kruis menzis vgz cz achmea ditzo ohra interpolis ing rabobank abn amro sns asn
    bunq triodos eneco vattenfall essent greenchoice budget energie ziggo kpn odido vodafone tele2 ns gvb ret htm qbuzz arriva
    connexxion ymere eigen haard woonbron vestia havensteder portaal mitros bo-ex woonstad stadgenoot rochdale de alliantie
    woonzorg humanitas leger heils cordaid vluchtelingenwerk nibud schuldhulpmaatje stichting voedselbank kledingbank
    albert heijn jumbo lidl aldi plus action hema kruidvat bol.com coolblue marktplaats whatsapp facebook instagram tiktok
    google microsoft teams zoom youtube netflix iphone samsung excel word outlook gmail hotmail
    kerst kerstmis pasen pinksteren ramadan suikerfeest offerfeest sinterklaas oud nieuw koningsdag bevrijdingsdag
    god allah jezus christus bijbel koran wmo wlz zvw wajong ww aow anw pgb wsnp msnp bbz ioaw tozo corona covid
    parkinson alzheimer crohn asperger huntington down tourette hodgkin
    opel volkswagen golf polo toyota ford renault peugeot fiat citroën skoda kia hyundai bmw mercedes audi volvo seat nissan
    mazda suzuki tesla dacia honda
    """).union(days)
    /// Endings of capitalised words that name an institution, a law or a place, not a person.
    static let nonNameEndings = ["wet", "dienst", "bank", "bureau", "fonds", "centrum", "raad", "team", "loket", "kerk", "school",
                                 "college", "zaken", "kliniek", "ziekenhuis", "stichting", "groep", "wijk", "dorp",
                                 "regio", "provincie", "zorg", "hulp", "werk", "straat", "laan", "plein"]
    static let days = words("""
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september
    oktober november december monday tuesday wednesday thursday friday saturday sunday
    """)
}

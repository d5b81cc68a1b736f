/// The small word lists the recognizers share (the large ones, names and places, are dictionaries).
enum WordLists {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
    /// Words that open an organisation's name and the words that may join one ("Bank of …", "Lee and Sons").
    static let articles: Set<String> = ["the", "a", "an"]
    static let institutions: Set<String> = ["university", "bank", "college", "institute", "ministry", "department"]
    static let organizationJoiners: Set<String> = ["and", "of", "the", "for"]
    /// Words right before a place ("in Lyon", "moved to Porto"), and the small words inside a place's name.
    static let placeCues: Set<String> = ["in", "at", "from", "to", "near", "of", "visit", "visited", "moved", "lives", "live", "based", "born", "via",
        // Other languages' "from" and "to" before a town (Spanish, German, French, Dutch).
        "desde", "hacia", "nach", "aus", "depuis", "vers", "à", "naar",
        // Spanish and French "in", Portuguese "em" ("vive en Madrid": Madrid was a person).
        "en", "em"]
    /// Lower-case words inside a place's name ("Republic of the Congo", "Turks and Caicos Islands").
    static let placeJoiners: Set<String> = ["of", "de", "la", "del", "and", "the"]
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "dame", "lord", "lady", "rev", "fr", "capt", "sgt", "mister", "doctor",
        // German, French, Spanish and Portuguese, Italian, Dutch, Scandinavian ("Sr", an English
        // "senior", is left out: "Sr. Software Engineer").
        "herr", "frau", "monsieur", "madame", "mademoiselle", "mme", "mlle", "sra", "srta", "señor", "señora", "señorita", "dra",
        "sig", "signor", "signora", "signorina", "dott", "dottor", "dottore", "dottoressa", "dhr", "mevr", "mevrouw", "fru", "hr",
        // German's "Herr" after "an", "für", "von" ("Bitte an Herrn Jörg Brandstätter schicken": the
        // name stayed), Spanish "Doña".
        "herrn", "doña", "dña",
        // A family by its name in German, French, Spanish, Italian and Portuguese ("an Familie Özdemir").
        "familie", "famille", "familia", "famiglia", "família",
    ]
    /// What follows a German doctor's title before the name: the faculty ("Dr. med. Weiß", "Dr.
    /// rer. nat. Kühnel": the faculty was taken for the name, and the name stayed).
    static let doctorates: Set<String> = ["med", "dent", "vet", "rer", "nat", "pol", "oec", "phil", "jur", "theol", "habil", "sc", "h", "c"]
    /// Words of everyday messages and tickets that the small English list lacks, some of them also
    /// a listed name ("ping", "chat"): in lower case no name ("ping @kwame_mensah", "sync with").
    /// (Read after the tagger, not as one of its features.)
    static let moreEnglish: Set<String> = [
        "ping", "pinged", "sync", "synced", "temp", "login", "logout", "logon", "signup", "signin", "email", "emailed", "emails", "texted", "zoom",
        "slack", "wifi", "app", "apps", "online", "offline", "inbox", "voicemail", "callback", "website", "webinar", "username", "chat",
        "chatted", "dm", "dms", "ack", "reboot", "rebooted", "unsubscribe", "unsubscribed", "escalate", "escalated", "refunded", "checkout",
        // A clinical note's shorthand.
        "pt", "pts", "yo", "hx", "dx", "rx", "tx", "sx", "fx", "sob", "appt", "prn", "bid", "tid", "qid", "qd", "npo", "nkda", "vitals",
        "labs", "meds", "wnl", "afebrile", "ambulating", "postop", "preop", "followup", "bp", "hr", "rr", "iv", "po", "ecg", "ekg", "mri", "icu",
        // A clinical note's conditions ("Hx HTN, DM2" was a person).
        "htn", "dm2", "t2dm", "copd", "chf", "gerd", "ckd", "afib", "cva", "uti", "hld", "osa", "bph", "dvt", "esrd", "aki", "hcv", "hbv",
        "nstemi", "stemi", "cabg", "lvef", "sbp", "dbp", "spo2", "pmh", "psh", "hpi", "ros",
    ]
    /// Object pronouns: a word opening a sentence right before one is a verb, not a name ("Ping me
    /// when done", "Text us").
    static let objectPronouns: Set<String> = ["me", "us", "them"]
    /// A title's feminine ending after its full stop: "Dott.ssa Rossi", "Sig.ra Bianchi", "Sig.na Verdi".
    static let titleEndings: Set<String> = ["ssa", "ra", "na"]
    /// A hospital's units, services and roles as notes abbreviate them in capitals ("presented to ED",
    /// "moved to ICU"): no one's name there, though Ed is a first name.
    static let clinicalUnits: Set<String> = ["ed", "er", "icu", "ccu", "nicu", "picu", "pacu", "hdu", "itu", "ent", "gp", "pcp", "ob", "gyn", "obgyn", "rn", "md", "np", "pa"]

    /// Languages, peoples, academic degrees and card brands, written capitalised but no one's name
    /// ("fluent in French and Italian", "a Ph.D.", "an MA from", "a BSC degree", "to Visa ending
    /// 1881"), and the abbreviation of a saint that opens a place's or a college's name ("St.
    /// Lawrence College"): a name the lists do not know is none of these (the tagger took them for names).
    static let namedThings: Set<String> = Set([
        "visa", "mastercard", "amex", "maestro", "jcb", "unionpay", "paypal", "venmo", "zelle", "klarna",
        "english", "french", "german", "italian", "spanish", "portuguese", "dutch", "flemish", "danish", "swedish", "norwegian", "finnish",
        "icelandic", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian", "belarusian",
        "serbian", "croatian", "bosnian", "slovenian", "albanian", "macedonian", "lithuanian", "latvian", "estonian", "irish", "scottish", "welsh",
        "gaelic", "british", "american", "canadian", "mexican", "brazilian", "argentinian", "argentine", "chilean", "peruvian", "colombian",
        "venezuelan", "cuban", "japanese", "chinese", "mandarin", "cantonese", "korean", "vietnamese", "thai", "khmer", "burmese", "malay",
        "indonesian", "filipino", "tagalog", "hindi", "urdu", "bengali", "punjabi", "tamil", "telugu", "marathi", "gujarati", "kannada",
        "malayalam", "nepali", "sinhala", "arabic", "hebrew", "persian", "farsi", "kurdish", "pashto", "amharic", "swahili", "somali", "yoruba",
        "igbo", "hausa", "zulu", "xhosa", "afrikaans", "latin", "esperanto", "catalan", "basque", "galician", "australian", "indian", "pakistani",
        "egyptian", "moroccan", "african", "european", "asian", "nigerian", "kenyan", "ethiopian", "israeli", "iranian", "iraqi", "syrian",
        "lebanese", "saudi", "uzbek", "kazakh", "armenian", "azerbaijani", "mongolian", "tibetan", "swiss", "austrian", "belgian",
        "luxembourgish", "maltese", "cypriot", "haitian", "creole", "jamaican", "hawaiian", "maori", "samoan", "scandinavian", "slavic",
        "st",
    ]).union(degrees)
    /// Software, online services, devices and operating systems a support ticket names ("Reset the
    /// cache in Safari", "Logged in with Okta SSO", "refunded via Stripe"), in lower case: no one's
    /// name or town though the tagger read them so after `in`, `via` or `with` (``EntityRecognizer/withoutProducts(_:_:)``).
    /// None is a first or last name of the census lists (Jenkins, Alexa, Claude, Slack are left out: a
    /// name there is more often someone's), nor a street's word (Square).
    static let products: Set<String> = [
        "chrome", "chromium", "firefox", "safari", "opera", "brave", "vivaldi",
        "windows", "macos", "osx", "ios", "ipados", "android", "linux", "ubuntu", "debian", "fedora", "centos", "chromeos", "watchos", "tvos",
        "excel", "powerpoint", "outlook", "onenote", "onedrive", "sharepoint", "teams", "visio", "gmail", "hotmail",
        "notion", "evernote", "trello", "asana", "jira", "confluence", "bitbucket", "github", "gitlab", "zoom", "webex", "skype", "whatsapp",
        "telegram", "discord", "viber", "wechat", "facetime", "dropbox", "icloud", "airtable", "clickup", "basecamp", "miro", "figma", "canva",
        "photoshop", "illustrator", "acrobat", "lightroom", "indesign", "quickbooks", "xero", "netsuite", "salesforce", "hubspot", "zendesk",
        "freshdesk", "intercom", "mailchimp", "marketo", "pardot", "shopify", "magento", "woocommerce", "wordpress", "squarespace", "wix",
        "bigcommerce", "stripe", "braintree", "adyen", "afterpay", "cashapp", "revolut", "okta", "auth0", "onelogin", "lastpass", "bitwarden",
        "keepass", "docusign", "hellosign", "zapier", "twilio", "sendgrid", "mailgun", "aws", "heroku", "netlify", "vercel", "cloudflare",
        "digitalocean", "kubernetes", "docker", "terraform", "ansible", "postgres", "postgresql", "mysql", "mongodb", "redis", "elasticsearch",
        "kibana", "grafana", "datadog", "splunk", "sentry", "pagerduty", "newrelic", "tableau", "looker", "powerbi", "databricks", "bigquery",
        "redshift", "sap", "workday", "servicenow", "bamboohr", "gusto", "linkedin", "facebook", "instagram", "twitter", "tiktok", "youtube",
        "snapchat", "pinterest", "reddit", "ebay", "etsy", "alibaba", "aliexpress", "uber", "lyft", "airbnb", "expedia", "netflix", "spotify",
        "hulu", "fitbit", "garmin", "iphone", "ipad", "imac", "macbook", "airpods", "galaxy", "samsung", "huawei", "xiaomi", "oneplus",
        "motorola", "nokia", "lenovo", "thinkpad", "asus", "acer", "logitech", "nintendo", "playstation", "xbox", "roku", "chromecast",
        "firestick", "sonos", "google", "microsoft", "adobe", "mozilla", "yahoo", "duckduckgo", "chatgpt", "openai", "copilot", "citrix",
        "vmware", "virtualbox", "putty", "filezilla", "winzip", "notepad", "vscode", "intellij", "xcode", "postman",
        // Carriers and memberships an order's ticket names ("lost by FedEx", "a Prime member").
        "fedex", "ups", "usps", "dhl", "dpd", "gls", "tnt", "purolator", "evri", "postnl", "correos", "prime", "kindle",
    ]
    /// Words that follow a product's name as part of it ("Acrobat Reader", "MacBook Pro", "Google
    /// Drive", "Office 365"); a word in capitals of four letters at most ("Okta SSO") and a number are too.
    static let productTails: Set<String> = [
        "pro", "max", "plus", "mini", "air", "ultra", "lite", "reader", "desktop", "web", "mobile", "app", "apps", "cloud", "online", "business",
        "enterprise", "studio", "code", "drive", "docs", "sheets", "slides", "mail", "calendar", "meet", "chat", "store", "pay", "wallet", "one",
        "go", "premium", "server", "edition", "classic", "beta", "insider", "workspace", "office", "messenger", "photos", "maps", "play", "tv",
        "music", "watch", "phone", "tab", "note", "book", "connect", "sync", "analytics", "ads", "console", "portal", "admin", "explorer",
        "express", "ground", "freight", "paperwhite", "fire", "video",
    ]
    /// The organisations' words of places one goes to (``organizationSuffixes``): a name before one
    /// is the place's ("Hilton Garden Inn", "Mercy General Hospital").
    static let venues: Set<String> = ["hotel", "hotels", "inn", "motel", "resort", "hostel", "hospital", "clinic", "school", "college", "university", "academy",
                                      "centre", "center", "pharmacy", "surgery"]
    /// A clinical note's shorthand: doses, how often, conditions, roles and tests ("500 mg BID", "PMH:
    /// HTN", "Pt's son … is HCP"), in lower case. No common words of the lexicon: the person model reads
    /// that flag, and its shipped weights are what training gives with the lists as they are.
    static let clinicalShorthand: Set<String> = [
        "mg", "mcg", "ml", "meq", "mmol", "bid", "tid", "qid", "qd", "qhs", "prn", "po", "iv", "sq", "pt", "pts", "hcp", "poa", "pmh", "hpi",
        "htn", "t2dm", "dm", "cad", "chf", "copd", "ckd", "afib", "cva", "tia", "gerd", "uti", "pna", "dvt", "sob", "nad", "wnl", "rrr", "ctab",
        "cap", "ekg", "ecg", "cxr", "mri", "ct", "yo",
        // Diagnoses and procedures a discharge summary writes in capitals ("admitted with NSTEMI").
        "nstemi", "stemi", "acs", "aki", "ards", "dka", "cabg", "pci", "pvd", "hld", "bph", "ugib", "lgib", "sbo", "ams",
        "icu", "er", "nicu", "picu", "ccu", "or", "pacu", "dnr", "dnar", "npo", "sirs", "mrsa", "vre", "esrd", "hfref", "hfpef",
    ]
    /// A time zone's words before `Time` ("Pacific Time", "Eastern Standard Time"): no place is meant.
    static let timeZoneWords: Set<String> = ["pacific", "eastern", "central", "mountain", "atlantic", "alaska", "hawaii", "greenwich", "european", "western",
                                             "standard", "daylight", "mean", "summer"]
    /// Operating systems whose versions have names of their own, often a town's ("macOS Sonoma", "macOS Monterey").
    static let versionedSystems: Set<String> = ["macos", "osx", "windows", "android", "ubuntu", "debian", "ios"]
    /// Academic degrees and a few qualifications, in lower case (`Ph` of `Ph.D.`).
    static let degrees: Set<String> = [
        "ba", "bs", "bsc", "ma", "msc", "mba", "phd", "ph", "md", "jd", "llb", "llm", "edd", "dds", "dvm", "bba", "bcom", "mcom", "mphil",
        "dphil", "bfa", "mfa", "bts", "cpa", "mph", "mpa", "beng", "meng",
    ]
    /// Particles of Irish, Scottish and Welsh names ("Mac Dáibhidh", "Ó Maille"), which a name is
    /// widened over (``EntityRecognizer/widenedNames(_:_:)``); not lexicon flags: "o" is a word.
    static let gaelicParticles: Set<String> = ["mac", "mc", "ó", "o", "ní", "ni", "nic", "uí", "ua", "ap", "ben"]
    /// Words joining an Arabic (or Malay) name's parts: son of, daughter of ("Abd al-Rahman ibn
    /// Khalid"), widened over like the Gaelic ones (`bin` is one of ``nameParticles``).
    static let arabicParticles: Set<String> = ["ibn", "bint", "binti", "binte"]
    /// Arabic articles written joined to a surname by a hyphen ("al-Farouq", "el-Sayed", "Al-Otaibi",
    /// "ad-Din": the article takes the sound of a sun letter).
    static let arabicArticles: Set<String> = ["al", "el", "ad", "ud", "ar", "ur", "as", "ash", "at", "az", "an", "ath", "adh", "ul"]
    static let nameParticles: Set<String> = ["van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "al", "ter", "st"]
    static let personCues: Set<String> = [
        "dear", "hi", "hello", "hey", "thanks", "thank", "regards", "cheers", "sincerely", "from", "by", "with", "to", "cc", "attn", "attention",
        "patient", "customer", "client", "name", "named", "called", "contact", "ask", "asked", "told", "tell", "met", "meet", "call", "email", "emailed",
        "wrote", "said", "says", "spoke", "visited", "and", "or", "for", "signed", "agent", "manager", "nurse", "doctor", "user", "employee", "mr", "mrs", "ms", "dr",
    ]
    /// Words right before a person's name, whatever the name: "Customer X", "Dear X", "with X".
    static let personIntroductions: Set<String> = family.union([
        "customer", "client", "patient", "employee", "dear", "hi", "hello", "dr", "mr", "mrs", "ms", "miss", "with", "by", "signed", "contact",
        "manager", "agent", "nurse", "user", "tenant", "guest", "applicant", "member", "resident", "spoke", "caller", "driver", "owner",
        "passenger", "parent", "dispatcher", "rep", "reviewer", "approver", "visitor",
        // The people around someone ("landlord Petrov", "rider Tendai Moyo"), and family (below).
        "neighbour", "neighbor", "landlord", "landlady", "carer", "caregiver", "guardian", "rider", "courier", "colleague",
    ])
    /// Support's shorthand before a name ("cust edelbert tlustek", "w/ Umberto Valier", "Per Manfred
    /// Östlund,"), an account's holder: introductions too, under a flag of their own
    /// (``Lexicon/Flags/shorthand``): the person model's features read `personIntroduction`, and its
    /// weights were trained without these.
    static let shorthandIntroductions: Set<String> = ["cust", "w", "per", "holder"]
    /// Words of family before a name ("daughter Maeve", "Mother: Thuthukile").
    static let family: Set<String> = [
        "daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "spouse", "partner", "grandson", "granddaughter",
        "nephew", "niece", "uncle", "aunt", "cousin", "fiancé", "fiancée", "boyfriend", "girlfriend",
    ]
    /// Roles written before a person's name that the English word list lacks ("Cardholder Marc
    /// Pruvost", "Payee …"): never a first name a name is widened over.
    static let roles: Set<String> = [
        "cardholder", "policyholder", "accountholder", "stakeholder", "leaseholder", "householder", "payee", "payor", "cosigner", "claimant",
        "assignee", "signee", "signatory", "consignee", "shipper", "requester", "requestor", "submitter", "approver", "caregiver", "carer",
        "lessee", "lessor", "homeowner",
    ]
    static let streetSuffixes: Set<String> = Set<String>([
        "street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "court", "ct", "place", "pl", "boulevard", "blvd",
        "way", "terrace", "ter", "circle", "cir", "trail", "trl", "parkway", "pkwy", "square", "sq", "highway", "hwy", "plaza", "alley",
        "crescent", "close", "row", "loop", "run", "pike", "expressway", "freeway", "route", "rte", "path", "walk", "mews", "grove", "hill",
        // British streets by the water and on the front ("21 Albert Embankment", "3 Marine Parade").
        "embankment", "parade", "promenade", "quay", "wharf", "esplanade",
        // Russia's and its neighbours' as English writes them ("5 Nevsky Prospekt").
        "prospekt", "pereulok", "shosse", "naberezhnaya", "bulvar",
        // India's localities and roads as English writes them ("97/15, Sachdev Nagar"), and
        // Australia's and Britain's rarer ones ("6 Weiss Courtyard", "346 Lowery Cul-de-sac").
        "nagar", "ganj", "marg", "chowk", "colony", "puram", "bazar", "bazaar", "zila", "courtyard", "cul-de-sac", "dip", "lookout",
        "quadrangle", "thoroughfare", "ronde",
        "heights", "gardens", "park", "point", "ridge", "view", "crossing", "commons", "creek", "bend", "landing", "glen", "meadow", "meadows",
        // The rest of the USPS street suffixes (Publication 28, appendix C1), and their plurals.
        "annex", "arcade", "bayou", "beach", "bluff", "bluffs", "bottom", "branch", "bridge", "brook", "brooks", "burg", "burgs", "bypass",
        "camp", "canyon", "cape", "causeway", "center", "centers", "cliff", "cliffs", "club", "common", "corner", "corners", "course", "courts",
        "cove", "coves", "crest", "curve", "dale", "dam", "divide", "drives", "estate", "estates", "extension", "extensions", "fall", "falls",
        "ferry", "field", "fields", "flat", "flats", "ford", "fords", "forest", "forge", "forges", "fork", "forks", "fort", "garden",
        "gateway", "glens", "green", "greens", "groves", "harbor", "harbors", "haven", "hills", "hollow", "inlet", "island", "islands", "isle",
        "junction", "junctions", "key", "keys", "knoll", "knolls", "lake", "lakes", "land", "lanes", "light", "lights", "lock", "locks", "lodge", "loaf", "mall", "rue",
        "manor", "manors", "mill", "mills", "mission", "motorway", "mount", "mountain", "mountains", "neck", "orchard", "oval", "overpass", "parks",
        "parkways", "pass", "passage", "pine", "pines", "plain", "plains", "points", "port", "ports", "prairie", "radial", "ramp", "ranch",
        "rapid", "rapids", "rest", "ridges", "river", "roads", "routes", "shoal", "shoals", "shore", "shores", "skyway", "spring", "springs",
        "spur", "spurs", "squares", "station", "stravenue", "stream", "streets", "summit", "terraces", "throughway", "trace", "track", "trafficway",
        "trailer", "tunnel", "turnpike", "underpass", "union", "unions", "valley", "valleys", "viaduct", "views", "village", "villages", "ville",
        "vista", "walks", "wall", "ways", "well", "wells", "circles", "crossroad", "crossroads", "loops",
        // Australia's and New Zealand's road types (AS 4590) that no person's name spells.
        "approach", "circuit", "circus", "concourse", "plateau", "retreat", "wynd", "crossway", "fairway", "laneway", "pathway", "ridgeway",
        "walkway", "outlook", "quadrant", "glade", "amble", "anchorage", "alleyway", "byway", "colonnade", "copse", "driveway", "footway",
        "foreshore", "frontage", "gully", "highroad", "meander", "parklands", "quays", "ramble", "riviera", "roadway", "siding", "tarn",
        "tollway", "interchange", "broadway",
    ]).union(australianStreetSuffixes)
    /// The rest of Australia's and New Zealand's street words (AS 4590's list, as Faker writes them:
    /// "113 Larson Reach", "8/91 Howell Gap", "3 Mitchell Break"), most of them English words: a
    /// street's only after a house number and a name that is no English word, or a surname where
    /// the address ends (``PlaceRecognizer/weakStreetName(before:_:)``: "2 Power Strip units" is none).
    static let australianStreetSuffixes: Set<String> = [
        "access", "artery", "basin", "block", "brace", "brae", "break", "brow", "centre", "centreway", "chase", "circlet", "corso", "cross",
        "cruiseway", "cutting", "dell", "deviation", "distributor", "edge", "elbow", "end", "entrance", "firetrail", "follow", "formation",
        "front", "gap", "gate", "gates", "grange", "ground", "intersection", "lees", "line", "link", "little", "lower", "mew", "nook", "part",
        "piazza", "pocket", "quad", "range", "reach", "reserve", "ride", "ring", "rise", "riverway", "roadside", "rosebowl", "rotary",
        "round", "slope", "sound", "stairs", "steps", "strand", "strip", "subway", "top", "tor", "towers", "triangle", "trunkway", "turn",
        "upper", "vale", "villas", "wade",
    ]
    static let directions: Set<String> = ["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
    static let unitWords: Set<String> = ["apt", "apartment", "suite", "ste", "unit", "floor", "fl", "room", "rm", "building", "bldg", "flat", "dept", "department", "studio", "level", "blk"]
    /// Units written after the house number outside English, taken with a number after them only:
    /// Mexico's interior, building and flat (`844 Interior 730`, `762 Edif. 600 , Depto. 070`),
    /// Spain's floor and door (`35 Piso 8`, `35 Puerta 0`), Italy's (`523 Piano 5`, `81 Appartamento 8`,
    /// `Interno`, `Scala`), and New Zealand's rural delivery (`, RD 10`).
    static let unitsBeforeNumber: Set<String> = ["interior", "int", "edif", "edificio", "depto", "dpto", "departamento", "piso", "puerta", "piano", "appartamento", "interno", "scala", "rd"]
    /// Continents and the world's regions, as people write them (`South America`, `Southeast Asia`,
    /// `EMEA`): places no list of countries or cities holds, which were read as people's names.
    static let worldRegions: Set<String> = [
        "africa", "antarctica", "asia", "europe", "oceania", "australasia", "americas", "the americas", "eurasia",
        "north america", "south america", "latin america", "central america", "middle america", "north africa",
        "west africa", "east africa", "southern africa", "central africa", "sub-saharan africa", "middle east",
        "near east", "far east", "asia pacific", "asia-pacific", "southeast asia", "south asia", "east asia",
        "central asia", "western asia", "south east asia", "western europe", "eastern europe", "northern europe",
        "southern europe", "central europe", "scandinavia", "nordics", "baltics", "balkans", "the balkans",
        "benelux", "iberia", "caribbean", "the caribbean", "polynesia", "melanesia", "patagonia", "siberia",
        "arctic", "the arctic", "antarctic", "emea", "apac", "latam", "mena", "dach", "anz",
    ]

    /// Whether tokens `s…e` spell a region of the world ("Asia Pacific", "Asia-Pacific"), or hold one
    /// that is no listed name ("Europe, Asia": not a surname and a first name).
    static func holdsWorldRegion(_ t: [TextScan.Token], _ s: Int, _ e: Int) -> Bool {
        // (Every region's first word is a place's first word in the lexicon: most names have none.)
        guard (s...e).contains(where: { t[$0].has(.placeStart) }) else { return false }
        var joined = ""
        for k in s...e {
            if t[k].kind == .word {
                if k > s, t[k].gap > 0 { joined += " " }
                joined += t[k].lower
                if worldRegions.contains(t[k].lower), !t[k].isFirstName, !t[k].isLastName { return true }
            } else if t[k].isMark("-") {
                joined += "-"
            }
        }
        return worldRegions.contains(joined)
    }

    static let usStates: [String: String] = [
        "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO", "connecticut": "CT", "delaware": "DE",
        "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY",
        "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO",
        "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
        "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI",
        "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
        "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
    ]
    /// States, the District of Columbia, territories and military post codes.
    /// US states' and territories' codes, and Canada's provinces' (`Ottawa, ON K1M 1M4`).
    static let stateCodes = Set(usStates.values).union(["PR", "GU", "VI", "AS", "MP", "PW", "FM", "MH", "AA", "AE", "AP"])
        .union(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"])
    /// Words that open or close place names that no gazetteer lists: "Port Anthony", "Lake Amy", "Tammyside".
    static let placePrefixes: Set<String> = ["north", "south", "east", "west", "new", "lake", "port", "mount", "fort", "saint", "st", "san", "santa", "el", "la", "los", "las"]
    static let placeEndings = ["ville", "town", "burgh", "borough", "bury", "side", "shire", "view", "haven", "land", "berg", "mouth", "fort", "port", "ton", "field", "ford", "chester", "ham", "stad", "furt", "heim", "dorf"]
    static let organizationSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "plc", "llp", "lp", "group",
        "bank", "university", "college", "hospital", "clinic", "foundation", "institute", "partners", "associates", "holdings", "technologies",
        "systems", "solutions", "labs", "laboratories", "industries", "enterprises", "international", "agency", "services", "consulting",
        "pharmaceuticals", "airlines", "motors", "insurance", "capital", "ventures", "media", "software", "school", "academy", "council", "ministry",
        "association", "society", "chamber", "federation",
        // A doctor's or a dentist's ("Riverside Family Practice", "Oakwood Dental Surgery").
        "practice", "surgery", "pharmacy", "healthcare", "centre", "center",
        // A hotel's ("Hilton Garden Inn", "Grand Palace Hotel").
        "hotel", "hotels", "inn", "motel", "resort", "hostel",
        // Legal forms of other countries (capitalised or in capitals after a firm's name: "Ribeiro & Filhos Lda").
        "lda", "ltda", "limitada", "srl", "spa", "sarl", "sas", "bv", "nv", "oy", "oyj", "ab", "as", "aps", "kg", "gbr", "ug", "sro", "kft", "zrt",
        "pty", "pvt", "pte", "bhd", "tbk", "kk", "cia", "cie", "hb", "kb",
        // A group, partners, sons ("Hendriks Groep", "Saavedra & Asociados", "Ribeiro & Filhos").
        "groep", "gruppe", "gruppo", "grupo", "asociados", "associati", "associés", "hermanos", "filhos", "figli", "söhne", "zonen", "syn", "synowie",
    ]
    /// Capitalised words that open sentences or name things, never people, though some are also in
    /// the census name lists: they do not start a name alone.
    static let notNames: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "as", "at", "by", "for", "from", "in", "into", "of", "on", "to", "with", "about", "after",
        "before", "over", "under", "up", "down", "out", "off", "again", "all", "any", "each", "every", "no", "not", "only", "own", "same", "some", "such",
        "than", "too", "very", "can", "will", "just", "should", "now", "may", "might", "must", "shall", "would", "could", "here", "there", "when", "where",
        "why", "how", "what", "which", "who", "whom", "this", "that", "these", "those", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his",
        "she", "her", "it", "its", "they", "them", "their", "please", "thanks", "thank", "hello", "hi", "dear", "yes", "ok", "okay", "note", "notes",
        "customer", "client", "patient", "order", "account", "ticket", "case", "call", "email", "phone", "address", "card", "payment", "invoice", "refund",
        "today", "tomorrow", "yesterday", "morning", "evening", "night", "week", "month", "year", "date", "time", "new", "old", "good", "great", "best",
        "june", "april", "august", "march", "january", "february", "july", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter",
        "bill", "mark", "grant", "rose", "hope", "joy", "faith", "art", "guy", "sunny", "sandy", "page", "chase", "love", "king", "else", "major", "rich",
        "summer", "winter", "autumn", "spring", "dawn", "crystal", "amber", "ruby", "pearl", "ivy", "holly", "iris", "lily", "daisy", "violet", "jade",
        "street", "road", "avenue", "lane", "drive", "court", "north", "south", "east", "west", "city", "state", "county", "park", "lake", "river",
        "mount", "saint", "bank", "price", "cost", "total", "see", "let", "get", "got", "set", "per", "via", "re", "fw", "fwd", "subject", "regards",
        "sincerely", "cheers", "kind", "warm", "team", "support", "service", "sales", "office", "center", "centre", "home", "work", "main",
        "american", "english", "french", "german", "spanish", "chinese", "doctor", "nurse", "manager", "agent", "sir", "madam", "mr", "mrs", "ms", "dr",
        "is", "was", "are", "were", "be", "been", "has", "have", "had", "do", "does", "did", "also", "still", "yet", "both", "either", "neither",
        "tel", "fax", "mobile", "cell", "ext", "dob", "ssn", "id", "number", "apt", "suite", "unit", "po", "box", "us", "usa", "uk", "eu",
        "i'm", "i've", "i'd", "i'll", "we're", "you're", "he's", "she's", "it's", "they're", "let's", "that's", "there's", "don't", "can't",
        "iban", "bic", "swift", "vat", "pin", "otp", "url", "ip", "api", "faq", "asap", "fyi", "ceo", "cto", "hr",
        // Chat's shorthand ("@sarah.connor pls check", "thx - mike").
        "pls", "plz", "thx", "thnx", "thanx", "tks", "btw", "imo", "imho", "lol", "omg", "idk", "tbh", "brb", "ttyl", "nvm", "tmrw", "eod", "wfh",
    ]
}

/// Every word list the recognisers ask about, as one table from a word to the lists that hold it,
/// so that a token is looked up once, when the text is scanned (``TextScan``), instead of once per
/// list in every recogniser. Words of the small lists are keyed by their lower case; the census
/// names by their letters alone (`o'brien` → `obrien`), as ``NameRecognizer`` holds them.
struct Lexicon: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt64
        static let firstName = Flags(rawValue: 1 << 0)
        static let lastName = Flags(rawValue: 1 << 1)
        /// ``WordLists/notNames``.
        static let common = Flags(rawValue: 1 << 2)
        static let title = Flags(rawValue: 1 << 3)
        static let particle = Flags(rawValue: 1 << 4)
        static let personCue = Flags(rawValue: 1 << 5)
        static let personIntroduction = Flags(rawValue: 1 << 6)
        static let streetSuffix = Flags(rawValue: 1 << 7)
        static let direction = Flags(rawValue: 1 << 8)
        static let unitWord = Flags(rawValue: 1 << 9)
        static let placePrefix = Flags(rawValue: 1 << 10)
        static let organizationSuffix = Flags(rawValue: 1 << 11)
        static let weekday = Flags(rawValue: 1 << 12)
        static let month = Flags(rawValue: 1 << 13)
        /// The first word of a listed city, country or US state.
        static let placeStart = Flags(rawValue: 1 << 14)
        static let phoneCue = Flags(rawValue: 1 << 15)
        static let ssnCue = Flags(rawValue: 1 << 16)
        static let licenseCue = Flags(rawValue: 1 << 17)
        static let passportCue = Flags(rawValue: 1 << 18)
        static let article = Flags(rawValue: 1 << 19)
        static let institution = Flags(rawValue: 1 << 20)
        static let organizationJoiner = Flags(rawValue: 1 << 21)
        static let placeCue = Flags(rawValue: 1 << 22)
        static let placeJoiner = Flags(rawValue: 1 << 23)
        /// A listed city, country or US state of one word.
        static let place = Flags(rawValue: 1 << 24)
        /// A US state or territory code (`ca`: the scan's lookups are by lower case).
        static let stateCode = Flags(rawValue: 1 << 25)
        /// A word for street written before the street's name in another language (``InternationalStreet/leading``).
        static let streetKind = Flags(rawValue: 1 << 26)
        /// A word of the English list in lower case (``Dictionaries/englishWords``): read by the
        /// rules for names in lower case only; the other rules ask about the lists above.
        static let english = Flags(rawValue: 1 << 27)
        /// A word naming a record's number (``RecordNumberRecognizer/cues``).
        static let recordCue = Flags(rawValue: 1 << 28)
        /// A word for the people around someone, or `family` (``EntityRecognizer/relations``).
        static let relation = Flags(rawValue: 1 << 29)
        /// A word naming a login's user name after it (``EntityRecognizer/userNameCues``).
        static let userCue = Flags(rawValue: 1 << 30)
        /// Support's shorthand before a name (``WordLists/shorthandIntroductions``); no feature of the person model.
        static let shorthand = Flags(rawValue: 1 << 31)
        /// ``CredentialRecognizer/passwordWords``; ``EntityRecognizer/belongings``; `at`, which
        /// spells out an email's `@` (looked up once here, not hashed again per word by each rule).
        static let passwordWord = Flags(rawValue: 1 << 32)
        static let belonging = Flags(rawValue: 1 << 33)
        static let atWord = Flags(rawValue: 1 << 34)
        /// ``CredentialRecognizer/codeCues``: a PIN's, a passcode's, a door's or an alarm's code.
        static let secretCodeCue = Flags(rawValue: 1 << 35)
        /// ``EntityRecognizer/postcodeWords``: a postcode named in prose (`her postcode is EC1A 1BB`).
        static let postcodeCue = Flags(rawValue: 1 << 36)
        /// ``CredentialRecognizer/tokenCues``: the scheme of a token sent in a header (`Bearer`,
        /// `Basic`), a key's name whose value is a secret (`api_key`, `client_secret`).
        static let tokenCue = Flags(rawValue: 1 << 37)
        static let names: Flags = [.firstName, .lastName]
    }

    /// Open addressing over FNV-1a hashes of the words' UTF-8 (a lookup per word of every text:
    /// the standard dictionary's seeded SipHash cost more than the rest of the lookup): each slot
    /// holds an entry's index + 1, or 0.
    private let slots: [Int32]
    private let words: [String]
    private let wordFlags: [Flags]
    private let mask: Int

    static let shared = Lexicon()

    init() {
        var table: [String: Flags] = [:]
        func add<S: Sequence>(_ words: S, _ flag: Flags) where S.Element == String {
            for word in words { table[word, default: []].insert(flag) }
        }
        add(NameRecognizer.first, .firstName)
        add(NameRecognizer.last, .lastName)
        add(WordLists.notNames, .common)
        add(WordLists.titles, .title)
        add(WordLists.nameParticles, .particle)
        add(WordLists.personCues, .personCue)
        add(WordLists.personIntroductions, .personIntroduction)
        add(WordLists.streetSuffixes, .streetSuffix)
        add(WordLists.directions, .direction)
        add(WordLists.unitWords, .unitWord)
        add(EntityRecognizer.postcodeWords, .postcodeCue)
        add(WordLists.placePrefixes, .placePrefix)
        add(WordLists.organizationSuffixes, .organizationSuffix)
        add(WordLists.weekdays, .weekday)
        add(WordLists.articles, .article)
        add(WordLists.institutions, .institution)
        add(WordLists.organizationJoiners, .organizationJoiner)
        add(WordLists.placeCues, .placeCue)
        add(WordLists.placeJoiners, .placeJoiner)
        add(InternationalStreet.leading, .streetKind)
        add(WordLists.months.keys, .month)
        let places = PlaceRecognizer.cities.union(PlaceRecognizer.countries).union(WordLists.usStates.keys).union(WordLists.worldRegions)
        // (Compared by bytes: `contains(" ")` and `split` by characters took a quarter of the start.)
        add(places.map { place in place.utf8.firstIndex(of: 0x20).map { String(place[..<$0]) } ?? place }, .placeStart)
        add(places.filter { !$0.utf8.contains(0x20) }, .place)
        add(WordLists.stateCodes.map { $0.lowercased() }, .stateCode)
        add(NumberRecognizer.phoneContext.words, .phoneCue)
        add(NumberRecognizer.ssnContext.words, .ssnCue)
        add(NumberRecognizer.licenseContext.words, .licenseCue)
        add(NumberRecognizer.passportContext.words, .passportCue)
        add(Dictionaries.shared.englishWords, .english)
        add(RecordNumberRecognizer.cues, .recordCue)
        add(EntityRecognizer.relations.union(["family"]).union(EntityRecognizer.households).union(EntityRecognizer.affairs), .relation)
        add(EntityRecognizer.userNameCues, .userCue)
        add(WordLists.shorthandIntroductions, .shorthand)
        add(CredentialRecognizer.passwordWords, .passwordWord)
        add(CredentialRecognizer.codeCues, .secretCodeCue)
        add(CredentialRecognizer.tokenCues, .tokenCue)
        add(EntityRecognizer.belongings, .belonging)
        add(["at"], .atWord)
        var capacity = 16
        while capacity < table.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        // In the table's order: a lookup finds a word wherever its probe sequence put it.
        let entries = Array(table)
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(entry.key)) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(index + 1)
        }
        self.slots = slots
        words = entries.map(\.key)
        wordFlags = entries.map(\.value)
        mask = capacity - 1
    }

    /// A word's key in the table: ``FNV1a`` of its UTF-8 (which the scan may compute on its way over
    /// the word), then ``finish(_:)``.
    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 { hash ^ (hash >> 29) }

    static func hash(_ word: String) -> UInt64 { finish(FNV1a.hash(word.utf8)) }

    /// The lists that hold `word` (none if no list does); `hash` is ``hash(_:)`` of it, when the
    /// caller computed it on the way.
    func lookup(_ word: String, hash: UInt64? = nil) -> Flags {
        var slot = Int(truncatingIfNeeded: hash ?? Self.hash(word)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return [] }
            if words[entry - 1] == word { return wordFlags[entry - 1] }
            slot = (slot + 1) & mask
        }
    }

    /// The lists that hold a word: the small lists by its lower case, the names by `key` (and their
    /// hashes, when known).
    func flags(lower: String, key: String, lowerHash: UInt64? = nil, keyHash: UInt64? = nil) -> Flags {
        let flags = lookup(lower, hash: lowerHash)
        guard key != lower else { return flags }
        return flags.subtracting(.names).union(lookup(key, hash: keyHash).intersection(.names))
    }
}

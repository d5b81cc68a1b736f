import Foundation

/// Finds personal data inside free text (``EntityRecognizer``) and replaces each entity.
struct TextRedactGenerator: RowAwareGenerator {
    static let definition = GeneratorDefinition(
        name: "text.redact",
        summary: "Finds people, addresses, places, organisations, dates, phone numbers, emails, card numbers, IBANs, SSNs, IP addresses, URLs, licence, passport and record numbers, and secrets inside free text and replaces each with a consistent fake of the same kind, a tag like `[PERSON]`, or `*`s.",
        details: """
            The rest of the text is untouched. `mode: fake` (default) writes a fake of the same kind — a name for a \
            name (of the first name's gender where the lists know it, else of the gender a title before it says — `Ms. Ngozi Eze` gets a woman's first name; a first name alone for a first name alone, a surname alone — under a surname's key, or one the lists hold only as a surname — for a surname, and a user name made of a name the text holds, `@nkemdirim` beside Nkem Dirim, the same form of that name's fake), a street address in the shape of the original (its lines, commas, unit, PO box, direction, country and street kind kept as written and in their place — `rue`, `calle`, `-straße` —, the street's name, the numbers and the town replaced, the town as alone elsewhere with a US state its own, a region's code after a dash kept (`São Paulo - SP`), a postcode one of its shape: `Hauptstraße 5, 10115 Berlin` → `Proctorstraße 2, 32896 Wilmersdorf`; a US street of a number, a name and a suffix as `address.street` fakes it), a town for a town (a town of the same country where GeoNames' list knows it, as `address.city` fakes it — `Lyon` a French town, a town with a US state a US town — and a country right after such a town, `Lyon, France`, kept; a country for a country, a region of the world for a region, a US state for a state; a town with its state, province or postcode keeps them — `Springfield, IL 62704` becomes another town, its own state and a ZIP of five digits; a US town's state is its fake's own, written as a code or a name as it was, another country's region as it was, a postcode one of its shape), an organisation of its kind (`company-name`), an email, a phone \
            number, a Luhn-valid card, a mod-97 IBAN, a valid SSN, an IP address, a MAC address (same separators), a wallet's address (same chain and kind, valid checksum), a URL (found whole with its query, whose values its fake replaces), licence, passport and record numbers \
            and an SSN's or a card's last digits (`SSN last 4: 6789`, `card ending in 4242`, `XXX-XX-6789`: the digits alone) \
            by format-preserving encryption (digits for digits, letters for letters, marks kept), a secret by a keyed token of its length (nothing reads it back); \
            a date the same date moved by up to `days` days either way (never 0; a month and year by whole months, a time after a date by up to three hours; a date of numbers whose day and month could be either — `12/03/1961` — read day first where the text is in another language than English or another of its dates has a day past 12), \
            written as it was — `March 3, 1987`, `03/14/1962`, `05-MAR-1985`, `3/2/24`, a month and day without a year after a word that dates a visit, a stay or a payment (`appt 3/14`, `discharged 03/18`, `due 12/1`), `the 1st of March`, `SEPT 2020`, `Jan. 5`, `Feb 29 '84`, another language's month between a day and a year, in full or abbreviated as that language writes it ("14. Juli 1962", "14 de julio de 1962", "5. Dez. 1980", "12 févr. 1980", "5 ene 1980", "5 de jan. de 1980") — \
            with a day's suffix that fits its day and a weekday that fits its date, keyed by the date however it is written (`1987-03-03` and `March 3, 1987` move together); \
            with `date_entity: patient_id` every date of a row's text moves by that patient's offset instead — the offset `date.shift` with \
            `entity: patient_id`, the same `days` and the domain `date_domain` gives the row's date columns — so a note's admission date is the copy's \
            and the days between its dates survive; \
            a workspace's own kind (`recognizers:`) a fake its pattern still reads whole — letters for letters and digits for digits by \
            format-preserving encryption, or the digits alone where the pattern fixes its letters (`EMP-\\d{6}`), a `luhn` or `mod97` check \
            written again — and its tag only where no such fake fits; it wins the text it covers whole over a built-in kind. The same entity always \
            gets the same fake; with `shared_domains: true` each kind uses the domain named after it (`person`, \
            `email`, …), so a name in a ticket maps like a column `{ generator: person.full-name, domain: person }`. \
            `mode: tag` writes `[PERSON]`, `[EMAIL_ADDRESS]`, …; `mode: mask` a `*` per character. `entities:` limits \
            the kinds (Presidio's names: PERSON, STREET_ADDRESS, LOCATION, ORGANIZATION, DATE_TIME, PHONE_NUMBER, \
            EMAIL_ADDRESS, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, URL, US_DRIVER_LICENSE, US_PASSPORT; and \
            ID_NUMBER, which Presidio has not: a medical record, account, member, patient, employee or student number, \
            a policy, claim, NHS or Medicare number, a vehicle's registration or VIN, a phone's IMEI or a SIM's ICCID, a device's serial number, a bank's sort code, a clinician's NPI or DEA number, a national number (CPF, RG, DNI, NIE, PESEL, BSN, personnummer, SIN, Aadhaar, TFN, PPSN, a cédula, RUT, RFC, CUIT, CUIL, NIT, RUC, DPI, DUI, a Personalausweis, a US EIN, \
            a US ITIN — written 9XX-7X-XXXX it needs no word before it —, Nigeria's BVN and NIN, India's PAN (after `PAN` in capitals), \
            the UK's NI number in its pairs or written together after `NI:`, France's social security number after `n° sécu` or `sécurité sociale`, \
            Italy's codice fiscale by its shape and check letter and Mexico's CURP by its shape and check digit, even without a word before them; and by the words of its own \
            language: Steuer-ID, паспорт, ИНН, СНИЛС, 身份证号, マイナンバー, 주민등록번호), a card's security code (CVV, CVC), right after the words that name it — "MRN: 00482913", \
            "Member ID XJ4471992", "Policy no. HX-2291-7781", "acct #99120044", "My account number is 12345678", "NI number QQ 12 34 56 C", \
            "CVV 123", or after `ID` alone where it is long (letters and digits, eight or more, or six digits and more: \
            "BCBS ID XKE884512290", "Order ID #55120873"); a number with no such word before it is none; a licence or passport number after its word \
            in the same sentence, the nearer of the two naming it (a phone number in the next sentence is a phone number; a licence in dashed groups whole: `S530-4123-4567`; a passport of seven to ten \
            characters: India's `J8369854`, Canada's `AB123456`); \
            and CREDENTIAL, which Presidio has not either: a password hash as crypt, Django or LDAP write it \
            (`$2b$12$…`, `pbkdf2_sha256$…`, `{SSHA}…`), an API key of a known issuer (`sk_live_…`, `ghp_…`, `AKIA…`, \
            `xoxb-…`, `AIza…`, `glpat-…`), a JSON Web Token pasted into the text, or a password written after its name \
            (`password: hunter2`, `pwd=…`, `Passwort:`; after `is` only one with a digit, a mark or a capital inside, and no English word), \
            a token after the scheme that sends it (`Authorization: Bearer …`, `Basic …`: twelve characters or more with \
            letters and digits), a secret after a key's name and `:` or `=` (`api_key=…`, `"client_secret": "…"`, \
            `ACCESS_TOKEN=…`: sixteen or more), the password of a link's user (`postgres://admin:S3cret@db`), \
            or a PIN, a passcode or a door's, gate's, alarm's or security code of four to eight digits after its name \
            (`PIN: 4821`, `the pin 1234`, `gate code is 1379#`); \
            and MAC_ADDRESS, which Presidio has not either: a network card's address (`00:1A:2B:3C:4D:5E`, `001a.2b3c.4d5e`); \
            and CRYPTO, a wallet's address: Bitcoin's by its checksum (`1…`, `3…`, `bc1…`), Ethereum's by its shape (`0x` and 40 hex \
            digits), faked as an address of the same kind whose checksum holds (`crypto-address`). \
            An email written around harvesters (`john.smith at gmail dot com`, `jsmith[at]example[dot]org`) is an EMAIL_ADDRESS, \
            a bare domain's path (`linkedin.com/in/jane-doe`) part of its URL, and a place's coordinates in decimal degrees \
            (`47.6062, -122.3321`, `51.5007° N, 0.1246° W`) a LOCATION; \
            `min_confidence:` drops weaker findings (0.5 by default: a first name alone without a cue scores 0.5). \
            Names come from census first and last name lists with titles, initials, context words and any \
            capitalisation, and from a statistical tagger trained for the names the lists lack (an averaged \
            perceptron over word shape, the lists and the words around; `scripts/train-person-model`; after a number, a year or a time \
            it reads the words that follow as it reads a text's first words); card numbers must pass Luhn, IBANs mod 97 and their \
            country's length and SSNs the SSA's rules to count (nine digits written together are an SSN in a sentence that names one). \
            `recognizers:` adds patterns of your own: `[{ name: employee-id, pattern: 'EMP-\\d{6}', context: [employee], \
            checksum: luhn }]` (a text on which such a pattern takes more than half a second — it backtracks — is taken \
            whole as its entity). `link_to: [first_name, last_name]` (or `[full_name]`) ties the text to the row's own \
            name columns: where the text names the row's person (the full name, `Last, First`, or one of the names \
            alone, in any case), it gets exactly the fake those columns get in the copy, so "Ana Lima" in the note \
            of the row whose columns become Maria Costa reads "Maria Costa"; the linked columns must be de-identified. \
            `link_to: [customers.first_name, customers.last_name]` ties it to the row its foreign key leads to (one \
            foreign key of the table must lead to customers, and the parent's columns must be consistent): a ticket \
            that names its customer gets the fakes of the customer's row in the copy (the parent's keys and names are \
            read once before the table and held in memory). The linked person's full name is found as written (any \
            case, surname first too), whatever the recognisers read in it (a first name that is a town's). A linked \
            column that is no name (an email, a phone number, a street, a record \
            number: any generator but `person.*`) is a value: where the text holds it as written (any case, not \
            inside a longer word; a phone number by its digits, however the text groups them), found by a \
            recogniser or not, it gets the column's fake — `link_to: [first_name, last_name, email, mrn]`; `init` \
            links a free-text column to its person's names and their one email, phone and street column. \
            Inside JSON, use it on string leaves with `json.paths`; on arrays of text with `array`. On a PostgreSQL \
            `tsvector` (a full-text search column, which keeps the words of the text it was made from) it reads the \
            words in the order of their positions and writes each entity's replacement, in lower case, at the same \
            positions; on an `hstore` its replacements keep the quoting valid; on an `xml` value it reads the text, \
            attribute values, comments and CDATA apart from the markup (one element to a field read as lines of their \
            own) and writes each replacement escaped where it goes, so the document stays well-formed and element \
            names are left alone; on JSON (`json`, `jsonb`) it reads each string value as a field of its own after its key (a quoted `first`, `last`, `given` or `surname` makes its value a name; `city`, `town`, `zip`, `postcode` or \
            `postal_code`, alone or after `billing`, `shipping`, `home`… — `BillingCity`, `ship_zip` — a LOCATION, in any text of \
            keys and values: `Postcode: SW1A 1AA`, `billing_city=Springfield`, and in prose, `her postcode is EC1A 1BB` (in a chat's lower case too: `my postcode is sw1a 1aa`); a postcode's fake is a postcode of its shape), leaves \
            keys, numbers and the structure as they are, and writes replacements escaped as JSON; on text that holds \
            HTML's tags (a rich-text editor's, an email's body) it reads the text as the page shows it — an inline \
            tag as nothing, a table's cells apart, a block as a line break — and the attributes a person reads or \
            that carry data (`alt`, `title`, `value`, `href`), not `class`, `style`, `id` nor a style sheet, and \
            writes each replacement around the markup: a name across a tag is one name whose fake's words stand \
            where the name's stood (`Dear <b>Mary</b> Johnson` → `Dear <b>Ana</b> Lima`), so no tag is lost \
            (`<mary@acme.com>` and `a < b` are no tags); on RTF (text that begins `{\\rtf`: a clinical note or a \
            letter as a word processor saves it) it reads the text as the document shows it — control words as \
            nothing or a line break, `\\'e9` (a byte of the document's Windows code page: 1250–1254) and \
            `\\u1052?` as their letters, the document's information, headers and fields read, the font, colour \
            and style tables and pictures not — and writes each replacement escaped for RTF (`\\u233?` beyond \
            ASCII, braces and backslashes escaped) around the groups and control words, so the document stays \
            whole (`Dr. Ren\\'e9e Okafor` left `Okafor`); on an email message kept whole (text that begins with a \
            message's header lines: a help desk's raw articles, a mail archive's source) it reads what a mail \
            program shows — the headers a person reads (`From`, `To`, `Subject`, the part of `Received` before \
            its date) with their encoded words decoded (`=?UTF-8?Q?Ren=C3=A9e?=`), the file names of \
            attachments (RFC 2231's `filename*=UTF-8''…` and its numbered pieces too), each text body decoded from quoted-printable or base64 in its charset (HTML read as \
            above), the parts of a multipart body and a forwarded message's own headers and body; `Content-Type`, \
            boundaries, `Date` and `Message-ID` are no text — and writes each replacement as its place is encoded: \
            a body or a header that changed is encoded again whole (quoted-printable lines of at most 76 \
            characters, base64, encoded words for words beyond ASCII; in a body's charset, a letter it lacks \
            without its accent), everything else byte for byte; an attachment (a PDF, an image, a Word file) \
            becomes the stand-in `document.placeholder` writes for its format, in every mode, and one of text is \
            read as text. \
            Characters written through escapes are read as themselves — JSON kept as text (`Jos\\u00e9 Garcia`, as \
            Python's `json.dumps` writes every accented letter), HTML entities (`Hanna&nbsp;Moos`, \
            `Fr&eacute;d&eacute;rique`, `Ren&#233;e`) and a URL's percent-encoding (`?phone=%2B14155550123&name=Mary%20Ann%20Lee`, \
            `+` a space in its query) — and the replacement covers the escapes, so no part of the \
            name stays. \
            A name the lists lack is still found as the line after a closing ("Regards", "Saludos") and as an item of \
            a list of names, separated by commas, semicolons or slashes ("Adrian Smith/Bruce Dickinson/Nicko McBrain", \
            "Alex North/Hy Zaret", and surnames alone where one is a listed name: "Clapton/Collins/Pappalardi"); a name is widened over a second surname, a middle name, an initial (one that ends it too: "Dave K.") or a particle, an Arabic surname with its article and the particles between a name's parts ("Abd al-Rahman ibn Khalid", \
            "Omar al-Farouq"), a second surname that is a town's name too where the name is Spanish ("Rodríguez García") and, \
            in lower case, a surname written first ("zhang wei"), so no \
            word of it stays ("De la Cruz, Maria", "van der Berg, Pieter"); a street named like a person ("4185 Brian \
            Park") is a street; an address takes in a unit written before it or on the line above ("Flat 3, 14 Baker Street", \
            "Unit 32⏎7 Guy Range Road"), a house number alone on the line above ("23/232⏎Bobal Street, Durg 629042"), a city in \
            lower case ("42 wallaby way, sydney"), and US, UK and Canadian postcodes ("London NW1 6XE, UK", \
            "Ottawa, ON K1M 1M4", "Toronto, ON M5V2A1", "Leeberg, DE24 9JH"); a US street with a direction or a numbered name \
            ("350 W 5th St", "1200 N. Lake Shore Dr."), US military mail ("PSC 7540, Box 0917, APO AP 68084"), and the town, \
            region and postcode after a street as Australia ("Sydney NSW 2000", "East Tony, VIC, 2609"), New Zealand \
            ("Tahitaimotu 9808"), India ("Vellore-453840"), Italy ("33043, Purgessimo (UD)"), Brazil ("Vila Das \
            Oliveiras⏎68145-384 Azevedo / RJ"), Mexico ("Nueva Guinea Bissau, SLP 15275") and Ireland ("D02X285") write \
            them are the address's, and so are Latin America's colonia, units in lower case, CEP and states abbreviated ("Col. \
            Centro, 76000 Santiago de Querétaro, Qro.", "apto 32", "2º andar", "Curitiba/PR, CEP 80010-010"), a floor and door \
            ("3º B", "3º izq."), Poland's "m. 5" and "00-590", France's "Cedex 12", a UK postcode after the county ("Surrey KT22 7AA"), \
            a US rural route's box ("RR 2 Box 152"), Indonesia's, Turkey's and Singapore's streets ("Jl. Sudirman No. 25", "Bağdat \
            Caddesi No: 45", "Blk 123 Ang Mo Kio Ave 3 #05-67"), and India's addresses of a floor, a block and a building \
            without a house number ("4th Floor, Block C, Sunrise Towers, Andheri East, Mumbai 400069"); a town with its state or \
            province and postcode and no street is a place whole ("Springfield, IL 62704", "Darwin NT 0800", "Toronto, ON M5V 2A1", "Reading RG1 4AB") \
            (`scripts/eval-text-addresses` counts the words of Faker's addresses of fourteen locales left in sentences: 3.1%); a name joined to a found one by "and" or "or", a town's name opening a person's \
            ("Abha Sankaran") or alone after a role ("supervisor Ngozi") and a first name before a name found from its second word ("Søren Christopher \
            Rasmussen") are taken in. \
            It reads English best. Names in other scripts are read by what each script's names share, and the English rules' guesses \
            over their words are dropped (a Russian or Korean ticket was taken for names from its first word to its last): Cyrillic and Greek \
            capitalised words holding a listed given name or a surname's or patronymic's ending, in any case ("Марии Ивановой"); a common \
            Chinese, Japanese or Korean surname with its given name beside a title ("王小明先生", "佐藤 さくら様", "김민준 고객님") or after a word \
            that introduces a person ("客户王小明来电", "担当は佐藤です", "고객 박지훈이"); an Arabic or Hebrew listed given name with the names \
            after it ("محمد علي", "דוד כהן") or any name after a title or role ("العميل خالد"); and inside an English text, a short run of \
            another script's words — an English ticket quoting a customer's name as the records hold it ("Escalation: 현우 최 threatened", \
            "Dr. 武 signed", "Thanks 岩!") — is a name (not a formula's Greek letter, a label before its colon, a record's word). In a text of \
            those scripts, a Chinese, Japanese or Korean name without such \
            a word beside it, and a single Cyrillic name no list holds and no ending marks, are missed. Street addresses in those scripts and Greek ones are \
            found by their own shapes, with the town and postcode ("г. Москва, ул. Ленина, д. 5, кв. 12", "北京市朝阳区建国路88号", "東京都新宿区西新宿2-8-1", "서울특별시 강남구 \
            테헤란로 123", "شارع الملك فهد 12، الرياض", "רחוב הרצל 15, תל אביב"), and an email address with letters beyond ASCII \
            ("иван@пример.рф", "müller@straße.de") is an email (`scripts/eval-text-scripts` measures all of it on Faker's people and addresses of \
            nine locales); a phone number in one group is one after the word for phone in \
            those languages and in German, French, Spanish, Portuguese, Italian and Dutch ("手机：13800138000", "Телефон: 89161234567"). A text whose small words are German, French, Spanish, Italian, Dutch or \
            Portuguese ("und", "les", "su", "het"; in a short ticket without English's small words one that is no English word is enough: \
            "Anruf von Herrn Müller wegen der Rechnung") is no list of names: what the tagger or the capitals rules \
            guessed is cut at those words and kept where it holds a listed name or two capitalised words \
            ("Bastien Scher"), so that a German noun after its article ("Die Rechnung") or a French article is \
            not replaced by a fake name; names a title ("Herrn", "Dr. med.", "Familie", "Doña"), a signature, a \
            key or a header make sure of are found as in English, but a single name no list holds, alone, is \
            then missed (`scripts/eval-text-languages` counts the spans in Debian's translated manual pages). \
            It misses some names that neither census list holds in contexts unlike its training sentences (about one \
            in fifteen on `scripts/eval-text`'s held-out sets), lower-case names with nothing that says they name \
            someone (names in lower case that are no English words are found after a word introducing a person — \
            "passenger camillo brugnaro" —, with a listed name, letters beyond ASCII or a possessive), \
            single unknown names opening a sentence before anything but a person's verb (a listed one that is no English \
            word is found: "Fischer confirmed"; an unknown one before a verb a person is the subject of: "Sorin never \
            received", "Elisabet presented"), places that GeoNames lacks unless shaped like one ("Port …", "…ville") or a continent or region of the world ("South America", "Southeast Asia", "EMEA": places, not people, and a first name among them, "Asia", one where a cue or a list of places says so), and \
            street addresses with neither a US street suffix nor a word for street in another language nor a house \
            number ("Garden House Crowther Way"). Streets as Europe and Latin America write them are found by their \
            word for street and house number ("Obere Str. 57", "Taucherstraße 10", "12, rue des Bouchers", \
            "Via Monte Bianco 34", "Avda. de la Constitución 2222", "C/ Araquil, 67"), or by a number, a comma and a \
            city ("Mataderos 2312, México D.F."): 82 of Northwind's 91 customer addresses are replaced whole inside a \
            sentence; a postcode before the city with a hyphen or a space ("00-514 Warszawa", "1100-053 Lisboa", \
            "111 51 Stockholm", "1015 CJ Amsterdam"), a flat after the number ("84/92"), an Eircode ("Cork T12 X8Y2") \
            and Japan's block numbers and postcodes ("3-2-1 Nishi-Shinjuku, Tokyo 160-0023") are the address's; in \
            running text, a one-word street by its ending ("Stortorget 5", "Lisedreef 800"), Poland's "al.", "pl." \
            and "ulica", Brazil's and Mexico's kinds with an interior number ("Recanto da Cunha, 50", "Calle \
            Querétaro 935 427"), India's house number before a comma ("97/15, Sachdev Nagar"), a street of a \
            surname alone between it and a city ("029, Murthy, Jehanabad"), Australia's and New Zealand's street \
            words ("113 Larson Reach", "Unit 39 62 Smith Avenue", "72 Whakakiwi Street, RD 10"), an interior, \
            floor or door after the number ("Peatonal Pedroza 844 Interior 730", "Viale Staglieno, 523 Piano 5") \
            and a British flat on a street with no house number ("Flat 39, Sharp Drive"). Phone numbers as dialled are found after \
            "called", "voicemail" or "callback", with a trunk 0 ("07746880638") or a country code and "(0)" \
            ("+33 (0)4 23 79 70 68"); names after support's shorthand ("w/", "cust", "Per …,", "Account holder"). A \
            user name after the words that name it ("user=jdoe", "login: mkowalski", "user john_doe_1987", "user 'tmueller'", a messenger's or network's handle after its name: "WeChat: zhangwei88", "github: octocat_dev"; not a system's: "admin", "root") is a \
            person's, so is a capitalised word the text's own email address is made of ("Kekoa" beside \
            "kekoa.k@…") and a first name's and a surname's cells in a row pasted without its header \
            ("42,Manfred,Smith,…"), and so are \
            names said by the people around them ("Priyanka's husband", "Mateus (son of …)", "the O'Sullivan \
            family (Aoife & Cian)"). In a text in capitals a name's English words at its ends are no name unless \
            the name lists hold them ("NO ANSWER FROM THE CUSTOMER"). \
            What tickets paste is read by its structure: a value after a key that names a person's name \
            (`"lastName": "Borg"`, `first_name=Grit`; names inside `productName` or `fileName` are dropped), the \
            cells of a pasted table (CSV, semicolons, tabs, Markdown) under a header such as `first`, `last_name` \
            or `Surname`, HTML's tags as markup (`Dear <b>Ana Lima</b>`: inline tags read as nothing, blocks as \
            line breaks), an addressee on a label's line ("Ship to:⏎KLAUS-JÜRGEN WARMER"), a \
            speaker before their role in a transcript ("June (agent):"), the writer on the line a mail program \
            writes above a quoted reply, in its language (`On … Ana Lima <…> wrote:`, `Am … schrieb Ana Lima:`, \
            `… a écrit :`, `… escreveu:`, `… skrev Ana Lima <…>:`; not `Acme Support <support@…>`), a record's label before a name written \
            surname first ("Patient: BLEWANUS, Amber"), a name written surname first in capitals inside running text ("order placed by KIM, MIN-JUN") \
            or in lower case where the tagger found one half ("customer is garcia, maria"), a surname in lower case after an introduction of oneself \
            ("this is Helmuth zimmer") and a mention `@first.last`, `@tom.h`, `@j.okafor`, `@priya.n` or `@jsmith` (an initial before a listed surname; not `@support` or `@here`) or a listed first name alone (`@bob`), or the same as a chat log's speaker ("[10:42] jmorales:", "[10:42] alice.smith:"), a first name greeted in a chat's lower case ("hey bob,"); a name no list holds after words that hand a ticket on ("Escalated to Kwame Mensah."), alone in a parenthesis ("Tier 2 (Kwame Mensah)") or before one that holds a role ("Priya (lead)"). A name found once is found again where the text \
            repeats a word of it alone ("Grit Borg … thanks Grit!"), and gets the same word of the full name's fake. \
            An address written as a block is read by its lines: a country alone on its line, a town after a \
            postcode of the US, Europe's, Brazil's or the UK's shapes ("96739 West Gene", "6072YU Nieuwaal", \
            "LS92 1NQ East Gail"), a street whose kind opens its line ("boulevard de Pinto") are places, though \
            they are people's names too; so is a street named without its number in running text ("rue \
            Alexandre", "Ladeira de Andrade", an English one by its last word: "on Elm St.", "Maple Drive"; not \
            "Lois Lane", a first name before a surname). A firm is known by its legal form ("Moraes Melo S.A.", "Kniaź Sp. z \
            o.o.", "Petersson HB", "Caruso, Guidone e Nitti e figli") and by its place after a job in a \
            signature ("Accounts Payable | Rijk Zwaan"), not taken for a person. Software, services, devices and carriers a ticket names ("in Safari", "with Okta SSO", "Acrobat Reader", "lost by FedEx", "macOS Sonoma") are no person and no place, a time zone before `Time` and a month alone no place ("Pacific Time", "in March"), a hotel an organisation whose name a person's does not take ("the Hilton Garden Inn"), and a first name signing a message on its closing's line is a person in any case ("thx - mike"). A user's folder in a path \
            ("/home/ana.lima/", "C:\\Users\\jsmith\\") is a user name, a listed first name and a surname inside a \
            file's name, joined by `_` or `-` or written together in capitals, a name faked in the same shape \
            ("passport_scan_mary_johnson.jpg" → "passport_scan_ana_lima.jpg", "John_Smith_CV.pdf", "john-smith-resume.pdf", \
            "MaryJohnsonCV.pdf" → "AnaLimaCV.pdf"; after a first name that is no English word, a surname no list holds in lower \
            case: "referral_renee_okafor.pdf"), while a program's or a data file's name (`teal.py`, `test_Numbers.cpython-311.pyc`, \
            `c3cd…5ed.json`) and a name's guess across an extension are no one's, a recipient written surname first before \
            the address ("To: Monreal, Ana <…>") a name, and a name ends before its possessive ("Ana Lima's"). \
            A number of a phone's length right after a person's name, in brackets or after a dash, is the \
            person's ("Spoke to Cletus Sim (085168068)"); a first name of listed parts joined by a hyphen \
            before a surname is a first name ("ACCOUNT OF SARAH-JANE MEEHAN"); names no list holds, surname \
            first after a label and before a word in lower case, are a name ("Escalated: Döring, Ralf-Peter \
            disputes"), as is a listed surname or a town there before any given name ("Escalated: Mahajan, Harsh \
            disputes"), and so are words in lower case after "cust" before a person's verb ("cust yves pages \
            rang") and a first name that is a common word after such a word ("Per Rose Scally,"). \
            A name is also found after the words that say it is one in prose ("first name Anna, surname Kowalska", \
            "my name is lee"), with a nickname in quotes or brackets before its surname (`Harold "Harry" Finch`, \
            "James (Jim) Carver"), after Mr or Mrs in lower case ("the caller (mr. brown)"), after a longer \
            greeting ("Welcome aboard, Crystal!", "Good morning Dawn,"), before a role of several words in brackets \
            ("Dawn (team lead)"), with a middle initial written without its full stop ("LUCIA F BENEDETTI") and in \
            a mention joined by hyphens ("@carlos-mendoza-12"), a first name in lower case after a relative ("aunt \
            carmen", and one of the 300 most given though an English word: "his wife maria"), a listed first name in lower case \
            before a person's verb ("so marco said"), a first name before `from` and a team ("Taylor from Accounts"), \
            whom one spoke with or talked to, though a town's name ("Spoke with Kemi."), each name of a list of single \
            names ("Priya, Tomás and Wen", not one name surname first), a first name with an age after it in a family's \
            list ("two kids (Lily, 6 and Noah, 4)"), a user name under the key of who reported or holds a ticket (`"reporter": "nkimura"`), a name \
            that is also a word after a word of contact ("Left voicemail for Summer.", "Note from Bill:") and a \
            first name's possessive after a clause's comma ("Per HR, Fatima's last day"); an address in lower case \
            keeps its town, of several words too, state and ZIP ("12 oak st apt 4 springfield il 62704", "new york ny \
            10037"), a street in lower case kind first with its town ("his address is via roma 12 milano", "calle mayor 5"; \
            after a word that says an address follows where the kind is an English word too, `via`), a town in lower case \
            after "in", "from" or "to" ("she's in osaka", "moving to new york"), a town after an organisation's word and a \
            comma ("St. Mary's Hospital, Boston"), a city by the name it goes by in its own language ("Milano", "München", \
            "Warszawa"); a month and day right after "on", ending its clause ("he fell at home on 3/2."); a word of family \
            opening a sentence is no part of the name after it ("Husband John"), a title inside an address or before a \
            line break none ("…@starfleet.fr⏎Called back"), nor a word opening a sentence before a mention ("Ping @sarah.k"), an English word's \
            possessive ("mother's maiden name") or a field engineer ("Tech visited"); `AM`, `PM` and a clinical note's `Pt` are no part of a name; a header's label in a list of names is none ("Cc: Ivy Chen; \
            Bcc: …"), nor a payment service after "by" ("Paid by Venmo"), nor, in German, a noun after its article \
            that the lists hold only as a rarer surname ("ihr Wert"). \
            A text longer than 16,384 UTF-16 units (a document, a chat log) is read in windows of that size cut at a \
            line break or a space, in time linear in its length: a name found in one window is not looked for again \
            as a repeated word in the next. \
            `scripts/eval-text` measures it against Presidio; `scripts/eval-text-formats` on the forms tickets paste; `scripts/eval-text-markup` on HTML and RTF; `scripts/eval-text-mime` on email messages.
            """,
        acceptedTypes: [.text, .json],
        parameters: [
            .init("mode", .choice(["fake", "tag", "mask"]), default: .string("fake"), "replace with a fake of the same kind, a tag, or asterisks"),
            .init("entities", .stringList, "the kinds to replace (default: all); a number is still read as its likeliest kind (a timestamp is no phone number where only phones are asked for)"),
            .init("min_confidence", .number, default: .number(0.5), "drop findings scored below this (0…1)"),
            .init("shared_domains", .boolean, default: .boolean(false), "use the kind's name as consistency domain (match columns elsewhere)"),
            .init("recognizers", .recognizerList, "patterns of your own: name, pattern, context words, checksum (luhn, mod97), score"),
            .init("link_to", .linkedColumnList, "the row's name columns (first, last, or full name) and values (email, record number), or a parent's through a foreign key (customers.first_name, …): found in the text, they get the columns' fakes"),
            .init("days", .integer, default: .integer(30), "fake mode: the largest move of a date in the text, in days either way (a month and year moves by whole months, up to days / 30)"),
            .init("date_entity", .column, "fake mode: a column of the row (e.g. patient_id) whose value keys the move of every date in the text, so a note's dates move together and intervals survive — by the offset `date.shift` with the same `entity`, `days` and domain gives"),
            .init("date_domain", .string, "with date_entity: the consistency domain of the date.shift columns whose offsets the text's dates share (default: this column's)"),
        ],
        examples: [
            .init(.text("Call Dr. Ana Lima at +1 415 555 0134 or ana.lima@gmail.com, card 4111 1111 1111 1111")),
            .init(.text("Ana Lima lives at 12 Oak Street, Springfield, IL 62701"), parameters: ["mode": .string("tag")]),
        ],
        validate: { p in
            for name in p.strings("entities") ?? [] where EntityKind(name: name) == nil {
                return "entities: unknown kind \"\(name)\"\(Suggestion.hint(for: name, in: EntityKind.allCases.map(\.rawValue))); kinds: \(EntityKind.allCases.filter { $0 != .custom }.map(\.rawValue).joined(separator: ", "))"
            }
            if let minimum = p.number("min_confidence"), !(0...1).contains(minimum) { return "min_confidence must be between 0 and 1" }
            if let days = p.integer("days"), days < 1 { return "days must be at least 1" }
            return nil
        },
        make: { setup throws(GeneratorError) in
            let mode = setup.parameters.string("mode").flatMap(Mode.init(rawValue:)) ?? .fake
            var fakes: [EntityKind: any Generator] = [:]
            var postcodeFake: (any Generator)?
            var entityDates: (column: String, hasher: KeyedHasher)?
            var genderHasher: KeyedHasher?
            if mode == .fake {
                let shared = setup.parameters.boolean("shared_domains") == true
                let names: [EntityKind: (String, [String: ParameterValue])] = [
                    .email: ("email", [:]), .phoneNumber: ("phone", [:]), .creditCard: ("credit-card", ["keep_issuer": .boolean(false)]),
                    .ssn: ("ssn", [:]), .ipAddress: ("ip-address", [:]), .macAddress: ("mac-address", [:]), .crypto: ("crypto-address", [:]), .url: ("url", [:]), .person: ("person.full-name", [:]),
                    .streetAddress: ("address.street", [:]), .location: ("address.city", [:]), .organization: ("company-name", [:]),
                    .iban: ("iban", [:]), .driverLicense: ("fpe.alphanumeric", [:]), .passport: ("fpe.alphanumeric", [:]),
                    .idNumber: ("fpe.alphanumeric", [:]),
                    // (A keyed hash, not format-preserving encryption: nobody should read a secret back.)
                    .credential: ("hash", ["format": .string("token")]),
                ]
                for (kind, (name, parameters)) in names {
                    let domain = shared ? (kind == .person ? "person" : kind.rawValue.lowercased()) : nil
                    var spec = GeneratorSpec(name: name, parameters: GeneratorParameters(parameters), domain: domain, consistent: nil)
                    let definition = GeneratorRegistry.standard.definition(named: name)!
                    spec.parameters = (try? definition.resolve(parameters, at: name, in: nil)) ?? spec.parameters
                    fakes[kind] = try spec.make(in: setup, part: kind.rawValue)
                }
                // A postcode found by its key (`"zip": "LS1 4AP"`) or after a town's region gets a postcode of its shape, not a town.
                postcodeFake = try GeneratorSpec(name: "address.postal-code", parameters: GeneratorParameters([:]), domain: shared ? "postal_code" : nil, consistent: nil)
                    .make(in: setup, part: "POSTAL_CODE")
                // A place of its kind: a country for a country, a region for a region (``PlaceFake``).
                if let town = fakes[.location] {
                    fakes[.location] = try PlaceFake.make(
                        in: setup, domain: shared ? "location" : nil,
                        hasher: setup.key.hasher(generator: "text.redact.place", domain: shared ? "location" : "\(setup.domain)/LOCATION"), town: town, postcode: postcodeFake)
                }
                // An address in the shape of the original's (``AddressFake``): its town the place fake's.
                if let street = fakes[.streetAddress], let place = fakes[.location] {
                    fakes[.streetAddress] = AddressFake(
                        street: street, place: place,
                        hasher: setup.key.hasher(generator: "text.redact.address", domain: shared ? "street_address" : "\(setup.domain)/STREET_ADDRESS"))
                }
                // A title's gender for a first name of none (``genderedByTitle(_:_:female:)``).
                genderHasher = setup.key.hasher(generator: "text.redact.gender", domain: shared ? "person" : "\(setup.domain)/PERSON")
                // A date: the same date moved, written as it was (``TextDate``).
                fakes[.dateTime] = TextDateFake(
                    hasher: setup.key.hasher(generator: "text.redact.date", domain: shared ? "date_time" : "\(setup.domain)/DATE_TIME"),
                    days: setup.parameters.integer("days") ?? 30)
                if let entity = setup.parameters.string("date_entity") {
                    // (The hasher date.shift keys an entity's offset with, in the domain named.)
                    entityDates = (entity, setup.key.hasher(generator: "date.shift", domain: setup.parameters.string("date_domain") ?? setup.domain))
                }
            }
            let kinds = setup.parameters.strings("entities").map { Set($0.compactMap(EntityKind.init(name:))) } ?? Set(EntityKind.allCases)
            let custom = (setup.parameters.values["recognizers"].flatMap { value -> [CustomRecognizer]? in
                guard case .list(let items) = value else { return nil }
                return items.compactMap { try? CustomRecognizer.parse($0).get() }
            }) ?? []
            let recognizer = EntityRecognizer(kinds: kinds, minimumScore: setup.parameters.number("min_confidence") ?? 0.5, custom: custom)
            // A workspace's own kind: its characters by format-preserving encryption, all of them or
            // the digits alone (``customFake(_:_:row:)``).
            var customFakes: [any Generator] = []
            if mode == .fake, !custom.isEmpty {
                for name in ["fpe.alphanumeric", "fpe.digits"] {
                    customFakes.append(try GeneratorSpec(name: name, parameters: GeneratorParameters([:]), domain: nil, consistent: nil).make(in: setup, part: "CUSTOM"))
                }
            }
            var generator = TextRedactGenerator(
                recognizer: recognizer, mode: mode, fakes: fakes, linkTo: setup.parameters.strings("link_to") ?? [], form: Form(setup.column))
            generator.postcodeFake = postcodeFake
            generator.entityDates = entityDates
            generator.customFakes = customFakes
            generator.genderHasher = genderHasher
            // (The recogniser's own compiled patterns, not compiled again.)
            generator.customs = Dictionary(recognizer.recognizers.compactMap { ($0 as? CustomRecognizer.Compiled).map { ($0.recognizer.name, $0) } }, uniquingKeysWith: { first, _ in first })
            return generator
        })

    /// The `mode` parameter's values.
    enum Mode: String { case fake, tag, mask }

    let recognizer: EntityRecognizer
    let mode: Mode
    let fakes: [EntityKind: any Generator]
    /// The fake of a postcode a key names (recogniser `location.keyed.postcode`).
    var postcodeFake: (any Generator)?
    /// `link_to`: the row's name columns, in order (first, last; or one full name), or a parent
    /// table's (`customers.first_name`), found through ``parent``.
    let linkTo: [String]
    /// The fake of a date (``TextDate``), and with `date_entity` the column whose value keys every
    /// date's move and the hasher `date.shift` keys it with.
    var dateFake: TextDateFake? { fakes[.dateTime] as? TextDateFake }
    var entityDates: (column: String, hasher: KeyedHasher)?
    /// The workspace's own recognisers by name, and the fakes tried for what they find.
    var customs: [String: CustomRecognizer.Compiled] = [:]
    var customFakes: [any Generator] = []
    /// Keys the first name a title's gender asks for (``genderedByTitle(_:_:female:)``).
    var genderHasher: KeyedHasher?
    /// Titles that say a woman or a man is named after them (`Ms. Ngozi Eze` got `Dante McCulloch`).
    static let femaleTitles: Set<String> = ["mrs", "ms", "miss", "madam", "dame", "lady", "frau", "madame", "mademoiselle", "mme", "mlle", "sra", "srta", "señora", "señorita", "dra", "signora", "signorina", "dottoressa", "mevr", "mevrouw", "fru", "doña", "dña"]
    static let maleTitles: Set<String> = ["mr", "mister", "sir", "lord", "herr", "herrn", "monsieur", "señor", "signor", "sig", "dhr", "hr"]

    /// `fake` (a full name's) with a first name of the gender the title before the name says,
    /// where the name's own first name is of no known gender (`Ms. Ngozi Eze`): keyed by the name.
    func genderedByTitle(_ fake: String, _ original: String, female: Bool) -> String {
        // (Not a surname with its particles: `Mr. de la Cruz`.)
        guard let genderHasher, let given = original.split(separator: " ").first, given.first?.isUppercase == true,
              !WordLists.nameParticles.contains(given.lowercased()), Dictionaries.shared.firstNames(ofGenderOf: given) == nil else { return fake }
        var parts = fake.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return fake }
        var random = genderHasher.stream(Array(LetterCase.key(of: .text(original)).displayText.utf8))
        let names = female ? Dictionaries.shared.femaleFirstNames : Dictionaries.shared.maleFirstNames
        parts[0] = LetterCase(of: parts[0]).apply(random.pick(names, avoiding: String(given)))
        return parts.joined(separator: " ")
    }
    /// What the column's text is: text; a PostgreSQL `tsvector`, whose words are read in the order
    /// of their positions and replaced at them (``TextSearchVector``); an `hstore`, whose quoted keys
    /// and values take replacements with their quotes and backslashes escaped; an `xml` value, whose
    /// text, attribute values, comments and CDATA are read apart from the markup; a JSON document,
    /// whose string values are (``TextParts``; text that does not parse is read as prose); and text
    /// that holds HTML's tags or is RTF, whose text is read apart from the markup.
    /// The scanner reads a column's values as this generator does (``words(_:)``).
    enum Form {
        case text, textSearchVector, hstore, xml, json

        init(_ column: Column) {
            switch column.typeName {
            case "tsvector": self = .textSearchVector
            case "hstore": self = .hstore
            case "xml": self = .xml
            default: self = column.logicalType == .json ? .json : .text
            }
        }

        /// What the recogniser reads of `text` in this form.
        func words(_ text: String) -> String {
            self == .textSearchVector ? TextSearchVector(text)?.words.text ?? text : parts(text)?.words ?? text
        }

        /// `text` read apart from its syntax, where this form has one that ``TextParts`` reads.
        func parts(_ text: String) -> TextParts? {
            switch self {
            case .xml: TextParts(xml: text)
            case .json: TextParts(json: text)
            case .text: TextParts(markup: text)
            case .textSearchVector, .hstore: nil
            }
        }
    }
    var form: Form = .text
    /// Their generators, set by ``TableTransform`` once every column's is built.
    var linked: [String: any Generator] = [:]
    /// The linked columns whose generators write a person's name (``writesName(_:)``): the others
    /// (an email, a record number) are values, found in the text as written.
    var linkedNames: Set<String> = []

    /// Whether a linked column's generator writes a person's name (`person.*`), which the text's
    /// names are paired with part by part; any other's value is found in the text as written.
    static func writesName(_ generator: String) -> Bool { generator.hasPrefix("person.") }
    /// `link_to` through a foreign key (`[customers.first_name, customers.last_name]`): the row's
    /// key columns, the parent rows' values by key, the parent columns' generators, and which of
    /// them write a name.
    struct LinkedParent: Sendable {
        var foreignKey: [String]
        var values: ParentValues
        var generators: [any Generator]
        var isName: [Bool]
    }
    var parent: LinkedParent?

    var readsColumns: [String] {
        let columns = parent?.foreignKey ?? linkTo
        guard let entity = entityDates?.column, !columns.contains(entity) else { return columns }
        return columns + [entity]
    }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let vector = form == .textSearchVector ? TextSearchVector(text) : nil
        let parts = form.parts(text)
        let words = vector?.words.text ?? parts?.words ?? text
        var spans = recognizer.spans(in: words)
        // The linked columns' values for this row: a person's names, and values that are no name.
        var people: [(value: Value, generator: (any Generator)?)] = [], others: [(value: Value, generator: (any Generator)?)] = []
        if let parent {
            let key = parent.foreignKey.map { values[$0] ?? .null }
            if !key.contains(where: \.isNull), let found = parent.values.values(for: key) {
                for (index, value) in found.enumerated() {
                    if parent.isName[index] { people.append((value, parent.generators[index])) } else { others.append((value, parent.generators[index])) }
                }
            }
        } else {
            for name in linkTo {
                if linkedNames.contains(name) { people.append((values[name] ?? .null, linked[name])) } else { others.append((values[name] ?? .null, linked[name])) }
            }
        }
        // A linked value in the text as written is that value, found or not; so is the row's
        // person's full name, in any case ("Laurens Hendrikse" was a town and a surname left, and
        // the town got a town's fake).
        if !others.isEmpty { spans = Self.spans(spans, adding: others.compactMap { $0.value.isNull ? nil : $0.value.displayText }, in: words) }
        if !people.isEmpty { spans = Self.spans(spans, adding: Self.nameForms(people.map(\.value)), in: words, kind: .person) }
        guard !spans.isEmpty || parts?.hasStandIns == true else { return value }
        let person = mode == .fake && !people.isEmpty ? RowPerson(people, row: row) : nil
        var known: [String: String] = [:], knownDigits: [String: String] = [:]
        if mode == .fake {
            for (real, generator) in others where !real.isNull {
                if let generator, let fake = try? generator.generate(real, row: row), !fake.isNull {
                    known[real.displayText.lowercased()] = fake.displayText
                    // A phone number by its digits, however the text groups them.
                    let digits = Self.digits(of: real.displayText)
                    if digits.count >= 7 { knownDigits[digits] = fake.displayText }
                }
            }
        }
        // The full names the text gives (two words or more), with their fakes: a word of one that
        // the text repeats alone gets the same word of the fake ("Grit Borg … Grit" → "Ana Lima … Ana").
        // (Only where the text has both: a name of one word and one of more.)
        var named: [RowPerson] = []
        var namedFakes: [Int: String] = [:]
        let names = mode == .fake ? spans.filter { $0.kind == .person } : []
        if names.count >= 2 {
            let units = Array(words.utf16)
            func spaced(_ span: EntitySpan) -> Bool { units[span.start..<span.end].contains(0x20) }
            if names.contains(where: spaced), names.contains(where: { !spaced($0) }) {
                for span in names where spaced(span) {
                    let original = String(decoding: units[span.start..<span.end], as: UTF16.self)
                    guard RowPerson.words(original).count >= 2, person?.fake(for: original) == nil else { continue }
                    let fake = replacement(for: span, original, row: row)
                    namedFakes[span.start] = fake
                    named.append(RowPerson(real: RowPerson.words(original), fake: fake.split(whereSeparator: \.isWhitespace).map(String.init)))
                }
            }
        }
        // The gender a title before a person's name says (`Ms. Ngozi Eze`), by the name's start.
        var titled: [Int: Bool] = [:]
        if mode == .fake, genderHasher != nil {
            let units = Array(words.utf16)
            for span in spans where span.kind == .person {
                var end = span.start
                while end > 0, units[end - 1] == 0x20 || units[end - 1] == 0x2E { end -= 1 }
                var start = end
                while start > 0, let scalar = Unicode.Scalar(units[start - 1]), scalar.properties.isAlphabetic { start -= 1 }
                guard start < end else { continue }
                let title = String(decoding: units[start..<end], as: UTF16.self).lowercased()
                if Self.femaleTitles.contains(title) { titled[span.start] = true } else if Self.maleTitles.contains(title) { titled[span.start] = false }
            }
        }
        // Dates whose day and month could be either are read as the text reads its dates.
        let dayFirst: Bool = {
            guard mode == .fake else { return false }
            let dates = spans.filter { $0.kind == .dateTime }
            guard !dates.isEmpty else { return false }
            let units = Array(words.utf16)
            return TextDate.dayFirst(in: words, dates: dates.map { String(decoding: units[$0.start..<$0.end], as: UTF16.self) })
        }()
        // A country right after a town the lists know (`Lyon, France`, `Chicago, USA`) stays: the
        // town's fake is a town of its country (``CityGenerator``), and `Lyon, France` became
        // `Goussainville, Vietnam`. So does a Canadian province's or an Australian state's code
        // (`Melbourne, VIC`: `VIC` became `LAVAPIÉS`, a town of Spain named Vic), the fake a town of it.
        var keptCountries = Set<Int>()
        if mode == .fake {
            let places = spans.filter { $0.kind == .location }
            if places.count >= 2 {
                let units = Array(words.utf16)
                for (town, country) in zip(places, places.dropFirst()) where town.end <= country.start && country.start - town.end <= 2
                    && units[town.end..<country.start].allSatisfy({ $0 == 0x2C || $0 == 0x20 }) && units[town.end..<country.start].contains(0x2C) {
                    let townName = String(decoding: units[town.start..<town.end], as: UTF16.self)
                    let written = String(decoding: units[country.start..<country.end], as: UTF16.self), countryName = written.lowercased()
                    let region = written == written.uppercased()
                        && (PlaceRecognizer.australianStates.contains(countryName) || WordLists.stateCodes.contains(written) && !PlaceFake.stateCodes.contains(written))
                    guard Dictionaries.shared.countries.contains(countryName) || region,
                          Dictionaries.shared.country(ofTown: townName) != nil || Dictionaries.shared.cityStates[townName.lowercased()] != nil else { continue }
                    keptCountries.insert(country.start)
                }
            }
        }
        func replaced(_ span: EntitySpan, _ original: String) -> String {
            if span.kind == .location, keptCountries.contains(span.start) { return original }
            if span.kind == .person, let person, let fake = person.fake(for: original) { return fake }
            if span.kind == .person, let fake = namedFakes[span.start] { return fake }
            if span.recognizer == "person.handle-of-name", let fake = ([person].compactMap { $0 } + named).lazy.compactMap({ $0.handle(for: original) }).first {
                return fake
            }
            if span.kind == .person, !named.isEmpty, RowPerson.words(original).count == 1, let fake = named.lazy.compactMap({ $0.fake(for: original) }).first { return fake }
            if !known.isEmpty, let fake = known[original.lowercased()] { return fake }
            if span.kind == .phoneNumber, !knownDigits.isEmpty, let fake = knownDigits[Self.digits(of: original)] {
                return fake
            }
            // Every date of the entity's by the entity's offset, as date.shift moves its columns.
            if span.kind == .dateTime, let entityDates, let dateFake, let key = values[entityDates.column], !key.isNull, let date = TextDate(original, dayFirst: dayFirst) {
                var random = entityDates.hasher.stream(key.canonicalBytes, label: 3)
                return date.written(date.move(days: DateShiftGenerator.offset(&random, days: dateFake.days), times: dateFake.hasher))
            }
            if span.kind == .dateTime, dayFirst, let dateFake, case .text(let fake) = dateFake.fake(original, dayFirst: true) { return fake }
            if span.kind == .person, let female = titled[span.start], original.contains(" ") {
                return genderedByTitle(replacement(for: span, original, row: row), original, female: female)
            }
            return replacement(for: span, original, row: row)
        }
        if let vector { return .text(vector.redacted(spans, replaced).text) }
        if let parts { return .text(parts.redacted(spans, replaced)) }
        if form == .hstore {
            return .text(Redaction.apply(spans, to: text) { span, original in
                replaced(span, original).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            })
        }
        return .text(Redaction.apply(spans, to: text, replaced))
    }

    /// The ways a text writes the linked person's full name: the columns' words in order ("Ana
    /// Lima"), the last column first with a comma ("Lima, Ana"); a single full-name column's words,
    /// and its last word first ("Lima, Ana"). None where the name is one word.
    static func nameForms(_ values: [Value]) -> [String] {
        let parts = values.compactMap { $0.isNull ? nil : $0.displayText.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
        var forms: [String] = []
        if parts.count >= 2 {
            forms.append(parts.joined(separator: " "))
            forms.append(parts.last! + ", " + parts.dropLast().joined(separator: " "))
        } else if let full = parts.first {
            let words = full.split(separator: " ")
            guard words.count >= 2 else { return [] }
            forms.append(full)
            forms.append(words.last! + ", " + words.dropLast().joined(separator: " "))
        }
        return forms
    }

    /// The ASCII digits of `text`, in order (a phone number's, however grouped).
    static func digits(of text: String) -> String { String(decoding: text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self) }

    /// A mark that groups a phone number's digits: a space, `-`, `.`, `(`, `)`, `+` or `/`.
    static func groupsDigits(_ u: UInt16) -> Bool { u == 0x20 || u == 0x2D || u == 0x2E || u == 0x28 || u == 0x29 || u == 0x2B || u == 0x2F }

    /// Upper case to lower case for one UTF-16 unit of Latin (ASCII, Latin-1, Latin Extended-A
    /// and -B), where the lower case is one unit too; other units as they are.
    static let latinLower: [UInt16] = (0..<0x250).map { u in
        guard let scalar = Unicode.Scalar(UInt32(u)), scalar.properties.isUppercase else { return UInt16(u) }
        let lower = scalar.properties.lowercaseMapping.utf16
        return lower.count == 1 ? lower.first! : UInt16(u)
    }

    /// `spans` with each occurrence of a linked value (4 characters or more, letters in any case,
    /// not inside a longer word or number) as a span of its own, over what it overlaps.
    static func spans(_ spans: [EntitySpan], adding values: [String], in text: String, kind: EntityKind? = nil) -> [EntitySpan] {
        let units = Array(text.utf16)
        func folded(_ u: UInt16) -> UInt16 { u < 0x250 ? latinLower[Int(u)] : u }
        func alphanumeric(_ u: UInt16) -> Bool { TextScan.isDigit(u) || TextScan.isLetter(u) }
        var added: [EntitySpan] = []
        for value in values.sorted(by: { $0.utf16.count > $1.utf16.count }) {
            let needle = value.utf16.map(folded)
            guard needle.count >= 4, needle.count <= units.count else { continue }
            var i = 0
            while i + needle.count <= units.count {
                let end = i + needle.count
                if folded(units[i]) == needle[0], (i == 0 || !alphanumeric(units[i - 1])), (end == units.count || !alphanumeric(units[end])),
                   (1..<needle.count).allSatisfy({ folded(units[i + $0]) == needle[$0] }),
                   !added.contains(where: { $0.start < end && i < $0.end }) {
                    added.append(EntitySpan(kind: kind ?? (value.contains("@") ? .email : .idNumber), start: i, end: end, score: 1.0, recognizer: "linked"))
                    i = end
                    continue
                }
                i += 1
            }
        }
        // A phone number (seven digits or more, nothing but digits and the marks that group them)
        // by its digits, however the text groups them ("397 7 543" written "397-7-543").
        for value in values where kind == nil {
            let digits = Array(Self.digits(of: value).utf16)
            guard digits.count >= 7, value.utf16.allSatisfy({ TextScan.isDigit($0) || Self.groupsDigits($0) }) else { continue }
            var i = 0
            while i < units.count {
                guard TextScan.isDigit(units[i]) || units[i] == 0x2B || units[i] == 0x28, i == 0 || !alphanumeric(units[i - 1]) else { i += 1; continue }
                // Read digits and grouping marks until the value's digits are matched or differ.
                var j = i, matched = 0, last = i
                while j < units.count, matched < digits.count {
                    let u = units[j]
                    if TextScan.isDigit(u) {
                        guard u == digits[matched] else { break }
                        matched += 1
                        last = j
                    } else if !Self.groupsDigits(u) || u == 0x20 && j + 1 < units.count && !TextScan.isDigit(units[j + 1]) && units[j + 1] != 0x28 {
                        break
                    }
                    j += 1
                }
                let end = last + 1
                // (An opening parenthesis only where it closes inside: "(555) 010-2233", not "(085168068)".)
                if matched == digits.count, end == units.count || !TextScan.isDigit(units[end]), units[i] != 0x28 || units[i..<end].contains(0x29),
                   !added.contains(where: { $0.start < end && i < $0.end }) {
                    added.append(EntitySpan(kind: .phoneNumber, start: i, end: end, score: 1.0, recognizer: "linked"))
                    i = end
                    continue
                }
                i += 1
            }
        }
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in !added.contains { $0.overlaps(span) } }
        return (kept + added).sorted { $0.start < $1.start }
    }

    func replacement(for span: EntitySpan, _ original: String, row: RowPosition) -> String {
        switch mode {
        case .tag: return Redaction.tag(for: span)
        case .mask: return Redaction.mask(original)
        case .fake:
            // A workspace's own kind, and a date, where no fake fits, get their tag.
            if span.kind == .custom { return customFake(original, span.recognizer, row: row) ?? Redaction.tag(for: span) }
            // (An SSN's or a card's last digits: digits of the same count, by the record numbers' encryption.)
            let fake = span.recognizer == "location.keyed.postcode" ? postcodeFake
                : span.recognizer.hasSuffix(".last-digits") ? fakes[.idNumber] : fakes[span.kind]
            guard let fake, let generated = try? fake.generate(.text(original), row: row), !generated.isNull else {
                return Redaction.tag(for: span)
            }
            let text = generated.displayText
            // A surname with its particles alone ("da Cunha", "de la Cruz"): the particles and a surname.
            if span.kind == .person, case let parts = original.split(separator: " "), parts.count >= 2,
               parts.dropLast().allSatisfy({ WordLists.nameParticles.contains(String($0)) }), let last = text.split(separator: " ").last {
                return parts.dropLast().joined(separator: " ") + " " + last
            }
            if span.kind == .person, !original.utf8.contains(0x20) {
                // A handle (`maria.garcia`, `kwame_mensah`) gets a handle of the same shape, and so does
                // a name in a file's name, its words joined by `_` or `-` (`John_Smith_CV.pdf`,
                // `john-smith-resume.pdf`), in its case; a first name alone a first name alone, and a
                // surname alone — under a surname's key, or one the lists hold only as a surname — a
                // surname (`"last": "Volkov"` got a first name).
                let lower = original == original.lowercased()
                if let separator = original.first(where: { $0 == "." && lower || $0 == "_" || $0 == "-" && span.recognizer == "person.file-name" }) {
                    var parts = text.split(separator: " ").map { lower ? $0.lowercased() : String($0) }
                    // An initial before the surname stays an initial (`k.nakamura` → `d.jaramillo`).
                    if original.split(separator: separator).first?.count == 1, parts.count >= 2 { parts[0] = String(parts[0].prefix(1)) }
                    // And a surname's initial after the first name stays one (`dave_m` → `theo_b`, not `theodore_betz`).
                    if original.split(separator: separator).last?.count == 1, parts.count >= 2 { parts[parts.count - 1] = String(parts[parts.count - 1].prefix(1)) }
                    return parts.joined(separator: String(separator))
                }
                // Written together in capitals (`MaryJohnsonCV.pdf`): the fake's words together.
                if span.recognizer == "person.file-name" { return text.split(separator: " ").joined() }
                let words = text.split(separator: " ")
                // A login of an initial and a surname (`mgarcia`): the fake's initial and surname.
                if span.recognizer == "person.handle", lower, words.count >= 2, let first = words.first?.first,
                   Lexicon.shared.lookup(String(original.dropFirst())).contains(.lastName) {
                    return (String(first) + words[words.count - 1]).lowercased()
                }
                // A family (`the Nguyens`): the fake's surname in the plural.
                if span.recognizer == "person.family", let last = words.last {
                    return last.hasSuffix("s") || last.hasSuffix("z") || last.hasSuffix("x") || last.hasSuffix("ch") || last.hasSuffix("sh") ? last + "es" : last + "s"
                }
                let listed = Lexicon.shared.lookup(original.lowercased())
                // (After a title a name of one word is a surname: `Mrs Smith`.)
                if ["person.keyed.surname", "person.maiden", "person.title"].contains(span.recognizer) || listed.contains(.lastName) && !listed.contains(.firstName),
                   let last = words.last {
                    return String(last)
                }
                return String(words.first ?? Substring(text))
            }
            return text
        }
    }
}

extension TextRedactGenerator {
    /// A fake of what the workspace's recogniser `name` found that the recogniser still reads
    /// whole, its checksum passing: letters for letters and digits for digits, else the digits alone
    /// (a pattern that fixes its letters: `EMP-\d{6}`), a Luhn or mod-97 check written again; nil
    /// where none is read.
    func customFake(_ original: String, _ name: String, row: RowPosition) -> String? {
        guard let compiled = customs[name] else { return nil }
        for fake in customFakes {
            guard let generated = try? fake.generate(.text(original), row: row), !generated.isNull else { continue }
            var units = Array(generated.displayText.utf8)
            switch compiled.recognizer.checksum {
            case .luhn?:
                // The last digit made the check digit of the others.
                let positions = units.indices.filter { ASCII.isDigit(units[$0]) }
                guard positions.count >= 2 else { continue }
                units[positions.last!] = UInt8(48 + Luhn.checkDigit(for: positions.dropLast().map { Int(units[$0] - 48) }))
            case .mod97?:
                // ISO 13616's check digits, the third and fourth characters.
                let characters = units.indices.filter { ASCII.isDigit(units[$0]) || ASCII.isUpper(units[$0]) || ASCII.isLower(units[$0]) }
                guard characters.count >= 5, ASCII.isDigit(units[characters[2]]), ASCII.isDigit(units[characters[3]]) else { continue }
                let upper = characters.map { ASCII.isLower(units[$0]) ? units[$0] - 32 : units[$0] }
                guard upper[0...1].allSatisfy(ASCII.isUpper) else { continue }
                let check = IBANGenerator.checkDigits(country: Array(upper[0...1]), bban: Array(upper[4...]))
                (units[characters[2]], units[characters[3]]) = (UInt8(48 + check / 10), UInt8(48 + check % 10))
            case nil: break
            }
            let text = String(decoding: units, as: UTF8.self)
            let whole = NSRange(location: 0, length: text.utf16.count)
            guard text != original, compiled.regex.firstMatch(in: text, range: whole)?.range == whole else { continue }
            return text
        }
        return nil
    }
}

/// A generator whose text is cut to a column's declared length, as the pipeline cuts what it writes
/// there: the fake a linked parent column gets in the copy.
struct ShortenedGenerator: Generator {
    let base: any Generator
    let limit: Int

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        let generated = try base.generate(value, row: row)
        if case .text(let text) = generated, text.count > limit { return .text(String(text.prefix(limit))) }
        return generated
    }
}

/// The person a row's name columns hold, real and fake: matches a name found in the text against
/// the real one (case and spacing aside) and answers with the same parts of the fake one.
struct RowPerson {
    /// The real and fake words of each linked column, in order.
    let parts: [(real: [String], fake: [String])]

    init?(_ columns: [(value: Value, generator: (any Generator)?)], row: RowPosition) {
        var parts: [(real: [String], fake: [String])] = []
        for (value, generator) in columns {
            guard !value.isNull, let generator, let fake = try? generator.generate(value, row: row), !fake.isNull else { return nil }
            // (A fake written surname first, `Costa, Maria`, in words without the comma.)
            parts.append((Self.words(value.displayText), fake.displayText.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)))
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
    }

    /// One name's words and its fake's (a full name a text gives, not a row's columns).
    init(real: [String], fake: [String]) {
        parts = [(real, fake)]
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }

    /// The fake of a user name made of the name (``EntityRecognizer/handlesOfNames(_:_:)``: `nkemdirim`,
    /// `ndirim`, `nkem.dirim`, `nkem_dirim`): the same form of the fake's first and last words, in
    /// lower case, letters only, without accents. Nil when `original` is no such form of the name.
    func handle(for original: String) -> String? {
        let real = parts.flatMap(\.real), fake = parts.flatMap(\.fake)
        guard real.count >= 2, fake.count >= 2 else { return nil }
        func letters(_ word: String) -> String { TextScan.folded(word.lowercased()).filter(\.isLetter) }
        let (r0, r1, f0, f1) = (letters(real.first!), letters(real.last!), letters(fake.first!), letters(fake.last!))
        guard !r0.isEmpty, !r1.isEmpty, !f0.isEmpty, !f1.isEmpty,
              let form = EntityRecognizer.handleForms(r0, r1).firstIndex(of: TextScan.folded(original.lowercased())) else { return nil }
        return EntityRecognizer.handleForms(f0, f1)[form]
    }

    /// The fake for `original` when it names the row's person: all parts in order ("Ana Lima"),
    /// the last part first ("Lima, Ana"), one part ("Ana"), or one word of a single full-name column.
    func fake(for original: String) -> String? {
        let found = Self.words(original)
        guard !found.isEmpty else { return nil }
        let allReal = parts.flatMap(\.real), allFake = parts.flatMap(\.fake)
        var answer: String?
        if found == allReal {
            // (Surname first with a comma, as the fake is then written too: "Okafor, Renée" → "Costa, Maria".)
            let comma = original.contains(",") && allFake.count >= 2
            answer = comma ? allFake[0] + ", " + allFake.dropFirst().joined(separator: " ") : allFake.joined(separator: " ")
        } else if parts.count >= 2, found == parts.last!.real + parts.dropLast().flatMap(\.real) {
            answer = parts.last!.fake.joined(separator: " ") + ", " + parts.dropLast().flatMap(\.fake).joined(separator: " ")
        } else if let part = parts.first(where: { $0.real == found }) {
            answer = part.fake.joined(separator: " ")
        } else if parts.count == 1, found.count == 1, let index = parts[0].real.firstIndex(of: found[0]) {
            // One word of a full name: its first word for the first, the last for any other.
            let fake = parts[0].fake
            answer = index == 0 ? fake.first : fake.last
        } else if parts.count == 1, found.count == 1, parts[0].real.count == 1, parts[0].fake.count == 1, let script = ScriptNames.script(of: found[0]),
                  [.chinese, .japanese, .korean].contains(script), parts[0].real[0].hasPrefix(found[0]), found[0].count < parts[0].real[0].count {
            // A Chinese, Japanese or Korean name written without a space, its surname alone in the
            // text (`王先生` of 王小明): the fake's surname.
            answer = ScriptNames.surname(of: parts[0].fake[0], script)
        }
        guard let answer else { return nil }
        // The original's case, word by word where the words pair up ("LIMA, Ana" → "COSTA, Maria"):
        // a word in capitals or in lower case stays so.
        func cased(_ word: Substring, like model: Substring) -> String {
            if model == model.uppercased(), model != model.lowercased() { return word.uppercased() }
            if model == model.lowercased() { return word.lowercased() }
            return String(word)
        }
        let originalWords = original.split(separator: " "), answerWords = answer.split(separator: " ")
        if originalWords.count == answerWords.count {
            return zip(answerWords, originalWords).map { cased($0, like: $1) }.joined(separator: " ")
        }
        return cased(Substring(answer), like: Substring(original))
    }
}

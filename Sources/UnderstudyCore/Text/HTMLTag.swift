/// An HTML tag as ``TextParts/init(html:)`` reads it: an element of HTML's (or a custom element's,
/// `<order-card>`, or an Office namespace's, `<o:p>`), where it ends, how the page separates the
/// text on either side of it, and the values of its attributes that are text.
struct HTMLTag {
    /// The element's name in lower case.
    let name: String
    let closing: Bool
    /// Just past its `>`.
    let end: Int
    /// What it puts between the text around it: 0 nothing (inline), 2 a cell's tab, 3 a line break.
    let gap: Int
    /// Its attributes' values a person reads or that carry data, quoted or not.
    let values: [(range: Range<Int>, quoted: Bool)]

    /// The tag at `i` (a `<`); nil for anything that is no tag of a known element (`<ana@acme.com>`,
    /// `<John Smith>`, `a < b`) or that never closes.
    init?(_ units: [UInt16], at i: Int) {
        var j = i + 1
        let closing = j < units.count && units[j] == 0x2F
        if closing { j += 1 }
        let nameStart = j
        guard j < units.count, Self.isLetter(units[j]) else { return nil }
        while j < units.count, j - nameStart < 40, Self.isLetter(units[j]) || (0x30...0x39).contains(units[j]) || units[j] == 0x2D || units[j] == 0x3A { j += 1 }
        guard j < units.count, units[j] == 0x3E || units[j] == 0x2F || TextParts.isSpace(units[j]) else { return nil }
        let name = String(decoding: units[nameStart..<j].map { Self.isLetter($0) ? $0 | 0x20 : $0 }, as: UTF16.self)
        let gap: Int
        if Self.inline.contains(name) {
            gap = 0
        } else if name == "td" || name == "th" {
            gap = 2
        } else if Self.block.contains(name) {
            gap = 3
        } else if Self.isCustom(name) {
            gap = 0
        } else {
            return nil
        }
        var values: [(range: Range<Int>, quoted: Bool)] = []
        while true {
            while j < units.count, TextParts.isSpace(units[j]) || units[j] == 0x2F { j += 1 }
            guard j < units.count, j - i < 4_000, units[j] != 0x3C else { return nil }
            if units[j] == 0x3E { break }
            let attributeStart = j
            while j < units.count, !TextParts.isSpace(units[j]), units[j] != 0x3D, units[j] != 0x3E, units[j] != 0x2F, units[j] != 0x3C { j += 1 }
            let attribute = String(decoding: units[attributeStart..<j].map { Self.isLetter($0) ? $0 | 0x20 : $0 }, as: UTF16.self)
            var k = j
            while k < units.count, TextParts.isSpace(units[k]) { k += 1 }
            guard k < units.count, units[k] == 0x3D else { continue }
            k += 1
            while k < units.count, TextParts.isSpace(units[k]) { k += 1 }
            guard k < units.count else { return nil }
            let read = !Self.layout.contains(attribute) && !attribute.hasPrefix("on") && !attribute.hasPrefix("xmlns")
            if units[k] == 0x22 || units[k] == 0x27 {
                guard let close = units[(k + 1)...].firstIndex(of: units[k]) else { return nil }
                if read { values.append(((k + 1)..<close, true)) }
                j = close + 1
            } else {
                var end = k
                while end < units.count, !TextParts.isSpace(units[end]), units[end] != 0x3E { end += 1 }
                if read { values.append((k..<end, false)) }
                j = end
            }
        }
        self.name = name
        self.closing = closing
        self.end = j + 1
        self.gap = gap
        self.values = closing ? [] : values
    }

    static func isLetter(_ u: UInt16) -> Bool { (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) }

    /// A custom element (`order-card`: a hyphen between letters) or a namespace's (`o:p`, `st1:personname`).
    static func isCustom(_ name: String) -> Bool {
        guard let mark = name.firstIndex(where: { $0 == "-" || $0 == ":" }) else { return false }
        return mark != name.startIndex && name.last.map { $0 != "-" && $0 != ":" } == true
    }

    /// Elements whose tags stand inside a line of text.
    static let inline: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark",
        "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    ]
    /// Every other element of HTML's: its tags end a line (a table's cells aside).
    static let block: Set<String> = [
        "address", "area", "article", "aside", "audio", "base", "blockquote", "body", "br", "button", "canvas", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "legend", "li", "link", "main", "map",
        "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress",
        "script", "section", "select", "source", "style", "summary", "svg", "table", "tbody", "template", "textarea", "tfoot", "thead", "title",
        "tr", "track", "ul", "video",
    ]
    /// Elements whose content is no markup, to their end tag: a style sheet (no text: nil), a
    /// script's (read, as a JSON-LD block holds people), a title's and a text area's (text).
    static let rawText: [String: TextParts.Context?] = ["style": Optional<TextParts.Context>.none, "script": .rawText, "title": .text, "textarea": .text]
    /// Attributes that lay out, style or name the markup, whose values are no one's text.
    static let layout: Set<String> = [
        "accept", "accept-charset", "align", "allow", "async", "autocomplete", "autoplay", "bgcolor", "border", "cellpadding", "cellspacing",
        "charset", "checked", "class", "clear", "color", "cols", "colspan", "contenteditable", "controls", "coords", "crossorigin", "decoding",
        "defer", "dir", "disabled", "draggable", "enctype", "face", "for", "form", "frame", "frameborder", "headers", "height", "hidden",
        "hreflang", "http-equiv", "id", "inputmode", "integrity", "is", "itemprop", "itemscope", "itemtype", "lang", "list", "loading", "loop",
        "max", "maxlength", "media", "method", "min", "minlength", "multiple", "muted", "name", "nowrap", "pattern", "playsinline", "preload",
        "readonly", "referrerpolicy", "rel", "required", "rev", "role", "rows", "rowspan", "rules", "sandbox", "scope", "scrolling", "selected",
        "shape", "size", "sizes", "slot", "span", "spellcheck", "start", "step", "style", "tabindex", "target", "translate", "type", "usemap",
        "valign", "width", "wrap", "xml:lang",
    ]
}

/// A table under construction: mutable, with the provenance rules TOML needs to reject redefinitions.
final class TableBuilder {
    /// How a table came to exist; decides what may later add to it.
    enum Origin {
        /// Named on the way to a header (`a` in `[a.b]`); may be defined once by its own header later.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// Made by a dotted key (`a.b = 1`); may gain more dotted keys from the same table.
        case dotted
        /// An element of an array of tables.
        case arrayElement
        /// An inline table: closed once written.
        case inline
    }

    enum Slot {
        case leaf(TOMLNode)
        case table(TableBuilder)
        case tableArray([TableBuilder], TOMLPosition)
    }

    struct Item {
        var key: String
        var keyPosition: TOMLPosition
        var slot: Slot
        var leading: [String]
        var trailing: String?
    }

    var origin: Origin
    var items: [Item] = []
    var index: [String: Int] = [:]
    var headerPosition: TOMLPosition?
    var leadingComments: [String] = []

    init(origin: Origin) {
        self.origin = origin
    }

    func slot(_ key: String) -> Slot? {
        index[key].map { items[$0].slot }
    }

    func add(_ key: String, at position: TOMLPosition, _ slot: Slot, leading: [String] = [], trailing: String? = nil) {
        index[key] = items.count
        items.append(Item(key: key, keyPosition: position, slot: slot, leading: leading, trailing: trailing))
    }

    func replace(_ key: String, _ slot: Slot) {
        if let i = index[key] { items[i].slot = slot }
    }

    func setTrailing(_ key: String, _ comment: String) {
        if let i = index[key] { items[i].trailing = comment }
    }

    /// The finished value, without recursion limits beyond the parser's depth cap.
    func build() -> TOMLTable {
        var table = TOMLTable()
        table.headerPosition = headerPosition
        table.leadingComments = leadingComments
        for item in items {
            let node: TOMLNode
            switch item.slot {
            case .leaf(let n):
                node = n
            case .table(let t):
                let built = t.build()
                node = TOMLNode(value: .table(built), position: t.headerPosition ?? item.keyPosition, raw: "")
            case .tableArray(let elements, let position):
                let nodes = elements.map { e in
                    TOMLNode(value: .table(e.build()), position: e.headerPosition ?? position, raw: "")
                }
                node = TOMLNode(value: .array(nodes), position: position, raw: "")
            }
            table.entries.append(TOMLEntry(key: item.key, keyPosition: item.keyPosition, node: node,
                                           leadingComments: item.leading, trailingComment: item.trailing))
        }
        return table
    }
}

extension String {
    /// The string quoted for an error message, cut short and with control characters escaped, so a hostile
    /// name cannot flood or garble the message.
    var quotedForMessage: String {
        let limit = 80
        var text = ""
        for (index, scalar) in unicodeScalars.enumerated() {
            if index == limit { text += "…"; break }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" {
                text += scalar.escaped(asASCII: true)
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return "\"" + text + "\""
    }
}

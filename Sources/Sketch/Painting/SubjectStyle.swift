import Drawing

/// How one subject is drawn: its tones under the frame's light and its outline.
struct SubjectStyle {
    let base: RGB
    let shade: RGB
    let light: RGB
    let ink: RGB
    let outline: Double

    init(colour: RGB, view: View, distance: Double, sizePixels: Double) {
        base = view.tone(colour, distance: distance)
        shade = base.shaded(0.22)
        light = base.lit(0.18)
        ink = view.light.ink.mixed(base, min(0.6, distance / 200))
        outline = view.ink(forSize: sizePixels)
    }

    /// The default colour of a kind when the prompt names none.
    static func defaultColour(_ s: LaidOutSubject) -> RGB {
        if let c = s.colour?.rgb { return RGB(c.r, c.g, c.b) }
        switch s.kind {
        case .man: return RGB(hex: 0x4A5A78)
        case .woman: return RGB(hex: 0xB0604E)
        case .child: return RGB(hex: 0xD8A640)
        case .person: return RGB(hex: 0x3F7C80)
        case .horse: return RGB(hex: 0x8A5A3A)
        case .dog: return RGB(hex: 0xB08A5A)
        case .cat: return RGB(hex: 0x8C8C90)
        case .bird: return RGB(hex: 0x6E7580)
        case .car: return RGB(hex: 0xB8463C)
        case .truck: return RGB(hex: 0xD9D4C8)
        case .bicycle, .motorcycle: return RGB(hex: 0x2F5E8C)
        case .boat: return RGB(hex: 0xF0EEE8)
        case .plane, .helicopter: return RGB(hex: 0xDADDE2)
        case .sofa, .armchair: return RGB(hex: 0x8E9AA6)
        case .chair, .bed: return RGB(hex: 0xA67C52)
        // Darker than the floorboards, so a table top reads against the floor behind it.
        case .table: return RGB(hex: 0x7A5236)
        case .lamp: return RGB(hex: 0xE8D9B0)
        case .television, .phone, .laptop: return RGB(hex: 0x3A3D44)
        case .bottle: return RGB(hex: 0x4E8A5E)
        case .cup: return RGB(hex: 0xF2EEE6)
        case .glass: return RGB(hex: 0xC9DCE6)
        case .shoe: return RGB(hex: 0x5A4032)
        case .watch: return RGB(hex: 0xB9BCC2)
        case .camera: return RGB(hex: 0x2E3036)
        case .fruit: return RGB(hex: 0xC8463A)
        case .food: return RGB(hex: 0xC98E4A)
        case .sign: return RGB(hex: 0x2F6B4F)
        case .water: return RGB(hex: 0x4F8DB8)
        case .tower: return RGB(hex: 0x9FA3A8)
        case .lighthouse: return RGB(hex: 0xF1EEE6)
        case .stadium: return RGB(hex: 0xB8B4AC)
        case .book: return RGB(hex: 0x9A3B3B)
        case .bag: return RGB(hex: 0x8A6A48)
        case .plant, .tree: return RGB(hex: 0x5C8A4A)
        case .rock: return RGB(hex: 0x8F8B85)
        case .umbrella: return RGB(hex: 0xD9574A)
        case .box: return RGB(hex: 0xC9A06A)
        case .building: return RGB(hex: 0xA9A6A0)
        case .house: return RGB(hex: 0xE3D8C4)
        case .placeholder: return RGB(hex: 0xD8D4CC)
        }
    }
}

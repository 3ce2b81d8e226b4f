import Drawing

/// The ground and sky-or-wall colours of a setting.
struct GroundStyle {
    var near: RGB
    var far: RGB
    /// Back wall of interiors.
    var wall: RGB

    init(_ setting: Setting) {
        switch setting {
        case .beach: self.init(near: RGB(hex: 0xE3CFA3), far: RGB(hex: 0xEADBB8), wall: RGB(hex: 0))
        case .cityStreet: self.init(near: RGB(hex: 0x8A8C90), far: RGB(hex: 0xA5A7AB), wall: RGB(hex: 0))
        case .road: self.init(near: RGB(hex: 0x8DA36E), far: RGB(hex: 0xA9B98E), wall: RGB(hex: 0))
        case .rooftop: self.init(near: RGB(hex: 0x9C958C), far: RGB(hex: 0xB0AAA2), wall: RGB(hex: 0))
        case .forest: self.init(near: RGB(hex: 0x5E7A45), far: RGB(hex: 0x7F9566), wall: RGB(hex: 0))
        case .park, .field: self.init(near: RGB(hex: 0x82A55C), far: RGB(hex: 0xA3BD82), wall: RGB(hex: 0))
        case .desert: self.init(near: RGB(hex: 0xD9B27C), far: RGB(hex: 0xE6C9A0), wall: RGB(hex: 0))
        case .mountains: self.init(near: RGB(hex: 0x7E9162), far: RGB(hex: 0x9AA989), wall: RGB(hex: 0))
        case .lake: self.init(near: RGB(hex: 0x7F9F64), far: RGB(hex: 0x9DB486), wall: RGB(hex: 0))
        case .livingRoom: self.init(near: RGB(hex: 0xB48A60), far: RGB(hex: 0xC49C72), wall: RGB(hex: 0xE7DFD2))
        case .bedroom: self.init(near: RGB(hex: 0xA98463), far: RGB(hex: 0xBB9776), wall: RGB(hex: 0xD9DCE6))
        case .kitchen: self.init(near: RGB(hex: 0xC9C2B6), far: RGB(hex: 0xD6D0C6), wall: RGB(hex: 0xEEE9DF))
        case .office: self.init(near: RGB(hex: 0x8E949C), far: RGB(hex: 0xA2A8AF), wall: RGB(hex: 0xE4E6E8))
        case .cafe: self.init(near: RGB(hex: 0x9A6E4C), far: RGB(hex: 0xAA7E5C), wall: RGB(hex: 0xD8C7AE))
        case .shop: self.init(near: RGB(hex: 0xC8C4BC), far: RGB(hex: 0xD4D0C9), wall: RGB(hex: 0xF0EEE9))
        case .studio: self.init(near: RGB(hex: 0xDCDAD6), far: RGB(hex: 0xE9E7E3), wall: RGB(hex: 0xF1EFEC))
        case .warehouse: self.init(near: RGB(hex: 0x8F8A82), far: RGB(hex: 0x9E9990), wall: RGB(hex: 0xB3AA9C))
        }
    }

    init(near: RGB, far: RGB, wall: RGB) {
        self.near = near
        self.far = far
        self.wall = wall
    }
}

import Drawing

/// The colours a time of day gives a frame: sky, light on things, shadows, haze.
struct Lighting {
    var skyTop: RGB
    var skyHorizon: RGB
    /// Colour of the key light; flat tones are tinted towards it.
    var key: RGB
    /// How strongly subjects take the key colour (0 at noon, more at dusk).
    var tint: Double
    var sun: RGB
    var shadowAlpha: Double
    /// Colour far things fade into.
    var haze: RGB
    var ink: RGB
    var isNight: Bool

    init(_ time: TimeOfDay) {
        switch time {
        case .dawn:
            self.init(skyTop: RGB(hex: 0x6C7BA8), skyHorizon: RGB(hex: 0xF2C3A0), key: RGB(hex: 0xFFD9C0), tint: 0.25,
                      sun: RGB(hex: 0xFFE2B8), shadowAlpha: 0.25, haze: RGB(hex: 0xD9C3C4), ink: RGB(hex: 0x2B2A38), isNight: false)
        case .day:
            self.init(skyTop: RGB(hex: 0x7FA9D6), skyHorizon: RGB(hex: 0xD8E6F0), key: RGB(hex: 0xFFFFFF), tint: 0,
                      sun: RGB(hex: 0xFFF6D8), shadowAlpha: 0.3, haze: RGB(hex: 0xD0DDE8), ink: RGB(hex: 0x262A33), isNight: false)
        case .goldenHour:
            self.init(skyTop: RGB(hex: 0x8FA7C8), skyHorizon: RGB(hex: 0xF6D29A), key: RGB(hex: 0xFFD08A), tint: 0.3,
                      sun: RGB(hex: 0xFFE7A8), shadowAlpha: 0.32, haze: RGB(hex: 0xEBD3A8), ink: RGB(hex: 0x33291F), isNight: false)
        case .sunset:
            self.init(skyTop: RGB(hex: 0x5D5B8C), skyHorizon: RGB(hex: 0xF29A6B), key: RGB(hex: 0xFFB07A), tint: 0.4,
                      sun: RGB(hex: 0xFFD27A), shadowAlpha: 0.3, haze: RGB(hex: 0xD99A8A), ink: RGB(hex: 0x2E2030), isNight: false)
        case .dusk:
            self.init(skyTop: RGB(hex: 0x2E3563), skyHorizon: RGB(hex: 0x9C88B0), key: RGB(hex: 0xB4A8D8), tint: 0.45,
                      sun: RGB(hex: 0xF0C8B0), shadowAlpha: 0.18, haze: RGB(hex: 0x7C7498), ink: RGB(hex: 0x1B1A2A), isNight: false)
        case .night:
            self.init(skyTop: RGB(hex: 0x0E1428), skyHorizon: RGB(hex: 0x2A3656), key: RGB(hex: 0x8FA3D8), tint: 0.6,
                      sun: RGB(hex: 0xEDEFF5), shadowAlpha: 0.12, haze: RGB(hex: 0x2C3552), ink: RGB(hex: 0x05070D), isNight: true)
        }
    }

    init(skyTop: RGB, skyHorizon: RGB, key: RGB, tint: Double, sun: RGB, shadowAlpha: Double, haze: RGB, ink: RGB, isNight: Bool) {
        self.skyTop = skyTop
        self.skyHorizon = skyHorizon
        self.key = key
        self.tint = tint
        self.sun = sun
        self.shadowAlpha = shadowAlpha
        self.haze = haze
        self.ink = ink
        self.isNight = isNight
    }

    /// A flat tone as this light shows it at `distance` metres (fading into haze far away).
    func tone(_ c: RGB, distance: Double, hazeDistance: Double) -> RGB {
        let lit = c.tinted(key, tint)
        let darkened = isNight ? lit.shaded(0.35) : lit
        let fog = hazeDistance > 0 ? 1 - exp(-distance / hazeDistance) : 0
        return darkened.mixed(haze, fog * 0.85)
    }
}

import Foundation

import Imaging

/// TEMPORARY stand-in until the painters land: a flat frame whose colour depends on the layout.
public enum SketchDecoder {
    public static func draw(_ layout: SketchLayout, width: Int, height: Int) -> Frame {
        var f = Frame(width: width, height: height, fill: (200, 200, 200, 255))
        for s in layout.subjects {
            guard let p = layout.camera.project(x: s.x, y: s.elevation, z: s.z, width: Double(width), height: Double(height)) else { continue }
            let px = Int(p.x), py = Int(p.y)
            for dy in -3...3 { for dx in -3...3 {
                let x = px + dx, y = py + dy
                if x >= 0 && x < width && y >= 0 && y < height { f.pixels[(y * width + x) * 4] = 0 }
            } }
        }
        return f
    }
}

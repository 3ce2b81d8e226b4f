import Testing
@testable import Terminal

/// The sixel's pixel size: cells times cell size, within the terminal's largest sixel, aspect kept.
@Suite struct SixelGeometryTests {
    @Test func fitsTheTerminalsLargestSixel() {
        let free = SixelGeometry.size(columns: 16, rows: 4, cellSize: (10, 20), limit: (1000, 1000))
        #expect(free.width == 160 && free.height == 80)
        let wide = SixelGeometry.size(columns: 200, rows: 50, cellSize: (10, 20), limit: (1000, 1000))
        #expect(wide.width == 1000 && wide.height == 500)
        let tall = SixelGeometry.size(columns: 100, rows: 100, cellSize: (10, 20), limit: (1000, 1000))
        #expect(tall.width == 500 && tall.height == 1000)
        let unknown = SixelGeometry.size(columns: 200, rows: 50, cellSize: (10, 20), limit: nil)
        #expect(unknown.width == 2000 && unknown.height == 1000)
    }
}

import Imaging
import Testing
@testable import Sketch

/// Frames drawn from open-vocabulary prompts: colours, counted groups and relations are visible where they should be.
@Suite struct VocabularyRenderTests {
    let width = 320, height = 180

    func plan(_ prompt: String) -> SketchPlan { SketchPlan(prompt: prompt) }

    func layout(_ plan: SketchPlan, component: Int = 0) -> SketchLayout {
        plan.layout(latent: plan.mixture.means[component].map(Float.init), width: width, height: height)
    }

    func draw(_ layout: SketchLayout) -> Frame { SketchDecoder.draw(layout, width: width, height: height) }

    /// Pixels within `tolerance` (sum over red, green and blue) of the colour's marker tone.
    func pixels(near colour: NamedColour, in frame: Frame, tolerance: Int = 90) -> Int {
        let (r, g, b) = (Int(colour.rgb.r * 255), Int(colour.rgb.g * 255), Int(colour.rgb.b * 255))
        var n = 0
        for i in stride(from: 0, to: frame.pixels.count, by: 4) {
            let d = abs(Int(frame.pixels[i]) - r) + abs(Int(frame.pixels[i + 1]) - g) + abs(Int(frame.pixels[i + 2]) - b)
            if d < tolerance { n += 1 }
        }
        return n
    }

    @Test(.enabled(if: OpenVocabulary.shared.isAvailable), arguments: [
        ("a red apple on a table", NamedColour.red, "a green apple on a table"),
        ("a yellow taxi on the road", .yellow, "a taxi on the road"),
        ("a purple handbag in a studio", .purple, "a handbag in a studio"),
        ("a green helicopter over the desert", .green, "a helicopter over the desert"),
        ("an orange sign on a city street", .orange, "a sign on a city street"),
    ])
    func aNamedColourIsVisible(prompt: String, colour: NamedColour, plain: String) {
        let coloured = pixels(near: colour, in: draw(layout(plan(prompt))))
        let uncoloured = pixels(near: colour, in: draw(layout(plan(plain))))
        #expect(coloured > width * height / 200, "\(prompt): \(coloured) pixels near \(colour)")
        #expect(coloured > 2 * uncoloured + 50, "\(prompt): \(coloured) vs \(uncoloured) without the colour word")
    }

    @Test(.enabled(if: OpenVocabulary.shared.isAvailable), arguments: [
        ("three horses grazing in a meadow", 3),
        ("two cyclists standing on a road", 2),
        ("four sheep in a field", 4),
        ("wide shot of three policemen on a city street", 3),
        ("a family in the park", 3),
    ])
    func aCountedGroupHasThatManySilhouettes(prompt: String, count: Int) {
        let p = plan(prompt)
        #expect(p.resolved.subjects.count == count)
        for component in 0..<4 {
            var l = layout(p, component: component)
            let full = draw(l)
            l.subjects = []
            let sizes = FrameMask(full, draw(l)).componentSizes()
            // Specks (a stray hoof line, anti-aliasing) are not silhouettes.
            let silhouettes = sizes.filter { $0 * 12 > (sizes.first ?? 0) }
            #expect(silhouettes.count == count, "\(prompt), variant \(component): parts \(sizes.prefix(8))")
        }
    }

    @Test(arguments: [
        ("a red apple on a wooden table", SubjectKind.fruit, SubjectKind.table),
        ("a cat on the armchair", .cat, .armchair),
        ("a bottle on the table", .bottle, .table),
        ("a laptop on a white desk", .laptop, .table),
        ("a white cup on a blue table", .cup, .table),
    ])
    func aSubjectOnAnotherIsDrawnAboveItWithContact(prompt: String, top: SubjectKind, under: SubjectKind) throws {
        let p = plan(prompt)
        guard OpenVocabulary.shared.isAvailable || top != .fruit else { return }
        let l = layout(p)
        let i = try #require(l.subjects.firstIndex { $0.kind == top })
        let j = try #require(l.subjects.firstIndex { $0.kind == under })
        #expect(l.subjects[i].elevation > 0.3, "\(prompt): rests at \(l.subjects[i].elevation) m")
        // Subjects are hidden by moving them far off screen, so the backdrop (which frames on the primary) stays put.
        func hidden(_ s: LaidOutSubject) -> LaidOutSubject {
            var s = s
            s.x += 1000 * max(1, s.z)
            return s
        }
        var bare = l
        bare.subjects = l.subjects.map(hidden)
        var lower = l
        lower.subjects = l.subjects.enumerated().map { $0.offset == j ? $0.element : hidden($0.element) }
        let empty = draw(bare), withLower = draw(lower), both = draw(l)
        let upper = FrameMask(both, withLower), support = FrameMask(withLower, empty)
        #expect(upper.count > 30 && support.count > 30, "\(prompt): \(upper.count) and \(support.count) pixels")
        // Above it: the upper subject's lowest pixel is above where the support meets the floor at its front.
        let supported = l.subjects[j]
        let foot = l.camera.project(x: supported.x, y: 0, z: supported.z - SubjectArrangement.depth(supported) / 2,
                                    width: Double(width), height: Double(height))
        let upperBottom = upper.bottoms.values.max() ?? 0
        #expect(Double(upperBottom) < (foot?.y ?? Double(height)) - 4, "\(prompt): the \(top) reaches row \(upperBottom), the floor is at \(foot?.y ?? 0)")
        // Contact: under most of the upper subject's lowest pixels, the support is drawn within a few pixels.
        let bottoms = upper.bottoms
        let touching = bottoms.filter { x, y in (1...4).contains { support[x, y + $0] } }.count
        #expect(Double(touching) > 0.6 * Double(bottoms.count), "\(prompt): \(touching) of \(bottoms.count) columns touch")
    }
}

import Diffusion
import Foundation
import Imaging
import Project
import Testing
@testable import Sketch

@Suite struct PaintingTests {
    let width = 320, height = 180

    func layout(_ setting: Setting = .studio, time: TimeOfDay = .day, subjects: [LaidOutSubject] = [], pitch: Double = -0.05) -> SketchLayout {
        SketchLayout(setting: setting, timeOfDay: time, shotSize: .full, angle: .eyeLevel,
                     camera: CameraPose(height: 1.5, pitch: pitch, fieldOfView: 40 * .pi / 180), subjects: subjects)
    }

    func meanLuminance(_ f: Frame) -> Double {
        var sum = 0.0
        for i in stride(from: 0, to: f.pixels.count, by: 4) {
            sum += 0.2126 * Double(f.pixels[i]) + 0.7152 * Double(f.pixels[i + 1]) + 0.0722 * Double(f.pixels[i + 2])
        }
        return sum / Double(f.width * f.height)
    }

    /// Fraction of pixels that differ by more than a little between two frames, optionally inside a rectangle.
    func changed(_ a: Frame, _ b: Frame, in rect: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil, outside: Bool = false) -> Double {
        var count = 0, total = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                var inRect = true
                if let r = rect { inRect = x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1 }
                if inRect == outside { continue }
                total += 1
                let i = (y * a.width + x) * 4
                let d = abs(Int(a.pixels[i]) - Int(b.pixels[i])) + abs(Int(a.pixels[i + 1]) - Int(b.pixels[i + 1])) + abs(Int(a.pixels[i + 2]) - Int(b.pixels[i + 2]))
                if d > 24 { count += 1 }
            }
        }
        return total == 0 ? 0 : Double(count) / Double(total)
    }

    @Test func drawingIsDeterministic() {
        let l = layout(.beach, time: .sunset, subjects: [LaidOutSubject(kind: .horse, action: .galloping, x: 0, z: 8, facing: 1, phase: 0.3)])
        #expect(SketchDecoder.draw(l, width: width, height: height) == SketchDecoder.draw(l, width: width, height: height))
    }

    /// Each kind draws inside the box its real size projects to, and hardly anywhere else.
    @Test(arguments: SubjectKind.allCases)
    func everyKindDrawsWhereItStands(_ kind: SubjectKind) {
        let z = max(4, kind.size.height * 2.6, kind.size.length * 1.6)
        let subject = LaidOutSubject(kind: kind, label: kind == .placeholder ? "kite" : nil, x: 0, z: z, facing: 1)
        let empty = SketchDecoder.draw(layout(), width: width, height: height)
        let drawn = SketchDecoder.draw(layout(subjects: [subject]), width: width, height: height)
        let camera = layout().camera
        let base = camera.project(x: 0, y: 0, z: z, width: Double(width), height: Double(height))!
        let top = camera.project(x: 0, y: kind.size.height, z: z, width: Double(width), height: Double(height))!
        let pxPerM = (base.y - top.y) / kind.size.height
        let halfW = max(kind.size.length, kind.size.height) * 0.75 * pxPerM + 4
        let box = (x0: Int(base.x - halfW), y0: Int(top.y - 6), x1: Int(base.x + halfW) + 1, y1: Int(base.y + 8))
        let inside = changed(empty, drawn, in: box)
        let outside = changed(empty, drawn, in: box, outside: true)
        #expect(inside > 0.05, "\(kind): only \(inside) of its box changed")
        #expect(outside < 0.02, "\(kind): \(outside) of the frame outside its box changed")
    }

    @Test func everySettingLooksDifferent() {
        let frames = Setting.allCases.map { SketchDecoder.draw(layout($0), width: width, height: height) }
        for i in frames.indices {
            for j in frames.indices where j > i {
                #expect(changed(frames[i], frames[j]) > 0.02, "\(Setting.allCases[i]) and \(Setting.allCases[j]) look the same")
            }
        }
    }

    @Test func nightIsDarkerThanDayAndDuskIsBetween() {
        for setting in [Setting.beach, .cityStreet, .livingRoom] {
            let day = meanLuminance(SketchDecoder.draw(layout(setting, time: .day), width: width, height: height))
            let dusk = meanLuminance(SketchDecoder.draw(layout(setting, time: .dusk), width: width, height: height))
            let night = meanLuminance(SketchDecoder.draw(layout(setting, time: .night), width: width, height: height))
            #expect(night < dusk && dusk < day, "\(setting): day \(day) dusk \(dusk) night \(night)")
        }
    }

    @Test func overheadIsATopView() {
        let subject = LaidOutSubject(kind: .car, x: 0, z: 0, facing: 1)
        var top = layout(.road, subjects: [subject])
        top.camera = CameraPose(height: 12, pitch: -.pi / 2, fieldOfView: 40 * .pi / 180)
        let side = layout(.road, subjects: [LaidOutSubject(kind: .car, x: 0, z: 10, facing: 1)])
        let a = SketchDecoder.draw(top, width: width, height: height), b = SketchDecoder.draw(side, width: width, height: height)
        #expect(changed(a, b) > 0.3)
        // No sky from above: the top rows are ground, not the sky gradient.
        #expect(meanLuminance(Frame(width: width, height: 4, pixels: Array(a.pixels.prefix(width * 16)))) != meanLuminance(Frame(width: width, height: 4, pixels: Array(b.pixels.prefix(width * 16)))))
    }

    @Test func seedsGiveVisiblyDifferentCompositions() throws {
        let plan = SketchPlan(prompt: "wide shot of a woman and a dog in the park at golden hour")
        let sigmas = SketchModel.sigmas(steps: 20, schedule: .karras)
        var frames: [Frame] = []
        for seed in 0..<6 {
            let noise = GaussianNoise(seed: UInt64(seed))
            let start = noise.values(stream: 0, count: plan.latentCount).map { $0 * sigmas[0] }
            let latent = try Sampling.sample(.dpmpp2m, denoiser: plan.denoiser, x: start, sigmas: sigmas, noise: noise)
            frames.append(plan.frame(latent: latent, width: width, height: height))
        }
        var distinct = 0
        for i in frames.indices { for j in frames.indices where j > i && changed(frames[i], frames[j]) > 0.03 { distinct += 1 } }
        #expect(distinct >= 12, "only \(distinct) of 15 seed pairs differ visibly")
    }
}

import Project
import Testing

/// The camera-move window the animatic samples through and the studio crops by (moved here from the animatic).
@Suite struct CameraMoveWindowTests {
    @Test func movesTravelTheRightWay() {
        #expect(CameraMove.static.window(progress: 0.7) == (0.5, 0.5, 1))
        let pushStart = CameraMove.pushIn.window(progress: 0), pushEnd = CameraMove.pushIn.window(progress: 1)
        #expect(pushStart.size == 1 && abs(pushEnd.size - CameraMove.tightest) < 1e-12)
        #expect(CameraMove.pullOut.window(progress: 0).size < CameraMove.pullOut.window(progress: 1).size)
        // Panning left turns the camera left: the window moves left across the keyframe.
        #expect(CameraMove.panLeft.window(progress: 0).cx > CameraMove.panLeft.window(progress: 1).cx)
        #expect(CameraMove.tiltUp.window(progress: 0).cy > CameraMove.tiltUp.window(progress: 1).cy)
        // Eased: the first and last tenth move less than the middle tenth.
        let a = CameraMove.panRight.window(progress: 0.1).cx - CameraMove.panRight.window(progress: 0).cx
        let b = CameraMove.panRight.window(progress: 0.55).cx - CameraMove.panRight.window(progress: 0.45).cx
        #expect(a < b / 2)
    }
}

import Foundation
import JSON
import Project

/// Editorial timelines: OpenTimelineIO JSON and CMX 3600 EDL, one clip per shot at the project's frame rate.
enum TimelineWriter {
    /// An OTIO timeline: one video track, one clip per shot pointing at its media, shot metadata attached.
    static func otio(project: Project, shots: [Shot], media: [String], timeline: AnimaticTimeline, records: [JSONValue]) -> String {
        func time(_ value: Int) -> JSONValue {
            .object([("OTIO_SCHEMA", .string("RationalTime.1")), ("rate", .number(timeline.fps)), ("value", .number(Double(value)))])
        }
        let clips: [JSONValue] = timeline.spans.map { span in
            let shot = shots[span.shotIndex]
            return .object([
                ("OTIO_SCHEMA", .string("Clip.2")),
                ("metadata", .object([("storyreel", .object([
                    ("id", .string(shot.id)), ("prompt", .string(shot.prompt)), ("seed", .integer(Int64(shot.seed))),
                    ("duration_seconds", .number(shot.duration)), ("camera", .string(shot.camera.rawValue)),
                    ("action", .string(shot.action)), ("dialogue", .string(shot.dialogue)), ("notes", .string(shot.notes)),
                    ("render", records[span.shotIndex]),
                ]))])),
                ("name", .string(shot.id)),
                ("source_range", .object([
                    ("OTIO_SCHEMA", .string("TimeRange.1")),
                    ("duration", time(span.frameCount)),
                    ("start_time", time(0)),
                ])),
                ("effects", .array([])), ("markers", .array([])), ("enabled", .bool(true)), ("color", .null),
                ("media_references", .object([("DEFAULT_MEDIA", .object([
                    ("OTIO_SCHEMA", .string("ExternalReference.1")), ("metadata", .object([])), ("name", .string(shot.id)),
                    // The media is as long as the shot (a still or the shot's clip), so editors and adapters that
                    // need the media's own range (FCP7 XML writers do) have it.
                    ("available_range", .object([
                        ("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", time(span.frameCount)), ("start_time", time(0)),
                    ])),
                    ("available_image_bounds", .null), ("target_url", .string(media[span.shotIndex])),
                ]))])),
                ("active_media_reference_key", .string("DEFAULT_MEDIA")),
            ])
        }
        let track: JSONValue = .object([
            ("OTIO_SCHEMA", .string("Track.1")), ("metadata", .object([])), ("name", .string("Storyboard")),
            ("source_range", .null), ("effects", .array([])), ("markers", .array([])), ("enabled", .bool(true)),
            ("color", .null), ("children", .array(clips)), ("kind", .string("Video")),
        ])
        let timelineJSON: JSONValue = .object([
            ("OTIO_SCHEMA", .string("Timeline.1")),
            ("metadata", .object([("storyreel", .object([("title", .string(project.title)), ("client", .string(project.client)),
                                                         ("width", .integer(Int64(project.width))), ("height", .integer(Int64(project.height)))]))])),
            ("name", .string(project.title)),
            ("global_start_time", .null),
            ("tracks", .object([
                ("OTIO_SCHEMA", .string("Stack.1")), ("metadata", .object([])), ("name", .string("tracks")),
                ("source_range", .null), ("effects", .array([])), ("markers", .array([])), ("enabled", .bool(true)),
                ("color", .null), ("children", .array([track])),
            ])),
        ])
        return timelineJSON.serialized(pretty: true) + "\n"
    }

    /// A CMX 3600 EDL: one event per shot, record timecode from 01:00:00:00, non-drop frame.
    static func edl(project: Project, shots: [Shot], timeline: AnimaticTimeline) -> String {
        let fps = max(1, Int(timeline.fps.rounded()))
        let hour = 3600 * fps
        let title = String(project.title.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.prefix(70).map(Character.init))
        var out = "TITLE: \(title)\nFCM: NON-DROP FRAME\n\n"
        for (n, span) in timeline.spans.enumerated() {
            let shot = shots[span.shotIndex]
            let reel = String(shot.id.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(8))
            let padded = reel.padding(toLength: 8, withPad: " ", startingAt: 0)
            let event = String(format: "%03d", n + 1)
            let srcIn = Timecode.string(frame: 0, fps: fps), srcOut = Timecode.string(frame: span.frameCount, fps: fps)
            let recIn = Timecode.string(frame: hour + span.firstFrame, fps: fps)
            let recOut = Timecode.string(frame: hour + span.firstFrame + span.frameCount, fps: fps)
            out += "\(event)  \(padded) V     C        \(srcIn) \(srcOut) \(recIn) \(recOut)\n"
            out += "* FROM CLIP NAME: \(shot.id)\n"
            if !shot.action.isEmpty { out += "* COMMENT: \(shot.action.filter { $0.isASCII && $0 != "\n" })\n" }
            out += "\n"
        }
        return out
    }
}

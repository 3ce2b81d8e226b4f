import Foundation
import Project

/// Final Cut Pro 7 XML (`xmeml` version 4), the interchange Premiere Pro and DaVinci Resolve import: one sequence,
/// one video track, one clip item per shot in cut order at the project's frame rate, each naming its media file.
enum FCP7XML {
    /// `media[i]` is the absolute path of shot i's media (its key drawing, or its clip as a movie); `moving[i]` says
    /// which of the two it is.
    static func document(project: Project, shots: [Shot], timeline: AnimaticTimeline, media: [String], moving: [Bool]) -> String {
        let (timebase, ntsc) = rate(timeline.fps)
        let rateXML = "<rate><timebase>\(timebase)</timebase><ntsc>\(ntsc ? "TRUE" : "FALSE")</ntsc></rate>"
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE xmeml>
            <xmeml version="4">
              <sequence id="sequence-1">
                <name>\(escape(project.title))</name>
                <duration>\(timeline.frameCount)</duration>
                \(rateXML)
                <timecode>\(rateXML)<string>01:00:00:00</string><frame>\(3600 * timebase)</frame><displayformat>NDF</displayformat></timecode>
                <media>
                  <video>
                    <format><samplecharacteristics>\(rateXML)<width>\(project.width)</width><height>\(project.height)</height><pixelaspectratio>square</pixelaspectratio></samplecharacteristics></format>
                    <track>

            """
        for span in timeline.spans {
            let shot = shots[span.shotIndex]
            let n = span.shotIndex + 1
            let path = media[span.shotIndex]
            let still = !moving[span.shotIndex]
            // A still image's media is as long as the editor wants; a movie is exactly the shot.
            x += """
                          <clipitem id="clipitem-\(n)">
                            <name>\(escape(shot.id))</name>
                            <enabled>TRUE</enabled>
                            <duration>\(span.frameCount)</duration>
                            \(rateXML)
                            <start>\(span.firstFrame)</start>
                            <end>\(span.firstFrame + span.frameCount)</end>
                            <in>0</in>
                            <out>\(span.frameCount)</out>
                            <file id="file-\(n)">
                              <name>\(escape((path as NSString).lastPathComponent))</name>
                              <pathurl>\(escape(URL(fileURLWithPath: path).absoluteString))</pathurl>
                              \(rateXML)
                              <duration>\(span.frameCount)</duration>
                              <media><video>\(still ? "<duration>\(span.frameCount)</duration>" : "")<samplecharacteristics>\(rateXML)<width>\(project.width)</width><height>\(project.height)</height></samplecharacteristics></video></media>
                            </file>
                            <comments>
                              <mastercomment1>\(escape(shot.action))</mastercomment1>
                              <mastercomment2>\(escape(shot.dialogue))</mastercomment2>
                              <mastercomment3>\(escape(shot.notes))</mastercomment3>
                              <mastercomment4>\(escape(shot.prompt))</mastercomment4>
                            </comments>

                """
            for (label, text) in [("Action", shot.action), ("Dialogue", shot.dialogue), ("Notes", shot.notes)] where !text.isEmpty {
                x += "              <marker><name>\(label)</name><comment>\(escape(text))</comment><in>0</in><out>-1</out></marker>\n"
            }
            x += "            </clipitem>\n"
        }
        x += """
                    </track>
                  </video>
                </media>
              </sequence>
            </xmeml>

            """
        return x
    }

    /// FCP's timebase and NTSC flag for a frame rate: 23.976 is timebase 24 with NTSC.
    static func rate(_ fps: Double) -> (Int, Bool) {
        let base = max(1, Int(fps.rounded()))
        return (base, abs(fps - Double(base)) > 0.001)
    }

    /// Text as XML character data: markup characters escaped, characters XML 1.0 cannot hold dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

import Project

/// The shots a new project starts with: a small, complete sequence that shows what the sketch model reads.
enum StarterProject {
    static func make(title: String) -> Project {
        var project = Project(title: title)
        project.comments["title"] = Comments(leading: [
            "# Storyreel project. Edit shots here or in the studio; every key is documented in README.md.",
        ])
        var s1 = Shot(id: "s01", prompt: "extreme wide shot of a city street at dawn, a woman walking on the left",
                      seed: 1, duration: 3, camera: .pushIn, action: "The city wakes up.")
        s1.notes = "Establishing shot."
        let s2 = Shot(id: "s02", prompt: "medium shot of a woman looking at a phone, cafe, golden hour",
                      seed: 2, duration: 2.5, camera: .static, action: "She reads the message.", dialogue: "Finally.")
        var s3 = Shot(id: "s03", prompt: "close-up of a phone on a table", seed: 3, duration: 1.5, camera: .pushIn,
                      action: "The screen lights up.")
        s3.variants = [3, 30, 300, 3000]
        let s4 = Shot(id: "s04", prompt: "wide shot of a woman running across a park at sunset, low angle",
                      seed: 4, duration: 3, camera: .panRight, action: "She runs to meet them.")
        project.shots = [s1, s2, s3, s4]
        return project
    }
}

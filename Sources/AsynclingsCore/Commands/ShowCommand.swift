import Foundation

/// `asynclings show [NAME]`: what an exercise asks — the quote, the signature and the rules —
/// and the InterviewKit types it uses, with their doc comments.
enum ShowCommand {
    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let exercise = try session.chosenExercise(for: "show")
        session.context.print(text(session, exercise: exercise))
        return 0
    }

    static func text(_ session: Session, exercise: Exercise) -> String {
        let style = session.style
        let brief = ExerciseBrief(exercise)
        var lines = [style.strong("Exercise \(exercise.number): \(exercise.name) — \(exercise.title)"), ""]
        lines.append(Style.wrapped(brief.quote, indent: 2))
        if !brief.signature.isEmpty {
            lines += ["", style.strong("Write this")] + brief.signature.components(separatedBy: "\n").map { "  " + $0 }
        }
        if !brief.rules.isEmpty {
            lines += [""] + brief.rulesLines(width: 80)
        }
        let starter = (try? String(contentsOf: exercise.starterFile, encoding: .utf8)) ?? ""
        let used = InterviewKitDocs(root: SourceTree.root(environment: session.context.environment)).used(in: starter + "\n" + brief.signature)
        if !used.isEmpty {
            lines += ["", style.strong("InterviewKit types used here"), style.dim("(from the module your file imports; all of it is in Sources/InterviewKit/)")]
            for declaration in used {
                lines += [""] + declaration.text.components(separatedBy: "\n").map { "  " + $0 }
            }
        }
        lines += ["", "Your file: \(session.display(session.workspace.file(for: exercise))) · `asynclings run \(exercise.name)` checks it."]
        return lines.joined(separator: "\n")
    }
}

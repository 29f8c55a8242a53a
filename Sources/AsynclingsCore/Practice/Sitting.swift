import Foundation

extension Session {
    /// Starts a sitting on `exercise` for either practice mode: creates its file from the
    /// starter if needed, makes it current, starts counting time, and returns its last report.
    /// A pass earned under an earlier suite is checked again first, and that report is returned.
    func startSitting(on exercise: Exercise) -> Report? {
        _ = try? workspace.open(exercise)
        if let checker = try? checker() { workspace.updateEditorSupport(checker) }
        let now = context.now()
        save { state in
            state.current = exercise.name
            state.touch(exercise.name, at: now, counting: false)
        }
        let progress = store.load().exercises[exercise.name]
        if progress?.passedUnderEarlierSuite(current: exercise.suiteFingerprint) == true {
            context.print(style.dim("\(exercise.name) passed under an earlier suite; checking your file against the current one…"))
            if let report = try? check(exercise, file: workspace.file(for: exercise)) {
                let tests = "\(report.tests.filter { $0.status == .pass }.count)/\(report.tests.count) tests"
                context.print(report.passed ? "It still passes (\(tests))." : "It does not pass the current suite (\(tests)): check it to see the report.")
                return report
            }
        }
        return progress?.lastReport
    }

    /// Whether `exercise` has passed at least once (its next exercise and solution are open).
    func hasPassed(_ exercise: Exercise) -> Bool {
        store.load().exercises[exercise.name]?.status == .passed
    }
}

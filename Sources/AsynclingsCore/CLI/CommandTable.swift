/// The table of every command, in the order `--help` lists them.
extension Command {
    /// Every command asynclings knows: parsing, help and dispatch all read this table.
    public static let table: [Command] = [
        Command(
            name: "practice", names: 1, nameLabel: "NAME", options: [.manual],
            summary: "practise: the current exercise, re-checked on every save",
            details: """
            Bare `asynclings` (no command) does the same. On a terminal, the practice screen:
            the current exercise (or NAME), checked again on every save, with keys for hints, the checklist,
            the list and the next exercise. With --manual, or when input is not a terminal,
            the same by typed commands (check, hint, list, …).
            """,
            run: { session throws(AsynclingsError) in try PracticeCommand.run(session) }),
        Command(
            name: "list", names: 0, nameLabel: "NAME", options: [.json],
            summary: "every exercise with its status and best score",
            details: "Every exercise in order: number, name, difficulty, status and best score.",
            run: { session throws(AsynclingsError) in try ListCommand.run(session) }),
        Command(
            name: "show", names: 1, nameLabel: "NAME", options: [],
            summary: "what NAME asks: signature, rules, InterviewKit types",
            details: """
            What NAME (or the current exercise) asks: the interviewer's words, the signature to
            write, the rules that are graded, and the InterviewKit types it uses with their doc
            comments. New practice files start with the same signature and rules as a comment.
            """,
            run: { session throws(AsynclingsError) in try ShowCommand.run(session) }),
        Command(
            name: "run", names: 1, nameLabel: "NAME", options: [.file, .json],
            summary: "check an exercise once and print the report",
            details: """
            Compiles your file for NAME (the current exercise if no name; its file in the
            workspace, or PATH) with the hidden tests, runs them in virtual time and prints
            the report: a score per category, the failing tests with what they expected,
            the interviewer's checklist and the review notes. Exit code 0 when every test
            passes, 1 when not (a failure, a compile error, a crash, a time-out).
            """,
            run: { session throws(AsynclingsError) in try RunCommand.run(session) }),
        Command(
            name: "hint", names: 1, nameLabel: "NAME", options: [],
            summary: "the next hint",
            details: """
            Shows the next hint for NAME (or the current exercise); hints go from general to
            specific and the count is kept.
            """,
            run: { session throws(AsynclingsError) in try HintCommand.run(session) }),
        Command(
            name: "review", names: 1, nameLabel: "NAME", options: [.json],
            summary: "the last check's checklist, or a summary of all",
            details: "With NAME: the checklist and review notes of your last check. Without: a table of every exercise you tried and the checklist items you miss most.",
            run: { session throws(AsynclingsError) in try ReviewCommand.run(session) }),
        Command(
            name: "solution", names: 1, nameLabel: "NAME", options: [.force],
            summary: "the reference solution and narration (after a pass)",
            details: """
            The reference solution and what a strong candidate would say. Available after you
            pass; --force shows it earlier and is recorded.
            """,
            run: { session throws(AsynclingsError) in try SolutionCommand.run(session) }),
        Command(
            name: "reset", names: 1, nameLabel: "NAME", options: [],
            summary: "back up your file and restore the starter",
            details: """
            Restores the starter file (with the rules comment on top). Your current file is
            first copied to practice/.asynclings/backup/NAME-<date>-<time>.swift (UTC).
            """,
            run: { session throws(AsynclingsError) in try ResetCommand.run(session) }),
        Command(
            name: "interview", names: 1, nameLabel: "NAME", options: [.minutes, .manual],
            summary: "a timed mock interview",
            details: "A mock interview: the prompt only, your intent first, a countdown (default 30 minutes), checks on every save, hints that cost points, and a scorecard at the end. With --manual, typed commands (check, hint, quit) instead of keys.",
            run: { session throws(AsynclingsError) in try InterviewCommand.run(session) }),
        Command(
            name: "verify", names: 1, nameLabel: "NAME", options: [],
            summary: "for catalog authors: check the catalog (or NAME's files)",
            details: """
            For catalog authors: every reference and alternative passes, every starter
            fails, and every file in flawed/ fails in exactly the categories its first line
            names. With NAME, only that exercise's files are checked.
            """,
            run: { session throws(AsynclingsError) in try VerifyCommand.run(session) }),
        Command(
            name: "help", names: 1, nameLabel: "COMMAND", options: [],
            summary: "more about one command",
            details: "More about one command: what it does, the names and options it takes.",
            run: nil),
    ]
}

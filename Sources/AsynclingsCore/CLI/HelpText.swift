/// The text of `--help` and `help COMMAND`.
enum HelpText {
    static let version = "asynclings 0.1.0"

    static let overview = """
    asynclings — practise Swift concurrency the way interviewers ask it.

    Usage: asynclings [COMMAND] [OPTIONS]

    Commands:
      (none)              practise: the current exercise, re-checked on every save
      list [--json]       every exercise with its status and best score
      show [NAME]         what NAME asks: signature, rules, InterviewKit types
      run [NAME] [--file PATH] [--json]
                          check an exercise once and print the report
      hint [NAME]         the next hint
      review [NAME] [--json]
                          the last check's checklist, or a summary of all
      solution [NAME] [--force]
                          the reference solution and narration (after a pass)
      reset [NAME]        back up your file and restore the starter
      interview [NAME] [--minutes N]
                          a timed mock interview
      verify              for catalog authors: check every exercise's suite
      help COMMAND        more about one command

    Options:
      --workspace DIR   where your files live (default ./practice,
                        or ASYNCLINGS_WORKSPACE)
      --catalog DIR     the exercises folder (default: the one this tool was
                        built from, or ASYNCLINGS_CATALOG)
      --manual          practise by typed commands (check, hint, list, …)
      --no-color        plain output (NO_COLOR is honoured too)
      -h, --help        this text
      --version         the version

    Exercises are named by slug (fetch-all) or number (1); without a name, run, show,
    hint, solution and reset act on the current exercise (the one practice last opened).
    Exit codes: 0 pass, 1 not passing yet, 2 usage error, 3 the tool could not do its job.
    """

    static func command(_ name: String) -> String {
        switch name {
        case "run": return """
            asynclings run [NAME] [--file PATH] [--json]

            Compiles your file for NAME (the current exercise if no name; its file in the
            workspace, or PATH) with the hidden tests, runs them in virtual time and prints
            the report: a score per category, the failing tests with what they expected,
            the interviewer's checklist and the review notes. Exit code 0 when every test
            passes, 1 when not (a failure, a compile error, a crash, a time-out).
            """
        case "show": return "asynclings show [NAME]\n\nWhat NAME (or the current exercise) asks: the interviewer's words, the signature to\nwrite, the rules that are graded, and the InterviewKit types it uses with their doc\ncomments. New practice files start with the same signature and rules as a comment."
        case "list": return "asynclings list [--json]\n\nEvery exercise in order: number, name, difficulty, status and best score."
        case "hint": return "asynclings hint [NAME]\n\nShows the next hint for NAME (or the current exercise); hints go from general to\nspecific and the count is kept."
        case "review": return "asynclings review [NAME] [--json]\n\nWith NAME: the checklist and review notes of your last check. Without: a table of every exercise you tried and the checklist items you miss most."
        case "solution": return "asynclings solution [NAME] [--force]\n\nThe reference solution and what a strong candidate would say. Available after you\npass; --force shows it earlier and is recorded."
        case "reset": return "asynclings reset [NAME]\n\nRestores the starter file (with the rules comment on top). Your current file is\nfirst copied to practice/.asynclings/backup/NAME-<date>-<time>.swift (UTC)."
        case "interview": return "asynclings interview [NAME] [--minutes N]\n\nA mock interview: the prompt only, your intent first, a countdown (default 30 minutes), checks on every save, hints that cost points, and a scorecard at the end."
        case "verify": return "asynclings verify\n\nFor catalog authors: every reference passes, every starter fails, and every file in flawed/ fails in exactly the categories its first line names."
        default: return overview
        }
    }
}

/// One plain sentence on what a common Swift 6 concurrency error means and the usual fix,
/// attached under the compiler's own words. Matched on the message's wording, first match wins.
enum DiagnosticExplanation {
    /// A phrase every matching message contains (all of them), and what to tell the learner.
    struct Entry {
        let phrases: [String]
        let text: String
    }

    /// The table, most specific first. Each entry has a test whose answer triggers it
    /// (Tests/AsynclingsTests/Engine/DiagnosticExplanationTests.swift).
    static let table: [Entry] = [
        Entry(phrases: ["passing closure as a 'sending' parameter risks causing data races"],
              text: "The closure may run at the same time as the code that started it, and it captures something that code can still use (a var, or an object that is not Sendable). Usually: let each task return its result and collect the results where you await them, or capture a let copy of a Sendable value."),
        Entry(phrases: ["mutation of captured var", "in concurrently-executing code"],
              text: "A closure that may run concurrently writes to a var of the code around it, so two writes could overlap. Usually: return the value from the task and assign it after await, instead of writing to the outer variable."),
        Entry(phrases: ["reference to captured var", "in concurrently-executing code"],
              text: "A closure that may run concurrently reads a var that the code around it may still change. Usually: capture a copy in the capture list ([name] in), or make it a let."),
        Entry(phrases: ["non-Sendable", "actor"],
              text: "A value whose type is not Sendable crosses between an actor and the code outside it, where both could use it at once. Usually: pass or return Sendable values (structs and enums of Sendable parts), or copy what you need out inside the actor."),
        Entry(phrases: ["with non-Sendable type", "'@Sendable' closure"],
              text: "A closure that may run concurrently captures a value whose type is not Sendable. Usually: capture only Sendable values (copy out the fields you need first), or make the type Sendable."),
        Entry(phrases: ["main actor-isolated"],
              text: "This belongs to the main actor, and the code here does not run on it. Usually: mark the caller @MainActor, or reach it with await from async code."),
        Entry(phrases: ["actor-isolated"],
              text: "An actor's state and methods belong to the actor, and this code runs outside it. Usually: make this code async and write await to call a method of the actor (changes to its state go in such a method), or move the code into the actor."),
        Entry(phrases: ["risks causing data races"],
              text: "A value that is not Sendable is handed to another task or actor while this code can still use it. Usually: stop using it after handing it over, create it inside the task, or make the type Sendable."),
        Entry(phrases: ["is not concurrency-safe because it is nonisolated global shared mutable state"],
              text: "A global or static var can be reached from every task at once. Usually: make it a let, keep the state in an actor, or pass the value in as a parameter."),
        Entry(phrases: ["expression is 'async' but is not marked with 'await'"],
              text: "This call can suspend (it is async, or it enters an actor), so Swift asks you to mark the point with await, inside an async function."),
    ]

    /// The explanation for `message`, if it is one of the common concurrency errors.
    static func explain(_ message: String) -> String? {
        table.first { entry in entry.phrases.allSatisfy { message.contains($0) } }?.text
    }
}

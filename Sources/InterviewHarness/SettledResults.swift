import Foundation

// How the suites of the "settled" exercises (fetch-all-settled, fetch-all-resilient) show and
// read the per-URL results a learner's answer returns.

/// One result as a learner reads it: the body in quotes, or "error" and the error's description.
public func shown(_ result: Result<Data, any Error>) -> String {
    switch result {
    case .success(let body): return "\"\(String(decoding: body, as: UTF8.self))\""
    case .failure(let error): return "error \(describe(error))"
    }
}

/// A list of results as a learner reads it.
public func shown(_ results: [Result<Data, any Error>]) -> String {
    "[" + results.map(shown).joined(separator: ", ") + "]"
}

/// The body as text, when the result is a success.
public func bodyText(_ result: Result<Data, any Error>) -> String? {
    guard case .success(let body) = result else { return nil }
    return String(decoding: body, as: UTF8.self)
}

/// The error, when the result is a failure.
public func failure(_ result: Result<Data, any Error>) -> (any Error)? {
    guard case .failure(let error) = result else { return nil }
    return error
}

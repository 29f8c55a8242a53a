// Temporary until Review/ lands.
public enum SourceReview { public static func review(_ source: String, settings: ReviewSettings) -> [ReviewNote] { [] } }
public enum IntentComment { public static func extract(_ source: String) -> String? { nil }
  public static func concepts(named text: String, concepts: [(id: String, words: [String])]) -> (named: [String], missed: [String]) { ([], concepts.map(\.id)) } }
public enum ReviewSeverity: String, Codable, Sendable { case essential, actionable, informative }
public struct ReviewNote: Codable, Equatable, Sendable { public let rule: String; public let line: Int; public let severity: ReviewSeverity; public let message: String }
public struct ReviewSettings: Sendable, Equatable { public var parallel: Bool; public var limit: Bool; public var off: Set<String>; public init(parallel: Bool = false, limit: Bool = false, off: Set<String> = []) { self.parallel = parallel; self.limit = limit; self.off = off } }

import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// The workspace's `compile_commands.json` lets the toolchain's SourceKit-LSP resolve
/// `import InterviewKit` in a practice file: no "no such module", and a hover on an
/// InterviewKit type shows its declaration.
final class EditorSupportTests: XCTestCase {
    func testCompileCommandsListPracticeAndInterviewFilesWithTheAnswerFlagsAndTheKit() throws {
        let checker = try TestSupport.checker()
        let build = try checker.harness.prepare(toolchain: checker.toolchain)
        let workspace = Workspace(folder: TestSupport.temporaryFolder())
        let practice = try workspace.open(TestSupport.exercise("fetch-all"))
        let interview = workspace.folder.appendingPathComponent("interview/fetch-all.swift")
        try FileManager.default.createDirectory(at: interview.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("import InterviewKit\n".utf8).write(to: interview)
        workspace.updateEditorSupport(checker)
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: workspace.compileCommandsFile)) as? [[String: Any]])
        XCTAssertEqual(entries.compactMap { $0["file"] as? String }.sorted(), [interview.path, practice.path].sorted())
        for entry in entries {
            let arguments = try XCTUnwrap(entry["arguments"] as? [String])
            XCTAssertEqual(arguments.first, checker.toolchain.swiftc)
            XCTAssertEqual(Array(arguments[1...Workspace.editorFlags.count]), Workspace.editorFlags)
            XCTAssertEqual(Set(SuiteBuild.answerFlags).subtracting(arguments), ["-enable-library-evolution"])
            XCTAssertEqual(arguments.firstIndex(of: "-I").map { arguments[$0 + 1] }, build.kitFolder.path)
        }
        // A new kit path (another harness build) rewrites it; the same one leaves it alone.
        let before = try Data(contentsOf: workspace.compileCommandsFile)
        workspace.writeCompileCommands(swiftc: checker.toolchain.swiftc, kitFolder: URL(fileURLWithPath: "/elsewhere/kit"))
        XCTAssertTrue(try String(contentsOf: workspace.compileCommandsFile, encoding: .utf8).contains("/elsewhere/kit"))
        workspace.updateEditorSupport(checker)
        XCTAssertEqual(try Data(contentsOf: workspace.compileCommandsFile), before)
    }

    func testSourceKitLSPResolvesInterviewKitInAPracticeFile() throws {
        let checker = try TestSupport.checker()
        _ = try checker.harness.prepare(toolchain: checker.toolchain)
        let server = URL(fileURLWithPath: checker.toolchain.swiftc).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("sourcekit-lsp")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: server.path), "this toolchain ships no sourcekit-lsp")
        let workspace = Workspace(folder: TestSupport.temporaryFolder())
        let file = try workspace.open(TestSupport.exercise("fetch-all"))
        workspace.updateEditorSupport(checker)
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("func fetchAll") && $0.contains("HTTPClient") })
        let column = try XCTUnwrap(lines[line].range(of: "HTTPClient")).lowerBound.utf16Offset(in: lines[line]) + 2

        let lsp = try LanguageServer(server, scratch: TestSupport.temporaryFolder())
        defer { lsp.stop() }
        let deadline = Date().addingTimeInterval(180)
        let root = workspace.folder.absoluteString
        _ = try lsp.request("initialize", [
            "processId": NSNull(), "rootUri": root,
            "workspaceFolders": [["uri": root, "name": "practice"]],
            "capabilities": ["textDocument": ["hover": ["contentFormat": ["plaintext"]], "diagnostic": [String: Any]()]],
        ], by: deadline)
        lsp.notify("initialized", [String: Any]())
        let uri = file.absoluteString
        lsp.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "swift", "version": 1, "text": text]])
        let document: [String: Any] = ["textDocument": ["uri": uri]]
        let report = try lsp.request("textDocument/diagnostic", document, by: deadline)
        let messages = ((report["items"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
        XCTAssertFalse(messages.contains { $0.lowercased().contains("no such module") }, "\(messages)")
        // Nothing else either: the starter compiles cleanly, and the editor's flags leave out
        // library evolution, whose warning on every import the learner could not fix.
        XCTAssertEqual(messages, [])
        let hover = try lsp.request("textDocument/hover", document.merging(["position": ["line": line, "character": column]] as [String: Any]) { $1 }, by: deadline)
        let contents = String(describing: hover["contents"] ?? "")
        XCTAssertTrue(contents.contains("protocol HTTPClient"), contents)
        XCTAssertTrue(contents.contains("Something that can fetch the body at a URL"), contents)
    }
}

/// Responses that have arrived, by request id, and a signal for each arrival.
private final class Inbox: Sendable {
    let responses = Mutex<[Int: Data]>([:])
    let arrived = DispatchSemaphore(value: 0)
}

/// A language server over standard input and output: JSON-RPC messages with a
/// Content-Length header, read on a thread of their own so every wait has a deadline.
private final class LanguageServer {
    struct Timeout: Error, CustomStringConvertible {
        let method: String
        var description: String { "sourcekit-lsp did not answer \(method) before the deadline" }
    }
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    private let process: Process
    private let input: FileHandle
    private let inbox = Inbox()
    private var nextID = 0

    init(_ executable: URL, scratch: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--scratch-path", scratch.path]
        let toServer = Pipe(), fromServer = Pipe()
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = toServer.fileHandleForWriting
        let output = fromServer.fileHandleForReading
        let inbox = inbox
        Thread {
            var buffer = Data()
            while true {
                let chunk = output.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                while let (id, body) = Self.take(&buffer) {
                    guard let id else { continue }
                    inbox.responses.withLock { $0[id] = body }
                    inbox.arrived.signal()
                }
            }
            inbox.arrived.signal()
        }.start()
    }

    /// One whole message from the front of `buffer`, if it has arrived: its id when it is a
    /// response (nil for notifications and requests from the server), and its body.
    private static func take(_ buffer: inout Data) -> (Int?, Data)? {
        guard let end = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        guard let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
              buffer.distance(from: end.upperBound, to: buffer.endIndex) >= length else { return nil }
        let body = Data(buffer[end.upperBound..<buffer.index(end.upperBound, offsetBy: length)])
        buffer = Data(buffer[buffer.index(end.upperBound, offsetBy: length)...])
        let message = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        return (message["method"] == nil ? message["id"] as? Int : nil, body)
    }

    private func send(_ message: [String: Any]) {
        guard let body = try? JSONSerialization.data(withJSONObject: message) else { return }
        input.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func notify(_ method: String, _ params: Any) {
        send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request and waits for its response until `deadline`; the result, or a failure.
    func request(_ method: String, _ params: Any, by deadline: Date) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        while true {
            if let body = inbox.responses.withLock({ $0.removeValue(forKey: id) }) {
                let response = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
                if let error = response["error"] { throw Failed(description: "\(method): \(error)") }
                return response["result"] as? [String: Any] ?? [:]
            }
            guard process.isRunning, inbox.arrived.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .success else {
                throw Timeout(method: method)
            }
        }
    }

    func stop() {
        if process.isRunning {
            _ = try? request("shutdown", NSNull(), by: Date().addingTimeInterval(10))
            notify("exit", NSNull())
        }
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

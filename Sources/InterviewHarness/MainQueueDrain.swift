import CoreFoundation
import Foundation

/// Runs the jobs waiting on the dispatch main queue, where `@MainActor` code goes.
///
/// The runtime sends main-actor jobs to the main queue (its main-executor hook is not called
/// in 6.3.1). Tests run on the main thread, so the runner can serve that queue itself whenever
/// its own executor is idle, which keeps main-actor code in virtual time.
enum MainQueueDrain {
    /// Serves the main queue until it is empty or `stop` says so; returns how many passes
    /// handled something (0: nothing was waiting). Does nothing off the main thread.
    ///
    /// `CFRunLoopRunInMode` with no time-out reports `.handledSource` after a pass that ran
    /// main-queue work and `.timedOut` once nothing is left, which `RunLoop.run(mode:before:)`
    /// cannot tell apart.
    static func runReady(stop: () -> Bool = { false }) -> Int {
        guard Thread.isMainThread else { return 0 }
        var passes = 0
        while !stop() {
            let result = CFRunLoopRunInMode(kCFRunLoopDefaultMode, 0, true)
            guard result == .handledSource else { break }
            passes += 1
        }
        return passes
    }
}

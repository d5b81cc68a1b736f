import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own for the runs a long-lived process starts (the Studio's): a run's tasks —
/// its batches transformed in parallel, its reads and writes — prefer this executor
/// (`withTaskExecutorPreference`, and ``Pipeline/Options/executor`` for the tasks the pipeline
/// starts on its own), so that they never hold the threads of Swift's shared pool, which serve the
/// server's requests. Swift's pool has as many threads as cores: a run that keeps them busy with
/// batches leaves a request waiting for a batch to finish (70 ms at the 99th percentile,
/// bench/results/server.md). On Linux the threads also run at a lower priority (nice 10), so that the
/// kernel gives a request's thread a core first.
///
/// The threads live as long as the process: create one executor for the process, not one per run.
public final class RunExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [UnownedJob] = []
    private var head = 0
    public let threads: Int

    public init(threads: Int, niceness: Int32 = 10) {
        self.threads = max(1, threads)
        for i in 0..<self.threads {
            let thread = Thread { [self] in self.work(niceness: niceness) }
            thread.name = "understudy-run-\(i)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work(niceness: Int32) {
        #if os(Linux)
        // Linux's nice is per thread, and `who` 0 is the calling thread: this lowers only the run's threads.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
        while true {
            condition.lock()
            while head == queue.count { condition.wait() }
            let job = queue[head]
            head += 1
            if head >= 1_024, head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

import Foundation
import SamenAnalytics
#if canImport(Glibc)
import Glibc
#endif

/// `samen opinion DIR`: the opinion map of a Pol.is export folder, as JSON or as a summary.
public enum OpinionCLI {
    public static func run(directory: String, json: Bool) throws -> String {
        let parsed = try PolisTransfer.parse(directory: URL(fileURLWithPath: directory))
        let moderatedOut = Set(parsed.statements.filter { $0.state.isModeratedOut }.map(\.number))
        let report = OpinionReport.compute(
            events: parsed.events.map { VoteEvent(participant: $0.participant, statement: $0.statement, vote: $0.vote,
                                                  timestamp: Double($0.votedAtMilliseconds)) },
            moderatedOut: moderatedOut)
        if json { return String(decoding: try report.encoded(pretty: true), as: UTF8.self) }
        let texts = Dictionary(uniqueKeysWithValues: parsed.statements.map { ($0.number, $0.body) })
        var out = "\(report.participantCount) participants × \(report.statementCount) statements, \(report.voteCount) votes; "
            + "\(report.groupedCount) grouped in \(report.groups.count) groups (\(String(format: "%.0f", report.timings.totalMs)) ms)\n"
        for group in report.groups {
            out += "\nGroup \(group.id) (\(group.size) participants)\n"
            for r in group.representative { out += "  \(r.percent)% \(r.direction): \(texts[r.statement] ?? "#\(r.statement)")\n" }
        }
        out += "\nCommon ground (every group leans the same way)\n"
        if report.commonGround.agree.isEmpty && report.commonGround.disagree.isEmpty { out += "  none\n" }
        for (side, items) in [("agree", report.commonGround.agree), ("disagree", report.commonGround.disagree)] {
            for c in items {
                let shares = c.groups.map { "group \($0.group) \($0.percent)%" }.joined(separator: ", ")
                out += "  \(side) in every group (\(shares)): \(texts[c.statement] ?? "#\(c.statement)")\n"
            }
        }
        out += "\nMajority of all participants (Pol.is consensus; a group may differ)\n"
        for c in report.majority.agree { out += "  \(c.percent)% agree: \(texts[c.statement] ?? "#\(c.statement)")\n" }
        for c in report.majority.disagree { out += "  \(c.percent)% disagree: \(texts[c.statement] ?? "#\(c.statement)")\n" }
        return out
    }
}

/// The figures behind `samen bench opinion`.
public enum OpinionBenchmark {
    /// Peak resident memory of this process in MB (getrusage: KB on Linux, bytes on macOS).
    public static func peakMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    public static func synthetic(_ size: String, seed: UInt64) throws {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2 else { throw BenchError(message: "size must look like 10000x1000") }
        let (participants, statements) = (parts[0], parts[1])
        // About 500,000 votes at 10,000 × 1,000 and 10,000,000 at 100,000 × 5,000.
        let perParticipant = statements >= 5000 ? 100 : 50
        let events = SyntheticConversation.events(participants: participants, statements: statements,
                                                  votesPerParticipant: perParticipant, seed: seed)
        let inputMB = peakMegabytes()
        let start = Date()
        let report = OpinionReport.compute(events: events, moderatedOut: [], includeParticipants: true)
        let seconds = Date().timeIntervalSince(start)
        let t = report.timings
        print(String(format: "%d × %d, %d votes: %.2f s wall, peak RSS %.0f MB (%.0f MB before the method: generated input); %d groups, %d grouped",
                     participants, statements, events.count, seconds, peakMegabytes(), inputMB, report.groups.count, report.groupedCount))
        print(String(format: "  matrix %.0f ms, components %.0f ms, projection %.0f ms, clusters %.0f ms, statistics %.0f ms",
                     t.matrixMs, t.componentsMs, t.projectionMs, t.clustersMs, t.statisticsMs))
    }

    public static func polis(directory: String, reference: String?) throws {
        let root = URL(fileURLWithPath: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("votes.csv").path) }
            .sorted()
        var redDwarf: [String: [String: Double]] = [:]
        if let reference {
            let data = try Data(contentsOf: URL(fileURLWithPath: reference))
            redDwarf = (try JSONSerialization.jsonObject(with: data) as? [String: [String: Double]]) ?? [:]
        }
        print("conversation                  participants  ARI (Samen)  ARI (§5 as written)  ARI (red-dwarf)  time Samen   time red-dwarf  speed-up")
        var ours: [Double] = [], asWritten: [Double] = [], theirs: [Double] = []
        for name in names {
            let export = try PolisExport(directory: root.appendingPathComponent(name))
            let start = Date()
            let map = OpinionMap(events: export.events, moderatedOut: export.moderatedOut)
            let seconds = Date().timeIntervalSince(start)
            let groups = map.groupOfParticipant
            let shared = groups.keys.filter { (export.polisGroups[$0] ?? nil) != nil }.sorted()
            let ari = AdjustedRandIndex.compute(shared.map { groups[$0]! }, shared.map { export.polisGroups[$0]!! })
            ours.append(ari)
            // The same run with opinion-map.md §5 exactly (one start, silhouette over base centres).
            let literal = OpinionMap(
                votes: VoteMatrix(events: export.events), moderatedOut: export.moderatedOut, groupChoice: .asWritten
            ).groupOfParticipant
            let literalShared = literal.keys.filter { (export.polisGroups[$0] ?? nil) != nil }.sorted()
            let literalARI = AdjustedRandIndex.compute(
                literalShared.map { literal[$0]! }, literalShared.map { export.polisGroups[$0]!! }
            )
            asWritten.append(literalARI)
            let other = redDwarf[name]
            if let value = other?["ari"] { theirs.append(value) }
            let otherARI = other?["ari"].map { String(format: "%.3f", $0) } ?? "–"
            let otherTime = other?["seconds"].map { String(format: "%.3f s", $0) } ?? "–"
            let ratio = other?["seconds"].map { String(format: "%.0f×", $0 / max(seconds, 1e-6)) } ?? "–"
            print(name.padding(toLength: 30, withPad: " ", startingAt: 0)
                  + String(format: "%12d  %11.3f  %18.3f  ", map.votes.rowCount, ari, literalARI)
                  + otherARI.padding(toLength: 15, withPad: " ", startingAt: 0) + "  "
                  + String(format: "%8.3f s", seconds) + "   " + otherTime.padding(toLength: 14, withPad: " ", startingAt: 0) + "  " + ratio)
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        print(String(format: "median ARI: Samen %.3f (as written %.3f)", median(ours), median(asWritten)) + (theirs.isEmpty ? "" : String(format: ", red-dwarf %.3f", median(theirs))))
    }

    public struct BenchError: Error, CustomStringConvertible {
        let message: String
        public var description: String { message }
    }
}

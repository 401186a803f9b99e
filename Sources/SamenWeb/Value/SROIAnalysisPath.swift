extension ValuePath {
    /// Stored SROI analyses (impact maps) of a trajectory: list, new, one, its edit and delete,
    /// the impact map as CSV out and in, and the printable report.
    static let analyses = register.appending("sroi-analyses")
    static let analysisNew = analyses.appending("new")
    static let analysis = analyses.appending(":analysis")
    static let analysisEdit = analysis.appending("edit")
    static let analysisDelete = analysis.appending("delete")
    static let analysisCSV = analysis.appending("impact-map.csv")
    static let analysisImport = analysis.appending("import")
    static let analysisReport = analysis.appending("report")

    static let apiAnalyses = TrajectoryAPIRoutes.one.appending("sroi-analyses")
    static let apiAnalysis = apiAnalyses.appending(":analysis")
    static let apiAnalysisResult = apiAnalysis.appending("result")
}

/// A position on the opinion map (first, second component).
public struct MapPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public func distance(to other: MapPoint) -> Double {
        squaredDistance(to: other).squareRoot()
    }

    @inline(__always)
    public func squaredDistance(to other: MapPoint) -> Double {
        let dx = x - other.x, dy = y - other.y
        return dx * dx + dy * dy
    }
}

extension PrincipalComponents {
    /// pᵢ = sqrt(n / max(1, nᵢ)) · Σ_{j voted} (rᵢⱼ − cⱼ)(pc1ⱼ, pc2ⱼ) for every row of the map matrix.
    ///
    /// The factor stretches participants who voted on few statements, who would
    /// otherwise all sit near the centre. Pass the matrix with moderated
    /// statements zeroed, so those columns count as voted for everyone.
    public func participantPositions(_ matrix: VoteMatrix) -> [MapPoint] {
        let m = matrix.columnCount
        precondition(m == center.count, "matrix and components disagree on statements")
        let pc1 = components[0], pc2 = components[1]
        return matrix.cells.withUnsafeBufferPointer { cells in
            (0..<matrix.rowCount).map { row in
                var x = 0.0, y = 0.0
                var voted = 0
                let base = row * m
                for j in 0..<m where cells[base + j] != VoteMatrix.missing {
                    let centred = Double(cells[base + j]) - center[j]
                    x += centred * pc1[j]
                    y += centred * pc2[j]
                    voted += 1
                }
                let scale = (Double(m) / Double(max(1, voted))).squareRoot()
                return MapPoint(x: scale * x, y: scale * y)
            }
        }
    }

    /// qⱼ = sqrt(n) · (1 − cⱼ) · (pc1ⱼ, pc2ⱼ): where someone who only agreed with
    /// statement j would be drawn. Its extremity is the distance from the origin.
    public func statementPositions() -> [MapPoint] {
        let root = Double(center.count).squareRoot()
        return center.indices.map { j in
            let factor = root * (1 - center[j])
            return MapPoint(x: factor * components[0][j], y: factor * components[1][j])
        }
    }
}

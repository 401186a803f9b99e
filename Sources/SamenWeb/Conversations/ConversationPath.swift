/// The conversation feature's URL shapes: each gives the route pattern and builds its links.
enum ConversationPath {
    static let list = PathPattern("/o/:org/conversations")
    static let detail = list.appending(":conversation")
    static let edit = detail.appending("edit")
    static let delete = detail.appending("delete")
    static let seeds = detail.appending("statements")
    static let seedEdit = seeds.appending(":number/edit")
    static let seedDelete = seeds.appending(":number/delete")
    static let links = detail.appending("links")

    static let api = PathPattern("/api/v1/organisations/:org/conversations")
    static let apiOne = api.appending(":conversation")
    static let apiSeeds = apiOne.appending("statements")
    static let apiSeed = apiSeeds.appending(":number")
}

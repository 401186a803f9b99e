import Hummingbird

struct PublicSurveyRoutes {
    let services: AppServices
    func register(on router: Router<AppRequestContext>) {}
}

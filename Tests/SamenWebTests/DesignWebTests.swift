import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Personas, journeys and blueprints")
struct DesignWebTests {
    @Test("the demo persona shows its evidence; its journey has an emotion curve, a table and a blueprint; the story shows where it is used")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/personas")
            #expect(list.text.contains("Anna (67)"))
            let personaPath = try #require(list.text.firstMatch(of: /\/personas\/[a-f0-9-]{36}/).map { trajectory + String($0.output) })
            let persona = try await ilse.get(personaPath)
            #expect(persona.text.contains("steeds opnieuw uitleggen wat er was"))
            #expect(!persona.text.contains("Rust op minder dan drie bronnen."), "the demo persona rests on three stories")
            let journeyPath = try #require(persona.text.firstMatch(of: /\/journeys\/[a-f0-9-]+/).map { trajectory + String($0.output) })
            let journey = try await ilse.get(journeyPath)
            #expect(journey.text.contains("<polyline points="))
            #expect(journey.text.contains(#"role="img" aria-labelledby="curve-title curve-desc""#))
            #expect(journey.text.contains("Brief met het besluit"))
            let blueprint = try await ilse.get(journeyPath + "?view=blueprint")
            #expect(blueprint.text.contains("Lijn van zichtbaarheid"))
            #expect(blueprint.text.contains("Zaaksysteem"))
            let story = try await ilse.get(try #require(journey.text.firstMatch(of: /href="([^"]*\/stories\/[a-f0-9-]{36})"/).map { String($0.output.1) }))
            #expect(story.text.contains("Persona Anna (67)"), "from the story forward to the persona")
            #expect(story.text.contains("Kapotte wasmachine vervangen:"), "and to the journey card")
        }
    }

    @Test("the emotion curve names every step: in each point's title, in the chart's text alternative and in a legend")
    func curveNamesSteps() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let persona = try await ilse.get(try #require(try await ilse.get(trajectory + "/personas").text
                .firstMatch(of: /\/personas\/[a-f0-9-]{36}/).map { trajectory + String($0.output) }))
            let journeyPath = try #require(persona.text.firstMatch(of: /\/journeys\/[a-f0-9-]+/).map { trajectory + String($0.output) })
            let html = try await ilse.get(journeyPath).text
            let svg = try #require(html.firstMatch(of: /<svg[^>]*class="curve"(?s:.)*?<\/svg>/).map { String($0.output) })
            let desc = try #require(svg.firstMatch(of: /<desc id="curve-desc">([^<]*)<\/desc>/).map { String($0.output.1) })
            let legend = try #require(html.firstMatch(of: /<ol class="curve-legend"(?s:.)*?<\/ol>/).map { String($0.output) })
            // The steps as the table lists them: number, stage, touchpoint.
            let steps = html.matches(of: /<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)/).map { (String($0.output.1), String($0.output.2), String($0.output.3)) }
            #expect(steps.count >= 3, "the demo journey has steps")
            for (number, stage, touchpoint) in steps {
                let name = [stage, touchpoint].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " · ")
                #expect(svg.contains("<title>\(number). \(name) ("), "point \(number) is named in the drawing")
                #expect(desc.contains("\(number) \(name) ("), "step \(number) is in the text alternative")
                #expect(legend.contains("<li value=\"\(number)\">\(name) "), "step \(number) is in the legend")
            }
        }
    }

    @Test("a persona needs evidence; one source gives a warning; a step's feeling must be −2 to +2")
    func rules() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let none = try await ilse.post(trajectory + "/personas", ["name": "Kees"])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("Kies minstens één passage"))
            #expect(none.text.contains(#"value="Kees""#))
            let page = try await ilse.get(trajectory + "/personas")
            let highlight = try #require(page.text.firstMatch(of: /name="highlight" type="checkbox" value="([a-f0-9-]{36})"/).map { String($0.output.1) })
            let created = try await ilse.post(trajectory + "/personas", ["name": "Kees", "highlight": highlight])
            let personaPath = try #require(created.location)
            #expect(try await ilse.get(personaPath).text.contains("Rust op minder dan drie bronnen."))
            let journey = try await ilse.post(personaPath + "/journeys", ["scenario": "Verhuizen", "kind": "to_be"])
            let journeyPath = try #require(journey.location)
            let bad = try await ilse.post(journeyPath + "/steps", ["stage": "Start", "position": "1", "touchpoint": "Website", "channel": "web", "emotion": "5"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Kies een getal van −2 tot en met 2."))
            #expect(try await ilse.post(journeyPath + "/steps", ["stage": "Start", "position": "1", "touchpoint": "Website", "channel": "web",
                                                                   "emotion": "2"]).status == .seeOther)
            #expect(try await ilse.get(journeyPath).text.contains("+2"))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.post(journeyPath + "/steps", ["stage": "x"]).status == .forbidden)
        }
    }
}

@testable import Sketch

/// The committed prompt set: agency-style prompts written for these tests (none is in the lexicon's own tests),
/// each with the fields it states. Nouns were chosen from briefs a storyboard artist gets, not from the lexicon.
enum PromptSet {
    typealias S = PromptSetCase.Subject

    static let cases: [PromptSetCase] = [
        .init(prompt: "a chef chopping onions in a restaurant kitchen", setting: .cafe,
              subjects: [S(noun: "chef", drawnAs: .person), S(noun: "onion", drawnAs: .fruit, count: 2)]),
        .init(prompt: "a white delivery van outside a warehouse", setting: .warehouse,
              subjects: [S(noun: "van", drawnAs: .truck, colour: .white)]),
        .init(prompt: "close-up of a silver wristwatch on a marble counter", shotSize: .closeUp,
              subjects: [S(noun: "wristwatch", drawnAs: .watch, colour: .silver, relation: (.on, "counter")), S(noun: "counter", drawnAs: .table)]),
        .init(prompt: "three horses grazing in a meadow", setting: .field,
              subjects: [S(noun: "horse", drawnAs: .horse, count: 3, action: .standing)]),
        .init(prompt: "a fisherman in a small boat on a river at dawn", time: .dawn, setting: .lake,
              subjects: [S(noun: "fisherman", drawnAs: .person), S(noun: "boat", drawnAs: .boat)]),
        .init(prompt: "wide shot of two cyclists riding along a coastal road at sunset", shotSize: .wide, time: .sunset, setting: .road,
              subjects: [S(noun: "cyclist", drawnAs: .person, count: 2)]),
        .init(prompt: "a crowd of people outside a stadium at night", time: .night,
              subjects: [S(noun: "people", drawnAs: .person, count: 8), S(noun: "stadium", drawnAs: .stadium)]),
        .init(prompt: "a family having a picnic in the park", setting: .park,
              subjects: [S(noun: "family", drawnAs: .man, count: 3)]),
        .init(prompt: "a red apple on a wooden table, soft morning light", time: .day,
              subjects: [S(noun: "apple", drawnAs: .fruit, colour: .red, relation: (.on, "table")), S(noun: "table", drawnAs: .table)]),
        .init(prompt: "a cat sleeping on the armchair", subjects: [
              S(noun: "cat", drawnAs: .cat, action: .lying, relation: (.on, "armchair")), S(noun: "armchair", drawnAs: .armchair)]),
        .init(prompt: "a woman holding an umbrella in the rain on a city street", setting: .cityStreet,
              subjects: [S(noun: "woman", drawnAs: .woman, relation: (.holding, "umbrella")), S(noun: "umbrella", drawnAs: .umbrella)]),
        .init(prompt: "a man standing behind the car", subjects: [
              S(noun: "man", drawnAs: .man, action: .standing, relation: (.behind, "car")), S(noun: "car", drawnAs: .car)]),
        .init(prompt: "a helicopter flying over the mountains", setting: .mountains,
              subjects: [S(noun: "helicopter", drawnAs: .helicopter, action: .flying)]),
        .init(prompt: "a passenger jet taking off at dusk", time: .dusk, subjects: [S(noun: "jet", drawnAs: .plane)]),
        .init(prompt: "a lighthouse on a rocky coast at golden hour", time: .goldenHour, setting: .beach,
              subjects: [S(noun: "lighthouse", drawnAs: .lighthouse)]),
        .init(prompt: "an old stone cottage in the countryside", setting: .field, subjects: [S(noun: "cottage", drawnAs: .house)]),
        .init(prompt: "a glass of red wine next to a bottle", subjects: [
              S(noun: "glass", drawnAs: .glass, colour: .red, relation: (.nextTo, "bottle")), S(noun: "bottle", drawnAs: .bottle)]),
        .init(prompt: "a pair of running shoes on a bench", subjects: [
              S(noun: "shoe", drawnAs: .shoe, count: 2, relation: (.on, "bench")), S(noun: "bench", drawnAs: .chair)]),
        .init(prompt: "a leather handbag on a shop counter", setting: .shop, subjects: [
              S(noun: "handbag", drawnAs: .bag, relation: (.on, "counter")), S(noun: "counter", drawnAs: .table)]),
        .init(prompt: "overhead shot of a plate of sushi", angle: .overhead, subjects: [S(noun: "sushi", drawnAs: .food)]),
        .init(prompt: "a seagull flying over the harbour", setting: .beach, subjects: [S(noun: "seagull", drawnAs: .bird, action: .flying)]),
        .init(prompt: "two ducks swimming in a pond", setting: .lake, subjects: [S(noun: "duck", drawnAs: .bird, count: 2)]),
        .init(prompt: "a yellow taxi driving past a skyscraper", subjects: [
              S(noun: "taxi", drawnAs: .car, colour: .yellow, action: .running), S(noun: "skyscraper", drawnAs: .building)]),
        .init(prompt: "a blue swimming pool behind a villa", subjects: [
              S(noun: "swimming pool", drawnAs: .water, colour: .blue, relation: (.behind, "villa")), S(noun: "villa", drawnAs: .house)]),
        .init(prompt: "a billboard above a busy highway at night", time: .night, setting: .road,
              subjects: [S(noun: "billboard", drawnAs: .sign)]),
        .init(prompt: "a nurse walking down a hospital corridor", subjects: [S(noun: "nurse", drawnAs: .person, action: .walking)]),
        .init(prompt: "medium shot of a barista making coffee in a cafe", shotSize: .medium, setting: .cafe,
              subjects: [S(noun: "barista", drawnAs: .person), S(noun: "coffee", drawnAs: .cup)]),
        .init(prompt: "a black motorcycle parked next to a lamp post", subjects: [
              S(noun: "motorcycle", drawnAs: .motorcycle, colour: .black, action: .standing)]),
        .init(prompt: "a sailing yacht on a calm sea", setting: .beach, subjects: [S(noun: "yacht", drawnAs: .boat)]),
        .init(prompt: "a farmer with four sheep in a field", setting: .field, subjects: [
              S(noun: "farmer", drawnAs: .person), S(noun: "sheep", drawnAs: .horse, count: 4)]),
        .init(prompt: "a green bicycle leaning against a brick wall", subjects: [S(noun: "bicycle", drawnAs: .bicycle, colour: .green)]),
        .init(prompt: "low angle of a church tower against the sky", angle: .low, subjects: [S(noun: "tower", drawnAs: .tower)]),
        .init(prompt: "a croissant and a cup of coffee on a cafe table", setting: .cafe, subjects: [
              S(noun: "croissant", drawnAs: .food), S(noun: "cup", drawnAs: .cup, relation: (.on, "table")), S(noun: "table", drawnAs: .table)]),
        .init(prompt: "a laptop on a desk in a home office", setting: .office, subjects: [
              S(noun: "laptop", drawnAs: .laptop, relation: (.on, "desk")), S(noun: "desk", drawnAs: .table)]),
        .init(prompt: "a vintage camera on a shelf", subjects: [S(noun: "camera", drawnAs: .camera)]),
        .init(prompt: "a brown dog lying under the table", subjects: [
              S(noun: "dog", drawnAs: .dog, colour: .brown, action: .lying, relation: (.under, "table")), S(noun: "table", drawnAs: .table)]),
        .init(prompt: "a deer standing in a misty forest at dawn", time: .dawn, setting: .forest,
              subjects: [S(noun: "deer", drawnAs: .horse, action: .standing)]),
        .init(prompt: "a waiter carrying a tray of drinks", subjects: [S(noun: "waiter", drawnAs: .person)]),
        .init(prompt: "extreme close-up of a ripe banana", shotSize: .extremeCloseUp, subjects: [S(noun: "banana", drawnAs: .fruit)]),
        .init(prompt: "a girl in front of a big screen", subjects: [
              S(noun: "girl", drawnAs: .child, relation: (.inFrontOf, "screen")), S(noun: "screen", drawnAs: .television)]),
        .init(prompt: "a pilot walking towards a small plane at the airfield", subjects: [
              S(noun: "pilot", drawnAs: .person, action: .walking), S(noun: "plane", drawnAs: .plane)]),
        .init(prompt: "two policemen standing by a police car", subjects: [
              S(noun: "policeman", drawnAs: .person, count: 2, action: .standing), S(noun: "car", drawnAs: .car)]),
        .init(prompt: "an orange cat on a windowsill in a bedroom", setting: .bedroom, subjects: [S(noun: "cat", drawnAs: .cat, colour: .orange)]),
        .init(prompt: "a bowl of fresh strawberries on the kitchen counter", setting: .kitchen, subjects: [S(noun: "strawberry", drawnAs: .fruit)]),
    ]
}

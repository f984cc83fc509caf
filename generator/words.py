"""Word lists the plan generator composes clause texts, titles and sources from.

Enough variety that generated texts read like drafts and differ from one another.
"""

from clauses.vocabularies import Stance, Topic
from parties.models import PartyKind

PARTIES: list[tuple[str, str, str, str, str]] = [
    ("ukraine", "Ukraine", "Ukraine", PartyKind.STATE, "#0057b7"),
    ("russia", "Russia", "Russia", PartyKind.STATE, "#a4343a"),
    ("united-states", "United States", "US", PartyKind.MEDIATOR, "#3c3b6e"),
    ("european-partners", "European partners", "Europe", PartyKind.BLOC, "#2f6f4f"),
    ("united-kingdom", "United Kingdom", "UK", PartyKind.STATE, "#1d3f73"),
    ("turkey", "Turkey", "Turkey", PartyKind.MEDIATOR, "#c8102e"),
    ("china", "China", "China", PartyKind.STATE, "#b8860b"),
    ("united-nations", "United Nations", "UN", PartyKind.ORGANIZATION, "#4b92db"),
    ("iaea", "International Atomic Energy Agency", "IAEA", PartyKind.ORGANIZATION, "#2a6f97"),
    ("nato", "NATO", "NATO", PartyKind.ORGANIZATION, "#004990"),
    ("qatar", "Qatar", "Qatar", PartyKind.MEDIATOR, "#8a1538"),
    ("saudi-arabia", "Saudi Arabia", "Saudi", PartyKind.MEDIATOR, "#006c35"),
]

ACTORS = [
    "Ukraine",
    "Russia",
    "The United States",
    "The parties",
    "European partners",
    "The Russian Federation",
    "The Government of Ukraine",
    "The guarantor states",
    "The Joint Monitoring Commission",
    "An international contingent",
]
MODALS = ["will", "shall", "agrees to", "undertakes to", "commits to", "may", "is expected to"]
REGIONS = [
    "Donetsk",
    "Luhansk",
    "Zaporizhzhia",
    "Kherson",
    "Crimea",
    "Kharkiv",
    "the Kinburn Spit",
    "the Dnipro river line",
    "Sumy",
    "the Azov coast",
]
FIGURES = ["30", "60", "90", "100", "120", "180", "365", "600,000", "800,000", "5,000", "15"]
MONITORS = ["the OSCE", "the United Nations", "the IAEA", "a joint commission", "neutral observers"]

ACTIONS: dict[str, list[str]] = {
    Topic.TERRITORY: [
        "withdraw its forces from the {region} region",
        "recognise the line of contact in {region} as the line of control",
        "leave the status of {region} to later negotiation",
        "refrain from changing borders by force",
        "treat {region} as a demilitarized buffer zone",
        "freeze the front line along {region}",
    ],
    Topic.SECURITY_GUARANTEES: [
        "provide Ukraine with security guarantees modelled on Article 5",
        "consult within {n} hours of any renewed attack",
        "restore sanctions automatically if the agreement is violated",
        "guarantee the non-aggression commitments in a binding treaty",
        "respond jointly to any breach of the ceasefire",
    ],
    Topic.MILITARY: [
        "cap the armed forces of Ukraine at {n} personnel in peacetime",
        "withdraw heavy weapons {n} kilometres from the line of contact",
        "exchange all prisoners of war on an all-for-all basis",
        "cease all strikes on energy infrastructure",
        "keep no foreign troops on Ukrainian territory",
    ],
    Topic.ALLIANCES: [
        "enshrine in its constitution that it will not join NATO",
        "not expand NATO further to the east",
        "keep the door open to European Union membership",
        "not station NATO forces in Ukraine",
        "hold a dialogue on European security architecture",
    ],
    Topic.NUCLEAR_ENERGY: [
        "place the Zaporizhzhia nuclear plant under IAEA supervision",
        "share the electricity of the Zaporizhzhia plant equally",
        "remain a non-nuclear state under the Non-Proliferation Treaty",
        "restore the water supply to the cooling ponds of the plant",
        "allow inspectors permanent access to the plant",
    ],
    Topic.ECONOMY_SANCTIONS: [
        "lift sanctions in stages as the agreement is implemented",
        "invest {n} billion of frozen assets in the reconstruction of Ukraine",
        "readmit Russia to the G8 once the agreement holds",
        "establish a reconstruction fund under joint supervision",
        "resume grain exports through the Black Sea ports",
    ],
    Topic.HUMANITARIAN: [
        "return all civilian detainees and hostages",
        "reunite families and return deported children",
        "grant an amnesty for acts committed during the war",
        "open humanitarian corridors for the evacuation of civilians",
        "set up a committee to address grievances of all sides",
    ],
    Topic.GOVERNANCE_ELECTIONS: [
        "hold elections within {n} days of the signing",
        "protect the rights of religious and linguistic minorities",
        "adopt educational programmes promoting tolerance",
        "reject ideologies of hatred in law",
        "allow international observers at every election",
    ],
    Topic.IMPLEMENTATION_MONITORING: [
        "monitor the ceasefire through a peace council chaired by the United States",
        "report on implementation every {n} days",
        "settle disputes through a joint commission",
        "make the agreement legally binding once ratified",
        "enter into force as soon as both parties sign",
    ],
}
QUALIFIERS = [
    "within {n} days of the signing",
    "under international monitoring",
    "subject to verification by {monitor}",
    "once the ceasefire has held for {n} days",
    "without prejudice to its sovereignty",
    "as set out in annex {annex}",
    "in consultation with European partners",
    "provided the other side reciprocates",
    "in line with the United Nations Charter",
    "on a timetable agreed by the parties",
]
TITLES: dict[str, list[str]] = {
    Topic.TERRITORY: [
        "Withdrawal from {region}",
        "Line of control in {region}",
        "Status of {region}",
    ],
    Topic.SECURITY_GUARANTEES: ["Security guarantees", "Snapback of sanctions", "Non-aggression"],
    Topic.MILITARY: ["Size of the armed forces", "Heavy weapons", "Prisoner exchange"],
    Topic.ALLIANCES: ["NATO membership", "EU accession", "Foreign troops"],
    Topic.NUCLEAR_ENERGY: ["Zaporizhzhia nuclear plant", "Non-nuclear status", "Energy supply"],
    Topic.ECONOMY_SANCTIONS: ["Sanctions relief", "Frozen assets", "Reconstruction fund"],
    Topic.HUMANITARIAN: ["Civilian detainees", "Deported children", "Amnesty"],
    Topic.GOVERNANCE_ELECTIONS: ["Elections", "Minority rights", "Education"],
    Topic.IMPLEMENTATION_MONITORING: ["Peace council", "Dispute settlement", "Entry into force"],
}
STANCE_WORDS: dict[str, list[str]] = {
    Stance.SUPPORTS: ["supports the point as drafted", "has endorsed the wording", "accepts it"],
    Stance.CONDITIONAL: [
        "accepts it if guarantees come first",
        "would agree subject to sequencing",
        "supports it on conditions",
    ],
    Stance.AMBIGUOUS: ["has sent mixed signals", "has not committed either way", "is reviewing it"],
    Stance.OPPOSES: ["opposes the wording", "has rejected this draft of it", "calls it unbalanced"],
    Stance.RED_LINE: [
        "calls it a red line",
        "says it will never accept it",
        "rules it out entirely",
    ],
    Stance.UNKNOWN: ["has not stated a position", "has made no public statement"],
}
OUTLETS = ["Reuters", "Associated Press", "Kyiv Independent", "TASS", "Financial Times", "Politico"]
LABELS = [
    "US {n}-point draft",
    "Joint US-Ukraine framework",
    "Russian counter-proposal",
    "European amendments",
    "Geneva working text",
    "Revised framework",
    "Consolidated text",
]

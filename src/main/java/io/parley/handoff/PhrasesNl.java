package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** Dutch: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesNl {

    private PhrasesNl() {}

    static Phrasebook phrasebook() {
        String head = Phrasebooks.any(
                "een medewerker|medewerker|een medewerkster|medewerkster|iemand|een mens|mens|een persoon|"
                        + "een echt persoon|een echte persoon|echte persoon|een echt mens|echt mens|"
                        + "de klantenservice|klantenservice|een vertegenwoordiger|een adviseur|adviseur|een collega|"
                        + "de helpdesk|helpdesk|een leidinggevende|de manager|een manager|een supervisor|de support|"
                        + "support|een servicemedewerker|servicemedewerker|een operator|de baas|jullie team|"
                        + "het team|de klantendienst|klantendienst|een specialist");
        String mod = Phrasebooks.any("een|de|het|jullie|uw|je|echte|echt|van|direct|even");
        String noun =
                Phrasebooks.any("medewerker|medewerkster|mens|persoon|adviseur|leidinggevende|manager|klantenservice|"
                        + "servicemedewerker|helpdesk|collega|vertegenwoordiger");
        String offerHead =
                Phrasebooks.any("medewerker|medewerkers|medewerkster|collega|collegas|team|mens|persoon|adviseur|"
                        + "specialist|klantenservice|iemand|helpdesk");
        Set<String> yes = Phrasebooks.words(
                "ja graag ok oke okay prima goed zeker natuurlijk doe top akkoord jazeker jawel super "
                        + "fijn mooi jep jup tuurlijk uiteraard gaarne");
        return new Phrasebook(
                "nl",
                List.of(
                        Phrasebooks.p("\\b(?:spreken|praten|chatten|bellen|communiceren|contact|contact opnemen)"
                                + "(?: (?:direct|even|nu))? (?:met|tegen)(?: " + mod + ")* " + head + "\\b"),
                        Phrasebooks.p("\\b(?:met|tegen)(?: " + mod + ")* " + head
                                + "\\b(?: \\w+){0,4}? (?:spreken|praten|chatten"
                                + "|bellen|communiceren|verbonden|doorverbonden|in contact)\\b"),
                        Phrasebooks.p("\\b(?:(?:een|de|jullie)(?: (?:echte|echt|andere))? " + noun + "|iemand)"
                                + "(?: (?:van|bij) (?:jullie|uw|de|het) \\w+)? (?:spreken|bereiken"
                                + "|te spreken krijgen|aan de lijn)\\b"),
                        Phrasebooks.p(
                                "\\b(?:verbind|verbindt|verbinden|doorverbinden|doorverbind|doorschakelen|schakel|zet)"
                                        + "(?: (?:me|mij|u|ons))?(?: (?:even|graag|door|nu|maar))* (?:met|naar|aan)(?: "
                                        + mod
                                        + ")* " + head + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:ik wil|ik zou graag|ik heb|ik zoek|ik vraag om|ik vraag naar|geef me|geef mij|mag ik"
                                        + "|kan ik|kunt u|kun je|ik eis|graag)(?: (?:graag|nu|even|liever|een|de|met|echte"
                                        + "|echt))* (?:medewerker|medewerkster|mens|echte persoon|echt persoon|adviseur"
                                        + "|leidinggevende|manager|servicemedewerker|klantenservice|echt mens)\\b"
                                        + "(?!(?: \\w+){0,4} (?:gesproken|gehad|gebeld|gezien|gevraagd)\\b)")),
                List.of(
                        Phrasebooks.p("\\b(?:echte|echt) (?:mens|persoon|medewerker)\\b"),
                        Phrasebooks.p("\\bmens van vlees en bloed\\b"),
                        Phrasebooks.p("\\bmenselijke (?:medewerker|hulp|ondersteuning|klantenservice)\\b")),
                Phrasebooks.p("^(?:(?:hallo|hoi|hi|goedemiddag|goedemorgen|ok|oke|ja|graag|een|ik wil) )*"
                        + "(?:medewerker|medewerkster|mens|echt mens|echte persoon|klantenservice|adviseur|persoon"
                        + "|helpdesk|servicemedewerker|een mens|support|menselijke medewerker)"
                        + "(?: (?:graag|aub|a u b|alsjeblieft|alstublieft|nu|svp|dringend|bedankt))*$"),
                Phrasebooks.p("\\b(?:niet|geen|nooit|zonder|was|al)\\b(?: \\w+){0,4}$"),
                Phrasebooks.p(
                        "\\b(?:kan|kun|kunt|mag|lukt) (?:\\w+ ){0,2}?(?:niet|nergens)\\b|\\bwaarom (?:kan|kun|kunt|mag)\\b"),
                Phrasebooks.p("(?:\\b(?:ben je|bent u|ben jij|is dit|is het|jij bent|u bent|je bent)"
                        + "|\\b(?:praat|spreek|chat) ik (?:hier )?met)(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p(
                                "\\b(?:doorverbind|doorverbinden|verbind|verbinden|doorsturen|doorzetten|overdragen|draag"
                                        + "|doorschakelen|zet)\\b(?: \\w+){0,3}? (?:met|aan|naar)\\b(?: \\w+){0,4}? "
                                        + offerHead + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:wil je|wilt u|zou je|zou u|wil jij|zal ik|kan ik|mag ik|ik kan)\\b(?: \\w+){0,5}? "
                                        + offerHead
                                        + "\\b(?: \\w+){0,4}? (?:spreken|praten|chatten|doorverbinden|verbinden"
                                        + "|inschakelen|laten helpen|erbij halen|halen)\\b")),
                Phrasebooks.p("\\b(?:niet|geen|niemand|onmogelijk)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "dank je u wel bedankt alsjeblieft alstublieft aub a b dat zou zijn met een medewerker "
                                + "verbind me mij door ik wil heel maar is lijkt svp"),
                List.of("waarom niet"));
    }
}
